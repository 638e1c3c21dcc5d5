// Asking for each story block (BLOCKS.md) and showing it inside the editor: the dialogs that
// insert or change a block, and the node views that draw it with its Edit and Remove buttons.

import { ask, make, picker } from './dialogs.js';
import { LAYOUTS, NOTE_KINDS } from './markdown.js';
import { w } from './words.js';

// Functions, not constants: the words are the page's, read when a dialog opens.
const layoutField = () => ({
  name: 'layout', label: w('layout', 'Layout'), type: 'select',
  options: [['column', w('layout-column', 'Column width')], ['wide', w('layout-wide', 'Wide')], ['full', w('layout-full', 'Full bleed')]],
});
const SLUG = '[a-z0-9]+(-[a-z0-9]+)*';
// Column is the default layout, so it is left out of the stored line.
const layoutAttr = (v) => (v && v !== 'column' && LAYOUTS.includes(v) ? v : null);
const text = (v) => (v && v.trim() ? v.trim() : null);

/** An image: picked from the library or uploaded here, with its alt text (required). */
export async function askImage(library, attrs = {}) {
  const chosen = attrs.media ? [String(attrs.media)] : [];
  const box = await picker(library, { multiple: false, chosen });
  const values = await ask(attrs.media ? w('edit-image', 'Edit image') : w('insert-image', 'Insert image'), [
    { name: 'file', label: w('upload-new', 'Or upload a new image'), type: 'file', hint: w('upload-hint', 'JPEG, PNG or WebP. It is added to the library.') },
    { name: 'alt', label: w('alt-text', 'Alt text'), required: true, maxLength: 300, hint: w('alt-hint', 'What the image shows, for readers who cannot see it. Required.') },
    { name: 'caption', label: w('caption', 'Caption'), maxLength: 500 },
    { name: 'credit', label: w('credit', 'Credit'), maxLength: 200 },
    layoutField(),
  ], { ...attrs, layout: attrs.layout || 'column' }, {
    action: attrs.media ? w('save', 'Save') : w('insert', 'Insert'),
    extra(form) {
      form.querySelector('h2').after(box);
      const alt = form.elements.alt;
      // Picking a library image offers its alt text, to be checked for this story.
      box.addEventListener('change', (e) => {
        const item = library.byId.get(e.target.value);
        if (item && !alt.value) alt.value = item.alt;
      });
      return (v) => {
        const hasFile = v.file instanceof File && v.file.size > 0;
        if (!hasFile && !v.media.length) return w('image-missing', 'Choose an image from the library or a file to upload.');
        if (!v.alt.trim()) return w('alt-missing', 'Describe the image in its alt text: readers who cannot see it rely on it.');
        return '';
      };
    },
    async submit(v) {
      let media = v.media[0];
      if (v.file instanceof File && v.file.size > 0) {
        media = String((await library.upload(v.file, v.alt.trim(), v.caption)).id);
      }
      return { media, alt: v.alt.trim(), caption: text(v.caption), credit: text(v.credit), layout: layoutAttr(v.layout) };
    },
  });
  return values;
}

/** A gallery: several library images; each keeps the library's alt text (editable later). */
export async function askGallery(library, attrs = {}) {
  const box = await picker(library, { multiple: true });
  return ask(w('insert-gallery', 'Insert gallery'), [layoutField()], { layout: attrs.layout || 'wide' }, {
    extra(form) {
      form.querySelector('h2').after(box);
      return (v) => (v.media.length < 2 ? w('gallery-too-few', 'Choose at least two images for a gallery.') : '');
    },
    submit: async (v) => ({
      layout: layoutAttr(v.layout),
      images: v.media.map((id) => ({ media: id, alt: library.byId.get(id)?.alt || '' })),
    }),
  });
}

export async function askGalleryLayout(attrs) {
  const v = await ask(w('edit-gallery', 'Edit gallery'), [layoutField()], { layout: attrs.layout || 'column' }, { action: w('save', 'Save') });
  return v && { layout: layoutAttr(v.layout) };
}

export async function askEmbed(attrs = {}) {
  const v = await ask(attrs.url ? w('edit-embed', 'Edit embed') : w('embed-link', 'Embed a link'), [
    { name: 'url', label: w('link', 'Link'), type: 'url', required: true, maxLength: 2000, hint: w('embed-hint', 'Paste the address of a video, post, map or document (YouTube, Vimeo, Bluesky, Mastodon, X, OpenStreetMap, DocumentCloud, PDF). Readers load it only when they ask.') },
    { name: 'title', label: w('title-optional', 'Title (optional)'), maxLength: 300 },
  ], attrs, { action: attrs.url ? w('save', 'Save') : w('insert', 'Insert') });
  return v && { url: v.url.trim(), title: text(v.title) };
}

export async function askReadmore(attrs = {}) {
  const v = await ask(w('read-more', 'Read more'), [
    { name: 'article', label: w('article-slug', 'Article slug'), required: true, pattern: SLUG, maxLength: 100, hint: w('slug-hint', 'The last part of the article’s address, as in /articles/the-slug.') },
  ], attrs, { action: attrs.article ? w('save', 'Save') : w('insert', 'Insert') });
  return v && { article: v.article.trim() };
}

