package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

// hasScript reports whether s holds a letter of the script.
func hasScript(s string, script *unicode.RangeTable) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(script, r) }) >= 0
}

// TestAskJSONLanguages checks that `ask --json` reports the language it
// answered in and gives the title and text in it, whether the language
// is forced with --lang or read from the question.
func TestAskJSONLanguages(t *testing.T) {
	tests := []struct {
		args   []string
		lang   string
		script *unicode.RangeTable
	}{
		{[]string{"--lang", "ru", "How long is the corridor?"}, "ru", unicode.Cyrillic},
		{[]string{"--lang", "kk", "How many shops are in Khorgos?"}, "kk", unicode.Cyrillic},
		{[]string{"--lang", "zh", "How many shops are in Khorgos?"}, "zh", unicode.Han},
		{[]string{"Сколько магазинов в Хоргосе?"}, "ru", unicode.Cyrillic},
		{[]string{"Қорғаста қанша дүкен бар?"}, "kk", unicode.Cyrillic},
		{[]string{"霍尔果斯有多少家商铺？"}, "zh", unicode.Han},
		{[]string{"How many shops are in Khorgos?"}, "en", unicode.Latin},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		args := append([]string{"ask", "--json"}, tt.args...)
		if code := run(context.Background(), args, strings.NewReader(""), &out, &errOut); code != exitOK {
			t.Fatalf("%v = %d, stderr %q", args, code, errOut.String())
		}
		var got jsonAnswer
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out.String())
		}
		if got.Lang != tt.lang {
			t.Errorf("%v: lang %q, want %q", args, got.Lang, tt.lang)
		}
		if !got.Answered || len(got.Answers) == 0 {
			t.Errorf("%v: not answered", args)
			continue
		}
		a := got.Answers[0]
		if !hasScript(a.Title, tt.script) || !hasScript(a.Text, tt.script) {
			t.Errorf("%v: answer not in %s: %q / %q", args, tt.lang, a.Title, a.Text)
		}
		if tt.lang == "kk" && !strings.ContainsAny(a.Title+a.Text, "әғқңөұүһі") {
			t.Errorf("%v: Kazakh answer without Kazakh letters: %q", args, a.Text)
		}
	}
}

// TestFactsJSONHasTranslations checks that `facts --json` gives every
// fact an "i18n" object with a Russian, Kazakh and Chinese title and
// text, and keeps the top-level title and text English.
func TestFactsJSONHasTranslations(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"facts", "--json"}, strings.NewReader(""), &out, &errOut); code != exitOK {
		t.Fatalf("facts --json = %d, stderr %q", code, errOut.String())
	}
	var facts []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Text  string `json:"text"`
		I18n  map[string]struct {
			Title string `json:"title"`
			Text  string `json:"text"`
		} `json:"i18n"`
	}
	if err := json.Unmarshal(out.Bytes(), &facts); err != nil {
		t.Fatal(err)
	}
	if len(facts) == 0 {
		t.Fatal("no facts")
	}
	scripts := map[string]*unicode.RangeTable{"ru": unicode.Cyrillic, "kk": unicode.Cyrillic, "zh": unicode.Han}
	for _, f := range facts {
		if hasScript(f.Title, unicode.Cyrillic) || hasScript(f.Text, unicode.Han) {
			t.Errorf("fact %s: top-level title or text is not English: %q", f.ID, f.Title)
		}
		for lang, script := range scripts {
			tr, ok := f.I18n[lang]
			if !ok {
				t.Errorf("fact %s: no i18n.%s", f.ID, lang)
				continue
			}
			if !hasScript(tr.Title, script) || !hasScript(tr.Text, script) {
				t.Errorf("fact %s: i18n.%s is not in its script: %q / %q", f.ID, lang, tr.Title, tr.Text)
			}
		}
	}
}

// langToken is a well-formed token for the /lang test's fake server.
const langToken = "7000000003:AAH-lang_test_token_0123456789abcdefgh"

