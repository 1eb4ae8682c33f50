package telegram

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"golang.org/x/time/rate"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/internal/clock"
)

// newTestSender connects to srv and returns the bot's Sender, with its
// waits recorded and shortened.
func newTestSender(t *testing.T, srv *telegramtest.Server, retry RetryPolicy) (*Sender, *sleepLog) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tg, err := New(ctx, bot.NewHandler(testIndex(t)), Options{Token: testToken, BaseURL: srv.URL, Retry: retry})
	if err != nil {
		t.Fatalf("NewTelegram: %v", err)
	}
	sleeps := &sleepLog{}
	tg.send.clock = sleeps
	return tg.send, sleeps
}

func TestSenderRetries(t *testing.T) {
	srv := telegramtest.NewServer(testToken)
	defer srv.Close()
	s, sleeps := newTestSender(t, srv, RetryPolicy{Attempts: 4, Base: 100 * time.Millisecond, Max: time.Second})
	ctx := context.Background()
	send := func(text string) error {
		_, err := s.Call(ctx, 100, "sendMessage", tgbotapi.Params{"chat_id": "100", "text": text})
		return err
	}

	// A 429 waits its retry_after, a bounded number of times.
	srv.SetFaults(telegramtest.Faults{Methods: []string{"sendMessage"}, TooMany: 1, RetryAfter: 3})
	if err := send("hi"); err == nil {
		t.Fatal("sendMessage succeeded under constant 429s")
	}
	if got := sleeps.count(3 * time.Second); got != 3 {
		t.Errorf("after 4 attempts with 429: %d waits of 3 s, want 3 (waits %v)", got, sleeps.waits)
	}

	// A 500 backs off exponentially with jitter: each wait within
	// [base·2ⁿ/2, base·2ⁿ].
	sleeps.waits = nil
	srv.SetFaults(telegramtest.Faults{Methods: []string{"sendMessage"}, Err500: 1})
	if err := send("hi"); err == nil {
		t.Fatal("sendMessage succeeded under constant 500s")
	}
	if len(sleeps.waits) != 3 {
		t.Fatalf("waits after 500s = %v, want 3", sleeps.waits)
	}
	for i, w := range sleeps.waits {
		hi := 100 * time.Millisecond << i
		if w < hi/2 || w > hi {
			t.Errorf("wait %d = %v, want within [%v, %v]", i, w, hi/2, hi)
		}
	}

	// A dropped connection is retried, and the retry gets through.
	sleeps.waits = nil
	srv.SetFaults(telegramtest.Faults{Methods: []string{"sendMessage"}, Drop: 0.3, Seed: 3})
	for i := range 10 {
		if err := send("hi"); err != nil {
			t.Errorf("send %d with 30%% of the connections dropped: %v", i, err)
		}
	}
	if len(sleeps.waits) == 0 {
		t.Error("no connection was dropped: the test proves nothing")
	}

	// A permanent error is not retried.
	sleeps.waits = nil
	srv.SetFaults(telegramtest.Faults{})
	err := send("") // 400: message text is empty
	if !errors.Is(err, ErrPermanent) {
		t.Errorf("empty text: err = %v, want ErrPermanent", err)
	}
	if len(sleeps.waits) != 0 {
		t.Errorf("a permanent error was retried after %v", sleeps.waits)
	}
}

func TestSenderWaitEndsWithContext(t *testing.T) {
	srv := telegramtest.NewServer(testToken)
	defer srv.Close()
	s, _ := newTestSender(t, srv, RetryPolicy{})
	s.clock = clock.System{} // the real wait: retry_after is a minute
	srv.SetFaults(telegramtest.Faults{Methods: []string{"sendMessage"}, TooMany: 1, RetryAfter: 60})
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := s.Call(ctx, 100, "sendMessage", tgbotapi.Params{"chat_id": "100", "text": "hi"})
		errc <- err
	}()
	if _, err := srv.WaitFor(context.Background(), "", nil); err != nil { // getMe
		t.Fatal(err)
	}
	faulted := make(chan error, 1)
	go func() { faulted <- srv.WaitFaults(ctx, 1) }()
	select {
	case err := <-errc:
		t.Fatalf("Call returned before the 429: %v", err)
	case err := <-faulted:
		if err != nil {
			t.Fatal(err)
		}
	}
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Call = %v, want context.Canceled", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("Call went on waiting after its context ended")
	}
}

