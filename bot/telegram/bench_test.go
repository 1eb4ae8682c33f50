package telegram

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
)

// benchQuestions reads the index's benchmark questions (English,
// Russian, Kazakh and Chinese, with typos and out-of-scope ones).
func benchQuestions(b *testing.B) []string {
	b.Helper()
	f, err := os.Open("../../index/testdata/questions.txt")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if sc.Text() != "" {
			qs = append(qs, sc.Text())
		}
	}
	return qs
}

// BenchmarkHandleUpdate adds to BenchmarkHandle what the Telegram
// transport does for an update short of HTTP: decoding the update JSON
// and encoding the replies' keyboards.
//
// With the answer cache on, as the bot runs, this is the handler's own
// cost once the questions have been asked before.
func BenchmarkHandleUpdate(b *testing.B) {
	b.Run("cache=off", func(b *testing.B) { benchHandleUpdate(b, testIndex(b)) })
	b.Run("cache=on", func(b *testing.B) {
		base, err := knowledge.Default()
		if err != nil {
			b.Fatal(err)
		}
		ix, err := index.Build(base, index.WithCache(4096))
		if err != nil {
			b.Fatal(err)
		}
		defer ix.Close()
		benchHandleUpdate(b, ix)
	})
}

func benchHandleUpdate(b *testing.B, ix *index.Index) {
	h := bot.NewHandler(ix, bot.WithSeed(1), bot.WithFlood(0, 0))
	qs := benchQuestions(b)
	raws := make([][]byte, len(qs))
	for i, q := range qs {
		raw, err := json.Marshal(telegramtest.TextMessage(42, 42, q))
		if err != nil {
			b.Fatal(err)
		}
		raws[i] = raw
	}
	self := tgbotapi.User{ID: telegramtest.DefaultBotID, IsBot: true, UserName: telegramtest.DefaultBotUsername}
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		raw := raws[i%len(raws)]
		in := decodeUpdate(raw)
		if in.err != nil {
			b.Fatal(in.err)
		}
		req := toRequest(in.u, in.thread, self)
		for _, r := range h.Handle(ctx, req) {
			_ = keyboard(r.Buttons)
		}
		i++
	}
}

// BenchmarkRoundTrip measures one update at a time over HTTP: the fake
// Bot API queues the update, the real bot long-polls it, answers, and
// the benchmark waits until the fake server has recorded the
// sendMessage. `silkroad bench` measures the same path under load.
func BenchmarkRoundTrip(b *testing.B) {
	srv := telegramtest.NewServer(testToken, telegramtest.WithHistory(64))
	defer srv.Close()
	h := bot.NewHandler(testIndex(b), bot.WithSeed(1), bot.WithFlood(0, 0))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tg, err := New(ctx, h, Options{Token: testToken, BaseURL: srv.URL, PollTimeout: 5 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- tg.Run(ctx) }()
	defer func() { cancel(); <-done }()
	qs := benchQuestions(b)
	var lat []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		start := time.Now()
		srv.PushUpdate(telegramtest.TextMessage(42, 42, qs[i%len(qs)]))
		wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
		_, err := srv.WaitFor(wctx, "sendMessage", func(c telegramtest.Call) bool { return !c.Time.Before(start) })
		wcancel()
		if err != nil {
			b.Fatalf("reply to %q: %v", qs[i%len(qs)], err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	reportPercentiles(b, lat)
}

// reportPercentiles reports the 50th and 99th percentile of lat.
func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}
