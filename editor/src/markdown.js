// The editor's document model and its Markdown form (BLOCKS.md): a ProseMirror schema with the
// story blocks, a parser from the stored Markdown and a serialiser back to it.
//
// Whatever the editor cannot show as rich text (tables, footnotes, raw HTML, reference
// definitions, Markdown images…) becomes a `markdown` block holding its source lines verbatim,
// so opening and saving a story never loses or rewrites what the editor does not understand.

import MarkdownIt from 'markdown-it';
import { Schema } from 'prosemirror-model';
import {
  MarkdownParser, MarkdownSerializer, schema as base,
  defaultMarkdownParser, defaultMarkdownSerializer,
} from 'prosemirror-markdown';
import { directivesPlugin, formatDirective } from './directives.js';

export const LAYOUTS = ['column', 'wide', 'full'];
export const NOTE_KINDS = ['editor', 'correction', 'update'];

const attr = (dflt = null) => ({ default: dflt });

// The rendering inside the editor only; what readers see is rendered by the server.
const nodes = base.spec.nodes
  .remove('image')
  .update('heading', { ...base.spec.nodes.get('heading'), content: 'inline*' })
  .update('bullet_list', {
    ...base.spec.nodes.get('bullet_list'),
    attrs: { tight: attr(false), bullet: attr('-') },
  })
  .append({
    image_block: {
      group: 'block',
      atom: true,
      selectable: true,
      draggable: true,
      attrs: { media: attr(''), alt: attr(''), layout: attr(null), caption: attr(null), credit: attr(null) },
      toDOM: (n) => ['figure', { class: 'rich-image', 'data-media': n.attrs.media }, n.attrs.alt],
    },
    gallery: {
      group: 'block',
      content: 'image_block+',
      attrs: { layout: attr(null) },
      toDOM: () => ['div', { class: 'rich-gallery' }, 0],
    },
    embed: {
      group: 'block',
      atom: true,
      selectable: true,
      draggable: true,
      attrs: { url: attr(''), title: attr(null) },
      toDOM: (n) => ['div', { class: 'rich-embed' }, n.attrs.url],
    },
    readmore: {
      group: 'block',
      atom: true,
      selectable: true,
      draggable: true,
      attrs: { article: attr('') },
      toDOM: (n) => ['div', { class: 'rich-readmore' }, n.attrs.article],
    },
    pullquote: {
      group: 'block',
      content: 'block+',
      defining: true,
      attrs: { cite: attr(null) },
      toDOM: () => ['blockquote', { class: 'rich-pullquote' }, 0],
    },
    factbox: {
      group: 'block',
      content: 'block+',
      defining: true,
      attrs: { title: attr('') },
      toDOM: () => ['aside', { class: 'rich-factbox' }, 0],
    },
    note: {
      group: 'block',
      content: 'block+',
      defining: true,
      attrs: { kind: attr('editor') },
      toDOM: () => ['aside', { class: 'rich-note' }, 0],
    },
    markdown: {
      group: 'block',
      content: 'text*',
      marks: '',
      code: true,
      defining: true,
      toDOM: () => ['pre', { class: 'rich-markdown' }, ['code', 0]],
    },
  });

export const schema = new Schema({
  nodes,
  marks: base.spec.marks.addToEnd('strike', {
    toDOM: () => ['s', 0],
    parseDOM: [{ tag: 's' }, { tag: 'del' }],
  }),
});

const tokenizer = MarkdownIt('commonmark', { html: true }).enable(['strikethrough', 'table']).use(directivesPlugin);

const meta = (tok) => tok.meta || { label: null, attrs: {} };
const orNull = (v) => (v === undefined || v === '' ? null : v);

const { image: _image, ...commonTokens } = defaultMarkdownParser.tokens;
const parser = new MarkdownParser(schema, tokenizer, {
  ...commonTokens,
  bullet_list: {
    block: 'bullet_list',
    getAttrs: (tok, tokens, i) => ({
      tight: defaultMarkdownParser.tokens.bullet_list.getAttrs(tok, tokens, i).tight,
      bullet: tok.markup || '-',
    }),
  },
  s: { mark: 'strike' },
  image_directive: {
    node: 'image_block',
    noCloseToken: true,
    getAttrs: (tok) => {
      const { label, attrs } = meta(tok);
      return {
        media: attrs.media ?? '', alt: label ?? '', layout: orNull(attrs.layout),
        caption: orNull(attrs.caption), credit: orNull(attrs.credit),
      };
    },
  },
  embed_directive: {
    node: 'embed',
    noCloseToken: true,
    getAttrs: (tok) => ({ url: meta(tok).attrs.url ?? '', title: orNull(meta(tok).label) }),
  },
  readmore_directive: {
    node: 'readmore',
    noCloseToken: true,
    getAttrs: (tok) => ({ article: meta(tok).attrs.article ?? '' }),
  },
  gallery: { block: 'gallery', getAttrs: (tok) => ({ layout: orNull(meta(tok).attrs.layout) }) },
  pullquote: { block: 'pullquote', getAttrs: (tok) => ({ cite: orNull(meta(tok).attrs.cite) }) },
  factbox: { block: 'factbox', getAttrs: (tok) => ({ title: meta(tok).label ?? '' }) },
  note: { block: 'note', getAttrs: (tok) => ({ kind: meta(tok).attrs.kind ?? 'editor' }) },
});

