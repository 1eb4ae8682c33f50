package telegram

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

// TestE2EKazakhByItsWords asks in Kazakh written three ways, from
// clients whose Telegram speaks Russian or English: with Kazakh letters,
// without them (as on a Russian keyboard), and in the Latin alphabet
// (the official one of 2021 and the informal one). Each gets a Kazakh
// card, whatever the client's language.
func TestE2EKazakhByItsWords(t *testing.T) {
	h := startBot(t, nil)
	tests := []struct{ text, code string }{
		{"Жаңатас жел станциясы қай жерде?", "ru"},
		{"Жанатас жел станциясы кай жерде?", "ru"},
		{"Жанатас кайда?", "ru"},
		{"Qorğas degen ne?", "en"},
		{"Qorgas degen ne?", "en"},
		{"Khorgos ortalygynda kansha dukken bar", "en"},
	}
	for i, tt := range tests {
		user := int64(8600 + i)
		h.send(telegramtest.InLanguage(telegramtest.TextMessage(user, user, tt.text), tt.code))
		c := h.waitCall("sendMessage", func(c telegramtest.Call) bool { return c.Int64("chat_id") == user })
		if text := plain(c.Params["text"]); !strings.Contains(text, "Дереккөз:") {
			t.Errorf("%q (client %s) got no Kazakh card:\n%s", tt.text, tt.code, text)
		}
	}
	h.checkAllSent()
}

// TestE2EQuizSaysWhenFewer asks, in every language, for a practice quiz
// and a class quiz of more questions than the topic has: each says how
// many it has, and then asks that many.
func TestE2EQuizSaysWhenFewer(t *testing.T) {
	srv := telegramtest.New(t, quizToken)
	b := startQuizBot(t, srv, newFakeClock(), t.TempDir())
	notice := map[string]*regexp.Regexp{
		"en": regexp.MustCompile(`This topic has only (\d+) questions, so the quiz has all of them`),
		"ru": regexp.MustCompile(`По этой теме всего (\d+) вопрос\S* — столько и будет в викторине`),
		"kk": regexp.MustCompile(`Бұл тақырып бойынша небәрі (\d+) сұрақ бар, сондықтан викторинада да сонша болады`),
		"zh": regexp.MustCompile(`这个主题只有 (\d+) 道题，本次测验将全部使用`),
	}
	question := map[string]string{"en": `Question 1 of %d`, "ru": `Вопрос 1 из %d`, "kk": `1-сұрақ (барлығы %d)`, "zh": `第 1 题，共 %d 题`}
	topic := map[string]string{"en": "finance", "ru": "финансы", "kk": "қаржы", "zh": "金融"}
	for i, lang := range bot.Langs {
		// Practice, in a private chat.
		user := int64(8700 + i)
		b.push(telegramtest.InLanguage(telegramtest.Command(user, user, "quiz", topic[lang], "50"), lang))
		n := count(notice[lang], matching(t, srv, user, notice[lang]))
		if n < 1 || n >= 50 {
			t.Fatalf("%s practice: the notice gives %d questions, want 1 to 49", lang, n)
		}
		b.text(user, fmt.Sprintf(question[lang], n))

		// A class quiz, in a group.
		group := int64(-8700 - i)
		b.push(telegramtest.InLanguage(telegramtest.Command(group, user, "quiz", topic[lang], "50"), lang))
		if got := count(notice[lang], matching(t, srv, group, notice[lang])); got != n {
			t.Errorf("%s class quiz: the notice gives %d questions, want %d as in practice", lang, got, n)
		}
	}
	// A topic named in Kazakh starts a Kazakh quiz, though the client
	// speaks Russian and "сауда" has no Kazakh letter.
	b.push(telegramtest.InLanguage(telegramtest.Command(8780, 8780, "quiz", "сауда", "2"), "ru"))
	b.text(8780, "Жаттығу")
	b.text(8780, "1-сұрақ (барлығы 2)")

	// Asked for no more than it has, the quiz says nothing of the kind.
	const user = 8790
	b.push(telegramtest.Command(user, user, "quiz", "finance", "2"))
	if intro := b.text(user, "Practice quiz"); notice["en"].MatchString(intro) {
		t.Errorf("a quiz of 2 says the topic has fewer:\n%s", intro)
	}
}

// matching waits for a message to chat whose text matches re.
func matching(t *testing.T, srv *telegramtest.Server, chat int64, re *regexp.Regexp) string {
	t.Helper()
	c, err := srv.WaitFor(waitCtx(t), "sendMessage", func(c telegramtest.Call) bool {
		return c.Int64("chat_id") == chat && re.MatchString(plain(c.Params["text"]))
	})
	if err != nil {
		t.Fatalf("no message to %d matching %q: %v\nsent: %q", chat, re, err, srv.Texts(chat))
	}
	return plain(c.Params["text"])
}

// count returns the number re's first group holds in text, or -1.
func count(re *regexp.Regexp, text string) int {
	m := re.FindStringSubmatch(text)
	if m == nil {
		return -1
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return -1
	}
	return n
}

// TestE2EFiguresShowEveryHeadline pages through /figures over the fake
// Bot API in every language, pressing Next until there is none: every
// figure the knowledge base marks headline is on a page, in bold, and
// every page is HTML that Telegram accepts.
func TestE2EFiguresShowEveryHeadline(t *testing.T) {
	ix := testIndex(t)
	h := startBotWith(t, telegramtest.New(t, testToken), ix, nil)
	bold := regexp.MustCompile(`<b>([^<]*)</b>`)
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for i, lang := range bot.Langs {
		user := int64(8800 + i)
		h.send(telegramtest.InLanguage(telegramtest.Command(user, user, "figures"), lang))
		c := h.waitCall("sendMessage", func(c telegramtest.Call) bool { return c.Int64("chat_id") == user })
		id := messageID(t, c)
		pages := []string{c.Params["text"]}
		for range 30 {
			next := ""
			for _, b := range buttonsOf(t, c) {
				if b.Text == bot.T(lang, "button.next") {
					next = b.Data
				}
			}
			if next == "" {
				break
			}
			h.send(telegramtest.InLanguage(telegramtest.Callback(user, user, id, next), lang))
			c = h.waitCall("editMessageText", func(c telegramtest.Call) bool {
				return c.Int64("chat_id") == user && !slices.Contains(pages, c.Params["text"])
			})
			pages = append(pages, c.Params["text"])
		}
		if len(pages) < 2 {
			t.Errorf("%s /figures has %d page, want several", lang, len(pages))
		}
		var shown []string
		for _, m := range bold.FindAllStringSubmatch(strings.Join(pages, "\n"), -1) {
			shown = append(shown, squeeze(html.UnescapeString(m[1])))
		}
		n := 0
		for _, f := range ix.Base().Facts {
			for k, fig := range f.Figures {
				if !fig.Headline {
					continue
				}
				n++
				// The figure as the fact's title states it, or as its
				// display reads where the title does not state it.
				want := []string{squeeze(f.FigureIn(lang, k))}
				title := f.TitleIn(lang)
				for _, sp := range f.TitleSpansIn(lang) {
					if sp.Figure == k {
						want = append(want, squeeze(title[sp.Start:sp.End]))
					}
				}
				if !slices.ContainsFunc(shown, func(s string) bool { return slices.Contains(want, s) }) {
					t.Errorf("%s /figures lacks %s figure %d %q in bold", lang, f.ID, k, want)
				}
			}
		}
		if n < 20 {
			t.Errorf("only %d headline figures", n)
		}
	}
	h.checkAllSent()
}
