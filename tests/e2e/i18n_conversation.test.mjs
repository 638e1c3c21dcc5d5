// The conversation journey in German and in Arabic, in a real browser: a site started with
// `--locale de` (then `--locale ar`), two members made from the command line sign in; one
// posts a comment, the other replies in place, likes it and reports it, all with the script
// (static/app.js), whose words come from the page's catalogue data block. Every step checks the
// site's words in that language; the Arabic pages are right to left (`dir="rtl"`, the reply
// form laid out from the right: boxes measured, a screenshot kept), and the pages are axe-clean
// (no serious or critical violation) and valid HTML (the Nu Html Checker).
//
//   cd tests/e2e && npm ci && node --test i18n_conversation.test.mjs   (needs Java)
//   Screenshots: $BROADSHEET_SHOTS, or a broadsheet-i18n-conversation-* folder in the temp dir.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, axeViolations, watch, assertNoProblems } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const VNU = path.join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
const JAVA = process.env.JAVA || 'java';
const PASSWORD = 'correct horse battery staple';

// What each language's pages say at each step (locales/*/conversation.ftl).
const WORDS = {
  de: {
    heading: 'Kommentare',
    label: 'Kommentar',
    post: 'Kommentar veröffentlichen',
    posted: 'Ihr Kommentar wurde veröffentlicht',
    reply: 'Antworten',
    replyingTo: 'Antwort an',
    cancel: 'Antwort abbrechen',
    like: 'Gefällt mir',
    oneLike: '1 Like',
    report: 'Melden',
    reportTitle: 'Kommentar melden',
    reason: 'Spam oder Werbung',
    send: 'Meldung senden',
    thanks: 'Vielen Dank. Die Moderation sieht sich diesen Kommentar an.',
  },
  ar: {
    heading: 'التعليقات',
    label: 'التعليق',
    post: 'انشر التعليق',
    posted: 'نُشر تعليقك',
    reply: 'رد',
    replyingTo: 'ردًّا على',
    cancel: 'إلغاء الرد',
    like: 'أعجبني',
    oneLike: 'إعجاب واحد',
    report: 'إبلاغ',
    reportTitle: 'الإبلاغ عن تعليق',
    reason: 'رسائل مزعجة أو إعلانات',
    send: 'أرسل البلاغ',
    thanks: 'شكرًا لك. سيطّلع المشرفون على هذا التعليق.',
  },
};

let browser;
let shots;
let out;

before(async () => {
  browser = await launchBrowser();
  shots = process.env.BROADSHEET_SHOTS || (await mkdtemp(path.join(tmpdir(), 'broadsheet-i18n-conversation-')));
  await mkdir(shots, { recursive: true });
  out = await mkdtemp(path.join(tmpdir(), 'broadsheet-i18n-conversation-html-'));
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (out) await rm(out, { recursive: true, force: true });
});

// Fluent sets a variable's value apart with Unicode isolation marks in right-to-left text.
const plain = (s) => s.replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ').trim();

/** A member made from the command line, signed in through the sign-in form (by its fields). */
async function signedIn(server, name) {
  const email = `${name.toLowerCase()}-${Date.now()}@example.org`;
  process.env.BROADSHEET_PASSWORD = PASSWORD;
  await server.cli(['user', 'create', '--email', email, '--display-name', name]);
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
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
  return { context, page, problems, name };
}

async function box(locator, what) {
  const b = await locator.boundingBox();
  assert.ok(b, `${what} is laid out`);
  return b;
}

/** The box of an element's text itself (a block's own box spans the whole line). */
async function textBox(locator) {
  const b = await locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const r = range.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  assert.ok(b.width > 0, 'the text is laid out');
  return b;
}

