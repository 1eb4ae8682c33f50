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

// TestHeldOut guards the answerer's overall quality on 220 questions in
// four languages: the share answered with an acceptable fact first, and
// the share of out-of-scope questions it declines, must not fall below
// what they were when the set was written.
func TestHeldOut(t *testing.T) {
	f, err := os.Open("testdata/heldout.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ix := realIndex(t)
	var in, inOK, oos, oosOK int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c heldOutCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("bad line %q: %v", sc.Text(), err)
		}
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
	if got := float64(inOK) / float64(in); got < 0.92 {
		t.Errorf("in scope: %d of %d right first (%.1f%%), want at least 92%%", inOK, in, 100*got)
	}
	if got := float64(oosOK) / float64(oos); got < 0.80 {
		t.Errorf("out of scope: %d of %d declined (%.1f%%), want at least 80%%", oosOK, oos, 100*got)
	}
}
