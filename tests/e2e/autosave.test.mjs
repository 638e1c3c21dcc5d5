// Browser test of the article editor's autosave: a new article never saved is autosaved as it is
// typed, and the new-article page opened again offers it back (restored, it is in the form, and
// once saved it is offered no more). Then an editor types in the rich editor, the status
// line says "Saved at …" without a revision being made, and on reloading the editor offers the
// autosaved draft back; restored, it is in the form. Typed in the plain Markdown text area, it
// autosaves too. When a colleague saves a newer revision, autosave stops and says so (an
// alert), and the colleague's revision is kept.
//
//   cd tests/e2e && BROADSHEET_BIN=$PWD/../../target/debug/broadsheet node --test autosave.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watch, assertNoProblems, signUp } from './helpers.mjs';

let server;
let baseUrl;
let browser;

before(async () => {
  server = await startServer(['--signups-per-hour', '1000']);
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
});

test('the working copy is autosaved, offered back after a reload, and never written over a newer revision', { timeout: 120_000 }, async () => {
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = watch(page);
  const editor = await signUp(page, baseUrl, 'Ada Autosave');
  await server.cli(['user', 'role', editor.email, 'editor']);

  // A new article, never saved, is autosaved as it is typed.
  const newUrl = `${baseUrl}/admin/articles/new`;
  await page.goto(newUrl);
  const headline = `Ferry timetable ${Date.now()}`;
  await page.getByLabel('Headline', { exact: true }).fill(headline);
  const body = page.getByRole('textbox', { name: 'Body' });
  await body.click();
  await page.keyboard.type('The first sailing leaves at six.');
  const status = page.locator('#autosave-status');
  await status.filter({ hasText: /^Saved at / }).waitFor();

  // The tab is lost: the new-article page, opened again, offers back what was being written.
  await page.goto(newUrl);
  const restoreNew = page.getByRole('button', { name: /^Restore the autosaved draft from \d\d:\d\d$/ });
  await restoreNew.waitFor();
  assert.equal(await page.getByRole('button', { name: 'Discard it' }).count(), 1);
  await page.getByText(/^A new article you were writing was autosaved at \d\d:\d\d but never saved\.$/).waitFor();
  assert.equal(await page.getByLabel('Headline', { exact: true }).inputValue(), '');
  await restoreNew.click();
  await page.getByText(/The autosaved draft from \d\d:\d\d is in the form below/).waitFor();
  assert.equal(await page.getByLabel('Headline', { exact: true }).inputValue(), headline);
  assert.equal(await page.locator('textarea#e-body').inputValue(), 'The first sailing leaves at six.');
  await page.getByRole('textbox', { name: 'Body' }).waitFor();

  // Saved, as revision 1: an article now, and the new-article page offers nothing more.
  await page.getByLabel('Section', { exact: true }).selectOption('Business');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved as revision 1.' }).waitFor();
  const editorUrl = page.url().split('?')[0];
  await page.goto(newUrl);
  await page.getByLabel('Headline', { exact: true }).waitFor();
  assert.equal(await restoreNew.count(), 0);
  await page.goto(editorUrl);

  // Typing in the rich editor: a few seconds later the status line says it was kept.
  await body.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' The last one at ten.');
  await status.filter({ hasText: /^Saved at / }).waitFor();
  assert.equal(await status.getAttribute('role'), 'status');

  // Reloaded: the text is the saved revision's, and the autosaved draft is offered.
  await page.goto(editorUrl);
  const restore = page.getByRole('button', { name: /^Restore the autosaved draft from \d\d:\d\d$/ });
  await restore.waitFor();
  assert.equal(await page.getByRole('button', { name: 'Discard it' }).count(), 1);
  assert.equal(await page.locator('textarea#e-body').inputValue(), 'The first sailing leaves at six.');
  await restore.click();
  await page.getByText(/The autosaved draft from \d\d:\d\d is in the form below/).waitFor();
  assert.equal(
    await page.locator('textarea#e-body').inputValue(),
    'The first sailing leaves at six. The last one at ten.',
  );
  await page.getByRole('textbox', { name: 'Body' }).waitFor();

  // In the plain Markdown text area it autosaves too.
  await page.getByRole('button', { name: 'Edit as Markdown' }).click();
  const plain = page.locator('textarea#e-body');
  await plain.evaluate((t) => { t.focus(); t.setSelectionRange(t.value.length, t.value.length); });
  await page.keyboard.type('\n\nTimes may change in fog.');
  await status.filter({ hasText: /^Saved at / }).waitFor();

  // A colleague saves a newer revision meanwhile (in another browser).
  const other = await browser.newContext();
  other.setDefaultTimeout(15_000);
  const colleaguePage = await other.newPage();
  const colleague = await signUp(colleaguePage, baseUrl, 'Colin Colleague');
  await server.cli(['user', 'role', colleague.email, 'editor']);
  await colleaguePage.goto(editorUrl);
  await colleaguePage.getByLabel('Headline', { exact: true }).fill(`${headline}: updated`);
  await colleaguePage.getByRole('button', { name: 'Save draft' }).click();
  await colleaguePage.getByRole('status').filter({ hasText: 'Saved as revision 2.' }).waitFor();

  // The next autosave is refused: it stops, and says so at once.
  await page.keyboard.type(' Check before you travel.');
  const stopped = page.getByRole('alert').filter({ hasText: 'Colin Colleague saved a newer revision' });
  await stopped.waitFor();
  assert.match(await stopped.textContent(), /autosave has stopped/);
  // The colleague's revision is what the article holds.
  await colleaguePage.reload();
  assert.equal(await colleaguePage.getByLabel('Headline', { exact: true }).inputValue(), `${headline}: updated`);
  // The refused autosave was the one 409 expected here; nothing else went wrong.
  problems.badResponses = problems.badResponses.filter((r) => !/^409 .*\/autosave$/.test(r));
  problems.consoleErrors = problems.consoleErrors.filter((e) => !/status of 409/.test(e));
  assertNoProblems(problems, 'the editor');
  await other.close();
  await context.close();
});
