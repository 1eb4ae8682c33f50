package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// MaxQuestion is how much of a question is read, in runes; the rest is
// ignored. Real questions are far shorter, and the cap keeps the cost of
// a pasted essay bounded.
const MaxQuestion = 300

// Outcome says how an answer is given.
type Outcome string

// The three outcomes of a question.
const (
	Unknown   Outcome = "unknown"   // "I don't know", with suggestions
	Hedged    Outcome = "hedged"    // "I think you mean …", with the next two as buttons
	Confident Outcome = "confident" // the card
)

// Kind says what shape an answer has.
type Kind string

// The shapes of an answer.
const (
	KindFact  Kind = "fact"  // one fact's card
	KindList  Kind = "list"  // several projects or facts, each a button
	KindCheck Kind = "check" // one fact's card, with a verdict on the figure the question states
)

// Hit is one fact that matches a question.
type Hit struct {
	Fact *knowledge.Fact
	// Score is the model's probability that the fact answers the
	// question, from 0 to 1.
	Score float64
	// Coverage is the weighted share of the question's words the fact
	// holds, in what it says or how it is asked about, from 0 to 1.
	Coverage float64
}

// Query is a question to answer, with what the chat was talking about.
type Query struct {
	Text string
	// Lang forces the question's language ("en", "ru", "kk", "zh"); empty
	// means detect it.
	Lang string
	// Limit is how many hits to return at most; 0 means 5.
	Limit int
	// Topic is the fact the chat was just talking about, or "": a
	// follow-up ("and when was that?") is read with it.
	Topic string
	// LoadTopic, when set and Topic is "", gives the topic when the
	// question needs one: most questions do not, and the topic may cost
	// a database read.
	LoadTopic func() string
}

// topic returns q's topic, loading it the first time if need be.
func (q *Query) topic() string {
	if q.Topic == "" && q.LoadTopic != nil {
		q.Topic, q.LoadTopic = q.LoadTopic(), nil
	}
	return q.Topic
}

// Result is the answer to one question.
type Result struct {
	Question string
	Lang     string
	Intent   Intent
	// Answered is true for a confident or a hedged answer: Hits[0] is
	// the answer. When false, Hits may still hold weak matches to offer
	// as suggestions.
	Answered   bool
	Outcome    Outcome
	Confidence float64
	Kind       Kind
	Hits       []Hit
	// List holds the projects' or facts' hits of a list answer, in
	// order; Category is the category it lists, if it lists one.
	List     []Hit
	Category knowledge.Category
	// Check is the verdict on the figure a check question states.
	Check *Check
	// FollowUp is set when the question was read with its Query's Topic.
	FollowUp bool
	// topical is set when a chat's topic could change the answer (the
	// question reads as a follow-up, or says too little alone): only
	// then does the answer cache keep it apart for each topic.
	topical bool
}

// Answer answers question in lang ("" to detect it) with at most limit
// hits, without a chat's context. It never fails on odd input: anything
// that is not a searchable question gives an unanswered Result.
func (ix *Index) Answer(ctx context.Context, question, lang string, limit int) (Result, error) {
	return ix.Ask(ctx, Query{Text: question, Lang: lang, Limit: limit})
}

// Ask answers a question, reading a follow-up with the chat's topic.
func (ix *Index) Ask(ctx context.Context, q Query) (Result, error) {
	if q.Limit <= 0 {
		q.Limit = 5
	}
	// A question that no topic changes is kept once, whatever the chat
	// talked about before; one a topic may change, under each topic.
	free := cacheKey{clip(q.Text), q.Lang, "", q.Limit}
	res, ok := ix.cache.get(free)
	if ok && (!res.topical || q.topic() == "") {
		res.Question = q.Text
		return res, nil
	}
	if q.Topic != "" {
		if res, ok := ix.cache.get(cacheKey{free.q, free.lang, q.Topic, free.limit}); ok {
			res.Question = q.Text
			return res, nil
		}
	}
	res, _, err := ix.ask(ctx, &q, false)
	res.Question = q.Text
	if err != nil {
		return res, err
	}
	key := free
	if res.topical {
		key.topic = q.Topic // as loaded by ask
	}
	ix.cache.add(key, res)
	return res, nil
}

// trace is what Explain shows of how a question was answered.
type trace struct {
	qs      *question
	units   []unit
	cands   []candidate
	context []unit // the topic's words, for a follow-up
	why     string
}

