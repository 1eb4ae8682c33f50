package bot

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

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
