package telegramtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	imagepng "image/png"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

const token = "123456:test-token"

// deadline bounds every wait in these tests: a give-up time that none of
// them should come near, however busy the machine.
const deadline = time.Minute

func newBot(t *testing.T, s *telegramtest.Server) *tgbotapi.BotAPI {
	t.Helper()
	bot, err := tgbotapi.NewBotAPIWithClient(token, s.URL+"/bot%s/%s", http.DefaultClient)
	if err != nil {
		t.Fatalf("NewBotAPIWithClient: %v", err)
	}
	return bot
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), deadline)
	t.Cleanup(cancel)
	return ctx
}

// apiError returns err as a Bot API error, failing the test if it is not one.
func apiError(t *testing.T, err error) *tgbotapi.Error {
	t.Helper()
	var e *tgbotapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *tgbotapi.Error", err, err)
	}
	return e
}

func TestGetMe(t *testing.T) {
	tests := []struct {
		name string
		opts []telegramtest.Option
		want string
	}{
		{"default", nil, telegramtest.DefaultBotUsername},
		{"option", []telegramtest.Option{telegramtest.WithBotUsername("@other_bot")}, "other_bot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := telegramtest.New(t, token, tt.opts...)
			bot := newBot(t, s)
			if bot.Self.UserName != tt.want || !bot.Self.IsBot || bot.Self.ID != telegramtest.DefaultBotID {
				t.Errorf("Self = %+v, want bot %q with id %d", bot.Self, tt.want, telegramtest.DefaultBotID)
			}
			if got := len(s.CallsTo("getMe")); got != 1 {
				t.Errorf("len(CallsTo(getMe)) = %d, want 1", got)
			}
		})
	}
}

func TestSendMessage(t *testing.T) {
	s := telegramtest.New(t, token)
	bot := newBot(t, s)

	cfg := tgbotapi.NewMessage(42, "<b>Silk</b> &amp; road")
	cfg.ParseMode = tgbotapi.ModeHTML
	cfg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("More", "more:1"),
	))
	msg, err := bot.Send(cfg)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if msg.MessageID == 0 || msg.Chat == nil || msg.Chat.ID != 42 || msg.Chat.Type != "private" {
		t.Errorf("Send returned %+v, want a message in private chat 42", msg)
	}
	if msg.Text != "Silk & road" {
		t.Errorf("message text = %q, want %q (tags removed, entities decoded)", msg.Text, "Silk & road")
	}
	if msg.ReplyMarkup == nil || *msg.ReplyMarkup.InlineKeyboard[0][0].CallbackData != "more:1" {
		t.Errorf("message markup = %+v, want the inline keyboard echoed", msg.ReplyMarkup)
	}
	if got, want := s.Texts(42), []string{"<b>Silk</b> &amp; road"}; !slices.Equal(got, want) {
		t.Errorf("Texts(42) = %q, want %q", got, want)
	}
	if got := s.Texts(43); got != nil {
		t.Errorf("Texts(43) = %q, want none", got)
	}
	sent := s.Sent(42)
	if len(sent) != 1 || sent[0].Params["parse_mode"] != "HTML" {
		t.Fatalf("Sent(42) = %+v, want one HTML sendMessage", sent)
	}
	if m, err := sent[0].Message(); err != nil || m.MessageID != msg.MessageID {
		t.Errorf("Sent(42)[0].Message() = %d, %v; want message %d", m.MessageID, err, msg.MessageID)
	}

	second, err := bot.Send(tgbotapi.NewMessage(42, "again"))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if second.MessageID <= msg.MessageID {
		t.Errorf("second message id = %d, want more than %d", second.MessageID, msg.MessageID)
	}
}

func TestEditMessage(t *testing.T) {
	s := telegramtest.New(t, token)
	bot := newBot(t, s)

	keyboard := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("Next", "page:2"),
	))
	msg, err := bot.Send(tgbotapi.NewMessage(7, "page 1"))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	edited, err := bot.Send(tgbotapi.NewEditMessageTextAndMarkup(7, msg.MessageID, "page 2", keyboard))
	if err != nil {
		t.Fatalf("editMessageText: %v", err)
	}
	if edited.Text != "page 2" || edited.EditDate == 0 || edited.ReplyMarkup == nil {
		t.Errorf("edited message = %+v, want text %q, an edit date and the keyboard", edited, "page 2")
	}
	if got, ok := s.Message(7, msg.MessageID); !ok || got.Text != "page 2" {
		t.Errorf("Message(7, %d) = %q, %v; want %q, true", msg.MessageID, got.Text, ok, "page 2")
	}

	// Telegram refuses an edit that changes nothing.
	_, err = bot.Send(tgbotapi.NewEditMessageTextAndMarkup(7, msg.MessageID, "page 2", keyboard))
	if e := apiError(t, err); e.Code != 400 || !strings.Contains(e.Message, "message is not modified") {
		t.Errorf("identical edit: error %d %q, want 400 message is not modified", e.Code, e.Message)
	}
	if errs := s.Errors(); len(errs) != 0 {
		t.Errorf("Errors() = %v, want none: bots meet \"not modified\" in normal use", errs)
	}

	// An edit without reply_markup drops the keyboard, as on Telegram.
	if _, err := bot.Send(tgbotapi.NewEditMessageText(7, msg.MessageID, "page 3")); err != nil {
		t.Fatalf("editMessageText without markup: %v", err)
	}
	if got, _ := s.Message(7, msg.MessageID); got.ReplyMarkup != nil {
		t.Errorf("keyboard after an edit without reply_markup = %+v, want none", got.ReplyMarkup)
	}
	if _, err := bot.Send(tgbotapi.NewEditMessageReplyMarkup(7, msg.MessageID, keyboard)); err != nil {
		t.Fatalf("editMessageReplyMarkup: %v", err)
	}
	if got, _ := s.Message(7, msg.MessageID); got.ReplyMarkup == nil || got.Text != "page 3" {
		t.Errorf("message after editMessageReplyMarkup = %+v, want text %q with the keyboard", got, "page 3")
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMessage(7, msg.MessageID)); err != nil {
		t.Fatalf("deleteMessage: %v", err)
	}
	if _, ok := s.Message(7, msg.MessageID); ok {
		t.Errorf("Message(7, %d) exists after deleteMessage", msg.MessageID)
	}
}

