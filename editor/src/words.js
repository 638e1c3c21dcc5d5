// The editor's words in the page's language: the page's `editor-words` data block (the
// messages `editor-js-…` of locales/*/editor.ftl, keyed without that prefix), read once, with
// the English given here for any word the block lacks (or a page without one). `{name}` and
// the like in a word are filled from `vars`.
let words = null;

export function w(key, english, vars = {}) {
  if (!words) {
    try {
      words = JSON.parse(document.getElementById('editor-words')?.textContent || '{}');
    } catch {
      words = {};
    }
  }
  const text = typeof words[key] === 'string' ? words[key] : english;
  return text.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}
