package telegram

import (
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
)

// cbFact is the callback kind of a fact card's button (bot's "f|factID").
const cbFact = "f"

var (
	ixOnce sync.Once
	ixVal  *index.Index
	ixErr  error
)

// testIndex is the real knowledge base's index, built once per test run.
func testIndex(t testing.TB) *index.Index {
	t.Helper()
	ixOnce.Do(func() {
		base, err := knowledge.Default()
		if err != nil {
			ixErr = err
			return
		}
		ixVal, ixErr = index.Build(base)
	})
	if ixErr != nil {
		t.Fatalf("build index: %v", ixErr)
	}
	return ixVal
}

// checkMessage checks that text is valid Telegram HTML within the length
// limit.
func checkMessage(t *testing.T, what, text string) {
	t.Helper()
	if err := telegramtest.CheckHTML(text); err != nil {
		t.Errorf("%s: invalid HTML: %v\n%s", what, err, text)
	}
	if n := textLen(text); n > bot.MaxMessage {
		t.Errorf("%s: %d UTF-16 units, over %d", what, n, bot.MaxMessage)
	}
}

// textLen is the length of s in UTF-16 units, Telegram's unit.
func textLen(s string) int { return len(utf16.Encode([]rune(s))) }

// plainText is text as the chat shows it: without tags, entities decoded.
func plainText(s string) string { return bot.PlainText(s) }
