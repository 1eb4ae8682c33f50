package telegram

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/store"
)

// TestE2EFollowUps asks a question and then a follow-up that only makes
// sense with it, in each language, over the fake Bot API: the second
// answer is about the first's subject.
func TestE2EFollowUps(t *testing.T) {
	h := startBot(t, nil)
	tests := []struct {
		user            int64
		first, firstHas string
		then, thenHas   string
	}{
		{301, "How many shops are in the Khorgos centre?", "3,500", "and how many visitors?", "2 million"},
		{302, "How many treaties were signed at the China–Central Asia summit?", "47 treaties", "when was that?", "May 2023"},
		{303, "Сколько магазинов в Хоргосе?", "3 500", "а сколько там посетителей?", "2 млн"},
		{304, "Қорғаста қанша дүкен бар?", "3 500", "ал келушілер саны қанша?", "2 млн"},
		{305, "霍尔果斯有多少商店？", "3500", "那游客有多少？", "200万"},
	}
	for _, tt := range tests {
		h.send(telegramtest.TextMessage(tt.user, tt.user, tt.first))
		h.waitText(tt.user, tt.firstHas)
		h.send(telegramtest.TextMessage(tt.user, tt.user, tt.then))
		h.waitText(tt.user, tt.thenHas)
	}
	h.checkAllSent()
}

// TestE2EListQuestion asks for the energy projects and gets a list card
// with a button for each, which opens the project.
func TestE2EListQuestion(t *testing.T) {
	h := startBot(t, nil)
	const user = 311
	h.send(telegramtest.TextMessage(user, user, "Which energy projects are there?"))
	c := h.waitText(user, "Energy")
	for _, want := range []string{"Kashagan", "Zhanatas", "PetroKazakhstan"} {
		if !strings.Contains(c.Params["text"], want) {
			t.Errorf("energy list lacks %s:\n%s", want, c.Params["text"])
		}
	}
	bs := buttonsOf(t, c)
	if len(bs) < 3 {
		t.Fatalf("list has %d buttons, want one per project", len(bs))
	}
	h.send(telegramtest.Callback(user, user, messageID(t, c), buttonData(t, c, "Zhanatas")))
	h.waitText(user, "Zhanatas")
	h.checkAllSent()
}

// TestE2ECheckQuestion asks whether a wrong figure is true and gets the
// fact with the true figure, saying which is which.
func TestE2ECheckQuestion(t *testing.T) {
	h := startBot(t, nil)
	const user = 312
	h.send(telegramtest.TextMessage(user, user, "Is it true that 60% of road freight crosses Kazakhstan?"))
	c := h.waitText(user, "Not quite")
	if text := c.Params["text"]; !strings.Contains(text, "<b>85%</b>") || !strings.Contains(text, "not 60%") {
		t.Errorf("check reply does not give the true figure against the stated one:\n%s", text)
	}
	h.send(telegramtest.TextMessage(user, user, "Правда ли, что в Хоргосе 5000 магазинов?"))
	ru := h.waitText(user, "5000")
	if !strings.Contains(ru.Params["text"], "3 500") {
		t.Errorf("Russian check reply lacks the true figure:\n%s", ru.Params["text"])
	}
	h.checkAllSent()
}

// TestE2EHedgedAnswer runs the bot on an index that is never sure: every
// answer it gives is hedged, with "I think you mean" above the card and
// the next two facts as buttons that open their cards.
func TestE2EHedgedAnswer(t *testing.T) {
	base, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	sc := index.DefaultScoring()
	sc.Confident = 2 // above any probability
	sc.Hedged = 0
	ix, err := index.Build(base, index.WithScoring(sc))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	h := startBotWith(t, telegramtest.New(t, testToken), ix, nil)
	const user = 313
	h.send(telegramtest.TextMessage(user, user, "How many shops are in the Khorgos centre?"))
	c := h.waitText(user, "I think you mean")
	if !strings.Contains(c.Params["text"], "3,500") {
		t.Errorf("hedged answer lacks the best card:\n%s", c.Params["text"])
	}
	var facts []bot.Button
	for _, b := range buttonsOf(t, c) {
		if cb, err := bot.ParseCallback(b.Data); err == nil && cb.Kind == cbFact {
			facts = append(facts, b)
		}
	}
	if len(facts) != 2 {
		t.Fatalf("hedged answer offers %d other facts, want 2: %v", len(facts), facts)
	}
	h.send(telegramtest.Callback(user, user, messageID(t, c), facts[0].Data))
	h.waitCall("sendMessage", func(c telegramtest.Call) bool {
		return c.Int64("chat_id") == user && strings.Contains(c.Params["text"], facts[0].Text)
	})
	h.checkAllSent()
}

// TestTopicSurvivesRestart keeps the chat's topic in the store: a
// follow-up asked after the bot restarts is read with the question
// before the restart.
func TestTopicSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	ask := func(text string) string {
		db := openTestStoreAt(t, dir)
		defer db.Close()
		h := bot.NewHandler(testIndex(t), bot.WithTopics(db))
		var b strings.Builder
		for _, r := range h.Handle(context.Background(), &bot.Request{Kind: bot.KindMessage, ChatID: 7, ChatType: bot.ChatPrivate, UserID: 7, Text: text}) {
			b.WriteString(r.HTML)
		}
		return b.String()
	}
	if got := ask("How many shops are in the Khorgos centre?"); !strings.Contains(got, "3,500") {
		t.Fatalf("first answer lacks 3,500:\n%s", got)
	}
	if got := ask("and how many visitors?"); !strings.Contains(got, "2 million") {
		t.Errorf("follow-up after a restart lacks 2 million:\n%s", got)
	}
}

// TestTopicExpires: a follow-up asked after TopicTTL is read alone.
func TestTopicExpires(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	h := bot.NewHandler(testIndex(t), bot.WithClock(func() time.Time { return now }))
	say := func(text string) string {
		var b strings.Builder
		for _, r := range h.Handle(context.Background(), &bot.Request{Kind: bot.KindMessage, ChatID: 8, ChatType: bot.ChatPrivate, UserID: 8, Text: text}) {
			b.WriteString(r.HTML)
		}
		return b.String()
	}
	say("How many treaties were signed at the China–Central Asia summit?")
	now = now.Add(bot.TopicTTL + time.Minute)
	if got := say("when was that?"); strings.Contains(got, "May 2023") {
		t.Errorf("a follow-up after the topic expired was read with it:\n%s", got)
	}
}

// openTestStoreAt opens the store in dir; the caller closes it.
func openTestStoreAt(t *testing.T, dir string) *store.DB {
	t.Helper()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return db
}
