// The site in other languages, in a real browser: one server negotiating the language from
// Accept-Language (with the demo content), read by an Arabic and a German browser. The Arabic
// pages are right to left: the header's blocks and the sections' navigation start on the right
// (their boxes measured in the rendered page, screenshots kept when a check fails), the German
// ones read German; both are axe-clean and valid HTML (the Nu Html Checker).
//
//   cd tests/e2e && npm ci && node --test i18n.test.mjs   (needs Java: default-jre-headless)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, axeViolations, watch, assertNoProblems } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const VNU = path.join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
const JAVA = process.env.JAVA || 'java';
// The pages converted to the catalogues so far (tests/it/i18n.rs lists them too).
const PAGES = ['/', '/signin', '/signup', '/reset', '/signin/link', '/no-such-page'];

let server;
let browser;
let out;

before(async () => {
  server = await startServer(['--negotiate-language']);
  browser = await launchBrowser();
  out = await mkdtemp(path.join(tmpdir(), 'broadsheet-i18n-'));
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
  if (out) await rm(out, { recursive: true, force: true });
});

/** A browser page whose requests ask for `language`. */
async function pageIn(language) {
  const context = await browser.newContext({
    locale: language,
    extraHTTPHeaders: { 'Accept-Language': language },
    viewport: { width: 1200, height: 900 },
  });
  return context.newPage();
}

async function box(page, selector) {
  const b = await page.locator(selector).first().boundingBox();
  assert.ok(b, `${selector} is laid out`);
  return b;
}

test('the Arabic site reads right to left', { timeout: 120_000 }, async () => {
  const page = await pageIn('ar');
  const problems = watch(page);
  await page.goto(`${server.baseUrl}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  const shot = path.join(out, 'front-ar.png');
  await page.screenshot({ path: shot });
  // The masthead mirrors: the search box on the right, the account links on the left.
  const search = await box(page, '.site-search');
  const account = await box(page, '.account');
  const width = page.viewportSize().width;
  assert.ok(search.x > width / 2, `the search box is on the right (x=${search.x}; ${shot})`);
  assert.ok(account.x + account.width < width / 2, `the account links are on the left (${shot})`);
  // The sections' navigation starts on the right and runs leftwards.
  const items = page.locator('.sections-nav li');
  assert.ok((await items.count()) >= 2, 'the demo site has sections');
  const first = await items.nth(0).boundingBox();
  const second = await items.nth(1).boundingBox();
  assert.ok(first.x > second.x, `the first section is right of the second (${shot})`);
  // The skip link, once focused, shows at the start of the line: the right.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'انتقل إلى المحتوى الرئيسي' });
  await skip.waitFor();
  assert.ok(await skip.evaluate((e) => e === document.activeElement), 'the skip link takes focus first');
  const skipBox = await skip.boundingBox();
  await page.screenshot({ path: path.join(out, 'skip-ar.png') });
  assert.ok(skipBox.x > width / 2, `the focused skip link is on the right (x=${skipBox.x})`);
  // A sign-in form's words are Arabic, and its fields keep their labels.
  await page.goto(`${server.baseUrl}/signin`);
  await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
  await page.getByLabel('البريد الإلكتروني').fill('reader@example.org');
  const label = await box(page, 'label[for=email]');
  const field = await box(page, '#email');
  assert.ok(
    Math.abs(label.x + label.width - (field.x + field.width)) < 2,
    `the label starts where its field starts, on the right (${label.x + label.width} / ${field.x + field.width})`,
  );
  assertNoProblems(problems, 'the Arabic pages');
  await page.context().close();
});

test('the German site reads German', { timeout: 60_000 }, async () => {
  const page = await pageIn('de-DE');
  await page.goto(`${server.baseUrl}/signin`);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.equal(await page.getAttribute('html', 'dir'), null);
  await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
  await page.getByLabel('E-Mail').fill('leserin@example.org');
  await page.getByLabel('Passwort').fill('falsches Passwort');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('alert').filter({ hasText: 'passen zu keinem Konto' }).waitFor();
  await page.context().close();
});

test('Arabic and German pages are axe-clean', { timeout: 120_000 }, async () => {
  for (const language of ['ar', 'de']) {
    const page = await pageIn(language);
    for (const p of PAGES) {
      await page.goto(`${server.baseUrl}${p}`);
      const violations = await axeViolations(page, ['serious', 'critical']);
      assert.deepEqual(violations, [], `${language} ${p}`);
    }
    await page.context().close();
  }
});

function vnu(files) {
  return new Promise((resolve) => {
    execFile(JAVA, ['-jar', VNU, '--errors-only', '--format', 'text', ...files], { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

test('Arabic and German pages are valid HTML', { timeout: 240_000 }, async () => {
  const files = [];
  for (const language of ['ar', 'de']) {
    for (const p of PAGES) {
      const res = await fetch(`${server.baseUrl}${p}`, { headers: { 'Accept-Language': language } });
      const html = await res.text();
      assert.match(html, new RegExp(`<html lang="${language}"`), `${language} ${p}`);
      const file = path.join(out, `${language}${p.replaceAll('/', '_') || '_'}.html`);
      await writeFile(file, html);
      files.push(file);
    }
  }
  const result = await vnu(files);
  assert.equal(result.code, 0, result.output);
});
