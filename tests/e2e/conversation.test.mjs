// Browser tests of the conversation under an article: members post, reply, like, edit and
// delete comments with JavaScript (static/app.js: no page loads) and without it (plain form
// posts and redirects); a reader sees new comments arrive live; and hostile comment text is
// only ever shown as text.
//
// One server for the file (fresh data dir, demo content), with the posting and sign-up limits
// raised so the journeys do not trip them. Each journey uses its own demo article.
//
//   cd tests/e2e && npm test

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer,
  launchBrowser,
  watch,
  assertNoProblems,
  countNavigations,
  signUp,
  articlePaths,
} from './helpers.mjs';

let server;
let baseUrl;
let browser;
let paths; // demo articles, front-page order

before(async () => {
  server = await startServer(['--comments-per-minute', '1000', '--signups-per-hour', '1000']);
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  const context = await browser.newContext();
  paths = await articlePaths(await context.newPage(), baseUrl);
  await context.close();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
});

async function newPage(options = {}) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page, problems: watch(page) };
}

const section = (page) => page.locator('#comments');
const commentBox = (page) => section(page).getByLabel('Comment', { exact: true });
const heading = (page, n) => section(page).getByRole('heading', { name: `Comments (${n})`, exact: true });
// The replies shown directly under comment `id`.
const repliesOf = (page, id) => page.locator(`li:has(> #comment-${id}) > ol.replies > li > article.comment`);

async function liveStatus(page, expected) {
  await page.waitForFunction(
    (text) => document.getElementById('live-status')?.textContent === text,
    expected,
    { timeout: 3000 },
  );
}

// Waits for the page to come back to `path` after a form post and its redirect.
async function submitAndReturn(page, path, button) {
  await Promise.all([
    page.waitForURL((u) => u.pathname === path && !u.searchParams.has('reply'), { waitUntil: 'load' }),
    button.click(),
  ]);
}

// A deleted comment is either gone or a tombstone without its text.
async function assertDeleted(page, id, text) {
  const el = page.locator(`#comment-${id}`);
  if ((await el.count()) === 0) return;
  assert.match(await el.getAttribute('class'), /\btombstone\b/);
  assert.equal((await el.locator('.comment-body').innerText()).trim(), 'This comment was deleted.');
  assert.ok(!(await el.innerText()).includes(text), 'the deleted text is gone');
}

// Member A edits their comment `id` on its edit page; back on the article it says "(edited)".
async function editComment(page, path, id, newText) {
  await Promise.all([
    page.waitForURL(new RegExp(`/comments/${id}/edit$`)),
    page.locator(`#comment-${id}`).getByRole('link', { name: 'Edit' }).click(),
  ]);
  await page.getByLabel('Comment', { exact: true }).fill(newText);
  await submitAndReturn(page, path, page.getByRole('button', { name: 'Save changes' }));
  const c = page.locator(`#comment-${id}`);
  assert.equal((await c.locator('.comment-body').innerText()).trim(), newText);
  assert.equal((await c.locator('.edited').innerText()).trim(), '(edited)');
}

