package telegram

import (
	"context"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

// typingAtOnce makes the bot show "typing…" before every answer, for
// tests that check where the action goes.
func typingAtOnce(o *Options) { o.TypingDelay = -1 }

// TestE2ETypingWhileSlow checks that an answer that takes longer than
// TypingDelay shows "typing…" while it is being prepared, and that the
// action reaches the chat before the answer.
func TestE2ETypingWhileSlow(t *testing.T) {
	release := make(chan struct{})
	slow := func(h *bot.Handler) {
		h.Register(bot.Command{Name: "slow", Func: func(ctx context.Context, in *bot.Input) ([]bot.Reply, error) {
			select {
			case <-release:
			case <-ctx.Done():
			}
			return []bot.Reply{{HTML: "done at last"}}, nil
		}})
	}
	h := startBot(t, slow, func(o *Options) { o.TypingDelay = time.Millisecond })
	const user = 130
	h.send(telegramtest.TextMessage(user, user, "/slow"))
	h.waitCall("sendChatAction", func(c telegramtest.Call) bool {
		return c.Int64("chat_id") == user && c.Params["action"] == "typing"
	})
	if sent := h.srv.Sent(user); len(sent) != 0 {
		t.Fatalf("the bot answered %d times before the slow command finished", len(sent))
	}
	close(release)
	h.waitText(user, "done at last")
	order := []string{}
	for _, c := range h.srv.Calls() {
		if (c.Method == "sendChatAction" || c.Method == "sendMessage") && c.Int64("chat_id") == user {
			order = append(order, c.Method)
		}
	}
	if len(order) != 2 || order[0] != "sendChatAction" {
		t.Errorf("calls to the chat = %q, want [sendChatAction sendMessage]", order)
	}
}

// TestE2ENoTypingWhenQuick checks that an answer ready within
// TypingDelay goes out without a "typing…" action before it.
func TestE2ENoTypingWhenQuick(t *testing.T) {
	h := startBot(t, nil, func(o *Options) { o.TypingDelay = time.Hour })
	const user = 131
	h.send(telegramtest.TextMessage(user, user, "What is Khorgos?"))
	h.waitCall("sendMessage", func(c telegramtest.Call) bool { return c.Int64("chat_id") == user })
	if n := len(h.srv.CallsTo("sendChatAction")); n != 0 {
		t.Errorf("%d sendChatAction calls for a quick answer, want 0", n)
	}
}
