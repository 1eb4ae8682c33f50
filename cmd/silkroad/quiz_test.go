package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestQuizJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"quiz", "--json"}, strings.NewReader(""), &out, &errOut); code != exitOK {
		t.Fatalf("silkroad quiz --json exited %d: %s", code, errOut.String())
	}
	var qs []map[string]json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &qs); err != nil {
		t.Fatalf("output is not a JSON array: %v", err)
	}
	if len(qs) < 80 {
		t.Errorf("got %d questions, want at least 80", len(qs))
	}
	want := []string{"id", "category", "difficulty", "question", "options", "correct", "explanation", "fact_ids"}
	for _, q := range qs {
		if len(q) != len(want) {
			t.Errorf("question %s has keys %d, want exactly %v", q["id"], len(q), want)
		}
		for _, k := range want {
			if _, ok := q[k]; !ok {
				t.Errorf("question %s lacks %q", q["id"], k)
			}
		}
	}
}
