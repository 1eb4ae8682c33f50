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

// TestHeldOut guards the answerer's overall quality on question sets
// written apart from its tuning, in four languages: the share answered
// with an acceptable fact first, and the share of out-of-scope
// questions it declines, must not fall below what they were when the
// sets were checked in.
//
// heldout.jsonl has 220 questions; its out-of-scope ones are mostly far
// from the article. nearmiss.jsonl (200, written on 29 Nov by helpers
// who saw only the article and the fact ids) asks in everyday words and
// typed without Kazakh letters, and its out-of-scope questions are near
// misses: the population of Kazakhstan, the year a university the
// article mentions was founded. Many of those are still answered with
// the nearest fact, hence the low bar. The fixes of the day it was
// written were found with it (91 → 96% in scope), so it is held out no
// longer; new sets should be written for that. everyday.jsonl (195,
// written the same way later that day, a fifth of its English with
// typos, colloquial Russian, Chinese with typos) went the same way:
// 89 → 96% in scope. voices.jsonl (197: teachers, students, journalists,
// tourists, people half-remembering a name) likewise: 89 → 95%.
// direct.jsonl (120: direct questions like the dev set's, with typos, in
// four languages) was scored before anything was changed for it: 94.9%
// in scope and 95.5% declined at the session's start, 98.0% and 100%
// after the day's last two changes, which it decided between.
// direct2.jsonl (120 more of the kind, written last) found two more:
// typos matched against the words as written, and questions made of
// question words alone. It was at 91.8% in scope (90.8% at the session's
// start) and 95.5% declined, then 94.9%. untuned.jsonl (120 more of the
// kind, written at the end of that session) was only scored, never tuned
// on: 96.9% in scope and 90.9% declined (95.9% and 86.4% at the
// session's start). Keep it so: write a new set to tune on. loose.jsonl
// (150, loosely phrased: bare names, "what's the deal with", described
// rather than named) was that set: 92.2 → 94.6% in scope.
func TestHeldOut(t *testing.T) {
	for _, tt := range []struct {
		file     string
		in, decl float64 // least shares: in scope right first, out of scope declined
	}{
		{"testdata/heldout.jsonl", 0.94, 0.85},
		{"testdata/nearmiss.jsonl", 0.94, 0.55},
		{"testdata/everyday.jsonl", 0.94, 0.84},
		{"testdata/voices.jsonl", 0.93, 0.88},
		{"testdata/direct.jsonl", 0.96, 0.95},
		{"testdata/direct2.jsonl", 0.93, 0.93},
		{"testdata/untuned.jsonl", 0.95, 0.86},
		{"testdata/loose.jsonl", 0.93, 0.85},
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