func TestLimiterKinds(t *testing.T) {
	l := newLimiter(DefaultLimits)
	tests := []struct {
		chat  int64
		limit rate.Limit
		burst int
	}{
		{42, 1, 3},                           // a private chat
		{-1001234, rate.Limit(20.0 / 60), 3}, // a group
	}
	for _, tt := range tests {
		r := l.chat(tt.chat, time.Now())
		if r.Limit() != tt.limit || r.Burst() != tt.burst {
			t.Errorf("chat(%d) = %v/s burst %d, want %v/s burst %d", tt.chat, r.Limit(), r.Burst(), tt.limit, tt.burst)
		}
	}
	if l.global.Limit() != 30 || l.global.Burst() != 30 {
		t.Errorf("global = %v/s burst %d, want 30/s burst 30", l.global.Limit(), l.global.Burst())
	}
	// The burst goes at once; the next message must wait a second, and a
	// context that ends first stops the wait.
	clock := &stepClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	for i := range 3 {
		if err := l.wait(context.Background(), 42, clock); err != nil {
			t.Fatalf("message %d of the burst: %v", i+1, err)
		}
	}
	if len(clock.waits) != 0 {
		t.Errorf("the burst of 3 waited %v", clock.waits)
	}
	if err := l.wait(context.Background(), 42, clock); err != nil || len(clock.waits) != 1 || clock.waits[0] < 900*time.Millisecond || clock.waits[0] > time.Second {
		t.Errorf("a fourth message within a second: err %v, waits %v; want one wait of about 1 s", err, clock.waits)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.wait(ctx, 42, stuckClock{clock.now}); err == nil {
		t.Error("a fifth message waited on after its context ended")
	}
	for _, m := range []string{"sendChatAction", "answerCallbackQuery", "getChatMember"} {
		if limitedMethod(m) {
			t.Errorf("limitedMethod(%q) = true, want false", m)
		}
	}
	for _, m := range []string{"sendMessage", "editMessageText", "sendPoll", "stopPoll", "sendVenue"} {
		if !limitedMethod(m) {
			t.Errorf("limitedMethod(%q) = false, want true", m)
		}
	}
}

// TestE2EFlood: a user over the limit gets one "slow down", then silence.
func TestE2EFlood(t *testing.T) {
	h := startBot(t, func(h *bot.Handler) { bot.WithFlood(3, time.Hour)(h) })
	last := 0
	for range 6 {
		last = h.send(telegramtest.Command(3000, 3000, "cancel"))
	}
	h.waitCall("getUpdates", func(c telegramtest.Call) bool { return c.Int64("offset") > int64(last) })
	texts := h.srv.Texts(3000)
	if len(texts) != 4 || !strings.Contains(texts[3], "too fast") {
		t.Errorf("replies to 6 quick messages = %q, want 3 answers and one slow-down", texts)
	}
	h.send(telegramtest.Command(3001, 3001, "cancel"))
	h.waitText(3001, "cancelled")
}

// TestWebhookWithoutSecretRefuses: a webhook handler with no secret
// configured refuses everything rather than accept requests without one.
func TestWebhookWithoutSecretRefuses(t *testing.T) {
	h := startBot(t, nil)
	if h.tg.secret != "" {
		t.Fatalf("polling bot has a webhook secret")
	}
	srv := httptest.NewServer(h.tg.WebhookHandler(context.Background()))
	defer srv.Close()
	for _, secret := range []string{"", "anything"} {
		req, _ := http.NewRequest("POST", srv.URL+"/", strings.NewReader(`{"update_id":1}`))
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST with secret %q = %d, want 403", secret, resp.StatusCode)
		}
	}
}

// TestE2EUserTextEscaped sends HTML and Telegram markup characters
// wherever the bot echoes user text, and checks every reply is valid
// HTML that shows the text literally.
func TestE2EUserTextEscaped(t *testing.T) {
	h := startBot(t, nil)
	const evil = `<b>x</b> & <a href="y">*_[z](w)`
	const shown = `&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href=&#34;y&#34;&gt;*_[z](w)`
	tests := []struct {
		name string
		u    tgbotapi.Update
	}{
		{"question", telegramtest.TextMessage(3100, 3100, evil)},
		{"search", telegramtest.Command(3101, 3101, "search", evil)},
		{"project", telegramtest.Command(3102, 3102, "project", evil)},
	}
	for _, tt := range tests {
		h.send(tt.u)
		c := h.waitCall("sendMessage", func(c telegramtest.Call) bool { return c.Int64("chat_id") == tt.u.Message.Chat.ID })
		if tt.name != "question" && !strings.Contains(c.Params["text"], shown) {
			t.Errorf("%s: reply %q does not show the text escaped (%q)", tt.name, c.Params["text"], shown)
		}
	}
	h.checkAllSent() // valid HTML: no tag of the user's got through
}