func TestRefusals(t *testing.T) {
	button := func(data string) tgbotapi.InlineKeyboardMarkup {
		return tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData("b", data)))
	}
	html := func(text string) tgbotapi.MessageConfig {
		m := tgbotapi.NewMessage(1, text)
		m.ParseMode = tgbotapi.ModeHTML
		return m
	}
	withMarkup := func(markup any) tgbotapi.MessageConfig {
		m := tgbotapi.NewMessage(1, "x")
		m.ReplyMarkup = markup
		return m
	}
	quiz := func(correct int64, options ...string) tgbotapi.SendPollConfig {
		p := tgbotapi.NewPoll(1, "Where is Khorgos?", options...)
		p.Type = "quiz"
		p.CorrectOptionID = correct
		return p
	}
	tests := []struct {
		name     string
		req      tgbotapi.Chattable
		wantCode int
		wantDesc string
	}{
		{"empty text", tgbotapi.NewMessage(1, " \n"), 400, "message text is empty"},
		{"too long", tgbotapi.NewMessage(1, strings.Repeat("я", 4097)), 400, "message is too long"},
		{"html bare less-than", html("a < b"), 400, `Unsupported start tag "" at byte offset 2`},
		{"html unknown tag", html("<br/>"), 400, `Unsupported start tag "br/"`},
		{"html unclosed", html("<b>bold"), 400, `Can't find end tag corresponding to start tag "b"`},
		{"html mismatched", html("<b><i>x</b></i>"), 400, "Unmatched end tag"},
		{"callback data too long", withMarkup(button(strings.Repeat("d", 65))), 400, "BUTTON_DATA_INVALID"},
		{"text-only inline button", withMarkup(tgbotapi.InlineKeyboardMarkup{
			InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{{{Text: "plain"}}},
		}), 400, "Text buttons are unallowed"},
		{"no chat", tgbotapi.NewMessage(0, "x"), 400, "chat_id is empty"},
		{"quiz correct option out of range", quiz(2, "Kazakhstan", "China"), 400, "wrong correct option ID"},
		{"poll with one option", quiz(0, "Kazakhstan"), 400, "at least 2 option"},
		{"poll option too long", quiz(0, "a", strings.Repeat("b", 101)), 400, "options length"},
		{"stop unknown poll", tgbotapi.NewStopPoll(1, 999), 400, "message with poll to stop not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := telegramtest.NewServer(token)
			defer s.Close()
			bot := newBot(t, s)

			_, err := bot.Request(tt.req)
			e := apiError(t, err)
			if e.Code != tt.wantCode || !strings.Contains(e.Message, tt.wantDesc) {
				t.Errorf("error = %d %q, want %d containing %q", e.Code, e.Message, tt.wantCode, tt.wantDesc)
			}
			errs := s.Errors()
			var re *telegramtest.RequestError
			if len(errs) != 1 || !errors.As(errs[0], &re) || re.Code != tt.wantCode {
				t.Errorf("Errors() = %v, want one RequestError with code %d", errs, tt.wantCode)
			}
			if calls := s.Calls(); len(calls) != 1 { // getMe only
				t.Errorf("Calls() has %d calls, want only getMe: a refused call is not recorded", len(calls))
			}
		})
	}
}

// poll runs GetUpdates in a goroutine and returns channels for its outcome.
func poll(bot *tgbotapi.BotAPI, cfg tgbotapi.UpdateConfig) (<-chan []tgbotapi.Update, <-chan error) {
	updates := make(chan []tgbotapi.Update, 1)
	errs := make(chan error, 1)
	go func() {
		u, err := bot.GetUpdates(cfg)
		if err != nil {
			errs <- err
			return
		}
		updates <- u
	}()
	return updates, errs
}

func receive(t *testing.T, updates <-chan []tgbotapi.Update, errs <-chan error) []tgbotapi.Update {
	t.Helper()
	select {
	case u := <-updates:
		return u
	case err := <-errs:
		t.Fatalf("GetUpdates: %v", err)
	case <-time.After(deadline):
		t.Fatalf("GetUpdates did not return within %v", deadline)
	}
	return nil
}

func TestGetUpdatesLongPoll(t *testing.T) {
	s := telegramtest.New(t, token)
	bot := newBot(t, s)
	ctx := waitCtx(t)

	updates, errs := poll(bot, tgbotapi.UpdateConfig{Timeout: 30})
	if _, err := s.WaitFor(ctx, "getUpdates", nil); err != nil {
		t.Fatalf("WaitFor(getUpdates): %v", err)
	}
	id := s.PushUpdate(telegramtest.TextMessage(42, 42, "hello"))

	got := receive(t, updates, errs)
	if len(got) != 1 || got[0].UpdateID != id {
		t.Fatalf("GetUpdates = %+v, want update %d", got, id)
	}
	m := got[0].Message
	if m == nil || m.Text != "hello" || m.Chat.Type != "private" || m.MessageID == 0 || m.From.LanguageCode != "en" {
		t.Errorf("update message = %+v, want %q in a private chat with an id and a language", m, "hello")
	}
}

