// Every main page is valid HTML, as the Nu Html Checker (vnu, the W3C validator's engine) reads
// it: the public pages signed out and signed in, and the staff pages (newsroom, moderation desk,
// settings, administration). The server runs with the demo content; a member and an administrator
// are made from the command line and sign in through /signin; a comment, a reply and a report give
// the conversation and the desk something to show. The pages are saved and checked in one run of
// `java -jar vnu.jar --errors-only`; any error fails the test, with vnu's messages. The same pages,
// opened in Chromium with the same cookies, must have no serious or critical axe-core violation.
//
//   cd tests/e2e && npm ci && node --test validity.test.mjs   (needs Java: default-jre-headless)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, axeViolations } from './helpers.mjs';
import { publishEveryBlock } from './story-fixture.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const VNU = path.join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
const JAVA = process.env.JAVA || 'java';
const PASSWORD = 'correct horse battery staple';

let server;
let out;

before(async () => {
  // Embed thumbnails from a closed loopback port: saving a story does not wait on the internet.
  server = await startServer(['--comments-per-minute', '1000'], { BROADSHEET_DEBUG_EMBED_THUMBNAIL_BASE: 'http://127.0.0.1:9' });
  out = await mkdtemp(path.join(tmpdir(), 'broadsheet-vnu-'));
});

after(async () => {
  if (server) await server.stop();
  if (out) await rm(out, { recursive: true, force: true });
});

/** A client with its own cookies, speaking to the server as a browser would (no redirects followed). */
function client() {
  const cookies = new Map();
  const request = async (pathname, { method = 'GET', form } = {}) => {
    const headers = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const res = await fetch(`${server.baseUrl}${pathname}`, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  };
  const csrf = (html) => {
    const m = html.match(/name="csrf" value="([^"]+)"/);
    assert.ok(m, 'the page has a CSRF field');
    return m[1];
  };
  return {
    request,
    csrf,
    /** The cookies as Playwright takes them, so a browser can be this client. */
    cookies: () => [...cookies].map(([name, value]) => ({ name, value, url: server.baseUrl })),
    async page(pathname, status = 200) {
      const res = await request(pathname);
      const text = await res.text();
      assert.equal(res.status, status, `GET ${pathname}`);
      return text;
    },
    /** Posts a form with the CSRF token of `from` (a page with the form). */
    async post(from, pathname, fields) {
      const res = await request(pathname, { method: 'POST', form: { csrf: csrf(from), ...fields } });
      return res;
    },
  };
}

async function account(email, role) {
  process.env.BROADSHEET_PASSWORD = PASSWORD;
  await server.cli(['user', 'create', '--email', email, '--role', role, '--display-name', `${role} ${email.split('@')[0]}`]);
  const c = client();
  const form = await c.page('/signin');
  const res = await c.post(form, '/signin', { email, password: PASSWORD, return_to: '/' });
  assert.equal(res.status, 303, `sign-in of ${email}: ${await res.text()}`);
  return c;
}

/** Opens each page in Chromium as its client (the same cookies) and lists axe's serious and critical violations. */
async function axeOver(pages) {
  const browser = await launchBrowser();
  const problems = [];
  try {
    const contexts = new Map();
    for (const [who, c, p] of pages) {
      if (!contexts.has(who)) {
        const context = await browser.newContext();
        await context.addCookies(c.cookies());
        contexts.set(who, await context.newPage());
      }
      const page = contexts.get(who);
      await page.goto(`${server.baseUrl}${p}`);
      for (const v of await axeViolations(page, ['serious', 'critical'])) problems.push(`${who} ${p}: ${v}`);
    }
  } finally {
    await browser.close();
  }
  return problems;
}

function vnu(files) {
  return new Promise((resolve) => {
    execFile(JAVA, ['-jar', VNU, '--errors-only', '--format', 'text', ...files], { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, output: `${stdout}${stderr}`, spawnError: error && typeof error.code === 'string' ? error : null });
    });
  });
}

