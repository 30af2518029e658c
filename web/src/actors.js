// The actors page: a paged, searchable table (the gazetteer has hundreds
// of actors; only one page is ever in the DOM).
import { get } from './api.js';
import { clear, h, setStatus, table } from './dom.js';

const PAGE = 50;

export async function actorsPage(root, params, onto, navigate) {
  const search = h('input', { type: 'search', id: 'actors-search', placeholder: 'Search code, name or alias', value: params.get('search') || '' });
  const kind = h('select', { id: 'actors-kind' }, h('option', { value: '' }, 'all kinds'), onto.actor_kinds.map((k) => h('option', { value: k }, k)));
  const prev = h('button', { type: 'button' }, '← Previous');
  const next = h('button', { type: 'button' }, 'Next →');
  const info = h('span', { class: 'small' });
  const box = h('div', {});
  let offset = 0;

  async function load() {
    try {
      const page = await get('/actors', { search: search.value.trim(), kind: kind.value, limit: PAGE, offset });
      prev.disabled = offset === 0;
      next.disabled = page.next_offset == null;
      info.textContent = page.items.length ? `${offset + 1}–${offset + page.items.length}` : 'no actors match';
      clear(box, table(['code', 'name', 'kind', 'country', 'theaters', 'aliases'], page.items.map((a) => [
        h('a', { href: '/?actor=' + encodeURIComponent(a.code), onclick: (ev) => { ev.preventDefault(); navigate('/?actor=' + encodeURIComponent(a.code)); } }, a.code),
        a.name, a.kind, a.country || '', (a.theaters || []).join(', '), (a.aliases || []).slice(0, 6).join(', '),
      ]), 'grid actors-table'));
    } catch (e) {
      setStatus(e.message, true);
    }
  }
  let t;
  search.addEventListener('input', () => { clearTimeout(t); t = setTimeout(() => { offset = 0; load(); }, 200); });
  kind.addEventListener('change', () => { offset = 0; load(); });
  prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE); load(); });
  next.addEventListener('click', () => { offset += PAGE; load(); });
  clear(root, h('div', { class: 'page' }, h('h1', {}, 'Actors'),
    h('div', { class: 'inline-form' }, search, kind, prev, info, next), box));
  await load();
}
