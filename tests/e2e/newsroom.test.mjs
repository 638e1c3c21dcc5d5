// Browser test of the newsroom: a contributor (made one from the command line) uploads a
// picture to the media library, writes a draft with it as the featured image and submits it for
// review; an editor finds it, previews it as readers will see it, schedules
// it a few seconds ahead and sees it go live on its own, then adds a correction that readers
// see at the foot of the article. Every step is a plain form.
//
//   cd tests/e2e && npm test

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, watch, assertNoProblems, signUp, png } from './helpers.mjs';

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

async function newPage() {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page, problems: watch(page) };
}

/** A UTC time `seconds` from now, as a datetime-local field takes it. */
function utcInSeconds(seconds) {
  return new Date(Date.now() + seconds * 1000).toISOString().slice(0, 19);
}

test('a contributor submits a draft, an editor schedules it, it goes live and is corrected', async () => {
  const headline = `Night ferry returns ${Date.now()}`;
  const w = await newPage();
  const writer = await signUp(w.page, baseUrl, 'Casey Contributor');
  await server.cli(['user', 'role', writer.email, 'contributor']);

  // The contributor uploads the picture for the story.
  const dir = await mkdtemp(path.join(tmpdir(), 'broadsheet-e2e-image-'));
  const file = path.join(dir, 'ferry.png');
  await writeFile(file, png(1200, 800));
  await w.page.goto(`${baseUrl}/admin/media`);
  await w.page.getByLabel('Image file', { exact: true }).setInputFiles(file);
  await w.page.getByLabel('Alt text', { exact: true }).fill('The night ferry at the quay');
  await w.page.getByLabel('Caption or credit', { exact: true }).fill('Photo: the newsroom');
  await w.page.getByRole('button', { name: 'Upload image' }).click();
  const imageUrl = await w.page.getByLabel('Image URL', { exact: true }).inputValue();
  assert.match(imageUrl, /^\/media\/[0-9a-f]+-\d+\.png$/);

  // The contributor writes and saves a draft, with the picture as its featured image.
  await w.page.goto(`${baseUrl}/admin/articles/new`);
  await w.page.getByLabel('Image address', { exact: true }).fill(imageUrl);
  await w.page.getByLabel('Alt text', { exact: true }).fill('The night ferry at the quay');
  await w.page.getByLabel('Caption and credit', { exact: true }).fill('Photo: the newsroom');
  await w.page.getByLabel('Headline', { exact: true }).fill(headline);
  await w.page.getByLabel('Summary', { exact: true }).fill('The crossing runs again from Monday.');
  await w.page.getByLabel('Section', { exact: true }).selectOption('Business');
  await w.page.getByLabel('Tags', { exact: true }).fill('ferries, transport');
  // The body in Markdown: the rich editor's "Edit as Markdown" shows the text area it keeps.
  await w.page.getByRole('button', { name: 'Edit as Markdown' }).click();
  await w.page.getByRole('textbox', { name: 'Body', exact: true }).fill('The **night ferry** sails again.\n\nTickets go on sale today.');
  await Promise.all([w.page.waitForURL(/saved=1/), w.page.getByRole('button', { name: 'Save draft' }).click()]);
  await w.page.getByText(/Saved as revision 1/).waitFor();
  const editorPath = new URL(w.page.url()).pathname;

  // Submitted, it leaves the contributor's hands and stays off the site.
  await Promise.all([w.page.waitForURL(/done=submit/), w.page.getByRole('button', { name: 'Save and submit for review' }).click()]);
  assert.equal((await w.page.locator('#workflow-state').textContent()).trim(), 'In review');
  assert.equal(await w.page.getByRole('button', { name: 'Save draft' }).count(), 0);
  assert.equal(await w.page.getByRole('button', { name: 'Publish now' }).count(), 0);
  // Readers' answers are checked with plain requests while the article is missing (a 404 in
  // the reader's browser would count as a problem of that page).
  const slug = headline.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const status = async () => (await fetch(`${baseUrl}/articles/${slug}`, { redirect: 'manual' })).status;
  assert.equal(await status(), 404);

  // The editor finds it in review and previews it as readers will see it.
  const e = await newPage();
  const editor = await signUp(e.page, baseUrl, 'Edie Editor');
  await server.cli(['user', 'role', editor.email, 'editor']);
  await e.page.goto(`${baseUrl}/admin/articles`);
  await e.page.getByLabel('Status', { exact: true }).selectOption('in_review');
  await Promise.all([e.page.waitForURL(/status=in_review/), e.page.getByRole('button', { name: 'Filter' }).click()]);
  await Promise.all([e.page.waitForURL(/\/admin\/articles\/\d+$/), e.page.getByRole('link', { name: headline }).click()]);
  assert.equal(new URL(e.page.url()).pathname, editorPath);
  await e.page.getByRole('link', { name: 'Preview the saved version' }).click();
  await e.page.getByRole('heading', { level: 1, name: headline }).waitFor();
  assert.equal(await e.page.locator('.story-body strong').textContent(), 'night ferry');
  await e.page.locator('.byline', { hasText: 'Casey Contributor' }).waitFor();

  // Scheduled a few seconds ahead: not yet live, then live on its own.
  await e.page.goto(`${baseUrl}${editorPath}`);
  await e.page.getByLabel('Publish at (UTC)', { exact: true }).fill(utcInSeconds(4));
  await Promise.all([e.page.waitForURL(/done=schedule/), e.page.getByRole('button', { name: 'Schedule' }).click()]);
  assert.match(await e.page.locator('#publication-state').textContent(), /Scheduled for/);
  assert.equal(await status(), 404, 'not before its time');
  const deadline = Date.now() + 20_000;
  while ((await status()) !== 200 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(await status(), 200, 'live after its time');
  const reader = await newPage();
  await reader.page.goto(`${baseUrl}/articles/${slug}`);
  await reader.page.getByRole('heading', { level: 1, name: headline }).waitFor();
  // The featured image: every width offered, its size known before it loads.
  const img = reader.page.getByRole('img', { name: 'The night ferry at the quay' });
  const srcset = await img.getAttribute('srcset');
  assert.match(srcset, /-480\.png 480w/);
  assert.match(srcset, /-1200\.png 1200w|-960\.png 960w/);
  assert.equal(await img.getAttribute('width') !== null, true);
  assert.ok(await img.evaluate((el) => el.complete && el.naturalWidth > 0), 'the image loads');
  await reader.page.goto(`${baseUrl}/`);
  await reader.page.getByRole('link', { name: headline }).first().waitFor();

  // A correction, shown at the foot of the article with its time.
  await e.page.goto(`${baseUrl}${editorPath}`);
  assert.match(await e.page.locator('#publication-state').textContent(), /Published/);
  await e.page.getByLabel('Correction note', { exact: true }).fill('An earlier version gave the wrong sailing day.');
  await Promise.all([e.page.waitForURL(/done=correct/), e.page.getByRole('button', { name: 'Add correction' }).click()]);
  await reader.page.goto(`${baseUrl}/articles/${slug}`);
  const note = reader.page.locator('.corrections .correction');
  await note.filter({ hasText: 'An earlier version gave the wrong sailing day.' }).waitFor();
  assert.equal(await note.locator('time').count(), 1);

  for (const p of [w, e, reader]) {
    assertNoProblems(p.problems, 'newsroom journey');
    await p.context.close();
  }
});
