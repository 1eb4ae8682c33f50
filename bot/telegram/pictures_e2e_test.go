package telegram

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

// pressButton waits for a message to chat that holds text, with a
// button whose text holds label, presses it, and waits until the press
// is handled.
func (b *quizBot) pressButton(chat int64, text, label string) {
	b.t.Helper()
	b.pressButtonIn(chat, text, label, telegramtest.DefaultLanguage)
}

// pressButtonIn presses the button as a user whose Telegram is in lang.
func (b *quizBot) pressButtonIn(chat int64, text, label, lang string) {
	b.t.Helper()
	c, err := b.srv.WaitFor(waitCtx(b.t), "", func(c telegramtest.Call) bool {
		return c.Int64("chat_id") == chat && strings.Contains(c.Params["text"], text) && strings.Contains(c.Params["reply_markup"], label)
	})
	if err != nil {
		b.t.Fatalf("no button %q in chat %d: %v", label, chat, err)
	}
	m, err := c.Message()
	if err != nil {
		b.t.Fatal(err)
	}
	for _, row := range m.ReplyMarkup.InlineKeyboard {
		for _, k := range row {
			if strings.Contains(k.Text, label) && k.CallbackData != nil {
				b.push(telegramtest.InLanguage(telegramtest.Callback(chat, chat, m.MessageID, *k.CallbackData), lang))
				return
			}
		}
	}
	b.t.Fatalf("button %q has no callback data", label)
}

// photoN waits for the n-th sendPhoto to chat (from 1).
func (b *quizBot) photoN(chat int64, n int) telegramtest.Call {
	b.t.Helper()
	seen := 0
	c, err := b.srv.WaitFor(waitCtx(b.t), "sendPhoto", func(c telegramtest.Call) bool {
		if c.Int64("chat_id") != chat {
			return false
		}
		seen++
		return seen == n
	})
	if err != nil {
		b.t.Fatalf("photo %d to %d: %v", n, chat, err)
	}
	return c
}

// decodePNG checks that an upload is a PNG a phone shows well.
func decodePNG(t *testing.T, what string, data []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s is no PNG: %v", what, err)
	}
	if w := img.Bounds().Dx(); w < 1080 {
		t.Errorf("%s is %d px wide, want at least 1080", what, w)
	}
	return img
}

// TestPicturesEndToEnd: the timeline, the figures, the Khorgos map, the
// end of a class quiz and /progress come as pictures, uploaded once and
// sent again by Telegram's file_id.
func TestPicturesEndToEnd(t *testing.T) {
	srv := telegramtest.New(t, quizToken)
	clock := newFakeClock()
	b := startQuizBot(t, srv, clock, t.TempDir())
	const user = 60

	b.push(telegramtest.Command(user, user, "timeline"))
	b.pressButton(user, "Timeline", "As a picture")
	first := b.photoN(user, 1)
	decodePNG(t, "the timeline", first.Files["photo"])
	if !strings.Contains(first.Params["caption"], "year by year") {
		t.Errorf("timeline caption = %q", first.Params["caption"])
	}
	// The second time it goes by the file_id Telegram gave, not uploaded.
	b.pressButton(user, "Timeline", "As a picture")
	second := b.photoN(user, 2)
	if len(second.Files) != 0 || second.Params["photo"] == "" {
		t.Errorf("the timeline was uploaded again: files %d, photo %q", len(second.Files), second.Params["photo"])
	}
	m, _ := first.Message()
	if second.Params["photo"] != m.Photo[len(m.Photo)-1].FileID {
		t.Errorf("resent as %q, want the biggest size's file_id %q", second.Params["photo"], m.Photo[len(m.Photo)-1].FileID)
	}
	// In Russian it is another picture.
	b.push(telegramtest.InLanguage(telegramtest.Command(user+1, user+1, "timeline"), "ru"))
	b.pressButtonIn(user+1, "", "Картинкой", "ru")
	ru := b.photoN(user+1, 1)
	decodePNG(t, "the Russian timeline", ru.Files["photo"])
	if bytes.Equal(ru.Files["photo"], first.Files["photo"]) {
		t.Error("the Russian timeline is the English picture")
	}

	b.push(telegramtest.Command(user, user, "figures"))
	b.pressButton(user, "headline numbers", "As a picture")
	decodePNG(t, "the figures", b.photoN(user, 3).Files["photo"])

	b.push(telegramtest.Command(user, user, "khorgos"))
	khorgos := b.photoN(user, 4)
	decodePNG(t, "the Khorgos map", khorgos.Files["photo"])
	if !strings.Contains(khorgos.Params["caption"], "Where Khorgos is") {
		t.Errorf("map caption = %q", khorgos.Params["caption"])
	}

	// A class quiz ends with the podium and the questions' chart.
	b.push(telegramtest.Command(classChat, teacher, "quiz", "trade", "2", "10"))
	for n := 1; n <= 2; n++ {
		id, correct := b.poll(n)
		b.push(telegramtest.PollAnswer(id, alice, correct))
		b.push(telegramtest.PollAnswer(id, bob, wrong(correct)))
		b.push(telegramtest.Command(classChat, teacher, "next"))
	}
	b.text(classChat, "The quiz is over")
	podium, rounds := b.photoN(classChat, 1), b.photoN(classChat, 2)
	decodePNG(t, "the podium", podium.Files["photo"])
	decodePNG(t, "the questions' chart", rounds.Files["photo"])

	// A student's progress by topic.
	b.push(telegramtest.Command(alice, alice, "progress"))
	decodePNG(t, "the progress chart", b.photoN(alice, 1).Files["photo"])
}