function vnu(files) {
  return new Promise((resolve) => {
    execFile(JAVA, ['-jar', VNU, '--errors-only', '--format', 'text', ...files], { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

async function journey(language) {
  const w = WORDS[language];
  const server = await startServer(['--locale', language, '--comments-per-minute', '1000']);
  try {
    const ada = await signedIn(server, 'Ada');
    const bea = await signedIn(server, 'Bea');
    await ada.page.goto(`${server.baseUrl}/`);
    const article = await ada.page.locator('.card-title a').first().getAttribute('href');
    assert.match(article, /^\/articles\//);

    // Ada posts a comment without a page load.
    await ada.page.goto(`${server.baseUrl}${article}`);
    assert.equal(await ada.page.getAttribute('html', 'lang'), language);
    assert.equal(await ada.page.getAttribute('html', 'dir'), language === 'ar' ? 'rtl' : null);
    const heading = ada.page.locator('#comments-heading');
    const before = Number(await heading.getAttribute('data-count'));
    assert.equal(plain(await heading.innerText()), `${w.heading} (${before})`);
    const text = `${language}: a first comment from Ada`;
    await ada.page.getByLabel(w.label, { exact: true }).fill(text);
    await ada.page.getByRole('button', { name: w.post, exact: true }).click();
    await ada.page.waitForFunction(
      (t) => document.getElementById('live-status')?.textContent === t,
      w.posted,
    );
    assert.equal(plain(await heading.innerText()), `${w.heading} (${before + 1})`);
    const comment = ada.page.locator('article.comment', { hasText: text });
    const id = (await comment.getAttribute('id')).replace('comment-', '');

    // Bea replies in place: the form moves under the comment, in her language.
    await bea.page.goto(`${server.baseUrl}${article}`);
    const target = bea.page.locator(`#comment-${id}`);
    await target.getByRole('link', { name: w.reply, exact: true }).click();
    const form = bea.page.locator('#comment-form');
    const notice = form.locator('.replying-notice');
    await notice.waitFor();
    assert.ok(plain(await notice.innerText()).startsWith(`${w.replyingTo} Ada`), await notice.innerText());
    await form.getByRole('button', { name: w.cancel, exact: true }).waitFor();
    if (language === 'ar') {
      // Right to left: the label's text, the notice's text and the button start at the form's
      // right edge; the cancel button comes after the name, to its left.
      const formBox = await box(form, 'the reply form');
      const right = formBox.x + formBox.width;
      const label = await textBox(form.locator('label[for=comment-body]'));
      const said = await textBox(notice);
      const submit = await box(form.getByRole('button', { name: w.post, exact: true }), 'the button');
      const cancel = await box(form.getByRole('button', { name: w.cancel, exact: true }), 'the cancel button');
      const shot = path.join(shots, `reply-form-${language}.png`);
      await form.screenshot({ path: shot });
      await bea.page.screenshot({ path: path.join(shots, `article-${language}.png`) });
      for (const [what, b] of [['label', label], ['notice', said], ['button', submit]]) {
        assert.ok(Math.abs(b.x + b.width - right) < 3, `the ${what} starts at the right (${b.x + b.width} / ${right}; ${shot})`);
      }
      assert.ok(label.x > formBox.x + formBox.width / 2, `the label's text sits in the right half (${shot})`);
      assert.ok(cancel.x + cancel.width < right - 20, `the cancel button follows the name, to its left (${shot})`);
      assert.ok(cancel.x < said.x + said.width / 2, `the cancel button is at the notice's end, the left (${shot})`);
    }
    const reply = `${language}: Bea answers`;
    await form.getByLabel(w.label, { exact: true }).fill(reply);
    await form.getByRole('button', { name: w.post, exact: true }).click();
    await bea.page.waitForFunction(
      (t) => document.getElementById('live-status')?.textContent === t,
      w.posted,
    );
    await bea.page.locator(`li:has(> #comment-${id}) > ol.replies article.comment`, { hasText: reply }).waitFor();

    // Bea likes Ada's comment: the count comes back in her language's words.
    await target.getByRole('button', { name: w.like, exact: true }).click();
    await target.locator('.likes').filter({ hasText: w.oneLike }).waitFor();
    assert.equal(await target.getByRole('button', { name: w.like, exact: true }).getAttribute('aria-pressed'), 'true');
    const axeArticle = await axeViolations(bea.page, ['serious', 'critical']);
    assert.deepEqual(axeArticle, [], `${language}: the article page`);

    // And reports it.
    await target.getByRole('link', { name: w.report, exact: true }).click();
    await bea.page.getByRole('heading', { name: w.reportTitle, exact: true }).waitFor();
    assert.equal(await bea.page.getAttribute('html', 'dir'), language === 'ar' ? 'rtl' : null);
    const reportUrl = bea.page.url();
    assert.deepEqual(await axeViolations(bea.page, ['serious', 'critical']), [], `${language}: the report page`);
    await bea.page.getByLabel(w.reason, { exact: true }).check();
    await bea.page.getByRole('button', { name: w.send, exact: true }).click();
    await bea.page.getByRole('status').filter({ hasText: w.thanks }).waitFor();
    if (language === 'ar') await bea.page.screenshot({ path: path.join(shots, `report-${language}.png`) });

    // The pages as the server sends them (Bea's cookies) are valid HTML.
    const files = [];
    for (const [name, url] of [['article', `${server.baseUrl}${article}`], ['report', reportUrl]]) {
      const res = await bea.context.request.get(url);
      assert.equal(res.status(), 200, url);
      const file = path.join(out, `${language}-${name}.html`);
      await writeFile(file, await res.text());
      files.push(file);
    }
    const res = await fetch(`${server.baseUrl}${article}`);
    const signedOut = path.join(out, `${language}-signed-out.html`);
    await writeFile(signedOut, await res.text());
    files.push(signedOut);
    const result = await vnu(files);
    assert.equal(result.code, 0, result.output);

    assertNoProblems(ada.problems, `${language}: Ada's pages`);
    assertNoProblems(bea.problems, `${language}: Bea's pages`);
    await ada.context.close();
    await bea.context.close();
  } finally {
    await server.stop();
  }
}

test('the conversation journey in German', { timeout: 180_000 }, () => journey('de'));

test('the conversation journey in Arabic, right to left', { timeout: 180_000 }, () => journey('ar'));
