// The graph page: actors as nodes (size by PageRank, colour by bloc),
// relations as edges (colour by family, thickness by weight), filters, a
// month-by-month time slider, search, and actor and dyad panels.
import cytoscape from 'cytoscape';
import { all, cached, get } from './api.js';
import { forceLayout } from './layout.js';
import { badge, clear, fmtNum, h, pct, setStatus, sourceLink, table } from './dom.js';

export const familyColor = {
  commitment: '#2b6cb0',
  transfer: '#dd6b20',
  cooperation: '#2f855a',
  hostility: '#c53030',
};
const blocPalette = ['#6b46c1', '#d69e2e', '#0987a0', '#b83280', '#4a5568', '#97266d', '#2c7a7b', '#975a16'];
// How much a relation of each status counts towards an edge's thickness.
const statusWeight = { confirmed: 1, reported: 0.8, alleged: 0.5, prospective: 0.3, denied: 0.2, negated: 0 };

// month helpers: months are "YYYY-MM" strings, compared as strings.
function monthOf(d) {
  if (!d) return null;
  return d.length >= 7 ? d.slice(0, 7) : d.slice(0, 4) + '-01';
}
function addMonth(m, n) {
  let y = +m.slice(0, 4);
  let mo = +m.slice(5, 7) - 1 + n;
  y += Math.floor(mo / 12);
  mo = ((mo % 12) + 12) % 12;
  return String(y).padStart(4, '0') + '-' + String(mo + 1).padStart(2, '0');
}

// visibleAt reports whether relation r is part of the system in month m:
// commitments while in force, other relations from their date on.
function visibleAt(r, m) {
  if (!m) return true;
  const c = r.commitment;
  if (c) {
    const start = monthOf(c.in_force || c.signed || r.date);
    if (start && start > m) return false;
    const end = monthOf(c.ended);
    return !(end && end <= m);
  }
  const d = monthOf(r.date);
  return !d || d <= m;
}

