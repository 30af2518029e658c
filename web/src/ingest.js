// The ingest page: paste text or upload a file, preview the relations the
// coder finds, highlighted in the text, and save them (bearer token).
import { invalidate, post } from './api.js';
import { badge, clear, h, setStatus, table } from './dom.js';
import { familyColor } from './graph.js';

const TOKEN_KEY = 'axis-token';

// highlight returns the text as nodes, each coded sentence wrapped in a
// <mark>. Everything is a text node: the document's own markup stays inert.
export function highlight(text, coded) {
  const spans = [];
  let from = 0;
  for (const c of coded) {
    const r = c.relation;
    for (const e of r.evidence || []) {
      let start = e.start, end = e.end;
      if (!(end > start && end <= text.length && text.slice(start, end) === e.sentence)) {
        [start, end] = locate(text, e.sentence, from);
      }
      if (start >= 0 && end > start) {
        spans.push({ start, end, r });
        from = start;
      }
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let pos = 0;
  for (const sp of spans) {
    if (sp.start < pos) {
      // Another relation in a sentence already marked: add to its title.
      const last = out[out.length - 1];
      if (last && last.tagName === 'MARK') last.title += `\n${label(sp.r)}`;
      continue;
    }
    if (sp.start > pos) out.push(document.createTextNode(text.slice(pos, sp.start)));
    const fam = sp.r.kind ? familyOf(sp.r.kind) : '';
    out.push(h('mark', { class: 'coded fam-' + fam, title: label(sp.r), style: `border-bottom-color:${familyColor[fam] || '#999'}` }, text.slice(sp.start, sp.end)));
    pos = sp.end;
  }
  if (pos < text.length) out.push(document.createTextNode(text.slice(pos)));
  return out;
}

// locate finds where the coder's (normalised) sentence sits in the text
// the user sent: its first and last words, in order, with anything (quotes,
// dashes, markup the coder dropped) between them. [-1, -1] when not found.
export function locate(text, sentence, from = 0) {
  const at = text.indexOf(sentence, from);
  if (at >= 0) return [at, at + sentence.length];
  const words = sentence.match(/[\p{L}\p{N}]+/gu) || [];
  if (!words.length) return [-1, -1];
  const esc = (w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const seq = (ws) => new RegExp(ws.map(esc).join('[^\\p{L}\\p{N}]+(?:[^\\n]{0,80}?[^\\p{L}\\p{N}])?'), 'gu');
  const head = seq(words.slice(0, 5));
  head.lastIndex = from;
  let m = head.exec(text);
  if (!m && from > 0) { head.lastIndex = 0; m = head.exec(text); }
  if (!m) return [-1, -1];
  const start = m.index;
  const tailWords = words.slice(Math.max(5, words.length - 3));
  if (!tailWords.length) return [start, start + m[0].length];
  const tail = seq(tailWords);
  tail.lastIndex = start + m[0].length;
  const t = tail.exec(text);
  if (!t || t.index - start > sentence.length * 3 + 400) return [start, start + m[0].length];
  let end = t.index + t[0].length;
  // Run on to the sentence's own full stop when markup sits before it.
  const stop = text.slice(end, end + 200).search(/[.!?](\s|$)|\n\n/);
  if (stop >= 0 && text[end + stop] !== '\n') end += stop + 1;
  let begin = start;
  if (begin > 0 && /["'“‘(]/.test(text[begin - 1])) begin--;
  return [begin, end];
}

let kindFamilies = new Map();
function familyOf(kind) { return kindFamilies.get(kind) || ''; }
function label(r) { return `${r.source} → ${r.target}: ${r.kind}${r.item ? ' / ' + r.item : ''} (${r.status})`; }

export async function ingestPage(root, params, onto) {
  kindFamilies = new Map(onto.kinds.map((k) => [k.kind, k.family]));
  const text = h('textarea', { id: 'ingest-text', rows: 10, placeholder: 'Paste an article, or choose a file below.', 'aria-label': 'text' });
  const file = h('input', { type: 'file', id: 'ingest-file', accept: '.txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html' });
  const title = h('input', { id: 'ingest-title', placeholder: 'Title (optional)', size: 30 });
  const date = h('input', { id: 'ingest-date', placeholder: 'Date YYYY-MM-DD (optional)', size: 16 });
  const source = h('input', { id: 'ingest-source', placeholder: 'Source URL (optional)', size: 30 });
  const token = h('input', { id: 'ingest-token', type: 'password', placeholder: 'Write token', size: 24, autocomplete: 'off', value: sessionStorage.getItem(TOKEN_KEY) || '' });
  const preview = h('button', { type: 'button', id: 'ingest-preview' }, 'Preview');
  const save = h('button', { type: 'button', id: 'ingest-save' }, 'Save');
  const out = h('div', { id: 'ingest-result' });

  function body() {
    const f = file.files?.[0];
    if (f) {
      const fd = new FormData();
      fd.append('file', f, f.name);
      if (title.value) fd.append('title', title.value);
      if (date.value) fd.append('date', date.value);
      if (source.value) fd.append('source', source.value);
      return fd;
    }
    return { text: text.value, title: title.value || undefined, date: date.value || undefined, source: source.value || undefined };
  }

  async function run(dryRun) {
    if (!file.files?.length && !text.value.trim()) {
      setStatus('paste some text or choose a file first', true);
      return;
    }
    if (!dryRun) sessionStorage.setItem(TOKEN_KEY, token.value.trim());
    preview.disabled = save.disabled = true;
    setStatus(dryRun ? 'coding…' : 'saving…');
    try {
      const r = await post('/ingest', body(), { token: dryRun ? '' : token.value.trim(), params: { dry_run: String(dryRun) } });
      if (!dryRun) invalidate();
      const coded = r.relations || [];
      setStatus(dryRun ? `${coded.length} relations coded (preview, nothing saved)` :
        `saved: ${r.write?.relations_new ?? 0} new relations, ${r.write?.relations_merged ?? 0} merged, ${r.write?.evidence_new ?? 0} new evidence${r.known ? ' (document already stored)' : ''}`);
      clear(out,
        h('h2', {}, dryRun ? 'Preview' : 'Saved'),
        h('p', { class: 'meta' }, [r.document?.title, r.document?.published, `${r.sentences ?? '?'} sentences`, `${coded.length} relations`].filter(Boolean).join(' · ')),
        h('div', { class: 'ingest-text', id: 'ingest-highlighted' }, highlight(r.text || '', coded)),
        h('h3', {}, 'Coded relations'),
        coded.length ? table(['source', 'target', 'kind', 'item', 'status', 'date', 'rule', 'sentence'], coded.map((c) => [
          c.relation.source, c.relation.target, c.relation.kind, c.relation.item || '', badge(c.relation.status), c.relation.date || '', c.rule,
          h('span', { class: 'sentence' }, c.relation.evidence?.[0]?.sentence || ''),
        ]), 'grid coded-table') : h('p', { class: 'empty' }, 'The coder found no relation in this text.'));
    } catch (e) {
      setStatus(e.message, true);
      clear(out, h('p', { class: 'error' }, e.message));
    } finally {
      preview.disabled = save.disabled = false;
    }
  }
  preview.addEventListener('click', () => run(true));
  save.addEventListener('click', () => run(false));

  clear(root, h('div', { class: 'page' },
    h('h1', {}, 'Ingest'),
    h('p', { class: 'hint' }, 'Preview codes the text without saving. Saving needs the server\'s write token (axis serve --token-file).'),
    text,
    h('div', { class: 'inline-form' }, h('label', {}, 'File ', file), title, date, source),
    h('div', { class: 'inline-form' }, preview, token, save),
    out));
}
