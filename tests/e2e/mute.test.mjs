// Browser test of muting: a member mutes another from a comment's Mute button (a plain form
// post, no script), finds that member's comments folded behind "Comment from a member you
// muted — show", opens one, and unmutes it; the muted member sees nothing of it.
//
//   cd tests/e2e && node --test mute.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watch, assertNoProblems, signUp, articlePaths } from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await startServer(['--comments-per-minute', '1000', '--signups-per-hour', '1000']);
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
});

async function newPage() {
  const context = await browser.newContext({ javaScriptEnabled: false });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page, problems: watch(page) };
}

// Presses `button` (a form post) and waits for the redirect back to the article at `path`.
async function submitAndReturn(page, path, button) {
  await Promise.all([page.waitForURL((u) => u.pathname === path, { waitUntil: 'load' }), button.click()]);
}

test('a muted member’s comment folds for the muter, opens on demand and unfolds on unmute', async () => {
  const A = await newPage();
  const B = await newPage();
  try {
    const { page: b } = B;
    const { page: a } = A;
    const path = (await articlePaths(a, server.baseUrl))[2];
    await signUp(b, server.baseUrl, 'Bea Loud');
    await b.goto(`${server.baseUrl}${path}`);
    const text = 'A comment Ada would rather not read.';
    await b.locator('#comments').getByLabel('Comment', { exact: true }).fill(text);
    await submitAndReturn(b, path, b.getByRole('button', { name: 'Post comment' }));
    const id = await b.locator('article.comment').filter({ hasText: text }).getAttribute('data-comment-id');

    await signUp(a, server.baseUrl, 'Ada Quiet');
    await a.goto(`${server.baseUrl}${path}`);
    const comment = a.locator(`#comment-${id}`);
    await submitAndReturn(a, path, comment.getByRole('button', { name: 'Mute' }));

    // Folded: the summary shows, the comment does not until it is opened.
    const summary = a.getByText('Comment from a member you muted — show');
    await summary.waitFor();
    assert.equal(await comment.locator('.comment-body').isVisible(), false, 'folded');
    await summary.click();
    await comment.locator('.comment-body').filter({ hasText: text }).waitFor({ state: 'visible' });

    // Unmute from the comment: it shows unfolded again.
    await submitAndReturn(a, path, comment.getByRole('button', { name: 'Unmute' }));
    assert.equal(await a.getByText('Comment from a member you muted — show').count(), 0);
    assert.ok(await comment.locator('.comment-body').isVisible(), 'unfolded');

    // Bea never sees a sign of it.
    await b.reload();
    assert.equal(await b.locator('details.muted-comment').count(), 0);
    assert.equal(await b.getByRole('button', { name: 'Unmute' }).count(), 0);

    assertNoProblems(A.problems, 'member A');
    assertNoProblems(B.problems, 'member B');
  } finally {
    await A.context.close();
    await B.context.close();
  }
});
