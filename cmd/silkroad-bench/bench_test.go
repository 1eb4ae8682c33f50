package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// silkroad is the bot under load, built once for the package's tests.
var silkroad string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "silkroad-bench-test-*")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		silkroad = filepath.Join(dir, "silkroad")
		if out, err := exec.Command("go", "build", "-o", silkroad, "../silkroad").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "go build ../silkroad: %v\n%s", err, out)
			return 1
		}
		return m.Run()
	}())
}

// TestBenchSmoke runs a tiny load through the real bot in its own
// process and checks that the report is sane, not how fast anything is.
func TestBenchSmoke(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rep, err := bench(ctx, benchConfig{
		Updates:       12,
		Chats:         3,
		RateLimitsOff: true,
		Command:       []string{silkroad, "serve"},
	})
	if err != nil {
		t.Fatalf("bench: %v", err)
	}
	if rep.Replied != 12 || rep.Updates != 12 || rep.Chats != 3 || rep.RateLimits != "off" {
		t.Errorf("report counts = %d replied of %d from %d chats, limits %s; want 12 of 12 from 3, off",
			rep.Replied, rep.Updates, rep.Chats, rep.RateLimits)
	}
	checks := []struct {
		name string
		v    float64
	}{
		{"ready_ms", rep.ReadyMS}, {"updates_per_s", rep.PerSec}, {"p50_ms", rep.P50MS},
		{"peak_rss_mb", rep.PeakRSSMB}, {"hwm_mb", rep.HWMMB},
		{"bare_http_per_s", rep.BarePerSec}, {"fraction_of_bare", rep.Fraction},
	}
	for _, c := range checks {
		if !(c.v > 0) {
			t.Errorf("%s = %v, want > 0", c.name, c.v)
		}
	}
	if rep.P50MS > rep.P99MS || rep.P99MS > rep.MaxMS {
		t.Errorf("percentiles out of order: p50 %v, p99 %v, max %v", rep.P50MS, rep.P99MS, rep.MaxMS)
	}
	if rep.BotCalls < rep.Updates {
		t.Errorf("bot_api_calls = %d, want at least a reply per update", rep.BotCalls)
	}
	// Not a bound on the value: with 12 updates, timing decides it.
	if want := rep.PerSec / rep.BarePerSec; math.Abs(rep.Fraction-want) > 1e-9*want {
		t.Errorf("fraction_of_bare = %v, want updates_per_s / bare_http_per_s = %v", rep.Fraction, want)
	}
}

// TestBenchVotesSmoke runs `silkroad-bench --class` on three small classes and
// checks that every vote was counted and the report is sane.
func TestBenchVotesSmoke(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rep, err := benchVotes(ctx, benchConfig{
		Chats:         4,
		RateLimitsOff: true,
		Timeout:       30 * time.Second,
		Command:       []string{silkroad, "serve"},
	}, 3, 7)
	if err != nil {
		t.Fatalf("bench --class: %v", err)
	}
	if rep.Votes != 21 || rep.Counted != 21 || rep.Replicas != 1 {
		t.Errorf("report: %d of %d votes counted on %d bots; want 21 of 21 on 1", rep.Counted, rep.Votes, rep.Replicas)
	}
	if !(rep.PerSec > 0) || rep.P50MS > rep.P99MS || rep.P99MS > rep.MaxMS {
		t.Errorf("report: %v votes/s, p50 %v, p99 %v, max %v", rep.PerSec, rep.P50MS, rep.P99MS, rep.MaxMS)
	}
}

func TestBenchFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--rate-limits", "maybe"}, "on or off"},
		{[]string{"-n", "0"}, "at least 1"},
		{[]string{"--chats", "-1"}, "at least 1"},
		{[]string{"--class", "-3"}, "--class must be"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		code := run(context.Background(), tt.args, &out, &errOut)
		if code != exitUsage || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("silkroad-bench %q = %d, stderr %q; want %d naming %q", tt.args, code, errOut.String(), exitUsage, tt.want)
		}
	}
}

func TestBenchReportJSON(t *testing.T) {
	raw, err := json.Marshal(benchReport{Updates: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"updates_per_s", "p99_ms", "ready_ms", "peak_rss_mb", "fraction_of_bare"} {
		if !strings.Contains(string(raw), `"`+key+`"`) {
			t.Errorf("report JSON %s lacks %q", raw, key)
		}
	}
}
