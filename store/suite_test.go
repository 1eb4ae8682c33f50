package store_test

import (
	"path/filepath"
	"testing"

	"github.com/silkroad-bot/silkroad/store"
	"github.com/silkroad-bot/silkroad/store/storetest"
)

func TestSuite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) func() store.Store {
		dir := filepath.Join(t.TempDir(), "data")
		return func() store.Store {
			db, err := store.Open(dir)
			if err != nil {
				t.Fatalf("Open(%s): %v", dir, err)
			}
			return db
		}
	})
}
