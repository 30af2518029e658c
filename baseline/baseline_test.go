package baseline

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"axis"
	"axis/facts"
	"axis/inmem"
)

func parse(t *testing.T) *facts.File {
	t.Helper()
	f, err := facts.Parse(bytes.NewReader(Facts), Name)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// loaded returns a store holding the known actors and the baseline.
func loaded(t *testing.T) *inmem.Store {
	t.Helper()
	ctx := context.Background()
	s := inmem.New()
	if _, err := s.Write(ctx, func(w axis.Writer) error {
		for _, a := range knownActors() {
			if err := w.PutActor(&a); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	res, err := facts.Load(ctx, s, bytes.NewReader(Facts), Name)
	if err != nil {
		t.Fatal(err)
	}
	if res.RelationsNew < 150 {
		t.Fatalf("loaded %d new relations, want at least 150", res.RelationsNew)
	}
	return s
}

func TestBaselineParses(t *testing.T) {
	f := parse(t)
	if n := len(f.Relations); n < 150 {
		t.Errorf("baseline has %d relations, want at least 150", n)
	}
	for _, r := range f.Relations {
		if len(r.Cite) == 0 {
			t.Errorf("line %d: relation without citation", r.Line)
		}
		for _, id := range r.Cite {
			s := f.Sources[id]
			if s.Publisher == "" || s.Title == "" || s.URL == "" || s.Date.IsZero() {
				t.Errorf("source %s lacks publisher, title, url or date", id)
			}
		}
	}
}

func TestBaselineSourcesAllCited(t *testing.T) {
	f := parse(t)
	cited := map[string]bool{}
	for _, r := range f.Relations {
		for _, id := range r.Cite {
			cited[id] = true
		}
	}
	for id, s := range f.Sources {
		if !cited[id] {
			t.Errorf("line %d: source %s is never cited", s.Line, id)
		}
	}
}

// TestBaselineKinds checks that each kind is used the way the ontology means
// it: commitments carry treaty data where they should, memberships point at
// organizations, transfers name an item unless the kind has none.
func TestBaselineKinds(t *testing.T) {
	f := parse(t)
	orgs := map[string]bool{}
	for _, a := range knownActors() {
		if a.Kind == axis.ActorOrganization {
			orgs[a.Code] = true
		}
	}
	used := map[axis.Kind]int{}
	for _, r := range f.Relations {
		used[r.Kind]++
		info := r.Kind.Info()
		switch {
		case r.Kind == axis.Membership:
			if !orgs[r.Target] {
				t.Errorf("line %d: membership target %s is not an organization", r.Line, r.Target)
			}
			if orgs[r.Source] {
				t.Errorf("line %d: membership source %s is an organization", r.Line, r.Source)
			}
		case info.Family == axis.FamilyCommitment:
			if r.Commitment == nil || r.Commitment.Signed.IsZero() || r.Commitment.Title == "" {
				t.Errorf("line %d: %s %s-%s needs commitment.signed and title", r.Line, r.Kind, r.Source, r.Target)
			}
		case info.Family == axis.FamilyTransfer:
			if len(info.Items) > 0 && r.Item == "" {
				t.Errorf("line %d: %s %s->%s names no item", r.Line, r.Kind, r.Source, r.Target)
			}
		}
		if r.Date.IsZero() {
			t.Errorf("line %d: %s %s-%s has no date", r.Line, r.Kind, r.Source, r.Target)
		}
	}
	for _, k := range []axis.Kind{axis.DefensePact, axis.ConsultationPact, axis.StrategicPartnership, axis.SecurityGuarantee,
		axis.Membership, axis.Arms, axis.Troops, axis.Technology, axis.DualUse, axis.Energy, axis.Food,
		axis.JointExercise, axis.Visit, axis.Sanction, axis.Attack, axis.Incursion} {
		if used[k] == 0 {
			t.Errorf("no %s relation in the baseline", k)
		}
	}
}

func TestBaselineLoadsOnce(t *testing.T) {
	ctx := context.Background()
	s := loaded(t)
	before, _ := s.Stats(ctx)
	res, err := facts.Load(ctx, s, bytes.NewReader(Facts), Name)
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed() {
		t.Errorf("loading the baseline twice changed the store: %+v", res)
	}
	after, _ := s.Stats(ctx)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("stats changed on reload: %+v -> %+v", before, after)
	}
}

// TestBaselineNamedFacts checks the facts issue 2 names are present.
func TestBaselineNamedFacts(t *testing.T) {
	ctx := context.Background()
	s := loaded(t)
	tests := []struct {
		name    string
		a, b    string
		kind    axis.Kind
		item    string
		status  axis.Status
		article string
		word    string // a word the evidence must contain
	}{
		{"Russia-DPRK treaty, Article 4", "RUS", "PRK", axis.DefensePact, "", axis.Confirmed, "4", "2024"},
		{"China-DPRK 1961 treaty", "CHN", "PRK", axis.DefensePact, "", axis.Confirmed, "2", "1961"},
		{"China-Russia 2001 treaty", "CHN", "RUS", axis.ConsultationPact, "", axis.Confirmed, "9", "2001"},
		{"no limits statement", "CHN", "RUS", axis.StrategicPartnership, "", axis.Confirmed, "", "no limits"},
		{"Russia-Iran treaty", "IRN", "RUS", axis.StrategicPartnership, "", axis.Confirmed, "3", "military"},
		{"Russia-Belarus guarantees", "BLR", "RUS", axis.DefensePact, "", axis.Confirmed, "", "Union State"},
		{"US-Japan 1960", "JPN", "USA", axis.DefensePact, "", axis.Confirmed, "5", "1960"},
		{"US-ROK 1953", "KOR", "USA", axis.DefensePact, "", axis.Confirmed, "3", "1953"},
		{"ANZUS", "AUS", "USA", axis.DefensePact, "", axis.Confirmed, "4", "ANZUS"},
		{"US-Philippines 1951", "PHL", "USA", axis.DefensePact, "", axis.Confirmed, "4", "1951"},
		{"Taiwan Relations Act", "USA", "TWN", axis.SecurityGuarantee, "", axis.Prospective, "", "Taiwan Relations Act"},
		{"Camp David", "JPN", "KOR", axis.ConsultationPact, "", axis.Confirmed, "", "Camp David"},
		{"Finland in NATO", "FIN", "NATO", axis.Membership, "", axis.Confirmed, "5", "2023"},
		{"Sweden in NATO", "SWE", "NATO", axis.Membership, "", axis.Confirmed, "5", "2024"},
		{"DPRK shells", "PRK", "RUS", axis.Arms, "artillery_ammunition", "", "", "shells"},
		{"DPRK missiles", "PRK", "RUS", axis.Arms, "ballistic_missiles", "", "", "KN-23"},
		{"DPRK troops", "PRK", "RUS", axis.Troops, "combat_troops", "", "", "Kursk"},
		{"Shahed drones", "IRN", "RUS", axis.Arms, "drones", "", "", "Shahed"},
		{"Chinese dual-use", "CHN", "RUS", axis.DualUse, "", "", "", ""},
		{"Indian oil purchases", "RUS", "IND", axis.Energy, "oil", "", "", "oil"},
		{"Chinese oil purchases", "RUS", "CHN", axis.Energy, "oil", "", "", "oil"},
		{"Russia invades Ukraine", "RUS", "UKR", axis.Attack, "ground", axis.Confirmed, "", "2022"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := axis.RelationFilter{Between: [2]string{tt.a, tt.b}, Kinds: []axis.Kind{tt.kind}, WithEvidence: true}
			if tt.item != "" {
				f.Items = []string{tt.item}
			}
			rels, err := s.Relations(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(rels) == 0 {
				t.Fatalf("no %s %s between %s and %s", tt.kind, tt.item, tt.a, tt.b)
			}
			found := false
			for _, r := range rels {
				if tt.status != "" && r.Status != tt.status {
					continue
				}
				if tt.article != "" && (r.Commitment == nil || r.Commitment.Article != tt.article) {
					continue
				}
				for _, e := range r.Evidence {
					if e.URL == "" || e.Method != axis.MethodManual {
						t.Errorf("evidence without URL or not manual: %+v", e)
					}
					if strings.Contains(strings.ToLower(e.Sentence), strings.ToLower(tt.word)) {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("%d %s relations, none with status %q, article %q and evidence mentioning %q", len(rels), tt.kind, tt.status, tt.article, tt.word)
			}
		})
	}
}

func TestStatusesHonest(t *testing.T) {
	f := parse(t)
	// China denies supplying lethal aid: some CHN -> RUS relation is denied.
	denied := false
	for _, r := range f.Relations {
		if r.Source == "CHN" && r.Target == "RUS" && r.Status == axis.Denied {
			denied = true
		}
	}
	if !denied {
		t.Error("no CHN -> RUS relation records China's denial")
	}
}
