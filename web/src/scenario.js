// The scenario page: run an escalation cascade from a trigger and see the
// join probabilities as a bar chart with the activation chains; run a
// sanctions analysis and see the cut on the supply graph.
import { all, post } from './api.js';
import { clear, fmtNum, h, pct, setStatus, table } from './dom.js';
import { sanctionsSection } from './sanctions.js';

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

// barChart draws P(join) per state, split by side, with the 95% interval.
export function barChart(states) {
  const rows = states.filter((x) => !x.role).slice(0, 30);
  const rowH = 22, left = 150, width = 620, barW = width - left - 60;
  const height = 30 + rows.length * rowH + 10;
  const svg = s('svg', { class: 'chart', id: 'join-chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': 'probability of joining, per state' });
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const x = left + t * barW;
    svg.appendChild(s('line', { x1: x, x2: x, y1: 18, y2: height - 8, class: 'gridline' }));
    svg.appendChild(s('text', { x, y: 12, 'text-anchor': 'middle', class: 'axis' }, pct(t).replace('.0', '')));
  }
  rows.forEach((st, i) => {
    const y = 26 + i * rowH;
    const g = s('g', { class: 'bar-row', 'data-code': st.code });
    g.appendChild(s('text', { x: left - 6, y: y + 12, 'text-anchor': 'end', class: 'label' }, `${st.name || st.code} (${st.code})`));
    const wa = st.p_attacker_side * barW, wt = st.p_target_side * barW;
    g.appendChild(s('rect', { x: left, y, width: Math.max(0, wt), height: 15, class: 'bar target-side' }, s('title', {}, `${st.code} joins the target's side: ${pct(st.p_target_side)}`)));
    g.appendChild(s('rect', { x: left + wt, y, width: Math.max(0, wa), height: 15, class: 'bar attacker-side' }, s('title', {}, `${st.code} joins the attacker's side: ${pct(st.p_attacker_side)}`)));
    if (st.ci95) {
      const [lo, hi] = st.ci95;
      g.appendChild(s('line', { x1: left + lo * barW, x2: left + hi * barW, y1: y + 7.5, y2: y + 7.5, class: 'ci' }));
    }
    g.appendChild(s('text', { x: left + st.p_join * barW + 6, y: y + 12, class: 'value' }, pct(st.p_join)));
    svg.appendChild(g);
  });
  return svg;
}

function chainList(chains) {
  if (!chains?.length) return h('p', { class: 'empty' }, 'no state was drawn in');
  return h('ol', { class: 'chains' }, chains.map((c) => h('li', {},
    h('strong', {}, pct(c.p)), ' of trials: ',
    c.steps.map((st, i) => h('span', { class: 'step' }, i ? ' → ' : '', `${st.from} brings in ${st.to} (${st.side} side) via ${st.via.replace(/_/g, ' ')}`,
      st.title ? ` — ${st.title}` : '',
      st.evidence?.length ? h('span', { class: 'small' }, ` [${st.evidence.length} evidence]`) : null)))));
}

export async function scenarioPage(root) {
  const codes = (await all('/actors', { kind: 'state' })).map((a) => a.code);
  const trigger = h('input', { id: 'trigger', value: 'CHN attacks TWN', size: 28, 'aria-label': 'trigger', list: 'state-list' });
  const at = h('input', { id: 'at', placeholder: 'YYYY-MM-DD (optional)', size: 14, 'aria-label': 'date' });
  const trials = h('input', { id: 'trials', type: 'number', value: 10000, min: 100, max: 200000, step: 100, 'aria-label': 'trials' });
  const seed = h('input', { id: 'seed', type: 'number', value: 1, min: 0, 'aria-label': 'seed' });
  const out = h('div', { id: 'escalation-result' });
  const run = h('button', { type: 'submit', id: 'run-escalation' }, 'Run escalation');
  const form = h('form', { class: 'inline-form', onsubmit: async (ev) => {
    ev.preventDefault();
    run.disabled = true;
    setStatus('simulating…');
    clear(out, h('p', { class: 'hint' }, 'running…'));
    try {
      const r = await post('/simulate/escalation', { trigger: trigger.value, at: at.value || null, trials: +trials.value, seed: +seed.value });
      setStatus(`${r.trials} trials, seed ${r.seed}`);
      clear(out,
        h('p', { class: 'summary' }, `Trigger: ${r.trigger.attacker} attacks ${r.trigger.target}${r.trigger.theater ? ' in ' + r.trigger.theater : ''}. `,
          `Expected participants ${fmtNum(r.expected_participants)}; P(more than one theater) ${pct(r.p_multi_theater)}. World: ${r.world}.`),
        h('div', { class: 'legend' }, h('span', { class: 'swatch target-side' }), "joins the target's side ", h('span', { class: 'swatch attacker-side' }), "joins the attacker's side ", h('span', { class: 'small' }, '(line: 95% interval)')),
        barChart(r.states),
        h('h3', {}, 'Theaters'),
        table(['theater', 'P(reached)'], (r.theaters || []).map((t) => [t.theater, pct(t.p)])),
        h('h3', {}, 'Most frequent activation chains'),
        chainList(r.chains),
        (r.notes || []).length ? h('ul', { class: 'notes' }, r.notes.map((n) => h('li', {}, n))) : null);
    } catch (e) {
      setStatus(e.message, true);
      clear(out, h('p', { class: 'error' }, e.message));
    } finally {
      run.disabled = false;
    }
  } },
  h('label', {}, 'Trigger ', trigger), h('label', {}, 'At ', at), h('label', {}, 'Trials ', trials), h('label', {}, 'Seed ', seed), run);

  clear(root, h('div', { class: 'page' },
    h('h1', {}, 'Scenarios'),
    h('section', {}, h('h2', {}, 'Escalation cascade'),
      h('p', { class: 'hint' }, 'A trigger is "ATTACKER attacks TARGET [in THEATER] [on DATE]". Commitments in force pull states in; the Monte Carlo run gives each state\'s chance of joining and on which side.'),
      h('datalist', { id: 'state-list' }, codes.map((c) => h('option', { value: `${c} attacks ` }))),
      form, out),
    sanctionsSection(codes)));
}
