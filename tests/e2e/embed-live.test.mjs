// The embedded conversation as it lives on a host page, in Chromium with two real origins (the
// host page on http://localhost:PORT, Broadsheet on http://127.0.0.1:PORT), third-party cookies
// blocked: a comment another member posts (over HTTP, as their own browser would) arrives live
// in the open frame and the host's count snippet follows without a reload; the member's
// Report link opens the report form in the frame, whose height the host's frame takes; a thread set to
// pre-moderation on its desk view holds the next one, which shows on the moderation desk with
// the page's title and address, and arrives live once approved. And the embed's weight: what
// the host page loads for it before the reader does anything, compressed as served, stays
// under 30 KB.
//
//   cd tests/e2e && npm ci && node --test embed-live.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { chromium, request } from 'playwright-core';
import { startServer, CHROMIUM, watch, assertNoProblems } from './helpers.mjs';

const PASSWORD = 'correct horse battery staple';
const BUDGET = 30 * 1024;
let server;
let host;
let hostUrl;
let browser;

before(async () => {
  server = await startServer(['--comments-per-minute', '1000']);
  host = http.createServer((req, res) => {
    const page = `http://localhost:${host.address().port}${new URL(req.url, 'http://localhost').pathname}`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live post</title></head>
<body><main><h1>Live post</h1><p><a data-broadsheet-count href="${page}">Comments</a></p>
<div data-broadsheet-conversation data-page="${page}" data-title="Live post"></div>
<script src="${server.baseUrl}/embed.js" async></script></main></body></html>`);
  });
  await new Promise((resolve) => host.listen(0, 'localhost', resolve));
  hostUrl = `http://localhost:${host.address().port}`;
  await server.cli(['site', 'add', 'Host', '--origin', hostUrl]);
  process.env.BROADSHEET_PASSWORD = PASSWORD;
  await server.cli(['user', 'create', '--email', 'other@example.org', '--display-name', 'Other Reader']);
  await server.cli(['user', 'create', '--email', 'member@example.org', '--display-name', 'Frame Member']);
  await server.cli(['user', 'create', '--email', 'admin@example.org', '--role', 'admin', '--display-name', 'Ada Admin']);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--test-third-party-cookie-phaseout'],
  });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (host) host.close();
  if (server) await server.stop();
});

const csrfOf = (html) => html.match(/name="csrf" value="([^"]+)"/)[1];

/** A member's own HTTP client (their cookies), signed in through /signin. */
async function memberClient(email) {
  const api = await request.newContext({ baseURL: server.baseUrl });
  const form = await (await api.get('/signin')).text();
  const res = await api.post('/signin', {
    form: { csrf: csrfOf(form), return_to: '/', email, password: PASSWORD },
    maxRedirects: 0,
  });
  assert.equal(res.status(), 303, `sign-in of ${email}`);
  return api;
}

/** Posts a comment to the page's thread as `api`'s member; the answer's status. */
async function postAs(api, page, body) {
  const q = new URLSearchParams({ page });
  const html = await (await api.get(`/embed/thread?${q}`)).text();
  const res = await api.post(`/embed/thread/comments?${q}`, {
    form: { csrf: csrfOf(html), body },
    maxRedirects: 0,
  });
  return res.status();
}

async function framed(page) {
  const el = page.locator('[data-broadsheet-conversation] iframe');
  await el.waitFor();
  const frame = await (await el.elementHandle()).contentFrame();
  await frame.getByRole('heading', { name: /^Comments \(\d+\)$/ }).waitFor();
  return frame;
}

test('another reader\'s comment arrives live in the frame, the count follows, and held ones reach the desk', { timeout: 120_000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  const address = `${hostUrl}/2026/live`;
  // The frame's script opens the thread's live stream; its answer's head comes at once.
  const stream = page.waitForResponse((r) => /^\/articles\/embed-[^/]+\/live$/.test(new URL(r.url()).pathname));
  await page.goto(address);
  const frame = await framed(page);
  const count = page.locator('a[data-broadsheet-count]');
  await count.filter({ hasText: /^0 comments$/ }).waitFor();
  assert.equal((await stream).status(), 200);
  await frame.evaluate(() => { window.stillHere = true; });

  const other = await memberClient('other@example.org');
  assert.equal(await postAs(other, address, 'Posted from another browser.'), 303);
  await frame.getByText('Posted from another browser.').waitFor();
  await frame.getByRole('heading', { name: 'Comments (1)' }).waitFor();
  await count.filter({ hasText: /^1 comment$/ }).waitFor();
  assert.equal(await frame.evaluate(() => window.stillHere), true, 'the frame did not reload');

  // An administrator sets this thread to pre-moderation on its desk view.
  const admin = await browser.newContext();
  const desk = await admin.newPage();
  await desk.goto(`${server.baseUrl}/signin`);
  await desk.getByLabel('Email').fill('admin@example.org');
  await desk.getByLabel('Password').fill(PASSWORD);
  await Promise.all([desk.waitForURL((u) => !u.pathname.startsWith('/signin')), desk.getByRole('button', { name: 'Sign in' }).click()]);
  await desk.goto(`${server.baseUrl}/admin/sites`);
  await desk.getByRole('link', { name: 'Threads of Host' }).click();
  await desk.getByRole('link', { name: 'Live post' }).click();
  await desk.getByLabel('Comments on this thread').selectOption('premoderated');
  await Promise.all([desk.waitForURL(/\/admin\/threads\/\d+$/), desk.getByRole('button', { name: 'Save policy' }).click()]);
  await desk.getByText('pre-moderated (every comment)').first().waitFor();

  assert.equal(await postAs(other, address, 'Waiting for a moderator.'), 303);
  await desk.goto(`${server.baseUrl}/admin/moderation`);
  const item = desk.locator('[data-queue-item]').filter({ hasText: 'Waiting for a moderator.' });
  await item.waitFor();
  // The desk names the page by its title and links to the host page.
  assert.equal(await item.getByRole('link', { name: 'Live post' }).getAttribute('href'), address);
  assert.equal(await frame.getByText('Waiting for a moderator.').count(), 0, 'held: not shown to readers');
  await item.locator('[data-action="approve"]').click();
  // Approved: it arrives live, and the count follows.
  await frame.getByText('Waiting for a moderator.').waitFor();
  await count.filter({ hasText: /^2 comments$/ }).waitFor();
  assertNoProblems(problems, 'the host page and its frame');
  await admin.close();
  await other.dispose();
  await context.close();
});

