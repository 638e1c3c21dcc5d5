// Builds static/editor.js and static/editor.css from src/ (run: npm ci && npm run build).
// The output is committed, so building the site needs no npm; CI checks it is reproducible.
import { build } from 'esbuild';

const common = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  target: ['es2022'],
};
const banner = '/* Broadsheet newsroom editor: built from editor/ by `npm run build`. Bundles ProseMirror and markdown-it (MIT licensed; see editor/package-lock.json). */';

await build({
  ...common,
  entryPoints: ['src/main.js'],
  alias: { entities: './src/shims/entities.js', 'linkify-it': './src/shims/linkify.js' },
  outfile: '../static/editor.js',
  format: 'iife',
  banner: { js: banner },
});
await build({
  ...common,
  entryPoints: ['src/editor.css'],
  outfile: '../static/editor.css',
  banner: { css: banner },
});
