package telegram

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

// sleepLog is a fake Sender Clock that records the waits asked for and
// ends each at once, its time running on by the whole wait, so that a
// fault test honours retry_after without waiting for it.
type sleepLog struct {
	mu      sync.Mutex // guards waits and skipped
	waits   []time.Duration
	skipped time.Duration
}

func (l *sleepLog) Now() time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return time.Now().Add(l.skipped)
}

func (l *sleepLog) After(d time.Duration) <-chan time.Time {
	l.mu.Lock()
	l.waits = append(l.waits, d)
	l.skipped += d
	c := make(chan time.Time, 1)
	c <- time.Now().Add(l.skipped)
	l.mu.Unlock()
	return c
}

func (l *sleepLog) count(d time.Duration) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, w := range l.waits {
		if w == d {
			n++
		}
	}
	return n
}

// TestFaultsEveryUpdateAnsweredOnce sends 500 questions from 500 chats
// through a Bot API that fails 10% of getUpdates and sendMessage calls
// with HTTP 500, 5% with 429 and retry_after, and drops 3% of the
// connections. Every question must be answered exactly once.
func TestFaultsEveryUpdateAnsweredOnce(t *testing.T) {
	const chats = 500
	srv := telegramtest.New(t, testToken)
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	h := bot.NewHandler(testIndex(t), bot.WithSeed(1), bot.WithLogger(logger))
	tg, err := New(ctx, h, Options{
		Token: testToken, BaseURL: srv.URL, Logger: logger,
		PollTimeout: 5 * time.Second, RetryMin: 5 * time.Millisecond,
		Retry:   RetryPolicy{Attempts: 12, Base: 5 * time.Millisecond, Max: 100 * time.Millisecond},
		Workers: 32,
	})
	if err != nil {
		t.Fatalf("NewTelegram: %v", err)
	}
	sleeps := &sleepLog{}
	tg.send.clock = sleeps
	srv.SetFaults(telegramtest.Faults{
		Methods: []string{"getUpdates", "sendMessage"},
		Err500:  0.10, TooMany: 0.05, RetryAfter: 1, Drop: 0.03,
		Seed: 6,
	})

	runCtx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- tg.Run(runCtx) }()

	// The updates come in waves of 10, so that getUpdates is called often
	// enough to meet its share of faults. The bot confirms a batch only
	// after answering all of it: once the last update of a wave is
	// confirmed, nothing of it is in flight.
	const wave = 10
	for i := 0; i < chats; i += wave {
		last := 0
		for j := i; j < i+wave; j++ {
			chat := int64(20000 + j)
			last = srv.PushUpdate(telegramtest.TextMessage(chat, chat, "What is Khorgos?"))
		}
		if _, err := srv.WaitFor(ctx, "getUpdates", func(c telegramtest.Call) bool { return c.Int64("offset") > int64(last) }); err != nil {
			t.Fatalf("confirming update %d: %v", last, err)
		}
	}
	stopAt := time.Now()
	stop()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}

	for i := range chats {
		chat := int64(20000 + i)
		if n := len(srv.Sent(chat)); n != 1 {
			t.Errorf("chat %d got %d answers, want 1", chat, n)
		}
	}
	kinds := map[telegramtest.FaultKind]map[string]int{}
	for _, f := range srv.InjectedFaults() {
		if kinds[f.Kind] == nil {
			kinds[f.Kind] = map[string]int{}
		}
		kinds[f.Kind][f.Method]++
	}
	t.Logf("faults injected: %v", kinds)
	for _, k := range []telegramtest.FaultKind{telegramtest.FaultErr500, telegramtest.FaultTooMany, telegramtest.FaultDrop} {
		if kinds[k]["sendMessage"] == 0 {
			t.Errorf("no %v faults on sendMessage: the test proves nothing", k)
		}
	}
	if n := kinds[telegramtest.FaultErr500]["getUpdates"] + kinds[telegramtest.FaultTooMany]["getUpdates"] + kinds[telegramtest.FaultDrop]["getUpdates"]; n < 3 {
		t.Errorf("only %d faults on getUpdates: the test proves little", n)
	}
	// Every 429 was followed by a wait of its retry_after, but for the
	// getUpdates calls of shutdown, which the bot does not retry: once
	// stopping, it confirms what it handled once and leaves the rest to
	// the next start.
	retried, all := 0, 0
	for _, f := range srv.InjectedFaults() {
		if f.Kind != telegramtest.FaultTooMany {
			continue
		}
		all++
		if f.Method == "sendMessage" || f.Time.Before(stopAt.Add(-10*time.Millisecond)) {
			retried++
		}
	}
	if got := sleeps.count(time.Second); got < retried || got > all {
		t.Errorf("%d waits of retry_after (1 s), want %d (one per 429 before shutdown) to %d (one per 429)", got, retried, all)
	}
}

// TestE2EBotAPIDownThenBack takes sendMessage down, every call failing,
// for many times the attempts one reply gets, and brings it back: every
// question is answered exactly once.
func TestE2EBotAPIDownThenBack(t *testing.T) {
	srv := telegramtest.New(t, testToken)
	srv.SetFaults(telegramtest.Faults{Methods: []string{"sendMessage"}, Err500: 1})
	h := startBotOn(t, srv, nil)
	const chats = 12
	for i := range chats {
		user := int64(7000 + i)
		h.send(telegramtest.TextMessage(user, user, "How many shops are in the Khorgos centre?"))
	}
	// Five attempts a reply used to be all: wait for four times that many
	// failures of every chat's reply.
	if err := srv.WaitFaults(h.ctx, 4*5*chats); err != nil {
		t.Fatal(err)
	}
	srv.SetFaults(telegramtest.Faults{})
	for i := range chats {
		h.waitText(int64(7000+i), "3,500")
	}
	h.stopAndWait()
	for i := range chats {
		if n := len(srv.Texts(int64(7000 + i))); n != 1 {
			t.Errorf("chat %d got %d answers, want 1", 7000+i, n)
		}
	}
}
