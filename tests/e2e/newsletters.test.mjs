// Browser test of a newsletter's whole journey, its mail read from the outbox folder: an editor
// defines a newsletter; a reader who is not signed in subscribes with only an address, confirms
// from the mailed link, receives the edition the editor composes and sends, reads its web
// version, and unsubscribes with the mail's one-click link.
//
//   cd tests/e2e && npm test

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, watch, assertNoProblems, signUp, articlePaths, linkIn,
  mailTo as mailToIn,
} from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await startServer(['--signups-per-hour', '1000']);
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

const mailTo = (to, match, timeout) => mailToIn(server.dataDir, to, match, timeout);

test('a signed-out reader subscribes, confirms, receives an edition and leaves in one click', async () => {
  const E = await newPage();
  const editor = await signUp(E.page, server.baseUrl, 'Eda Editor');
  await server.cli(['user', 'role', editor.email, 'editor']);
  const paths = await articlePaths(E.page, server.baseUrl);
  const slug = paths[0].replace('/articles/', '');

  await E.page.goto(`${server.baseUrl}/admin/newsletters`);
  await E.page.getByLabel('Name', { exact: true }).fill('The Morning Briefing');
  await E.page.getByLabel('Description').fill('What matters this morning.');
  await E.page.getByLabel('Sender name').fill('The Morning Desk');
  await E.page.getByLabel('Hand-picked articles, sent when an editor says so').check();
  await Promise.all([
    E.page.waitForURL(/\/admin\/newsletters\/\d+$/),
    E.page.getByRole('button', { name: 'Add newsletter' }).click(),
  ]);

  // Signed out: only an address.
  const R = await newPage();
  const email = `reader-${Date.now()}@example.org`;
  await R.page.goto(`${server.baseUrl}/newsletters`);
  await R.page.getByLabel('Email').fill(email);
  await R.page.getByRole('button', { name: 'Subscribe to The Morning Briefing' }).click();
  await R.page.getByRole('status').filter({ hasText: 'Check your e-mail' }).waitFor();
  const confirmation = await mailTo(email, (m) => m.headers.subject.startsWith('Confirm your subscription'));
  const link = linkIn(confirmation.body, '/newsletters/confirm/');
  assert.ok(link, 'the mail carries the confirmation link');
  await R.page.goto(link);
  await R.page.getByRole('button', { name: 'Confirm subscription' }).click();
  await R.page.getByRole('status').filter({ hasText: 'You are subscribed to The Morning Briefing' }).waitFor();

  // The editor composes, previews and sends an edition.
  await E.page.getByLabel('Subject').fill('Good morning from the desk');
  await E.page.getByLabel('Introduction').fill('Three things to know today.');
  await E.page.getByLabel('Articles (their slugs, one a line)').fill(slug);
  await Promise.all([
    E.page.waitForURL(/\/admin\/newsletters\/editions\/\d+$/),
    E.page.getByRole('button', { name: 'Create draft' }).click(),
  ]);
  const editionUrl = E.page.url();
  // The plain-text part, read as a mail client would (not opened as a page: a text document
  // has no icon, and the browser's request for one would be a 404).
  const textHref = await E.page.getByRole('link', { name: 'Plain-text part' }).getAttribute('href');
  const text = await (await E.page.request.get(`${server.baseUrl}${textHref}`)).text();
  assert.match(text, /Three things to know today\./);
  await E.page.getByRole('button', { name: 'Send to every subscriber' }).click();
  await E.page.getByText('Status: sending').or(E.page.getByText('Status: sent')).waitFor();

  const edition = await mailTo(email, (m) => m.headers.subject === 'Good morning from the desk');
  assert.match(edition.headers.from, /The Morning Desk/);
  assert.match(edition.headers['list-unsubscribe-post'] || '', /^List-Unsubscribe=One-Click$/);
  const unsubscribe = (edition.headers['list-unsubscribe'] || '').match(/<([^>]+)>/)?.[1];
  assert.ok(unsubscribe?.includes('/newsletters/unsubscribe/'), edition.headers['list-unsubscribe']);

  // The web version, for anyone.
  await R.page.goto(`${server.baseUrl}/newsletters/editions/${editionUrl.split('/').pop()}`);
  await R.page.getByRole('heading', { name: 'Good morning from the desk' }).waitFor();

  // One click, in a browser that never signed in.
  await R.page.goto(unsubscribe);
  await R.page.getByRole('button', { name: 'Unsubscribe' }).click();
  await R.page.getByRole('status').filter({ hasText: 'you will no longer receive The Morning Briefing' }).waitFor();
  await E.page.goto(`${server.baseUrl}/admin/newsletters`);
  await E.page.getByRole('cell', { name: '0', exact: true }).waitFor();

  for (const p of [E, R]) {
    assertNoProblems(p.problems);
    await p.context.close();
  }
});
