package sqlite_test

import (
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/storetest"
)

func TestIncidents(t *testing.T) {
	storetest.RunIncidents(t, func(t *testing.T) event.Store { return open(t) })
}
