// Browser test of the moderation desk: a moderator (an administrator, made one from the command
// line) works the queue. A pre-moderated article holds a member's comment; the moderator approves
// it with the keyboard and readers see it. Reports from members who joined today are set to count
// (by default they do not), and a comment reported by three readers disappears from the page;
// the moderator rejects it with a reason (the author reads the reason), then undoes the
// decision. The desk is plain forms: the shortcuts press the same buttons.
//
//   cd tests/e2e && npm test

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watch, assertNoProblems, signUp, articlePaths } from './helpers.mjs';

let server;
let baseUrl;
let browser;
let paths;

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

async function newPage() {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page, problems: watch(page) };
}

async function post(page, text) {
  await page.locator('#comments').getByLabel('Comment', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Post comment' }).click();
  await page.locator('#comments article.comment', { hasText: text }).waitFor();
}

test('a moderator approves a held comment, rejects a reported one and undoes it', async () => {
  const mod = await newPage();
  const moderator = await signUp(mod.page, baseUrl, 'Morgan Moderator');
  await server.cli(['user', 'role', moderator.email, 'admin']);

  // The editor pre-moderates one article.
  const held = paths[0];
  const slug = held.split('/').pop();
  await mod.page.goto(`${baseUrl}/admin/moderation/settings`);
  await mod.page.getByLabel('For', { exact: true }).selectOption('article');
  await mod.page.getByLabel(/Section or article address/).fill(slug);
  await mod.page.getByLabel('Comments', { exact: true }).last().selectOption('premoderated');
  await Promise.all([mod.page.waitForURL(/message=/), mod.page.getByRole('button', { name: 'Save policy' }).click()]);

  // A member posts there: they see it waiting; a signed-out reader does not see it.
  const writer = await newPage();
  await signUp(writer.page, baseUrl, 'Wren Writer');
  await writer.page.goto(`${baseUrl}${held}`);
  await post(writer.page, 'A thought that waits for review.');
  const mine = writer.page.locator('#comments article.comment', { hasText: 'A thought that waits for review.' });
  await mine.locator('.held-status').waitFor();
  const reader = await newPage();
  await reader.page.goto(`${baseUrl}${held}`);
  assert.equal(await reader.page.getByText('A thought that waits for review.').count(), 0);

  // The moderator approves it from the queue with the keyboard: j then a.
  await mod.page.goto(`${baseUrl}/admin/moderation`);
  const item = mod.page.locator('[data-queue-item]', { hasText: 'A thought that waits for review.' });
  await item.waitFor();
  await mod.page.locator('h1').click();
  await mod.page.keyboard.press('j');
  await Promise.all([mod.page.waitForURL(/done=/), mod.page.keyboard.press('a')]);
  await mod.page.getByText('Done: 1 item approved.').waitFor();
  await reader.page.goto(`${baseUrl}${held}`);
  await reader.page.locator('#comments article.comment', { hasText: 'A thought that waits for review.' }).waitFor();

  // The readers here all joined today: their reports count only once the bar is lowered.
  await mod.page.goto(`${baseUrl}/admin/moderation/settings`);
  await mod.page.getByLabel('Count reports only from members who confirmed their email address').selectOption('no');
  await mod.page.getByLabel('Count reports only from accounts at least this many days old').fill('0');
  await mod.page.getByLabel('Count reports only from members with at least this many approved comments').fill('0');
  await Promise.all([mod.page.waitForURL(/message=/), mod.page.getByRole('button', { name: 'Save settings' }).click()]);

  // Elsewhere, three readers report a comment; it disappears.
  const open = paths[1];
  await writer.page.goto(`${baseUrl}${open}`);
  await post(writer.page, 'A claim some readers dispute.');
  const id = (await writer.page.locator('#comments article.comment', { hasText: 'A claim some readers dispute.' }).getAttribute('id')).replace('comment-', '');
  for (let i = 0; i < 3; i += 1) {
    const r = await newPage();
    await signUp(r.page, baseUrl, `Reporter ${i}`);
    await r.page.goto(`${baseUrl}/comments/${id}/report`);
    await r.page.getByLabel('False or misleading').check();
    await Promise.all([r.page.waitForLoadState('load'), r.page.getByRole('button', { name: 'Send report' }).click()]);
    await r.context.close();
  }
  await reader.page.goto(`${baseUrl}${open}`);
  assert.equal(await reader.page.getByText('A claim some readers dispute.').count(), 0, 'hidden after three reports');

  // The moderator rejects it from the reported queue, with a reason.
  await mod.page.goto(`${baseUrl}/admin/moderation?queue=reported`);
  const reported = mod.page.locator('[data-queue-item]', { hasText: 'A claim some readers dispute.' });
  await reported.getByText('False or misleading').first().waitFor();
  await reported.getByLabel('Reason').selectOption('off_topic');
  await Promise.all([mod.page.waitForURL(/done=/), reported.getByRole('button', { name: 'Reject' }).click()]);
  await writer.page.goto(`${baseUrl}${open}`);
  await writer.page.getByText('A moderator rejected this comment: Off topic').waitFor();

  // Undo: back in the reported queue, still hidden from readers.
  await Promise.all([mod.page.waitForURL(/message=/), mod.page.getByRole('button', { name: 'Undo' }).click()]);
  await mod.page.getByText('Undone: 1 action.').waitFor();
  await mod.page.goto(`${baseUrl}/admin/moderation?queue=reported`);
  await mod.page.locator('[data-queue-item]', { hasText: 'A claim some readers dispute.' }).waitFor();
  await reader.page.goto(`${baseUrl}${open}`);
  assert.equal(await reader.page.getByText('A claim some readers dispute.').count(), 0);

  for (const p of [mod, writer, reader]) {
    assertNoProblems(p.problems, 'moderation journey');
    await p.context.close();
  }
});
