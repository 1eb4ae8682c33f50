package bot

import (
	"testing"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

// checkMessage checks that text is valid Telegram HTML within the length
// limit.
func checkMessage(t *testing.T, what, text string) {
	t.Helper()
	if err := telegramtest.CheckHTML(text); err != nil {
		t.Errorf("%s: invalid HTML: %v\n%s", what, err, text)
	}
	if n := textLen(text); n > MaxMessage {
		t.Errorf("%s: %d UTF-16 units, over %d", what, n, MaxMessage)
	}
}