// A container block: its opening line, its content, and `:::` on the line after it.
const container = (line) => (state, node) => {
  state.write(line(node));
  state.ensureNewLine();
  state.renderContent(node);
  state.flushClose(1);
  state.write(':::');
  state.closeBlock(node);
};

const imageLine = (n) => formatDirective(2, 'image', n.attrs.alt, [
  ['media', n.attrs.media], ['layout', n.attrs.layout], ['caption', n.attrs.caption], ['credit', n.attrs.credit],
]);

const serializer = new MarkdownSerializer({
  ...defaultMarkdownSerializer.nodes,
  bullet_list(state, node) {
    state.renderList(node, '  ', () => `${node.attrs.bullet || '-'} `);
  },
  image_block(state, node) {
    state.write(imageLine(node));
    state.closeBlock(node);
  },
  embed(state, node) {
    state.write(formatDirective(2, 'embed', node.attrs.title, [['url', node.attrs.url]]));
    state.closeBlock(node);
  },
  readmore(state, node) {
    state.write(formatDirective(2, 'readmore', null, [['article', node.attrs.article]]));
    state.closeBlock(node);
  },
  gallery(state, node) {
    state.write(formatDirective(3, 'gallery', null, [['layout', node.attrs.layout]]));
    state.ensureNewLine();
    node.forEach((child) => { state.write(imageLine(child)); state.ensureNewLine(); });
    state.write(':::');
    state.closeBlock(node);
  },
  pullquote: container((n) => formatDirective(3, 'pullquote', null, [['cite', n.attrs.cite]])),
  factbox: container((n) => formatDirective(3, 'factbox', n.attrs.title, [])),
  note: container((n) => formatDirective(3, 'note', null, [['kind', n.attrs.kind]])),
  markdown(state, node) {
    state.text(node.textContent, false);
    state.closeBlock(node);
  },
}, {
  ...defaultMarkdownSerializer.marks,
  strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
});

/** The Markdown form of a document (or of a fragment of blocks). */
export function toMarkdown(doc) {
  return serializer.serialize(doc, { tightLists: true });
}

// Source the editor would change in meaning or show wrongly: footnotes (not in this parser),
// raw HTML and named character references (the bundle decodes only a few).
const UNTOUCHABLE = /\[\^|<[A-Za-z!/?]|&[A-Za-z][A-Za-z0-9]*;/;

const rawBlock = (text) => schema.node('markdown', null, text ? [schema.text(text)] : []);

// The top-level blocks of a parsed token stream, as [firstLine, endLine) ranges.
function topLevelRanges(tokens) {
  const ranges = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t.level !== 0 || !t.map) continue;
    ranges.push([t.map[0], t.map[1]]);
  }
  return ranges;
}

/**
 * The document for `source`. Each top-level block is read as rich text when the editor's
 * Markdown for it means the same (reading it back gives the same document); otherwise it is
 * kept verbatim as a `markdown` block.
 */
export function parseMarkdown(source) {
  const text = source.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const env = {};
  const tokens = tokenizer.parse(text, env);
  const blocks = [];
  let line = 0;
  const keepGap = (upTo) => {
    const gap = lines.slice(line, upTo).join('\n').trim();
    if (gap) blocks.push(rawBlock(gap));
  };
  for (const [from, to] of topLevelRanges(tokens)) {
    if (from < line) continue; // inside a block already taken
    keepGap(from);
    const slice = lines.slice(from, to).join('\n').replace(/\s+$/, '');
    blocks.push(...readBlock(slice, env));
    line = to;
  }
  keepGap(lines.length);
  if (!blocks.length) blocks.push(schema.node('paragraph'));
  return schema.node('doc', null, blocks);
}

function readBlock(slice, env) {
  if (UNTOUCHABLE.test(slice)) return [rawBlock(slice)];
  try {
    const doc = parser.parse(slice, { ...env });
    const again = parser.parse(toMarkdown(doc), { ...env });
    if (doc.childCount > 0 && again.eq(doc)) return doc.content.content;
  } catch {
    // A token the schema has no node for (a table, an image): kept as source below.
  }
  return [rawBlock(slice)];
}
