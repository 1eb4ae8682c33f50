package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/console"
	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/quiz"
	"github.com/silkroad-bot/silkroad/store"
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
	want := []string{"id", "category", "difficulty", "question", "options", "correct", "explanation", "fact_ids", "i18n"}
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
	db, err := openStore(t.Context(), dir, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := enableQuiz(h, db); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("DATA_DIR mode = %v, %v; want 0700", fi.Mode().Perm(), err)
	}
	var out bytes.Buffer
	console.New(h, &out).Say(context.Background(), "/quiz finance 1")
	if !strings.Contains(out.String(), "Question 1 of 1") {
		t.Errorf("console /quiz printed:\n%s", out.String())
	}
}

// TestRunChatQuiz takes a quiz in `silkroad chat`: /quiz asks the first
// question with numbered options, and typing 1 answers it.
func TestRunChatQuiz(t *testing.T) {
	botEnv(t, map[string]string{"DATA_DIR": filepath.Join(t.TempDir(), "data")})
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"chat"}, strings.NewReader("/quiz\n1\n"), &out, &errOut)
	if code != exitOK {
		t.Fatalf("run(chat) = %d, stderr %q", code, errOut.String())
	}
	got := out.String()
	for _, want := range []string{"Practice quiz", "Question 1 of 10", "[1] ", "Your answer: ", "Question 2 of 10"} {
		if !strings.Contains(got, want) {
			t.Errorf("chat output lacks %q:\n%s", want, got)
		}
	}
	if !strings.Contains(got, "Right!") && !strings.Contains(got, "Not quite.") {
		t.Errorf("chat output has no verdict:\n%s", got)
	}
}

// TestRunChatStoreBusy runs the console chat on a DATA_DIR whose store
// another process holds: it fails with one line that names DATA_DIR.
func TestRunChatStoreBusy(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	botEnv(t, map[string]string{"DATA_DIR": dir})
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"chat"}, strings.NewReader("/quiz\n"), &out, &errOut)
	if code == exitOK || !strings.Contains(errOut.String(), "DATA_DIR "+dir) || strings.Count(errOut.String(), "\n") != 1 {
		t.Errorf("run(chat) on a busy store = %d, stderr %q; want a one-line error naming DATA_DIR", code, errOut.String())
	}
}

// TestServeQuizInRussian runs `silkroad serve` against a fake Bot API: a
// Russian-speaking teacher's /quiz in a group gets a class quiz whose
// poll is in Russian, and the bot stops cleanly with its quiz loop.
func TestServeQuizInRussian(t *testing.T) {
	srv := telegramtest.New(t, serveToken)
	botEnv(t, map[string]string{
		"TELEGRAM_BOT_TOKEN":    serveToken,
		"TELEGRAM_API_BASE_URL": srv.URL,
		"DATA_DIR":              filepath.Join(t.TempDir(), "data"),
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	var out, errOut bytes.Buffer
	go func() { done <- run(ctx, []string{"serve"}, strings.NewReader(""), &out, &errOut) }()

	srv.PushUpdate(telegramtest.InLanguage(telegramtest.Command(-100500, 77, "quiz", "2"), "ru"))
	wait, stop := context.WithTimeout(context.Background(), 20*time.Second)
	defer stop()
	call, err := srv.WaitFor(wait, "sendPoll", nil)
	if err != nil {
		cancel()
		<-done
		t.Fatalf("no poll: %v\nstderr:\n%s", err, errOut.String())
	}
	base, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	bank, err := quiz.NewBank(base)
	if err != nil {
		t.Fatal(err)
	}
	question, found := call.Params["question"], false
	for _, q := range bank.Questions {
		if tr, ok := q.I18n["ru"]; ok && strings.HasSuffix(question, " "+tr.Question) && call.Params["explanation"] == tr.Explanation {
			found = true
		}
	}
	if !found {
		t.Errorf("poll question %q (explanation %q) is not a Russian question of the bank", question, call.Params["explanation"])
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exited %d, stderr:\n%s", code, errOut.String())
		}
	case <-wait.Done():
		t.Fatal("serve did not stop")
	}
}

// serveToken is a well-formed token for TestServeQuizInRussian.
const serveToken = "7000000003:AAH-serve_quiz_token_0123456789abcdef"
