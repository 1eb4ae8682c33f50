package bot

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/quiz"
	"github.com/silkroad-bot/silkroad/store"
)

var (
	ixOnce sync.Once
	ixVal  *index.Index
	ixErr  error
)

// testIndex is the real knowledge base's index, built once per test run.
func testIndex(t testing.TB) *index.Index {
	t.Helper()
	ixOnce.Do(func() {
		base, err := knowledge.Default()
		if err != nil {
			ixErr = err
			return
		}
		ixVal, ixErr = index.Build(base)
	})
	if ixErr != nil {
		t.Fatalf("build index: %v", ixErr)
	}
	return ixVal
}

// ownIndex is an index of the real knowledge base for one test alone:
// for tests that /reload, as a reload closes the index it replaces a
// minute later, which would close the shared testIndex under every test
// still running then.
func ownIndex(t testing.TB) *index.Index {
	t.Helper()
	base, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build(base)
	if err != nil {
		t.Fatalf("build index: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// checkReplies checks every message and button of replies.
func checkReplies(t *testing.T, what string, replies []Reply) {
	t.Helper()
	for i, r := range replies {
		if r.HTML != "" {
			for j, part := range SplitHTML(r.HTML, MaxMessage) {
				checkMessage(t, what+": reply "+strconv.Itoa(i)+" part "+strconv.Itoa(j), part)
			}
		}
		for _, row := range r.Buttons {
			for _, b := range row {
				if b.Text == "" {
					t.Errorf("%s: button without text", what)
				}
				if _, err := ParseCallback(b.Data); b.URL == "" && err != nil {
					t.Errorf("%s: button %q has bad data %q: %v", what, b.Text, b.Data, err)
				}
			}
		}
		for _, a := range r.Articles {
			checkMessage(t, what+": article "+a.ID, a.HTML)
		}
	}
}

func private(text string) *Request {
	req := &Request{Kind: KindMessage, ChatID: 10, ChatType: ChatPrivate, UserID: 10, MessageID: 1, Text: text}
	req.Command, req.Args, req.ForOtherBot = ParseCommand(text, "silkroad_bot")
	return req
}

func press(data string) *Request {
	return &Request{Kind: KindCallback, ChatID: 10, ChatType: ChatPrivate, UserID: 10, MessageID: 5, CallbackID: "q", Data: data}
}

// TestEveryCardIsValidHTML renders every fact and project of the real
// knowledge base, in every language, and checks the HTML.
func TestEveryCardIsValidHTML(t *testing.T) {
	ix := testIndex(t)
	base := ix.Base()
	for _, lang := range Langs {
		p := newPrinter(lang)
		for i := range base.Facts {
			f := &base.Facts[i]
			card := factCard(p, f)
			checkMessage(t, lang+" fact "+f.ID, card)
			if !strings.HasPrefix(card, "<b>") {
				t.Errorf("fact %s: card does not start with a bold title", f.ID)
			}
			if f.Section != "" && !strings.Contains(card, "Source: “The return of the Great Silk Road”") && lang == "en" {
				t.Errorf("fact %s: card lacks the source line", f.ID)
			}
		}
		for i := range base.Projects {
			pr := &base.Projects[i]
			checkMessage(t, lang+" project "+pr.ID, projectCard(p, base, pr))
		}
	}
}

// TestEveryCommandAndButton runs every command and every button they
// offer, two levels deep, and checks all output.
func TestEveryCommandAndButton(t *testing.T) {
	ctx := context.Background()
	h := NewHandler(testIndex(t), WithSeed(1))
	inputs := []string{
		"/start", "/start hw_unknown", "/help", "/search khorgos", "/search", "/search zzzqqq",
		"/projects", "/project", "/project lianyungang", "/project Horgos", "/project nonsense words",
		"/figures", "/timeline", "/khorgos", "/fact", "/about", "/cancel", "/nosuch",
		"How long is the Western Europe–Western China corridor?", "who painted the mona lisa",
		"<b>&amp; 'quotes' \"x\"", "Что такое Хоргос?", "霍尔果斯", "",
	}
	seen := map[string]bool{}
	var pressAll func(what string, replies []Reply, depth int)
	pressAll = func(what string, replies []Reply, depth int) {
		checkReplies(t, what, replies)
		if depth == 0 {
			return
		}
		for _, r := range replies {
			for _, row := range r.Buttons {
				for _, b := range row {
					if b.URL != "" {
						// A link opens in Telegram, not in the bot.
						if !strings.HasPrefix(b.URL, "https://t.me/") || b.Data != "" {
							t.Errorf("button %q from %s links to %q with data %q", b.Text, what, b.URL, b.Data)
						}
						continue
					}
					if seen[b.Data] {
						continue
					}
					seen[b.Data] = true
					got := h.Handle(ctx, press(b.Data))
					if n := countNotices(got); n != 1 {
						t.Errorf("button %q (%s) gave %d callback answers, want 1", b.Data, b.Text, n)
					}
					for _, g := range got {
						if g.Noticed() && strings.Contains(g.Notice, "expired") {
							t.Errorf("button %q (%s) from %s reads as expired", b.Data, b.Text, what)
						}
					}
					pressAll(what+" > "+b.Data, got, depth-1)
				}
			}
		}
	}
	for _, in := range inputs {
		replies := h.Handle(ctx, private(in))
		if in != "" && len(replies) == 0 {
			t.Errorf("%q: no reply", in)
		}
		pressAll(in, replies, 2)
	}
}

func countNotices(rs []Reply) int {
	n := 0
	for _, r := range rs {
		if r.Noticed() {
			n++
		}
	}
	return n
}

func TestExpiredButtons(t *testing.T) {
	ctx := context.Background()
	h := NewHandler(testIndex(t))
	for _, data := range []string{
		"", "garbage", "0|f|khorgos", "1|f|no-such-fact", "1|p|no-such-project", "1|a|nokey|1",
		"1|pp|99", "1|tp|5000", "1|cp|energy|7", "1|c|nosuchcat", "1|zz|x", "1|f|a|b", "1|a|x|01",
		"1|f|" + strings.Repeat("a", 80),
	} {
		got := h.Handle(ctx, press(data))
		if len(got) != 1 || !got[0].Noticed() || !strings.Contains(got[0].Notice, "expired") {
			t.Errorf("Handle(button %q) = %+v, want one 'expired' answer", data, got)
		}
	}
}

func TestQuestionCard(t *testing.T) {
	h := NewHandler(testIndex(t))
	got := h.Handle(context.Background(), private("How long is the Western Europe–Western China corridor?"))
	if len(got) != 1 {
		t.Fatalf("got %d replies, want 1", len(got))
	}
	if !strings.Contains(got[0].HTML, "<b>8,445 km</b>") {
		t.Errorf("card lacks the bold figure:\n%s", got[0].HTML)
	}
	var texts []string
	for _, row := range got[0].Buttons {
		for _, b := range row {
			texts = append(texts, b.Text)
		}
	}
	if want := "More like this"; !strings.Contains(strings.Join(texts, "|"), want) {
		t.Errorf("buttons %q lack %q", texts, want)
	}
}

func TestUnansweredOffersThree(t *testing.T) {
	h := NewHandler(testIndex(t))
	for _, q := range []string{"who painted the mona lisa", "best pizza in Naples", "asdf qwer"} {
		got := h.Handle(context.Background(), private(q))
		if len(got) != 1 || !strings.Contains(PlainText(got[0].HTML), "I don't know that") {
			t.Fatalf("%q: got %+v, want an honest 'I don't know that'", q, got)
		}
		if n := len(got[0].Buttons); n != 3 {
			t.Errorf("%q: %d suggestions, want 3", q, n)
		}
	}
}

func TestGroupAddressing(t *testing.T) {
	h := NewHandler(testIndex(t))
	group := func(text string, addressed bool) *Request {
		r := private(text)
		r.ChatID, r.ChatType, r.Addressed = -100, ChatSupergroup, addressed
		r.Command, r.Args, r.ForOtherBot = ParseCommand(text, "silkroad_bot")
		return r
	}
	tests := []struct {
		name string
		req  *Request
		want bool
	}{
		{"plain chatter", group("what is khorgos", false), false},
		{"mention", group("@silkroad_bot what is khorgos", true), true},
		{"command", group("/figures", false), true},
		{"our command", group("/figures@silkroad_bot", false), true},
		{"other bot", group("/figures@otherbot", false), false},
		{"sticker", &Request{Kind: KindOther, ChatType: ChatSupergroup, Other: "sticker"}, false},
		{"channel", &Request{Kind: KindOther, ChatType: ChatChannel, Other: "channel_post"}, false},
		{"private sticker", &Request{Kind: KindOther, ChatType: ChatPrivate, Other: "sticker"}, true},
	}
	for _, tt := range tests {
		got := len(h.Handle(context.Background(), tt.req)) > 0
		if got != tt.want {
			t.Errorf("%s: answered = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestFindProject(t *testing.T) {
	h := NewHandler(testIndex(t))
	tests := []struct{ in, want string }{
		{"Khorgos", "khorgos-icbc"},
		{"lianyungang", "lianyungang-base"},
		{"Lianyungand", "lianyungang-base"},
		{"zhanatas wind", "zhanatas-wind"},
		{"western europe western china", "wewc-corridor"},
		{"pizza", ""},
	}
	for _, tt := range tests {
		got := ""
		if p := h.findProject(t.Context(), tt.in); p != nil {
			got = p.ID
		}
		if got != tt.want {
			t.Errorf("findProject(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRegisterExtension(t *testing.T) {
	ctx := context.Background()
	h := NewHandler(testIndex(t))
	h.Register(Command{Name: "quiz", Description: msgCmdFact, Func: func(ctx context.Context, in *Input) ([]Reply, error) {
		b, _ := button("Go", "q", "1")
		return []Reply{Message("quiz "+esc(in.Args), []Button{b})}, nil
	}})
	h.RegisterCallback("q", func(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
		return []Reply{Answer("pressed " + cb.Args[0])}, nil
	})
	var payload string
	h.OnStartPayload(func(ctx context.Context, in *Input, p string) ([]Reply, bool, error) {
		payload = p
		return []Reply{Message("homework")}, strings.HasPrefix(p, "hw_"), nil
	})
	var polled string
	h.OnPollAnswer(func(ctx context.Context, in *Input) ([]Reply, error) {
		polled = in.PollID
		return nil, nil
	}, nil)
	if got := h.Handle(ctx, private("/quiz now")); len(got) != 1 || got[0].HTML != "quiz now" {
		t.Errorf("/quiz = %+v", got)
	}
	if got := h.Handle(ctx, press("1|q|1")); len(got) != 1 || got[0].Notice != "pressed 1" {
		t.Errorf("quiz button = %+v", got)
	}
	if got := h.Handle(ctx, private("/start hw_abc")); len(got) != 1 || got[0].HTML != "homework" || payload != "hw_abc" {
		t.Errorf("/start hw_abc = %+v, payload %q", got, payload)
	}
	if got := h.Handle(ctx, private("/start other")); len(got) != 1 || !strings.Contains(got[0].HTML, "silkroad") {
		t.Errorf("/start other = %+v, want the welcome", got)
	}
	h.Handle(ctx, &Request{Kind: KindPollAnswer, PollID: "p1", UserID: 3})
	if polled != "p1" {
		t.Errorf("poll hook saw %q, want p1", polled)
	}
	found := false
	for _, c := range h.Menu("en") {
		found = found || c.Name == "quiz"
	}
	if !found {
		t.Errorf("Menu lacks the registered /quiz")
	}
}

func TestHandlerRecoversPanic(t *testing.T) {
	h := NewHandler(testIndex(t))
	h.Register(Command{Name: "boom", Func: func(ctx context.Context, in *Input) ([]Reply, error) { panic("boom") }})
	got := h.Handle(context.Background(), private("/boom"))
	if len(got) != 1 || !strings.Contains(got[0].HTML, "Sorry") {
		t.Errorf("/boom = %+v, want one apology", got)
	}
}

// TestButtonsKeepTheQuestionsLanguage presses "More like this" under a
// Russian answer: the press carries no words and an English
// language_code, and the reply must still be Russian.
func TestButtonsKeepTheQuestionsLanguage(t *testing.T) {
	h := NewHandler(testIndex(t))
	ctx := context.Background()
	q := private("Что такое Хоргос?")
	q.LangCode = "en"
	got := h.Handle(ctx, q)
	if len(got) == 0 || len(got[0].Buttons) == 0 {
		t.Fatalf("Handle(%q) gave no card with buttons: %+v", q.Text, got)
	}
	more := got[0].Buttons[0][0]
	p := press(more.Data)
	p.LangCode = "en"
	replies := h.Handle(ctx, p)
	var html string
	for _, r := range replies {
		html += r.HTML
	}
	if !strings.Contains(html, "Хоргос") || strings.Contains(html, "More like") {
		t.Errorf("pressing %q (%s) after a Russian question replied:\n%s\nwant Russian", more.Text, more.Data, html)
	}
}

// TestMiddlewareUse: a layer added with Use sees each request with its
// language already chosen, may answer it itself, and a panic in it is
// recovered like one in a command; admin commands stay hidden from
// others by their layer.
func TestMiddlewareUse(t *testing.T) {
	h := NewHandler(testIndex(t), WithAdmins(1))
	var seen []string
	h.Use(func(next Next) Next {
		return func(ctx context.Context, in *Input) ([]Reply, error) {
			seen = append(seen, in.Lang+":"+in.Command)
			switch in.Command {
			case "maintenance":
				return []Reply{Message("Back soon.")}, nil
			case "crash":
				panic("a layer broke")
			}
			return next(ctx, in)
		}
	})
	ctx := context.Background()
	if got := h.Handle(ctx, private("/maintenance")); len(got) != 1 || got[0].HTML != "Back soon." {
		t.Errorf("/maintenance = %+v, want the layer's own answer", got)
	}
	if got := h.Handle(ctx, private("/crash")); len(got) != 1 || !strings.Contains(got[0].HTML, "Sorry") {
		t.Errorf("/crash = %+v, want one apology", got)
	}
	ru := private("/about")
	ru.Lang = "ru"
	if got := h.Handle(ctx, ru); len(got) != 1 || !strings.Contains(got[0].HTML, "silkroad") {
		t.Errorf("/about = %+v", got)
	}
	if got := h.Handle(ctx, private("/stats")); len(got) != 1 || !strings.Contains(got[0].HTML, "/stats") {
		t.Errorf("/stats from a user who is not an admin = %+v, want it treated as unknown", got)
	}
	want := []string{"en:maintenance", "en:crash", "ru:about"}
	if !slices.Equal(seen, want) {
		t.Errorf("the layer saw %q, want %q (admin commands from others stop before it)", seen, want)
	}
}

// testStore opens a store in a temporary folder, closed when the test
// and its cleanups are done.
func testStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// testBank is the quiz bank of ix's knowledge base.
func testBank(t *testing.T, ix *index.Index) *quiz.Bank {
	t.Helper()
	bank, err := quiz.NewBank(ix.Base())
	if err != nil {
		t.Fatal(err)
	}
	return bank
}
