// Package sqlstore holds what the SQL-backed stores (sqlite, postgres)
// share and what does not depend on the driver or the SQL dialect: the
// writer's merge by key, the dedup hash of evidence, the encoding of dates
// and JSON columns, the decoding of rows into axis values and the batching
// of reads. Each store keeps its own statements, its own way of writing
// rows in bulk (multi-row INSERT in SQLite, COPY in PostgreSQL) and its own
// full-text search (FTS5, tsvector).
//
// It imports axis only; the root package does not import it.
package sqlstore

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"axis"
)

// Tx is what a Writer needs from the transaction of one Write. The store
// implements it with its own SQL; the logic around the statements is
// Writer's.
type Tx interface {
	// ActorCodes lists the codes of the stored actors.
	ActorCodes() ([]string, error)
	// LastIDs returns the highest relation and evidence IDs stored (0
	// when none). The store must keep other writers out until the Write
	// ends: the Writer numbers new rows itself.
	LastIDs() (relation, evidence int64, err error)
	// FindRelation looks up the stored relation with ID id when id > 0,
	// else the one with key key; found is false when there is none.
	FindRelation(key string, id int64) (found bool, storedID int64, status axis.Status, hasQuantity bool, err error)
	// StoredEvidence reports, for each hash, whether relation id has a
	// stored evidence piece with that dedup hash.
	StoredEvidence(id int64, hashes [][]byte) ([]bool, error)
	// UpdateRelation sets the status of the stored relation id, adds
	// events to its events, and sets its quantity (JSON text) when it has
	// none and quantity is not nil.
	UpdateRelation(id int64, status axis.Status, events int, quantity any) error
	// Buffered is called after PutRelation buffered new rows: created is
	// true when it buffered a new relation, false when it added evidence
	// to a stored one. The store flushes the buffers (Pend, PendEv) when
	// it sees fit, then calls Flushed.
	Buffered(created bool) error
}

// Writer is the driver-independent part of an axis.Writer: it merges
// relations by key, numbers and buffers new relations and evidence, and
// counts what it did in Res. A store embeds it, implements Tx, and writes
// Pend and PendEv when it flushes.
type Writer struct {
	Tx  Tx
	Res axis.WriteResult

	codes map[string]bool // known actor codes, loaded on first use

	idsLoaded bool
	// LastRelID and LastEvID are the last IDs given to rows; StartRelID
	// and StartEvID were the last stored IDs when the Write began: IDs
	// above them are this Write's.
	LastRelID, LastEvID   int64
	StartRelID, StartEvID int64
	// Created maps the keys of the relations this Write created to their
	// IDs; when KeysComplete it holds every key of the store, and a key
	// not in it is new without a lookup. KeysComplete starts true when
	// the store is empty; a store may also load every stored key into
	// Created and set it (the sqlite store does in a bulk load).
	Created      map[string]int64
	KeysComplete bool
	// Pend and PendEv are the new relations and evidence not yet written.
	Pend       []*PendingRel
	PendEv     []PendingEv
	pendByKey  map[string]*PendingRel
	pendEvKeys map[evKey]bool
}

// PendingRel is a new relation not yet written.
type PendingRel struct {
	R        axis.Relation // without evidence
	Key      string
	Status   axis.Status
	Events   int
	Quantity *axis.Quantity
}

// PendingEv is a new evidence piece not yet written.
type PendingEv struct {
	E    axis.Evidence // ID and RelationID set
	Hash []byte        // DedupHash(&E)
}

type evKey struct {
	rel  int64
	hash [16]byte
}

func keyOf(rel int64, h []byte) evKey {
	k := evKey{rel: rel}
	copy(k.hash[:], h)
	return k
}

// LoadCodes reads the stored actor codes, once.
func (w *Writer) LoadCodes() error {
	if w.codes != nil {
		return nil
	}
	codes, err := w.Tx.ActorCodes()
	if err != nil {
		return err
	}
	w.codes = make(map[string]bool, len(codes))
	for _, c := range codes {
		w.codes[c] = true
	}
	return nil
}