// TestE2EHandledUpdatesSkipped: an update the log says was handled (as
// after a crash before the offset was confirmed) is not answered again.
func TestE2EHandledUpdatesSkipped(t *testing.T) {
	db := testStore(t)
	if _, err := db.MarkHandled(5000, time.Now()); err != nil {
		t.Fatal(err)
	}
	h := startBot(t, nil, func(o *Options) { o.Updates = db })
	old := telegramtest.Command(3200, 3200, "about")
	old.UpdateID = 5000
	h.send(old)
	fresh := telegramtest.Command(3201, 3201, "about")
	fresh.UpdateID = 5001
	h.send(fresh)
	h.waitText(3201, "About")
	h.waitCall("getUpdates", func(c telegramtest.Call) bool { return c.Int64("offset") > 5001 })
	if texts := h.srv.Texts(3200); len(texts) != 0 {
		t.Errorf("an update handled before was answered again: %q", texts)
	}
	// The mark is written after the answer, without holding up the
	// worker; Run waits for it before returning.
	h.stopAndWait()
	if ok, err := db.Handled(5001); !ok || err != nil {
		t.Errorf("Handled(5001) = %v, %v after the bot stopped; want true", ok, err)
	}
}

// TestE2EBadInput is the README's "Bad input" table: what each kind of
// bad input gets. Flooding is TestE2EFlood.
func TestE2EBadInput(t *testing.T) {
	h := startBot(t, nil)
	sticker := telegramtest.TextMessage(3306, 3306, "")
	sticker.Message.Sticker = &tgbotapi.Sticker{FileID: "s1", Emoji: "🙂"}
	tests := []struct {
		name   string
		u      tgbotapi.Update
		method string // the reply's method
		want   string // in the reply's text
	}{
		{"too long", telegramtest.TextMessage(3300, 3300, "What is Khorgos? "+strings.Repeat("Please tell me. ", 400)), "sendMessage", "Khorgos"},
		{"HTML", telegramtest.Command(3301, 3301, "search", "<script>alert(1)</script>"), "sendMessage", "&lt;script&gt;"},
		{"markup characters", telegramtest.Command(3302, 3302, "project", "*bold* _it_ `code` [a](b) ~s~ ||x||"), "sendMessage", "*bold* _it_ `code` [a](b) ~s~ ||x||"},
		{"empty", telegramtest.TextMessage(3303, 3303, " \n\t "), "sendMessage", "Ask me a question in words"},
		{"empty mention", telegramtest.GroupMessage(-3304, 3304, "@"+telegramtest.DefaultBotUsername), "sendMessage", "Ask me a question in words"},
		{"unknown command", telegramtest.Command(3305, 3305, "rm", "-rf"), "sendMessage", "know the command /rm"},
		{"non-text", sticker, "sendMessage", "I can only read text"},
		{"forged button", telegramtest.Callback(3307, 3307, 1, "1|f|../../etc/passwd"), "answerCallbackQuery", "This button has expired"},
	}
	for _, tt := range tests {
		h.send(tt.u)
		var chat int64
		if tt.u.Message != nil {
			chat = tt.u.Message.Chat.ID
		}
		c := h.waitCall(tt.method, func(c telegramtest.Call) bool {
			return chat == 0 || c.Int64("chat_id") == chat
		})
		if !strings.Contains(c.Params["text"], tt.want) {
			t.Errorf("%s: reply %q, want it to contain %q", tt.name, c.Params["text"], tt.want)
		}
	}
	h.checkAllSent()
}

// TestSenderCapsRetryAfter: a 429 asking to wait an hour is waited only
// MaxRetryAfter, logged at warn, and the call is tried again.
func TestSenderCapsRetryAfter(t *testing.T) {
	srv := telegramtest.NewServer(testToken)
	defer srv.Close()
	s, sleeps := newTestSender(t, srv, RetryPolicy{Attempts: 3, MaxRetryAfter: 2 * time.Second})
	logs := &syncBuffer{}
	s.log = slog.New(slog.NewTextHandler(logs, nil))
	srv.SetFaults(telegramtest.Faults{Methods: []string{"sendMessage"}, TooMany: 1, RetryAfter: 3600})
	_, err := s.Call(context.Background(), 100, "sendMessage", tgbotapi.Params{"chat_id": "100", "text": "hi"})
	if err == nil {
		t.Fatal("sendMessage succeeded under constant 429s")
	}
	if errors.Is(err, ErrPermanent) {
		t.Errorf("a 429 counted as permanent: %v", err)
	}
	if got := sleeps.count(2 * time.Second); got != 2 {
		t.Errorf("waits %v, want two of 2 s (the cap), none of an hour", sleeps.waits)
	}
	if !strings.Contains(logs.String(), "retry_after capped") || !strings.Contains(logs.String(), "level=WARN") {
		t.Errorf("no warning of the capped wait in the logs:\n%s", logs)
	}
}

