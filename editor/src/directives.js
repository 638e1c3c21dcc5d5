// The block directives of a story body (docs: BLOCKS.md): reading and writing their one-line
// syntax, and a markdown-it block rule that turns them into tokens the editor's parser knows.
//
//   ::image[Alt]{media=42 layout=wide caption="…" credit="…"}     leaf (one line)
//   :::pullquote{cite="…"}  … markdown …  :::                      container
//
// Only the names below are directives; any other `::name` line stays a paragraph of text.

export const LEAVES = ['image', 'embed', 'readmore'];
export const CONTAINERS = ['gallery', 'pullquote', 'factbox', 'note'];

const NAME = /^[a-z]+/;

// Reads `[label]{attrs}` from `s` at `i`; null when malformed.
function readLabelAndAttrs(s, i) {
  let label = null;
  if (s[i] === '[') {
    label = '';
    i += 1;
    for (;;) {
      if (i >= s.length) return null;
      const c = s[i];
      if (c === '\\' && (s[i + 1] === ']' || s[i + 1] === '\\')) { label += s[i + 1]; i += 2; continue; }
      if (c === ']') { i += 1; break; }
      label += c;
      i += 1;
    }
  }
  const attrs = {};
  if (s[i] === '{') {
    i += 1;
    for (;;) {
      while (s[i] === ' ' || s[i] === '\t') i += 1;
      if (i >= s.length) return null;
      if (s[i] === '}') { i += 1; break; }
      const key = /^[A-Za-z][A-Za-z0-9_-]*/.exec(s.slice(i));
      if (!key || s[i + key[0].length] !== '=') return null;
      i += key[0].length + 1;
      let value = '';
      if (s[i] === '"') {
        i += 1;
        for (;;) {
          if (i >= s.length) return null;
          const c = s[i];
          if (c === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) { value += s[i + 1]; i += 2; continue; }
          if (c === '"') { i += 1; break; }
          value += c;
          i += 1;
        }
      } else {
        const bare = /^[^\s"{}]+/.exec(s.slice(i));
        if (!bare) return null;
        value = bare[0];
        i += value.length;
      }
      attrs[key[0]] = value;
    }
  }
  if (s.slice(i).trim() !== '') return null;
  return { label, attrs };
}

// A directive line: `{ colons, name, label, attrs }`, or null when the line is not one of ours.
export function parseDirectiveLine(line) {
  const m = /^(:{2,3})/.exec(line);
  if (!m) return null;
  const colons = m[1].length;
  const rest = line.slice(colons);
  const name = NAME.exec(rest)?.[0];
  if (!name) return null;
  const known = colons === 2 ? LEAVES : CONTAINERS;
  if (!known.includes(name)) return null;
  const parsed = readLabelAndAttrs(rest, name.length);
  if (!parsed) return null;
  return { colons, name, ...parsed };
}

export const isCloser = (line) => /^:::\s*$/.test(line);

const escapeLabel = (s) => s.replace(/[\\\]]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
// Attributes that name something (an id, a slug, a keyword) are written bare; free text and
// addresses always in quotes, so the stored form reads the same whatever their value.
const BARE = ['media', 'layout', 'kind', 'article'];
const formatValue = (k, v) => (BARE.includes(k) && /^[A-Za-z0-9_.-]+$/.test(v)
  ? v : `"${v.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, ' ')}"`);

// The line for a directive: attributes in the order given, empty or missing ones left out.
export function formatDirective(colons, name, label, attrs) {
  let out = ':'.repeat(colons) + name;
  if (label !== null && label !== undefined) out += `[${escapeLabel(label)}]`;
  const parts = attrs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${formatValue(k, String(v))}`);
  if (parts.length) out += `{${parts.join(' ')}}`;
  return out;
}

// markdown-it plugin: leaf directives become `<name>_directive` tokens, containers a pair of
// `<name>_open`/`<name>_close` tokens around their parsed content.
export function directivesPlugin(md) {
  md.block.ruler.before('fence', 'broadsheet_directive', (state, startLine, endLine, silent) => {
    const start = state.bMarks[startLine] + state.tShift[startLine];
    // Only at the left edge of its container (not indented code).
    if (state.sCount[startLine] - state.blkIndent >= 4) return false;
    if (state.src.charCodeAt(start) !== 0x3a) return false;
    const line = state.src.slice(start, state.eMarks[startLine]);
    const d = parseDirectiveLine(line);
    if (!d) return false;
    if (silent) return true;
    if (d.colons === 2) {
      const t = state.push(`${d.name}_directive`, 'div', 0);
      t.meta = { label: d.label, attrs: d.attrs };
      t.map = [startLine, startLine + 1];
      t.block = true;
      state.line = startLine + 1;
      return true;
    }
    // A container ends at its `:::` line (containers nest), or at the end of its parent.
    let depth = 1;
    let next = startLine + 1;
    for (; next < endLine; next += 1) {
      if (state.sCount[next] < state.blkIndent) break;
      const s = state.src.slice(state.bMarks[next] + state.tShift[next], state.eMarks[next]);
      if (state.sCount[next] - state.blkIndent < 4) {
        if (isCloser(s)) { depth -= 1; if (depth === 0) break; }
        else if (parseDirectiveLine(s)?.colons === 3) depth += 1;
      }
    }
    const closed = next < endLine && depth === 0;
    const open = state.push(`${d.name}_open`, 'div', 1);
    open.meta = { label: d.label, attrs: d.attrs };
    open.map = [startLine, closed ? next + 1 : next];
    open.block = true;
    const oldParent = state.parentType;
    const oldMax = state.lineMax;
    state.parentType = 'broadsheet_directive';
    state.lineMax = next;
    state.md.block.tokenize(state, startLine + 1, next);
    state.parentType = oldParent;
    state.lineMax = oldMax;
    const close = state.push(`${d.name}_close`, 'div', -1);
    close.block = true;
    state.line = closed ? next + 1 : next;
    return true;
  }, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}
