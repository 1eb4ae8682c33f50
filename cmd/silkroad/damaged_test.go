package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/silkroad-bot/silkroad/store"
)

// TestDamagedDatabaseExits starts the console chat on a DATA_DIR whose
// database is garbage: silkroad says in one line that the file is
// damaged and what to do, and exits with 2, without a stack trace.
func TestDamagedDatabaseExits(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, store.FileName)
	if err := os.WriteFile(path, bytes.Repeat([]byte("not a database "), 4096), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DATA_DIR", dir)
	t.Setenv("TELEGRAM_BOT_TOKEN", "")
	t.Chdir(t.TempDir()) // no .env
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"chat"}, strings.NewReader(""), &stdout, &stderr)
	if code != exitUsage {
		t.Errorf("exit code %d, want %d", code, exitUsage)
	}
	out := stderr.String()
	want := path + " is damaged: move it aside to start afresh (quiz history and language choices will be lost)"
	if !strings.Contains(out, want) {
		t.Errorf("stderr %q, want it to say %q", out, want)
	}
	if n := strings.Count(strings.TrimSpace(out), "\n"); n > 0 || strings.Contains(out, "goroutine") {
		t.Errorf("stderr has %d more lines than one:\n%s", n, out)
	}
}