test('with JavaScript: post, reply, like, edit and delete', async () => {
  const A = await newPage();
  const B = await newPage();
  try {
    const ada = await signUp(A.page, baseUrl, 'Ada Script');
    const a = A.page;
    await a.goto(`${baseUrl}/`);
    await Promise.all([a.waitForURL(/\/articles\/[^/]+$/), a.locator('.card-title a').first().click()]);
    const articleUrl = a.url();
    const path = new URL(articleUrl).pathname;
    assert.equal(path, paths[0], 'the first demo article');
    await heading(a, 0).waitFor();

    // Post: the comment appears in place, without a navigation.
    const navs = countNavigations(a);
    await a.evaluate(() => { window.__samePage = true; });
    // A refused comment: the server's message shows in the form, the text stays.
    await commentBox(a).fill('   ');
    await section(a).getByRole('button', { name: 'Post comment' }).click();
    await a.locator('#comment-form .form-error[role="alert"]')
      .filter({ hasText: 'Write something before posting' }).waitFor();
    assert.equal(await commentBox(a).inputValue(), '   ', 'the text is kept');
    assert.equal(await commentBox(a).getAttribute('aria-invalid'), 'true');
    assert.equal(await section(a).getByRole('button', { name: 'Post comment' }).isEnabled(), true);
    await heading(a, 0).waitFor();

    const first = 'First thoughts, posted without a page load.';
    await commentBox(a).fill(first);
    await section(a).getByRole('button', { name: 'Post comment' }).click();
    const c1 = section(a).locator('ol.threads > li.thread > article.comment').filter({ hasText: first });
    await c1.waitFor();
    await heading(a, 1).waitFor();
    const id1 = await c1.getAttribute('data-comment-id');
    assert.equal(await a.locator('#comment-form .form-error').count(), 0, 'the old error is gone');
    assert.equal(await section(a).locator('.no-comments').count(), 0, 'the empty state is gone');
    assert.equal(await commentBox(a).inputValue(), '', 'the box is cleared');
    assert.equal(await a.evaluate(() => document.activeElement?.id), `comment-${id1}`, 'focus on the new comment');
    await liveStatus(a, 'Your comment was posted');
    assert.equal(await c1.locator('.comment-author').innerText(), ada.name);

    // Reply in place; "Cancel reply" puts the form back.
    const form = a.locator('#comment-form');
    await c1.getByRole('link', { name: 'Reply' }).click();
    await form.getByText(`Replying to ${ada.name}`).waitFor();
    assert.ok(await a.evaluate((id) => document.getElementById(`comment-${id}`).nextElementSibling?.id === 'comment-form', id1), 'the form sits under the comment');
    assert.equal(await form.locator('input[name="parent_id"]').inputValue(), id1);
    assert.equal(await a.evaluate(() => document.activeElement?.id), 'comment-body', 'focus in the box');
    await form.getByRole('button', { name: 'Cancel reply' }).click();
    assert.equal(await form.locator('input[name="parent_id"]').count(), 0);
    assert.equal(await form.getByText('Replying to').count(), 0);
    assert.equal(await form.evaluate((f) => f.parentElement.id), 'comments', 'the form is back above the comments');

    const replyText = 'A reply, nested under the first comment.';
    await c1.getByRole('link', { name: 'Reply' }).click();
    await commentBox(a).fill(replyText);
    await form.getByRole('button', { name: 'Post comment' }).click();
    const reply = repliesOf(a, id1).filter({ hasText: replyText });
    await reply.waitFor();
    await heading(a, 2).waitFor();
    const replyId = await reply.getAttribute('data-comment-id');
    assert.equal(await form.evaluate((f) => f.parentElement.id), 'comments', 'the form went back after the reply');
    assert.equal(await form.locator('input[name="parent_id"]').count(), 0);
    await liveStatus(a, 'Your comment was posted');
    await a.waitForTimeout(500); // the live event for our own comments must not add copies
    assert.equal(await a.locator(`#comment-${id1}`).count(), 1);
    assert.equal(await a.locator(`#comment-${replyId}`).count(), 1);
    assert.equal(navs.count, 0, 'no navigation while posting');
    assert.equal(a.url(), articleUrl);
    assert.equal(await a.evaluate(() => window.__samePage), true);

    // A second member likes the reply, takes the like back, likes it again.
    const b = B.page;
    await signUp(b, baseUrl, 'Bea Script');
    await b.goto(articleUrl);
    const bNavs = countNavigations(b);
    const bReply = b.locator(`#comment-${replyId}`);
    const like = bReply.getByRole('button', { name: 'Like' });
    assert.equal(await like.getAttribute('aria-pressed'), 'false');
    await like.click();
    await bReply.locator('.likes').filter({ hasText: /^1 like$/ }).waitFor();
    assert.equal(await like.getAttribute('aria-pressed'), 'true');
    assert.equal(await like.getAttribute('name'), 'unlike', 'pressing it again takes the like back');
    await like.click();
    await bReply.locator('.likes').filter({ hasText: /^0 likes$/ }).waitFor();
    assert.equal(await like.getAttribute('aria-pressed'), 'false');
    await like.click();
    await bReply.locator('.likes').filter({ hasText: /^1 like$/ }).waitFor();
    assert.equal(await like.getAttribute('aria-pressed'), 'true');
    assert.equal(bNavs.count, 0, 'no navigation while liking');
    await b.reload();
    assert.equal((await bReply.locator('.likes').innerText()).trim(), '1 like', 'the like was saved');
    assert.equal(await like.getAttribute('aria-pressed'), 'true');

    // A refused like (already liked) says why, next to the button, and changes nothing.
    await like.evaluate((button) => { button.name = 'like'; });
    await like.click();
    await bReply.locator('.like-error[role="alert"]').filter({ hasText: 'You already like this comment.' }).waitFor();
    assert.equal((await bReply.locator('.likes').innerText()).trim(), '1 like');
    assert.equal(await like.getAttribute('aria-pressed'), 'true');

    // Ada edits her comment, then deletes the reply (plain form posts, page loads are fine).
    const edited = 'First thoughts, now edited.';
    await editComment(a, path, id1, edited);
    await submitAndReturn(a, path, a.locator(`#comment-${replyId}`).getByRole('button', { name: 'Delete' }));
    await assertDeleted(a, replyId, replyText);
    assert.equal((await a.locator(`#comment-${id1} .comment-body`).innerText()).trim(), edited);

    // The two refusals above are the only expected errors: a 422 and a 409, and Chromium's
    // console lines about them.
    A.problems.badResponses = A.problems.badResponses.filter((x) => !/^422 .*\/comments$/.test(x));
    A.problems.consoleErrors = A.problems.consoleErrors.filter((m) => !/status of 422/.test(m));
    B.problems.badResponses = B.problems.badResponses.filter((x) => !/^409 .*\/comments\/actions$/.test(x));
    B.problems.consoleErrors = B.problems.consoleErrors.filter((m) => !/status of 409/.test(m));
    assertNoProblems(A.problems, 'member A');
    assertNoProblems(B.problems, 'member B');
  } finally {
    await A.context.close();
    await B.context.close();
  }
});

