// Shared pieces of the browser tests: start a `broadsheet serve` on a free port with a fresh
// data directory (demo content loads into the empty database), launch Debian's Chromium
// through playwright-core, watch pages for errors, read the mail the server writes to its
// outbox, and sign members up through the real form and the link it mails.
//
// BROADSHEET_BIN  the binary to serve (default ../../target/debug/broadsheet)
// CHROMIUM_PATH   the browser (default /usr/bin/chromium)

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const BIN = process.env.BROADSHEET_BIN
  ? path.resolve(process.env.BROADSHEET_BIN)
  : path.resolve(here, '../../target/debug/broadsheet');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const START_TIMEOUT_MS = 30_000;

// The data directory of each server started here, by its base URL (for its mail outbox).
const dataDirs = new Map();

/**
 * Starts the server on 127.0.0.1:0 with a fresh data directory and resolves once it logs the
 * address it serves on. Returns { baseUrl, log(), stop() }; stop() also removes the data dir.
 * `env` adds to the server's environment (e.g. BROADSHEET_DEBUG_CLOCK_START).
 */
export async function startServer(extraArgs = [], env = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'broadsheet-e2e-'));
  let log = '';
  const child = spawn(
    BIN,
    ['serve', '--addr', '127.0.0.1:0', '--data-dir', dataDir, ...extraArgs],
    {
      env: { ...process.env, NO_COLOR: '1', RUST_LOG: process.env.RUST_LOG || 'info', ...env },
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
    dataDirs.set(baseUrl, dataDir);
    return { baseUrl, dataDir, log: () => log, stop, cli };
  } catch (e) {
    await stop();
    throw e;
  }
}

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page (evaluated through the devtools protocol, so the site's CSP does not
 * stop it) and returns its violations of `impacts` (by default every impact), one line each.
 */
export async function axeViolations(page, impacts = ['minor', 'moderate', 'serious', 'critical']) {
  await page.evaluate(await AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => impacts.includes(v.impact))
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
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

// One .eml file: its headers (unfolded, lower-case names) and its plain-text body, decoded.
export function parseMail(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] ??= line.slice(i + 1).trim();
  }
  let body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] || '').toLowerCase();
  if (encoding === 'quoted-printable') {
    body = Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return { headers, body };
}

/**
 * Waits until the outbox of the server with data directory `dataDir` holds a mail to `to` for
 * which `match` is true, and returns it ({ headers, body }).
 */
export async function mailTo(dataDir, to, match = () => true, timeout = 10_000) {
  const dir = path.join(dataDir, 'outbox');
  const deadline = Date.now() + timeout;
  for (;;) {
    const names = await readdir(dir).catch(() => []);
    for (const name of names.filter((n) => n.endsWith('.eml'))) {
      const mail = parseMail(await readFile(path.join(dir, name), 'utf8'));
      if ((mail.headers.to || '').includes(to) && match(mail)) return mail;
    }
    if (Date.now() > deadline) throw new Error(`no matching mail to ${to} in ${dir}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first link in `text` whose address contains `part`. */
export const linkIn = (text, part) => text.match(new RegExp(`https?://\\S*${part}\\S*`))?.[0];

let members = 0;

/**
 * Signs a new member up through the /signup form (fields found by their labels), opens the link
 * the site mails to the address (read from the server's outbox), presses "Create account", and
 * waits until the header shows them signed in. Returns { name, email, password }.
 */
export async function signUp(page, baseUrl, name = `Member ${++members}`) {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const member = { name, email: `m-${stamp}@example.org`, password: 'correct horse battery staple' };
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel('Display name').fill(member.name);
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('status').filter({ hasText: member.email }).waitFor();
  const dataDir = dataDirs.get(baseUrl);
  assert.ok(dataDir, `no server started here serves ${baseUrl}`);
  const mail = await mailTo(dataDir, member.email, (m) => m.headers.subject === 'Finish creating your account');
  const link = linkIn(mail.body, '/signup/');
  assert.ok(link, 'the sign-up mail carries a link');
  await page.goto(link);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/signup')),
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

/**
 * A real PNG file, `width` × `height`, a colour gradient, made here (no fixture to ship); `blue`
 * sets its blue level, so files of the same size can differ (each a new image to the library).
 */
export function png(width, height, blue = 128) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, tail]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) {
      rows[row + 1 + x * 3] = (x * 255) / width;
      rows[row + 2 + x * 3] = (y * 255) / height;
      rows[row + 3 + x * 3] = blue;
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
