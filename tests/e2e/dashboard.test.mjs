// Browser test of the staff's dashboard (/admin): an administrator and a moderator, made from the
// command line, find it from the header and see their parts; each is axe-clean (axe-core, run in
// the page), its charts are images with a name, and the numbers in its tables match what the
// test did: a signed-out reader's views of one article, and comments on it.
//
//   cd tests/e2e && npm ci && npm test

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watch, assertNoProblems, signUp, articlePaths, axeViolations } from './helpers.mjs';

let server;
let baseUrl;
let browser;

before(async () => {
  server = await startServer(['--comments-per-minute', '1000', '--signups-per-hour', '1000']);
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
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

/** The rows of a figure's table, each as its cells' texts. */
async function rows(page, figure) {
  return page.locator(`#${figure} table tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
}

test('an admin and a moderator read their dashboards, which match what happened', async () => {
  const admin = await newPage();
  const adminMember = await signUp(admin.page, baseUrl, 'Ada Admin');
  await server.cli(['user', 'role', adminMember.email, 'admin']);
  const moderator = await newPage();
  const moderatorMember = await signUp(moderator.page, baseUrl, 'Morgan Moderator');
  await server.cli(['user', 'role', moderatorMember.email, 'moderator']);

  // A signed-out reader reads one article five times; the admin comments on it twice.
  const paths = await articlePaths(admin.page, baseUrl);
  const story = paths[paths.length - 1];
  const reader = await newPage();
  for (let i = 0; i < 5; i += 1) await reader.page.goto(`${baseUrl}${story}`);
  const headline = (await reader.page.locator('h1').first().textContent()).trim();
  await admin.page.goto(`${baseUrl}${story}`);
  for (const text of ['A first thought for the dashboard.', 'A second thought for the dashboard.']) {
    await admin.page.locator('#comments').getByLabel('Comment', { exact: true }).fill(text);
    await admin.page.getByRole('button', { name: 'Post comment' }).click();
    await admin.page.locator('#comments article.comment', { hasText: text }).waitFor();
  }

  // The admin finds the dashboard from the header and sees all three parts.
  const banner = admin.page.getByRole('banner');
  for (const name of ['Newsroom', 'Moderation', 'Admin']) {
    assert.equal(await banner.getByRole('link', { name, exact: true }).count(), 1, `the admin's header links ${name}`);
  }
  await Promise.all([admin.page.waitForURL(`${baseUrl}/admin`), banner.getByRole('link', { name: 'Admin', exact: true }).click()]);
  const parts = await admin.page.getByRole('heading', { level: 2 }).allTextContents();
  assert.deepEqual(parts, ['Newsroom', 'Moderation', 'Site']);
  const read = await rows(admin.page, 'dash-read-day');
  const readRow = read.find(([title]) => title === headline);
  assert.ok(readRow, `${headline} is among the most read: ${JSON.stringify(read)}`);
  assert.ok(Number(readRow[1]) >= 5, `at least the reader's five views: ${readRow[1]}`);
  const discussed = await rows(admin.page, 'dash-discussed-day');
  assert.deepEqual(discussed.find(([title]) => title === headline), [headline, '2']);
  assert.equal(await admin.page.getByRole('img', { name: 'Most read, last 24 hours' }).count(), 1);
  assert.equal(await admin.page.getByRole('img', { name: 'Queues now' }).count(), 1);
  const queues = await rows(admin.page, 'dash-queues');
  assert.deepEqual(queues.map(([q]) => q), ['Pending', 'Reported', 'Auto-flagged']);
  assert.deepEqual(await axeViolations(admin.page), [], 'the admin dashboard is axe-clean');
  assertNoProblems(admin.problems, 'admin dashboard');

  // The moderator: the newsroom and moderation parts, not the site's; no Admin link.
  const modBanner = moderator.page.getByRole('banner');
  await moderator.page.goto(`${baseUrl}/`);
  assert.equal(await modBanner.getByRole('link', { name: 'Admin', exact: true }).count(), 0);
  await Promise.all([moderator.page.waitForURL(/\/admin\/moderation/), modBanner.getByRole('link', { name: 'Moderation', exact: true }).click()]);
  await Promise.all([moderator.page.waitForURL(`${baseUrl}/admin`), moderator.page.getByRole('link', { name: 'Dashboard', exact: true }).click()]);
  assert.deepEqual(await moderator.page.getByRole('heading', { level: 2 }).allTextContents(), ['Newsroom', 'Moderation']);
  const hourly = await rows(moderator.page, 'dash-hourly');
  assert.equal(hourly.length, 48);
  const posted = hourly.reduce((sum, r) => sum + Number(r[1]), 0);
  assert.equal(posted, 2, 'the two comments posted');
  assert.deepEqual(await axeViolations(moderator.page), [], 'the moderator dashboard is axe-clean');
  assertNoProblems(moderator.problems, 'moderator dashboard');
  for (const p of [admin, moderator, reader]) await p.context.close();
});
