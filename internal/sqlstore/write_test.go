package sqlstore

import (
	"encoding/hex"
	"testing"

	"axis"
)

// TestDedupHash pins the hash: it is stored with every evidence piece, so
// a change would make stored evidence look new to the next Write.
func TestDedupHash(t *testing.T) {
	e := axis.Evidence{DocumentID: "d1", Method: "manual", Start: 10, End: 42, Sentence: "Iran delivered drones to Russia."}
	got := hex.EncodeToString(DedupHash(&e))
	const want = "388c8b69ec73df56af27642ee4336423"
	if got != want {
		t.Errorf("DedupHash = %s, want %s", got, want)
	}
	for _, o := range []axis.Evidence{
		{DocumentID: "d2", Method: e.Method, Start: e.Start, End: e.End, Sentence: e.Sentence},
		{DocumentID: e.DocumentID, Method: "import:x", Start: e.Start, End: e.End, Sentence: e.Sentence},
		{DocumentID: e.DocumentID, Method: e.Method, Start: 11, End: e.End, Sentence: e.Sentence},
		{DocumentID: e.DocumentID, Method: e.Method, Start: e.Start, End: e.End, Sentence: e.Sentence + " "},
	} {
		if hex.EncodeToString(DedupHash(&o)) == got {
			t.Errorf("DedupHash(%+v) equals the hash of %+v", o, e)
		}
	}
	// Status, source and confidence are not part of a piece's identity.
	same := e
	same.Status, same.Source, same.Confidence = axis.Confirmed, "Reuters", 0.9
	if hex.EncodeToString(DedupHash(&same)) != got {
		t.Error("DedupHash depends on status, source or confidence")
	}
}