test('a member signed in inside the frame sees a live comment arrive with their Like and Report', { timeout: 90_000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  const address = `${hostUrl}/2026/controls`;
  const live = () => page.waitForResponse((r) => /^\/articles\/embed-[^/]+\/live$/.test(new URL(r.url()).pathname));
  let stream = live();
  await page.goto(address);
  let frame = await framed(page);
  assert.equal((await stream).status(), 200);
  // Signing in through the popup reloads the frame, which opens its stream again.
  stream = live();
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    frame.getByRole('link', { name: 'Sign in' }).click(),
  ]);
  await popup.waitForURL(/\/signin\?return_to=%2Fembed%2Fsignin/);
  await popup.getByLabel('Email').fill('member@example.org');
  await popup.getByLabel('Password').fill(PASSWORD);
  await Promise.all([popup.waitForEvent('close'), popup.getByRole('button', { name: 'Sign in' }).click()]);
  frame = await framed(page);
  await frame.getByText('Signed in as Frame Member').waitFor();
  assert.equal((await stream).status(), 200);

  const other = await memberClient('other@example.org');
  assert.equal(await postAs(other, address, 'Arrived while the member watched.'), 303);
  const arrived = frame.locator('article', { hasText: 'Arrived while the member watched.' });
  await arrived.waitFor();
  // Fetched through the embed's route, which the frame's session reaches: the member's own
  // controls, leading to the embed's routes.
  await arrived.getByRole('button', { name: 'Like' }).waitFor();
  const report = arrived.getByRole('link', { name: 'Report' });
  assert.match(await report.getAttribute('href'), /^\/embed\/comments\/\d+\/report$/);
  await arrived.getByRole('button', { name: 'Like' }).click();
  await arrived.getByRole('button', { name: 'Like', pressed: true }).waitFor();

  // The report form, a page of its own inside the frame, tells the host its height too: the
  // host's frame takes the form's height, not the thread's.
  const iframe = page.locator('[data-broadsheet-conversation] iframe');
  const threadHeight = await iframe.evaluate((f) => f.getBoundingClientRect().height);
  await report.click();
  await frame.getByRole('button', { name: 'Send report' }).waitFor();
  assert.equal(await frame.locator('html').getAttribute('data-host-origin'), hostUrl);
  const formHeight = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  assert.notEqual(formHeight, Math.round(threadHeight), 'the form is not as tall as the thread');
  await page.waitForFunction((h) => {
    const f = document.querySelector('[data-broadsheet-conversation] iframe');
    return Math.round(f.getBoundingClientRect().height) === h;
  }, formHeight);
  assertNoProblems(problems, 'the host page and its frame');
  await other.dispose();
  await context.close();
});

test('the embed adds under 30 KB, compressed as served, before the reader interacts', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // What the embed loads before anyone touches it: the loader, the counts, the frame and what
  // the frame loads (its script, the stylesheet, the site's script); the live stream stays
  // open for as long as the page does and weighs nothing to speak of.
  const wanted = [/^\/embed\.js$/, /^\/embed\/counts$/, /^\/embed\/thread$/, /^\/embed\/frame\.js$/, /^\/static\/site\.\w+\.css$/, /^\/static\/app\.\w+\.js$/];
  const seen = [];
  let allSeen;
  const done = new Promise((resolve) => { allSeen = resolve; });
  page.on('requestfinished', (req) => {
    if (!req.url().startsWith(server.baseUrl)) return;
    seen.push((async () => {
      const res = await req.response();
      const sizes = await req.sizes();
      return { url: req.url(), body: sizes.responseBodySize, encoding: res?.headers()['content-encoding'] || '' };
    })());
    Promise.all(seen).then((list) => {
      if (wanted.every((re) => list.some((r) => re.test(new URL(r.url).pathname)))) allSeen();
    });
  });
  await page.goto(`${hostUrl}/2026/weighed`);
  await framed(page);
  await done;
  const ours = await Promise.all(seen);
  for (const r of ours.filter((x) => x.body > 1024)) {
    assert.match(r.encoding, /^(br|gzip)$/, `${r.url} is compressed`);
  }
  const total = ours.reduce((n, r) => n + r.body, 0);
  console.log(`embed weight: ${total} bytes compressed over ${ours.length} requests`);
  assert.ok(total < BUDGET, `the embed adds ${total} bytes (budget ${BUDGET}): ${JSON.stringify(ours)}`);
  await context.close();
});
