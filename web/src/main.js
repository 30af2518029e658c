// Entry point: a tiny router over the four pages.
import { cached } from './api.js';
import { actorsPage } from './actors.js';
import { clear, h, setStatus } from './dom.js';
import { graphPage } from './graph.js';
import { ingestPage } from './ingest.js';
import { scenarioPage } from './scenario.js';

const pages = { '/': graphPage, '/actors': actorsPage, '/scenario': scenarioPage, '/ingest': ingestPage };
let teardown = null;

async function route() {
  const root = document.getElementById('app');
  const path = pages[location.pathname] ? location.pathname : '/';
  const name = { '/': 'graph', '/actors': 'actors', '/scenario': 'scenario', '/ingest': 'ingest' }[path];
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.dataset.nav === name));
  document.body.dataset.page = name;
  if (teardown) { try { teardown(); } catch { /* ignore */ } teardown = null; }
  setStatus('');
  try {
    const onto = await cached('/ontology');
    teardown = await pages[path](root, new URLSearchParams(location.search), onto, navigate);
  } catch (e) {
    setStatus(e.message, true);
    clear(root, h('div', { class: 'page' }, h('p', { class: 'error' }, e.message)));
  }
}

export function navigate(url) {
  history.pushState(null, '', url);
  route();
}

document.addEventListener('click', (ev) => {
  const a = ev.target.closest && ev.target.closest('a[data-nav]');
  if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
  ev.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', route);
route();
