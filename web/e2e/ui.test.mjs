// Browser end-to-end tests: a real `axis serve` on a free loopback port
// with a fresh store (loaded with the baseline on first use) and a write
// token, driven by Debian's Chromium through playwright-core.
//
//   cd web && npm ci && npm run build && npm run e2e
//
// AXIS_BIN names a prebuilt axis binary (built with the UI embedded);
// without it the test builds one with `go build`. CHROMIUM overrides
// /usr/bin/chromium. Screenshots go to ../test-output/e2e/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const shots = join(repo, 'test-output', 'e2e');
const tmp = mkdtempSync(join(tmpdir(), 'axis-e2e-'));
const token = randomBytes(24).toString('base64url');
let server, browser, base, serverLog = '';

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

async function waitReady(url, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url + '/readyz');
      if (r.ok) return;
    } catch { /* not up yet */ }
    if (server.exitCode != null) throw new Error('axis serve exited early:\n' + serverLog);
    if (Date.now() > deadline) throw new Error('axis serve not ready after ' + ms + ' ms:\n' + serverLog);
    await new Promise((r) => setTimeout(r, 150));
  }
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  let bin = process.env.AXIS_BIN;
  if (!bin) {
    bin = join(tmp, 'axis');
    execFileSync('go', ['build', '-o', bin, './cmd/axis'], { cwd: repo, stdio: 'inherit' });
  }
  const tokenFile = join(tmp, 'token');
  writeFileSync(tokenFile, token + '\n', { mode: 0o600 });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(resolve(bin), ['serve', '--addr', `127.0.0.1:${port}`, '--db', join(tmp, 'axis.db'), '--token-file', tokenFile],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AXIS_DB: '' } });
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  await waitReady(base, 60000);
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  assert.ok(existsSync(executablePath), `${executablePath} is missing: apt-get install -y chromium`);
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode == null) {
    const exited = new Promise((r) => server.once('exit', (code, sig) => r({ code, sig })));
    server.kill('SIGTERM');
    const { code } = await exited;
    // A graceful shutdown exits 0 and says so.
    assert.equal(code, 0, 'axis serve did not stop cleanly on SIGTERM:\n' + serverLog);
    assert.match(serverLog, /stopped after/);
  }
  rmSync(tmp, { recursive: true, force: true });
});

// newPage opens a page that fails the test on any script error or dialog
// (an alert() from injected markup would be one).
async function newPage(t) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('dialog', async (d) => { problems.push('dialog: ' + d.message()); await d.dismiss(); });
  page.on('requestfailed', (r) => { if (!r.url().startsWith(base)) return; problems.push('request failed: ' + r.url()); });
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push('off-site request: ' + r.url()); });
  t.after(async () => { await ctx.close(); });
  return { page, problems };
}

async function openGraph(page) {
  await page.goto(base + '/');
  await page.waitForSelector('body[data-graph-ready="1"]', { timeout: 30000 });
}

