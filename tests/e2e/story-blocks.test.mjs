// Story blocks as a reader's browser sees them: the pictures of a story that uses every block
// come with `srcset`; the embed is a placeholder that makes no request to its provider until
// the reader clicks "Load content from YouTube" (every request the page makes is recorded),
// after which the browser asks YouTube's privacy-enhanced host for the frame (this machine has
// no internet: the attempt is what is asserted); without JavaScript the placeholder is a plain
// link and nothing is loaded from elsewhere either.
//
//   cd tests/e2e && node --test story-blocks.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from './helpers.mjs';
import { publishEveryBlock, VIDEO } from './story-fixture.mjs';

const PASSWORD = 'correct horse battery staple';
let server;
let browser;
let story;

before(async () => {
  // Thumbnails come from a closed loopback port: the save does not wait on the internet.
  server = await startServer([], { BROADSHEET_DEBUG_EMBED_THUMBNAIL_BASE: 'http://127.0.0.1:9' });
  process.env.BROADSHEET_PASSWORD = PASSWORD;
  await server.cli(['user', 'create', '--email', 'editor@example.org', '--role', 'editor', '--display-name', 'Eddie Editor']);
  const signin = await fetch(`${server.baseUrl}/signin`);
  let cookie = signin.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = (await signin.text()).match(/name="csrf" value="([^"]+)"/)[1];
  const res = await fetch(`${server.baseUrl}/signin`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, email: 'editor@example.org', password: PASSWORD, return_to: '/' }),
    redirect: 'manual',
  });
  assert.equal(res.status, 303, await res.text());
  cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const front = await (await fetch(`${server.baseUrl}/`)).text();
  const readMore = front.match(/href="\/articles\/([^"#?]+)"/)[1];
  story = await publishEveryBlock(server.baseUrl, cookie, readMore);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page whose every request (URL) is recorded, JavaScript on or off. */
async function recordedPage(javaScriptEnabled) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  return { page, requests, context };
}

const elsewhere = (requests) => requests.filter((u) => !u.startsWith(server.baseUrl) && !u.startsWith('data:'));

test('the reader sees the pictures with srcset and the embed loads only on a click', async () => {
  const { page, requests, context } = await recordedPage(true);
  try {
    await page.goto(`${server.baseUrl}${story.path}`);
    const images = await page.locator('.story-body .block-image img, .story-body .block-gallery img').evaluateAll(
      (imgs) => imgs.map((i) => ({ srcset: i.getAttribute('srcset'), sizes: i.getAttribute('sizes'), alt: i.alt, w: i.width })),
    );
    assert.equal(images.length, 3);
    for (const img of images) {
      assert.match(img.srcset, /^\/media\/[0-9a-f]{32}-480\.png 480w, \/media\/[0-9a-f]{32}-960\.png 960w$/);
      assert.ok(img.sizes && img.alt, JSON.stringify(img));
    }
    // Scrolled through, every lazy picture loaded, still nothing from elsewhere.
    await page.locator('.block-embed').scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 4000);
    await page.waitForLoadState('networkidle');
    const button = page.getByRole('button', { name: 'Load content from YouTube' });
    await assert.doesNotReject(button.waitFor({ state: 'visible' }));
    assert.deepEqual(elsewhere(requests), [], 'no third-party request before the click');
    assert.equal(await page.locator('iframe').count(), 0);

    const asked = page.waitForRequest((r) => r.url().startsWith('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'));
    await button.click();
    await asked;
    const frame = page.locator('.block-embed iframe');
    assert.equal(await frame.getAttribute('src'), 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    assert.match(await frame.getAttribute('title'), /^YouTube: The harbour master explains$/);
    assert.deepEqual(
      [...new Set(elsewhere(requests).map((u) => new URL(u).host))],
      ['www.youtube-nocookie.com'],
      'after the click, only the provider the reader asked for',
    );
  } finally {
    await context.close();
  }
});

test('without JavaScript the embed is a plain link and nothing is loaded from elsewhere', async () => {
  const { page, requests, context } = await recordedPage(false);
  try {
    await page.goto(`${server.baseUrl}${story.path}`);
    await page.mouse.wheel(0, 4000);
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByRole('button', { name: 'Load content from YouTube' }).count(), 0, 'the button stays hidden');
    const link = page.locator('.block-embed figcaption a');
    assert.equal(await link.getAttribute('href'), VIDEO);
    assert.equal(await link.textContent(), 'The harbour master explains');
    assert.ok(await link.isVisible());
    assert.deepEqual(elsewhere(requests), []);
  } finally {
    await context.close();
  }
});
