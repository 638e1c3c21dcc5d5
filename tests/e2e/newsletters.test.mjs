// Browser test of a newsletter's whole journey, its mail read from the outbox folder: an editor
// defines a newsletter; a reader who is not signed in subscribes with only an address, confirms
// from the mailed link, receives the edition the editor composes and sends, reads its web
// version, and unsubscribes with the mail's one-click link. Then, on a server whose (debug-only)
// clock starts just before 07:00, an editor schedules an automatic newsletter for 07:00 and it
// goes out at its hour with the article published since it was made.
//
//   cd tests/e2e && npm test

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
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

// The scheduled server's clock starts here and runs on in real time; everything before the
// article's import must happen while it still reads before 07:00, or the 07:00 edition would be
// made (and skipped, nothing new) before the article exists.
const CLOCK_START = '2026-03-02T06:59:20Z';
const HEAD_START_MS = 40_000;

test('an automatic newsletter goes out at its hour with what was published since', async () => {
  const started = Date.now();
  const timed = await startServer(
    ['--signups-per-hour', '1000'],
    { BROADSHEET_DEBUG_CLOCK_START: CLOCK_START },
  );
  try {
    const E = await newPage();
    const editor = await signUp(E.page, timed.baseUrl, 'Sam Scheduler');
    await timed.cli(['user', 'role', editor.email, 'editor']);
    await E.page.goto(`${timed.baseUrl}/admin/newsletters`);
    await E.page.getByLabel('Name', { exact: true }).fill('Science daily');
    await E.page.getByLabel('Sender name').fill('The Science Desk');
    await E.page.getByLabel("A section's new articles, daily").check();
    await E.page.getByLabel('Section', { exact: true }).selectOption({ label: 'Science' });
    await E.page.getByLabel(/^Hour an automatic edition goes out/).fill('7');
    await Promise.all([
      E.page.waitForURL(/\/admin\/newsletters\/\d+$/),
      E.page.getByRole('button', { name: 'Add newsletter' }).click(),
    ]);
    const newsletterUrl = E.page.url();

    // A member subscribes, signed in with a verified address: no confirmation needed.
    const M = await newPage();
    const member = await signUp(M.page, timed.baseUrl, 'Early Reader');
    await M.page.goto(`${timed.baseUrl}/newsletters`);
    await M.page.getByRole('button', { name: 'Subscribe to Science daily' }).click();
    await M.page.getByRole('status').filter({ hasText: 'You are subscribed.' }).waitFor();

    // Published a second before the hour (after the newsletter was made: the setup has to have
    // fitted into the clock's head start, checked here so a slow run fails plainly).
    const elapsed = Date.now() - started;
    assert.ok(elapsed < HEAD_START_MS - 2_000, `setup took ${elapsed} ms; the server's clock has passed 06:59:58 (it started at 06:59:20)`);
    const file = path.join(timed.dataDir, 'comet.md');
    await writeFile(file, [
      '---',
      'title: "Comet brightens over the northern sky"',
      'slug: comet-brightens',
      'section: Science',
      'author: Ada Night',
      'published_at: 2026-03-02T06:59:59Z',
      '---',
      'Look north-east an hour before dawn.',
      '',
    ].join('\n'));
    await timed.cli(['import', file]);

    // At 07:00 by the server's clock the edition is made and mailed (the worker looks every
    // second); the wait covers the rest of the head start.
    const mail = await mailToIn(
      timed.dataDir,
      member.email,
      (m) => m.headers.subject === 'Science daily: 2 March 2026',
      HEAD_START_MS + 10_000,
    );
    assert.match(mail.body, /Comet brightens over the northern sky/);
    assert.match(mail.body, /\/articles\/comet-brightens/);
    assert.match(mail.headers.from, /The Science Desk/);

    // The editor's list of editions shows it sent (the recording follows the delivery).
    await E.page.goto(newsletterUrl);
    const sent = E.page.getByRole('listitem').filter({ hasText: 'Science daily: 2 March 2026: sent, 1 recipient' });
    for (let tries = 0; (await sent.count()) === 0; tries++) {
      assert.ok(tries < 50, await E.page.getByRole('region', { name: 'Editions' }).innerText());
      await new Promise((r) => setTimeout(r, 200));
      await E.page.reload();
    }

    for (const p of [E, M]) {
      assertNoProblems(p.problems);
      await p.context.close();
    }
  } finally {
    await timed.stop();
  }
});
