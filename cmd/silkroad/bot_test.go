package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/silkroad-bot/silkroad/config"
	"github.com/silkroad-bot/silkroad/store/postgres/pgtest"
)

// botEnv clears the bot's settings and runs the test in a fresh
// directory, so that no real .env is read.
func botEnv(t *testing.T, env map[string]string) {
	t.Helper()
	for _, v := range config.Vars {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	t.Chdir(t.TempDir())
	for k, v := range env {
		t.Setenv(k, v)
	}
}

func TestRunBadConfigExits2(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o600)
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"malformed token", map[string]string{"TELEGRAM_BOT_TOKEN": "12:short"}, nil, "TELEGRAM_BOT_TOKEN"},
		{"bad url", map[string]string{"TELEGRAM_API_BASE_URL": "not a url"}, nil, "TELEGRAM_API_BASE_URL"},
		{"unwritable data dir", map[string]string{"DATA_DIR": filepath.Join(file, "x")}, []string{"chat"}, "DATA_DIR"},
		{"serve without token", nil, []string{"serve"}, "@BotFather"},
		{"extra arguments", nil, []string{"chat", "now"}, "unexpected arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			botEnv(t, tt.env)
			var out, errOut bytes.Buffer
			code := run(context.Background(), tt.args, strings.NewReader(""), &out, &errOut)
			if code != exitUsage {
				t.Errorf("run(%q) = %d, want %d; stderr %q", tt.args, code, exitUsage, errOut.String())
			}
			msg := errOut.String()
			if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, tt.want) {
				t.Errorf("stderr = %q, want one line naming %s", msg, tt.want)
			}
			if strings.Contains(msg, "goroutine") || strings.Contains(msg, "panic") {
				t.Errorf("stderr holds a stack trace: %q", msg)
			}
		})
	}
}

func TestRunWithoutTokenStartsConsole(t *testing.T) {
	botEnv(t, nil)
	var out, errOut bytes.Buffer
	code := run(context.Background(), nil, strings.NewReader("/about\nHow long is the Western Europe–Western China corridor?\n"), &out, &errOut)
	if code != exitOK {
		t.Fatalf("run() = %d, stderr %q", code, errOut.String())
	}
	got := out.String()
	first, _, _ := strings.Cut(got, "\n")
	if !strings.Contains(first, "@BotFather") {
		t.Errorf("first line %q does not say how to get a token", first)
	}
	for _, want := range []string{"About silkroad", "8,445 km", "[1] More like this"} {
		if !strings.Contains(got, want) {
			t.Errorf("console output lacks %q:\n%s", want, got)
		}
	}
}

func TestRunChat(t *testing.T) {
	botEnv(t, map[string]string{"TELEGRAM_BOT_TOKEN": "123456789:AAH-abcdefghijklmnopqrstuvwxyz_0123"})
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"chat"}, strings.NewReader("/figures\n"), &out, &errOut)
	if code != exitOK {
		t.Fatalf("run(chat) = %d, stderr %q", code, errOut.String())
	}
	if strings.Contains(out.String(), "@BotFather") || !strings.Contains(out.String(), "The headline numbers") {
		t.Errorf("chat output:\n%s", out.String())
	}
}

func TestAskText(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"ask", "How long is the Western Europe–Western China corridor?"}, strings.NewReader(""), &out, &errOut)
	if code != exitOK {
		t.Fatalf("ask = %d, stderr %q", code, errOut.String())
	}
	if got := out.String(); !strings.Contains(got, "8,445 km") || strings.Contains(got, "<b>") {
		t.Errorf("ask printed %q, want the plain-text card", got)
	}
}

// TestBadDatabaseURLExits2: a database that is not there, or refuses the
// password, stops silkroad at start with one line that names the server
// and not the password, and exit code 2.
func TestBadDatabaseURLExits2(t *testing.T) {
	srv := pgtest.Start(t)
	srv.SQL(t, "CREATE ROLE operator LOGIN PASSWORD 'right'")
	for _, tt := range []struct{ name, url, want string }{
		{"nobody listening", "postgres://operator:s3cret@127.0.0.1:1/silkroad?connect_timeout=2", "cannot reach PostgreSQL at 127.0.0.1:1"},
		{"wrong password", srv.URL("postgres", "operator", "s3cret"), "password or user was refused"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			botEnv(t, map[string]string{"DATABASE_URL": tt.url, "DATA_DIR": t.TempDir()})
			var out, errOut bytes.Buffer
			code := run(context.Background(), []string{"chat"}, strings.NewReader(""), &out, &errOut)
			msg := errOut.String()
			if code != exitUsage {
				t.Errorf("exit code %d, want %d; stderr %q", code, exitUsage, msg)
			}
			if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "DATABASE_URL") || !strings.Contains(msg, tt.want) || strings.Contains(msg, "s3cret") {
				t.Errorf("stderr = %q, want one line naming DATABASE_URL with %q and no password", msg, tt.want)
			}
		})
	}
}
