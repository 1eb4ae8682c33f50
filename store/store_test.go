package store

import (
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/quiz"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func open(t *testing.T, dir string) *DB {
	t.Helper()
	db, err := Open(dir)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	return db
}

func question(id string) quiz.Question {
	return quiz.Question{ID: id, Question: "?", Options: []string{"a", "b"}, Correct: 1, Explanation: "b"}
}

func TestModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	db := open(t, dir)
	db.Close()
	check := func(path string, want os.FileMode) {
		t.Helper()
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("mode of %s = %v, want %v", path, got, want)
		}
	}
	check(dir, 0o700)
	check(filepath.Join(dir, FileName), 0o600)

	// Existing looser modes are tightened.
	os.Chmod(dir, 0o755)
	os.Chmod(filepath.Join(dir, FileName), 0o644)
	db = open(t, dir)
	db.Close()
	check(dir, 0o700)
	check(filepath.Join(dir, FileName), 0o600)
}

func TestOpenNeedsDir(t *testing.T) {
	if _, err := Open(""); err == nil {
		t.Error("Open(\"\") succeeded")
	}
}

// BenchmarkMarkHandled marks updates from 64 goroutines at once, as the
// bot does under load (it marks each update after answering it, without
// waiting), in a database in the test's temporary folder.
func BenchmarkMarkHandled(b *testing.B) {
	db, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var next atomic.Int64
	now := time.Now()
	b.SetParallelism(32)
	cpu0 := cpuTime(b)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			id := next.Add(1)
			if done, err := db.Handled(id); err != nil || done {
				b.Errorf("Handled(%d) = %v, %v before marking", id, done, err)
			}
			if first, err := db.MarkHandled(id, now); err != nil || !first {
				b.Errorf("MarkHandled(%d) = %v, %v", id, first, err)
			}
		}
	})
	b.ReportMetric(float64((cpuTime(b)-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
