// Browser test of the reading site: a reader opens the front page, follows a headline to
// an article, finds the conversation section, and nothing in the page fails along the way.
//
// Starts its own `broadsheet serve` on a free port with a fresh data directory (demo
// content loads into the empty database), drives Debian's Chromium through playwright-core
// (see helpers.mjs).
//
//   cd tests/e2e && npm install && npm test
//
// BROADSHEET_BIN  the binary to serve (default ../../target/debug/broadsheet)
// CHROMIUM_PATH   the browser (default /usr/bin/chromium)
// E2E_SCREENSHOT  where the full-page screenshot of the article goes (default /tmp/e2e-article.png)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watch, assertNoProblems } from './helpers.mjs';

const SCREENSHOT = process.env.E2E_SCREENSHOT || '/tmp/e2e-article.png';

let server;
let baseUrl;
let browser;

before(async () => {
  server = await startServer();
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
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
    // The header has a "Sign in" link too: this one is the conversation's.
    const signIn = page.locator('#comments').getByRole('link', { name: 'Sign in' });
    assert.equal(await signIn.count(), 1);
    assert.ok(await signIn.isVisible());
    // It brings the reader back to this article after signing in.
    const signInHref = new URL(await signIn.getAttribute('href'), baseUrl);
    assert.equal(signInHref.pathname, '/signin');
    assert.equal(signInHref.searchParams.get('return_to'), new URL(page.url()).pathname);

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
