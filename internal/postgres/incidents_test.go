package postgres_test

import (
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/storetest"
)

func TestIncidents(t *testing.T) {
	serverDSN(t)
	storetest.RunIncidents(t, func(t *testing.T) event.Store { return open(t) })
}
