// Builds the UI into dist/: one bundled script, the page and the styles.
// dist/fallback.html (committed) is kept; everything else is rewritten.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dist = 'dist';
mkdirSync(dist, { recursive: true });
for (const f of readdirSync(dist)) {
  if (f !== 'fallback.html') rmSync(join(dist, f), { recursive: true, force: true });
}
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outfile: join(dist, 'assets', 'app.js'),
  legalComments: 'linked',
  logLevel: 'info',
});
cpSync('src/index.html', join(dist, 'index.html'));
cpSync('src/style.css', join(dist, 'assets', 'style.css'));
console.log('built dist/: index.html, assets/app.js, assets/style.css');
