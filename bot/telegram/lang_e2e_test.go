package telegram

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/store"
)

// TestE2ELanguages asks in each language over the fake Bot API and checks
// that the card and its buttons come in that language.
func TestE2ELanguages(t *testing.T) {
	h := startBot(t, func(h *bot.Handler) { bot.EnableLang(h, bot.NewMemLangStore()) })
	tests := []struct {
		user         int64
		text, code   string
		source, more string
	}{
		{1001, "Сколько магазинов в Хоргосе?", "en", "Источник: «Возвращение Великого шёлкового пути»", "Ещё похожее"},
		{1002, "Қорғаста қанша дүкен бар?", "ru", "Дереккөз: «Ұлы Жібек жолының қайта оралуы»", "Ұқсас деректер"},
		{1003, "霍尔果斯有多少家商铺？", "en", "来源：《伟大丝绸之路的回归》", "更多相关"},
		{1004, "How many shops are in Khorgos?", "ru", "Источник:", "Ещё похожее"},
		{1005, "How many shops are in Khorgos?", "en", "Source:", "More like this"},
	}
	for _, tt := range tests {
		h.send(telegramtest.InLanguage(telegramtest.TextMessage(tt.user, tt.user, tt.text), tt.code))
		card := h.waitText(tt.user, tt.source)
		data := buttonData(t, card, tt.more)
		h.send(telegramtest.InLanguage(telegramtest.Callback(tt.user, tt.user, messageID(t, card), data), tt.code))
	}
	waitAnswers(t, h, len(tests))
	// The "More like this" lists come in the user's language too.
	for _, tt := range tests[:3] {
		h.waitCall("sendMessage", func(c telegramtest.Call) bool {
			return c.Int64("chat_id") == tt.user && len(buttonsOf(t, c)) > 0 && !strings.Contains(c.Params["text"], tt.source)
		})
	}
	h.checkAllSent()
}

// TestE2ESetMyCommandsPerLanguage checks the menu is registered for each
// language_code with translated descriptions, and the default in English.
func TestE2ESetMyCommandsPerLanguage(t *testing.T) {
	h := startBot(t, func(h *bot.Handler) { bot.EnableLang(h, bot.NewMemLangStore()) })
	if _, err := h.srv.WaitN(h.ctx, "setMyCommands", len(bot.Langs)); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"": "Welcome and topics", "ru": "Приветствие и темы", "kk": "Сәлемдесу және тақырыптар", "zh": "欢迎与主题"}
	for _, c := range h.srv.CallsTo("setMyCommands") {
		code := c.Params["language_code"]
		var cmds []struct{ Command, Description string }
		if err := json.Unmarshal([]byte(c.Params["commands"]), &cmds); err != nil {
			t.Fatalf("setMyCommands %q: %v", code, err)
		}
		if len(cmds) == 0 || cmds[0].Command != "start" || cmds[0].Description != want[code] {
			t.Errorf("setMyCommands language_code %q: %+v, want /start %q first", code, cmds, want[code])
		}
		if !strings.Contains(c.Params["commands"], `"lang"`) {
			t.Errorf("setMyCommands language_code %q lacks /lang", code)
		}
		delete(want, code)
	}
	if len(want) > 0 {
		t.Errorf("no setMyCommands for %v", want)
	}
}