export async function askPullquote(attrs = {}) {
  const v = await ask(w('pull-quote', 'Pull quote'), [{ name: 'cite', label: w('cite-optional', 'Who said it (optional)'), maxLength: 200 }], attrs, { action: w('save', 'Save') });
  return v && { cite: text(v.cite) };
}

export async function askFactbox(attrs = {}) {
  const v = await ask(w('fact-box', 'Fact box'), [{ name: 'title', label: w('title', 'Title'), required: true, maxLength: 200 }], attrs, { action: w('save', 'Save') });
  return v && { title: v.title.trim() };
}

const kindName = (kind) => ({
  editor: w('kind-editor', 'Editor’s note'),
  correction: w('kind-correction', 'Correction'),
  update: w('kind-update', 'Update'),
})[kind];

export async function askNote(attrs = {}) {
  const v = await ask(w('note', 'Note'), [{
    name: 'kind', label: w('kind', 'Kind'), type: 'select', options: NOTE_KINDS.map((k) => [k, kindName(k)]),
  }], attrs, { action: w('save', 'Save') });
  return v && { kind: v.kind };
}

// What a block's header says about it.
function describe(node, library) {
  const a = node.attrs;
  switch (node.type.name) {
    case 'image_block': {
      const bits = [w('describe-image', 'Image: {alt}', { alt: a.alt || w('no-alt', '(no alt text)') })];
      if (a.caption) bits.push(w('describe-caption', 'caption “{caption}”', { caption: a.caption }));
      if (a.credit) bits.push(a.credit);
      if (a.layout) bits.push(a.layout);
      if (!library.byId.has(String(a.media))) bits.push(w('describe-library-image', 'library image {id}', { id: a.media }));
      return bits.join(' · ');
    }
    case 'gallery': return [w('gallery', 'Gallery'), a.layout].filter(Boolean).join(' · ');
    case 'embed': return w('describe-embed', 'Embed: {link}', { link: [a.title, a.url].filter(Boolean).join(' · ') });
    case 'readmore': return w('describe-readmore', 'Read more: {address}', { address: `/articles/${a.article}` });
    case 'pullquote': return [w('pull-quote', 'Pull quote'), a.cite].filter(Boolean).join(' · ');
    case 'factbox': return w('describe-factbox', 'Fact box: {title}', { title: a.title });
    case 'note': return kindName(a.kind) || w('note', 'Note');
    default: return '';
  }
}

const EDITORS = {
  image_block: (attrs, library) => askImage(library, attrs),
  gallery: askGalleryLayout,
  embed: askEmbed,
  readmore: askReadmore,
  pullquote: askPullquote,
  factbox: askFactbox,
  note: askNote,
};

/**
 * Node views for the blocks: a header (not editable text) naming the block, with Edit and
 * Remove buttons; containers keep their content editable below it.
 */
export function nodeViews(library) {
  const view = (node, editorView, getPos) => {
    const container = !node.type.isAtom;
    const dom = make(container ? 'div' : 'figure', { className: `rich-block rich-${node.type.name}` });
    const head = make('div', { className: 'rich-block-head', contentEditable: 'false' });
    const label = make('span', { className: 'rich-block-label' });
    const thumb = make('span', { className: 'rich-block-thumb' });
    const edit = make('button', { type: 'button', textContent: w('edit', 'Edit'), className: 'secondary' });
    const remove = make('button', { type: 'button', textContent: w('remove', 'Remove'), className: 'secondary' });
    head.append(thumb, label, edit, remove);
    dom.append(head);
    let current = node;
    const draw = () => {
      const name = describe(current, library);
      label.textContent = name;
      edit.setAttribute('aria-label', w('edit-named', 'Edit {name}', { name }));
      remove.setAttribute('aria-label', w('remove-named', 'Remove {name}', { name }));
      thumb.replaceChildren();
      const item = current.type.name === 'image_block' && library.byId.get(String(current.attrs.media));
      if (item) {
        thumb.append(make('img', { src: item.thumb, alt: '', width: item.thumb_width, height: item.thumb_height }));
      }
    };
    draw();
    if (node.type.name === 'image_block') library.whenLoaded(draw);
    edit.addEventListener('click', async () => {
      const attrs = await EDITORS[current.type.name]({ ...current.attrs }, library);
      editorView.focus();
      if (!attrs) return;
      const pos = getPos();
      if (pos === undefined) return;
      editorView.dispatch(editorView.state.tr.setNodeMarkup(pos, null, { ...current.attrs, ...attrs }));
    });
    remove.addEventListener('click', () => {
      const pos = getPos();
      if (pos === undefined) return;
      editorView.dispatch(editorView.state.tr.delete(pos, pos + current.nodeSize));
      editorView.focus();
    });
    let contentDOM;
    if (container) {
      contentDOM = make('div', { className: 'rich-block-content' });
      dom.append(contentDOM);
    }
    return {
      dom,
      contentDOM,
      update(next) {
        if (next.type !== current.type) return false;
        current = next;
        draw();
        return true;
      },
      // Clicks on the buttons are theirs, not the editor's.
      stopEvent: (e) => head.contains(e.target) && e.type !== 'dragstart',
      ignoreMutation: (m) => head.contains(m.target),
    };
  };
  return Object.fromEntries(Object.keys(EDITORS).map((name) => [name, view]));
}