export async function graphPage(root, params) {
  const t0 = performance.now();
  setStatus('loading the graph…');
  const sidebar = h('aside', { class: 'sidebar' });
  const graphBox = h('div', { id: 'cy', class: 'graph', 'aria-label': 'alignment graph' });
  const panel = h('aside', { class: 'panel', id: 'panel' }, h('p', { class: 'hint' }, 'Click an actor or an edge for its details.'));
  clear(root, h('div', { class: 'graph-page' }, sidebar, graphBox, panel));

  const [onto, actors, relations, centrality, blocs] = await Promise.all([
    cached('/ontology'),
    all('/actors'),
    all('/relations'),
    get('/centrality').catch(() => null),
    get('/blocs').catch(() => null),
  ]);
  performance.mark('axis:data');
  const actorBy = new Map(actors.map((a) => [a.code, a]));
  const pr = new Map((centrality?.actors || []).map((s) => [s.actor, s.pagerank]));
  const maxPR = Math.max(1e-9, ...pr.values());
  const blocOf = new Map();
  for (const b of blocs?.blocs || []) for (const m of b.members) blocOf.set(m, b.id);

  // Filters state.
  const state = {
    families: new Set(onto.families),
    kinds: new Set(),
    statuses: new Set(onto.statuses.filter((s) => s !== 'negated')),
    month: null,
  };

  // Time range: first dated relation to today.
  const months = relations.map((r) => monthOf(r.commitment?.in_force || r.commitment?.signed || r.date)).filter(Boolean).sort();
  const now = new Date();
  const last = String(now.getUTCFullYear()) + '-' + String(now.getUTCMonth() + 1).padStart(2, '0');
  const first = months.length ? months[Math.max(0, Math.floor(months.length * 0.02))] : last;
  const timeline = [];
  for (let m = first; m <= last && timeline.length < 1200; m = addMonth(m, 1)) timeline.push(m);
  // Replay starts where events (not old treaties) begin to be dense: the
  // first quartile of dated events.
  const events = relations.filter((r) => !r.commitment).map((r) => monthOf(r.date)).filter(Boolean).sort();
  const replayFrom = Math.max(0, timeline.indexOf(events[Math.floor(events.length * 0.25)] || first));

  const involved = new Set();
  relations.forEach((r) => { involved.add(r.source); involved.add(r.target); });
  const codes = [...involved].sort((a, b) => (blocOf.get(a) ?? 99) - (blocOf.get(b) ?? 99) || a.localeCompare(b));
  const nodes = codes.map((code, i) => {
    const a = actorBy.get(code) || { code, name: code };
    const angle = (2 * Math.PI * i) / codes.length;
    const size = 22 + 58 * Math.sqrt((pr.get(code) || 0) / maxPR);
    const bloc = blocOf.get(code);
    return {
      group: 'nodes',
      data: { id: code, label: code, name: a.name, size, color: bloc == null ? '#a0aec0' : blocPalette[bloc % blocPalette.length] },
      position: { x: 400 * Math.cos(angle), y: 400 * Math.sin(angle) },
    };
  });

  const cy = cytoscape({
    container: graphBox,
    elements: nodes,
    minZoom: 0.15,
    maxZoom: 4,
    style: [
      { selector: 'node', style: {
        'background-color': 'data(color)', width: 'data(size)', height: 'data(size)', label: 'data(label)',
        'font-size': 11, 'text-valign': 'center', 'text-halign': 'center', color: '#fff',
        'text-outline-color': 'data(color)', 'text-outline-width': 2, 'border-width': 0 } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1a202c' } },
      { selector: 'node.hidden, edge.hidden', style: { display: 'none' } },
      { selector: 'node.faded', style: { opacity: 0.25 } },
      { selector: 'edge', style: {
        width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
        'target-arrow-shape': 'data(arrow)', 'curve-style': 'bezier', opacity: 0.75, 'arrow-scale': 0.8 } },
      { selector: 'edge:selected', style: { opacity: 1, 'underlay-color': '#1a202c', 'underlay-opacity': 0.25, 'underlay-padding': 4 } },
    ],
  });
  window.__axis = { cy };

  const kindInfo = new Map(onto.kinds.map((k) => [k.kind, k]));
  // Edges: one per (pair, family, direction); symmetric kinds merge both ways.
  function rebuildEdges() {
    const agg = new Map();
    const seen = new Set();
    for (const r of relations) {
      const fam = kindInfo.get(r.kind)?.family;
      if (!state.families.has(fam)) continue;
      if (state.kinds.size && !state.kinds.has(r.kind)) continue;
      if (!state.statuses.has(r.status)) continue;
      if (!visibleAt(r, state.month)) continue;
      const sym = kindInfo.get(r.kind)?.symmetric;
      const [s, t] = sym && r.target < r.source ? [r.target, r.source] : [r.source, r.target];
      const id = `e:${s}:${t}:${fam}:${sym ? 'u' : 'd'}`;
      let e = agg.get(id);
      if (!e) agg.set(id, (e = { id, source: s, target: t, family: fam, directed: !sym, weight: 0, count: 0 }));
      e.weight += statusWeight[r.status] ?? 0.5;
      e.count++;
      seen.add(s); seen.add(t);
    }
    cy.batch(() => {
      cy.edges().remove();
      cy.add([...agg.values()].map((e) => ({
        group: 'edges',
        data: { ...e, color: familyColor[e.family], arrow: e.directed ? 'triangle' : 'none', width: Math.min(14, 1 + 2.2 * Math.sqrt(e.weight)) },
      })));
      cy.nodes().forEach((n) => n.toggleClass('hidden', !seen.has(n.id())));
    });
    const shown = cy.nodes().not('.hidden').length;
    countEl.textContent = `${shown} actors, ${agg.size} edges, ${[...agg.values()].reduce((s, e) => s + e.count, 0)} relations`;
  }

  // Sidebar: search, filters, slider, legend.
  const countEl = h('p', { class: 'count' });
  const datalist = h('datalist', { id: 'actor-list' }, codes.map((c) => h('option', { value: c }, actorBy.get(c)?.name || c)));
  const search = h('input', { type: 'search', id: 'search', placeholder: 'Find an actor (RUS, Pyongyang…)', list: 'actor-list', autocomplete: 'off' });
  search.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') findActor(search.value); });
  search.addEventListener('change', () => findActor(search.value));

  const famBoxes = onto.families.map((f) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', checked: true, value: f, onchange: (ev) => { ev.target.checked ? state.families.add(f) : state.families.delete(f); rebuildEdges(); } }),
    h('span', { class: 'swatch', style: `background:${familyColor[f]}` }), f));
  const kindSel = h('select', { multiple: true, size: 6, id: 'kind-filter', 'aria-label': 'kinds' },
    onto.families.map((f) => h('optgroup', { label: f }, onto.kinds.filter((k) => k.family === f).map((k) => h('option', { value: k.kind }, k.kind)))));
  kindSel.addEventListener('change', () => { state.kinds = new Set([...kindSel.selectedOptions].map((o) => o.value)); rebuildEdges(); });
  const statusBoxes = onto.statuses.map((s) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', checked: state.statuses.has(s), value: s, onchange: (ev) => { ev.target.checked ? state.statuses.add(s) : state.statuses.delete(s); rebuildEdges(); } }),
    badge(s)));

  const monthLabel = h('output', { id: 'month-label' }, 'all dates');
  const slider = h('input', { type: 'range', id: 'time-slider', min: 0, max: timeline.length, value: timeline.length, step: 1, 'aria-label': 'month' });
  const setMonth = (i) => {
    slider.value = i;
    state.month = i >= timeline.length ? null : timeline[i];
    monthLabel.textContent = state.month ? 'as of ' + state.month : 'all dates';
    rebuildEdges();
  };
  slider.addEventListener('input', () => setMonth(+slider.value));
  let timer = null;
  const play = h('button', { type: 'button', id: 'play', onclick: () => {
    if (timer) { clearInterval(timer); timer = null; play.textContent = '▶ Replay'; return; }
    let i = +slider.value >= timeline.length ? replayFrom : +slider.value;
    play.textContent = '❚❚ Pause';
    timer = setInterval(() => {
      setMonth(i);
      if (++i > timeline.length) { clearInterval(timer); timer = null; play.textContent = '▶ Replay'; }
    }, 150);
  } }, '▶ Replay');

  clear(sidebar,
    h('label', { class: 'field' }, 'Search', search), datalist,
    h('fieldset', {}, h('legend', {}, 'Families'), famBoxes),
    h('fieldset', {}, h('legend', {}, 'Kinds'), kindSel,
      h('button', { type: 'button', class: 'link', onclick: () => { [...kindSel.options].forEach((o) => (o.selected = false)); state.kinds.clear(); rebuildEdges(); } }, 'all kinds')),
    h('fieldset', {}, h('legend', {}, 'Status'), statusBoxes),
    h('fieldset', {}, h('legend', {}, 'Time'), slider, h('div', { class: 'row' }, monthLabel, play),
      h('p', { class: 'hint' }, `${timeline[0] || ''} to ${last}: commitments while in force, other relations from their date on.`)),
    countEl,
    h('p', { class: 'hint' }, 'Node size: PageRank. Node colour: bloc on the signed graph. Edge thickness: relations weighted by status.'),
  );

  rebuildEdges();
  performance.mark('axis:layout-start');
  {
    // Lay out on every relation (not only the visible ones), so the
    // picture stays put while the filters and the slider change.
    const pos = nodes.map((n) => ({ id: n.data.id, x: n.position.x, y: n.position.y }));
    const pairs = new Map();
    for (const r of relations) {
      const key = r.source < r.target ? r.source + '|' + r.target : r.target + '|' + r.source;
      pairs.set(key, (pairs.get(key) || 0) + 1);
    }
    forceLayout(pos, [...pairs].map(([k, w]) => [...k.split('|'), w]), { width: 1200, height: 900 });
    cy.batch(() => pos.forEach((p) => cy.getElementById(p.id).position({ x: p.x, y: p.y })));
    cy.fit(cy.nodes().not('.hidden'), 30);
  }
  performance.mark('axis:layout-end');

  function findActor(text) {
    const q = String(text || '').trim().toLowerCase();
    if (!q) return;
    const match = actors.find((a) => a.code.toLowerCase() === q) ||
      actors.find((a) => a.name.toLowerCase() === q || (a.aliases || []).some((x) => x.toLowerCase() === q)) ||
      actors.find((a) => involved.has(a.code) && (a.name.toLowerCase().includes(q) || (a.aliases || []).some((x) => x.toLowerCase().includes(q))));
    if (!match) { setStatus(`no actor matches "${text}"`, true); return; }
    selectActor(match.code);
  }
  function selectActor(code) {
    const n = cy.getElementById(code);
    cy.elements().unselect();
    if (n.nonempty()) {
      n.select();
      cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
    }
    showActor(panel, code, { actorBy, relations, onto, openDyad: (a, b) => showDyad(panel, a, b, actorBy) });
  }

  cy.on('tap', 'node', (ev) => selectActor(ev.target.id()));
  cy.on('tap', 'edge', (ev) => {
    const e = ev.target.data();
    showDyad(panel, e.source, e.target, actorBy);
  });
  cy.on('tap', (ev) => { if (ev.target === cy) clear(panel, h('p', { class: 'hint' }, 'Click an actor or an edge for its details.')); });

  cy.one('render', () => {
    const ms = Math.round(performance.now() - t0);
    const sinceNav = Math.round(performance.now());
    window.__axisFirstPaint = { ms, sinceNavigation: sinceNav };
    document.body.dataset.graphReady = '1';
    setStatus(`${codes.length} actors, ${relations.length} relations; first paint ${sinceNav} ms`);
  });
  cy.resize();
  if (params.get('actor')) selectActor(params.get('actor').toUpperCase());
  if (params.get('a') && params.get('b')) showDyad(panel, params.get('a').toUpperCase(), params.get('b').toUpperCase(), actorBy);
  return () => { if (timer) clearInterval(timer); cy.destroy(); };
}

