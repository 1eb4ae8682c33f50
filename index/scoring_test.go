//go:build !race

// Fitting takes seconds, and ten times more under the race detector,
// which has nothing to find in it: these tests run without it.

package index

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// TestScoringIsFitted fits the model again to the sets the committed
// index/scoring.json names, and checks that it gives the same file: the
// coefficients are data fitted by `go generate ./index`, never edited by
// hand.
func TestScoringIsFitted(t *testing.T) {
	committed := DefaultScoring()
	if committed.Fit == nil || len(committed.Fit.Sets) == 0 {
		t.Fatal("scoring.json records no fit: run go generate ./index")
	}
	var cases []Case
	for _, name := range committed.Fit.Sets {
		f, err := os.Open(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		cs, err := ReadCases(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cases = append(cases, cs...)
	}
	base, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Train(context.Background(), base, cases, committed, committed.Fit.Sets)
	if err != nil {
		t.Fatal(err)
	}
	want, err := committed.MarshalIndent()
	if err != nil {
		t.Fatal(err)
	}
	data, err := got.MarshalIndent()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, want) {
		t.Errorf("fitting again gives another scoring.json (the knowledge base, the features or the sets changed): run go generate ./index\n%s", got.Fit)
	}
	// The cross-validated figures, which EVAL.md reports, stay sound.
	if r := got.Fit; r.Right < 0.8 || r.Declined < 0.85 || r.RightFirst < 0.93 {
		t.Errorf("cross-validated figures fell: %s", r)
	}
}