test('the graph renders with the baseline actors', async (t) => {
  const { page, problems } = await newPage(t);
  const t0 = Date.now();
  await openGraph(page);
  const wall = Date.now() - t0;
  const paint = await page.evaluate(() => window.__axisFirstPaint);
  console.log(`first graph paint, cold: ${paint.sinceNavigation} ms after navigation start (${paint.ms} ms after the page script started; ${wall} ms wall clock to ready)`);
  await page.reload();
  await page.waitForSelector('body[data-graph-ready="1"]', { timeout: 30000 });
  const warm = await page.evaluate(() => window.__axisFirstPaint);
  console.log(`first graph paint, reload: ${warm.sinceNavigation} ms after navigation start (${warm.ms} ms after the page script started)`);
  const shown = await page.evaluate(() => window.__axis.cy.nodes().not('.hidden').map((n) => n.id()));
  for (const code of ['RUS', 'PRK', 'CHN', 'IRN', 'USA', 'UKR']) assert.ok(shown.includes(code), `${code} is not on the graph (${shown.length} nodes)`);
  assert.ok(shown.length >= 20, `only ${shown.length} actors drawn`);
  const edges = await page.evaluate(() => window.__axis.cy.edges().length);
  assert.ok(edges >= 50, `only ${edges} edges drawn`);
  // The canvas really has pixels on it.
  const box = await page.locator('#cy').boundingBox();
  assert.ok(box.width > 400 && box.height > 300, 'graph area too small');
  await page.screenshot({ path: join(shots, 'graph.png') });

  // The time slider replays history: at an early month fewer edges show.
  const before = await page.evaluate(() => window.__axis.cy.edges().not('.hidden').length);
  await page.locator('#time-slider').evaluate((el) => { el.value = '0'; el.dispatchEvent(new Event('input')); });
  const early = await page.evaluate(() => window.__axis.cy.edges().length);
  assert.ok(early < before, `slider at the first month still shows ${early} of ${before} edges`);
  assert.match(await page.locator('#month-label').textContent(), /as of \d{4}-\d{2}/);
  assert.deepEqual(problems, []);
});

