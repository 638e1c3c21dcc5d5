// Live updates past the server's bounds: with one live-update stream allowed per address, a
// second page from the same address is refused its stream (429). That page still works — a
// comment posted from it appears without a reload, and the page that has the stream receives it
// live — and it asks for the stream again only much later, not over and over (the page's clock
// is driven by the test, so the waits take no time).
//
//   cd tests/e2e && node --test live.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watch, countNavigations, signUp, articlePaths } from './helpers.mjs';

let server;
let baseUrl;
let browser;
let paths;

before(async () => {
  server = await startServer([
    '--comments-per-minute', '1000',
    '--signups-per-hour', '1000',
    '--max-live-streams-per-address', '1',
  ]);
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  const context = await browser.newContext();
  paths = await articlePaths(await context.newPage(), baseUrl);
  await context.close();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
});

async function newPage() {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page, problems: watch(page) };
}

const section = (page) => page.locator('#comments');
const isLive = (path) => (res) => new URL(res.url()).pathname === `${path}/live`;

test('a page refused its live stream still works, and asks again only minutes later', async () => {
  const R = await newPage(); // a reader, who gets the address's one stream
  const M = await newPage(); // a member at the same address, past the bound
  try {
    const r = R.page;
    const m = M.page;
    const path = paths[1];
    const readers = r.waitForResponse(isLive(path));
    await r.goto(`${baseUrl}${path}`);
    assert.equal((await readers).status(), 200);

    await signUp(m, baseUrl, 'Over The Bound');
    // The script's waits, under the test's control: no jitter (Math.random() is ½, so they are
    // exactly 1, 2, 4… minutes) and a clock that stands still unless the test moves it.
    // The streams the script opens are counted as it opens them.
    await m.addInitScript(() => {
      Math.random = () => 0.5;
      window.__streams = 0;
      const Native = window.EventSource;
      window.EventSource = class extends Native {
        constructor(...args) {
          super(...args);
          window.__streams += 1;
        }
      };
    });
    const streamsOpened = () => m.evaluate(() => window.__streams);
    await m.clock.install();
    const asked = [];
    m.on('response', (res) => { if (isLive(path)(res)) asked.push(res.status()); });
    const refused = m.waitForResponse(isLive(path));
    await m.goto(`${baseUrl}${path}`);
    assert.equal((await refused).status(), 429);
    await m.clock.pauseAt(await m.evaluate(() => Date.now() + 1000));

    // The page works without its stream: a comment is posted by the script, without a reload,
    // and reaches the reader's page live.
    const navs = countNavigations(m);
    const text = 'Posted from a page without live updates.';
    await section(m).getByLabel('Comment', { exact: true }).fill(text);
    await section(m).getByRole('button', { name: 'Post comment' }).click();
    await section(m).locator('article.comment').filter({ hasText: text }).waitFor();
    assert.equal(navs.count, 0, 'the member did not reload');
    await section(r).locator('article.comment').filter({ hasText: text }).waitFor({ timeout: 3000 });

    // Asked again after a minute (refused again: the reader still has the stream), then after
    // two more; never in between.
    assert.equal(await streamsOpened(), 1);
    await m.clock.runFor(50_000);
    assert.equal(await streamsOpened(), 1, 'no retry within the first minute');
    const again = m.waitForResponse(isLive(path));
    await m.clock.runFor(15_000);
    assert.equal(await streamsOpened(), 2, 'one retry after a minute');
    assert.equal((await again).status(), 429);
    await m.clock.runFor(100_000);
    assert.equal(await streamsOpened(), 2, 'the next wait is twice as long');
    // And the browser itself did not ask again in between (an EventSource gives up on a 429).
    assert.deepEqual(asked, [429, 429]);

    // The refusals are the page's only failed requests, and its script reported nothing.
    assert.deepEqual(M.problems.pageErrors, []);
    assert.deepEqual(
      M.problems.badResponses,
      [`429 ${baseUrl}${path}/live`, `429 ${baseUrl}${path}/live`],
    );
    assert.deepEqual(R.problems.badResponses, []);
    assert.deepEqual(R.problems.consoleErrors, []);
  } finally {
    await R.context.close();
    await M.context.close();
  }
});