function actorTitle(actorBy, code) {
  const a = actorBy.get(code);
  return a ? `${a.name} (${code})` : code;
}

// showActor fills the panel with an actor: its commitments, its ledger
// partners and its dependency.
async function showActor(panel, code, { actorBy, relations, onto, openDyad }) {
  const a = actorBy.get(code);
  const mine = relations.filter((r) => r.source === code || r.target === code);
  const famOf = (k) => onto.kinds.find((x) => x.kind === k)?.family;
  const commitments = mine.filter((r) => famOf(r.kind) === 'commitment');
  const partners = new Map();
  for (const r of mine) {
    const other = r.source === code ? r.target : r.source;
    const p = partners.get(other) || { code: other, n: 0, fams: {} };
    p.n++;
    const f = famOf(r.kind);
    p.fams[f] = (p.fams[f] || 0) + 1;
    partners.set(other, p);
  }
  const depBox = h('div', {}, h('p', { class: 'hint' }, 'loading dependency…'));
  clear(panel,
    h('h2', {}, a ? a.name : code),
    h('p', { class: 'meta' }, [code, a?.kind, a?.country && 'acts for ' + a.country, (a?.theaters || []).join(', ')].filter(Boolean).join(' · ')),
    a?.aliases?.length ? h('p', { class: 'aliases' }, 'Also: ' + a.aliases.slice(0, 12).join(', ')) : null,
    h('h3', {}, `Commitments (${commitments.length})`),
    commitments.length ? h('ul', { class: 'plain' }, commitments.map((r) => h('li', {},
      h('button', { type: 'button', class: 'link', onclick: () => openDyad(r.source, r.target) }, `${r.kind.replace(/_/g, ' ')} with ${r.source === code ? r.target : r.source}`),
      ' ', badge(r.status),
      r.commitment?.title ? h('div', { class: 'small' }, r.commitment.title + (r.commitment.article ? ', art. ' + r.commitment.article : '')) : null,
      h('div', { class: 'small' }, [r.commitment?.signed && 'signed ' + r.commitment.signed, r.commitment?.in_force && 'in force ' + r.commitment.in_force, r.commitment?.ended && 'ended ' + r.commitment.ended].filter(Boolean).join(', '))))) :
      h('p', { class: 'hint' }, 'none recorded'),
    h('h3', {}, `Ledger partners (${partners.size})`),
    table(['partner', 'relations', 'families'], [...partners.values()].sort((x, y) => y.n - x.n).map((p) => [
      h('button', { type: 'button', class: 'link', onclick: () => openDyad(code, p.code) }, p.code),
      String(p.n),
      Object.entries(p.fams).map(([f, n]) => `${f} ${n}`).join(', '),
    ])),
    h('h3', {}, 'Dependency'),
    depBox,
  );
  try {
    const dep = await get('/dependency', { actor: code });
    const rows = (list, who) => list.slice(0, 12).map((s) => [
      s.kind + (s.item ? ' / ' + s.item : ''),
      s.partners.slice(0, 4).map((p) => `${p.actor} ${pct(p.share)}`).join(', '),
    ]);
    clear(depBox,
      h('h4', {}, 'Receives, share from each supplier'),
      dep.receives.length ? table(['kind / item', 'suppliers'], rows(dep.receives)) : h('p', { class: 'hint' }, 'nothing recorded'),
      h('h4', {}, 'Gives, and how much each recipient depends on it'),
      dep.gives.length ? table(['kind / item', 'recipients (their share from ' + code + ')'], rows(dep.gives)) : h('p', { class: 'hint' }, 'nothing recorded'));
  } catch (e) {
    clear(depBox, h('p', { class: 'error' }, e.message));
  }
}

