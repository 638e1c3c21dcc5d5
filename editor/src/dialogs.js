// Modal dialogs that ask for a block's details (a native <dialog>: focus is trapped and
// restored, Escape cancels) and the media library picker inside the image dialogs.

import { w } from './words.js';

const make = (tag, props = {}, ...children) => {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
};
export { make };

let serial = 0;

// One field of a dialog's form: its label, control and (optional) hint.
function field(spec, values) {
  serial += 1;
  const id = `rich-field-${serial}`;
  const wrap = make('div', { className: 'rich-field' });
  let control;
  if (spec.type === 'select') {
    control = make('select', { id, name: spec.name });
    for (const [value, text] of spec.options) control.append(make('option', { value, textContent: text }));
    control.value = values[spec.name] ?? spec.options[0][0];
  } else {
    control = make('input', { id, name: spec.name, type: spec.type || 'text' });
    control.value = values[spec.name] ?? '';
    if (spec.pattern) control.pattern = spec.pattern;
    if (spec.maxLength) control.maxLength = spec.maxLength;
  }
  control.required = Boolean(spec.required);
  wrap.append(make('label', { htmlFor: id, textContent: spec.label }), control);
  if (spec.hint) {
    const hint = make('p', { id: `${id}-hint`, className: 'hint', textContent: spec.hint });
    control.setAttribute('aria-describedby', hint.id);
    wrap.append(hint);
  }
  return wrap;
}

/**
 * Asks for `fields` in a modal dialog titled `title`; resolves to the values typed (an object
 * by field name) or null when cancelled. `extra(form)` may add more to the form (the picker)
 * and returns a function checking it on submit (a message, or '' when fine), or nothing.
 * `submit(values)` may do work before the dialog closes (an upload); a thrown Error's message
 * is shown in the dialog and it stays open.
 */
export function ask(title, fields, values = {}, { extra, submit, action = w('insert', 'Insert') } = {}) {
  return new Promise((resolve) => {
    serial += 1;
    const headingId = `rich-dialog-${serial}`;
    const dialog = make('dialog', { className: 'rich-dialog' });
    dialog.setAttribute('aria-labelledby', headingId);
    // Checked here rather than by the browser's bubbles, so every problem is said the same way
    // (in the dialog's alert, read out by screen readers).
    const form = make('form', { method: 'dialog', className: 'stack', noValidate: true });
    const error = make('p', { className: 'form-error', hidden: true });
    error.setAttribute('role', 'alert');
    form.append(make('h2', { id: headingId, textContent: title }), error);
    for (const spec of fields) form.append(field(spec, values));
    const check = extra ? extra(form) : null;
    const ok = make('button', { type: 'submit', textContent: action });
    const cancel = make('button', { type: 'button', textContent: w('cancel', 'Cancel'), className: 'secondary' });
    form.append(make('div', { className: 'actions' }, ok, cancel));
    dialog.append(form);
    document.body.append(dialog);
    let result = null;
    const finish = () => { dialog.remove(); resolve(result); };
    dialog.addEventListener('close', finish);
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const data = new FormData(form);
      const values = { ...Object.fromEntries(data), media: data.getAll('media') };
      const fail = (message) => {
        error.textContent = message;
        error.hidden = false;
        ok.disabled = false;
      };
      const problem = check ? check(values) : '';
      if (problem) return fail(problem);
      const invalid = form.querySelector(':invalid');
      if (invalid) {
        const name = form.querySelector(`label[for="${invalid.id}"]`)?.textContent || w('this-field', 'This field');
        invalid.focus();
        return fail(w('field-problem', '{name}: {problem}', { name, problem: invalid.validationMessage }));
      }
      ok.disabled = true;
      try {
        result = submit ? await submit(values) : values;
      } catch (err) {
        return fail(err instanceof TypeError
          ? w('unreachable', 'The site could not be reached: check your connection and try again.')
          : err.message);
      }
      dialog.close();
    });
    dialog.showModal();
  });
}

/**
 * The media library: `list()` (cached after the first call) of `{id, thumb, thumb_width,
 * thumb_height, alt, caption}` and `upload(file, alt, caption)` to add one; both from the
 * newsroom's JSON routes, the upload with the form's CSRF token.
 */
export function mediaLibrary(csrf) {
  let cached = null;
  const listeners = [];
  const json = async (res, failed) => {
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.error || failed(res.status));
    return data;
  };
  const library = {
    byId: new Map(),
    list() {
      cached ??= fetch('/admin/media/library.json', {
        headers: { Accept: 'application/json' }, credentials: 'same-origin',
      }).then((res) => json(res, (status) => w('library-failed', 'The image library could not be loaded (error {status}).', { status })))
        .then((data) => {
          for (const item of data.items) library.byId.set(String(item.id), item);
          listeners.splice(0).forEach((f) => f());
          return data.items;
        })
        .catch((err) => { cached = null; throw err; });
      return cached;
    },
    // Calls `f` once the library is known (now, when it already is).
    whenLoaded(f) {
      if (cached && library.byId.size) f(); else listeners.push(f);
    },
    async upload(file, alt, caption) {
      const body = new FormData();
      body.append('csrf', csrf);
      body.append('alt', alt);
      body.append('caption', caption || '');
      body.append('file', file);
      const res = await fetch('/admin/media', {
        method: 'POST', body, headers: { Accept: 'application/json' }, credentials: 'same-origin',
      });
      const data = await json(res, (status) => w('upload-failed', 'The image was not uploaded (error {status}).', { status }));
      library.byId.set(String(data.item.id), data.item);
      cached = null; // the list has one more now
      return data.item;
    },
  };
  return library;
}

// The picker: radio buttons (one image) or checkboxes (several) over the library, newest
// first, each a thumbnail labelled by its alt text.
export async function picker(library, { multiple, chosen = [] }) {
  const box = make('fieldset', { className: 'rich-picker' });
  box.append(make('legend', { textContent: multiple ? w('picker-images', 'Images from the library') : w('picker-one', 'From the library') }));
  let items = [];
  try {
    items = await library.list();
  } catch (err) {
    box.append(make('p', { className: 'form-error', textContent: err.message }));
    return box;
  }
  if (!items.length) box.append(make('p', { textContent: w('picker-empty', 'The library has no images yet.') }));
  const list = make('ul', { className: 'rich-picker-list' });
  for (const item of items) {
    const input = make('input', {
      type: multiple ? 'checkbox' : 'radio', name: 'media', value: String(item.id),
      checked: chosen.includes(String(item.id)),
    });
    const img = make('img', {
      src: item.thumb, alt: '', width: item.thumb_width, height: item.thumb_height, loading: 'lazy',
    });
    list.append(make('li', {}, make('label', {}, input, img, make('span', { textContent: item.alt }))));
  }
  box.append(list);
  return box;
}
