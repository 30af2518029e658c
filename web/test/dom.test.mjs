// Unit tests of the UI's DOM helpers that guard against stored markup and
// unsafe links (the browser tests cover the rest).
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.window = { location: { href: 'http://127.0.0.1:8080/' } };
const { safeURL } = await import('../src/dom.js');
globalThis.document = {};
const { locate } = await import('../src/ingest.js');

test('safeURL keeps http(s) addresses only', () => {
  for (const [u, want] of [
    ['https://tass.com/politics/1868051', 'https://tass.com/politics/1868051'],
    ['http://example.org/a?b=1', 'http://example.org/a?b=1'],
    ['javascript:alert(1)', null],
    [' JavaScript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox(1)', null],
    ['', null],
    [null, null],
  ]) assert.equal(safeURL(u), want, String(u));
});

test('locate finds a normalised sentence in the text that was sent', () => {
  const text = 'Intro.\n\n“Quoted” — North Korea shipped shells to Russia, officials said <script>x()</script>.\n\nNext.';
  const [a, b] = locate(text, '"Quoted" - North Korea shipped shells to Russia, officials said x().');
  assert.ok(a > 0 && b > a, `not found: ${a} ${b}`);
  assert.match(text.slice(a, b), /^“Quoted” — North Korea[\s\S]*<\/script>\.$/);
  assert.deepEqual(locate(text, 'Nothing like this here.'), [-1, -1]);
  const [c, d] = locate(text, 'Next.');
  assert.equal(text.slice(c, d), 'Next.');
});
