package axis

import "context"

// Store is the evidence graph. sqlite/ implements it (and postgres/ for
// teams). Every write goes through Write, which is one transaction.
type Store interface {
	Reader
	// Write runs fn inside one transaction. If fn or any write returns an
	// error, nothing fn wrote is kept.
	Write(ctx context.Context, fn func(Writer) error) (WriteResult, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
	Close() error
}

// Reader is the read side of the store: what analyses, scenarios, the API
// and the CLI query.
type Reader interface {
	Actor(ctx context.Context, code string) (*Actor, error) // ENOTFOUND when absent
	Actors(ctx context.Context, f ActorFilter) ([]Actor, error)
	Document(ctx context.Context, id string) (*Document, error)
	// Relation returns one relation with its evidence.
	Relation(ctx context.Context, id int64) (*Relation, error)
	// Relations returns the relations that pass f, ordered by date then id.
	Relations(ctx context.Context, f RelationFilter) ([]Relation, error)
	// EachRelation streams the relations that pass f without holding them
	// all in memory; returning an error from fn stops the walk.
	EachRelation(ctx context.Context, f RelationFilter, fn func(*Relation) error) error
	// Evidence returns a relation's evidence, oldest first.
	Evidence(ctx context.Context, relationID int64) ([]Evidence, error)
	// Search runs a full-text query over evidence sentences.
	Search(ctx context.Context, query string, limit int) ([]SearchHit, error)
}

// Writer is what a Write transaction can do.
type Writer interface {
	// PutActor inserts or updates an actor.
	PutActor(a *Actor) error
	// PutDocument inserts a document; it reports false when the document
	// was already stored (re-ingesting is a no-op).
	PutDocument(d *Document) (bool, error)
	// PutRelation merges r into the store by its Key: a new relation is
	// inserted, a known one gains r's evidence (evidence already present,
	// same document, method and offsets, is skipped). Both parties must be
	// known actors, else an EINVALID error names the closest known codes.
	// On return r.ID is set.
	PutRelation(r *Relation) (PutResult, error)
}

// PutResult says what PutRelation did.
type PutResult struct {
	New         bool // a new relation was created
	NewEvidence int  // evidence pieces added
}

// WriteResult sums what one Write transaction did.
type WriteResult struct {
	ActorsPut          int `json:"actors_put"`
	DocumentsNew       int `json:"documents_new"`
	DocumentsKnown     int `json:"documents_known"`
	RelationsNew       int `json:"relations_new"`
	RelationsMerged    int `json:"relations_merged"`
	EvidenceNew        int `json:"evidence_new"`
	RelationsUnchanged int `json:"relations_unchanged"`
}

// Changed reports whether the write changed anything stored.
func (w WriteResult) Changed() bool {
	return w.DocumentsNew+w.RelationsNew+w.EvidenceNew > 0
}

// Stats counts the store's contents.
type Stats struct {
	Actors    int            `json:"actors"`
	Documents int            `json:"documents"`
	Relations int            `json:"relations"`
	Evidence  int            `json:"evidence"`
	ByFamily  map[string]int `json:"by_family"`
	ByKind    map[string]int `json:"by_kind"`
	ByStatus  map[string]int `json:"by_status"`
}