func TestGetUpdatesOffset(t *testing.T) {
	s := telegramtest.New(t, token)
	bot := newBot(t, s)

	var ids []int
	for _, text := range []string{"one", "two", "three"} {
		ids = append(ids, s.PushUpdate(telegramtest.TextMessage(1, 1, text)))
	}
	texts := func(us []tgbotapi.Update) []string {
		var out []string
		for _, u := range us {
			out = append(out, u.Message.Text)
		}
		return out
	}
	tests := []struct {
		name string
		cfg  tgbotapi.UpdateConfig
		want []string
	}{
		{"no offset returns all", tgbotapi.UpdateConfig{}, []string{"one", "two", "three"}},
		{"limit", tgbotapi.UpdateConfig{Limit: 2}, []string{"one", "two"}},
		{"offset confirms earlier updates", tgbotapi.UpdateConfig{Offset: ids[1]}, []string{"two", "three"}},
		{"confirmed updates are gone", tgbotapi.UpdateConfig{}, []string{"two", "three"}},
		{"negative offset keeps the last", tgbotapi.UpdateConfig{Offset: -1}, []string{"three"}},
		{"offset past the end", tgbotapi.UpdateConfig{Offset: ids[2] + 1}, nil},
	}
	for _, tt := range tests {
		got, err := bot.GetUpdates(tt.cfg)
		if err != nil {
			t.Fatalf("%s: GetUpdates(%+v): %v", tt.name, tt.cfg, err)
		}
		if !slices.Equal(texts(got), tt.want) {
			t.Errorf("%s: GetUpdates(%+v) = %q, want %q", tt.name, tt.cfg, texts(got), tt.want)
		}
	}
}

func TestGetUpdatesTimeout(t *testing.T) {
	s := telegramtest.New(t, token)
	bot := newBot(t, s)
	start := time.Now()
	got, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 1})
	if err != nil || len(got) != 0 {
		t.Fatalf("GetUpdates(timeout 1) = %v, %v; want no updates", got, err)
	}
	if elapsed := time.Since(start); elapsed < 900*time.Millisecond {
		t.Errorf("GetUpdates(timeout 1) returned after %v, want about 1s", elapsed)
	}
}

func TestCloseReleasesLongPolls(t *testing.T) {
	s := telegramtest.NewServer(token)
	bot := newBot(t, s)
	ctx := waitCtx(t)

	const polls = 3
	var outcomes []<-chan []tgbotapi.Update
	var failures []<-chan error
	for range polls {
		u, e := poll(bot, tgbotapi.UpdateConfig{Timeout: 600})
		outcomes, failures = append(outcomes, u), append(failures, e)
	}
	if _, err := s.WaitN(ctx, "getUpdates", polls); err != nil {
		t.Fatalf("WaitN(getUpdates, %d): %v", polls, err)
	}
	closed := make(chan struct{})
	go func() {
		s.Close()
		close(closed)
	}()
	for i := range polls {
		if got := receive(t, outcomes[i], failures[i]); len(got) != 0 {
			t.Errorf("poll %d after Close = %v, want no updates", i, got)
		}
	}
	select {
	case <-closed:
	case <-time.After(deadline):
		t.Fatal("Close did not return")
	}
	if _, err := s.WaitFor(ctx, "sendMessage", nil); !errors.Is(err, telegramtest.ErrClosed) {
		t.Errorf("WaitFor after Close: %v, want ErrClosed", err)
	}
}

func TestCancelledPollEnds(t *testing.T) {
	s := telegramtest.NewServer(token)
	ctx := waitCtx(t)

	reqCtx, cancel := context.WithCancel(ctx)
	req, err := http.NewRequestWithContext(reqCtx, http.MethodPost, s.URL+"/bot"+token+"/getUpdates?timeout=600", nil)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	if _, err := s.WaitFor(ctx, "getUpdates", nil); err != nil {
		t.Fatalf("WaitFor(getUpdates): %v", err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled request: %v, want context.Canceled", err)
	}
	// Close waits for outstanding handlers, so it returns only if the
	// cancelled poll ended.
	closed := make(chan struct{})
	go func() {
		s.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(deadline):
		t.Fatal("Close blocked: the cancelled long poll did not end")
	}
}

func TestUnknownMethod(t *testing.T) {
	s := telegramtest.NewServer(token)
	defer s.Close()
	bot := newBot(t, s)

	_, err := bot.MakeRequest("sendTelepathy", nil)
	if e := apiError(t, err); e.Code != 404 || e.Message != "Not Found: method not found" {
		t.Errorf("error = %d %q, want 404 Not Found: method not found", e.Code, e.Message)
	}
	errs := s.Errors()
	var re *telegramtest.RequestError
	if len(errs) != 1 || !errors.As(errs[0], &re) || re.Method != "sendTelepathy" || re.Code != 404 {
		t.Errorf("Errors() = %v, want one 404 for sendTelepathy", errs)
	}
	if got := s.CallsTo("sendTelepathy"); len(got) != 0 {
		t.Errorf("CallsTo(sendTelepathy) = %v, want none", got)
	}
	// Method names are case-insensitive, as on Telegram.
	if _, err := bot.MakeRequest("GETME", nil); err != nil {
		t.Errorf("MakeRequest(GETME): %v", err)
	}
}

func TestWrongToken(t *testing.T) {
	s := telegramtest.NewServer(token)
	defer s.Close()

	_, err := tgbotapi.NewBotAPIWithClient("999:wrong-secret", s.URL+"/bot%s/%s", http.DefaultClient)
	if e := apiError(t, err); e.Code != 401 || e.Message != "Unauthorized" {
		t.Errorf("error = %d %q, want 401 Unauthorized", e.Code, e.Message)
	}
	errs := s.Errors()
	if len(errs) != 1 || strings.Contains(errs[0].Error(), "wrong-secret") {
		t.Errorf("Errors() = %v, want one error that does not reveal the token", errs)
	}
	if calls := s.Calls(); len(calls) != 0 {
		t.Errorf("Calls() = %v, want none", calls)
	}
}

// fakeTB records what New reports at cleanup.
type fakeTB struct {
	testing.TB
	cleanups []func()
	errors   []string
}

func (f *fakeTB) Helper()           {}
func (f *fakeTB) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }
func (f *fakeTB) Errorf(format string, a ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, a...))
}

