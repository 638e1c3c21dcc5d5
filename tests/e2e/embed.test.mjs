// The conversation embedded on another site, in Chromium with two real origins: the host page
// is served from http://localhost:PORT (a static file), Broadsheet from http://127.0.0.1:PORT.
// The frame is sized to its content (no inner scroll bar) and follows the host's dark scheme;
// with third-party cookies blocked, a reader signs in from the frame's link (a top-level
// window), posts there, and the host page's frame shows the comment; an unregistered host gets
// no conversation. The count snippet on the host page shows the thread's count.
//
//   cd tests/e2e && npm ci && node --test embed.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { startServer, CHROMIUM, watch, assertNoProblems } from './helpers.mjs';

const PASSWORD = 'correct horse battery staple';
let server;
let host;
let hostUrl;
let otherHost;
let browser;

/** A static host page on localhost; `snippet` builds its body from Broadsheet's address. */
function hostServer(snippet) {
  return new Promise((resolve) => {
    const s = http.createServer((req, res) => {
      const url = new URL(req.url, 'http://localhost');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en" data-theme="${url.searchParams.get('theme') || ''}"><head><meta charset="utf-8"><title>Host post</title></head>
<body><main><h1>A post on the host</h1><p>Host text.</p>${snippet(url.pathname)}</main></body></html>`);
    });
    s.listen(0, 'localhost', () => resolve(s));
  });
}

before(async () => {
  server = await startServer(['--comments-per-minute', '1000']);
  const snippet = (p) =>
    `<p><a data-broadsheet-count href="http://localhost:${host.address().port}${p}">Comments</a></p><div data-broadsheet-conversation data-page="http://localhost:${host.address().port}${p}" data-title="Host post"></div><script src="${server.baseUrl}/embed.js" async></script>`;
  host = await hostServer(snippet);
  otherHost = await hostServer(snippet);
  hostUrl = `http://localhost:${host.address().port}`;
  const out = await server.cli(['site', 'add', 'Host', '--origin', hostUrl]);
  assert.match(out, /^secret: \S{40,}$/m);
  process.env.BROADSHEET_PASSWORD = PASSWORD;
  await server.cli(['user', 'create', '--email', 'reader@example.org', '--display-name', 'Framed Reader']);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--test-third-party-cookie-phaseout'],
  });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  for (const s of [host, otherHost]) if (s) s.close();
  if (server) await server.stop();
});

/** The frame's element on the host page, and its frame, once it has told its height. */
async function framed(page) {
  const el = page.locator('[data-broadsheet-conversation] iframe');
  await el.waitFor();
  const frame = await (await el.elementHandle()).contentFrame();
  await frame.getByRole('heading', { name: /^Comments \(\d+\)$/ }).waitFor();
  await page.waitForFunction(() => {
    const f = document.querySelector('[data-broadsheet-conversation] iframe');
    return f && f.style.height !== '20rem';
  });
  return { el, frame };
}

test('the frame is sized to its content and follows the host scheme', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${hostUrl}/2026/sized?theme=dark&utm=x`);
  const { el, frame } = await framed(page);
  // The host page says dark (its data-theme) though the reader's browser prefers light.
  assert.equal(await frame.locator('html').getAttribute('data-theme'), 'dark');
  const paper = await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--paper').trim());
  assert.equal(paper, '#16181b');
  const inner = await frame.evaluate(() => ({
    height: Math.ceil(document.documentElement.getBoundingClientRect().height),
    scroll: document.scrollingElement.scrollHeight,
    client: document.scrollingElement.clientHeight,
  }));
  const outer = await el.evaluate((f) => f.getBoundingClientRect().height);
  assert.ok(inner.height > 100, `the thread has a height (${inner.height})`);
  assert.equal(Math.round(outer), inner.height, 'the iframe is as tall as its content');
  assert.ok(inner.scroll <= inner.client, `no inner scroll bar (${inner.scroll} > ${inner.client})`);
  assertNoProblems(problems, 'the host page and its frame');
  await context.close();
});

test('without a host theme the frame follows the reader\'s dark preference', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(`${hostUrl}/2026/dark`);
  const { frame } = await framed(page);
  assert.equal(await frame.locator('html').getAttribute('data-theme'), 'auto');
  const bg = await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--paper').trim());
  assert.equal(bg, '#16181b');
  await context.close();
});

test('with third-party cookies blocked a reader signs in from the frame and the comment shows in it', { timeout: 90_000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${hostUrl}/2026/talk#comments`);
  let { frame } = await framed(page);
  const signIn = frame.getByRole('link', { name: 'Sign in' });
  const [popup] = await Promise.all([context.waitForEvent('page'), signIn.click()]);
  await popup.waitForLoadState();
  await popup.getByLabel('Email').fill('reader@example.org');
  await popup.getByLabel('Password').fill(PASSWORD);
  await Promise.all([popup.waitForURL(/\/embed\/thread\?/), popup.getByRole('button', { name: 'Sign in' }).click()]);
  // Top level, the thread is first-party: the form is there.
  await popup.getByRole('textbox', { name: 'Comment' }).fill('Posted from the host page.');
  // The site's script posts it without a page load.
  await popup.getByRole('button', { name: 'Post comment' }).click();
  await popup.getByRole('heading', { name: 'Comments (1)' }).waitFor();
  await popup.getByText('Posted from the host page.').waitFor();
  await popup.close();

  await page.reload();
  ({ frame } = await framed(page));
  await frame.getByText('Posted from the host page.').waitFor();
  assert.equal(await frame.getByRole('heading', { name: 'Comments (1)' }).count(), 1);
  // The count snippet on the host page asks for its page's count across origins (a fresh
  // context: counts are cached for 30 seconds).
  const lister = await (await browser.newContext()).newPage();
  await lister.goto(`${hostUrl}/2026/talk`);
  await lister.locator('a[data-broadsheet-count]').filter({ hasText: /^1 comment$/ }).waitFor();
  await lister.context().close();
  // Cookies are blocked in the frame: it stays signed out, offering the sign-in link.
  assert.equal(await frame.getByRole('link', { name: 'Sign in' }).count(), 1);
  await context.close();
});

test('a host that is not registered gets no conversation', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const refused = page.waitForResponse((r) => r.url().includes('/embed/thread'));
  await page.goto(`http://localhost:${otherHost.address().port}/2026/elsewhere`);
  assert.equal((await refused).status(), 403);
  await context.close();
});

