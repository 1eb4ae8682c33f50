package index

import (
	"testing"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// TestCloseTwice: closing an index twice (a /reload's delayed close of
// an index its owner closes too) is harmless.
func TestCloseTwice(t *testing.T) {
	base, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(base)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
}
