package bot

import (
	"bufio"
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// benchQuestions reads the index's benchmark questions (English,
// Russian, Kazakh and Chinese, with typos and out-of-scope ones).
func benchQuestions(b *testing.B) []string {
	b.Helper()
	f, err := os.Open("../index/testdata/questions.txt")
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

// BenchmarkFactCard measures rendering the answer card of every fact in
// every language, the printer included, as the handler makes one per
// request.
func BenchmarkFactCard(b *testing.B) {
	base := testIndex(b).Base()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		lang := knowledge.Langs[i%len(knowledge.Langs)]
		f := &base.Facts[(i/len(knowledge.Langs))%len(base.Facts)]
		if factCard(newPrinter(lang), f) == "" {
			b.Fatal("empty card")
		}
		i++
	}
}

// BenchmarkProjectCard measures rendering every project card in every
// language.
func BenchmarkProjectCard(b *testing.B) {
	base := testIndex(b).Base()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		lang := knowledge.Langs[i%len(knowledge.Langs)]
		p := &base.Projects[(i/len(knowledge.Langs))%len(base.Projects)]
		if projectCard(newPrinter(lang), base, p) == "" {
			b.Fatal("empty card")
		}
		i++
	}
}

// BenchmarkHandle measures the handler's whole path from a private
// message to its replies (language choice, answer, card, buttons),
// in-process, over the benchmark questions.
func BenchmarkHandle(b *testing.B) {
	h := NewHandler(testIndex(b), WithSeed(1), WithFlood(0, 0))
	qs := benchQuestions(b)
	ctx := context.Background()
	var lat []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		req := &Request{Kind: KindMessage, ChatType: ChatPrivate, ChatID: 42, UserID: 42, Text: qs[i%len(qs)]}
		start := time.Now()
		if len(h.Handle(ctx, req)) == 0 {
			b.Fatalf("no reply to %q", req.Text)
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
