// The sanctions section of the scenario page: the supply network of one
// transfer kind into a target, its minimum cut drawn on the graph, and the
// sanction sets ranked by the flow they remove (click one to see it cut).
import cytoscape from 'cytoscape';
import { cached, post } from './api.js';
import { clear, fmtNum, h, pct, setStatus, table } from './dom.js';

export function sanctionsSection(codes) {
  const target = h('input', { id: 'sanction-target', value: 'RUS', size: 8, list: 'state-list-codes', 'aria-label': 'target' });
  const kind = h('select', { id: 'sanction-kind', 'aria-label': 'kind' });
  const item = h('select', { id: 'sanction-item', 'aria-label': 'item' });
  const budget = h('input', { id: 'sanction-budget', type: 'number', min: 1, max: 5, value: 3, 'aria-label': 'budget' });
  const out = h('div', { id: 'sanctions-result' });
  const run = h('button', { type: 'submit', id: 'run-sanctions' }, 'Rank sanctions');
  let cy = null;

  cached('/ontology').then((onto) => {
    const transfer = onto.kinds.filter((k) => k.family === 'transfer');
    clear(kind, transfer.map((k) => h('option', { value: k.kind, selected: k.kind === 'arms' }, k.kind)));
    const fill = () => {
      const k = transfer.find((x) => x.kind === kind.value);
      clear(item, h('option', { value: '' }, 'any item'), (k?.items || []).map((i) => h('option', { value: i }, i.replace(/_/g, ' '))));
    };
    kind.addEventListener('change', fill);
    fill();
  });

  function draw(res, box) {
    if (cy) cy.destroy();
    const nodes = new Set([res.target]);
    res.edges.forEach((e) => { nodes.add(e.from); nodes.add(e.to); });
    const maxFlow = Math.max(1e-9, ...res.edges.map((e) => e.capacity));
    const cut = new Set(res.min_cut.map((e) => e.from + '>' + e.to));
    cy = cytoscape({
      container: box,
      elements: [
        ...[...nodes].map((n) => ({ data: { id: n, label: n, target: n === res.target ? 1 : 0 } })),
        ...res.edges.map((e) => ({ data: { id: e.from + '>' + e.to, source: e.from, target: e.to, w: 1 + 9 * (e.capacity / maxFlow), label: fmtNum(e.flow, 1), cut: cut.has(e.from + '>' + e.to) ? 1 : 0 } })),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', 'background-color': '#4a5568', color: '#fff', 'text-valign': 'center', 'font-size': 10, width: 34, height: 34 } },
        { selector: 'node[target = 1]', style: { 'background-color': '#c53030' } },
        { selector: 'edge', style: { width: 'data(w)', 'line-color': '#dd6b20', 'target-arrow-color': '#dd6b20', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 9, 'text-background-color': '#fff', 'text-background-opacity': 0.8 } },
        { selector: 'edge[cut = 1]', style: { 'line-style': 'dashed', 'line-color': '#c53030', 'target-arrow-color': '#c53030' } },
        { selector: '.sanctioned', style: { opacity: 0.25 } },
        { selector: 'edge.sanctioned', style: { 'line-style': 'dotted', opacity: 0.35 } },
        { selector: 'node.sanctioned', style: { 'background-color': '#a0aec0', 'border-width': 3, 'border-color': '#c53030' } },
      ],
      layout: { name: 'breadthfirst', directed: true, roots: res.supply.filter((s) => nodes.has(s.actor)).map((s) => '#' + s.actor).join(', ') || undefined, spacingFactor: 1.1, padding: 20 },
    });
  }

  function showSet(set) {
    if (!cy) return;
    cy.elements().removeClass('sanctioned');
    for (const a of set.actors || []) cy.getElementById(a).addClass('sanctioned').connectedEdges().addClass('sanctioned');
    for (const r of set.routes || []) cy.getElementById(r.replace('->', '>')).addClass('sanctioned');
  }

  const form = h('form', { class: 'inline-form', onsubmit: async (ev) => {
    ev.preventDefault();
    run.disabled = true;
    setStatus('ranking sanctions…');
    try {
      const res = await post('/simulate/sanctions', { target: target.value.trim().toUpperCase(), kind: kind.value, item: item.value, budget: +budget.value });
      setStatus(`max flow ${fmtNum(res.max_flow)} ${res.unit}`);
      const box = h('div', { class: 'cut-graph', id: 'cut-graph' });
      const sets = (list, what) => list.length ? table([what, 'flow removed', 'remaining', 'reroutes', ''], list.map((s) => [
        (s.actors || s.routes || []).join(', '),
        pct(s.share), fmtNum(s.remaining),
        (s.reroutes || []).slice(0, 4).map((r) => `${r.from}→${r.to} ${fmtNum(r.before)}→${fmtNum(r.after)}`).join('; '),
        h('button', { type: 'button', class: 'link', onclick: () => showSet(s) }, 'show on graph'),
      ])) : h('p', { class: 'empty' }, 'none');
      clear(out,
        h('p', { class: 'summary' }, `Supply of ${res.kind}${res.item ? ' / ' + res.item : ''} into ${res.target}: maximum flow ${fmtNum(res.max_flow)} (${res.unit}) from ${res.supply.map((s) => s.actor).join(', ') || 'no supplier'}. `,
          `Minimum cut: ${res.min_cut.map((e) => e.from + '→' + e.to).join(', ') || 'none'} (dashed red).`),
        box,
        h('h3', {}, 'Sanctioning actors'), sets(res.actor_sets, 'actors'),
        h('h3', {}, 'Interdicting routes'), sets(res.route_sets, 'routes'),
        (res.notes || []).length ? h('ul', { class: 'notes' }, res.notes.map((n) => h('li', {}, n))) : null);
      draw(res, box);
    } catch (e) {
      setStatus(e.message, true);
      clear(out, h('p', { class: 'error' }, e.message));
    } finally {
      run.disabled = false;
    }
  } }, h('label', {}, 'Target ', target), h('label', {}, 'Kind ', kind), h('label', {}, 'Item ', item), h('label', {}, 'Budget ', budget), run);

  return h('section', { id: 'sanctions' }, h('h2', {}, 'Sanctions and interdiction'),
    h('p', { class: 'hint' }, 'The supply network into the target from the stored transfers (volumes from quantities where every relation states one, else weights): which actors or routes to cut, and what reroutes.'),
    h('datalist', { id: 'state-list-codes' }, (codes || []).map((c) => h('option', { value: c }))),
    form, out);
}
