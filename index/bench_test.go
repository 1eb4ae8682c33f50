package index

import (
	"bufio"
	"context"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/knowledge"
)

func benchQuestions(b *testing.B) []string {
	b.Helper()
	f, err := os.Open("testdata/questions.txt")
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

// BenchmarkBuild measures building the index from the real knowledge base.
func BenchmarkBuild(b *testing.B) {
	base, err := knowledge.Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ix, err := Build(base)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// BenchmarkAnswer measures answering the benchmark questions one after
// another, and reports the 50th and 99th percentile latency.
func BenchmarkAnswer(b *testing.B) {
	ix := realIndex(b)
	qs := benchQuestions(b)
	ctx := context.Background()
	var lat []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := ix.Answer(ctx, qs[i%len(qs)], "", 5); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	reportPercentiles(b, lat)
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}