func TestNewReportsRefusedRequests(t *testing.T) {
	tb := &fakeTB{TB: t}
	s := telegramtest.New(tb, token)
	bot := newBot(t, s)
	if _, err := bot.MakeRequest("noSuchMethod", nil); err == nil {
		t.Fatal("noSuchMethod succeeded")
	}
	if len(tb.cleanups) != 1 {
		t.Fatalf("New registered %d cleanups, want 1", len(tb.cleanups))
	}
	tb.cleanups[0]()
	if len(tb.errors) != 1 || !strings.Contains(tb.errors[0], "noSuchMethod") {
		t.Errorf("cleanup reported %q, want one error about noSuchMethod", tb.errors)
	}
}

func TestFaults(t *testing.T) {
	const (
		n          = 2000
		retryAfter = 2
	)
	faults := telegramtest.Faults{
		Methods:    []string{"getUpdates", "sendMessage"},
		Err500:     0.2,
		TooMany:    0.1,
		RetryAfter: retryAfter,
		Drop:       0.1,
		Seed:       7,
	}
	run := func() (counts map[string]int, kinds []telegramtest.FaultKind) {
		s := telegramtest.New(t, token)
		bot := newBot(t, s)
		s.SetFaults(faults)
		counts = make(map[string]int)
		for i := range n {
			_, err := bot.Send(tgbotapi.NewMessage(5, fmt.Sprint(i)))
			var e *tgbotapi.Error
			switch {
			case err == nil:
				counts["ok"]++
			case errors.As(err, &e) && e.Code == 500:
				counts["500"]++
			case errors.As(err, &e) && e.Code == 429:
				counts["429"]++
				if e.RetryAfter != retryAfter {
					t.Fatalf("429 retry_after = %d, want %d", e.RetryAfter, retryAfter)
				}
			case errors.As(err, &e):
				t.Fatalf("unexpected API error %d %q", e.Code, e.Message)
			default:
				counts["drop"]++
			}
		}
		// Methods not listed are never faulted.
		for range 50 {
			if _, err := bot.GetMe(); err != nil {
				t.Fatalf("GetMe under faults for other methods: %v", err)
			}
		}
		if got := len(s.CallsTo("sendMessage")); got != counts["ok"] {
			t.Errorf("recorded %d sendMessage calls, want %d: faulted calls must not be recorded", got, counts["ok"])
		}
		if got := len(s.Messages(5)); got != counts["ok"] {
			t.Errorf("server holds %d messages, want %d: faulted calls must not create messages", got, counts["ok"])
		}
		for _, f := range s.InjectedFaults() {
			kinds = append(kinds, f.Kind)
			counts["injected "+f.Kind.String()]++
		}
		return counts, kinds
	}

	counts, kinds := run()
	for _, c := range []struct {
		kind string
		p    float64
	}{{"500", faults.Err500}, {"429", faults.TooMany}, {"drop", faults.Drop}} {
		got := float64(counts[c.kind]) / n
		if math.Abs(got-c.p) > 0.04 {
			t.Errorf("%s rate = %.3f, want about %.2f", c.kind, got, c.p)
		}
		if counts[c.kind] != counts["injected "+c.kind] {
			t.Errorf("client saw %d %s faults, server injected %d", counts[c.kind], c.kind, counts["injected "+c.kind])
		}
	}
	if _, again := run(); !slices.Equal(kinds, again) {
		t.Errorf("two runs with seed %d injected different faults", faults.Seed)
	}
}

// TestFaultDelay: a delayed method is answered, no sooner than the
// delay; other methods are not held.
func TestFaultDelay(t *testing.T) {
	const delay = 300 * time.Millisecond
	s := telegramtest.New(t, token)
	bot := newBot(t, s)
	s.SetFaults(telegramtest.Faults{Methods: []string{"sendMessage"}, Delay: delay})
	start := time.Now()
	if _, err := bot.Send(tgbotapi.NewMessage(5, "slow")); err != nil {
		t.Fatalf("a delayed sendMessage failed: %v", err)
	}
	if took := time.Since(start); took < delay {
		t.Errorf("a delayed sendMessage was answered after %v, want at least %v", took, delay)
	}
	if len(s.Sent(5)) != 1 {
		t.Error("the delayed message was not recorded")
	}
	if len(s.InjectedFaults()) != 0 {
		t.Error("a delay counted as a fault")
	}
}