test('clicking the RUS–PRK edge shows the 2024 treaty and its evidence', async (t) => {
  const { page, problems } = await newPage(t);
  await openGraph(page);
  // Where is a RUS–PRK edge on screen? Prefer the commitment edge.
  const pos = await page.evaluate(() => {
    const cy = window.__axis.cy;
    const es = cy.edges().filter((e) => [e.source().id(), e.target().id()].sort().join() === 'PRK,RUS');
    const e = es.filter((x) => x.data('family') === 'commitment').first().nonempty() ? es.filter((x) => x.data('family') === 'commitment').first() : es.first();
    cy.fit(e.connectedNodes(), 200);
    const p = e.renderedMidpoint();
    return { x: p.x, y: p.y, n: es.length };
  });
  assert.ok(pos.n > 0, 'no RUS–PRK edge on the graph');
  const box = await page.locator('#cy').boundingBox();
  await page.mouse.click(box.x + pos.x, box.y + pos.y);
  await page.waitForSelector('#panel .dyad-title', { timeout: 10000 });
  assert.match(await page.locator('#panel .dyad-title').textContent(), /^(RUS – PRK|PRK – RUS)$/);
  const treaty = page.locator('#panel section.relation', { hasText: 'defense pact' }).first();
  await treaty.waitFor({ timeout: 10000 });
  const quote = await treaty.locator('blockquote.sentence').first().textContent();
  assert.match(quote, /2024/, 'the treaty evidence does not mention 2024: ' + quote);
  assert.match(await treaty.textContent(), /Comprehensive Strategic Partnership/);
  const links = await treaty.locator('a.source').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(links.length > 0 && links.every((h) => /^https?:\/\//.test(h)), 'evidence without source links: ' + links);
  assert.ok(await treaty.locator('.badge').count() > 0, 'no status shown');
  // The ledger part: commitments and both directions.
  assert.match(await page.locator('#panel').textContent(), /Treaty on Comprehensive Strategic Partnership/);
  await page.screenshot({ path: join(shots, 'dyad-rus-prk.png') });
  assert.deepEqual(problems, []);
});

test('a scenario run shows a chart, and a sanctions run its cut', async (t) => {
  const { page, problems } = await newPage(t);
  await page.goto(base + '/scenario');
  await page.fill('#trigger', 'PRK attacks KOR');
  await page.fill('#trials', '5000');
  await page.click('#run-escalation');
  await page.waitForSelector('#join-chart .bar-row', { timeout: 30000 });
  const bars = await page.locator('#join-chart .bar-row').count();
  assert.ok(bars >= 1, 'no bars in the chart');
  const usa = await page.locator('#join-chart .bar-row[data-code="USA"]').count();
  assert.equal(usa, 1, 'USA (bound to KOR by the 1953 treaty) is not on the chart');
  assert.ok(await page.locator('ol.chains li').count() >= 1, 'no activation chains');
  // Sanctions: the cut shows on the supply graph.
  await page.selectOption('#sanction-kind', 'arms');
  await page.click('#run-sanctions');
  await page.waitForSelector('#cut-graph canvas', { timeout: 30000 });
  const summary = await page.locator('#sanctions-result .summary').textContent();
  assert.match(summary, /Minimum cut: [^.]*(PRK|IRN)/, summary);
  assert.match(summary, /PRK/, 'PRK is not among the suppliers: ' + summary);
  await page.locator('#sanctions-result button.link').first().click();
  await page.screenshot({ path: join(shots, 'scenario.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('an ingested <script> payload stays inert', async (t) => {
  const { page, problems } = await newPage(t);
  await page.goto(base + '/ingest');
  // Markup in the text (the coder drops tags from the sentences it keeps),
  // in the title (stored as given, shown as the evidence's source) and a
  // source address with markup in its query.
  const payload = 'North Korea shipped artillery shells to Russia in March 2025, officials said <script>window.__xss=1</script><img src=x onerror="window.__xss=2">.\n\n' +
    'Iran supplied drones to Russia <b onmouseover="window.__xss=3">in 2024</b>.';
  const title = 'Wire <script>window.__xss=4</script><img src=x onerror="window.__xss=5">';
  await page.fill('#ingest-text', payload);
  await page.fill('#ingest-title', title);
  await page.fill('#ingest-date', '2025-04-01');
  await page.fill('#ingest-source', 'https://example.org/wire?q="><script>window.__xss=6</script>');
  await page.click('#ingest-preview');
  await page.waitForSelector('#ingest-highlighted', { timeout: 15000 });
  assert.ok(await page.locator('#ingest-highlighted mark.coded').count() >= 2, 'coded sentences not highlighted');
  await page.fill('#ingest-token', token);
  await page.click('#ingest-save');
  await page.waitForFunction(() => /saved:/.test(document.getElementById('status').textContent), null, { timeout: 15000 });
  const shown = await page.locator('#ingest-highlighted').textContent();
  assert.ok(shown.includes('<script>window.__xss=1</script>'), 'the script tag is not shown as text');
  assert.ok(shown.includes('onerror="window.__xss=2"'), 'the onerror attribute is not shown as text');
  assert.equal(await page.locator('#ingest-highlighted script, #ingest-highlighted img, #ingest-highlighted b').count(), 0);
  await page.screenshot({ path: join(shots, 'ingest.png'), fullPage: true });

  // The stored evidence, shown in the dyad panel, is text too.
  await page.goto(base + '/?a=PRK&b=RUS');
  await page.waitForSelector('body[data-graph-ready="1"]', { timeout: 30000 });
  const fig = page.locator('#panel figure.quote', { hasText: 'window.__xss=4' }).first();
  await fig.waitFor({ timeout: 10000 });
  const caption = await fig.locator('figcaption').textContent();
  assert.ok(caption.includes(title), 'the title is not shown as text: ' + caption);
  const hrefs = await fig.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(hrefs.length, 1, 'source link missing');
  assert.ok(hrefs[0].startsWith('https://example.org/wire?'), 'source link: ' + hrefs[0]);
  assert.equal(await page.locator('#panel script, #panel img, #panel b[onmouseover]').count(), 0);
  await fig.scrollIntoViewIfNeeded();
  await fig.hover();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'injected script ran');
  await page.screenshot({ path: join(shots, 'xss-inert.png') });
  assert.deepEqual(problems, []);
});

test('writes are refused without the token', async () => {
  const r = await fetch(base + '/api/v1/ingest', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'Russia sent oil to North Korea.' }) });
  assert.equal(r.status, 401);
  const body = await r.json();
  assert.equal(body.status, 'error');
  assert.equal(body.errorType, 'unauthorized');
});
