// "Ask the newsroom" in a browser: a signed-in reader asks a question on a live article through
// the ask page's form and goes back to the coverage; a moderator approves it on the questions
// desk; an editor (a plain HTTP client) answers it from the live desk; the reader's open page
// receives the answer, quoting the question with the reader's name, at once. A second reader
// without JavaScript asks and, after the answer, finds it on reload.
//
//   cd tests/e2e && node --test live-questions.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watch, assertNoProblems } from './helpers.mjs';

const PASSWORD = 'correct horse battery staple';
let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
});

/** An HTTP client with its own cookies that posts forms with the CSRF token of a page. */
function client() {
  const cookies = new Map();
  const request = async (pathname, form) => {
    const headers = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const res = await fetch(`${server.baseUrl}${pathname}`, {
      method: form ? 'POST' : 'GET', headers, body, redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  };
  const csrf = (html) => html.match(/name="csrf" value="([^"]+)"/)[1];
  return {
    async page(pathname) {
      const res = await request(pathname);
      assert.equal(res.status, 200, `GET ${pathname}`);
      return res.text();
    },
    async post(from, pathname, fields) {
      const res = await request(pathname, { csrf: csrf(from), ...fields });
      assert.equal(res.status, 303, `POST ${pathname}: ${await res.text()}`);
    },
  };
}

async function account(email, role, name) {
  process.env.BROADSHEET_PASSWORD = PASSWORD;
  await server.cli(['user', 'create', '--email', email, '--role', role, '--display-name', name]);
}

/** A browser context signed in as `email`, with JavaScript on or off. */
async function signedIn(email, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/signin'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  return { context, page };
}

/** Asks `text` from the article page: the link, the form, the thank-you. */
async function askFrom(page, articlePath, text) {
  await page.goto(`${server.baseUrl}${articlePath}`);
  await page.getByRole('link', { name: 'Ask a question' }).click();
  await page.getByLabel('Your question').fill(text);
  await page.getByLabel('Email me when my question is answered').check();
  await page.getByRole('button', { name: 'Send question' }).click();
  await page.getByRole('status').filter({ hasText: 'your question is with the newsroom' }).waitFor();
}

test('a question is asked, approved, answered, and the answer reaches the open page', { timeout: 90_000 }, async () => {
  await account('editor@example.org', 'editor', 'Eda Editor');
  await account('moderator@example.org', 'moderator', 'Mo Moderator');
  await account('reader@example.org', 'member', 'Rae Reader');
  await account('quiet@example.org', 'member', 'Quinn Quiet');
  const editor = client();
  await editor.post(await editor.page('/signin'), '/signin', { email: 'editor@example.org', password: PASSWORD, return_to: '/' });
  const newsroom = await editor.page('/admin/articles');
  const deskPath = `${newsroom.match(/href="(\/admin\/articles\/\d+)"/)[1]}/live`;
  let desk = await editor.page(deskPath);
  await editor.post(desk, deskPath, { action: 'open' });
  desk = await editor.page(deskPath);
  const articlePath = desk.match(/href="(\/articles\/[^"#?]+)"/)[1];

  // The reader asks, then goes back to the coverage and keeps it open.
  const reader = await signedIn('reader@example.org');
  const problems = watch(reader.page);
  await askFrom(reader.page, articlePath, 'Are the polling stations open late?');
  const stream = reader.page.waitForResponse((r) => new URL(r.url()).pathname === `${articlePath}/live`);
  await reader.page.getByRole('link', { name: 'Back to the live coverage' }).click();
  assert.equal((await stream).status(), 200);

  // Without JavaScript, the same form works for a second reader.
  const quiet = await signedIn('quiet@example.org', false);
  await askFrom(quiet.page, articlePath, 'Who counts the postal votes?');

  // The moderator approves both on the questions desk.
  const mod = await signedIn('moderator@example.org');
  await mod.page.goto(`${server.baseUrl}/admin/moderation`);
  await mod.page.getByRole('link', { name: "Readers' questions" }).click();
  for (const text of ['Are the polling stations open late?', 'Who counts the postal votes?']) {
    const item = mod.page.locator('.queue-item', { hasText: text });
    await Promise.all([
      mod.page.waitForURL(/message=/),
      item.getByRole('button', { name: 'Approve' }).click(),
    ]);
    await mod.page.getByRole('status').filter({ hasText: '1 question approved' }).waitFor();
  }
  assert.equal(await mod.page.locator('.queue-item').count(), 0);

  // The editor answers the first from the live desk; the reader's page shows it at once.
  desk = await editor.page(deskPath);
  const answerPath = (text) => {
    const block = desk.split('class="reader-question"').find((b) => b.includes(text));
    return block.match(/action="(\/admin\/live-questions\/\d+\/answer)"/)[1];
  };
  await editor.post(desk, answerPath('polling stations'), { body: 'Yes: until **ten** tonight.', action: 'publish' });
  const answer = reader.page.locator('#live-updates article.live-update', { hasText: 'until ten tonight' });
  await answer.waitFor();
  assert.equal(await answer.locator('.live-question blockquote').innerText(), 'Are the polling stations open late?');
  assert.equal(await answer.locator('.live-question-asker').innerText(), 'Rae Reader');
  assertNoProblems(problems, 'the live article');

  // The second answer: the reader without JavaScript finds it on reload.
  await editor.post(desk, answerPath('postal votes'), { body: 'Council staff, watched by observers.', action: 'publish' });
  await quiet.page.goto(`${server.baseUrl}${articlePath}`);
  const second = quiet.page.locator('#live-updates article.live-update', { hasText: 'watched by observers' });
  assert.equal(await second.locator('.live-question-asker').innerText(), 'Quinn Quiet');
  for (const c of [reader, quiet, mod]) await c.context.close();
});
