package main

import (
	"os/exec"
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
