package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

func TestE2EWebhook(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	const secret = "s3cret-webhook_token"
	h := startBot(t, nil, func(o *Options) {
		o.WebhookURL = "https://bot.example.com/telegram"
		o.Listener = ln
		o.Secret = secret
	})
	set := h.waitCall("setWebhook", nil)
	if set.Params["url"] != "https://bot.example.com/telegram" || set.Params["secret_token"] != secret {
		t.Errorf("setWebhook params = %v", set.Params)
	}
	base := "http://" + ln.Addr().String()

	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != "ok" {
		t.Errorf("GET /healthz = %d %q, want 200 ok", resp.StatusCode, body)
	}

	update, _ := json.Marshal(telegramtest.Command(1000, 1000, "about"))
	post := func(secret string) int {
		req, _ := http.NewRequest("POST", base+"/telegram", strings.NewReader(string(update)))
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	tests := []struct {
		name, secret string
		want         int
	}{
		{"no secret", "", http.StatusForbidden},
		{"wrong secret", "guess", http.StatusForbidden},
		{"prefix of the secret", secret[:5], http.StatusForbidden},
		{"right secret", secret, http.StatusOK},
	}
	for _, tt := range tests {
		if got := post(tt.secret); got != tt.want {
			t.Errorf("%s: POST = %d, want %d", tt.name, got, tt.want)
		}
	}
	h.waitText(1000, "About silkroad")
	if n := len(h.srv.Sent(1000)); n != 1 {
		t.Errorf("%d replies, want 1: rejected posts must not be handled", n)
	}
	if len(h.srv.CallsTo("getUpdates")) != 0 {
		t.Errorf("webhook mode called getUpdates")
	}
	if strings.Contains(h.logs.String(), secret) {
		t.Errorf("the webhook secret appears in the logs")
	}
}

// TestE2EShutdown stops the bot while an update is in flight: the update
// is finished and Run returns well within 10 s.
func TestE2EShutdown(t *testing.T) {
	entered := make(chan struct{})
	release := make(chan struct{})
	h := startBot(t, func(h *bot.Handler) {
		h.Register(bot.Command{Name: "slow", Func: func(ctx context.Context, in *bot.Input) ([]bot.Reply, error) {
			close(entered)
			<-release
			return []bot.Reply{bot.Message("finished")}, nil
		}})
	})
	h.send(telegramtest.Command(1100, 1100, "slow"))
	select {
	case <-entered:
	case <-h.ctx.Done():
		t.Fatal("the slow command never started")
	}
	h.stop()
	close(release)
	select {
	case err := <-h.done:
		if err != nil {
			t.Errorf("Run = %v, want nil", err)
		}
		h.done <- err // for the cleanup
	case <-time.After(time.Minute):
		t.Fatal("Run did not return within a minute of the shutdown")
	}
	if texts := h.srv.Texts(1100); len(texts) != 1 || texts[0] != "finished" {
		t.Errorf("in-flight update answered %q, want [finished]", texts)
	}
}

// TestTokenNeverLogged runs the bot against a fake server, then against a
// closed port and a server that rejects the token, and checks the token
// never reaches the logs, the library's logger or an error.
func TestTokenNeverLogged(t *testing.T) {
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	// A closed port: NewTelegram's getMe fails with a network error.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = New(ctx, bot.NewHandler(testIndex(t)), Options{Token: testToken, BaseURL: closed, Logger: logger})
	if err == nil {
		t.Fatal("NewTelegram against a closed port succeeded")
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("error holds the token: %v", err)
	}
	logger.Error("connect failed", "err", err)

	// A server that does not know the token.
	other := telegramtest.NewServer("1:another_token_that_is_long_enough_xxxxx")
	defer other.Close()
	if _, err = New(ctx, bot.NewHandler(testIndex(t)), Options{Token: testToken, BaseURL: other.URL, Logger: logger}); err == nil {
		t.Fatal("NewTelegram with a wrong token succeeded")
	} else if strings.Contains(err.Error(), testToken) {
		t.Errorf("error holds the token: %v", err)
	}

	// A running bot whose server fails and then goes away mid-poll.
	h := startBot(t, nil)
	h.srv.SetFaults(telegramtest.Faults{Methods: []string{"getUpdates"}, Drop: 0.3, Err500: 0.3, Seed: 1})
	for i := 0; len(h.srv.InjectedFaults()) < 3 && i < 50; i++ {
		user := int64(1300 + i)
		h.send(telegramtest.Command(user, user, "cancel"))
		h.waitText(user, "cancelled")
	}
	if n := len(h.srv.InjectedFaults()); n < 3 {
		t.Fatalf("only %d faults injected", n)
	}
	h.srv.SetFaults(telegramtest.Faults{})
	libLog.Printf("library line with %s", testToken) // what tgbotapi would print on its own
	h.send(telegramtest.Command(1200, 1200, "about"))
	h.waitText(1200, "About")
	if !strings.Contains(h.logs.String(), "getUpdates failed") {
		t.Errorf("the faults were not logged:\n%s", h.logs.String())
	}
	for _, l := range []string{logs.String(), h.logs.String()} {
		if strings.Contains(l, testToken) {
			t.Errorf("the token appears in the logs:\n%s", l)
		}
	}
	// startBot's cleanup checks h.logs for the token too.
}

// TestE2EWebhookAnswersSavedUpdates: updates saved pending while the bot
// last polled are answered when it starts with a webhook, which Telegram
// would never send them to: they were confirmed.
func TestE2EWebhookAnswersSavedUpdates(t *testing.T) {
	db := watch(testStore(t))
	u := telegramtest.Command(1100, 1100, "about")
	u.UpdateID = 77
	raw, _ := json.Marshal(u)
	if err := db.SavePending(map[int64][]byte{77: raw}); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := startBot(t, nil, func(o *Options) {
		o.WebhookURL = "https://bot.example.com/telegram"
		o.Listener = ln
		o.Secret = "s3cret-webhook_token"
		o.Updates = db
	})
	h.waitText(1100, "About")
	waitPending(t, db, func(p map[int64][]byte) bool { return len(p) == 0 }, "none once answered")
}

// TestE2EWebhookStrangersCannotHoldIt opens, without the secret, idle
// keep-alive connections, connections that send half a header and
// requests that announce a large body and send none of it, more than the
// server keeps open. Real updates are still answered, and the strangers'
// connections are the ones closed.
func TestE2EWebhookStrangersCannotHoldIt(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	const secret = "s3cret-webhook_token"
	const limit = 16
	h := startBot(t, nil, func(o *Options) {
		o.WebhookURL = "https://bot.example.com/telegram"
		o.Listener = ln
		o.Secret = secret
		o.MaxConns = limit
	})
	h.waitCall("setWebhook", nil)
	addr := ln.Addr().String()
	var strangers []net.Conn
	dial := func(first string) net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		if first != "" {
			if _, err := io.WriteString(c, first); err != nil {
				t.Fatal(err)
			}
		}
		strangers = append(strangers, c)
		return c
	}
	for range limit {
		// Idle keep-alive: a whole request, answered, then nothing.
		c := dial("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
		buf := make([]byte, 256)
		if _, err := c.Read(buf); err != nil {
			t.Fatalf("healthz: %v", err)
		}
		dial("POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Le") // half a header
		dial("POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n{")
	}
	// Real updates, each on a connection of its own, as Telegram's may be.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for i := range 5 {
		user := int64(1100 + i)
		update, _ := json.Marshal(telegramtest.TextMessage(user, user, "How many shops are in the Khorgos centre?"))
		req, _ := http.NewRequest("POST", "http://"+addr+"/telegram", strings.NewReader(string(update)))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("update %d: %v", i, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("update %d: HTTP %d", i, resp.StatusCode)
		}
		h.waitText(user, "3,500")
	}
	// The server made room by closing strangers: a closed connection
	// reads EOF (or a reset) at once.
	closed := 0
	for _, c := range strangers {
		c.SetReadDeadline(time.Now().Add(time.Millisecond))
		buf := make([]byte, 4096)
		for {
			_, err := c.Read(buf)
			if err == nil {
				continue // a response: the 403 for the large body
			}
			var ne net.Error
			if !errors.As(err, &ne) || !ne.Timeout() {
				closed++
			}
			break
		}
	}
	if open := len(strangers) - closed; open > limit {
		t.Errorf("%d of %d stranger connections still open, want at most %d", open, len(strangers), limit)
	}
}
