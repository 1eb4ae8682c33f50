package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"golang.org/x/time/rate"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/quiz"
	"github.com/silkroad-bot/silkroad/store"
)

// testToken is a well-formed token the fake server accepts; the tests
// check it never reaches a log line.
const testToken = "7000000001:AAH-test_token_secret_0123456789abcdef"

// syncBuffer is a bytes.Buffer safe for concurrent writers, which a
// test can wait on for a line.
type syncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	written chan struct{} // closed and replaced on each write
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.written != nil {
		close(s.written)
		s.written = nil
	}
	return s.b.Write(p)
}

// waitCount waits until substr appears n times in what was written, or
// ctx ends; it returns how many times it appears.
func (s *syncBuffer) waitCount(ctx context.Context, substr string, n int) int {
	for {
		s.mu.Lock()
		got := strings.Count(s.b.String(), substr)
		if got >= n {
			s.mu.Unlock()
			return got
		}
		if s.written == nil {
			s.written = make(chan struct{})
		}
		written := s.written
		s.mu.Unlock()
		select {
		case <-written:
		case <-ctx.Done():
			return got
		}
	}
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// harness is a bot running against a fake Bot API server.
type harness struct {
	t    *testing.T
	srv  *telegramtest.Server
	tg   *Transport
	logs *syncBuffer
	ctx  context.Context // the test's deadline for waits
	stop context.CancelFunc
	done chan error
}

// startBot runs the real bot by long polling against a fresh fake server.
// setup, if not nil, registers extra commands or hooks before it starts.
func startBot(t *testing.T, setup func(*bot.Handler), mod ...func(*Options)) *harness {
	t.Helper()
	return startBotOn(t, telegramtest.New(t, testToken), setup, mod...)
}

// startBotOn is startBot with a fake Bot API made by the test, which may
// already hold updates.
func startBotOn(t *testing.T, srv *telegramtest.Server, setup func(*bot.Handler), mod ...func(*Options)) *harness {
	t.Helper()
	return startBotWith(t, srv, testIndex(t), setup, mod...)
}

// startBotWith is startBotOn answering from ix.
func startBotWith(t *testing.T, srv *telegramtest.Server, ix *index.Index, setup func(*bot.Handler), mod ...func(*Options)) *harness {
	t.Helper()
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts := Options{Token: testToken, BaseURL: srv.URL, Logger: logger, PollTimeout: 5 * time.Second, RetryMin: 10 * time.Millisecond, Retry: RetryPolicy{Base: 5 * time.Millisecond, Max: 50 * time.Millisecond}}
	for _, m := range mod {
		m(&opts)
	}
	// The waits give up after a minute: never reached unless the bot is
	// stuck, however busy the machine.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	h := bot.NewHandler(ix, bot.WithSeed(1), bot.WithLogger(logger))
	if setup != nil {
		setup(h)
	}
	tg, err := New(ctx, h, opts)
	if err != nil {
		t.Fatalf("NewTelegram: %v", err)
	}
	runCtx, stop := context.WithCancel(context.Background())
	hs := &harness{t: t, srv: srv, tg: tg, logs: logs, ctx: ctx, stop: stop, done: make(chan error, 1)}
	go func() { hs.done <- tg.Run(runCtx) }()
	t.Cleanup(func() {
		stop()
		select {
		case <-hs.done:
		case <-time.After(time.Minute):
			t.Errorf("bot did not stop")
		}
		if strings.Contains(logs.String(), testToken) {
			t.Errorf("the token appears in the logs")
		}
	})
	return hs
}

// stopAndWait stops the bot and waits for Run to return.
func (h *harness) stopAndWait() {
	h.t.Helper()
	h.stop()
	select {
	case <-h.done:
		h.done <- nil // for the cleanup's wait
	case <-time.After(time.Minute):
		h.t.Fatal("bot did not stop")
	}
}

// testStore opens a store in a temporary folder. It is closed when the
// test and its cleanups are done; a bot started after it stops first.
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

// send pushes u and returns its update id.
func (h *harness) send(u tgbotapi.Update) int { return h.srv.PushUpdate(u) }

// waitCall waits for a call to method matching match.
func (h *harness) waitCall(method string, match func(telegramtest.Call) bool) telegramtest.Call {
	h.t.Helper()
	c, err := h.srv.WaitFor(h.ctx, method, match)
	if err != nil {
		h.t.Fatalf("waiting for %s: %v", method, err)
	}
	return c
}

// waitText waits for a sendMessage to chat whose text contains substr.
func (h *harness) waitText(chat int64, substr string) telegramtest.Call {
	h.t.Helper()
	return h.waitCall("sendMessage", func(c telegramtest.Call) bool {
		return c.Int64("chat_id") == chat && strings.Contains(c.Params["text"], substr)
	})
}

// checkAllSent checks that every message the bot sent or edited is valid
// HTML within the limits and every button's data parses.
func (h *harness) checkAllSent() {
	h.t.Helper()
	for _, c := range h.srv.Calls() {
		switch c.Method {
		case "sendMessage", "editMessageText":
			checkMessage(h.t, c.Method, c.Params["text"])
			if c.Params["parse_mode"] != "HTML" {
				h.t.Errorf("%s without parse_mode HTML", c.Method)
			}
			for _, b := range buttonsOf(h.t, c) {
				if len(b.Data) > bot.MaxCallbackData {
					h.t.Errorf("button %q has %d bytes of data", b.Text, len(b.Data))
				}
			}
		}
	}
}

// buttonsOf decodes the inline keyboard of a call.
func buttonsOf(t *testing.T, c telegramtest.Call) []bot.Button {
	t.Helper()
	raw := c.Params["reply_markup"]
	if raw == "" {
		return nil
	}
	var kb struct {
		Rows [][]struct {
			Text string `json:"text"`
			Data string `json:"callback_data"`
			URL  string `json:"url"`
		} `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(raw), &kb); err != nil {
		t.Fatalf("decode reply_markup %s: %v", raw, err)
	}
	var out []bot.Button
	for _, row := range kb.Rows {
		for _, b := range row {
			out = append(out, bot.Button{Text: b.Text, Data: b.Data, URL: b.URL})
		}
	}
	return out
}

// buttonData returns the data of the button whose text contains label.
func buttonData(t *testing.T, c telegramtest.Call, label string) string {
	t.Helper()
	for _, b := range buttonsOf(t, c) {
		if strings.Contains(b.Text, label) {
			return b.Data
		}
	}
	t.Fatalf("no button %q in %s", label, c.Params["reply_markup"])
	return ""
}

func messageID(t *testing.T, c telegramtest.Call) int {
	t.Helper()
	m, err := c.Message()
	if err != nil {
		t.Fatal(err)
	}
	return m.MessageID
}

func TestE2EStartupRegistersCommands(t *testing.T) {
	h := startBot(t, nil)
	c := h.waitCall("setMyCommands", nil)
	for _, name := range []string{"start", "help", "search", "projects", "project", "figures", "timeline", "khorgos", "fact", "about", "cancel"} {
		if !strings.Contains(c.Params["commands"], `"`+name+`"`) {
			t.Errorf("setMyCommands lacks /%s: %s", name, c.Params["commands"])
		}
	}
	h.waitCall("deleteWebhook", nil)
	h.waitCall("getUpdates", nil)
}

func TestE2EQuestionCard(t *testing.T) {
	h := startBot(t, nil, typingAtOnce)
	const user = 101
	h.send(telegramtest.TextMessage(user, user, "How long is the Western Europe–Western China corridor?"))
	h.waitCall("sendChatAction", func(c telegramtest.Call) bool { return c.Int64("chat_id") == user && c.Params["action"] == "typing" })
	card := h.waitText(user, "<b>8,445 km</b>")
	if !strings.HasPrefix(card.Params["text"], "<b>") || !strings.Contains(card.Params["text"], "Source: “The return of the Great Silk Road”") {
		t.Errorf("card lacks its bold title or source:\n%s", card.Params["text"])
	}
	more := buttonData(t, card, "More like this")
	another := buttonData(t, card, "Another answer")
	id := messageID(t, card)

	h.send(telegramtest.Callback(user, user, id, more))
	h.waitText(user, "More like")
	h.send(telegramtest.Callback(user, user, id, another))
	edit := h.waitCall("editMessageText", func(c telegramtest.Call) bool { return c.Int64("message_id") == int64(id) })
	if edit.Params["text"] == card.Params["text"] {
		t.Errorf("Another answer edited in the same card")
	}
	if n := len(h.srv.CallsTo("answerCallbackQuery")); n < 1 {
		t.Errorf("no answerCallbackQuery")
	}
	h.waitCall("answerCallbackQuery", nil)
	waitAnswers(t, h, 2)
	h.checkAllSent()
}

// waitAnswers waits until n callback queries have been answered.
func waitAnswers(t *testing.T, h *harness, n int) {
	t.Helper()
	if _, err := h.srv.WaitN(h.ctx, "answerCallbackQuery", n); err != nil {
		t.Fatal(err)
	}
}

func TestE2EProjectButtonAndMap(t *testing.T) {
	h := startBot(t, nil)
	const user = 102
	h.send(telegramtest.TextMessage(user, user, "How many shops are in the Khorgos centre?"))
	card := h.waitText(user, "3,500")
	h.send(telegramtest.Callback(user, user, messageID(t, card), buttonData(t, card, "About the project")))
	proj := h.waitText(user, "<b>Facts:</b>")
	h.send(telegramtest.Callback(user, user, messageID(t, proj), buttonData(t, proj, "Show on map")))
	v := h.waitCall("sendVenue", func(c telegramtest.Call) bool { return c.Int64("chat_id") == user })
	if v.Params["latitude"] == "" || v.Params["title"] == "" {
		t.Errorf("sendVenue params = %v", v.Params)
	}
	waitAnswers(t, h, 2)
	h.checkAllSent()
}

func TestE2EUnanswered(t *testing.T) {
	h := startBot(t, nil)
	const user = 103
	h.send(telegramtest.TextMessage(user, user, "Who painted the Mona Lisa?"))
	c := h.waitText(user, "I don&#39;t know that")
	if n := len(buttonsOf(t, c)); n != 3 {
		t.Errorf("%d suggestion buttons, want 3", n)
	}
	h.send(telegramtest.Callback(user, user, messageID(t, c), buttonsOf(t, c)[0].Data))
	h.waitCall("sendMessage", func(c telegramtest.Call) bool {
		return c.Int64("chat_id") == user && strings.HasPrefix(c.Params["text"], "<b>")
	})
	h.checkAllSent()
}

func TestE2ECommands(t *testing.T) {
	h := startBot(t, nil)
	tests := []struct {
		cmd  string
		args []string
		want string // in the reply's text
	}{
		{"start", nil, "Hello! I'm silkroad."},
		{"help", nil, "@silkroad_test_bot"},
		{"search", []string{"Lianyungang"}, "about “Lianyungang”:"},
		{"search", nil, "/search Khorgos"},
		{"projects", nil, "<b>Projects</b>"},
		{"project", []string{"Lianyungang"}, "logistics cooperation base"},
		{"project", []string{"nowhere"}, "I know no project called “nowhere”"},
		{"figures", nil, "<b>The headline numbers</b>"},
		{"timeline", nil, "<b>Timeline</b>"},
		{"khorgos", nil, "<b>Visiting Khorgos</b>"},
		{"fact", nil, "Source:"},
		{"about", nil, "The return of the Great Silk Road"},
		{"cancel", nil, "cancelled"},
		{"nosuch", nil, "I don&#39;t know the command /nosuch"},
	}
	for i, tt := range tests {
		user := int64(200 + i)
		h.send(telegramtest.Command(user, user, tt.cmd, tt.args...))
		t.Logf("/%s %q: waiting for %q", tt.cmd, tt.args, tt.want)
		h.waitText(user, tt.want)
	}
	h.waitCall("sendVenue", nil)
	h.checkAllSent()
}

func TestE2EStartPayloadHook(t *testing.T) {
	got := make(chan string, 1)
	h := startBot(t, func(h *bot.Handler) {
		h.OnStartPayload(func(ctx context.Context, in *bot.Input, p string) ([]bot.Reply, bool, error) {
			got <- p
			return []bot.Reply{bot.Message("homework " + html.EscapeString(p))}, true, nil
		})
	})
	const user = 250
	h.send(telegramtest.Command(user, user, "start", "hw_ABC123"))
	h.waitText(user, "homework hw_ABC123")
	if p := <-got; p != "hw_ABC123" {
		t.Errorf("payload = %q", p)
	}
}

func TestE2EPagingEditsInPlace(t *testing.T) {
	h := startBot(t, nil)
	for i, cmd := range []string{"projects", "timeline"} {
		user := int64(300 + i)
		h.send(telegramtest.Command(user, user, cmd))
		first := h.waitText(user, "Page 1 of")
		id := messageID(t, first)
		h.send(telegramtest.Callback(user, user, id, buttonData(t, first, "Next")))
		edit := h.waitCall("editMessageText", func(c telegramtest.Call) bool {
			return c.Int64("chat_id") == user && strings.Contains(c.Params["text"], "Page 2 of")
		})
		if got := edit.Int64("message_id"); got != int64(id) {
			t.Errorf("/%s: paging edited message %d, want %d", cmd, got, id)
		}
		h.send(telegramtest.Callback(user, user, id, buttonData(t, edit, "Back")))
		h.waitCall("editMessageText", func(c telegramtest.Call) bool {
			return c.Int64("chat_id") == user && strings.Contains(c.Params["text"], "Page 1 of")
		})
		if n := len(h.srv.Sent(user)); n != 1 {
			t.Errorf("/%s: %d messages sent, want 1 (pages edit in place)", cmd, n)
		}
	}
	// A category from /start, then its second page.
	const user = 310
	h.send(telegramtest.Command(user, user, "start"))
	start := h.waitText(user, "pick a topic")
	h.send(telegramtest.Callback(user, user, messageID(t, start), buttonData(t, start, "The Belt and Road")))
	list := h.waitText(user, "Page 1 of")
	h.send(telegramtest.Callback(user, user, messageID(t, list), buttonData(t, list, "Next")))
	h.waitCall("editMessageText", func(c telegramtest.Call) bool { return c.Int64("chat_id") == user })
	h.checkAllSent()
}

func TestE2EForgedButtons(t *testing.T) {
	h := startBot(t, nil)
	const user = 400
	forged := []string{"", "hello", "1|f|no-such-fact", "9|f|x", "1|a|gone|1", "1|pp|77", "1|p|<script>", strings.Repeat("x", 64)}
	for _, data := range forged {
		h.send(telegramtest.Callback(user, user, 1, data))
	}
	calls, err := h.srv.WaitN(h.ctx, "answerCallbackQuery", len(forged))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		if !strings.Contains(c.Params["text"], "This button has expired") {
			t.Errorf("forged button answered %q", c.Params["text"])
		}
	}
	// Nothing else happened in the chat: a later message is the first reply.
	h.send(telegramtest.Command(user, user, "cancel"))
	h.waitText(user, "cancelled")
	if n := len(h.srv.Sent(user)) + len(h.srv.CallsTo("editMessageText")); n != 1 {
		t.Errorf("forged buttons caused %d extra messages", n-1)
	}
}

func TestE2EGroups(t *testing.T) {
	h := startBot(t, nil, typingAtOnce)
	const group, user = -1001, 500
	bot := "@" + telegramtest.DefaultBotUsername
	h.send(telegramtest.GroupMessage(group, user, "what is khorgos"))   // ignored
	h.send(telegramtest.GroupMessage(group, user, "/figures@otherbot")) // ignored
	h.send(telegramtest.GroupMessage(group, user, "/nosuch"))           // unknown in a group: quiet
	h.send(telegramtest.GroupMessage(group, user, bot+" how long is the Western Europe–Western China corridor?"))
	mention := h.waitText(group, "8,445 km")
	if m, err := mention.Message(); err != nil || m.ReplyToMessage == nil {
		t.Errorf("answer in a group does not quote the question (reply_parameters %q)", mention.Params["reply_parameters"])
	}
	if got := mention.Params["link_preview_options"]; got != `{"is_disabled":true}` {
		t.Errorf("a card's link_preview_options = %q, want previews off", got)
	}
	h.send(telegramtest.GroupMessage(group, user, "/figures"))
	h.waitText(group, "headline numbers")
	h.send(telegramtest.GroupMessage(group, user, "/about@"+telegramtest.DefaultBotUsername))
	h.waitText(group, "About silkroad")

	// A reply to the bot's message is addressed to it.
	reply := telegramtest.GroupMessage(group, user, "and how many shops are in Khorgos?")
	sent, _ := mention.Message()
	reply.Message.ReplyToMessage = &sent
	h.send(reply)
	h.waitText(group, "3,500")
	if n := len(h.srv.Sent(group)); n != 4 {
		t.Errorf("bot sent %d messages to the group, want 4 (mention, /figures, /about, reply): %q", n, h.srv.Texts(group))
	}
	typing := 0
	for _, c := range h.srv.CallsTo("sendChatAction") {
		if c.Int64("chat_id") == group {
			typing++
		}
	}
	if typing != 4 {
		t.Errorf("typing shown %d times in the group, want 4: never for ignored messages", typing)
	}
	h.checkAllSent()
}

func TestE2EForumTopic(t *testing.T) {
	h := startBot(t, nil, typingAtOnce)
	const group, user = -1002, 501
	raw := `{"message":{"message_id":77,"message_thread_id":42,"is_topic_message":true,"date":1700000000,` +
		`"chat":{"id":-1002,"type":"supergroup","title":"Forum","is_forum":true},` +
		`"from":{"id":501,"is_bot":false,"first_name":"U"},"text":"/figures","entities":[{"type":"bot_command","offset":0,"length":8}]}}`
	if _, err := h.srv.PushRaw([]byte(raw)); err != nil {
		t.Fatal(err)
	}
	c := h.waitText(group, "headline numbers")
	if got := c.Params["message_thread_id"]; got != "42" {
		t.Errorf("message_thread_id = %q, want 42", got)
	}
	a := h.waitCall("sendChatAction", func(c telegramtest.Call) bool { return c.Int64("chat_id") == group })
	if got := a.Params["message_thread_id"]; got != "42" {
		t.Errorf("typing in thread %q, want 42", got)
	}
}

func TestE2EOtherUpdates(t *testing.T) {
	h := startBot(t, nil)
	const user, group = 600, -1003
	sticker := telegramtest.TextMessage(user, user, "")
	sticker.Message.Sticker = &tgbotapi.Sticker{FileID: "s1", Emoji: "🙂"}
	h.send(sticker)
	h.waitText(user, "I can only read text")

	photo := telegramtest.TextMessage(user, user, "")
	photo.Message.Photo = []tgbotapi.PhotoSize{{FileID: "p1", Width: 1, Height: 1}}
	h.send(photo)
	edited := telegramtest.TextMessage(user, user, "what is khorgos")
	edited.EditedMessage, edited.Message = edited.Message, nil
	h.send(edited)
	h.waitText(user, "edited a message")

	gs := telegramtest.GroupMessage(group, user, "")
	gs.Message.Sticker = &tgbotapi.Sticker{FileID: "s2"}
	h.send(gs)
	post := telegramtest.GroupMessage(-1004, user, "news")
	post.ChannelPost, post.Message = post.Message, nil
	post.ChannelPost.Chat.Type = "channel"
	h.send(post)
	for _, raw := range []string{`{"my_chat_member":{"chat":{"id":1,"type":"private"}}}`, `{"update_id":"x"}`, `[1,2]`, `{"message":"not an object"}`} {
		if _, err := h.srv.PushRaw([]byte(raw)); err != nil {
			t.Fatal(err)
		}
	}
	// The bot carries on: a later question is answered.
	h.send(telegramtest.Command(user, user, "about"))
	h.waitText(user, "About silkroad")
	if n := len(h.srv.Sent(user)); n != 4 {
		t.Errorf("%d messages to the user, want 4 (sticker, photo, edit, about): %q", n, h.srv.Texts(user))
	}
	if n := len(h.srv.Sent(group)) + len(h.srv.Sent(-1004)); n != 0 {
		t.Errorf("%d messages to the group or channel, want silence", n)
	}
}

func TestE2EInline(t *testing.T) {
	h := startBot(t, nil)
	h.send(telegramtest.InlineQuery(700, "khorgos"))
	c := h.waitCall("answerInlineQuery", nil)
	if c.Params["cache_time"] != "60" {
		t.Errorf("cache_time = %q, want 60", c.Params["cache_time"])
	}
	var results []struct {
		Type    string `json:"type"`
		ID      string `json:"id"`
		Title   string `json:"title"`
		Content struct {
			Text      string `json:"message_text"`
			ParseMode string `json:"parse_mode"`
		} `json:"input_message_content"`
	}
	if err := json.Unmarshal([]byte(c.Params["results"]), &results); err != nil {
		t.Fatal(err)
	}
	if len(results) == 0 || len(results) > 10 {
		t.Fatalf("%d inline results, want 1 to 10", len(results))
	}
	for _, r := range results {
		if r.Type != "article" || r.Content.ParseMode != "HTML" {
			t.Errorf("result %s: type %q parse mode %q", r.ID, r.Type, r.Content.ParseMode)
		}
		checkMessage(t, "inline "+r.ID, r.Content.Text)
	}
	if !strings.Contains(strings.ToLower(results[0].Title), "khorgos") {
		t.Errorf("first result %q is not about Khorgos", results[0].Title)
	}
	h.send(telegramtest.InlineQuery(700, ""))
	if _, err := h.srv.WaitN(h.ctx, "answerInlineQuery", 2); err != nil {
		t.Fatal(err)
	}
}

func TestE2ELanguageFromLanguageCode(t *testing.T) {
	got := make(chan string, 1)
	h := startBot(t, func(h *bot.Handler) {
		h.OnPollAnswer(func(ctx context.Context, in *bot.Input) ([]bot.Reply, error) {
			got <- in.Lang
			return nil, nil
		}, nil)
	})
	h.send(telegramtest.InLanguage(telegramtest.PollAnswer("p1", 800, 0), "ru"))
	h.send(telegramtest.Command(800, 800, "about"))
	h.waitText(800, "About")
	if l := <-got; l != "ru" {
		t.Errorf("poll answer handled in %q, want ru", l)
	}
}

func TestE2ELongMessageSplit(t *testing.T) {
	long := strings.Repeat("<b>Line</b> with &amp; entity and "+strings.Repeat("word ", 30)+"\n", 60)
	h := startBot(t, func(h *bot.Handler) {
		h.Register(bot.Command{Name: "long", Func: func(ctx context.Context, in *bot.Input) ([]bot.Reply, error) {
			b := bot.Button{Text: "x", Data: bot.Callback{Kind: cbFact, Args: []string{"bri-jobs"}}.String()}
			return []bot.Reply{bot.Message(long, []bot.Button{b})}, nil
		}})
	})
	const user = 900
	h.send(telegramtest.Command(user, user, "long"))
	last := h.waitCall("sendMessage", func(c telegramtest.Call) bool {
		return c.Int64("chat_id") == user && c.Params["reply_markup"] != ""
	})
	parts := h.srv.Sent(user)
	if len(parts) < 2 {
		t.Fatalf("a %d-unit message went out in %d part(s)", textLen(long), len(parts))
	}
	if parts[len(parts)-1].Params["text"] != last.Params["text"] {
		t.Errorf("the keyboard is not on the last part")
	}
	var joined strings.Builder
	for _, p := range parts {
		joined.WriteString(plainText(p.Params["text"]) + "\n")
	}
	if got, want := strings.Join(strings.Fields(joined.String()), " "), strings.Join(strings.Fields(plainText(long)), " "); got != want {
		t.Errorf("split message lost text: got %d chars, want %d", len(got), len(want))
	}
	h.checkAllSent()
}

// TestDecodeUpdate: one pass reads both what tgbotapi knows and the
// message_thread_id it does not, for every kind of update that has a
// message; an update that does not decode keeps its id.
func TestDecodeUpdate(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		id      int64 // 0: none
		thread  int
		chat    int64
		text    string
		data    string
		wantErr bool
	}{
		{"message in a topic", `{"update_id":5,"message":{"message_id":1,"message_thread_id":42,"date":1,"chat":{"id":-100,"type":"supergroup"},"text":"hi"}}`, 5, 42, -100, "hi", "", false},
		{"private message", `{"update_id":6,"message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"text":"hello"}}`, 6, 0, 7, "hello", "", false},
		{"edited in a topic", `{"update_id":7,"edited_message":{"message_id":1,"message_thread_id":9,"date":1,"chat":{"id":-100,"type":"supergroup"},"text":"x"}}`, 7, 9, -100, "", "", false},
		{"button in a topic", `{"update_id":8,"callback_query":{"id":"c1","from":{"id":7,"is_bot":false,"first_name":"A"},"data":"1|more|x","message":{"message_id":3,"message_thread_id":11,"date":1,"chat":{"id":-100,"type":"supergroup"}}}}`, 8, 11, -100, "", "1|more|x", false},
		{"no update_id", `{"message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"text":"hi"}}`, 0, 0, 7, "hi", "", false},
		{"message is not an object", `{"update_id":9,"message":"oops"}`, 9, 0, 0, "", "", true},
		{"thread id not a number", `{"update_id":10,"message":{"message_id":1,"message_thread_id":"x","date":1,"chat":{"id":-100,"type":"supergroup"},"text":"hi"}}`, 10, 0, -100, "hi", "", false},
		{"thread id too large", `{"update_id":11,"message":{"message_id":1,"message_thread_id":1e30,"date":1,"chat":{"id":-100,"type":"supergroup"},"text":"hi"}}`, 11, 0, -100, "hi", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := decodeUpdate(json.RawMessage(tt.raw))
			if (in.err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", in.err, tt.wantErr)
			}
			switch {
			case tt.id == 0 && in.id != nil:
				t.Errorf("id = %d, want none", *in.id)
			case tt.id != 0 && (in.id == nil || *in.id != tt.id || in.u.updateID() != int(tt.id)):
				t.Errorf("id = %v (UpdateID %d), want %d", in.id, in.u.updateID(), tt.id)
			}
			if in.thread != tt.thread {
				t.Errorf("thread = %d, want %d", in.thread, tt.thread)
			}
			if tt.wantErr {
				return
			}
			req := toRequest(in.u, in.thread, tgbotapi.User{ID: 1, UserName: "silkroad_bot"})
			if req == nil {
				t.Fatal("toRequest = nil")
			}
			if req.ChatID != tt.chat || req.Text != tt.text || req.Data != tt.data || req.ThreadID != tt.thread {
				t.Errorf("request = chat %d text %q data %q thread %d, want %d %q %q %d",
					req.ChatID, req.Text, req.Data, req.ThreadID, tt.chat, tt.text, tt.data, tt.thread)
			}
		})
	}
}

// FuzzDecodeUpdate feeds arbitrary bytes to the transport's decoding of
// an update: it must never panic, must keep the update_id of anything
// that has one as a number, and must turn every update that decodes
// into a request (or nil) without panicking either.
func FuzzDecodeUpdate(f *testing.F) {
	for _, s := range []string{
		`{"update_id":5,"message":{"message_id":1,"message_thread_id":42,"date":1,"chat":{"id":-100,"type":"supergroup"},"text":"hi"}}`,
		`{"update_id":8,"callback_query":{"id":"c1","from":{"id":7,"is_bot":false,"first_name":"A"},"data":"1|more|x","message":{"message_id":3,"message_thread_id":11,"date":1,"chat":{"id":-100,"type":"supergroup"}}}}`,
		`{"update_id":9,"message":"oops"}`,
		`{"update_id":10,"inline_query":{"id":"q","from":{"id":7},"query":"khorgos"}}`,
		`{"update_id":11,"poll_answer":{"poll_id":"p","user":{"id":7},"option_ids":[1]}}`,
		`{"update_id":12,"edited_message":{"message_id":1,"message_thread_id":"x","chat":{"id":1}}}`,
		`{}`, `[]`, `null`, `{"update_id":1e3}`,
	} {
		f.Add([]byte(s))
	}
	self := tgbotapi.User{ID: 1, UserName: "silkroad_bot"}
	f.Fuzz(func(t *testing.T, raw []byte) {
		in := decodeUpdate(json.RawMessage(raw))
		if in.id != nil && in.err == nil && in.u.updateID() != int(*in.id) {
			t.Errorf("update_id %d, but the update says %d", *in.id, in.u.updateID())
		}
		_ = in.chatKey(func(string) (int64, bool) { return -1, true })
		_ = in.chatKey(func(string) (int64, bool) { return 0, false })
		if in.err == nil {
			if req := toRequest(in.u, in.thread, self); req != nil && req.ThreadID != in.thread {
				t.Errorf("request thread %d, decoded %d", req.ThreadID, in.thread)
			}
		}
	})
}

// TestE2ESlowChatHoldsUpNoOther: a group whose replies wait for its rate
// limit (here one message a second) does not hold up another chat: a
// private question asked after the group's first reply is answered
// before the group's second. Every update is still confirmed only once
// it is handled.
func TestE2ESlowChatHoldsUpNoOther(t *testing.T) {
	h := startBot(t, nil, func(o *Options) {
		o.Limits = Limits{Chat: 100, ChatBurst: 100, Group: 1, GroupBurst: 1, Global: 1000, GlobalBurst: 1000}
	})
	var last int
	for i := range 3 {
		last = h.send(telegramtest.Command(-500, 600+int64(i), "about"))
	}
	h.waitText(-500, "About") // the first goes out at once; the others a second apart
	h.send(telegramtest.TextMessage(700, 700, "What is Khorgos?"))
	h.waitText(700, "Khorgos")
	if n := len(h.srv.Texts(-500)); n != 1 {
		t.Errorf("the private answer came after %d of the group's replies, want after the first only", n)
	}
	for _, c := range h.srv.CallsTo("getUpdates") {
		if c.Int64("offset") > int64(last) && len(h.srv.Texts(-500)) < 3 {
			t.Errorf("update %d confirmed (offset %d) before the group's last reply went out", last, c.Int64("offset"))
			break
		}
	}
	h.waitCall("getUpdates", func(c telegramtest.Call) bool { return c.Int64("offset") > int64(last) })
	if n := len(h.srv.Texts(-500)); n != 3 {
		t.Errorf("the group got %d replies, want 3", n)
	}
}

// TestE2EChatsTakeTurns: with one worker, a chat with several updates
// waiting does not go first with all of them: the chats take turns, one
// update each, and each chat's updates keep their order.
func TestE2EChatsTakeTurns(t *testing.T) {
	srv := telegramtest.New(t, testToken)
	// All five come in the bot's first getUpdates.
	for _, u := range []tgbotapi.Update{
		telegramtest.TextMessage(801, 801, "What is Khorgos?"),
		telegramtest.Command(801, 801, "about"),
		telegramtest.Command(801, 801, "help"),
		telegramtest.TextMessage(802, 802, "What is Khorgos?"),
		telegramtest.TextMessage(803, 803, "What is Khorgos?"),
	} {
		srv.PushUpdate(u)
	}
	h := startBotOn(t, srv, nil, func(o *Options) { o.Workers = 1 })
	h.waitText(801, "How to use")
	var order []int64
	for _, c := range h.srv.CallsTo("sendMessage") {
		order = append(order, c.Int64("chat_id"))
	}
	if want := []int64{801, 802, 803, 801, 801}; !slices.Equal(order, want) {
		t.Errorf("replies went to chats %v, want %v", order, want)
	}
	texts := h.srv.Texts(801)
	if len(texts) != 3 || !strings.Contains(texts[0], "Khorgos") || !strings.Contains(texts[1], "About") {
		t.Errorf("chat 801's replies are out of order: %q", texts)
	}
}

// TestE2ESavedPendingUpdates: an update stuck behind its chat's rate
// limit does not keep newer updates from being fetched, though
// getUpdates returns at most 100 at a time: it is saved in the update log
// and confirmed. Stopped while it still waits, the bot answers it after
// the restart, once.
func TestE2ESavedPendingUpdates(t *testing.T) {
	db := watch(testStore(t))
	srv := telegramtest.New(t, testToken)
	h := startBotOn(t, srv, nil, func(o *Options) {
		o.Updates = db
		o.Grace = 300 * time.Millisecond // how long the stop waits for it
		// The group's second reply waits a minute.
		o.Limits = Limits{Chat: 1000, ChatBurst: 1000, Group: rate.Limit(1.0 / 60), GroupBurst: 1, Global: 10000, GlobalBurst: 10000}
	})
	h.send(telegramtest.Command(-600, 601, "about"))
	h.waitText(-600, "About")
	stuck := h.send(telegramtest.Command(-600, 602, "help"))
	const others = 150 // more than one getUpdates returns
	for i := range others {
		h.send(telegramtest.Command(int64(2000+i), int64(2000+i), "about"))
	}
	for i := range others {
		h.waitText(int64(2000+i), "About")
	}
	h.waitCall("getUpdates", func(c telegramtest.Call) bool { return c.Int64("offset") > int64(stuck) })
	if n := len(h.srv.Texts(-600)); n != 1 {
		t.Fatalf("the group has %d replies while its second waits for the rate limit, want 1", n)
	}
	// Others may have been saved too, if slow; their marks forget them
	// within store.MarkDelay.
	waitPending(t, db, func(p map[int64][]byte) bool { return len(p) == 1 && p[int64(stuck)] != nil },
		"the stuck update only")

	// Stop while the update waits, and start again without limits.
	h.stopAndWait()
	h2 := startBotOn(t, srv, nil, func(o *Options) { o.Updates = db })
	h2.waitText(-600, "How to use")
	waitPending(t, db, func(p map[int64][]byte) bool { return len(p) == 0 }, "none once answered")
	// A later update in the same chat is answered after anything queued
	// before it, such as a wrong second answer to the stuck one.
	h2.send(telegramtest.Command(-600, 601, "about"))
	abouts := 0
	h2.waitCall("sendMessage", func(c telegramtest.Call) bool {
		if c.Int64("chat_id") == -600 && strings.Contains(c.Params["text"], "About") {
			abouts++
		}
		return abouts == 2 // the first was before the restart
	})
	if n := len(h2.srv.Texts(-600)); n != 3 {
		t.Errorf("the group has %d replies, want 3: the stuck update answered once", n)
	}
}

// watchedLog is an update log that tells a waiting test when it changes.
type watchedLog struct {
	*store.DB
	mu      sync.Mutex
	changed chan struct{} // closed and replaced on each write
}

func watch(db *store.DB) *watchedLog { return &watchedLog{DB: db, changed: make(chan struct{})} }

func (w *watchedLog) wrote() {
	w.mu.Lock()
	close(w.changed)
	w.changed = make(chan struct{})
	w.mu.Unlock()
}

func (w *watchedLog) next() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.changed
}

