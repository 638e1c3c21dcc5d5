// Broadsheet's one small script: progressive enhancement of server-rendered pages.
//
// Every action works as a plain form post; this only makes the conversation quicker: replies
// open in place, comments and likes are sent without a page load, and new comments arrive live
// (Server-Sent Events). The only HTML inserted is the server's (sanitised) comment HTML.
// Story embeds: a placeholder loads nothing from its provider until the reader clicks "Load
// content from …"; then (and only then) the provider's frame takes its place. Without this
// script the placeholder's plain link is all there is. The frame address is checked against
// the providers' embed hosts again here (the server's sanitiser already did).
(() => {
  'use strict';

  const FRAME_PATHS = {
    'www.youtube-nocookie.com': (p) => p.startsWith('/embed/'),
    'player.vimeo.com': (p) => p.startsWith('/video/'),
    'embed.bsky.app': (p) => p.startsWith('/embed/'),
    'platform.twitter.com': (p) => p === '/embed/Tweet.html',
    'www.openstreetmap.org': (p) => p === '/export/embed.html',
    'embed.documentcloud.org': (p) => p.startsWith('/documents/'),
  };
  const allowed = (src) => {
    let u;
    try { u = new URL(src); } catch { return false; }
    if (u.protocol !== 'https:' || u.port || u.username) return false;
    const known = FRAME_PATHS[u.hostname];
    if (known) return known(u.pathname);
    // Mastodon: any instance's own embed address of a post.
    return u.hostname.includes('.') && /^\/@[^/]+\/\d+\/embed$/.test(u.pathname);
  };

  for (const figure of document.querySelectorAll('figure.block-embed[data-embed-src]')) {
    const button = figure.querySelector('button.embed-load');
    const src = figure.dataset.embedSrc;
    if (!button || !allowed(src)) continue;
    button.hidden = false;
    button.addEventListener('click', () => {
      const link = figure.querySelector('figcaption a');
      const frame = Object.assign(document.createElement('iframe'), {
        src,
        title: `${button.textContent.replace(/^Load content from /, '')}: ${link ? link.textContent : ''}`,
        loading: 'eager',
        referrerPolicy: 'strict-origin-when-cross-origin',
        allowFullscreen: true,
      });
      frame.setAttribute('allow', 'fullscreen; picture-in-picture; encrypted-media');
      frame.className = 'embed-frame';
      figure.querySelector(':scope > img')?.remove();
      button.replaceWith(frame);
      frame.focus();
    }, { once: true });
  }
})();

