package index

import (
	"slices"

	lru "github.com/hashicorp/golang-lru/v2"
)

// WithCache keeps the results of the last n distinct questions, so that
// a question asked again (a popular one, a button pressed twice, an
// inline query retyped) is answered without searching. n ≤ 0 turns the
// cache off, which is the default. The cache belongs to the index: an
// index rebuilt from a changed knowledge base starts with an empty one.
func WithCache(n int) Option {
	return func(o *options) { o.cache = n }
}

// cacheKey is what decides an answer: the question as read, the
// language asked for ("" to detect it), the chat's topic and the number
// of hits.
type cacheKey struct {
	q, lang, topic string
	limit          int
}

// answerCache holds recent results. Its methods do nothing on a nil
// cache.
type answerCache struct {
	lru *lru.Cache[cacheKey, Result]
}

func newAnswerCache(n int) (*answerCache, error) {
	if n <= 0 {
		return nil, nil
	}
	c, err := lru.New[cacheKey, Result](n)
	if err != nil {
		return nil, err
	}
	return &answerCache{lru: c}, nil
}

// get returns a copy of the cached result for k, if any: callers may
// change the hits they get.
func (c *answerCache) get(k cacheKey) (Result, bool) {
	if c == nil {
		return Result{}, false
	}
	r, ok := c.lru.Get(k)
	if ok {
		r.Hits = slices.Clone(r.Hits)
	}
	return r, ok
}

func (c *answerCache) add(k cacheKey, r Result) {
	if c == nil {
		return
	}
	r.Hits = slices.Clone(r.Hits)
	r.Question = "" // the caller's, filled in on every get
	c.lru.Add(k, r)
}
