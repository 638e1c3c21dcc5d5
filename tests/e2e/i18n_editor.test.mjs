// The rich editor in German, in a real browser: a site started with `--locale de`, an editor
// made from the command line opens a new article; the toolbar's buttons (their names and the
// short labels of the marks), a block dialog and its buttons speak German (the page's
// `editor-words` block, from locales/de/editor.ftl), and the page stays free of errors.
//
//   cd tests/e2e && BROADSHEET_BIN=$PWD/../../target/debug/broadsheet node --test i18n_editor.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watch, assertNoProblems } from './helpers.mjs';

const PASSWORD = 'correct horse battery staple';
let server;
let browser;

before(async () => {
  server = await startServer(['--locale', 'de']);
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
});

test('a German editor page shows a German toolbar and German dialogs', { timeout: 60_000 }, async () => {
  const email = `edna-${Date.now()}@example.org`;
  process.env.BROADSHEET_PASSWORD = PASSWORD;
  await server.cli(['user', 'create', '--email', email, '--display-name', 'Edna', '--role', 'editor']);
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${server.baseUrl}/signin`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/signin'),
    page.locator('main form button[type=submit]').first().click(),
  ]);

  await page.goto(`${server.baseUrl}/admin/articles/new`);
  await page.locator('.rich-editor[data-ready="true"]').waitFor();
  const bar = page.getByRole('toolbar', { name: 'Formatierung und Blöcke', exact: true });
  await bar.waitFor();
  // The marks show a short label and are named in full.
  const bold = bar.getByRole('button', { name: 'Fett', exact: true });
  assert.equal(await bold.innerText(), 'F');
  assert.equal(await bar.getByRole('button', { name: 'Kursiv', exact: true }).innerText(), 'K');
  const labels = await bar.getByRole('button').allInnerTexts();
  for (const word of ['Zwischentitel', 'Aufzählung', 'Zitat', 'Bild', 'Bildergalerie', 'Infokasten', 'Rückgängig', 'Als Markdown bearbeiten']) {
    assert.ok(labels.includes(word), `the toolbar has ${word}: ${labels.join(', ')}`);
  }
  for (const english of ['Bold', 'Heading', 'Image', 'Undo', 'Edit as Markdown']) {
    assert.ok(!labels.includes(english), `no English ${english} on the toolbar`);
  }

  // A block's dialog: its title, fields and buttons; refused in German too.
  await bar.getByRole('button', { name: 'Infokasten', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Infokasten', exact: true });
  await dialog.waitFor();
  await dialog.getByLabel('Titel', { exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'Übernehmen', exact: true }).click();
  await dialog.getByRole('alert').filter({ hasText: /^Titel: / }).waitFor();
  await dialog.getByRole('button', { name: 'Abbrechen', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  assertNoProblems(problems, 'the German editor page');
  await context.close();
});