func TestFaultedGetUpdatesKeepsUpdates(t *testing.T) {
	tests := []struct {
		name   string
		faults telegramtest.Faults
	}{
		{"500", telegramtest.Faults{Err500: 1}},
		{"429", telegramtest.Faults{TooMany: 1, RetryAfter: 1}},
		{"drop", telegramtest.Faults{Drop: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := telegramtest.New(t, token)
			bot := newBot(t, s)
			id := s.PushUpdate(telegramtest.TextMessage(3, 3, "kept"))

			s.SetFaults(tt.faults)
			if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: id + 1}); err == nil {
				t.Fatal("GetUpdates under a certain fault succeeded")
			}
			if got := s.CallsTo("getUpdates"); len(got) != 0 {
				t.Errorf("CallsTo(getUpdates) = %v, want none: a faulted call is not recorded", got)
			}

			s.SetFaults(telegramtest.Faults{})
			got, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: id})
			if err != nil || len(got) != 1 || got[0].UpdateID != id {
				t.Errorf("GetUpdates after the fault = %v, %v; want update %d, which the faulted offset must not have confirmed", got, err, id)
			}
		})
	}
}

func TestSendDocument(t *testing.T) {
	s := telegramtest.New(t, token)
	bot := newBot(t, s)

	content := []byte("Khorgos,3500\n")
	doc := tgbotapi.NewDocument(9, tgbotapi.FileBytes{Name: "outlets.csv", Bytes: content})
	doc.Caption = "Outlets"
	msg, err := bot.Send(doc)
	if err != nil {
		t.Fatalf("Send(document): %v", err)
	}
	if msg.Document == nil || msg.Document.FileName != "outlets.csv" || msg.Document.FileSize != len(content) || msg.Document.FileID == "" {
		t.Errorf("message document = %+v, want outlets.csv of %d bytes with a file id", msg.Document, len(content))
	}
	if msg.Caption != "Outlets" {
		t.Errorf("caption = %q, want %q", msg.Caption, "Outlets")
	}
	c, err := s.WaitFor(waitCtx(t), "sendDocument", nil)
	if err != nil {
		t.Fatalf("WaitFor(sendDocument): %v", err)
	}
	if !bytes.Equal(c.Files["document"], content) || c.FileNames["document"] != "outlets.csv" || c.Params["chat_id"] != "9" {
		t.Errorf("recorded call = %+v, want the upload to chat 9", c)
	}

	// A file id instead of an upload travels as a plain form value.
	again, err := bot.Send(tgbotapi.NewDocument(9, tgbotapi.FileID(msg.Document.FileID)))
	if err != nil || again.Document.FileID != msg.Document.FileID {
		t.Errorf("resend by file id = %+v, %v; want file id %q", again.Document, err, msg.Document.FileID)
	}
	var png bytes.Buffer
	if err := imagepng.Encode(&png, image.NewGray(image.Rect(0, 0, 1200, 600))); err != nil {
		t.Fatal(err)
	}
	photo, err := bot.Send(tgbotapi.NewPhoto(9, tgbotapi.FileBytes{Name: "map.png", Bytes: png.Bytes()}))
	if err != nil || len(photo.Photo) != 2 || photo.Photo[1].Width != 1200 || photo.Photo[1].Height != 600 {
		t.Fatalf("Send(photo) = %+v, %v; want two sizes, the big one 1200×600", photo.Photo, err)
	}
	// A photo goes again by its file_id; an unknown id or bytes that are
	// no image are refused, as Telegram does.
	if again, err := bot.Send(tgbotapi.NewPhoto(9, tgbotapi.FileID(photo.Photo[1].FileID))); err != nil || again.Photo[1].Width != 1200 {
		t.Errorf("resend photo by file id = %+v, %v", again.Photo, err)
	}
}

// TestPhotoRefusals: a photo by an unknown file_id, or bytes that are no
// image, are refused as Telegram refuses them.
func TestPhotoRefusals(t *testing.T) {
	s := telegramtest.NewServer(token)
	defer s.Close()
	bot := newBot(t, s)
	if _, err := bot.Send(tgbotapi.NewPhoto(9, tgbotapi.FileID("AgACAgIAAxkBAAIzzz"))); err == nil || !strings.Contains(err.Error(), "wrong file identifier") {
		t.Errorf("photo by an unknown file id: %v, want refused", err)
	}
	if _, err := bot.Send(tgbotapi.NewPhoto(9, tgbotapi.FileBytes{Name: "map.png", Bytes: []byte("png")})); err == nil || !strings.Contains(err.Error(), "IMAGE_PROCESS_FAILED") {
		t.Errorf("a photo that is no image: %v, want refused", err)
	}
}

