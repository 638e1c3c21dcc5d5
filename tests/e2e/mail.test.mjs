// Browser test of the site's mail, read from the outbox folder the server writes when no SMTP
// relay is configured: a member signs up with the link the site mails (which confirms the
// address), turns on reply notifications, is told by mail when another member answers, and unsubscribes with the mail's
// link in a browser that is not signed in; another reader signs in with an e-mailed link.
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
let paths;

before(async () => {
  server = await startServer(['--comments-per-minute', '1000', '--signups-per-hour', '1000']);
  browser = await launchBrowser();
  const context = await browser.newContext();
  paths = await articlePaths(await context.newPage(), server.baseUrl);
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

// Waits until this server's outbox holds a mail to `to` for which `match` is true.
const mailTo = (to, match, timeout) => mailToIn(server.dataDir, to, match, timeout);

test('a confirmed member is told of a reply by mail and unsubscribes in one click', async () => {
  const A = await newPage();
  const ada = await signUp(A.page, server.baseUrl, 'Ada Mailer');

  // Signing up through the mailed link confirmed the address.
  await A.page.goto(`${server.baseUrl}/settings`);
  await A.page.getByText('Your address is confirmed.').waitFor();

  // Replies by mail, one mail each.
  await A.page.goto(`${server.baseUrl}/settings`);
  await A.page.getByLabel('when someone replies to my comments').check();
  await A.page.getByLabel('one mail for each').check();
  await Promise.all([
    A.page.waitForURL((u) => u.pathname === '/settings' && u.searchParams.get('saved') === 'notifications'),
    A.page.getByRole('button', { name: 'Save e-mail settings' }).click(),
  ]);
  assert.equal(await A.page.getByLabel('when someone replies to my comments').isChecked(), true);

  const article = `${server.baseUrl}${paths[1]}`;
  await A.page.goto(article);
  const text = 'Does the new timetable start before the holidays?';
  await A.page.locator('#comments').getByLabel('Comment', { exact: true }).fill(text);
  await A.page.locator('#comments').getByRole('button', { name: 'Post comment' }).click();
  const mine = A.page.locator('#comments article.comment').filter({ hasText: text });
  await mine.waitFor();
  const id = await mine.getAttribute('data-comment-id');

  const B = await newPage();
  await signUp(B.page, server.baseUrl, 'Bo Replier');
  await B.page.goto(article);
  const answer = 'It starts the Monday after, according to the notice at the quay.';
  await B.page.locator(`#comment-${id}`).getByRole('link', { name: 'Reply' }).click();
  await B.page.locator('#comments').getByLabel('Comment', { exact: true }).fill(answer);
  await B.page.locator('#comment-form').getByRole('button', { name: 'Post comment' }).click();
  await B.page.locator('#comments article.comment').filter({ hasText: answer }).waitFor();

  const told = await mailTo(ada.email, (m) => m.body.includes(answer));
  assert.match(told.headers['list-unsubscribe-post'] || '', /^List-Unsubscribe=One-Click$/);
  const unsubscribe = (told.headers['list-unsubscribe'] || '').match(/<([^>]+)>/)?.[1];
  assert.ok(unsubscribe?.includes('/unsubscribe/'), `an unsubscribe address: ${told.headers['list-unsubscribe']}`);
  const toComment = linkIn(told.body, '#comment-');
  assert.ok(toComment, 'the mail links the reply');
  await B.page.goto(toComment);
  await B.page.locator('#comments article.comment').filter({ hasText: answer }).waitFor();

  // Unsubscribing needs no session: a browser that never signed in does it.
  const C = await newPage();
  await C.page.goto(unsubscribe);
  await C.page.getByRole('button', { name: 'Unsubscribe' }).click();
  await C.page.getByRole('status').filter({ hasText: 'you will no longer get' }).waitFor();
  await A.page.goto(`${server.baseUrl}/settings`);
  assert.equal(await A.page.getByLabel('when someone replies to my comments').isChecked(), false);

  for (const p of [A, B, C]) {
    assertNoProblems(p.problems);
    await p.context.close();
  }
});

test('a reader signs in with a link sent by mail', async () => {
  const A = await newPage();
  const member = await signUp(A.page, server.baseUrl, 'Lin Linkwood');
  await A.context.close();

  const B = await newPage();
  await B.page.goto(`${server.baseUrl}/signin`);
  await B.page.getByRole('link', { name: 'Email me a sign-in link instead' }).click();
  await B.page.getByLabel('Email').fill(member.email);
  await B.page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  // The answer page first: the mail may be written before it arrives, and leaving for the link
  // too early would abort it.
  await B.page.getByRole('status').filter({ hasText: 'a sign-in link is on its way' }).waitFor();
  const mail = await mailTo(member.email, (m) => m.headers.subject === 'Your sign-in link');
  const link = linkIn(mail.body, '/signin/link/');
  assert.ok(link, 'the mail carries the link');
  await B.page.goto(link);
  await Promise.all([
    B.page.waitForURL((u) => !u.pathname.startsWith('/signin')),
    B.page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await B.page.getByRole('banner').locator('.account-name').filter({ hasText: member.name }).waitFor();
  assertNoProblems(B.problems);
  await B.context.close();
});
