package index

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// heldOutCase is one question of testdata/heldout.jsonl: a question
// written apart from the tuning of the answerer, with the facts that
// answer it (none for out-of-scope questions).
type heldOutCase struct {
	Q   string   `json:"q"`
	Tag string   `json:"tag"`
	IDs []string `json:"ids"`
}

// TestHeldOut guards the answerer's quality on the question sets of
// testdata, in four languages: the share answered with an acceptable
// fact first, and the share of out-of-scope questions declined, must not
// fall more than a few points below their figures when the answering
// engine was last changed (refitting the model moves them by a point or
// two either way).
// EVAL.md tells each set's history: which were written apart from the
// code, which the model was fitted on (all but untuned, blind and
// kazakh), and their figures over time. blind.jsonl and untuned.jsonl
// were never tuned on: keep them so, and write a new set to tune on.
func TestHeldOut(t *testing.T) {
	for _, tt := range []struct {
		file     string
		in, decl float64 // least shares: in scope right first, out of scope declined
	}{
		{"testdata/heldout.jsonl", 0.88, 0.90},
		{"testdata/nearmiss.jsonl", 0.88, 0.88},
		{"testdata/everyday.jsonl", 0.87, 0.96},
		{"testdata/voices.jsonl", 0.85, 0.96},
		{"testdata/direct.jsonl", 0.94, 0.99},
		{"testdata/direct2.jsonl", 0.88, 0.99},
		{"testdata/untuned.jsonl", 0.87, 0.90},
		{"testdata/loose.jsonl", 0.87, 0.90},
		{"testdata/kazakh.jsonl", 0.78, 0.70},
		{"testdata/blind.jsonl", 0.82, 0.85},
	} {
		t.Run(tt.file, func(t *testing.T) { heldOut(t, tt.file, tt.in, tt.decl) })
	}
}

func heldOut(t *testing.T, file string, minIn, minDeclined float64) {
	ix := realIndex(t)
	var in, inOK, oos, oosOK int
	for _, c := range readCases(t, file) {
		res, err := ix.Answer(context.Background(), c.Q, "", 5)
		if err != nil {
			t.Fatalf("Answer(%q) error: %v", c.Q, err)
		}
		if strings.HasPrefix(c.Tag, "oos") {
			oos++
			if !res.Answered {
				oosOK++
			} else {
				t.Logf("out of scope but answered: %q -> %s", c.Q, res.Hits[0].Fact.ID)
			}
			continue
		}
		in++
		if res.Answered && slices.Contains(c.IDs, res.Hits[0].Fact.ID) {
			inOK++
		} else {
			t.Logf("missed: %q (want %v)", c.Q, c.IDs)
		}
	}
	t.Logf("in scope %d of %d right first, out of scope %d of %d declined", inOK, in, oosOK, oos)
	if got := float64(inOK) / float64(in); got < minIn {
		t.Errorf("in scope: %d of %d right first (%.1f%%), want at least %.0f%%", inOK, in, 100*got, 100*minIn)
	}
	if got := float64(oosOK) / float64(oos); got < minDeclined {
		t.Errorf("out of scope: %d of %d declined (%.1f%%), want at least %.0f%%", oosOK, oos, 100*got, 100*minDeclined)
	}
}

// readCases reads a question set, one heldOutCase per line.
func readCases(t *testing.T, file string) []heldOutCase {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cs []heldOutCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c heldOutCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s: bad line %q: %v", file, sc.Text(), err)
		}
		cs = append(cs, c)
	}
	return cs
}
