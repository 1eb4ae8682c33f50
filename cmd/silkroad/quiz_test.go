package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/silkroad-bot/silkroad/bot"
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

func TestEnableQuizConsole(t *testing.T) {
	ix, err := loadIndex()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	h := bot.NewHandler(ix)
	dir := filepath.Join(t.TempDir(), "data")
	if _, db, err := enableQuiz(h, dir); err != nil {
		t.Fatal(err)
	} else {
		defer db.Close()
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("DATA_DIR mode = %v, %v; want 0700", fi.Mode().Perm(), err)
	}
	var out bytes.Buffer
	bot.NewConsole(h, &out).Say(context.Background(), "/quiz finance 1")
	if !strings.Contains(out.String(), "Question 1 of 1") {
		t.Errorf("console /quiz printed:\n%s", out.String())
	}
}
