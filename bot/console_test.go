package bot

import (
	"context"
	"io"
	"strings"
	"testing"
)

func TestConsoleScript(t *testing.T) {
	h := NewHandler(testIndex(t), WithSeed(1))
	var out strings.Builder
	script := strings.Join([]string{
		"/start",
		"1",  // the first topic
		"99", // no such button
		"How long is the Western Europe–Western China corridor?",
		"1", // More like this
		"/khorgos",
		"/projects",
		"5", // the fifth project... then paging:
		"/timeline",
		"9", // Next ▶
		"/nosuch",
	}, "\n")
	if err := NewConsole(h, &out).Run(context.Background(), strings.NewReader(script)); err != nil {
		t.Fatalf("Run: %v", err)
	}
	got := out.String()
	for _, want := range []string{
		"Type a number to press a button.",
		"[1] The Belt and Road",
		"The Belt and Road · Page 1 of",
		"There is no button 99 here.",
		"8,445 km",
		"[1] More like this",
		"More like “Western Europe–Western China: 8,445 km”",
		"📍 Khorgos International Centre",
		"Projects · Page 1 of",
		"Timeline · Page 2 of",
		"I don't know the command /nosuch",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("console output lacks %q", want)
		}
	}
	if strings.Contains(got, "<b>") || strings.Contains(got, "</") || strings.Contains(got, "&#") || strings.Contains(got, "&amp;") {
		t.Errorf("console output holds HTML:\n%s", got)
	}
}

func TestConsoleStopsOnCancel(t *testing.T) {
	h := NewHandler(testIndex(t))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, w := ioPipe()
	defer w.Close()
	if err := NewConsole(h, &strings.Builder{}).Run(ctx, r); err != nil {
		t.Errorf("Run after cancel = %v, want nil", err)
	}
}

// ioPipe is io.Pipe, named so the test reads plainly: a reader that
// never ends until the writer closes.
func ioPipe() (*io.PipeReader, *io.PipeWriter) { return io.Pipe() }