function flowTable(flow) {
  if (!flow.lines.length) return h('p', { class: 'empty' }, flow.note || 'nothing recorded');
  const words = (x) => String(x).replace(/_/g, ' ');
  return table(['kind / item', 'relations', 'dates', 'status', 'amount'], flow.lines.map((l) => [
    words(l.kind) + (l.item ? ' / ' + words(l.item) : ''),
    String(l.relations),
    [l.first, l.last].filter(Boolean).filter((v, i, xs) => xs.indexOf(v) === i).join(' to '),
    Object.entries(l.statuses || {}).map(([s, n]) => `${s} ${n}`).join(', '),
    (l.quantities || []).map((q) => `${q.bound ? q.bound + ' ' : ''}${fmtNum(q.value)} ${q.unit}`).join('; '),
  ]));
}

// showDyad fills the panel with the dyad ledger of a and b and every
// evidence quote behind their relations.
export async function showDyad(panel, a, b, actorBy) {
  const evBox = h('div', { class: 'evidence-list' }, h('p', { class: 'hint' }, 'loading evidence…'));
  const ledgerBox = h('div', {}, h('p', { class: 'hint' }, 'loading ledger…'));
  clear(panel, h('h2', { class: 'dyad-title' }, `${a} – ${b}`),
    h('p', { class: 'meta' }, `${actorTitle(actorBy, a)} and ${actorTitle(actorBy, b)}`),
    ledgerBox, h('h3', {}, 'Evidence'), evBox);
  try {
    const l = await get('/ledger', { a, b });
    clear(ledgerBox,
      h('h3', {}, 'Commitments'),
      l.commitments.length ? h('ul', { class: 'plain' }, l.commitments.map((c) => h('li', {},
        h('strong', {}, c.kind.replace(/_/g, ' ')), ' ', badge(c.status),
        c.title ? h('div', {}, c.title + (c.article ? ', art. ' + c.article : '')) : null,
        h('div', { class: 'small' }, [c.signed && 'signed ' + c.signed, c.in_force && 'in force ' + c.in_force, c.ended && 'ended ' + c.ended].filter(Boolean).join(', '))))) :
        h('p', { class: 'empty' }, 'none recorded'),
      h('h3', {}, `${l.a} → ${l.b}`), flowTable(l.a_to_b),
      h('h3', {}, `${l.b} → ${l.a}`), flowTable(l.b_to_a),
      l.mutual.lines.length ? [h('h3', {}, 'Together'), flowTable(l.mutual)] : null,
      h('p', { class: 'small' }, `Balance ${fmtNum(l.balance)} (weights: ${l.weights?.name || 'default'})`));
  } catch (e) {
    clear(ledgerBox, h('p', { class: 'error' }, e.message));
  }
  try {
    const rels = await all('/relations', { between: `${a},${b}`, evidence: true });
    clear(evBox, rels.length ? rels.map((r) => h('section', { class: 'relation', dataset: { relation: r.id } },
      h('h4', {}, `${r.source} → ${r.target}: ${r.kind.replace(/_/g, ' ')}${r.item ? ' (' + r.item.replace(/_/g, ' ') + ')' : ''}`, ' ', badge(r.status),
        r.date ? h('span', { class: 'small' }, ' ' + r.date) : null),
      r.commitment?.title ? h('p', { class: 'small' }, r.commitment.title) : null,
      (r.evidence || []).map((e) => h('figure', { class: 'quote' },
        h('blockquote', { class: 'sentence' }, e.sentence),
        h('figcaption', {}, badge(e.status || r.status), ' ', sourceLink(e.url, e.source || e.url),
          e.published ? ' · ' + e.published : '', ' · ', e.method, e.confidence != null ? ' · confidence ' + fmtNum(e.confidence) : ''))),
    )) : h('p', { class: 'empty' }, 'no relations recorded between them'));
  } catch (e) {
    clear(evBox, h('p', { class: 'error' }, e.message));
  }
}
