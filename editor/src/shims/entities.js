// Stands in for the `entities` package in the bundle (its full table of named character
// references is most of its size). The editor keeps any block with a named reference as
// Markdown source (see UNTOUCHABLE in markdown.js), so only these few are ever decoded here.
const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

const decode = (s) => s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]*));/g,
  (whole, dec, hex, name) => {
    if (name) return NAMED[name] ?? whole;
    const code = dec ? Number(dec) : parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code) : '\ufffd';
  });

export const decodeHTML = decode;
export const decodeHTMLStrict = decode;
