package index

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// TestCacheAnswersAlike asks every held-out question of an index with a
// small cache twice, and checks both answers equal the uncached index's:
// the cache may only save time, never change an answer, and evicting
// (the cache holds fewer questions than the set) must not either.
func TestCacheAnswersAlike(t *testing.T) {
	cached := cachedIndex(t, 64)
	plain := realIndex(t)
	cases := readCases(t, "testdata/heldout.jsonl")
	ctx := context.Background()
	for round := range 2 {
		for _, c := range cases {
			q := c.Q
			want, err := plain.Answer(ctx, q, "", 5)
			if err != nil {
				t.Fatal(err)
			}
			got, err := cached.Answer(ctx, q, "", 5)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := summary(got), summary(want); !reflect.DeepEqual(g, w) {
				t.Fatalf("round %d, %q: cached answer differs:\n got %+v\nwant %+v", round, q, g, w)
			}
		}
	}
}

// summary is what a user sees of a result: the two indexes have their
// own copies of the facts, and the sums behind scores may differ in the
// last bit.
func summary(r Result) []string {
	out := []string{r.Question, r.Lang, string(r.Intent), fmt.Sprint(r.Answered)}
	for _, h := range r.Hits {
		out = append(out, fmt.Sprintf("%s %.6f %.6f", h.Fact.ID, h.Score, h.Coverage))
	}
	return out
}

// TestCacheKeys checks what tells cached answers apart, and that a caller
// changing the hits it got does not change what the cache holds.
func TestCacheKeys(t *testing.T) {
	ix := cachedIndex(t, 16)
	ctx := context.Background()
	ask := func(q, lang string, limit int) Result {
		t.Helper()
		res, err := ix.Answer(ctx, q, lang, limit)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first := ask("What is Khorgos?", "", 5)
	if !first.Answered || len(first.Hits) < 2 {
		t.Fatalf("What is Khorgos? = %+v, want an answer with several hits", first)
	}
	top := first.Hits[0].Fact.ID
	first.Hits[0] = first.Hits[1] // the caller's copy only
	if again := ask("What is Khorgos?", "", 5); again.Hits[0].Fact.ID != top {
		t.Errorf("after the caller changed its hits, the cached answer starts with %s, want %s", again.Hits[0].Fact.ID, top)
	}
	if got := ask("What is Khorgos?", "", 1); len(got.Hits) != 1 {
		t.Errorf("limit 1 after limit 5: %d hits, want 1", len(got.Hits))
	}
	if got := ask("What is Khorgos?", "zh", 5); got.Lang != "zh" {
		t.Errorf("forced zh after auto: lang %q, want zh", got.Lang)
	}
	if got := ask("  What is Khorgos?  ", "", 5); got.Question != "  What is Khorgos?  " {
		t.Errorf("Question = %q, want the question as asked", got.Question)
	}
}

// cachedIndex builds the real knowledge base's index with an answer cache
// of n questions, closed when the test ends.
func cachedIndex(t *testing.T, n int) *Index {
	t.Helper()
	base, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(base, WithCache(n))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// TestCacheTopics: with the chats' topics in play, the cache gives what
// a fresh search gives: a follow-up is read with each topic, and a
// question no topic changes is searched once for every topic.
func TestCacheTopics(t *testing.T) {
	cached := cachedIndex(t, 256)
	plain := realIndex(t)
	ctx := context.Background()
	facts := cached.base.Facts
	topics := []string{"", facts[0].ID, facts[len(facts)/2].ID, facts[len(facts)-1].ID}
	questions := []string{"and when was that?", "how much did it cost?", "where is it?", "What is Khorgos?",
		"How long is the Western Europe–Western China highway?", "а когда это было?"}
	for _, c := range readCases(t, "testdata/heldout.jsonl")[:20] {
		questions = append(questions, c.Q)
	}
	for round := range 2 {
		for _, topic := range topics {
			for _, q := range questions {
				query := Query{Text: q, Topic: topic}
				want, err := plain.Ask(ctx, query)
				if err != nil {
					t.Fatal(err)
				}
				got, err := cached.Ask(ctx, query)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := summary(got), summary(want); !reflect.DeepEqual(g, w) {
					t.Fatalf("round %d, %q on topic %q: cached answer differs:\n got %+v\nwant %+v", round, q, topic, g, w)
				}
			}
		}
	}
	// "What is Khorgos?" needs no topic: one entry serves every chat.
	before := cached.cache.lru.Len()
	for _, f := range facts[:10] {
		if _, err := cached.Ask(ctx, Query{Text: "What is Khorgos?", Topic: f.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if after := cached.cache.lru.Len(); after != before {
		t.Errorf("asking What is Khorgos? on 10 topics added %d cache entries, want none", after-before)
	}
}

// TestTopicLoadedOnlyWhenNeeded: the chat's topic, a database read in
// the bot, is asked for only by a question it may change.
func TestTopicLoadedOnlyWhenNeeded(t *testing.T) {
	for _, ix := range []*Index{realIndex(t), cachedIndex(t, 16)} {
		topic := ix.base.Facts[0].ID
		for round := range 2 {
			for _, c := range []struct {
				q     string
				loads int
			}{{"What is Khorgos?", 0}, {"and when was that?", 1}, {"How long is the Western Europe–Western China highway?", 0}} {
				loads := 0
				res, err := ix.Ask(context.Background(), Query{Text: c.q, LoadTopic: func() string { loads++; return topic }})
				if err != nil {
					t.Fatal(err)
				}
				if loads != c.loads {
					t.Errorf("round %d, %q: topic loaded %d times, want %d", round, c.q, loads, c.loads)
				}
				if c.loads > 0 && !res.FollowUp {
					t.Errorf("round %d, %q: not read with the topic it loaded", round, c.q)
				}
			}
		}
	}
}
