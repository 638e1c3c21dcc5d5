// A story that uses every block, for the browser tests: images made here (PNG, written out
// with node's zlib), uploaded to the media library through its form, and an article written
// and published through the newsroom's forms, as a signed-in editor's cookies allow.

import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** An opaque RGB PNG, `w` × `h`, a gradient tinted by `tint` (so each one is a new image). */
export function png(w, h, tint) {
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    for (let x = 0; x < w; x++) {
      rows[row + 1 + x * 3] = (x * 255 / w) | 0;
      rows[row + 2 + x * 3] = (y * 255 / h) | 0;
      rows[row + 3 + x * 3] = tint;
    }
  }
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const VIDEO = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

/** A body using every block: library images `a` and `b`, a read-more card to `readMore`. */
export function everyBlock(a, b, readMore) {
  return [
    'The harbour reopened this morning after a week of repairs.',
    '',
    `::image[Cranes over the harbour at dawn]{media=${a} layout=wide caption="The east quay" credit="Test Desk"}`,
    'Work went on through the night.',
    '',
    ':::gallery{layout=full}',
    `::image[The east quay from the water]{media=${a}}`,
    `::image[The west quay at low tide]{media=${b} caption="Low tide"}`,
    ':::',
    `::embed[The harbour master explains]{url="${VIDEO}"}`,
    `::readmore{article=${readMore}}`,
    ':::pullquote{cite="The harbour master"}',
    'We will be *busier* than before.',
    ':::',
    ':::factbox[The harbour in numbers]',
    '- 14 cranes',
    '- 3 quays',
    ':::',
    ':::note{kind=correction}',
    'An earlier version gave the wrong number of cranes.',
    ':::',
    '',
    'Ships are expected from tomorrow.',
  ].join('\n');
}

/**
 * As the staff member whose cookie header is `cookie`: uploads two images and writes and
 * publishes a story using every block (linking `readMore`); its path.
 */
export async function publishEveryBlock(baseUrl, cookie, readMore) {
  const get = async (p) => {
    const res = await fetch(`${baseUrl}${p}`, { headers: { cookie } });
    assert.equal(res.status, 200, `GET ${p}`);
    return res.text();
  };
  const csrf = (html) => html.match(/name="csrf" value="([^"]+)"/)[1];
  const ids = [];
  for (const [tint, alt] of [[40, 'Cranes over the harbour at dawn'], [200, 'The west quay at low tide']]) {
    const form = new FormData();
    form.set('csrf', csrf(await get('/admin/media')));
    form.set('alt', alt);
    form.set('caption', 'Test Desk');
    form.set('file', new Blob([png(1000, 600, tint)], { type: 'image/png' }), 'harbour.png');
    const res = await fetch(`${baseUrl}/admin/media`, { method: 'POST', body: form, headers: { cookie }, redirect: 'manual' });
    assert.equal(res.status, 303, await res.text());
    const library = await get('/admin/media');
    ids.push(library.match(/::image\[[^\]]*\]\{media=(\d+)\}/)[1]);
  }
  const post = async (p, fields) => {
    const res = await fetch(`${baseUrl}${p}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: csrf(await get(p === '/admin/articles/new' ? p : '/admin/articles')), ...fields }),
      redirect: 'manual',
    });
    assert.equal(res.status, 303, await res.text());
    return res.headers.get('location');
  };
  const editor = await get('/admin/articles/new');
  const section = editor.match(/<option value="([^"]+)"/)[1];
  const title = `The harbour reopens ${Date.now()}`;
  const saved = await post('/admin/articles/new', {
    title, slug: '', summary: 'Every kind of block in one story.', section,
    authors: 'Test Desk', tags: 'harbour', body: everyBlock(ids[0], ids[1], readMore),
    image_url: '', image_alt: '', image_caption: '', action: 'save',
  });
  const id = saved.match(/\/admin\/articles\/(\d+)/)[1];
  await post(`/admin/articles/${id}/workflow`, { action: 'publish' });
  const edit = await get(`/admin/articles/${id}`);
  const slug = edit.match(/name="slug"[^>]*value="([^"]+)"/)[1];
  return { path: `/articles/${slug}`, ids };
}
