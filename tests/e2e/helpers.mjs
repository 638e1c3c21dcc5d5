// Shared pieces of the browser tests: start a `broadsheet serve` on a free port with a fresh
// data directory (demo content loads into the empty database), launch Debian's Chromium
// through playwright-core, watch pages for errors, and sign members up through the real form.
//
// BROADSHEET_BIN  the binary to serve (default ../../target/debug/broadsheet)
// CHROMIUM_PATH   the browser (default /usr/bin/chromium)

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const BIN = process.env.BROADSHEET_BIN
  ? path.resolve(process.env.BROADSHEET_BIN)
  : path.resolve(here, '../../target/debug/broadsheet');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const START_TIMEOUT_MS = 30_000;

/**
 * Starts the server on 127.0.0.1:0 with a fresh data directory and resolves once it logs the
 * address it serves on. Returns { baseUrl, log(), stop() }; stop() also removes the data dir.
 */
export async function startServer(extraArgs = []) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'broadsheet-e2e-'));
  let log = '';
  const child = spawn(
    BIN,
    ['serve', '--addr', '127.0.0.1:0', '--data-dir', dataDir, ...extraArgs],
    {
      env: { ...process.env, NO_COLOR: '1', RUST_LOG: process.env.RUST_LOG || 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const baseUrl = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not start within ${START_TIMEOUT_MS} ms:\n${log}`)),
        START_TIMEOUT_MS,
      );
      const onData = (chunk) => {
        // Strip ANSI escapes in case colour is forced on.
        log += chunk.toString().replace(/\x1b\[[0-9;]*m/g, '');
        const m = log.match(/Broadsheet is serving on (http:\/\/127\.0\.0\.1:\d+)/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`cannot start ${BIN}: ${e.message}`));
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server exited early (code ${code}, signal ${signal}):\n${log}`));
      });
    });
    // Runs a command-line task (e.g. `user role`) against this server's data, as an operator would.
    const cli = (args) => new Promise((resolve, reject) => {
      const run = spawn(BIN, ['--data-dir', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      run.stdout.on('data', (c) => { out += c; });
      run.stderr.on('data', (c) => { out += c; });
      run.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')}: ${out}`))));
    });
    return { baseUrl, dataDir, log: () => log, stop, cli };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Launches headless Chromium with the flags every suite uses. */
export function launchBrowser() {
  return chromium.launch({
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
}

/**
 * Records everything that went wrong in a page: console errors, uncaught exceptions,
 * requests that failed, responses with an error status, and dialogs (dismissed).
 *
 * A request the page abandoned is not a failure: Chromium reports `net::ERR_ABORTED` for what a
 * document had in flight (its favicon, an image, an open event stream) when a navigation
 * replaces it. Such a request is dropped from `failedRequests` when the main frame navigated
 * after it was sent; this is judged when the list is read, since the abort can be reported
 * before the navigation that caused it. Every other failure (refused, reset, a DNS error, an
 * abort with no navigation after it) is kept, and responses with status >= 400 are
 * `badResponses` whatever happens next.
 */
export function watch(page) {
  let sequence = 0;
  const sentAt = new WeakMap();
  const navigations = [];
  const failures = [];
  let failedOverride = null;
  const problems = {
    consoleErrors: [],
    pageErrors: [],
    // Read through the getter, so aborts are judged against every navigation seen so far.
    get failedRequests() {
      if (failedOverride) return failedOverride;
      return failures
        .filter((f) => !(f.aborted && navigations.some((n) => n > f.sent)))
        .map((f) => f.text);
    },
    set failedRequests(list) {
      failedOverride = list;
    },
    badResponses: [],
    dialogs: [],
  };
  page.on('request', (req) => {
    sequence += 1;
    sentAt.set(req, sequence);
    // A new navigation abandons the one before it, if that one was still loading.
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) navigations.push(sequence);
  });
  page.on('framenavigated', (frame) => {
    sequence += 1;
    if (frame === page.mainFrame()) navigations.push(sequence);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  page.on('requestfailed', (req) => {
    const errorText = req.failure()?.errorText || '';
    const aborted = errorText === 'net::ERR_ABORTED';
    // An open event stream is cut when the page goes away (also when its context closes).
    if (aborted && new URL(req.url()).pathname.endsWith('/live')) return;
    failures.push({ aborted, sent: sentAt.get(req) ?? 0, text: `${req.method()} ${req.url()}: ${errorText}` });
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.badResponses.push(`${res.status()} ${res.url()}`);
  });
  page.on('dialog', (d) => {
    problems.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return problems;
}

export function assertNoProblems(problems, what = 'page') {
  assert.deepEqual(problems.consoleErrors, [], `${what}: console errors`);
  assert.deepEqual(problems.pageErrors, [], `${what}: page errors`);
  assert.deepEqual(problems.failedRequests, [], `${what}: failed requests`);
  assert.deepEqual(problems.badResponses, [], `${what}: responses with status >= 400`);
  assert.deepEqual(problems.dialogs, [], `${what}: dialogs`);
}

/** Counts the main frame's navigations, so a test can tell whether an action reloaded. */
export function countNavigations(page) {
  const counter = { count: 0 };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) counter.count += 1;
  });
  return counter;
}

let members = 0;

/**
 * Signs a new member up through the /signup form (fields found by their labels) and waits
 * until the header shows them signed in. Returns { name, email, password }.
 */
export async function signUp(page, baseUrl, name = `Member ${++members}`) {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const member = { name, email: `m-${stamp}@example.org`, password: 'correct horse battery staple' };
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel('Display name').fill(member.name);
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/signup'),
    page.getByRole('button', { name: 'Create account' }).click(),
  ]);
  const banner = page.getByRole('banner');
  await banner.locator('.account-name').filter({ hasText: member.name }).waitFor();
  assert.equal(await banner.getByRole('link', { name: 'Settings' }).count(), 1);
  assert.equal(await banner.getByRole('button', { name: 'Sign out' }).count(), 1);
  return member;
}

/** The paths of the demo articles, in front-page order. */
export async function articlePaths(page, baseUrl) {
  await page.goto(`${baseUrl}/`);
  const hrefs = await page
    .locator('.card-title a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const unique = [...new Set(hrefs.filter((h) => /^\/articles\/[^/?#]+$/.test(h)))];
  assert.ok(unique.length >= 4, `the front page links at least 4 articles (got ${unique.length})`);
  return unique;
}
