// Live coverage's words in Arabic, in a browser: with the site in Arabic (`--locale ar`), a
// reader who has scrolled down into the stream is offered the held updates in Arabic's plural
// forms (two: the dual; three: "few"), chosen by the script with `Intl.PluralRules` from the
// page's `live-words` data block, and a new update at the top is announced in Arabic.
//
//   cd tests/e2e && node --test i18n_live.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watch, assertNoProblems } from './helpers.mjs';

const PASSWORD = 'correct horse battery staple';
let server;
let browser;

before(async () => {
  server = await startServer(['--locale', 'ar']);
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
});

// Fluent sets a variable's value apart with Unicode isolation marks in right-to-left text.
const plain = (s) => s.replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ').trim();

/** An HTTP client with its own cookies that posts forms with the CSRF token of a page. */
function client() {
  const cookies = new Map();
  const request = async (pathname, form) => {
    const headers = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const res = await fetch(`${server.baseUrl}${pathname}`, {
      method: form ? 'POST' : 'GET', headers, body, redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  };
  const csrf = (html) => html.match(/name="csrf" value="([^"]+)"/)[1];
  return {
    async page(pathname) {
      const res = await request(pathname);
      assert.equal(res.status, 200, `GET ${pathname}`);
      return res.text();
    },
    async post(from, pathname, fields) {
      const res = await request(pathname, { csrf: csrf(from), ...fields });
      assert.equal(res.status, 303, `POST ${pathname}: ${await res.text()}`);
    },
  };
}

test('held updates are counted in Arabic plural forms', { timeout: 60_000 }, async () => {
  process.env.BROADSHEET_PASSWORD = PASSWORD;
  await server.cli(['user', 'create', '--email', 'editor@example.org', '--role', 'editor', '--display-name', 'Eda Editor']);
  const editor = client();
  await editor.post(await editor.page('/signin'), '/signin', { email: 'editor@example.org', password: PASSWORD, return_to: '/' });
  const newsroom = await editor.page('/admin/articles');
  const deskPath = `${newsroom.match(/href="(\/admin\/articles\/\d+)"/)[1]}/live`;
  let desk = await editor.page(deskPath);
  await editor.post(desk, deskPath, { action: 'open' });
  desk = await editor.page(deskPath);
  const articlePath = desk.match(/href="(\/articles\/[^"#?]+)"/)[1];
  const publish = (body) => editor.post(desk, `${deskPath}/updates`, { body, action: 'publish' });
  await publish('First update.');

  const context = await browser.newContext({ viewport: { width: 800, height: 400 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = watch(page);
  const stream = page.waitForResponse((r) => new URL(r.url()).pathname === `${articlePath}/live`);
  await page.goto(`${server.baseUrl}${articlePath}`);
  assert.equal((await stream).status(), 200);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
  const updates = page.locator('#live-updates article.live-update');

  // At the top: the update goes in at once and is announced in Arabic.
  await page.locator('#live-updates').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await publish('Second update.');
  await page.locator('#live-updates article.live-update', { hasText: 'Second update' }).waitFor();
  await page.waitForFunction(() => document.getElementById('live-status')?.textContent.includes('تحديث جديد'));

  // Further down: two held updates take the dual, three the "few" form with the number.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const button = page.locator('button.live-new');
  await publish('Third update.');
  await publish('Fourth update.');
  await page.waitForFunction(() => document.querySelector('button.live-new')?.textContent.includes('تحديثان'));
  assert.equal(plain(await button.innerText()), 'تحديثان جديدان');
  await publish('Fifth update.');
  await page.waitForFunction(() => document.querySelector('button.live-new')?.textContent.includes('3'));
  assert.equal(plain(await button.innerText()), '3 تحديثات جديدة');
  assert.equal(await updates.count(), 2, 'held back while the reader reads further down');
  await button.click();
  assert.equal(await updates.count(), 5);
  assertNoProblems(problems);
  await context.close();
});