func (w *watchedLog) MarkHandled(id int64, now time.Time) (bool, error) {
	defer w.wrote()
	return w.DB.MarkHandled(id, now)
}

func (w *watchedLog) SavePending(updates map[int64][]byte) error {
	defer w.wrote()
	return w.DB.SavePending(updates)
}

// waitPending waits for the update log's pending updates to satisfy ok,
// checking again after each write. It gives up after a minute.
func waitPending(t *testing.T, db *watchedLog, ok func(map[int64][]byte) bool, want string) {
	t.Helper()
	giveUp := time.After(time.Minute)
	for {
		changed := db.next()
		pending, err := db.Pending()
		if err == nil && ok(pending) {
			return
		}
		select {
		case <-changed:
		case <-giveUp:
			t.Fatalf("pending updates = %d (%v), want %s", len(pending), err, want)
		}
	}
}

// TestE2EBatchGetsWorkers: when one batch brings several chats at once
// and a worker is idle, each chat still gets a worker of its own: a slow
// chat first in the batch holds up none of the others.
func TestE2EBatchGetsWorkers(t *testing.T) {
	h := startBot(t, nil, func(o *Options) {
		o.Grace = 300 * time.Millisecond // how long the stop waits for the group
		// The group's second reply waits a minute.
		o.Limits = Limits{Chat: 1000, ChatBurst: 1000, Group: rate.Limit(1.0 / 60), GroupBurst: 1, Global: 10000, GlobalBurst: 10000}
	})
	h.send(telegramtest.Command(-700, 701, "about"))
	h.waitText(-700, "About") // one worker, now idle; the group's burst is spent
	// getUpdates gets 429s, waiting a second each, while the batch is
	// pushed. The update pushed first ends a long poll in progress, if
	// any, so that the next is refused; it may come in the batch.
	h.srv.SetFaults(telegramtest.Faults{Methods: []string{"getUpdates"}, TooMany: 1, RetryAfter: 1})
	h.send(telegramtest.Command(702, 702, "about"))
	if err := h.srv.WaitFaults(h.ctx, 1); err != nil {
		t.Fatalf("no getUpdates was refused: %v", err)
	}
	h.send(telegramtest.Command(-700, 701, "help")) // waits a minute
	h.send(telegramtest.Command(703, 703, "about"))
	h.send(telegramtest.Command(704, 704, "about"))
	h.srv.SetFaults(telegramtest.Faults{})
	h.waitText(702, "About")
	h.waitText(703, "About")
	h.waitText(704, "About")
}

// TestE2EBacklogCapped: a chat that sends far faster than its rate limit
// lets the bot answer gets at most maxBacklog updates waiting; the rest
// are logged and not answered, and other chats are answered meanwhile.
func TestE2EBacklogCapped(t *testing.T) {
	db := testStore(t)
	h := startBot(t, nil, func(o *Options) {
		o.Updates = db
		o.Grace = 300 * time.Millisecond
		// The group's replies after its first wait a minute each.
		o.Limits = Limits{Chat: 1000, ChatBurst: 1000, Group: rate.Limit(1.0 / 60), GroupBurst: 1, Global: 10000, GlobalBurst: 10000}
	})
	h.send(telegramtest.Command(-800, 801, "about"))
	h.waitText(-800, "About")
	const extra = 5
	for range maxBacklog + 1 + extra { // one in a worker, maxBacklog waiting, extra over
		h.send(telegramtest.Command(-800, 801, "help"))
	}
	h.send(telegramtest.Command(802, 802, "about"))
	h.waitText(802, "About")
	if n := h.logs.waitCount(h.ctx, "chat backlog full", extra); n < extra {
		t.Fatalf("%d updates logged as over the backlog, want %d", n, extra)
	}
}
