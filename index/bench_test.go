package index

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"sort"
	"sync"
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

// scales are the sizes of knowledge base the benchmarks run on: the real
// one and synthetic ones 10 and 100 times larger (see synthBase).
var scales = []int{1, 10, 100}

var (
	synthMu    sync.Mutex
	synthCache = map[int]*knowledge.Base{}
	synthIdx   = map[int]*Index{}
)

// scaledBase returns synthBase(factor), made once per process.
func scaledBase(b *testing.B, factor int) *knowledge.Base {
	synthMu.Lock()
	defer synthMu.Unlock()
	if base, ok := synthCache[factor]; ok {
		return base
	}
	base := synthBase(b, factor)
	synthCache[factor] = base
	return base
}

// scaledIndex returns an index of scaledBase(factor), built once per
// process.
func scaledIndex(b *testing.B, factor int) *Index {
	if factor == 1 {
		return realIndex(b)
	}
	base := scaledBase(b, factor)
	synthMu.Lock()
	defer synthMu.Unlock()
	if ix, ok := synthIdx[factor]; ok {
		return ix
	}
	ix, err := Build(base)
	if err != nil {
		b.Fatal(err)
	}
	synthIdx[factor] = ix
	return ix
}

// BenchmarkBuild measures building the index from the real knowledge base
// (x1) and from synthetic bases 10 and 100 times its size.
func BenchmarkBuild(b *testing.B) {
	for _, n := range scales {
		b.Run(fmt.Sprintf("x%d", n), func(b *testing.B) {
			base := scaledBase(b, n)
			b.ReportAllocs()
			for b.Loop() {
				ix, err := Build(base)
				if err != nil {
					b.Fatal(err)
				}
				ix.Close()
			}
			b.ReportMetric(float64(len(base.Facts)), "facts")
		})
	}
}

// BenchmarkAnswer measures answering the benchmark questions one after
// another, on the real knowledge base (x1) and on one 100 times its size,
// and reports the 50th and 99th percentile latency.
func BenchmarkAnswer(b *testing.B) {
	for _, n := range []int{1, 100} {
		b.Run(fmt.Sprintf("x%d", n), func(b *testing.B) { benchAnswer(b, scaledIndex(b, n)) })
	}
}

func benchAnswer(b *testing.B, ix *Index) {
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