// ActorPut records an actor the store just wrote (after LoadCodes).
func (w *Writer) ActorPut(code string) {
	w.codes[code] = true
	w.Res.ActorsPut++
}

// IDsLoaded reports whether the Write has put a relation (and so read the
// last IDs).
func (w *Writer) IDsLoaded() bool { return w.idsLoaded }

// Flushed empties the buffers once the store has written them.
func (w *Writer) Flushed() {
	clear(w.pendByKey)
	clear(w.Pend)
	w.Pend = w.Pend[:0]
	clear(w.pendEvKeys)
	clear(w.PendEv)
	w.PendEv = w.PendEv[:0]
}

// PutRelation merges r by its key (see axis.Writer).
func (w *Writer) PutRelation(r *axis.Relation) (axis.PutResult, error) {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return axis.PutResult{}, err
	}
	if err := w.LoadCodes(); err != nil {
		return axis.PutResult{}, err
	}
	for _, code := range []string{r.Source, r.Target} {
		if !w.codes[code] {
			return axis.PutResult{}, w.unknownActor(code)
		}
	}
	if err := w.loadIDs(); err != nil {
		return axis.PutResult{}, err
	}
	key := r.Key()
	if p, ok := w.pendByKey[key]; ok {
		return w.mergePending(r, p), nil
	}
	id, known := w.Created[key]
	if !known && w.KeysComplete {
		// Created holds every key of the store: this one is new.
		return w.addRelation(r, key)
	}
	found, id, status, hasQuant, err := w.Tx.FindRelation(key, id)
	switch {
	case err != nil:
		return axis.PutResult{}, fmt.Errorf("put relation %s: %w", key, err)
	case !found:
		return w.addRelation(r, key)
	}
	return w.mergeStored(r, id, status, hasQuant)
}

func (w *Writer) unknownActor(code string) error {
	known := make([]string, 0, len(w.codes))
	for c := range w.codes {
		known = append(known, c)
	}
	sort.Strings(known)
	return axis.FieldErrorf(axis.EINVALID, "actor", "unknown actor code %q; closest known: %s", code, strings.Join(axis.Closest(code, known, 3), ", "))
}

// loadIDs reads the last relation and evidence IDs, once.
func (w *Writer) loadIDs() error {
	if w.idsLoaded {
		return nil
	}
	rel, ev, err := w.Tx.LastIDs()
	if err != nil {
		return err
	}
	w.idsLoaded = true
	w.LastRelID, w.LastEvID = rel, ev
	w.StartRelID, w.StartEvID = rel, ev
	w.KeysComplete = rel == 0
	w.pendByKey = map[string]*PendingRel{}
	w.Created = map[string]int64{}
	w.pendEvKeys = map[evKey]bool{}
	return nil
}

// addRelation buffers a relation whose key is new, with its evidence.
func (w *Writer) addRelation(r *axis.Relation, key string) (axis.PutResult, error) {
	w.LastRelID++
	p := &PendingRel{Key: key, Status: r.Status, Events: r.Events, Quantity: r.Quantity}
	p.R = *r
	p.R.ID, p.R.Evidence = w.LastRelID, nil
	r.ID = p.R.ID
	n := w.addEvidence(r, p.R.ID, &p.Status)
	w.Pend = append(w.Pend, p)
	w.pendByKey[key] = p
	w.Created[key] = p.R.ID
	w.Res.RelationsNew++
	w.Res.EvidenceNew += n
	if err := w.Tx.Buffered(true); err != nil {
		return axis.PutResult{}, err
	}
	return axis.PutResult{New: true, NewEvidence: n}, nil
}

// addEvidence buffers the pieces of r not yet buffered for relation id,
// strengthening *status, and returns how many it added. The pieces
// already stored must have been filtered by the caller.
func (w *Writer) addEvidence(r *axis.Relation, id int64, status *axis.Status) int {
	n := 0
	for _, e := range r.Evidence {
		h := DedupHash(&e)
		k := keyOf(id, h)
		if w.pendEvKeys[k] {
			continue
		}
		w.pendEvKeys[k] = true
		if e.Status == "" {
			e.Status = r.Status
		}
		w.LastEvID++
		e.ID, e.RelationID = w.LastEvID, id
		w.PendEv = append(w.PendEv, PendingEv{E: e, Hash: h})
		*status = status.Stronger(e.Status)
		n++
	}
	return n
}

