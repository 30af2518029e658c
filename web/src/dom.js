// DOM helpers. Data from the API is only ever put into the page as text
// (textContent, attribute values through setAttribute): never as HTML.

// h builds an element: h('a', {href: u, class: 'x', onclick: fn}, 'text', child…).
// Strings and numbers become text nodes; null and false are skipped.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled') el[k] = !!v;
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// clear empties an element and appends children.
export function clear(el, ...children) {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, children);
  return el;
}

// safeURL returns u when it is an http(s) address, else null, so a stored
// "javascript:" URL can never become a link.
export function safeURL(u) {
  if (!u) return null;
  try {
    const p = new URL(u, window.location.href);
    return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : null;
  } catch {
    return null;
  }
}

// sourceLink is a link to an evidence source (opened in a new tab, no referrer).
export function sourceLink(url, label) {
  const href = safeURL(url);
  const text = label || url || 'source';
  if (!href) return h('span', { class: 'source' }, text);
  return h('a', { class: 'source', href, target: '_blank', rel: 'noopener noreferrer' }, text);
}

export function badge(status) {
  return h('span', { class: 'badge st-' + String(status).replace(/[^a-z_]/g, '') }, status);
}

export function fmtNum(x, digits = 2) {
  if (x == null || Number.isNaN(x)) return '';
  if (Number.isInteger(x)) return x.toLocaleString('en');
  return x.toFixed(digits);
}

export function pct(x) {
  return (100 * x).toFixed(1) + '%';
}

// table builds a table from a header and rows of cells (strings or nodes).
export function table(header, rows, cls) {
  return h('table', { class: cls || 'grid' },
    h('thead', {}, h('tr', {}, header.map((c) => h('th', {}, c)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
}

export function setStatus(text, isError) {
  const el = document.getElementById('status');
  if (!el) return;
  el.textContent = text || '';
  el.classList.toggle('error', !!isError);
}
