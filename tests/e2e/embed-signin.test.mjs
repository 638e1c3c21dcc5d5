// Signing in inside the embedded conversation, in Chromium with third-party cookies blocked and
// two real origins (the host page on http://localhost:PORT, Broadsheet on
// http://127.0.0.1:PORT):
// - a reader presses "Sign in" in the frame, signs in in the popup on Broadsheet's own origin,
//   and the frame, signed in through its partitioned cookie, posts a comment and a reply;
// - a host page that signs its own reader in (data-token: an HS256 JWT signed here with the
//   site's secret, as a host's server would) gets a frame signed in as that reader, who posts;
//   a token signed with another secret leaves the frame signed out, saying why.
//
//   cd tests/e2e && npm ci && node --test embed-signin.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import crypto from 'node:crypto';
import { chromium } from 'playwright-core';
import { startServer, CHROMIUM, watch, assertNoProblems } from './helpers.mjs';

const PASSWORD = 'correct horse battery staple';
let server;
let host;
let hostUrl;
let site;
let secret;
let browser;

/** An HS256 JSON Web Token, as the README's recipe makes one. */
function signToken(claims, key) {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${input}.${crypto.createHmac('sha256', key).update(input).digest('base64url')}`;
}

/** The host site: /signed-in/… pages carry a token for their reader, signed per request. */
function hostServer() {
  return new Promise((resolve) => {
    const s = http.createServer((req, res) => {
      const url = new URL(req.url, 'http://localhost');
      const page = `${hostUrl}${url.pathname}`;
      let token = '';
      if (url.pathname.startsWith('/signed-in/')) {
        const key = url.searchParams.get('forged') ? 'not the secret' : secret;
        token = signToken({
          sub: 'host-reader-1', name: 'Host Reader', email: 'reader@host.example',
          exp: Math.floor(Date.now() / 1000) + 300, aud: String(site),
        }, key);
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host post</title></head>
<body><main><h1>A post on the host</h1>
<div data-broadsheet-conversation data-site="${site}" data-page="${page}" data-title="Host post"${token ? ` data-token="${token}"` : ''}></div>
<script src="${server.baseUrl}/embed.js" async></script></main></body></html>`);
    });
    s.listen(0, 'localhost', () => resolve(s));
  });
}

before(async () => {
  server = await startServer(['--comments-per-minute', '1000']);
  host = await hostServer();
  hostUrl = `http://localhost:${host.address().port}`;
  const out = await server.cli(['site', 'add', 'Host', '--origin', hostUrl]);
  site = Number(out.match(/^id: (\d+)$/m)[1]);
  secret = out.match(/^secret: (\S+)$/m)[1];
  process.env.BROADSHEET_PASSWORD = PASSWORD;
  await server.cli(['user', 'create', '--email', 'popup@example.org', '--display-name', 'Popup Reader']);
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

/** The conversation's frame on the host page, once its heading shows. */
async function frameOf(page) {
  const el = page.locator('[data-broadsheet-conversation] iframe');
  await el.waitFor();
  const frame = await (await el.elementHandle()).contentFrame();
  await frame.getByRole('heading', { name: /^Comments \(\d+\)$/ }).waitFor();
  return frame;
}

test('a reader signs in through the popup and posts and replies in the frame', { timeout: 90_000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${hostUrl}/2026/popup`);
  let frame = await frameOf(page);
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    frame.getByRole('link', { name: 'Sign in' }).click(),
  ]);
  // The popup is top level on Broadsheet's origin: the usual sign-in form.
  await popup.waitForURL(/\/signin\?return_to=%2Fembed%2Fsignin/);
  await popup.getByLabel('Email').fill('popup@example.org');
  await popup.getByLabel('Password').fill(PASSWORD);
  await Promise.all([popup.waitForEvent('close'), popup.getByRole('button', { name: 'Sign in' }).click()]);
  // The popup handed its code to the frame, which traded it and reloaded signed in.
  await frame.getByText('Signed in as Popup Reader').waitFor();

  await frame.getByRole('textbox', { name: 'Comment' }).fill('Posted inside the frame.');
  await frame.getByRole('button', { name: 'Post comment' }).click();
  frame = await frameOf(page);
  const first = frame.locator('article', { hasText: 'Posted inside the frame.' });
  await first.waitFor();
  await first.getByRole('link', { name: 'Reply' }).click();
  frame = await frameOf(page);
  await frame.getByText('Replying to Popup Reader').waitFor();
  await frame.getByRole('textbox', { name: 'Comment' }).fill('A reply inside the frame.');
  await frame.getByRole('button', { name: 'Post comment' }).click();
  frame = await frameOf(page);
  await frame.locator('.replies article', { hasText: 'A reply inside the frame.' }).waitFor();
  assert.equal(await frame.getByRole('heading', { name: 'Comments (2)' }).count(), 1);

  // The session is the frame's own: the host page's origin holds no Broadsheet cookie, and the
  // frame's cookie is partitioned under the host's site.
  const cookies = await context.cookies();
  const frameCookie = cookies.find((c) => c.name === 'bs_embed');
  assert.ok(frameCookie, `a bs_embed cookie: ${JSON.stringify(cookies)}`);
  // Partitioned under the host page's site: another site's frame gets a jar of its own.
  assert.equal(frameCookie.partitionKey, 'http://localhost');
  assert.equal(frameCookie.path, '/embed');
  assert.equal(frameCookie.sameSite, 'None');
  assert.equal(frameCookie.secure, true);

  // Signing out in the frame signs the frame out.
  await frame.getByRole('button', { name: 'Sign out' }).click();
  frame = await frameOf(page);
  await frame.getByRole('link', { name: 'Sign in' }).waitFor();
  assert.equal(await frame.getByText('Signed in as').count(), 0);
  assertNoProblems(problems, 'the host page and its frame');
  await context.close();
});

test('a host page signs its own reader in with a token', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${hostUrl}/signed-in/2026/token`);
  let frame = await frameOf(page);
  // Signed out on first load, the frame asks the host for its token and reloads signed in.
  await frame.getByText('Signed in as Host Reader').waitFor();
  await frame.getByRole('textbox', { name: 'Comment' }).fill('Signed in by my own site.');
  await frame.getByRole('button', { name: 'Post comment' }).click();
  frame = await frameOf(page);
  const mine = frame.locator('article', { hasText: 'Signed in by my own site.' });
  await mine.waitFor();
  assert.match(await mine.innerText(), /Host Reader/);
  await context.close();

  // A token signed with another secret: the frame stays signed out and says why.
  const other = await browser.newContext();
  const forged = await other.newPage();
  await forged.goto(`${hostUrl}/signed-in/2026/token?forged=1`);
  const f = await frameOf(forged);
  await f.getByText(/signature does not match this site's secret/).waitFor();
  assert.equal(await f.getByRole('link', { name: 'Sign in' }).count(), 1);
  await other.close();
});
