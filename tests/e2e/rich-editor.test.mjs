// Browser test of the newsroom's rich-text editor: a contributor writes a story in it with two
// inline images (one uploaded in place from the editor, one picked from the media library,
// each with its alt text), a gallery and a YouTube video embedded by pasting its link, and saves.
// The stored Markdown (read in the no-JavaScript editor) holds the exact directive lines;
// reloaded, the rich editor shows the same blocks; and the no-JavaScript editor saves the same
// story back unchanged.
//
//   cd tests/e2e && BROADSHEET_BIN=$PWD/../../target/debug/broadsheet node --test rich-editor.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, watch, assertNoProblems, signUp, axeViolations, png } from './helpers.mjs';

let server;
let baseUrl;
let browser;
let dir;

before(async () => {
  server = await startServer(['--signups-per-hour', '1000']);
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(tmpdir(), 'broadsheet-e2e-rich-'));
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Uploads an image through the library page (the no-JavaScript way). */
async function uploadToLibrary(page, file, alt) {
  await page.goto(`${baseUrl}/admin/media`);
  await page.getByLabel('Image file', { exact: true }).setInputFiles(file);
  await page.getByLabel('Alt text', { exact: true }).fill(alt);
  await page.getByRole('button', { name: 'Upload image' }).click();
  await page.getByRole('status').filter({ hasText: 'Uploaded.' }).waitFor();
}

/** The library as the picker sees it: alt text → id. */
async function libraryIds(page) {
  const res = await page.request.get(`${baseUrl}/admin/media/library.json`, { headers: { Accept: 'application/json' } });
  assert.equal(res.status(), 200);
  return Object.fromEntries((await res.json()).items.map((i) => [i.alt, i.id]));
}

test('a story with images, a gallery and an embed, written in the rich editor and kept by the plain one', { timeout: 120_000 }, async () => {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = watch(page);
  const writer = await signUp(page, baseUrl, 'Rita Writer');
  await server.cli(['user', 'role', writer.email, 'contributor']);

  // Two pictures already in the library; a third is uploaded from inside the editor.
  const files = {};
  for (const [name, shade] of [['quay', 40], ['market', 140], ['harbour', 220]]) {
    files[name] = path.join(dir, `${name}.png`);
    await writeFile(files[name], png(1000, 700, shade));
  }
  await uploadToLibrary(page, files.quay, 'Boats at the quay');
  await uploadToLibrary(page, files.market, 'The fish market at six');

  await page.goto(`${baseUrl}/admin/articles/new`);
  const headline = `Harbour reopens ${Date.now()}`;
  await page.getByLabel('Headline', { exact: true }).fill(headline);
  await page.getByLabel('Section', { exact: true }).selectOption('Business');
  const body = page.getByRole('textbox', { name: 'Body' });
  await body.waitFor();
  // Without a script the text area is the editor; with one it is hidden behind the rich text.
  assert.equal(await page.locator('textarea#e-body').isHidden(), true);

  // The toolbar: one tab stop, arrow keys move along it, every button named.
  const toolbar = page.getByRole('toolbar', { name: 'Formatting and blocks' });
  await toolbar.getByRole('button', { name: 'Bold' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Italic');
  assert.equal(await toolbar.locator('button[tabindex="0"]').count(), 1);

  await body.click();
  await page.keyboard.type('The harbour opened again on Monday.');

  // Image 1: uploaded in place, its alt text asked for (and required).
  await toolbar.getByRole('button', { name: 'Image', exact: true }).click();
  let dialog = page.getByRole('dialog', { name: 'Insert image' });
  await dialog.getByLabel('Or upload a new image').setInputFiles(files.harbour);
  await dialog.getByRole('button', { name: 'Insert' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'alt text' }).waitFor();
  assert.deepEqual(await axeViolations(page, ['serious', 'critical']), [], 'the image dialog');
  await dialog.getByLabel('Alt text').fill('Cranes over the harbour');
  await dialog.getByLabel('Caption').fill('The east quay at dawn');
  await dialog.getByLabel('Credit').fill('Photo: R. Writer');
  await dialog.getByLabel('Layout').selectOption('wide');
  await dialog.getByRole('button', { name: 'Insert' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.isContentEditable === true
    && document.activeElement.textContent.includes('Cranes over the harbour'));
  await page.keyboard.type('Traders were back by six.');

  // Image 2: picked from the library; its alt text comes along and can be changed.
  await toolbar.getByRole('button', { name: 'Image', exact: true }).click();
  dialog = page.getByRole('dialog', { name: 'Insert image' });
  await dialog.getByRole('radio', { name: 'Boats at the quay' }).check();
  assert.equal(await dialog.getByLabel('Alt text').inputValue(), 'Boats at the quay');
  await dialog.getByLabel('Alt text').fill('Fishing boats moored at the quay');
  await dialog.getByRole('button', { name: 'Insert' }).click();
  await dialog.waitFor({ state: 'detached' });

  // A gallery of two library images.
  await toolbar.getByRole('button', { name: 'Gallery' }).click();
  dialog = page.getByRole('dialog', { name: 'Insert gallery' });
  await dialog.getByRole('checkbox', { name: 'The fish market at six' }).check();
  await dialog.getByRole('checkbox', { name: 'Boats at the quay' }).check();
  await dialog.getByRole('button', { name: 'Insert' }).click();
  await dialog.waitFor({ state: 'detached' });

  // A video, by pasting its link.
  await toolbar.getByRole('button', { name: 'Embed' }).click();
  dialog = page.getByRole('dialog', { name: 'Embed a link' });
  await dialog.getByLabel('Link').fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
  await dialog.getByLabel('Title (optional)').fill('The reopening, on video');
  await dialog.getByRole('button', { name: 'Insert' }).click();
  await dialog.waitFor({ state: 'detached' });
  // The dialog gives the focus back to the text once it has closed, and the block goes in
  // after its close event: type only when both have happened (a key typed in between lands in
  // the paragraph the block then replaces).
  await page.waitForFunction(() => document.activeElement?.isContentEditable === true
    && document.activeElement.textContent.includes('Embed: The reopening, on video'));
  await page.keyboard.type('More to follow.');

  const ids = await libraryIds(page);
  const harbour = ids['Cranes over the harbour'];
  assert.ok(harbour, 'the upload went into the library');
  const expected = [
    'The harbour opened again on Monday.',
    `::image[Cranes over the harbour]{media=${harbour} layout=wide caption="The east quay at dawn" credit="Photo: R. Writer"}`,
    'Traders were back by six.',
    `::image[Fishing boats moored at the quay]{media=${ids['Boats at the quay']}}`,
    `:::gallery{layout=wide}\n::image[The fish market at six]{media=${ids['The fish market at six']}}\n::image[Boats at the quay]{media=${ids['Boats at the quay']}}\n:::`,
    '::embed[The reopening, on video]{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"}',
    'More to follow.',
  ].join('\n\n');
  // The form's text area follows the rich text as it is written.
  assert.equal(await page.locator('textarea#e-body').inputValue(), expected);
  assert.deepEqual(await axeViolations(page, ['serious', 'critical']), [], 'the editor with its blocks');

  await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save draft' }).click()]);
  await page.getByText(/Saved as revision 1/).waitFor();
  const editorUrl = page.url().split('?')[0];

  // The stored form, as the no-JavaScript editor shows it: exactly the directive lines.
  const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  plain.setDefaultTimeout(10_000);
  const plainPage = await plain.newPage();
  const plainProblems = watch(plainPage);
  await plainPage.goto(editorUrl);
  const textarea = plainPage.getByLabel('Body', { exact: true });
  assert.equal(await textarea.inputValue(), expected);

  // Reloaded, the rich editor shows the same blocks.
  await page.goto(editorUrl);
  await body.waitFor();
  const blocks = page.locator('.rich-content > .rich-block');
  assert.deepEqual(await blocks.evaluateAll((els) => els.map((e) => e.classList[1])), [
    'rich-image_block', 'rich-image_block', 'rich-gallery', 'rich-embed',
  ]);
  await page.getByRole('button', { name: /^Edit Image: Cranes over the harbour · caption “The east quay at dawn” · Photo: R\. Writer · wide$/ }).waitFor();
  assert.equal(await page.locator('.rich-gallery .rich-image_block').count(), 2);
  await page.getByRole('button', { name: 'Edit Embed: The reopening, on video · https://www.youtube.com/watch?v=dQw4w9WgXcQ' }).waitFor();
  // The thumbnails come from the library.
  await page.locator('.rich-image_block .rich-block-thumb img').first().waitFor();
  assert.equal(await page.locator('textarea#e-body').inputValue(), expected, 'opening changes nothing');

  // The no-JavaScript editor saves the same story back unchanged.
  await Promise.all([plainPage.waitForURL(/saved=1/), plainPage.getByRole('button', { name: 'Save draft' }).click()]);
  await plainPage.getByText(/Saved as revision 2/).waitFor();
  assert.equal(await plainPage.getByLabel('Body', { exact: true }).inputValue(), expected);
  // …and so does the rich one, saved without a change.
  await page.goto(editorUrl);
  await body.waitFor();
  await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save draft' }).click()]);
  await page.getByText(/Saved as revision 3/).waitFor();
  await plainPage.goto(editorUrl);
  assert.equal(await plainPage.getByLabel('Body', { exact: true }).inputValue(), expected);

  // The preview at a phone's width frames the saved story.
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.getByRole('link', { name: 'Preview at phone and desktop widths' }).click();
  const frame = page.frameLocator('iframe.preview-phone');
  await frame.getByRole('heading', { level: 1, name: headline }).waitFor();
  await page.getByRole('link', { name: 'Desktop (the full width)' }).click();
  const desktop = page.frameLocator('iframe.preview-desktop');
  await desktop.getByRole('heading', { level: 1, name: headline }).waitFor();
  // As readers will see it: the two pictures and the gallery's two with srcset, the video as a
  // placeholder that has asked nothing of YouTube before the click.
  assert.equal(await desktop.locator('figure.block-image img[srcset][alt]').count(), 2);
  assert.equal(await desktop.locator('figure.block-gallery li img[srcset][alt]').count(), 2);
  await desktop.getByRole('button', { name: 'Load content from YouTube' }).waitFor();
  const own = new URL(page.url()).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(own) && !u.startsWith('data:')), [], 'no third-party request');

  assertNoProblems(problems, 'rich editor');
  assertNoProblems(plainProblems, 'no-JavaScript editor');
  await plain.close();
  await context.close();
});