test('without JavaScript: the same walk with form posts and redirects', async () => {
  const A = await newPage({ javaScriptEnabled: false });
  const B = await newPage({ javaScriptEnabled: false });
  try {
    const a = A.page;
    const ada = await signUp(a, baseUrl, 'Ada Plain');
    const path = paths[1];
    await a.goto(`${baseUrl}${path}`);
    await heading(a, 0).waitFor();

    const first = 'A comment sent as a plain form.';
    await commentBox(a).fill(first);
    await Promise.all([
      a.waitForURL(/#comment-\d+$/),
      section(a).getByRole('button', { name: 'Post comment' }).click(),
    ]);
    assert.equal(new URL(a.url()).pathname, path);
    await heading(a, 1).waitFor();
    const c1 = section(a).locator('ol.threads > li.thread > article.comment').filter({ hasText: first });
    const id1 = await c1.getAttribute('data-comment-id');
    assert.ok(a.url().endsWith(`#comment-${id1}`), 'redirected to the new comment');
    assert.equal(await a.locator('#live-status').innerText(), '', 'nothing is announced without the script');

    // Reply: the link loads the page with the form set to reply.
    await Promise.all([
      a.waitForURL((u) => u.searchParams.get('reply') === id1),
      c1.getByRole('link', { name: 'Reply' }).click(),
    ]);
    const form = a.locator('#comment-form');
    await form.getByText(`Replying to ${ada.name}`).waitFor();
    assert.equal(await form.locator('input[name="parent_id"]').inputValue(), id1);
    assert.equal(await form.getByRole('link', { name: 'Cancel reply' }).count(), 1);
    const replyText = 'A plain reply.';
    await commentBox(a).fill(replyText);
    await submitAndReturn(a, path, form.getByRole('button', { name: 'Post comment' }));
    await heading(a, 2).waitFor();
    const reply = repliesOf(a, id1).filter({ hasText: replyText });
    assert.equal(await reply.count(), 1, 'the reply is nested under the comment');
    const replyId = await reply.getAttribute('data-comment-id');

    // A second member likes the reply.
    const b = B.page;
    await signUp(b, baseUrl, 'Bea Plain');
    await b.goto(`${baseUrl}${path}`);
    const bReply = b.locator(`#comment-${replyId}`);
    await submitAndReturn(b, path, bReply.getByRole('button', { name: 'Like' }));
    assert.equal((await bReply.locator('.likes').innerText()).trim(), '1 like');
    assert.equal(await bReply.getByRole('button', { name: 'Like' }).getAttribute('aria-pressed'), 'true');

    // Ada edits her comment and deletes the reply.
    const edited = 'A plain comment, edited.';
    await editComment(a, path, id1, edited);
    await submitAndReturn(a, path, a.locator(`#comment-${replyId}`).getByRole('button', { name: 'Delete' }));
    await assertDeleted(a, replyId, replyText);

    assertNoProblems(A.problems, 'member A');
    assertNoProblems(B.problems, 'member B');
  } finally {
    await A.context.close();
    await B.context.close();
  }
});

test('live: a reader sees new comments and replies arrive without reloading', async () => {
  const A = await newPage();
  const R = await newPage();
  try {
    const a = A.page;
    const r = R.page;
    const cy = await signUp(a, baseUrl, 'Cy Live');
    const path = paths[2];
    await a.goto(`${baseUrl}${path}`);
    // The reader is signed out; wait until their event stream is open.
    const stream = r.waitForResponse((res) => new URL(res.url()).pathname === `${path}/live`);
    await r.goto(`${baseUrl}${path}`);
    await stream;
    await heading(r, 0).waitFor();
    const navs = countNavigations(r);
    await r.evaluate(() => { window.__samePage = true; });

    const text = 'Hello from the live test.';
    await commentBox(a).fill(text);
    await section(a).getByRole('button', { name: 'Post comment' }).click();
    const seen = section(r).locator('ol.threads > li.thread > article.comment').filter({ hasText: text });
    await seen.waitFor({ timeout: 3000 });
    await heading(r, 1).waitFor({ timeout: 3000 });
    await liveStatus(r, `New comment from ${cy.name}`);
    const id = await seen.getAttribute('data-comment-id');
    assert.equal(await r.locator(`#comment-${id}`).count(), 1);
    // Rendered for the reader: signed out, so no member actions.
    assert.equal(await seen.getByRole('link', { name: 'Reply' }).count(), 0);
    assert.equal(await seen.getByRole('button', { name: 'Like' }).count(), 0);

    const replyText = 'And a live reply.';
    await section(a).locator(`#comment-${id}`).getByRole('link', { name: 'Reply' }).click();
    await commentBox(a).fill(replyText);
    await section(a).getByRole('button', { name: 'Post comment' }).click();
    await repliesOf(r, id).filter({ hasText: replyText }).waitFor({ timeout: 3000 });
    await heading(r, 2).waitFor({ timeout: 3000 });
    await liveStatus(r, `New comment from ${cy.name}`);

    assert.equal(navs.count, 0, 'the reader did not reload');
    assert.equal(await r.evaluate(() => window.__samePage), true);
    await heading(a, 2).waitFor();
    assert.equal(await a.locator('article.comment').count(), 2, 'the poster has no duplicates');

    assertNoProblems(A.problems, 'member');
    assertNoProblems(R.problems, 'reader');
  } finally {
    await A.context.close();
    await R.context.close();
  }
});

const PAYLOADS = [
  ['<script>window.__xss=1</script>'],
  ['<img src=x onerror="window.__xss=1">'],
  ['<svg onload="window.__xss=1">'],
  ['[click](javascript:window.__xss=1)', 'click'], // a link whose target is dropped
  ['<a href="javascript:window.__xss=1">x</a>'],
  ['"><iframe src="javascript:alert(1)">'],
  ['<details open ontoggle="window.__xss=1">'],
];

// Everything inside comment bodies that could run script.
function dangerousMarkup(page) {
  return page.locator('#comments').evaluate((root) => {
    const found = [];
    for (const body of root.querySelectorAll('.comment-body')) {
      for (const el of [body, ...body.querySelectorAll('*')]) {
        if (/^(script|img|svg|iframe|details|object|embed|style|form)$/i.test(el.localName)) {
          found.push(el.outerHTML);
        }
        for (const at of el.attributes) {
          if (/^on/i.test(at.name)) found.push(`${el.localName}[${at.name}]`);
          if (/^(href|src|action|formaction)$/i.test(at.name) && /^\s*javascript:/i.test(at.value)) {
            found.push(`${el.localName}[${at.name}=${at.value}]`);
          }
        }
      }
    }
    // And nothing of the kind anywhere in the conversation.
    for (const el of root.querySelectorAll('script, img, svg, iframe, details, object, embed')) {
      found.push(el.outerHTML);
    }
    return found;
  });
}

async function assertInert(page, who) {
  await page.waitForTimeout(300); // give onload/ontoggle/onerror a chance to fire
  assert.equal(await page.evaluate(() => typeof window.__xss), 'undefined', `${who}: no payload ran`);
  assert.deepEqual(await dangerousMarkup(page), [], `${who}: no dangerous markup`);
  const bodies = await page.locator('#comments ol.threads > li.thread > article.comment .comment-body').allInnerTexts();
  assert.equal(bodies.length, PAYLOADS.length);
  PAYLOADS.forEach(([payload, shown = payload], i) => {
    assert.equal(bodies[i].trim(), shown, `${who}: payload ${i + 1} is shown as text`);
  });
}

// Turns the link rule off (links from new members wait for a moderator by default): the
// hostile journey posts a Markdown link as a member who joined a moment ago, and is about
// escaping, not screening. An administrator made from the command line saves the setting.
async function turnOffLinkHold() {
  const email = `admin-${Date.now()}@example.org`;
  const password = 'correct horse battery staple';
  process.env.BROADSHEET_PASSWORD = password;
  await server.cli(['user', 'create', '--email', email, '--role', 'admin']);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/signin`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL((u) => u.pathname !== '/signin'), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.goto(`${baseUrl}/admin/moderation/settings`);
    await page.locator('#link-hold').fill('0');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.has('message')),
      page.getByRole('button', { name: 'Save settings' }).click(),
    ]);
    assert.equal(await page.locator('#link-hold').inputValue(), '0');
  } finally {
    await context.close();
  }
}

test('hostile comments are shown as text and never run', async () => {
  await turnOffLinkHold();
  const A = await newPage();
  const R = await newPage(); // a reader who receives them live
  try {
    const a = A.page;
    const r = R.page;
    // The display name is hostile too: it shows up in "Replying to" and live announcements.
    const name = '<img src=x onerror="window.__xss=1">';
    await signUp(a, baseUrl, name);
    const path = paths[3];
    await a.goto(`${baseUrl}${path}`);
    const stream = r.waitForResponse((res) => new URL(res.url()).pathname === `${path}/live`);
    await r.goto(`${baseUrl}${path}`);
    await stream;

    for (const [i, [payload]] of PAYLOADS.entries()) {
      await commentBox(a).fill(payload);
      await section(a).getByRole('button', { name: 'Post comment' }).click();
      await heading(a, i + 1).waitFor();
      await liveStatus(a, 'Your comment was posted');
      assert.equal(await commentBox(a).inputValue(), '');
    }
    await heading(r, PAYLOADS.length).waitFor();
    await liveStatus(r, `New comment from ${name}`);

    // The hostile name in the inline reply notice is text.
    await section(a).locator('article.comment').first().getByRole('link', { name: 'Reply' }).click();
    const notice = a.locator('#comment-form').getByText(`Replying to ${name}`);
    await notice.waitFor();
    assert.equal(await a.locator('#comment-form img').count(), 0);
    await a.locator('#comment-form').getByRole('button', { name: 'Cancel reply' }).click();

    await assertInert(a, 'poster');
    await assertInert(r, 'live reader');
    await a.reload();
    await r.reload();
    await assertInert(a, 'poster after reload');
    await assertInert(r, 'reader after reload');

    assertNoProblems(A.problems, 'poster');
    assertNoProblems(R.problems, 'reader');
  } finally {
    await A.context.close();
    await R.context.close();
  }
});

// Where every comment sits: "comment-7<comment-3" is comment 7 in the replies of comment 3.
function layout(page) {
  return page.locator('#comments').evaluate((root) =>
    [...root.querySelectorAll('article.comment')].map((c) => {
      const list = c.closest('li').parentElement;
      const owner = list.matches('ol.replies')
        ? list.closest('li').querySelector(':scope > article.comment').id
        : 'thread';
      return `${c.id}<${owner}`;
    }),
  );
}

test('deep replies land where the server puts them, for the poster and a live reader', async () => {
  const A = await newPage();
  const R = await newPage();
  try {
    const a = A.page;
    const r = R.page;
    await signUp(a, baseUrl, 'Dee Deep');
    const path = paths[4];
    await a.goto(`${baseUrl}${path}`);
    const stream = r.waitForResponse((res) => new URL(res.url()).pathname === `${path}/live`);
    await r.goto(`${baseUrl}${path}`);
    await stream;

    // A thread, then a chain of replies each answering the previous one (deeper than the
    // three levels that nest), then a second thread.
    const texts = ['Level 0', 'Level 1', 'Level 2', 'Level 3', 'Level 4', 'Level 5', 'Second thread'];
    for (const [i, text] of texts.entries()) {
      if (i > 0 && i < 6) {
        const previous = section(a).locator('article.comment').filter({ hasText: texts[i - 1] });
        await previous.getByRole('link', { name: 'Reply' }).click();
      }
      await commentBox(a).fill(text);
      await a.locator('#comment-form').getByRole('button', { name: 'Post comment' }).click();
      await heading(a, i + 1).waitFor();
    }
    await heading(r, texts.length).waitFor({ timeout: 3000 });
    const built = await layout(a);
    assert.equal(built.length, texts.length);
    // Levels 3, 4 and 5 share the third level of replies.
    const third = 'ol.replies ol.replies ol.replies > li > article.comment';
    assert.equal(await a.locator(third).count(), 3, 'deeper replies are shown flat');
    assert.deepEqual(await layout(r), built, 'the live reader built the same conversation');
    await a.reload();
    assert.deepEqual(await layout(a), built, 'the server shows the same conversation');
    assert.equal(await a.locator('ol.replies ol.replies ol.replies ol.replies').count(), 0, 'at most three levels');

    assertNoProblems(A.problems, 'poster');
    assertNoProblems(R.problems, 'reader');
  } finally {
    await A.context.close();
    await R.context.close();
  }
});