// TestE2ESetMyCommandsFailureIsNotFatal checks that a refused menu is
// only logged: the bot still answers.
func TestE2ESetMyCommandsFailureIsNotFatal(t *testing.T) {
	srv := telegramtest.NewServer(testToken) // not New: the refusals are expected
	defer srv.Close()
	logs := &syncBuffer{}
	h := bot.NewHandler(testIndex(t), bot.WithSeed(1))
	h.Register(bot.Command{Name: "this_command_name_is_far_too_long_for_telegram", Description: "cmd.help",
		Func: func(ctx context.Context, in *bot.Input) ([]bot.Reply, error) { return nil, nil }})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	tg, err := New(ctx, h, Options{Token: testToken, BaseURL: srv.URL, PollTimeout: 5 * time.Second,
		Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- tg.Run(runCtx) }()
	srv.PushUpdate(telegramtest.Command(1100, 1100, "start"))
	if _, err := srv.WaitFor(ctx, "sendMessage", nil); err != nil {
		t.Fatal(err)
	}
	// The menu is set beside polling; Run returns once it is done.
	stop()
	<-done
	if got := strings.Count(logs.String(), "setMyCommands failed"); got != len(bot.Langs) {
		t.Errorf("%d refused setMyCommands logged, want %d:\n%s", got, len(bot.Langs), logs)
	}
}

// TestE2ELangPersists chooses Kazakh with /lang, restarts the bot on the
// same data directory, and checks that it still answers in Kazakh.
func TestE2ELangPersists(t *testing.T) {
	dir := t.TempDir()
	const user = 1200
	run := func() (*harness, *store.DB) {
		db, err := store.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		return startBot(t, func(h *bot.Handler) { bot.EnableLang(h, db) }), db
	}
	stop := func(h *harness, db *store.DB) {
		h.stop()
		err := <-h.done
		h.done <- err // for the harness's own cleanup
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}

	h, db := run()
	h.send(telegramtest.Command(user, user, "lang"))
	menu := h.waitText(user, "🌐")
	h.send(telegramtest.Callback(user, user, messageID(t, menu), buttonData(t, menu, "Қазақша")))
	h.waitCall("editMessageText", func(c telegramtest.Call) bool {
		return c.Int64("chat_id") == user && strings.Contains(c.Params["text"], "қазақша жауап беремін")
	})
	h.send(telegramtest.Command(user, user, "help"))
	h.waitText(user, "silkroad-ты қалай қолдануға болады")
	h.checkAllSent()
	stop(h, db)

	h, db = run()
	defer stop(h, db)
	h.send(telegramtest.TextMessage(user, user, "How many shops are in Khorgos?"))
	card := h.waitText(user, "Дереккөз:")
	buttonData(t, card, "Ұқсас деректер")
	h.send(telegramtest.InLanguage(telegramtest.Command(user, user, "start"), "zh"))
	h.waitText(user, "Сәлеметсіз бе!")
	h.checkAllSent()
}

// TestE2EProfilePerLanguage: the bot's name, description and short
// description are set for every language, English as the default, the
// menu button opens the commands, and a restart that changes nothing
// sets nothing again (Telegram allows few such calls a day).
func TestE2EProfilePerLanguage(t *testing.T) {
	srv := telegramtest.New(t, testToken)
	// start runs the bot until it has made the profile and menu calls
	// expected of its run-th start: it reads each field first (getMy…),
	// and sets only what differs.
	start := func(run, sets int) {
		t.Helper()
		h := startBotOn(t, srv, nil)
		for _, m := range []string{"getMyName", "getMyDescription", "getMyShortDescription"} {
			if _, err := srv.WaitN(h.ctx, m, run*len(bot.Langs)); err != nil {
				t.Fatalf("%s: %v", m, err)
			}
		}
		for _, m := range []string{"setMyName", "setMyDescription", "setMyShortDescription"} {
			if _, err := srv.WaitN(h.ctx, m, sets); err != nil {
				t.Fatalf("%s: %v", m, err)
			}
		}
		if _, err := srv.WaitN(h.ctx, "setChatMenuButton", run); err != nil {
			t.Fatal(err)
		}
		h.stop()
		<-h.done
		h.done <- nil // for the harness's cleanup
	}
	start(1, len(bot.Langs))
	want := map[string]map[string]string{
		"name":              {"": "Kazakhstan–China", "ru": "Казахстан–Китай", "kk": "Қазақстан–Қытай", "zh": "中哈合作"},
		"description":       {"": "Ask in English", "ru": "Спрашивайте по-русски", "kk": "Қазақша", "zh": "可以用中文"},
		"short_description": {"": "Class quizzes", "ru": "викторины для класса", "kk": "сынып викторинасы", "zh": "课堂"},
	}
	for field, byLang := range want {
		for lang, part := range byLang {
			if got := srv.Profile(field, lang); !strings.Contains(got, part) {
				t.Errorf("%s in %q = %q, want it to hold %q", field, lang, got, part)
			}
		}
	}
	if got := srv.Profile("name", "de"); !strings.Contains(got, "Kazakhstan–China") {
		t.Errorf("name for a German app = %q, want the English default", got)
	}
	menus := srv.CallsTo("setChatMenuButton")
	if len(menus) == 0 || menus[0].Params["menu_button"] != `{"type":"commands"}` {
		t.Errorf("setChatMenuButton calls %+v, want the commands button", menus)
	}
	sets := len(srv.CallsTo("setMyName")) + len(srv.CallsTo("setMyDescription")) + len(srv.CallsTo("setMyShortDescription"))
	if sets != 3*len(bot.Langs) {
		t.Errorf("first start: %d profile calls, want %d", sets, 3*len(bot.Langs))
	}
	start(2, len(bot.Langs))
	again := len(srv.CallsTo("setMyName")) + len(srv.CallsTo("setMyDescription")) + len(srv.CallsTo("setMyShortDescription"))
	if again != sets {
		t.Errorf("a restart with the same profile made %d more profile calls, want none", again-sets)
	}
}
