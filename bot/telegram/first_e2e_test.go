package telegram

import (
	"html"
	"strings"
	"testing"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

// TestE2ESmallTalk greets, thanks and asks "who are you" in every
// language over the fake Bot API: each gets a short reply, the greetings
// the topic buttons, and never a fact card. In a group a greeting not
// addressed to the bot gets nothing.
func TestE2ESmallTalk(t *testing.T) {
	h := startBot(t, nil)
	tests := []struct {
		text, want string
		buttons    bool
	}{
		{"Hello!", "Hello! I'm silkroad", true},
		{"thanks!", "You're welcome", false},
		{"who are you?", "I'm silkroad, a bot", true},
		{"Привет", "Здравствуйте!", true},
		{"Спасибо!", "Пожалуйста", false},
		{"Сәлем!", "Сәлеметсіз бе!", true},
		{"Рақмет", "Оқасы жоқ", false},
		{"你好", "我是 silkroad", true},
		{"谢谢", "不客气", false},
		{"what can you do?", "Teachers can run a class quiz with /quiz", true},
		{"Что ты умеешь?", "Учителя могут провести викторину", true},
		{"Не істей аласың?", "Мұғалімдер /quiz командасымен", true},
		{"你能做什么？", "老师可以用 /quiz", true},
		{"bye", "Goodbye!", false},
		{"Пока!", "До свидания!", false},
		{"Сау бол", "Сау болыңыз!", false}, // Kazakh without a Kazakh letter
		{"再见", "再见！", false},
	}
	for i, tt := range tests {
		user := int64(8100 + i)
		h.send(telegramtest.TextMessage(user, user, tt.text))
		c := h.waitCall("sendMessage", func(c telegramtest.Call) bool { return c.Int64("chat_id") == user })
		text := html.UnescapeString(c.Params["text"])
		if !strings.Contains(text, tt.want) {
			t.Errorf("%q got %q, want it to contain %q", tt.text, text, tt.want)
		}
		if strings.Contains(text, "Source:") || strings.Contains(text, "Источник") || strings.Contains(text, "Дереккөз") || strings.Contains(text, "来源") {
			t.Errorf("%q got a fact card:\n%s", tt.text, text)
		}
		if got := len(buttonsOf(t, c)) > 0; got != tt.buttons {
			t.Errorf("%q: buttons %v, want %v", tt.text, got, tt.buttons)
		}
	}
	// Unaddressed in a group: silence; addressed: a reply.
	const group, user = -8200, 8201
	h.send(telegramtest.GroupMessage(group, user, "hello everyone"))
	h.send(telegramtest.GroupMessage(group, user, "@"+h.tg.Username()+" hello"))
	c := h.waitCall("sendMessage", func(c telegramtest.Call) bool { return c.Int64("chat_id") == group })
	if !strings.Contains(c.Params["text"], "Hello! I'm silkroad") {
		t.Errorf("addressed greeting got %q", c.Params["text"])
	}
	if n := len(h.srv.Texts(group)); n != 1 {
		t.Errorf("group got %d replies, want 1 (to the addressed greeting only)", n)
	}
	h.checkAllSent()
}

// TestE2EHelpForTeachersAndVisitors checks that /help shows teachers the
// quiz, homework and results and visitors /khorgos, in every language,
// and that /start offers both as buttons that open them.
func TestE2EHelpForTeachersAndVisitors(t *testing.T) {
	h := startBot(t, nil)
	for i, lang := range bot.Langs {
		user := int64(8300 + i)
		h.send(telegramtest.InLanguage(telegramtest.Command(user, user, "help"), lang))
		c := h.waitCall("sendMessage", func(c telegramtest.Call) bool { return c.Int64("chat_id") == user })
		for _, want := range []string{"/quiz", "/homework", "/results", "/khorgos"} {
			if !strings.Contains(c.Params["text"], want) {
				t.Errorf("%s /help lacks %s", lang, want)
			}
		}
		h.send(telegramtest.InLanguage(telegramtest.Command(user, user, "start"), lang))
		start := h.waitCall("sendMessage", func(c telegramtest.Call) bool {
			return c.Int64("chat_id") == user && c.Params["reply_markup"] != "" && strings.Contains(c.Params["reply_markup"], "h|t")
		})
		teachers := buttonData(t, start, bot.T(lang, "button.teachers"))
		visitors := buttonData(t, start, bot.T(lang, "button.visitors"))
		h.send(telegramtest.Callback(user, user, messageID(t, start), teachers))
		h.waitCall("sendMessage", func(c telegramtest.Call) bool {
			return c.Int64("chat_id") == user && strings.Contains(c.Params["text"], "/homework") && !strings.Contains(c.Params["text"], "/search")
		})
		h.send(telegramtest.Callback(user, user, messageID(t, start), visitors))
		h.waitCall("sendMessage", func(c telegramtest.Call) bool {
			return c.Int64("chat_id") == user && strings.Contains(c.Params["text"], "/khorgos") && !strings.Contains(c.Params["text"], "/quiz")
		})
	}
	h.checkAllSent()
}

// TestE2EAddToClassGroup: the teachers' help offers the startgroup link,
// and a group the bot is added to through it ("/start@bot quiz") gets a
// welcome that explains the class quiz, in the adder's language.
func TestE2EAddToClassGroup(t *testing.T) {
	h := startBot(t, nil)
	username := telegramtest.DefaultBotUsername
	for i, lang := range bot.Langs {
		user, group := int64(8400+i), int64(-100840-i)
		h.send(telegramtest.InLanguage(telegramtest.Command(user, user, "start"), lang))
		start := h.waitCall("sendMessage", func(c telegramtest.Call) bool {
			return c.Int64("chat_id") == user && strings.Contains(c.Params["reply_markup"], "h|t")
		})
		h.send(telegramtest.InLanguage(telegramtest.Callback(user, user, messageID(t, start), buttonData(t, start, bot.T(lang, "button.teachers"))), lang))
		help := h.waitCall("sendMessage", func(c telegramtest.Call) bool {
			return c.Int64("chat_id") == user && strings.Contains(c.Params["text"], "/homework")
		})
		link := "https://t.me/" + username + "?startgroup=quiz"
		var found bool
		for _, b := range buttonsOf(t, help) {
			found = found || b.URL == link && b.Text == bot.T(lang, "button.add_to_group")
		}
		if !found {
			t.Errorf("%s: the teachers' help has no %q button to %s: %s", lang, bot.T(lang, "button.add_to_group"), link, help.Params["reply_markup"])
		}
		added := telegramtest.InLanguage(telegramtest.GroupMessage(group, user, "/start@"+username+" quiz"), lang)
		h.send(added)
		welcome := h.waitCall("sendMessage", func(c telegramtest.Call) bool { return c.Int64("chat_id") == group })
		text := welcome.Params["text"]
		if !strings.Contains(text, "/quiz") || !strings.Contains(text, "/results") || !strings.Contains(text, "@"+username) || !strings.Contains(text, "silkroad") {
			t.Errorf("%s: the class welcome does not explain the quiz: %q", lang, text)
		}
		if want := bot.T(lang, "class.welcome", username); text != want {
			t.Errorf("%s: the class welcome is not in the adder's language:\n got %q\nwant %q", lang, text, want)
		}
	}
	h.checkAllSent()
}
