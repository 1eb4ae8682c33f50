package bot

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/store"
)

// memLangs is a LangStore whose failures tests can switch on.
type memLangs struct {
	*MemLangStore
	mu   sync.Mutex // guards fail
	fail error
}

func newMemLangs() *memLangs { return &memLangs{MemLangStore: NewMemLangStore()} }

func (m *memLangs) err() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.fail
}

func (m *memLangs) Lang(userID int64) (string, bool, error) {
	if err := m.err(); err != nil {
		return "", false, err
	}
	return m.MemLangStore.Lang(userID)
}

func (m *memLangs) SetLang(userID int64, lang string) error {
	if err := m.err(); err != nil {
		return err
	}
	return m.MemLangStore.SetLang(userID, lang)
}

var (
	_ LangStore = (*MemLangStore)(nil)
	_ LangStore = (*store.DB)(nil)
)

func TestParseLang(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"ru", "ru", true}, {"RU", "ru", true}, {" Русский ", "ru", true}, {"по-русски", "ru", true},
		{"kk", "kk", true}, {"kz", "kk", true}, {"Қазақша", "kk", true}, {"казахский", "kk", true},
		{"zh", "zh", true}, {"中文", "zh", true}, {"Chinese", "zh", true},
		{"en", "en", true}, {"English", "en", true}, {"英语", "en", true},
		{"auto", langAuto, true}, {"авто", langAuto, true},
		{"de", "", false}, {"", "", false}, {"ru kk", "", false},
	}
	for _, tt := range tests {
		got, ok := parseLang(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseLang(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestLangChoiceComesFirst checks the order in which the language is
// chosen: /lang, the question's script, language_code, English.
func TestLangChoiceComesFirst(t *testing.T) {
	ctx := context.Background()
	langs := newMemLangs()
	h := NewHandler(testIndex(t), WithSeed(1))
	EnableLang(h, langs)
	ask := func(text, code string) []Reply {
		req := private(text)
		req.LangCode = code
		return h.Handle(ctx, req)
	}
	has := func(rs []Reply, s string) bool {
		for _, r := range rs {
			if strings.Contains(r.HTML, s) {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name, text, code, want string
	}{
		{"script beats language_code", "Сколько магазинов в Хоргосе?", "en", "Источник:"},
		{"language_code for Latin text", "How many shops are in Khorgos?", "ru", "Источник:"},
		{"Kazakh letters", "Қорғаста қанша дүкен бар?", "ru", "Дереккөз:"},
		{"Han characters", "霍尔果斯有多少家商铺？", "en", "来源："},
		{"English by default", "How many shops are in Khorgos?", "", "Source:"},
	}
	for _, tt := range tests {
		if rs := ask(tt.text, tt.code); !has(rs, tt.want) {
			t.Errorf("%s: %q (language_code %q) lacks %q: %+v", tt.name, tt.text, tt.code, tt.want, rs)
		}
	}

	// The stored choice beats everything, even a question in Russian:
	// the fact is still found, and shown in Kazakh.
	if rs := ask("/lang kk", "ru"); !has(rs, "қазақша жауап беремін") {
		t.Fatalf("/lang kk = %+v", rs)
	}
	if rs := ask("Сколько магазинов в Хоргосе?", "ru"); !has(rs, "Дереккөз:") || !has(rs, "3 500") {
		t.Errorf("a Russian question after /lang kk: %+v", rs)
	}
	if rs := ask("How many shops are in Khorgos?", "en"); !has(rs, "Дереккөз:") {
		t.Errorf("an English question after /lang kk: %+v", rs)
	}
	if rs := ask("/lang auto", "en"); !has(rs, "language you write in") {
		t.Errorf("/lang auto = %+v", rs)
	}
	if rs := ask("Сколько магазинов в Хоргосе?", "en"); !has(rs, "Источник:") {
		t.Errorf("after /lang auto the script chooses again: %+v", rs)
	}

	// A failing store falls back to guessing, and /lang reports the error.
	langs.mu.Lock()
	langs.fail = errors.New("disk gone")
	langs.mu.Unlock()
	if rs := ask("Сколько магазинов в Хоргосе?", "en"); !has(rs, "Источник:") {
		t.Errorf("with a failing store: %+v", rs)
	}
	if rs := ask("/lang zh", "en"); !has(rs, esc(newPrinter("en").T(msgError))) {
		t.Errorf("/lang with a failing store = %+v", rs)
	}
}

func TestLangCommand(t *testing.T) {
	ctx := context.Background()
	langs := newMemLangs()
	h := NewHandler(testIndex(t), WithSeed(1))
	EnableLang(h, langs)
	rs := h.Handle(ctx, private("/lang"))
	checkReplies(t, "/lang", rs)
	if len(rs) != 1 {
		t.Fatalf("/lang gave %d replies", len(rs))
	}
	var names []string
	var zh string
	for _, row := range rs[0].Buttons {
		for _, b := range row {
			names = append(names, b.Text)
			if strings.HasSuffix(b.Text, "中文") {
				zh = b.Data
			}
		}
	}
	if got, want := strings.Join(names, " "), "✓ English Русский Қазақша 中文"; got != want {
		t.Errorf("/lang buttons = %q, want %q", got, want)
	}
	got := h.Handle(ctx, press(zh))
	checkReplies(t, "press 中文", got)
	if len(got) != 2 || got[0].Notice != "好的，从现在起我用中文回答。" || !got[1].Edit {
		t.Errorf("pressing 中文 = %+v", got)
	}
	if l, _, _ := langs.Lang(10); l != "zh" {
		t.Errorf("stored language = %q, want zh", l)
	}
	rs = h.Handle(ctx, private("/lang"))
	if !strings.Contains(rs[0].HTML, "当前：中文") {
		t.Errorf("/lang after choosing 中文 = %q", rs[0].HTML)
	}
	rs = h.Handle(ctx, private("/lang klingon"))
	if !strings.Contains(rs[0].HTML, "我不会“klingon”") || len(rs[0].Buttons) == 0 {
		t.Errorf("/lang klingon = %+v", rs)
	}
	group := press(zh)
	group.ChatID, group.ChatType, group.UserID = -100, ChatSupergroup, 11
	if got := h.Handle(ctx, group); len(got) != 1 || got[0].Notice != "好的，从现在起我用中文回答。" {
		t.Errorf("pressing 中文 in a group = %+v, want only the toast", got)
	}
	for _, data := range []string{"1|l|de", "1|l", "1|l|ru|x"} {
		got := h.Handle(ctx, press(data))
		if len(got) != 1 || !got[0].Alert {
			t.Errorf("pressing %q = %+v, want the expired alert", data, got)
		}
	}
}

// TestE2ELanguages asks in each language over the fake Bot API and checks
// that the card and its buttons come in that language.
func TestE2ELanguages(t *testing.T) {
	h := startBot(t, func(h *Handler) { EnableLang(h, newMemLangs()) })
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
	h := startBot(t, func(h *Handler) { EnableLang(h, newMemLangs()) })
	if _, err := h.srv.WaitN(h.ctx, "setMyCommands", len(Langs)); err != nil {
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
	h := NewHandler(testIndex(t), WithSeed(1))
	h.Register(Command{Name: "this_command_name_is_far_too_long_for_telegram", Description: msgCmdHelp,
		Func: func(ctx context.Context, in *Input) ([]Reply, error) { return nil, nil }})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	tg, err := NewTelegram(ctx, h, TelegramOptions{Token: testToken, BaseURL: srv.URL, PollTimeout: 5 * time.Second,
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
	if got := strings.Count(logs.String(), "setMyCommands failed"); got != len(Langs) {
		t.Errorf("%d refused setMyCommands logged, want %d:\n%s", got, len(Langs), logs)
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
		return startBot(t, func(h *Handler) { EnableLang(h, db) }), db
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

// TestPracticeQuizInEachLanguage starts a practice quiz in each language
// and checks the counted words and the buttons' HTML.
func TestPracticeQuizInEachLanguage(t *testing.T) {
	ctx := context.Background()
	ix := testIndex(t)
	bank := testBank(t, ix)
	db := testStore(t)
	h := NewHandler(ix, WithSeed(1))
	EnableQuiz(h, QuizOptions{Bank: bank, Store: db, Seed: 3})
	tests := []struct{ lang, count, want string }{
		{"en", "1", "1 question."},
		{"en", "3", "3 questions."},
		{"ru", "1", "1 вопрос."},
		{"ru", "3", "3 вопроса."},
		{"ru", "5", "5 вопросов."},
		{"kk", "5", "5 сұрақ."},
		{"zh", "5", "共 5 道题。"},
	}
	for i, tt := range tests {
		req := private("/quiz energy " + tt.count)
		req.UserID, req.ChatID = int64(2000+i), int64(2000+i)
		req.LangCode = tt.lang
		rs := h.Handle(ctx, req)
		checkReplies(t, tt.lang+" /quiz", rs)
		var all strings.Builder
		for _, r := range rs {
			all.WriteString(r.HTML + "\n")
		}
		if !strings.Contains(all.String(), tt.want) {
			t.Errorf("%s /quiz energy %s: want %q in\n%s", tt.lang, tt.count, tt.want, all.String())
		}
	}
}

// slowLangStore is a LangStore whose first read waits for a signal, so
// that a test can change a user's choice while that read is under way.
type slowLangStore struct {
	*MemLangStore
	first   atomic.Bool   // the first read has been taken
	reading chan struct{} // the first read has begun
	release chan struct{} // let it finish
}

func (s *slowLangStore) Lang(userID int64) (string, bool, error) {
	lang, ok, err := s.MemLangStore.Lang(userID)
	if s.first.CompareAndSwap(false, true) {
		close(s.reading)
		<-s.release
	}
	return lang, ok, err
}

// TestLangChoiceWinsOverSlowRead: a /lang choice saved while another
// update of the same user is still reading the old (absent) choice is
// the one every later update sees.
func TestLangChoiceWinsOverSlowRead(t *testing.T) {
	ctx := context.Background()
	st := &slowLangStore{MemLangStore: NewMemLangStore(), reading: make(chan struct{}), release: make(chan struct{})}
	h := NewHandler(testIndex(t), WithSeed(1))
	EnableLang(h, st)
	slow := make(chan string)
	go func() { slow <- h.userLang(ctx, 10) }()
	<-st.reading // that read saw no choice
	ru, _ := button("Русский", cbLang, "ru")
	if got := h.Handle(ctx, press(ru.Data)); len(got) != 2 {
		t.Fatalf("pressing Русский = %+v", got)
	}
	close(st.release)
	<-slow
	if got := h.userLang(ctx, 10); got != "ru" {
		t.Errorf("after choosing Русский, the user's language is %q, want ru", got)
	}
}

// TestQuizTopicNamedInEveryLanguage starts practice quizzes whose topic
// is named in everyday words of each language: the topic is read, and a
// Kazakh topic word starts a Kazakh quiz even when it could pass for
// Russian.
func TestQuizTopicNamedInEveryLanguage(t *testing.T) {
	ctx := context.Background()
	ix := testIndex(t)
	h := NewHandler(ix, WithSeed(1))
	EnableQuiz(h, QuizOptions{Bank: testBank(t, ix), Store: testStore(t), Seed: 3})
	tests := []struct{ args, want string }{
		{"сауда 2", "Сауда"},
		{"торговля 2", "Торговля"},
		{"trade 2", "Trade"},
		{"贸易 2", "贸易"},
		{"энергетика 2", "Энергетика"},
		{"oil 2", "Energy"},
	}
	for i, tt := range tests {
		req := private("/quiz " + tt.args)
		req.UserID, req.ChatID = int64(2100+i), int64(2100+i)
		var all strings.Builder
		for _, r := range h.Handle(ctx, req) {
			all.WriteString(r.HTML + "\n")
		}
		if !strings.Contains(all.String(), tt.want) {
			t.Errorf("/quiz %s: want %q in\n%s", tt.args, tt.want, all.String())
		}
	}
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
			if _, err := srv.WaitN(h.ctx, m, run*len(Langs)); err != nil {
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
	start(1, len(Langs))
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
	if sets != 3*len(Langs) {
		t.Errorf("first start: %d profile calls, want %d", sets, 3*len(Langs))
	}
	start(2, len(Langs))
	again := len(srv.CallsTo("setMyName")) + len(srv.CallsTo("setMyDescription")) + len(srv.CallsTo("setMyShortDescription"))
	if again != sets {
		t.Errorf("a restart with the same profile made %d more profile calls, want none", again-sets)
	}
}
