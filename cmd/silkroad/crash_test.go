package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/config"
)

// crashToken is a well-formed token for the crash test's fake server.
const crashToken = "7000000002:AAH-crash_test_token_0123456789abcdef"

// TestCrashRestart builds the real binary, runs `silkroad serve` against
// a fake Bot API, kills it with SIGKILL in the middle of a run and starts
// it again on the same DATA_DIR. No update may be lost, and only those
// the first run answered whose handled marks it had not yet written (a
// worker does not wait for its mark: marks are written together) may be
// answered again, once, by the second run; none twice by one run.
func TestCrashRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	srv := telegramtest.New(t, crashToken)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	env := []string{
		"TELEGRAM_BOT_TOKEN=" + crashToken,
		"TELEGRAM_API_BASE_URL=" + srv.URL,
		"DATA_DIR=" + filepath.Join(tmp, "data"),
		"LOG_LEVEL=info",
		"WORKERS=" + "8",
		"FLOOD_LIMIT=0",
		// 100 answers a second overall, so that the run lasts long
		// enough to be killed in the middle.
		"RATE_GLOBAL=100/s", "RATE_GLOBAL_BURST=1",
	}
	env = append(env, settingsFree()...)
	start := func(name string) (*exec.Cmd, *lockedBuffer) {
		cmd := exec.Command(bin, "serve")
		cmd.Dir = tmp // no .env there
		cmd.Env = env
		logs := &lockedBuffer{}
		cmd.Stderr = logs
		if err := cmd.Start(); err != nil {
			t.Fatalf("start %s: %v", name, err)
		}
		return cmd, logs
	}

	const chats = 300
	for i := range chats {
		chat := int64(50000 + i)
		srv.PushUpdate(telegramtest.TextMessage(chat, chat, "What is Khorgos?"))
	}
	first, logs1 := start("first run")
	if _, err := srv.WaitN(ctx, "sendMessage", 60); err != nil {
		first.Process.Kill()
		first.Wait()
		t.Fatalf("first run: %v\n%s", err, logs1)
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	answered := len(srv.CallsTo("sendMessage"))
	t.Logf("killed after %d answers", answered)
	if answered >= chats {
		t.Fatalf("the first run answered everything before the kill; the test proves nothing")
	}

	second, logs2 := start("second run")
	defer func() {
		second.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- second.Wait() }()
		select {
		case <-done:
		case <-time.After(time.Minute):
			second.Process.Kill()
			<-done
			t.Errorf("the second run did not stop on SIGTERM")
		}
		if strings.Contains(logs1.String()+logs2.String(), crashToken) {
			t.Errorf("the token appears in the logs")
		}
	}()
	for i := range chats {
		chat := int64(50000 + i)
		if _, err := srv.WaitFor(ctx, "sendMessage", func(c telegramtest.Call) bool { return c.Int64("chat_id") == chat }); err != nil {
			t.Fatalf("chat %d never answered (update lost): %v\nsecond run:\n%s", chat, err, logs2)
		}
	}
	// Wait until the second run confirms the last update: then nothing is
	// in flight and every duplicate has been sent.
	last := chats // ids start at 1
	if _, err := srv.WaitFor(ctx, "getUpdates", func(c telegramtest.Call) bool { return c.Int64("offset") > int64(last) }); err != nil {
		t.Fatalf("confirming the last update: %v", err)
	}
	at := map[int64][]int{} // chat -> indexes of its answers among all
	for i, c := range srv.CallsTo("sendMessage") {
		at[c.Int64("chat_id")] = append(at[c.Int64("chat_id")], i)
	}
	twice := 0
	for chat, is := range at {
		switch {
		case len(is) > 2:
			t.Errorf("chat %d answered %d times", chat, len(is))
		case len(is) == 2 && (is[0] >= answered || is[1] < answered):
			t.Errorf("chat %d answered twice, not once by each run (answers %v, the first run's last %d)", chat, is, answered-1)
		}
		twice += len(is) - 1
	}
	t.Logf("answered twice: %d (answered by the first run, their marks not yet written at the kill)", twice)
	if !strings.Contains(logs2.String(), "skipping an update handled before") && answered > 0 {
		t.Logf("second run skipped nothing: the first run confirmed all it handled")
	}
}

// buildBinary builds silkroad into dir and returns its path; without a
// go command the test is skipped.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the binary with")
	}
	bin := filepath.Join(dir, "silkroad")
	if out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// settingsFree is the test process's environment without silkroad's
// settings, which a test sets itself.
func settingsFree() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !isSetting(name) {
			env = append(env, kv)
		}
	}
	return env
}

// isSetting reports whether name is one of silkroad's settings, which the
// test sets itself.
func isSetting(name string) bool {
	for _, v := range config.Vars {
		if v == name {
			return true
		}
	}
	return false
}

// lockedBuffer collects a child process's output, which os/exec writes
// from its own goroutine while the test reads it.
type lockedBuffer struct {
	mu      sync.Mutex // guards b and written
	b       strings.Builder
	written chan struct{} // closed on the next write
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.written != nil {
		close(l.written)
		l.written = nil
	}
	return l.b.Write(p)
}

// saidFrom reports whether substr was written at or after byte offset
// from, and returns a channel closed at the next write.
func (l *lockedBuffer) saidFrom(substr string, from int) (bool, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if strings.Contains(l.b.String()[min(from, l.b.Len()):], substr) {
		return true, nil
	}
	if l.written == nil {
		l.written = make(chan struct{})
	}
	return false, l.written
}

// waitFor waits until substr is written at or after byte offset from;
// it reports false if ctx ends first.
func (l *lockedBuffer) waitFor(ctx context.Context, substr string, from int) bool {
	return firstToSay(ctx, []*lockedBuffer{l}, substr, from) == 0
}

// firstToSay waits until one of logs has written substr at or after
// byte offset from, and returns its index, or -1 if ctx ends first.
func firstToSay(ctx context.Context, logs []*lockedBuffer, substr string, from int) int {
	for {
		woke := make(chan struct{}, len(logs))
		stop := make(chan struct{})
		for i, l := range logs {
			said, written := l.saidFrom(substr, from)
			if said {
				close(stop)
				return i
			}
			go func() {
				select {
				case <-written:
					woke <- struct{}{}
				case <-stop:
				}
			}()
		}
		select {
		case <-woke:
			close(stop)
		case <-ctx.Done():
			close(stop)
			return -1
		}
	}
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
