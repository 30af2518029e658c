// The UI reads and writes only through the public /api/v1 API.

export class APIError extends Error {
  constructor(type, message, status) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

async function call(path, opts = {}) {
  let resp;
  try {
    resp = await fetch('/api/v1' + path, opts);
  } catch (e) {
    throw new APIError('network', 'the server does not answer: ' + e.message, 0);
  }
  let body;
  try {
    body = await resp.json();
  } catch {
    throw new APIError('internal', 'the server sent an answer that is not JSON (' + resp.status + ')', resp.status);
  }
  if (body.status !== 'success') throw new APIError(body.errorType, body.error, resp.status);
  return body.data;
}

export function get(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v != null && v !== '') q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = q.toString();
  return call(path + (s ? '?' + s : ''));
}

export function post(path, body, { token, params } = {}) {
  const headers = {};
  let payload = body;
  if (!(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (token) headers.Authorization = 'Bearer ' + token;
  const q = params ? '?' + new URLSearchParams(params).toString() : '';
  return call(path + q, { method: 'POST', headers, body: payload });
}

// all walks every page of a paged list endpoint.
export async function all(path, params, max = 20000) {
  const out = [];
  let offset = 0;
  for (;;) {
    const page = await get(path, { ...params, limit: 1000, offset });
    out.push(...page.items);
    if (page.next_offset == null || out.length >= max) return out;
    offset = page.next_offset;
  }
}

// cached memoises GETs that do not change while the page is open.
const cache = new Map();
export function cached(path, params) {
  const key = path + JSON.stringify(params || {});
  if (!cache.has(key)) cache.set(key, get(path, params).catch((e) => { cache.delete(key); throw e; }));
  return cache.get(key);
}
export function invalidate() { cache.clear(); }