// TestServeKeepsLangAcrossRestarts runs `silkroad serve` against a fake
// Bot API, chooses Kazakh with /lang, stops it, starts it again on the
// same DATA_DIR, and checks that an English question is answered in
// Kazakh. It also checks the command menu is set for each language.
func TestServeKeepsLangAcrossRestarts(t *testing.T) {
	srv := telegramtest.New(t, langToken)
	botEnv(t, map[string]string{
		"TELEGRAM_BOT_TOKEN":    langToken,
		"TELEGRAM_API_BASE_URL": srv.URL,
		"DATA_DIR":              filepath.Join(t.TempDir(), "data"),
		"LOG_LEVEL":             "error",
	})
	wait, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	serve := func() func() {
		ctx, stop := context.WithCancel(context.Background())
		done := make(chan int, 1)
		var errOut bytes.Buffer
		go func() { done <- run(ctx, []string{"serve"}, strings.NewReader(""), io.Discard, &errOut) }()
		return func() {
			stop()
			select {
			case code := <-done:
				if code != exitOK {
					t.Errorf("serve = %d, stderr %q", code, errOut.String())
				}
			case <-time.After(time.Minute):
				t.Fatal("serve did not stop")
			}
		}
	}
	const user = 4242
	stop := serve()
	id := srv.PushUpdate(telegramtest.Command(user, user, "lang", "kk"))
	if _, err := srv.WaitFor(wait, "sendMessage", func(c telegramtest.Call) bool {
		return strings.Contains(c.Params["text"], "қазақша жауап беремін")
	}); err != nil {
		t.Fatal(err)
	}
	// Once /lang is confirmed, the second run cannot see it again: only
	// the store can carry the choice over.
	if _, err := srv.WaitFor(wait, "getUpdates", func(c telegramtest.Call) bool { return c.Int64("offset") > int64(id) }); err != nil {
		t.Fatal(err)
	}
	// The menu is set beside the first updates: wait for it before the
	// stop, which would cut it short.
	calls, err := srv.WaitN(wait, "setMyCommands", 4)
	if err != nil {
		t.Fatal(err)
	}
	stop()
	codes := map[string]bool{}
	for _, c := range calls {
		codes[c.Params["language_code"]] = true
	}
	for _, code := range []string{"", "ru", "kk", "zh"} {
		if !codes[code] {
			t.Errorf("no setMyCommands for language_code %q", code)
		}
	}

	stop = serve()
	defer stop()
	srv.PushUpdate(telegramtest.TextMessage(user, user, "How many shops are in Khorgos?"))
	if _, err := srv.WaitFor(wait, "sendMessage", func(c telegramtest.Call) bool {
		return c.Int64("chat_id") == user && strings.Contains(c.Params["text"], "Дереккөз:")
	}); err != nil {
		t.Fatalf("after the restart: %v; sent %q", err, srv.Texts(user))
	}
}

// TestConsoleKeepsLangAcrossRestarts: /lang in the console chat is kept
// in DATA_DIR, as a Telegram chat's is, so the next start answers in the
// chosen language.
func TestConsoleKeepsLangAcrossRestarts(t *testing.T) {
	question := "How long is the Western Europe–Western China corridor?\n"
	for _, tt := range []struct{ lang, source string }{
		{"ru", "Источник:"}, {"kk", "Дереккөз:"}, {"zh", "来源："},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			botEnv(t, map[string]string{"DATA_DIR": t.TempDir()})
			chat := func(input string) string {
				t.Helper()
				var out, errOut bytes.Buffer
				if code := run(context.Background(), []string{"chat"}, strings.NewReader(input), &out, &errOut); code != exitOK {
					t.Fatalf("chat = %d, stderr %q", code, errOut.String())
				}
				return out.String()
			}
			if got := chat(question); !strings.Contains(got, "8,445 km") || strings.Contains(got, tt.source) {
				t.Fatalf("before /lang %s, the answer is not the English card:\n%s", tt.lang, got)
			}
			chat("/lang " + tt.lang + "\n")
			if got := chat(question); !strings.Contains(got, tt.source) {
				t.Errorf("after /lang %s and a restart, an English question is not answered in that language:\n%s", tt.lang, got)
			}
		})
	}
}