// ask answers q, and with explain also returns how.
func (ix *Index) ask(ctx context.Context, q *Query, explain bool) (Result, *trace, error) {
	r, err := ix.reader()
	if err != nil {
		return Result{Lang: "en"}, nil, err
	}
	defer r.Close()
	qs := ix.read(ctx, r, q.Text, q.Lang)
	tr := &trace{qs: qs, units: qs.units}
	res := Result{Lang: qs.lang, Intent: qs.intent, Outcome: Unknown, Kind: KindFact}
	if kind, _ := ix.SmallTalk(q.Text); kind != "" {
		// "Hello", "thanks": nothing to look up.
		tr.why = "small talk (" + kind + ")"
		return res, tr, nil
	}
	cs, err := ix.decide(ctx, r, qs, qs.units, q.Limit)
	if err != nil {
		return res, tr, err
	}
	tr.cands = cs
	ix.settle(&res, cs, q.Limit)
	tr.why = "the question alone"

	res.topical = qs.follow || ix.thin(qs)
	// The topic is loaded only for a question it may change.
	var topic *knowledge.Fact
	if res.topical {
		topic, _ = ix.base.Fact(q.topic())
	}
	if topic != nil {
		if qs.more {
			if list := ix.related(topic); len(list) >= 2 {
				res.Kind, res.List, res.FollowUp = KindList, list, true
				res.Answered, res.Outcome, res.Confidence = true, Confident, 1
				tr.why = "asks what else there is about the topic " + topic.ID
				return res, tr, nil
			}
		}
		extra := ix.topicUnits(ctx, r, qs, topic)
		units := mergeUnits(qs.units, extra)
		cs2, err := ix.decide(ctx, r, qs, units, q.Limit)
		if err != nil {
			return res, tr, err
		}
		near := ix.neighbours(topic)
		if thin := ix.thin(qs); thin {
			// A question that says too little alone is about the topic:
			// its answer is among the topic's own facts, those of its
			// project and those it relates to.
			kept := cs2[:0]
			for _, c := range cs2 {
				if near[c.fact.ID] {
					kept = append(kept, c)
				}
			}
			cs2 = kept
		}
		if len(cs2) > 0 && (len(cs) == 0 || ix.thin(qs) || ix.sc.Answer.prob(&cs2[0].f) > res.Confidence) {
			var res2 Result
			res2.Lang, res2.Intent, res2.Kind, res2.Outcome = qs.lang, qs.intent, KindFact, Unknown
			ix.settle(&res2, cs2, q.Limit)
			if ix.thin(qs) && !res2.Answered {
				// The model judges questions that name their subject; a
				// thin one names it through the topic, so the best of
				// the topic's facts is offered, hedged when it lacks what
				// the question asks for.
				res2.Answered, res2.Outcome = true, Confident
				if qs.intent != IntentAny && !fits(qs.intent, cs2[0].fact) {
					res2.Outcome = Hedged
				}
			}
			res2.FollowUp, res2.topical = true, true
			res = res2
			tr.cands, tr.context, tr.units = cs2, extra, units
			tr.why = "the question read with the topic " + topic.ID
		}
	}

	if qs.list && !res.FollowUp {
		if list, cat := ix.list(ctx, qs); len(list) >= 2 {
			// The facts the question itself matched best come first:
			// "Which sectors do the projects span?" lists the fact
			// that names the sectors before the projects in them.
			rank := map[string]int{}
			for i, h := range res.Hits {
				rank[h.Fact.ID] = i + 1
			}
			at := func(h Hit) int { return cmp.Or(rank[h.Fact.ID], len(res.Hits)+1) }
			slices.SortStableFunc(list, func(a, b Hit) int { return cmp.Compare(at(a), at(b)) })
			list = list[:min(len(list), maxList)]
			res.Kind, res.List, res.Category = KindList, list, cat
			res.Answered, res.Outcome = true, Confident
			res.Confidence = 1
			tr.why = "a list question"
			return res, tr, nil
		}
	}
	if qs.check && res.Answered {
		if c := check(qs, res.Hits[0].Fact); c != nil {
			res.Kind, res.Check = KindCheck, c
		}
	}
	return res, tr, nil
}

// reader opens a reader of the index's current state. The caller must
// close it.
func (ix *Index) reader() (bindex.IndexReader, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("open index reader: %w", err)
	}
	return r, nil
}

// decide finds the candidates for the units and ranks them by the
// model's probability, best first.
func (ix *Index) decide(ctx context.Context, r bindex.IndexReader, qs *question, units []unit, limit int) ([]candidate, error) {
	cs, err := ix.candidates(ctx, r, qs, units, max(ix.sc.Candidates, limit))
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	ix.featurize(qs, units, cs)
	for i := range cs {
		cs[i].p = ix.sc.Rank.prob(&cs[i].f)
	}
	slices.SortStableFunc(cs, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(math.Round(b.p*1e9), math.Round(a.p*1e9)), cmp.Compare(b.score, a.score), strings.Compare(a.fact.ID, b.fact.ID))
	})
	setRank(cs)
	return cs, nil
}

// settle fills in the outcome and hits of res from ranked candidates.
func (ix *Index) settle(res *Result, cs []candidate, limit int) {
	res.Hits = res.Hits[:0]
	for _, c := range cs[:min(len(cs), limit)] {
		res.Hits = append(res.Hits, Hit{Fact: c.fact, Score: c.p, Coverage: c.f[fCovAll]})
	}
	res.Outcome, res.Answered, res.Confidence = Unknown, false, 0
	if len(cs) == 0 {
		return
	}
	res.Confidence = ix.sc.Answer.prob(&cs[0].f)
	switch {
	case res.Confidence >= max(ix.sc.Confident, ix.sc.Hedged):
		res.Outcome = Confident
	case res.Confidence >= ix.sc.Hedged:
		res.Outcome = Hedged
	}
	res.Answered = res.Outcome != Unknown
}

