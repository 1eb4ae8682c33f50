package telegramtest_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

// A bot under test talks to the server like to Telegram; the test pushes
// updates and waits for the replies.
func Example() {
	s := telegramtest.NewServer("123:abc")
	defer s.Close()

	bot, err := tgbotapi.NewBotAPIWithClient("123:abc", s.Endpoint(), http.DefaultClient)
	if err != nil {
		fmt.Println(err)
		return
	}
	go func() { // a minimal bot: greet on /start
		offset := 0
		for {
			updates, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: offset, Timeout: 30})
			if err != nil {
				return // the server closed
			}
			for _, u := range updates {
				offset = u.UpdateID + 1
				if u.Message != nil && u.Message.Command() == "start" {
					_, _ = bot.Send(tgbotapi.NewMessage(u.Message.Chat.ID, "Welcome, "+u.Message.From.FirstName))
				}
			}
		}
	}()

	s.PushUpdate(telegramtest.Command(42, 42, "start"))

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	reply, err := s.WaitFor(ctx, "sendMessage", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(reply.Params["chat_id"], reply.Params["text"])
	// Output: 42 Welcome, User42
}