(() => {
  'use strict';

  const section = document.getElementById('comments');
  if (!section) return; // not an article page: nothing to enhance
  // Inside the embed's frame the member's session reaches only the embed's routes: its live
  // comments come from there, with the member's own controls.
  const base = section.dataset.actionsBase === '/embed' ? '/embed' : '';

  const MAX_NESTING = 3; // as the server: replies nest this deep, deeper ones are shown flat
  const heading = document.getElementById('comments-heading');
  const status = document.getElementById('live-status');
  const form = document.getElementById('comment-form'); // only for signed-in members
  // The one form every comment's Like and Delete buttons submit (their form="acts").
  const actions = document.getElementById('acts');
  const textarea = form?.querySelector('textarea');
  const home = document.createComment(' comment form ');
  form?.before(home); // where the form goes back to after a reply
  let posting = Promise.resolve(); // our comment being sent (live events wait for it)

  // ----- helpers -----

  // What the script says, in the page's language: the server renders the catalogue's words
  // into the `conv-words` data block ({name}, {count}… are filled in here). A page without
  // one gets English.
  const ENGLISH = {
    'js-posted': 'Your comment was posted',
    'js-not-posted': 'The comment was not posted',
    'js-not-sent': 'The comment could not be sent',
    'js-like-not-saved': 'The like was not saved',
    'js-like-not-sent': 'The like could not be sent',
    'js-signed-out': '{what}: you seem to be signed out. Sign in again, then retry.',
    'js-failed': '{what} (error {status}). Reload the page and try again.',
    'js-offline': '{what}: check your connection and try again.',
    'js-new-from': 'New comment from {name}',
    'js-new': 'New comment',
    'js-reload': 'New comments – reload',
    'replying-to': 'Replying to {name}',
    'replying-to-comment': 'Replying to this comment',
    'cancel-reply': 'Cancel reply',
    heading: 'Comments ({count})',
  };
  let words = ENGLISH;
  try {
    words = { ...ENGLISH, ...JSON.parse(document.getElementById('conv-words')?.textContent || '{}') };
  } catch { /* a damaged block: English */ }
  // One message, its {placeholders} filled in one pass (a value is never read as one).
  const say = (key, vars = {}) =>
    String(words[key] ?? ENGLISH[key]).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));

  const make = (tag, props = {}) => Object.assign(document.createElement(tag), props);

  // Sends a form as the browser would (urlencoded: the server does not take multipart), with
  // the pressed button's name and value, asking for JSON instead of a redirect.
  const send = (f, submitter) => fetch(f.action, {
    method: 'POST',
    body: new URLSearchParams(new FormData(f, submitter)),
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
  });

  // The message to show for a refused request: the server's, or one for a non-JSON answer
  // (a redirect to sign in, a 403 page) or a network failure (fetch throws a TypeError).
  const failure = async (res, what) => {
    const data = await res.json().catch(() => ({}));
    if (data.error) return data.error;
    if (res.redirected) return say('js-signed-out', { what });
    return say('js-failed', { what, status: res.status });
  };
  const reason = (err, what) =>
    err instanceof TypeError ? say('js-offline', { what }) : err.message;

  // Tells screen readers through the polite live region (cleared first so repeats are read).
  const announce = (text) => {
    if (!status) return;
    status.textContent = '';
    setTimeout(() => { status.textContent = text; }, 50);
  };

  const setCount = (n) => {
    if (!heading) return;
    heading.dataset.count = String(n);
    heading.textContent = say('heading', { count: n });
  };
  // The count is in `data-count` (a page without it says it in its heading's brackets).
  const bumpCount = () => setCount(
    Number(heading?.dataset.count ?? /\((\d+)\)/.exec(heading?.textContent)?.[1] ?? 0) + 1,
  );

  // The `<article class="comment">` in server-rendered HTML (parsed inert, in a template).
  const parseComment = (html) => {
    const t = make('template');
    t.innerHTML = html;
    return t.content.querySelector('article.comment');
  };

  // Shows a comment where the server would: a reply at the end of its parent's replies
  // (beside the parent once the nesting limit is reached), anything else as a new thread.
  // Returns the comment's element, or null when it does not belong on this page.
  const place = (node, parentId) => {
    const existing = document.getElementById(node.id);
    if (existing) return existing; // a live event and our own post crossed
    const li = make('li');
    li.append(node);
    if (parentId) {
      const parentLi = document.getElementById(`comment-${parentId}`)?.closest('li');
      if (!parentLi) return null; // the parent's thread is on another page
      let depth = 0;
      for (let n = parentLi.parentElement; n && n !== section; n = n.parentElement) {
        if (n.matches('ol.replies')) depth += 1;
      }
      let list = depth >= MAX_NESTING
        ? parentLi.parentElement
        : parentLi.querySelector(':scope > ol.replies');
      if (!list) list = parentLi.appendChild(make('ol', { className: 'replies' }));
      list.append(li);
      return node;
    }
    li.className = 'thread';
    const more = section.querySelector('.show-more');
    let threads = section.querySelector('ol.threads');
    if (!threads) section.insertBefore(threads = make('ol', { className: 'threads' }), more || status);
    section.querySelector('.no-comments')?.remove();
    if (new URLSearchParams(location.search).get('sort') === 'newest') threads.prepend(li);
    else if (more) return null; // new threads go on the last page
    else threads.append(li);
    return node;
  };

  // ----- 1. replying in place -----

  // Puts the form back above the comments as a form for a new thread.
  const cancelReply = () => {
    form.querySelectorAll('input[name="parent_id"], .replying-notice').forEach((el) => el.remove());
    home.after(form);
  };

  section.addEventListener('click', (e) => {
    const link = e.target.closest('.comment-actions a[href*="?reply="]');
    if (!link || !form || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const target = link.closest('article.comment');
    if (!target) return; // let the link load the reply form
    e.preventDefault();
    const name = target.querySelector('.comment-author')?.textContent.trim();
    cancelReply();
    const cancel = make('button', { type: 'button', className: 'link-button', textContent: say('cancel-reply') });
    cancel.addEventListener('click', () => {
      cancelReply();
      (link.isConnected ? link : textarea).focus();
    });
    const notice = make('p', { className: 'replying-notice' });
    notice.append(`${name ? say('replying-to', { name }) : say('replying-to-comment')} · `, cancel);
    const parent = make('input', { type: 'hidden', name: 'parent_id', value: target.dataset.commentId });
    form.querySelector('input[name="csrf"]').after(parent, notice);
    target.after(form);
    textarea.focus();
  });

  // ----- 2. posting without a page load -----

  const showError = (message) => {
    form.querySelector('.form-error')?.remove();
    const box = make('div', { className: 'form-error', id: 'comment-error' });
    box.setAttribute('role', 'alert');
    box.append(make('p', { textContent: message }));
    form.querySelector('label[for="comment-body"]').before(box);
    textarea.setAttribute('aria-invalid', 'true');
    textarea.setAttribute('aria-describedby', 'comment-hint comment-error');
  };

  const postComment = async () => {
    const button = form.querySelector('button[type="submit"]');
    const parentId = form.querySelector('input[name="parent_id"]')?.value || '';
    button.disabled = true;
    try {
      const res = await send(form);
      if (res.status !== 201) throw new Error(await failure(res, say('js-not-posted')));
      const data = await res.json();
      const node = parseComment(data.html);
      const shown = node && (place(node, parentId) || place(node, ''));
      setCount(data.count);
      textarea.value = '';
      form.querySelector('.form-error')?.remove();
      textarea.removeAttribute('aria-invalid');
      textarea.setAttribute('aria-describedby', 'comment-hint');
      cancelReply();
      shown?.setAttribute('tabindex', '-1');
      shown?.focus();
      announce(say('js-posted'));
    } catch (err) {
      showError(reason(err, say('js-not-sent'))); // the text stays in the box
      textarea.focus();
    } finally {
      button.disabled = false;
    }
  };

  // ----- 3. likes without a page load -----

  // `button` is a comment's Like button: named "like" or "unlike" (when liked), valued with
  // the comment's id.
  const like = async (button) => {
    if (button.dataset.busy) return;
    button.dataset.busy = '1'; // not `disabled`: that would take keyboard focus away
    try {
      const res = await send(actions, button);
      if (!res.ok) throw new Error(await failure(res, say('js-like-not-saved')));
      const { liked, likes, label } = await res.json();
      const count = button.closest('.comment-actions')?.querySelector('.likes');
      if (count) {
        count.dataset.likes = String(likes);
        // The server says the count in the page's language (its plural forms).
        count.textContent = label ?? `${likes} ${likes === 1 ? 'like' : 'likes'}`;
      }
      button.setAttribute('aria-pressed', String(Boolean(liked)));
      button.name = liked ? 'unlike' : 'like';
    } catch (err) {
      button.parentElement.querySelector('.like-error')?.remove();
      const note = make('span', { className: 'like-error', textContent: reason(err, say('js-like-not-sent')) });
      note.setAttribute('role', 'alert');
      button.after(note);
      setTimeout(() => note.remove(), 5000);
    } finally {
      delete button.dataset.busy;
    }
  };

  section.addEventListener('submit', (e) => {
    if (form && e.target === form) {
      e.preventDefault();
      posting = postComment();
    } else if (actions && e.target === actions && /^(un)?like$/.test(e.submitter?.name ?? '')) {
      e.preventDefault();
      like(e.submitter);
    } // anything else (Delete) is an ordinary form post
  });

  // ----- 4. live updates -----

  const onComment = async (data) => {
    await posting; // our own post may be in flight: let it show its comment first
    const id = Number.parseInt(data, 10);
    if (!Number.isSafeInteger(id) || document.getElementById(`comment-${id}`)) return;
    const res = await fetch(`${base}/comments/${id}/fragment`, { credentials: 'same-origin' });
    if (!res.ok) return; // removed in the meantime
    const node = parseComment(await res.text());
    if (!node || document.getElementById(node.id)) return;
    bumpCount();
    if (!place(node, res.headers.get('x-parent-id') || '')) return;
    const name = node.querySelector('.comment-author')?.textContent.trim();
    announce(name ? say('js-new-from', { name }) : say('js-new'));
  };

  // The stream fell behind: offer a reload rather than guess what was missed.
  const onResync = () => {
    if (section.querySelector('.live-notice')) return;
    const reload = make('button', { type: 'button', className: 'link-button', textContent: say('js-reload') });
    reload.addEventListener('click', () => location.reload());
    heading.after(make('p', { className: 'live-notice' }));
    heading.nextElementSibling.append(reload);
  };

  // ----- 5. live coverage -----
  // New updates go in at the top of the stream when the reader is there; a reader who has
  // scrolled down into it is offered "N new updates" instead of having the page move. Edits
  // replace an update in place, deletions take it away. The HTML is the server's.
  const stream = document.querySelector('[data-live-stream]');
  const updateList = stream?.querySelector('ol.live-updates');
  let waiting = []; // updates held back while the reader is further down, newest last
  let newButton = null;
  // Its words, in the page's language, from the `live-words` data block: "N new updates" in
  // each plural form the language has, chosen with the page language's plural rules.
  const LIVE_ENGLISH = {
    'new-update': 'New update',
    'new-updates': { one: '{count} new update', other: '{count} new updates' },
  };
  let liveWords = LIVE_ENGLISH;
  try {
    liveWords = { ...LIVE_ENGLISH, ...JSON.parse(document.getElementById('live-words')?.textContent || '{}') };
  } catch { /* a damaged block: English */ }
  const newUpdates = (count) => {
    let form = 'other';
    try { form = new Intl.PluralRules(document.documentElement.lang || 'en').select(count); } catch { /* unknown language */ }
    const forms = liveWords['new-updates'] || {};
    const text = forms[form] ?? forms.other ?? LIVE_ENGLISH['new-updates'][count === 1 ? 'one' : 'other'];
    return String(text).replace(/\{count\}/g, String(count));
  };

  const parseUpdate = (html) => {
    const t = make('template');
    t.innerHTML = html;
    return t.content.querySelector('article.live-update');
  };
  const fetchUpdate = async (id) => {
    const res = await fetch(`/live-updates/${id}/fragment`, { credentials: 'same-origin' });
    return res.ok ? parseUpdate(await res.text()) : null;
  };
  const readerAtTop = () => updateList.getBoundingClientRect().top >= 0;
  const prepend = (node) => {
    stream.querySelector('.no-updates')?.remove();
    const li = make('li');
    li.append(node);
    updateList.prepend(li);
  };
  const showWaiting = () => {
    const n = waiting.length;
    if (n === 0) { newButton?.remove(); newButton = null; return; }
    if (!newButton) {
      newButton = make('button', { type: 'button', className: 'link-button live-new' });
      newButton.addEventListener('click', () => {
        showAll();
        updateList.firstElementChild?.scrollIntoView({ block: 'start' });
        updateList.querySelector('article a')?.focus();
      });
      updateList.before(newButton);
    }
    newButton.textContent = newUpdates(n);
  };
  const showAll = () => {
    waiting.forEach(prepend);
    waiting = [];
    showWaiting();
  };

  // The key-events summary at the top follows the stream: when a key event comes, changes or
  // goes (or an update stops being one), the server's summary replaces the one shown, one
  // fetch after another so an older answer never lands last.
  const keyEvents = document.querySelector('[data-key-events]');
  const inSummary = (id) => Boolean(keyEvents?.querySelector(`a[href="#update-${id}"]`));
  let keyEventsLoaded = Promise.resolve();
  const refreshKeyEvents = () => {
    if (!keyEvents) return;
    keyEventsLoaded = keyEventsLoaded.then(async () => {
      const res = await fetch(keyEvents.dataset.keyEvents, { credentials: 'same-origin' });
      if (!res.ok) return;
      const t = make('template');
      t.innerHTML = await res.text();
      keyEvents.replaceChildren(t.content);
    }).catch(() => {});
  };
  // A key event's link to an update still held back shows the held updates first.
  keyEvents?.addEventListener('click', (e) => {
    const href = e.target.closest('a')?.getAttribute('href');
    if (href && waiting.some((n) => `#${n.id}` === href)) showAll();
  });
  let updatesHandled = Promise.resolve();
  const onUpdate = async (data) => {
    if (!updateList) return;
    const [raw, action] = String(data).split(' ');
    const id = Number.parseInt(raw, 10);
    if (!Number.isSafeInteger(id)) return;
    const shown = document.getElementById(`update-${id}`);
    if (action === 'deleted') {
      shown?.closest('li')?.remove();
      waiting = waiting.filter((n) => n.id !== `update-${id}`);
      showWaiting();
      if (inSummary(id)) refreshKeyEvents();
      return;
    }
    const node = await fetchUpdate(id);
    if (!node) return;
    if (node.classList.contains('key-event') || inSummary(id)) refreshKeyEvents();
    if (action === 'edited') {
      if (shown) shown.replaceWith(node);
      else waiting = waiting.map((n) => (n.id === node.id ? node : n));
      return;
    }
    if (shown || waiting.some((n) => n.id === node.id)) return;
    if (readerAtTop()) {
      prepend(node);
      announce(String(liveWords['new-update'] ?? LIVE_ENGLISH['new-update']));
    } else {
      waiting.push(node);
      showWaiting();
      announce(newUpdates(waiting.length));
    }
  };

  // An EventSource reconnects by itself when its connection drops, but gives up for good when
  // the server refuses the stream (429 or 503: the site has as many open as it takes). Then try
  // again much later, twice as long each time (about 1, 2, 4… minutes, at most half an hour,
  // spread at random so refused readers do not all come back at once); the page works without
  // live updates meanwhile.
  let source = null;
  let retry = 0;
  let refusals = 0;
  const connect = () => {
    if (source || !section.dataset.live || !('EventSource' in window)) return;
    const es = new EventSource(section.dataset.live);
    source = es;
    es.addEventListener('open', () => { refusals = 0; });
    es.addEventListener('comment', (e) => { onComment(e.data).catch(() => {}); });
    es.addEventListener('resync', onResync);
    // One announcement at a time, in the order they came: each waits for the fragment before
    // it, so two updates published in quick succession are never shown in the wrong order.
    es.addEventListener('update', (e) => {
      updatesHandled = updatesHandled.then(() => onUpdate(e.data)).catch(() => {});
    });
    es.addEventListener('error', () => {
      if (es.readyState !== EventSource.CLOSED || source !== es) return; // reconnecting by itself
      source = null;
      const wait = Math.min(60_000 * 2 ** refusals, 30 * 60_000) * (0.5 + Math.random());
      refusals += 1;
      retry = setTimeout(() => { retry = 0; connect(); }, wait);
    });
  };
  connect();
  addEventListener('pagehide', () => {
    clearTimeout(retry);
    retry = 0;
    source?.close();
    source = null;
  });
  addEventListener('pageshow', (e) => { if (e.persisted) connect(); }); // back from the bfcache
})();

