package analysis

import (
	"container/heap"
)

// betweenness is Brandes' algorithm for weighted undirected graphs given as
// adjacency lists (edge lengths > 0). It returns, for each node, the sum
// over ordered pairs (s,t), s≠v≠t, of the share of shortest s–t paths
// through v: the same figure as gonum's network.BetweennessWeighted, in
// O(n·m·log n) instead of enumerating paths.
func betweenness(adj [][]wedge) []float64 {
	n := len(adj)
	cb := make([]float64, n)
	dist := make([]float64, n)
	sigma := make([]float64, n)
	delta := make([]float64, n)
	preds := make([][]int, n)
	done := make([]bool, n)
	stack := make([]int, 0, n)
	for s := 0; s < n; s++ {
		for i := range dist {
			dist[i], sigma[i], delta[i], done[i] = -1, 0, 0, false
			preds[i] = preds[i][:0]
		}
		stack = stack[:0]
		dist[s], sigma[s] = 0, 1
		pq := &distHeap{{s, 0}}
		for pq.Len() > 0 {
			it := heap.Pop(pq).(distItem)
			v := it.node
			if done[v] || it.d > dist[v] {
				continue
			}
			done[v] = true
			stack = append(stack, v)
			for _, e := range adj[v] {
				w, nd := e.to, dist[v]+e.w
				switch {
				case dist[w] < 0 || nd < dist[w]:
					dist[w] = nd
					sigma[w] = sigma[v]
					preds[w] = append(preds[w][:0], v)
					heap.Push(pq, distItem{w, nd})
				case nd == dist[w]:
					sigma[w] += sigma[v]
					preds[w] = append(preds[w], v)
				}
			}
		}
		for i := len(stack) - 1; i >= 0; i-- {
			w := stack[i]
			for _, v := range preds[w] {
				delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
			}
			if w != s {
				cb[w] += delta[w]
			}
		}
	}
	return cb
}

type distItem struct {
	node int
	d    float64
}

type distHeap []distItem

func (h distHeap) Len() int { return len(h) }
func (h distHeap) Less(i, j int) bool {
	if h[i].d != h[j].d {
		return h[i].d < h[j].d
	}
	return h[i].node < h[j].node
}
func (h distHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *distHeap) Push(x any)   { *h = append(*h, x.(distItem)) }
func (h *distHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
