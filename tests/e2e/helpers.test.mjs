// The problem collector itself (helpers.mjs `watch`), against a small local server whose pages
// make each kind of request on purpose: a request abandoned by a navigation is not a problem,
// a missing file (404) and a refused connection are.
//
//   cd tests/e2e && node --test helpers.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { launchBrowser, watch, assertNoProblems } from './helpers.mjs';

let server;
let baseUrl;
let closedPort;
let browser;
// Resolved when the page's never-answered request reaches the server.
let hangReached;
let hangArrived = () => {};

function page(body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`;
}

before(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/hang') {
      hangArrived();
      return; // never answered: only a navigation ends it
    }
    const pages = {
      '/abandons': page('<p>Loading</p><img src="/hang" alt="">'),
      '/next': page('<p>Next</p>'),
      '/missing': page('<link rel="stylesheet" href="/missing.css"><p>Styled</p>'),
      '/refused': page(`<img src="http://127.0.0.1:${closedPort}/x.png" alt="">`),
    };
    if (pages[req.url]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pages[req.url]);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
  // A port nothing listens on: taken, then given back.
  const probe = http.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = probe.address().port;
  await new Promise((resolve) => probe.close(resolve));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function watched() {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  const p = await context.newPage();
  return { context, page: p, problems: watch(p) };
}

test('a request cut off by a navigation is not a problem', async () => {
  const { context, page: p, problems } = await watched();
  hangReached = new Promise((resolve) => { hangArrived = resolve; });
  await p.goto(`${baseUrl}/abandons`, { waitUntil: 'commit' });
  await hangReached;
  const failed = p.waitForEvent('requestfailed');
  await p.goto(`${baseUrl}/next`);
  const request = await failed;
  assert.equal(request.failure().errorText, 'net::ERR_ABORTED', 'the navigation aborted the pending image');
  assertNoProblems(problems, 'navigated page');
  await context.close();
});

test('a missing file still fails the page', async () => {
  const { context, page: p, problems } = await watched();
  await p.goto(`${baseUrl}/missing`);
  assert.deepEqual(problems.badResponses, [`404 ${baseUrl}/missing.css`]);
  assert.throws(() => assertNoProblems(problems, 'page with a missing file'), /missing\.css|status >= 400|console errors/);
  await context.close();
});

test('a refused connection still fails the page', async () => {
  const { context, page: p, problems } = await watched();
  const failed = p.waitForEvent('requestfailed');
  await p.goto(`${baseUrl}/refused`);
  await failed;
  // Navigating away afterwards does not excuse it: only aborts are forgiven.
  await p.goto(`${baseUrl}/next`);
  assert.equal(problems.failedRequests.length, 1, problems.failedRequests.join('\n'));
  assert.match(problems.failedRequests[0], /ERR_CONNECTION_REFUSED/);
  assert.throws(() => assertNoProblems(problems, 'page with a refused request'));
  await context.close();
});