// The moderation desk's keyboard shortcuts: j/k move between comments, a approves, r rejects
// with the reason chosen beside it, x selects for a bulk action. They press the same buttons a
// mouse would, so the server sees an ordinary form post.
(() => {
  'use strict';

  const desk = document.querySelector('[data-mod-desk]');
  if (!desk) return;
  const items = () => [...desk.querySelectorAll('[data-queue-item]')];
  let current = -1;
  const focus = (i) => {
    const list = items();
    if (list.length === 0) return;
    current = Math.max(0, Math.min(list.length - 1, i));
    list.forEach((el, n) => el.classList.toggle('is-current', n === current));
    list[current].focus();
  };
  document.addEventListener('keydown', (e) => {
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    if (e.target.closest('input, select, textarea, button, a')) return; // typing or on a control
    const item = items()[current];
    switch (e.key) {
      case 'j': focus(current + 1); break;
      case 'k': focus(current - 1); break;
      case 'a': item?.querySelector('[data-action="approve"]')?.click(); break;
      case 'r': item?.querySelector('[data-action="reject"]')?.click(); break;
      case 'x': {
        const box = item?.querySelector('[data-select]');
        if (box) box.checked = !box.checked;
        break;
      }
      default: return;
    }
    e.preventDefault();
  });
  desk.addEventListener('focusin', (e) => {
    const i = items().indexOf(e.target.closest('[data-queue-item]'));
    if (i >= 0) current = i;
  });
})();

// An edition being sent: its figures (queued, sent, failed) refreshed every two seconds from
// the progress endpoint until nothing is left to send.
(() => {
  'use strict';

  const figures = document.querySelector('[data-progress]');
  if (!figures) return;
  const status = document.getElementById('edition-status');
  const poll = async () => {
    try {
      const res = await fetch(figures.dataset.progress, { headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const p = await res.json();
      for (const name of ['recipients', 'queued', 'sent', 'failed']) {
        const dd = figures.querySelector(`[data-figure="${name}"]`);
        if (dd) dd.textContent = String(p[name]);
      }
      if (status) status.textContent = p.label || p.status;
      if (p.status === 'sent' && p.queued === 0) return;
    } catch (_) {
      // A dropped connection: try again at the next tick.
    }
    setTimeout(poll, 2000);
  };
  setTimeout(poll, 2000);
})();