func TestPolls(t *testing.T) {
	s := telegramtest.New(t, token)
	bot := newBot(t, s)

	send := func() tgbotapi.Message {
		t.Helper()
		q := tgbotapi.NewPoll(-100, "Which city hosts the dry port?", "Khorgos", "Almaty", "Aktau")
		q.Type = "quiz"
		q.IsAnonymous = false
		q.CorrectOptionID = 0
		q.Explanation = "Khorgos Gateway"
		m, err := bot.Send(q)
		if err != nil {
			t.Fatalf("Send(poll): %v", err)
		}
		return m
	}
	first, second := send(), send()
	if first.Poll == nil || second.Poll == nil {
		t.Fatalf("sendPoll results %+v, %+v lack polls", first, second)
	}
	if first.Poll.ID == "" || first.Poll.ID == second.Poll.ID {
		t.Errorf("poll ids %q and %q, want fresh non-empty ids", first.Poll.ID, second.Poll.ID)
	}
	if p := first.Poll; p.Type != "quiz" || len(p.Options) != 3 || p.IsAnonymous || p.Explanation != "Khorgos Gateway" {
		t.Errorf("poll = %+v, want a non-anonymous quiz with 3 options and the explanation", p)
	}
	if first.Chat.Type != "supergroup" {
		t.Errorf("chat type for -100 = %q, want supergroup", first.Chat.Type)
	}

	stopped, err := bot.StopPoll(tgbotapi.NewStopPoll(-100, first.MessageID))
	if err != nil || !stopped.IsClosed || stopped.ID != first.Poll.ID {
		t.Errorf("StopPoll = %+v, %v; want poll %s closed", stopped, err, first.Poll.ID)
	}
	if p, ok := s.Poll(first.Poll.ID); !ok || !p.IsClosed {
		t.Errorf("Poll(%s) = %+v, %v; want it closed", first.Poll.ID, p, ok)
	}

	// The bot sees answers to its poll as poll_answer updates.
	id := s.PushUpdate(telegramtest.PollAnswer(second.Poll.ID, 77, 0))
	got, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: id})
	if err != nil || len(got) != 1 || got[0].PollAnswer == nil || got[0].PollAnswer.PollID != second.Poll.ID ||
		!slices.Equal(got[0].PollAnswer.OptionIDs, []int{0}) || got[0].PollAnswer.User.ID != 77 {
		t.Errorf("GetUpdates = %+v, %v; want the poll answer", got, err)
	}
}

