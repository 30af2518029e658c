package scenario

import (
	"strings"

	"axis"
)

// Trigger is the incident a cascade starts from: Attacker attacks Target in
// Theater (the target's first home theater when empty) on Date.
type Trigger struct {
	Attacker string    `json:"attacker"`
	Target   string    `json:"target"`
	Theater  string    `json:"theater,omitempty"`
	Date     axis.Date `json:"date"`
}

// TriggerForm is the accepted trigger syntax, for error messages.
const TriggerForm = `"ATTACKER attacks TARGET [in THEATER] [on DATE]", e.g. "CHN attacks TWN in east_asia on 2027-05-01"`

// ParseTrigger parses "CHN attacks TWN [in east_asia] [on 2027-05-01]".
// The verb may also be "invades" or "strikes"; codes are upper-cased.
func ParseTrigger(s string) (Trigger, error) {
	f := strings.Fields(s)
	bad := func(why string) (Trigger, error) {
		return Trigger{}, axis.FieldErrorf(axis.EINVALID, "trigger", "%s in %q; use %s", why, s, TriggerForm)
	}
	if len(f) < 3 {
		return bad("too few words")
	}
	switch strings.ToLower(f[1]) {
	case "attacks", "invades", "strikes":
	default:
		return bad("unknown verb " + `"` + f[1] + `"`)
	}
	t := Trigger{Attacker: strings.ToUpper(f[0]), Target: strings.ToUpper(f[2])}
	if !axis.ValidActorCode(t.Attacker) || !axis.ValidActorCode(t.Target) {
		return bad("actor codes must be 2-24 upper-case letters, digits or _")
	}
	if t.Attacker == t.Target {
		return bad("attacker and target are the same")
	}
	rest := f[3:]
	for len(rest) > 0 {
		if len(rest) < 2 {
			return bad("dangling " + `"` + rest[0] + `"`)
		}
		switch strings.ToLower(rest[0]) {
		case "in":
			if !axis.ValidTheater(rest[1]) {
				return Trigger{}, axis.FieldErrorf(axis.EINVALID, "trigger", "unknown theater %q; valid: %s", rest[1], strings.Join(axis.Theaters, ", "))
			}
			t.Theater = rest[1]
		case "on":
			d, err := axis.ParseDate(rest[1])
			if err != nil {
				return bad("bad date " + `"` + rest[1] + `"`)
			}
			t.Date = d
		default:
			return bad("unexpected " + `"` + rest[0] + `"`)
		}
		rest = rest[2:]
	}
	return t, nil
}

// String writes the trigger in the form ParseTrigger reads.
func (t Trigger) String() string {
	s := t.Attacker + " attacks " + t.Target
	if t.Theater != "" {
		s += " in " + t.Theater
	}
	if !t.Date.IsZero() {
		s += " on " + t.Date.String()
	}
	return s
}
