// Autosave of the article editor's working copy: a few seconds after the last change (in the
// rich editor, which writes its Markdown into the text area, or in the text area itself) the
// form is sent to the server's autosave address, which keeps it without making a revision.
// The form carries the revision it was opened on; when someone has saved a newer one the
// server refuses, and autosave stops for good on this page and says why, so it never writes
// over their work. The words come from the page (the status line's data attributes and the
// server's answers). On the new-article page the server keeps one unsaved new article per
// writer, with no revision to be stale against. Without this script nothing is autosaved and
// the form works as it did.
(() => {
  'use strict';

  const status = document.getElementById('autosave-status');
  const form = status?.closest('form');
  if (!form || !status.dataset.autosave) return;

  const DELAY_MS = 3000; // after the last change
  let timer = null;
  let sending = false;
  let again = false; // changed while a save was on its way
  let stopped = false;

  const show = (text) => { status.textContent = text; };

  const stop = (text) => {
    stopped = true;
    clearTimeout(timer);
    // Said at once: the editor must know their typing is no longer kept.
    status.setAttribute('role', 'alert');
    show(text);
  };

  const send = async () => {
    timer = null;
    if (stopped) return;
    if (sending) { again = true; return; }
    sending = true;
    again = false;
    show(status.dataset.saving);
    const body = new URLSearchParams(new FormData(form));
    body.delete('action');
    try {
      const res = await fetch(status.dataset.autosave, {
        method: 'POST',
        body,
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      const answer = await res.json().catch(() => ({}));
      if (res.ok) show(answer.status || '');
      // A newer revision, a workflow that no longer lets this caller edit, or a session that
      // ended: going on could only fail again.
      else if ([401, 403, 409].includes(res.status)) stop(answer.error || status.dataset.failed);
      else show(answer.error || status.dataset.failed);
    } catch {
      show(status.dataset.failed);
    }
    sending = false;
    if (again && !stopped) schedule();
  };

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(send, DELAY_MS);
  };

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  // Saving the form itself makes a revision: nothing is left to autosave on this page (a
  // preview opens in another tab, and this page goes on).
  form.addEventListener('submit', (e) => {
    if (e.submitter?.getAttribute('formtarget') === '_blank') return;
    stopped = true;
    clearTimeout(timer);
  });
})();
