package baseline

import (
	"axis"
	"axis/gazetteer"
)

// knownActors are the actors a new store starts with: the gazetteer's. A
// baseline code the gazetteer lacks makes the load tests fail.
func knownActors() []axis.Actor { return gazetteer.Actors() }
