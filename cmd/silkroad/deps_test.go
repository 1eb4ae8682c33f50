package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestLinksNoTestCode checks that the deployed binary links no test
// code: the fake Bot API and the load tool live in cmd/silkroad-bench.
func TestLinksNoTestCode(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the dependencies with")
	}
	out, err := exec.Command(goBin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	for _, pkg := range []string{"testing", "net/http/httptest", "github.com/silkroad-bot/silkroad/bot/telegramtest"} {
		if slices.Contains(deps, pkg) {
			t.Errorf("silkroad links %s; test code belongs in tests or cmd/silkroad-bench", pkg)
		}
	}
}

// TestLayers checks that the packages depend on each other only along
// the path knowledge → index → bot → transport: the core (bot) knows no
// Telegram, and the layers under it know no bot.
func TestLayers(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the dependencies with")
	}
	const mod = "github.com/silkroad-bot/silkroad/"
	for _, tt := range []struct {
		pkg    string
		forbid []string
	}{
		{"bot", []string{"github.com/go-telegram-bot-api/telegram-bot-api/v5", mod + "bot/telegram", mod + "bot/telegramtest"}},
		{"index", []string{mod + "bot", mod + "quiz"}},
		{"quiz", []string{mod + "bot", mod + "index"}},
		{"knowledge", []string{mod + "bot", mod + "index", mod + "quiz"}},
		{"store", []string{mod + "bot"}},
	} {
		out, err := exec.Command(goBin, "list", "-deps", "../../"+tt.pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", tt.pkg, err)
		}
		deps := strings.Fields(string(out))
		for _, f := range tt.forbid {
			if slices.Contains(deps, f) {
				t.Errorf("package %s depends on %s", tt.pkg, f)
			}
		}
	}
}

// TestNoLongFiles: no production Go file of the module is over 500
// lines, so that each file does one job a reader can hold in mind.
func TestNoLongFiles(t *testing.T) {
	const maxLines = 500
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != "../.." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if n := bytes.Count(raw, []byte("\n")); n > maxLines {
			t.Errorf("%s has %d lines, over %d: split it by job", path, n, maxLines)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
