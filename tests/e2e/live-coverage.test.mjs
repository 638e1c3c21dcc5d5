// Live coverage in a browser: an editor (a plain HTTP client with its own session) opens an
// article's coverage and publishes updates while a reader's page is open. A reader at the top
// of the stream sees each new update put in place at once; a reader who has scrolled down into
// it is offered "N new updates" and the list does not move until they press it. An edit
// replaces an update in place; a deletion takes it away. The key-events summary at the top
// follows key events as they are published, edited and deleted.
//
//   cd tests/e2e && node --test live-coverage.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watch, assertNoProblems } from './helpers.mjs';

const PASSWORD = 'correct horse battery staple';
let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
});

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

test('updates reach an open page live, and a reader further down is offered them', { timeout: 60_000 }, async () => {
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

  // A short window, so the reader can be further down than the top of the stream.
  const context = await browser.newContext({ viewport: { width: 800, height: 400 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = watch(page);
  const stream = page.waitForResponse((r) => new URL(r.url()).pathname === `${articlePath}/live`);
  await page.goto(`${server.baseUrl}${articlePath}`);
  assert.equal((await stream).status(), 200);
  const updates = page.locator('#live-updates article.live-update');
  assert.equal(await updates.count(), 1);

  // At the top of the stream: the update goes in at once, newest first.
  await page.locator('#live-updates').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await publish('Second update, seen at once.');
  await page.locator('#live-updates article.live-update', { hasText: 'Second update' }).waitFor();
  assert.match(await updates.first().innerText(), /Second update/);

  // Further down: nothing moves; a button says how many are waiting.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  // What the reader is looking at: where the conversation's heading sits in the window.
  const seen = () => page.evaluate(() => Math.round(document.getElementById('comments-heading').getBoundingClientRect().top));
  const y = await seen();
  await publish('Third update.');
  await publish('Fourth update.');
  const button = page.getByRole('button', { name: '2 new updates' });
  await button.waitFor();
  assert.equal(await updates.count(), 2, 'held back while the reader reads further down');
  assert.equal(await seen(), y, 'what the reader reads did not move');
  await button.click();
  assert.equal(await updates.count(), 4);
  assert.match(await updates.first().innerText(), /Fourth update/);
  assert.equal(await page.getByRole('button', { name: /new update/ }).count(), 0);

  // An edit replaces the update in place; a deletion removes it.
  desk = await editor.page(deskPath);
  // Each update's block on the desk starts with its id.
  const blocks = desk.split('id="desk-update-').slice(1);
  const block = blocks.find((b) => b.slice(0, b.indexOf('<form')).includes('Second update'));
  assert.ok(block, 'the desk lists the second update');
  const secondId = block.match(/^\d+/)[0];
  const revision = block.match(/name="revision" value="(\d+)"/)[1];
  await editor.post(desk, `/admin/live-updates/${secondId}`, { action: 'edit', revision, body: 'Second update, corrected.' });
  await page.locator(`#update-${secondId}`, { hasText: 'corrected' }).waitFor();
  assert.match(await page.locator(`#update-${secondId}`).innerText(), /Updated/);
  await editor.post(desk, `/admin/live-updates/${secondId}`, { action: 'delete' });
  await page.locator(`#update-${secondId}`).waitFor({ state: 'detached' });
  assert.equal(await updates.count(), 3);

  // A key event comes into the summary at the top as it arrives, changes with its edit and
  // leaves it with its deletion.
  const summary = page.locator('#key-events .key-events li');
  assert.equal(await summary.count(), 0);
  await editor.post(desk, `${deskPath}/updates`, { body: 'The bridge **reopens**.', action: 'publish', key_event: 'on' });
  await summary.filter({ hasText: 'The bridge reopens.' }).waitFor();
  desk = await editor.page(deskPath);
  const keyBlock = desk.split('id="desk-update-').slice(1).find((b) => b.slice(0, b.indexOf('<form')).includes('reopens'));
  const keyId = keyBlock.match(/^\d+/)[0];
  const keyRevision = keyBlock.match(/name="revision" value="(\d+)"/)[1];
  assert.equal(await page.locator('#key-events a').getAttribute('href'), `#update-${keyId}`);
  await editor.post(desk, `/admin/live-updates/${keyId}`, {
    action: 'edit', revision: keyRevision, body: 'The bridge reopens at noon.', key_event: 'on',
  });
  await summary.filter({ hasText: 'at noon' }).waitFor();
  assert.equal(await summary.count(), 1);
  await editor.post(desk, `/admin/live-updates/${keyId}`, { action: 'delete' });
  await page.locator('#key-events .key-events').waitFor({ state: 'detached' });
  assertNoProblems(problems, 'the live article');
  await context.close();
});
