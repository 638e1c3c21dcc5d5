// The editor's Markdown form: every block of BLOCKS.md reads into the editor and writes back
// byte for byte, and what the editor cannot show stays as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkdown, toMarkdown, schema } from '../src/markdown.js';
import { parseDirectiveLine, formatDirective } from '../src/directives.js';

const roundTrip = (md) => toMarkdown(parseMarkdown(md));
const types = (md) => {
  const out = [];
  parseMarkdown(md).forEach((n) => out.push(n.type.name));
  return out;
};

const BLOCKS = {
  image: '::image[A red bus on the bridge]{media=42 layout=wide caption="Rush hour, 8 a.m." credit="Photo: A. Photographer"}',
  'image, defaults': '::image[Alt text]{media=7}',
  'image, escapes': '::image[A [bracketed\\] \\\\ alt]{media=3 caption="She said \\"no\\""}',
  gallery: ':::gallery{layout=wide}\n::image[One]{media=1}\n::image[Two]{media=2 caption="Second"}\n:::',
  embed: '::embed[Our interview]{url="https://www.youtube.com/watch?v=abc123"}',
  'embed without a title': '::embed{url="https://vimeo.com/12345"}',
  readmore: '::readmore{article=some-article-slug}',
  pullquote: ':::pullquote{cite="The mayor"}\nWe will build it, and they will come.\n:::',
  factbox: ':::factbox[Key facts]\n- Founded in 1901\n- 12,000 members\n:::',
  'note, editor': ':::note{kind=editor}\nThis story was *updated* at noon.\n:::',
  'note, correction': ':::note{kind=correction}\nAn earlier version gave the wrong date.\n:::',
  'note, update': ':::note{kind=update}\nThe council voted on Tuesday.\n:::',
};

for (const [name, md] of Object.entries(BLOCKS)) {
  test(`round-trip: ${name}`, () => {
    assert.equal(roundTrip(md), md);
    assert.notEqual(types(md)[0], 'markdown', 'read as a block, not kept as source');
    assert.notEqual(types(md)[0], 'paragraph');
  });
}

test('round-trip: a whole story with every block and the usual Markdown', () => {
  const md = [
    '## A heading', 'Text with *emphasis*, **strength**, ~~a strike~~ and [a link](https://example.com/a).',
    '- one\n- two', '1. first\n2. second', '> A quotation.', ...Object.values(BLOCKS), '### The end', 'Last words.',
  ].join('\n\n');
  assert.equal(roundTrip(md), md);
  assert.equal(roundTrip(roundTrip(md)), md);
});

test('blocks read into the nodes the toolbar inserts, with their attributes', () => {
  const doc = parseMarkdown(`${BLOCKS.image}\n\n${BLOCKS.gallery}\n\n${BLOCKS.embed}`);
  const [img, gallery, embed] = doc.content.content;
  assert.deepEqual({ ...img.attrs }, {
    media: '42', alt: 'A red bus on the bridge', layout: 'wide', caption: 'Rush hour, 8 a.m.', credit: 'Photo: A. Photographer',
  });
  assert.equal(gallery.type.name, 'gallery');
  assert.equal(gallery.childCount, 2);
  assert.equal(gallery.child(1).attrs.caption, 'Second');
  assert.equal(embed.attrs.url, 'https://www.youtube.com/watch?v=abc123');
  assert.equal(embed.attrs.title, 'Our interview');
});

test('blocks made in the editor are written in the stored form', () => {
  const { nodes: N } = schema;
  const doc = N.doc.create(null, [
    N.image_block.create({ media: '5', alt: 'Harbour at dawn', caption: 'Early', layout: null }),
    N.gallery.create({ layout: 'full' }, [N.image_block.create({ media: '1', alt: 'A' }), N.image_block.create({ media: '2', alt: 'B' })]),
    N.embed.create({ url: 'https://www.youtube.com/watch?v=xyz', title: null }),
    N.pullquote.create({ cite: 'Ann Smith' }, N.paragraph.create(null, schema.text('Quote'))),
    N.factbox.create({ title: 'Facts' }, N.paragraph.create(null, schema.text('Fact'))),
    N.readmore.create({ article: 'other-story' }),
    N.note.create({ kind: 'correction' }, N.paragraph.create(null, schema.text('Fixed'))),
  ]);
  assert.equal(toMarkdown(doc), [
    '::image[Harbour at dawn]{media=5 caption="Early"}',
    ':::gallery{layout=full}\n::image[A]{media=1}\n::image[B]{media=2}\n:::',
    '::embed{url="https://www.youtube.com/watch?v=xyz"}',
    ':::pullquote{cite="Ann Smith"}\nQuote\n:::',
    ':::factbox[Facts]\nFact\n:::',
    '::readmore{article=other-story}',
    ':::note{kind=correction}\nFixed\n:::',
  ].join('\n\n'));
});

test('what the editor cannot show is kept verbatim', () => {
  const kept = [
    '| a | b |\n| - | - |\n| 1 | 2 |',
    'A claim.[^1]',
    '[^1]: The source.',
    '<div class="x">raw html</div>',
    '![an image](/media/x.jpg)',
    'Caf&eacute; society',
    '[ref]: https://example.com',
  ];
  for (const md of kept) {
    const both = `Before.\n\n${md}\n\nAfter.`;
    assert.equal(roundTrip(both), both, md);
    assert.deepEqual(types(both), ['paragraph', 'markdown', 'paragraph'], md);
  }
});

test('unknown directives stay text, and do not become blocks', () => {
  assert.equal(parseDirectiveLine('::video[x]{a=1}'), null);
  assert.equal(parseDirectiveLine(':::image[x]{a=1}'), null, 'image is a leaf, not a container');
  assert.equal(parseDirectiveLine('::image[unclosed{media=1}'), null);
  assert.deepEqual(types('::video[x]{a=1}'), ['paragraph']);
});

test('directive lines: attributes quoted only when they must be', () => {
  assert.equal(formatDirective(2, 'image', 'x', [['media', '1'], ['caption', 'two words'], ['credit', '']]),
    '::image[x]{media=1 caption="two words"}');
  assert.deepEqual(parseDirectiveLine('::embed{url="https://a.example/?q=\\"x\\""}').attrs,
    { url: 'https://a.example/?q="x"' });
});

test('an empty body is one empty paragraph, written as nothing', () => {
  assert.equal(roundTrip(''), '');
});