// hedges is how many other facts a hedged answer offers.
const hedges = 2

// thin reports whether a question says too little to be answered alone:
// it names nothing (no name, place or year) and has at most three
// meaningful words.
func (ix *Index) thin(qs *question) bool {
	if len(qs.units) > 3 {
		return false
	}
	for _, u := range qs.units {
		if u.name || u.place || u.year != "" {
			return false
		}
	}
	return true
}

// topicUnits are the words that name the chat's topic: its project's
// name, or else the fact's title, in the question's language.
func (ix *Index) topicUnits(ctx context.Context, r bindex.IndexReader, qs *question, f *knowledge.Fact) []unit {
	subject := f.TitleIn(qs.lang)
	if p := ix.projectOf(f); p != nil {
		subject = p.NameIn(qs.lang)
	}
	tq := &question{text: compactNumbers(clip(subject)), lang: qs.lang, lower: strings.ToLower(subject)}
	return ix.units(ctx, r, tq, false)
}

// mergeUnits appends to units those of extra whose word is not already
// among them.
func mergeUnits(units, extra []unit) []unit {
	out := slices.Clone(units)
	for _, e := range extra {
		if !slices.ContainsFunc(out, func(u unit) bool { return u.word == e.word }) && len(out) < maxUnits {
			out = append(out, e)
		}
	}
	return out
}

// neighbours is the set of the topic's own fact, its project's facts and
// the facts it relates to.
func (ix *Index) neighbours(f *knowledge.Fact) map[string]bool {
	out := map[string]bool{f.ID: true}
	for _, h := range ix.related(f) {
		out[h.Fact.ID] = true
	}
	return out
}

// related lists the facts to offer after "what else?": the topic's
// project's other facts, then the facts it relates to.
func (ix *Index) related(f *knowledge.Fact) []Hit {
	var out []Hit
	seen := map[string]bool{f.ID: true}
	add := func(id string) {
		if g, ok := ix.base.Fact(id); ok && !seen[id] {
			seen[id] = true
			out = append(out, Hit{Fact: g, Score: 1, Coverage: 1})
		}
	}
	if p := ix.projectOf(f); p != nil {
		for _, id := range p.Facts {
			add(id)
		}
	}
	for _, id := range f.Related {
		add(id)
	}
	return out
}

// maxList is how many items a list answer holds at most.
const maxList = 12

// list answers a list question: every fact that holds all the names and
// places the question gives ("What has Huawei done?", "Какие проекты в
// Алматы?"), or when it names none, the facts of the category it names
// ("Which energy projects are there?").
func (ix *Index) list(ctx context.Context, qs *question) ([]Hit, knowledge.Category) {
	var key []unit
	n := len(ix.base.Facts)
	cueWords := strings.Fields(qs.cue)
	for _, u := range qs.units {
		if slices.Contains(cueWords, u.word) || u.han && strings.Contains(qs.cue, u.word) {
			continue // "projects" of "which projects"
		}
		// A name or place most facts hold (Kazakhstan, China) narrows
		// nothing.
		if (u.name || u.place) && u.df*3 <= n {
			key = append(key, u)
		}
	}
	if len(key) == 0 {
		cat := knowledge.Category(qs.category)
		if !cat.Known() {
			return nil, ""
		}
		var out []Hit
		for _, f := range ix.base.FactsIn(cat) {
			out = append(out, Hit{Fact: f, Score: 1, Coverage: 1})
		}
		return out, cat // cut to maxList by the caller, once it has ordered them
	}
	var must []query.Query
	for _, u := range key {
		var any []query.Query
		for _, p := range u.probes {
			if fieldPart(p.field) == partAsked || p.field == fieldWhen {
				continue // a fact holds a name in what it says
			}
			tq := bleve.NewTermQuery(p.term)
			tq.SetField(p.field)
			any = append(any, tq)
		}
		if len(any) == 0 {
			return nil, ""
		}
		must = append(must, bleve.NewDisjunctionQuery(any...))
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), maxList, 0, false)
	sr, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, ""
	}
	var out []Hit
	for _, h := range sr.Hits {
		if f, ok := ix.base.Fact(h.ID); ok {
			out = append(out, Hit{Fact: f, Score: 1, Coverage: 1})
		}
	}
	// In the knowledge base's order, which groups a project's facts.
	slices.SortStableFunc(out, func(a, b Hit) int {
		i, _ := ix.base.FactIndex(a.Fact.ID)
		j, _ := ix.base.FactIndex(b.Fact.ID)
		return cmp.Compare(i, j)
	})
	return out, ""
}