func TestWaitFor(t *testing.T) {
	isText := func(text string) func(telegramtest.Call) bool {
		return func(c telegramtest.Call) bool { return c.Params["text"] == text }
	}
	tests := []struct {
		name    string
		before  []string // texts sent before WaitFor starts
		after   []string // texts sent while WaitFor waits
		method  string
		match   func(telegramtest.Call) bool
		timeout time.Duration
		want    string
		wantErr error
	}{
		{"already recorded", []string{"a", "b"}, nil, "sendMessage", isText("b"), deadline, "b", nil},
		{"first of several", []string{"a", "a"}, nil, "sendMessage", nil, deadline, "a", nil},
		{"arrives later", []string{"a"}, []string{"x", "y"}, "sendMessage", isText("y"), deadline, "y", nil},
		{"any method", nil, []string{"z"}, "", isText("z"), deadline, "z", nil},
		{"never", []string{"a"}, nil, "sendMessage", isText("q"), 50 * time.Millisecond, "", context.DeadlineExceeded},
		{"other method", []string{"a"}, nil, "editMessageText", nil, 50 * time.Millisecond, "", context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := telegramtest.New(t, token)
			bot := newBot(t, s)
			for _, text := range tt.before {
				if _, err := bot.Send(tgbotapi.NewMessage(1, text)); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(t.Context(), tt.timeout)
			defer cancel()
			sent := make(chan error, 1)
			go func() {
				for _, text := range tt.after {
					if _, err := bot.Send(tgbotapi.NewMessage(1, text)); err != nil {
						sent <- err
						return
					}
				}
				sent <- nil
			}()
			c, err := s.WaitFor(ctx, tt.method, tt.match)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("WaitFor(%q) error = %v, want %v", tt.method, err, tt.wantErr)
			}
			if c.Params["text"] != tt.want {
				t.Errorf("WaitFor(%q) = call with text %q, want %q", tt.method, c.Params["text"], tt.want)
			}
			if err := <-sent; err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestWaitN(t *testing.T) {
	s := telegramtest.New(t, token)
	bot := newBot(t, s)
	ctx := waitCtx(t)

	const senders, each = 8, 25
	var wg sync.WaitGroup
	for g := range senders {
		wg.Go(func() {
			for i := range each {
				if _, err := bot.Send(tgbotapi.NewMessage(int64(g+1), fmt.Sprint(i))); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	calls, err := s.WaitN(ctx, "sendMessage", senders*each)
	if err != nil {
		t.Fatalf("WaitN: %v", err)
	}
	wg.Wait()
	if len(calls) != senders*each {
		t.Errorf("WaitN returned %d calls, want %d", len(calls), senders*each)
	}
	ids := make(map[int]bool)
	for _, c := range calls {
		m, err := c.Message()
		if err != nil {
			t.Fatal(err)
		}
		if ids[m.MessageID] {
			t.Errorf("message id %d given twice", m.MessageID)
		}
		ids[m.MessageID] = true
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if got, err := s.WaitN(short, "sendMessage", senders*each+1); !errors.Is(err, context.DeadlineExceeded) || len(got) != senders*each {
		t.Errorf("WaitN(one too many) = %d calls, %v; want %d and a deadline error", len(got), err, senders*each)
	}
}

func TestJSONAndFormBodies(t *testing.T) {
	s := telegramtest.New(t, token)
	url := s.URL + "/bot" + token + "/sendMessage"
	tests := []struct {
		name        string
		contentType string
		body        string
	}{
		{"json", "application/json", `{"chat_id": 5, "text": "hi", "disable_notification": true, "reply_markup": {"inline_keyboard": [[{"text": "b", "callback_data": "d"}]]}}`},
		{"form", "application/x-www-form-urlencoded", `chat_id=5&text=hi&disable_notification=true&reply_markup=%7B%22inline_keyboard%22%3A%5B%5B%7B%22text%22%3A%22b%22%2C%22callback_data%22%3A%22d%22%7D%5D%5D%7D`},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Post(url, tt.contentType, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var apiResp tgbotapi.APIResponse
			if err := json.NewDecoder(resp.Body).Decode(&apiResp); err != nil || !apiResp.Ok {
				t.Fatalf("response %+v, %v; want ok", apiResp, err)
			}
			c := s.CallsTo("sendMessage")[i]
			want := map[string]string{
				"chat_id":              "5",
				"text":                 "hi",
				"disable_notification": "true",
				"reply_markup":         `{"inline_keyboard":[[{"text":"b","callback_data":"d"}]]}`,
			}
			for k, v := range want {
				got := c.Params[k]
				if k == "reply_markup" {
					got = compactJSON(t, got)
				}
				if got != v {
					t.Errorf("Params[%q] = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func compactJSON(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatalf("compact %q: %v", s, err)
	}
	return b.String()
}

func TestTrueMethods(t *testing.T) {
	s := telegramtest.New(t, token)
	bot := newBot(t, s)
	webhook, err := tgbotapi.NewWebhook("https://example.com/hook")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		req  tgbotapi.Chattable
	}{
		{"answerCallbackQuery", tgbotapi.NewCallback("42", "done")},
		{"answerInlineQuery", tgbotapi.InlineConfig{InlineQueryID: "1", Results: []any{
			tgbotapi.NewInlineQueryResultArticle("a", "Khorgos", "Dry port"),
			tgbotapi.NewInlineQueryResultArticle("b", "Aktau", "Sea port"),
		}}},
		{"sendChatAction", tgbotapi.NewChatAction(1, tgbotapi.ChatTyping)},
		{"setMyCommands", tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "ask", Description: "Ask a question"})},
		{"deleteMyCommands", tgbotapi.NewDeleteMyCommands()},
		{"setWebhook", webhook},
		{"deleteWebhook", tgbotapi.DeleteWebhookConfig{}},
	}
	for _, tt := range tests {
		resp, err := bot.Request(tt.req)
		if err != nil || string(resp.Result) != "true" {
			t.Errorf("%s: result %s, %v; want true", tt.name, resp.Result, err)
		}
	}
	if resp, err := bot.MakeRequest("setChatMenuButton", tgbotapi.Params{"menu_button": `{"type":"commands"}`}); err != nil || string(resp.Result) != "true" {
		t.Errorf("setChatMenuButton: %v, %v; want true", resp, err)
	}
	if info, err := bot.GetWebhookInfo(); err != nil || info.IsSet() {
		t.Errorf("GetWebhookInfo = %+v, %v; want no webhook", info, err)
	}
}

func TestWebhookBlocksGetUpdates(t *testing.T) {
	s := telegramtest.NewServer(token)
	defer s.Close()
	bot := newBot(t, s)
	webhook, _ := tgbotapi.NewWebhook("https://example.com/hook")
	if _, err := bot.Request(webhook); err != nil {
		t.Fatal(err)
	}
	_, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if e := apiError(t, err); e.Code != 409 {
		t.Errorf("GetUpdates with a webhook: %d %q, want 409", e.Code, e.Message)
	}
}

func TestChatMembers(t *testing.T) {
	s := telegramtest.New(t, token)
	bot := newBot(t, s)
	const group = -1001
	s.SetChatMember(group, 10, "creator")
	s.SetChatMember(group, 11, "administrator")

	tests := []struct {
		userID int64
		want   string
	}{{10, "creator"}, {11, "administrator"}, {12, "member"}}
	for _, tt := range tests {
		m, err := bot.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: group, UserID: tt.userID}})
		if err != nil || m.Status != tt.want || m.User.ID != tt.userID {
			t.Errorf("GetChatMember(%d, %d) = %+v, %v; want %q", group, tt.userID, m, err, tt.want)
		}
	}
	admins, err := bot.GetChatAdministrators(tgbotapi.ChatAdministratorsConfig{ChatConfig: tgbotapi.ChatConfig{ChatID: group}})
	if err != nil || len(admins) != 2 || admins[0].User.ID != 10 || admins[1].User.ID != 11 {
		t.Errorf("GetChatAdministrators = %+v, %v; want users 10 and 11", admins, err)
	}
	chat, err := bot.GetChat(tgbotapi.ChatInfoConfig{ChatConfig: tgbotapi.ChatConfig{ChatID: group}})
	if err != nil || chat.ID != group || chat.Type != "supergroup" {
		t.Errorf("GetChat(%d) = %+v, %v; want a supergroup", group, chat, err)
	}
}

func TestOtherSends(t *testing.T) {
	s := telegramtest.New(t, token)
	bot := newBot(t, s)
	venue, err := bot.Send(tgbotapi.NewVenue(3, "Khorgos Gateway", "Zharkent", 44.2, 80.4))
	if err != nil || venue.Venue == nil || venue.Venue.Title != "Khorgos Gateway" || venue.Location.Latitude != 44.2 {
		t.Errorf("Send(venue) = %+v, %v; want the venue", venue.Venue, err)
	}
	loc, err := bot.Send(tgbotapi.NewLocation(3, 43.25, 76.9))
	if err != nil || loc.Location == nil || loc.Location.Longitude != 76.9 {
		t.Errorf("Send(location) = %+v, %v; want the location", loc.Location, err)
	}
	id, err := bot.CopyMessage(tgbotapi.NewCopyMessage(4, 3, venue.MessageID))
	if err != nil || id.MessageID <= loc.MessageID {
		t.Errorf("CopyMessage = %+v, %v; want a new message id", id, err)
	}
}

func TestBuilders(t *testing.T) {
	s := telegramtest.New(t, token)
	bot := newBot(t, s)

	sent, err := bot.Send(tgbotapi.NewMessage(-500, "Pick one"))
	if err != nil {
		t.Fatal(err)
	}
	pushes := []tgbotapi.Update{
		telegramtest.TextMessage(8, 8, "hi"),
		telegramtest.GroupMessage(-500, 8, "hello all"),
		telegramtest.Command(8, 8, "start", "ref_1"),
		telegramtest.InLanguage(telegramtest.TextMessage(9, 9, "сәлем"), "kk"),
		telegramtest.Callback(-500, 8, sent.MessageID, "pick:1"),
		telegramtest.InlineQuery(8, "Khorgos"),
	}
	first := 0
	for i, u := range pushes {
		id := s.PushUpdate(u)
		if i == 0 {
			first = id
		}
	}
	raw, err := s.PushRaw([]byte(`{"message": {"text": 5}}`))
	if err != nil {
		t.Fatalf("PushRaw: %v", err)
	}
	if _, err := s.PushRaw([]byte(`{"message":`)); err == nil {
		t.Error("PushRaw accepted invalid JSON")
	}

	got, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: first, Limit: len(pushes)})
	if err != nil {
		t.Fatalf("GetUpdates: %v", err)
	}
	if len(got) != len(pushes) {
		t.Fatalf("GetUpdates returned %d updates, want %d", len(got), len(pushes))
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"private chat", got[0].Message.Chat.Type == "private" && got[0].Message.From.UserName == "user8" && got[0].Message.From.FirstName != ""},
		{"group chat", got[1].Message.Chat.Type == "supergroup" && got[1].Message.Chat.ID == -500},
		{"command", got[2].Message.IsCommand() && got[2].Message.Command() == "start" && got[2].Message.CommandArguments() == "ref_1"},
		{"plain text is no command", !got[0].Message.IsCommand()},
		{"language", got[3].Message.From.LanguageCode == "kk"},
		{"callback", got[4].CallbackQuery != nil && got[4].CallbackQuery.Data == "pick:1" && got[4].CallbackQuery.ID != ""},
		{"callback carries the sent message", got[4].CallbackQuery.Message.Text == "Pick one"},
		{"inline query", got[5].InlineQuery != nil && got[5].InlineQuery.Query == "Khorgos" && got[5].InlineQuery.ID != ""},
		{"distinct message ids", got[0].Message.MessageID != got[1].Message.MessageID},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: update not as expected: %+v", c.name, got)
		}
	}

	// The malformed raw update breaks decoding of the batch it is in, as a
	// real malformed update would.
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: raw}); err == nil {
		t.Error("GetUpdates decoded a malformed update without error")
	}
	resp, err := bot.MakeRequest("getUpdates", tgbotapi.Params{"offset": fmt.Sprint(raw)})
	if err != nil && resp == nil {
		t.Fatalf("MakeRequest(getUpdates): %v", err)
	}
	var batch []map[string]json.RawMessage
	if err := json.Unmarshal(resp.Result, &batch); err != nil || len(batch) != 1 || string(batch[0]["update_id"]) != fmt.Sprint(raw) {
		t.Errorf("raw batch = %s, want the raw update with update_id %d written in", resp.Result, raw)
	}
}

