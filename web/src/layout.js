// A small force-directed layout (Fruchterman–Reingold with gravity), run
// once before the first paint. For the few hundred actors a store has it
// takes milliseconds, where cytoscape's cose took seconds; it is
// deterministic (the start positions are given).

// forceLayout moves nodes ({id, x, y}) in place along edges ([a, b, w]).
export function forceLayout(nodes, edges, { iterations = 300, width = 1000, height = 800 } = {}) {
  const n = nodes.length;
  if (n < 2) return nodes;
  const idx = new Map(nodes.map((nd, i) => [nd.id, i]));
  const x = new Float64Array(n), y = new Float64Array(n), dx = new Float64Array(n), dy = new Float64Array(n);
  nodes.forEach((nd, i) => { x[i] = nd.x; y[i] = nd.y; });
  const E = [];
  for (const [a, b, w] of edges) {
    const i = idx.get(a), j = idx.get(b);
    if (i != null && j != null && i !== j) E.push([i, j, Math.min(3, 1 + Math.log1p(w || 1) / 2)]);
  }
  const area = width * height;
  const k = Math.sqrt(area / n) * 0.5;
  const k2 = k * k;
  let t = width / 8;
  const cool = t / (iterations + 1);
  for (let it = 0; it < iterations; it++) {
    dx.fill(0); dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ex = x[i] - x[j], ey = y[i] - y[j];
        let d2 = ex * ex + ey * ey;
        if (d2 < 0.01) { ex = 0.1 * ((i * 7 + j) % 5 - 2); ey = 0.1; d2 = ex * ex + ey * ey; }
        const f = k2 / d2; // k²/d along the unit vector = k²/d² * vector
        dx[i] += ex * f; dy[i] += ey * f;
        dx[j] -= ex * f; dy[j] -= ey * f;
      }
    }
    for (const [i, j, w] of E) {
      const ex = x[i] - x[j], ey = y[i] - y[j];
      const d = Math.sqrt(ex * ex + ey * ey) || 0.01;
      const f = (d * w) / k; // d²/k along the unit vector
      dx[i] -= ex * f; dy[i] -= ey * f;
      dx[j] += ex * f; dy[j] += ey * f;
    }
    for (let i = 0; i < n; i++) {
      // Gravity keeps separate components on screen.
      dx[i] -= x[i] * 0.08 * (k / 100);
      dy[i] -= y[i] * 0.08 * (k / 100);
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const m = Math.min(d, t);
      x[i] += (dx[i] / d) * m;
      y[i] += (dy[i] / d) * m;
    }
    t = Math.max(t - cool, 1);
  }
  nodes.forEach((nd, i) => { nd.x = x[i]; nd.y = y[i]; });
  return nodes;
}
