// The newsroom's rich-text editor (bundled into static/editor.js). It mounts over the article
// form's Markdown text area and writes the Markdown back into it on every change, so the form,
// its save, preview, revisions, diffs and conflict checks see exactly what the text area would
// have sent. Without JavaScript the text area is the editor.

import { EditorState, Selection, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { history, undo, redo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import {
  baseKeymap, toggleMark, setBlockType, wrapIn, lift,
} from 'prosemirror-commands';
import {
  wrapInList, splitListItem, liftListItem, sinkListItem,
} from 'prosemirror-schema-list';
import {
  inputRules, wrappingInputRule, textblockTypeInputRule,
} from 'prosemirror-inputrules';
import { schema, parseMarkdown, toMarkdown } from './markdown.js';
import { make, ask, mediaLibrary } from './dialogs.js';
import { w } from './words.js';
import {
  askImage, askGallery, askEmbed, askReadmore, askPullquote, askFactbox, askNote, nodeViews,
} from './blocks.js';

const { nodes: N, marks: M } = schema;

const rules = inputRules({
  rules: [
    textblockTypeInputRule(/^(#{2,4})\s$/, N.heading, (m) => ({ level: m[1].length })),
    wrappingInputRule(/^\s*>\s$/, N.blockquote),
    wrappingInputRule(/^\s*([-*])\s$/, N.bullet_list),
    wrappingInputRule(/^(\d+)\.\s$/, N.ordered_list, (m) => ({ order: +m[1] })),
  ],
});

const keys = keymap({
  'Mod-z': undo,
  'Shift-Mod-z': redo,
  'Mod-y': redo,
  'Mod-b': toggleMark(M.strong),
  'Mod-i': toggleMark(M.em),
  Enter: splitListItem(N.list_item),
  'Mod-[': liftListItem(N.list_item),
  'Mod-]': sinkListItem(N.list_item),
});

const markActive = (state, type) => {
  const { from, $from, to, empty } = state.selection;
  if (empty) return Boolean(type.isInSet(state.storedMarks || $from.marks()));
  return state.doc.rangeHasMark(from, to, type);
};

// Inserts `node` as a block at the selection (in place of an empty paragraph, else after the
// block being written), with a paragraph after it to go on writing in. The cursor goes there,
// or into the new block when `inside` (a container's first paragraph).
const insertBlock = (view, node, inside = false) => {
  const { state } = view;
  const { $from, to } = state.selection;
  const tr = state.tr;
  let start;
  if ($from.parent.type === N.paragraph && $from.parent.content.size === 0 && $from.depth > 0) {
    start = $from.before();
    tr.replaceWith(start, $from.after(), node);
  } else {
    start = $from.parent.isTextblock ? $from.after() : to;
    const $at = tr.doc.resolve(start);
    // Where it cannot go (a gallery holds only images), after the top-level block.
    if (!$at.parent.canReplaceWith($at.index(), $at.index(), node.type)) start = $from.after(1);
    tr.insert(start, node);
  }
  const end = start + node.nodeSize;
  const $end = tr.doc.resolve(end);
  const room = $end.parent.canReplaceWith($end.index(), $end.index(), N.paragraph);
  if (room && !$end.nodeAfter?.isTextblock) tr.insert(end, N.paragraph.create());
  const target = inside ? start + 2 : end + 1;
  tr.setSelection(room || inside ? TextSelection.create(tr.doc, target) : Selection.near(tr.doc.resolve(end)));
  view.dispatch(tr.scrollIntoView());
};

// Wraps the selected blocks in a container (or adds an empty one, the cursor in it).
const wrapContainer = (view, type, attrs) => {
  if (wrapIn(type, attrs)(view.state, view.dispatch)) return;
  insertBlock(view, type.create(attrs, N.paragraph.create()), true);
};

function toolbar(view, library, onMarkdown) {
  const bar = make('div', { className: 'rich-toolbar' });
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', w('toolbar', 'Formatting and blocks'));
  const buttons = [];
  const add = (label, run, { mark, short } = {}) => {
    const b = make('button', { type: 'button', textContent: short || label, tabIndex: -1 });
    if (short) b.setAttribute('aria-label', label);
    if (mark) b.setAttribute('aria-pressed', 'false');
    b.addEventListener('mousedown', (e) => e.preventDefault()); // keep the selection
    b.addEventListener('click', async () => {
      await run();
      if (!document.querySelector('dialog[open]')) view.focus();
    });
    buttons.push({ b, mark });
    bar.append(b);
    return b;
  };
  const cmd = (c) => () => c(view.state, view.dispatch, view);
  add(w('bold', 'Bold'), cmd(toggleMark(M.strong)), { mark: M.strong, short: w('bold-short', 'B') });
  add(w('italic', 'Italic'), cmd(toggleMark(M.em)), { mark: M.em, short: w('italic-short', 'I') });
  add(w('strikethrough', 'Strikethrough'), cmd(toggleMark(M.strike)), { mark: M.strike, short: w('strikethrough-short', 'S') });
  add(w('link', 'Link'), async () => {
    if (markActive(view.state, M.link)) return toggleMark(M.link)(view.state, view.dispatch);
    if (view.state.selection.empty) return undefined;
    const v = await ask(w('link', 'Link'), [{ name: 'href', label: w('link-address', 'Address'), type: 'url', required: true, maxLength: 2000 }]);
    if (v) toggleMark(M.link, { href: v.href.trim() })(view.state, view.dispatch);
    return undefined;
  }, { mark: M.link });
  add(w('heading', 'Heading'), cmd(setBlockType(N.heading, { level: 2 })));
  add(w('subheading', 'Subheading'), cmd(setBlockType(N.heading, { level: 3 })));
  add(w('paragraph', 'Paragraph'), cmd(setBlockType(N.paragraph)));
  add(w('bulleted-list', 'Bulleted list'), cmd(wrapInList(N.bullet_list)));
  add(w('numbered-list', 'Numbered list'), cmd(wrapInList(N.ordered_list)));
  add(w('quote', 'Quote'), cmd(wrapIn(N.blockquote)));
  add(w('lift-out', 'Lift out'), cmd(lift));
  add(w('image', 'Image'), async () => {
    const a = await askImage(library);
    if (a) insertBlock(view, N.image_block.create(a));
  });
  add(w('gallery', 'Gallery'), async () => {
    const a = await askGallery(library);
    if (a) insertBlock(view, N.gallery.create({ layout: a.layout }, a.images.map((i) => N.image_block.create(i))));
  });
  add(w('embed', 'Embed'), async () => {
    const a = await askEmbed();
    if (a) insertBlock(view, N.embed.create(a));
  });
  add(w('pull-quote', 'Pull quote'), async () => {
    const a = await askPullquote();
    if (a) wrapContainer(view, N.pullquote, a);
  });
  add(w('fact-box', 'Fact box'), async () => {
    const a = await askFactbox();
    if (a) wrapContainer(view, N.factbox, a);
  });
  add(w('read-more', 'Read more'), async () => {
    const a = await askReadmore();
    if (a) insertBlock(view, N.readmore.create(a));
  });
  add(w('note', 'Note'), async () => {
    const a = await askNote();
    if (a) wrapContainer(view, N.note, a);
  });
  add(w('undo', 'Undo'), cmd(undo));
  add(w('redo', 'Redo'), cmd(redo));
  const md = add(w('edit-as-markdown', 'Edit as Markdown'), onMarkdown);
  md.setAttribute('aria-pressed', 'false');

  // One tab stop; arrow keys, Home and End move along the toolbar (the ARIA toolbar pattern).
  let current = 0;
  const focusAt = (i) => {
    buttons[current].b.tabIndex = -1;
    current = (i + buttons.length) % buttons.length;
    buttons[current].b.tabIndex = 0;
    buttons[current].b.focus();
  };
  buttons[0].b.tabIndex = 0;
  bar.addEventListener('keydown', (e) => {
    const moves = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: buttons.length - 1 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    focusAt(moves[e.key]);
  });
  bar.addEventListener('focusin', (e) => {
    const i = buttons.findIndex(({ b }) => b === e.target);
    if (i >= 0 && i !== current) { buttons[current].b.tabIndex = -1; current = i; e.target.tabIndex = 0; }
  });
  const update = (state) => {
    for (const { b, mark } of buttons) {
      if (mark) b.setAttribute('aria-pressed', String(markActive(state, mark)));
    }
  };
  return { bar, update, md };
}

/** Mounts the editor over `textarea`; returns the view (or null when it could not). */
export function mount(textarea) {
  const form = textarea.form;
  const csrf = form?.querySelector('input[name="csrf"]')?.value || '';
  const library = mediaLibrary(csrf);
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const shell = make('div', { className: 'rich-editor' });
  const surface = make('div', { className: 'rich-surface' });
  let view = null;
  let markdownMode = false;

  const stateFor = (text) => EditorState.create({
    doc: parseMarkdown(text),
    plugins: [rules, history(), keys, keymap(baseKeymap)],
  });

  // Shows the Markdown text area instead of the rich text, and back (re-reading what was typed).
  const toggleMarkdown = () => {
    markdownMode = !markdownMode;
    bar.md.setAttribute('aria-pressed', String(markdownMode));
    textarea.hidden = !markdownMode;
    surface.hidden = markdownMode;
    bar.bar.querySelectorAll('button').forEach((b) => { if (b !== bar.md) b.disabled = markdownMode; });
    if (markdownMode) {
      textarea.focus();
    } else {
      view.updateState(stateFor(textarea.value));
      view.focus();
    }
  };

  view = new EditorView(surface, {
    state: stateFor(textarea.value),
    nodeViews: nodeViews(library),
    attributes: {
      class: 'rich-content story-body',
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-label': label ? label.textContent.trim() : w('body', 'Body'),
      ...(textarea.getAttribute('aria-describedby')
        ? { 'aria-describedby': textarea.getAttribute('aria-describedby') } : {}),
    },
    dispatchTransaction(tr) {
      const state = view.state.apply(tr);
      view.updateState(state);
      bar.update(state);
      // Only a real change rewrites the text area: opening and saving leaves the source as it was.
      if (tr.docChanged) {
        textarea.value = toMarkdown(state.doc);
        textarea.dispatchEvent(new Event('input', { bubbles: true }));
      }
    },
  });
  const bar = toolbar(view, library, toggleMarkdown);
  shell.append(bar.bar, surface);
  textarea.before(shell);
  textarea.hidden = true;
  if (label) {
    // The label now names the rich text; clicking it goes there.
    label.addEventListener('click', (e) => {
      if (markdownMode) return;
      e.preventDefault();
      view.focus();
    });
  }
  // Images already in the body show their thumbnails.
  let hasImage = false;
  view.state.doc.descendants((n) => { if (n.type === N.image_block) hasImage = true; });
  if (hasImage) library.list().catch(() => {});
  shell.dataset.ready = 'true';
  return view;
}

const body = document.querySelector('textarea[data-rich-editor]');
if (body) {
  try {
    mount(body);
  } catch (err) {
    // The text area stays as it is: nothing is lost.
    body.hidden = false;
    console.error('The rich editor could not start:', err);
  }
}