test('the main public and staff pages are valid HTML', { timeout: 240_000 }, async () => {
  const reader = client();
  const member = await account('member@example.org', 'member');
  const admin = await account('admin@example.org', 'admin');
  const moderator = await account('moderator@example.org', 'moderator');

  // Where the demo content lives: an article, its section, tag and author.
  const front = await reader.page('/');
  const firstHref = (re) => {
    const m = front.match(re) || '';
    return m[1];
  };
  const articlePath = firstHref(/href="(\/articles\/[^"#?]+)"/);
  const sectionPath = firstHref(/href="(\/sections\/[^"#?]+)"/);
  assert.ok(articlePath && sectionPath, 'the front page links an article and a section');
  const articlePage = await reader.page(articlePath);
  const tagPath = (articlePage.match(/href="(\/tags\/[^"#?]+)"/) || [])[1];
  const authorPath = (articlePage.match(/href="(\/authors\/[^"#?]+)"/) || [])[1];

  // A conversation: the administrator's comment (with a link, and one the sanitiser takes
  // apart), the member's reply, and a report for the desk.
  let page = await admin.page(articlePath);
  let res = await admin.post(page, `${articlePath}/comments`, {
    body: 'A *first* thought, see [the report](https://example.org/r) and [this](javascript:alert(1)).',
  });
  assert.equal(res.status, 303, await res.text());
  const commentId = res.headers.get('location').split('#comment-')[1];
  page = await member.page(articlePath);
  res = await member.post(page, `${articlePath}/comments`, { body: 'Thanks, noted.', parent_id: commentId });
  assert.equal(res.status, 303, await res.text());
  const replyId = res.headers.get('location').split('#comment-')[1];
  page = await admin.page(`/comments/${replyId}/report`);
  res = await admin.post(page, `/comments/${replyId}/report`, { reason: 'other', note: 'Checking the desk.' });
  assert.equal(res.status, 200, 'report taken');
  const memberId = (await member.page(articlePath)).match(/href="\/members\/(\d+)"/)[1];
  // The member mutes the administrator: their article page folds that comment (checked below)
  // and their settings list the mute.
  page = await member.page(articlePath);
  res = await member.post(page, '/comments/actions', { mute: commentId });
  assert.equal(res.status, 303, await res.text());
  assert.match(await member.page(articlePath), /class="muted-comment"/);
  const newsroom = await admin.page('/admin/articles');
  const editorPath = (newsroom.match(/href="(\/admin\/articles\/\d+)"/) || [])[1];
  // An autosaved draft of it, so its editor page below also offers to restore it.
  if (editorPath) {
    page = await admin.page(editorPath);
    const revision = page.match(/name="revision" value="(\d+)"/)[1];
    res = await admin.post(page, `${editorPath}/autosave`, { revision, title: 'Autosaved headline', body: 'Autosaved text.' });
    assert.equal(res.status, 200, await res.text());
  }

  // Live coverage on the newsroom's first article: opened, a key event with an image and an
  // ordinary update published, and a draft waiting on the desk.
  const deskPath = editorPath && `${editorPath}/live`;
  let livePath;
  if (deskPath) {
    page = await admin.page(deskPath);
    res = await admin.post(page, deskPath, { action: 'open' });
    assert.equal(res.status, 303, await res.text());
    page = await admin.page(deskPath);
    for (const [body, action, extra] of [
      ['Polls **close** across the country.', 'publish', { key_event: 'on', image_url: '/static/icon.svg', image_alt: 'The site icon' }],
      ['Counting *begins*.', 'publish', {}],
      ['A draft for later.', 'draft', {}],
    ]) {
      res = await admin.post(page, `${deskPath}/updates`, { body, action, ...extra });
      assert.equal(res.status, 303, await res.text());
    }
    livePath = ((await admin.page(deskPath)).match(/href="(\/articles\/[^"#?]+)"/) || [])[1];
  }
  assert.ok(livePath, 'the desk links the live article');
  assert.match(await reader.page(livePath), /class="live-update key-event"/);

  // Ask the newsroom: the member asks three questions; one is approved and answered (quoted in
  // the stream), one approved and waiting on the live desk, one held on the questions desk.
  const askPath = `${livePath}/ask`;
  const questionIds = [];
  for (const body of ['Is the count on time?', 'Where are results posted?', 'Who counts the votes?']) {
    res = await member.post(await member.page(askPath), askPath, { body, notify: 'on' });
    assert.equal(res.status, 303, await res.text());
  }
  page = await admin.page('/admin/moderation/questions');
  for (const m of page.matchAll(/name="ids" value="(\d+)"/g)) questionIds.push(m[1]);
  assert.equal(questionIds.length, 3, 'three questions held');
  for (const id of questionIds.slice(0, 2)) {
    res = await admin.post(page, '/admin/moderation/questions/decide', { one: `approve:${id}`, status: 'held' });
    assert.equal(res.status, 303, await res.text());
  }
  page = await admin.page(deskPath);
  res = await admin.post(page, `/admin/live-questions/${questionIds[0]}/answer`, { body: 'Yes, *on time*.', action: 'publish' });
  assert.equal(res.status, 303, await res.text());
  assert.match(await reader.page(livePath), /class="live-question"/);
  // A newsletter with an edition sent (its web version) and a draft.
  page = await admin.page('/admin/newsletters');
  res = await admin.post(page, '/admin/newsletters', { name: 'The Morning Briefing', description: 'What matters this morning.', sender_name: 'The Morning Desk', source: 'picked', hour: '7' });
  assert.equal(res.status, 303, await res.text());
  const newsletterPath = res.headers.get('location');
  page = await admin.page(newsletterPath);
  const newsletterId = newsletterPath.split('/').pop();
  res = await admin.post(page, `${newsletterPath}/editions`, { subject: 'Good morning', intro: 'Here is the day.', articles: articlePath.replace('/articles/', '') });
  assert.equal(res.status, 303, await res.text());
  const editionPath = res.headers.get('location');
  page = await admin.page(editionPath);
  res = await admin.post(page, `${editionPath}/send`, {});
  assert.equal(res.status, 303, await res.text());
  const webEditionPath = `/newsletters/editions/${editionPath.split('/').pop()}`;
  page = await member.page('/newsletters');
  res = await member.post(page, '/newsletters/subscribe', { newsletter: newsletterId });
  assert.equal(res.status, 303, await res.text());

  // A translation: the newsroom's second article marked as the German version of the live
  // one, so both pages carry a "Read in" switcher and hreflang alternates.
  const editorPaths = [...new Set([...newsroom.matchAll(/href="(\/admin\/articles\/\d+)"/g)].map((m) => m[1]))];
  const translationEditor = editorPaths.find((p) => p !== editorPath);
  page = await admin.page(translationEditor);
  res = await admin.post(page, `${translationEditor}/language`, { lang: 'de', translation_of: livePath });
  assert.equal(res.status, 303, await res.text());
  const translatedPath = ((await reader.page(livePath)).match(/href="(\/articles\/[^"]+)" hreflang="de"/) || [])[1];
  assert.ok(translatedPath, 'the live article links its German translation');

  // A site that embeds the conversation, and its framed thread (signed out and signed in).
  const added = await server.cli(['site', 'add', 'Validity host', '--origin', 'http://localhost:9']);
  const siteId = added.match(/^id: (\d+)$/m)[1];
  const framePath = `/embed/thread?site=${siteId}&page=${encodeURIComponent('http://localhost:9/post')}&title=A+post`;
  // Its first load makes the thread; the site's threads list it, and it has a desk view.
  await reader.page(framePath);
  const threadsPath = `/admin/sites/${siteId}/threads`;
  const threadPath = (await admin.page(threadsPath)).match(/href="(\/admin\/threads\/\d+)"/)[1];

  // A story that uses every block (pictures, a gallery, an embed, call-outs), and its preview.
  const adminCookie = admin.cookies().map((c) => `${c.name}=${c.value}`).join('; ');
  const blocks = await publishEveryBlock(server.baseUrl, adminCookie, articlePath.replace('/articles/', ''));

  const pages = [
    ['reader', reader, blocks.path],
    ['member', member, blocks.path],
    ['reader', reader, framePath],
    ['member', member, framePath],
    ['member', member, `/embed/signin?site=${siteId}`],
    ['admin', admin, '/admin/sites'],
    ['admin', admin, threadsPath],
    ['admin', admin, threadPath],
    ['reader', reader, '/newsletters'],
    ['reader', reader, webEditionPath],
    ['reader', reader, '/newsletters/confirm/not-a-token', 410],
    ['reader', reader, '/newsletters/unsubscribe/not-a-token', 404],
    ['member', member, '/newsletters'],
    ['admin', admin, '/admin/newsletters'],
    ['admin', admin, newsletterPath],
    ['admin', admin, editionPath],
    ['admin', admin, `${editionPath}/preview`],
    ['reader', reader, '/'],
    ['reader', reader, livePath],
    ['reader', reader, translatedPath],
    ['admin', admin, translationEditor],
    ['reader', reader, livePath && `${livePath}/updates`],
    ['admin', admin, deskPath],
    ['reader', reader, livePath && `${livePath}/ask`],
    ['member', member, livePath && `${livePath}/ask`],
    ['member', member, livePath && `${livePath}/ask?sent=1`],
    ['admin', admin, '/admin/moderation/questions'],
    ['reader', reader, articlePath],
    ['reader', reader, sectionPath],
    ['reader', reader, tagPath],
    ['reader', reader, authorPath],
    ['reader', reader, '/search?q=the'],
    ['reader', reader, `/members/${memberId}`],
    ['reader', reader, '/signin'],
    ['reader', reader, '/signup'],
    ['reader', reader, '/reset'],
    ['reader', reader, '/signin/link'],
    ['reader', reader, '/no-such-page', 404],
    ['member', member, '/'],
    ['member', member, articlePath],
    ['member', member, `${articlePath}?reply=${commentId}`],
    ['member', member, `/comments/${replyId}/edit`],
    ['member', member, `/comments/${commentId}/report`],
    // The same form under /embed, where a member signed in inside the frame reaches it.
    ['member', member, `/embed/comments/${commentId}/report`],
    // The edit form under /embed, in the frame's own layout.
    ['member', member, `/embed/comments/${replyId}/edit`],
    ['member', member, '/settings'],
    ['member', member, '/settings/tokens'],
    ['member', member, '/settings/mutes'],
    ['admin', admin, articlePath],
    ['admin', admin, '/admin/articles'],
    ['admin', admin, '/admin/articles/new'],
    ['admin', admin, editorPath],
    ['admin', admin, editorPath && `${editorPath}?autosave=restore`],
    ['admin', admin, editorPath && `${editorPath}/revisions`],
    ['admin', admin, editorPath && `${editorPath}/preview`],
    ['admin', admin, editorPath && `${editorPath}/preview/widths`],
    ['admin', admin, editorPath && `${editorPath}/preview/widths?width=desktop`],
    ['admin', admin, '/admin/media'],
    ['admin', admin, '/admin/sections'],
    ['admin', admin, '/admin/authors'],
    ['admin', admin, '/admin/tags'],
    ['admin', admin, '/admin/moderation'],
    ['admin', admin, '/admin/moderation?queue=reported'],
    ['admin', admin, '/admin/moderation?queue=flagged'],
    ['admin', admin, '/admin/moderation/settings'],
    ['admin', admin, '/admin/moderation/log'],
    ['admin', admin, '/admin/users'],
    ['admin', admin, '/admin/webhooks'],
    ['admin', admin, '/admin'],
    ['moderator', moderator, '/admin'],
  ].filter(([, , p]) => p);
  assert.ok(pages.length >= 30, `pages to check: ${pages.length}`);
  const files = [];
  for (const [who, c, p, status] of pages) {
    const html = await c.page(p, status ?? 200);
    const file = path.join(out, `${String(files.length).padStart(2, '0')}-${who}${p.replace(/[^a-z0-9]+/gi, '-')}.html`);
    await writeFile(file, html);
    files.push(file);
  }
  const axeProblems = await axeOver(pages);
  assert.deepEqual(axeProblems, [], `axe found serious or critical problems:\n${axeProblems.join('\n')}`);
  const result = await vnu(files);
  assert.equal(result.spawnError, null, `cannot run ${JAVA} (install Java, e.g. Debian's default-jre-headless): ${result.spawnError?.message}`);
  assert.equal(result.code, 0, `the Nu Html Checker found errors:\n${result.output}`);
});