// mergePending merges r into a relation created earlier in this Write and
// not yet flushed.
func (w *Writer) mergePending(r *axis.Relation, p *PendingRel) axis.PutResult {
	r.ID = p.R.ID
	n := w.addEvidence(r, p.R.ID, &p.Status)
	if n == 0 {
		w.Res.RelationsUnchanged++
		return axis.PutResult{}
	}
	p.Events += r.Events
	if p.Quantity == nil {
		p.Quantity = r.Quantity
	}
	w.Res.EvidenceNew += n
	w.Res.RelationsMerged++
	return axis.PutResult{NewEvidence: n}
}

// mergeStored adds r's new evidence to the stored relation id.
func (w *Writer) mergeStored(r *axis.Relation, id int64, status axis.Status, hasQuant bool) (axis.PutResult, error) {
	r.ID = id
	hashes := make([][]byte, len(r.Evidence))
	for i := range r.Evidence {
		hashes[i] = DedupHash(&r.Evidence[i])
	}
	stored, err := w.Tx.StoredEvidence(id, hashes)
	if err != nil {
		return axis.PutResult{}, err
	}
	fresh := *r
	fresh.Evidence = nil
	for i, e := range r.Evidence {
		if !stored[i] {
			fresh.Evidence = append(fresh.Evidence, e)
		}
	}
	n := w.addEvidence(&fresh, id, &status)
	if n == 0 {
		w.Res.RelationsUnchanged++
		return axis.PutResult{}, nil
	}
	var quantity any
	if !hasQuant && r.Quantity != nil {
		b, err := json.Marshal(r.Quantity)
		if err != nil {
			return axis.PutResult{}, err
		}
		quantity = string(b)
	}
	if err := w.Tx.UpdateRelation(id, status, r.Events, quantity); err != nil {
		return axis.PutResult{}, fmt.Errorf("update relation %d: %w", id, err)
	}
	w.Res.EvidenceNew += n
	w.Res.RelationsMerged++
	if err := w.Tx.Buffered(false); err != nil {
		return axis.PutResult{}, err
	}
	return axis.PutResult{NewEvidence: n}, nil
}

// JSONColumns returns the values of p's JSON columns, commitment and
// quantity (JSON text, or nil for NULL), and the dates the commitment
// starts (in force, else signed) and ends (zero when there is none).
func (p *PendingRel) JSONColumns() (commitment, quantity any, cStart, cEnded axis.Date, err error) {
	if c := p.R.Commitment; c != nil {
		b, err := json.Marshal(c)
		if err != nil {
			return nil, nil, cStart, cEnded, err
		}
		commitment = string(b)
		cStart, cEnded = c.InForce, c.Ended
		if cStart.IsZero() {
			cStart = c.Signed
		}
	}
	if p.Quantity != nil {
		b, err := json.Marshal(p.Quantity)
		if err != nil {
			return nil, nil, cStart, cEnded, err
		}
		quantity = string(b)
	}
	return commitment, quantity, cStart, cEnded, nil
}

// DedupHash identifies an evidence piece within its relation: document,
// method, offsets and sentence (128 bits of SHA-256). It is stored in the
// evidence's dedup column: changing it makes stored evidence look new.
func DedupHash(e *axis.Evidence) []byte {
	var stack [256]byte
	b := append(stack[:0], e.DocumentID...)
	b = append(b, 0)
	b = append(b, e.Method...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(e.Start), 10)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(e.End), 10)
	b = append(b, 0)
	b = append(b, e.Sentence...)
	sum := sha256.Sum256(b)
	return append([]byte(nil), sum[:16]...)
}

// JSONList is the JSON text of a list column: "[]" when empty.
func JSONList[T any](xs []T) string {
	if len(xs) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(xs)
	return string(b)
}