// TestE2ELongGetUpdates429 gives getUpdates a 429 with retry_after of an
// hour: polling resumes after MaxRetryAfter, and a message sent then is
// answered.
func TestE2ELongGetUpdates429(t *testing.T) {
	srv := telegramtest.New(t, testToken)
	srv.SetFaults(telegramtest.Faults{Methods: []string{"getUpdates"}, TooMany: 1, RetryAfter: 3600, Limit: 1})
	h := startBotOn(t, srv, nil, func(o *Options) { o.Retry.MaxRetryAfter = 200 * time.Millisecond })
	const user = 401
	h.send(telegramtest.TextMessage(user, user, "How long is the Western Europe–Western China corridor?"))
	h.waitText(user, "8,445")
	if len(srv.InjectedFaults()) != 1 {
		t.Fatalf("%d faults injected, want the one 429", len(srv.InjectedFaults()))
	}
	if !strings.Contains(h.logs.String(), "retry_after capped") {
		t.Errorf("the capped wait was not logged")
	}
}

// TestLimitsShared: with three replicas each keeps to a third of the
// limits, for chats it already knows and for new ones, and all of them
// again when it is alone.
func TestLimitsShared(t *testing.T) {
	l := newLimiter(DefaultLimits)
	known := l.chat(42, time.Now())
	l.setShare(3)
	for _, tt := range []struct {
		name  string
		r     *rate.Limiter
		limit rate.Limit
		burst int
	}{
		{"known chat", known, 1.0 / 3, 1},
		{"new chat", l.chat(43, time.Now()), 1.0 / 3, 1},
		{"new group", l.chat(-1001, time.Now()), rate.Limit(20.0/60) / 3, 1},
		{"overall", l.global, 10, 10},
	} {
		if tt.r.Limit() != tt.limit || tt.r.Burst() != tt.burst {
			t.Errorf("%s with 3 replicas: %v/s burst %d, want %v/s burst %d", tt.name, tt.r.Limit(), tt.r.Burst(), tt.limit, tt.burst)
		}
	}
	l.setShare(1)
	if known.Limit() != 1 || known.Burst() != 3 || l.global.Limit() != 30 {
		t.Errorf("alone again: chat %v/s burst %d, overall %v/s; want the whole limits", known.Limit(), known.Burst(), l.global.Limit())
	}
}

// stepClock is a Clock whose waits end at once, moving its time on by
// each; it records them.
type stepClock struct {
	now   time.Time
	waits []time.Duration
}

func (c *stepClock) Now() time.Time { return c.now }

func (c *stepClock) After(d time.Duration) <-chan time.Time {
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch
}

// stuckClock is a Clock whose waits never end.
type stuckClock struct{ now time.Time }

func (c stuckClock) Now() time.Time                     { return c.now }
func (stuckClock) After(time.Duration) <-chan time.Time { return nil }

// TestSenderKeepsChatLimitByItsClock: three messages to one private chat
// with a limit of one a second wait two seconds of the Sender's clock,
// which here takes no real time.
func TestSenderKeepsChatLimitByItsClock(t *testing.T) {
	srv := telegramtest.NewServer(testToken)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tg, err := New(ctx, bot.NewHandler(testIndex(t)), Options{Token: testToken, BaseURL: srv.URL,
		Limits: Limits{Chat: 1, ChatBurst: 1, Group: 1, GroupBurst: 1, Global: 30, GlobalBurst: 30}})
	if err != nil {
		t.Fatalf("NewTelegram: %v", err)
	}
	clock := &stepClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	tg.send.clock = clock
	for i := range 3 {
		if _, err := tg.send.Call(ctx, 100, "sendMessage", tgbotapi.Params{"chat_id": "100", "text": "hi " + strconv.Itoa(i)}); err != nil {
			t.Fatalf("message %d: %v", i+1, err)
		}
	}
	var total time.Duration
	for _, w := range clock.waits {
		total += w
	}
	if len(clock.waits) != 2 || total < 1900*time.Millisecond || total > 2*time.Second {
		t.Errorf("waits %v (total %v), want two of about a second", clock.waits, total)
	}
	if got := len(srv.Texts(100)); got != 3 {
		t.Errorf("%d messages reached the Bot API, want 3", got)
	}
}
