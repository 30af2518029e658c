package inmem_test

import (
	"testing"

	"axis"
	"axis/inmem"
	"axis/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) axis.Store { return inmem.New() })
}
