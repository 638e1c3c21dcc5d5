// Browser test of the reading site: a reader opens the front page, follows a headline to
// an article, finds the conversation section, and nothing in the page fails along the way.
//
// Starts its own `broadsheet serve` on a free port with a fresh data directory (demo
// content loads into the empty database), drives Debian's Chromium through playwright-core.
//
//   cd tests/e2e && npm install && npm test
//
// BROADSHEET_BIN  the binary to serve (default ../../target/debug/broadsheet)
// CHROMIUM_PATH   the browser (default /usr/bin/chromium)
// E2E_SCREENSHOT  where the full-page screenshot of the article goes (default /tmp/e2e-article.png)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.BROADSHEET_BIN
  ? path.resolve(process.env.BROADSHEET_BIN)
  : path.resolve(here, '../../target/debug/broadsheet');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOT = process.env.E2E_SCREENSHOT || '/tmp/e2e-article.png';
const START_TIMEOUT_MS = 30_000;

let server;
let serverLog = '';
let dataDir;
let baseUrl;
let browser;

// Starts the server and resolves with its base URL once it logs the address it serves on.
function startServer(bin, dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['serve', '--addr', '127.0.0.1:0', '--data-dir', dir], {
      env: { ...process.env, NO_COLOR: '1', RUST_LOG: process.env.RUST_LOG || 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    const timer = setTimeout(
      () => reject(new Error(`server did not start within ${START_TIMEOUT_MS} ms:\n${serverLog}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk) => {
      // Strip ANSI escapes in case colour is forced on.
      serverLog += chunk.toString().replace(/\x1b\[[0-9;]*m/g, '');
      const m = serverLog.match(/Broadsheet is serving on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${bin}: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal}):\n${serverLog}`));
    });
  });
}

function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

// Records everything that went wrong in a page: console errors, uncaught exceptions,
// requests that failed, and responses with an error status.
function watch(page) {
  const problems = { consoleErrors: [], pageErrors: [], failedRequests: [], badResponses: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  page.on('requestfailed', (req) =>
    problems.failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText}`),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) problems.badResponses.push(`${res.status()} ${res.url()}`);
  });
  return problems;
}

function assertNoProblems(problems) {
  assert.deepEqual(problems.consoleErrors, [], 'console errors');
  assert.deepEqual(problems.pageErrors, [], 'page errors');
  assert.deepEqual(problems.failedRequests, [], 'failed requests');
  assert.deepEqual(problems.badResponses, [], 'responses with status >= 400');
}

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'broadsheet-e2e-'));
  baseUrl = await startServer(BIN, dataDir);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  await stopServer();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('a reader follows a headline to an article and finds the conversation', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  try {
    const front = await page.goto(`${baseUrl}/`);
    assert.equal(front.status(), 200);

    const headline = page.locator('.card-title a').first();
    await headline.waitFor({ state: 'visible' });
    const headlineText = (await headline.textContent()).trim();
    assert.ok(headlineText, 'the first headline has text');
    await Promise.all([page.waitForURL(/\/articles\/[^/]+$/), headline.click()]);
    assert.match(new URL(page.url()).pathname, /^\/articles\/[^/]+$/);

    const h1 = page.locator('h1');
    assert.equal(await h1.count(), 1, 'exactly one h1');
    assert.ok(await h1.isVisible(), 'the h1 is visible');
    const headingText = (await h1.textContent()).trim();
    assert.ok(headingText.length > 0, 'the h1 is not empty');
    assert.equal(headingText, headlineText, 'the article is the one whose headline was clicked');

    const comments = page.locator('#comments');
    await comments.waitFor({ state: 'visible' });
    await page.getByRole('heading', { name: 'Comments (0)' }).waitFor({ state: 'visible' });
    assert.equal(await page.getByRole('heading', { name: 'Comments (0)' }).evaluate((e) => e.tagName), 'H2');
    const join = page.getByRole('heading', { name: 'Join the conversation' });
    assert.ok(await join.isVisible());
    assert.equal(await join.evaluate((e) => e.tagName), 'H3');
    assert.ok(await page.getByText('No comments yet').isVisible());
    assert.ok(await page.getByText('Be the first to share your thoughts!').isVisible());
    assert.ok(
      await page.getByText('to share your thoughts and engage with the community.').isVisible(),
    );
    const signIn = page.getByRole('link', { name: 'Sign in' });
    assert.equal(await signIn.count(), 1);
    assert.ok(await signIn.isVisible());
    assert.equal(await signIn.getAttribute('href'), '/signin');

    // Landmarks.
    assert.equal(await page.getByRole('banner').count(), 1, 'one banner');
    assert.equal(await page.getByRole('main').count(), 1, 'one main');
    assert.equal(await page.getByRole('navigation', { name: 'Sections' }).count(), 1);
    assert.ok(await page.getByRole('navigation', { name: 'Sections' }).isVisible());
    assert.equal(await page.getByRole('contentinfo').count(), 1, 'one contentinfo');
    assert.equal(await page.locator('main#main').count(), 1);

    // Keyboard: the first Tab from the top of the page lands on the skip link.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    });
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      cls: document.activeElement?.className,
      href: document.activeElement?.getAttribute('href'),
      text: document.activeElement?.textContent?.trim(),
    }));
    assert.equal(focused.cls, 'skip-link');
    assert.equal(focused.href, '#main');
    assert.ok(await page.locator('a.skip-link').isVisible(), 'the skip link shows when focused');

    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('a reader opens a section from the navigation', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  try {
    await page.goto(`${baseUrl}/`);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await Promise.all([
      page.waitForLoadState('load'),
      nav.getByRole('link', { name: 'Business', exact: true }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: 'Business' }).waitFor({ state: 'visible' });
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal((await page.locator('h1').textContent()).trim(), 'Business');
    assert.ok((await page.locator('article.card').count()) >= 1, 'at least one article card');
    assert.ok((await page.locator('.card-title a').count()) >= 1, 'at least one headline link');
    assert.equal(
      await nav.getByRole('link', { name: 'Business', exact: true }).getAttribute('aria-current'),
      'page',
    );
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('an unknown address shows the not-found page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const res = await page.goto(`${baseUrl}/no-such-page-${Date.now()}`);
    assert.equal(res.status(), 404);
    const h1 = page.getByRole('heading', { level: 1, name: 'Page not found' });
    await h1.waitFor({ state: 'visible' });
    assert.equal(await page.locator('h1').count(), 1);
    assert.ok(await page.getByRole('link', { name: 'Go to the front page' }).isVisible());
  } finally {
    await context.close();
  }
});