func TestResponseBodiesAreJSON(t *testing.T) {
	s := telegramtest.NewServer(token)
	defer s.Close()
	tests := []struct {
		path     string
		wantCode int
	}{
		{"/bot" + token + "/getMe", 200},
		{"/bot" + token + "/nope", 404},
		{"/botWRONG/getMe", 401},
		{"/favicon.ico", 404},
	}
	for _, tt := range tests {
		resp, err := http.Get(s.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var r tgbotapi.APIResponse
		if resp.StatusCode != tt.wantCode || json.Unmarshal(body, &r) != nil || r.Ok != (tt.wantCode == 200) {
			t.Errorf("GET %s = %d %s, want %d with a JSON envelope", tt.path, resp.StatusCode, body, tt.wantCode)
		}
		if tt.wantCode != 200 && r.ErrorCode != tt.wantCode {
			t.Errorf("GET %s error_code = %d, want %d", tt.path, r.ErrorCode, tt.wantCode)
		}
	}
}

func TestWithHistory(t *testing.T) {
	const keep, sends = 10, 100
	s := telegramtest.New(t, token, telegramtest.WithHistory(keep))
	bot := newBot(t, s)
	for i := range sends {
		if _, err := bot.Send(tgbotapi.NewMessage(1, fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(s.Calls()); n < keep || n >= 2*keep {
		t.Errorf("kept %d calls, want between %d and %d", n, keep, 2*keep-1)
	}
	msgs := s.Messages(1)
	if n := len(msgs); n < keep || n >= 2*keep || msgs[n-1].Text != fmt.Sprint(sends-1) {
		t.Errorf("kept %d messages ending with %q, want between %d and %d ending with the last", n, msgs[n-1].Text, keep, 2*keep-1)
	}
	ctx := waitCtx(t)
	oldest := s.CallsTo("sendMessage")[0].Params["text"]
	c, err := s.WaitFor(ctx, "sendMessage", nil)
	if err != nil || c.Params["text"] != oldest {
		t.Errorf("WaitFor = %q, %v; want the oldest kept call %q", c.Params["text"], err, oldest)
	}
	calls, err := s.WaitN(ctx, "sendMessage", 3)
	if err != nil || len(calls) != 3 || calls[0].Params["text"] != oldest {
		t.Errorf("WaitN(3) = %d calls, %v; want the 3 oldest kept, from %q", len(calls), err, oldest)
	}
}
