package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// explainCandidates is how many candidates Explain shows.
const (
	explainCandidates    = 5
	explainContributions = 8
)

// Explain answers q as Ask does and says why, for a reader new to the
// code: the question's language, intent and cues; each word's weight and
// what it matched (as written, another form, a synonym, a typo, and
// whether in what a fact says or in how it is asked about); the
// candidates with their features and probabilities; the decision; and
// bleve's own account of the best candidate's score.
func (ix *Index) Explain(ctx context.Context, q Query) (string, error) {
	if q.Limit <= 0 {
		q.Limit = 5
	}
	res, tr, err := ix.ask(ctx, &q, true)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	qs := tr.qs
	fmt.Fprintf(&b, "question: %q\n", q.Text)
	intent := string(qs.intent)
	if intent == "" {
		intent = "none"
	}
	fmt.Fprintf(&b, "language: %s   intent: %s", qs.lang, intent)
	var cues []string
	for _, c := range []struct {
		on   bool
		name string
	}{{qs.list, "list"}, {qs.check, "check"}, {qs.follow, "follow-up"}, {qs.more, "what else"}} {
		if c.on {
			cues = append(cues, c.name)
		}
	}
	if qs.category != "" {
		cues = append(cues, "category "+qs.category)
	}
	if len(cues) > 0 {
		fmt.Fprintf(&b, "   cues: %s", strings.Join(cues, ", "))
	}
	b.WriteString("\n")
	if q.Topic != "" {
		fmt.Fprintf(&b, "chat topic: %s\n", q.Topic)
	}
	for _, c := range qs.claims {
		fmt.Fprintf(&b, "figure stated: %s (%g %s)\n", c.raw, c.value, c.unit)
	}
	b.WriteString("\nwords (weight: a rare word counts more; df: facts holding it):\n")
	if len(tr.units) == 0 {
		b.WriteString("  none: every word frames the question, or the index knows none of them\n")
	}
	for i, u := range tr.units {
		var tags []string
		if i >= len(qs.units) {
			tags = append(tags, "from the topic")
		}
		for _, t := range []struct {
			on   bool
			name string
		}{{u.name, "name"}, {u.place, "place"}, {u.common, "everyday word"}, {u.typo, "typo"}, {u.han, "Chinese character"}, {u.df == 0 && !u.name && !u.place && !u.typo, "unknown to the index"}} {
			if t.on {
				tags = append(tags, t.name)
			}
		}
		if u.year != "" {
			tags = append(tags, "year asked "+u.year)
		}
		tag := ""
		if len(tags) > 0 {
			tag = " [" + strings.Join(tags, ", ") + "]"
		}
		fmt.Fprintf(&b, "  %-16s weight %.2f  df %d%s\n", u.word, u.weight, u.df, tag)
		var ms []string
		for _, p := range u.probes {
			ms = append(ms, fmt.Sprintf("%s:%s (%s)", p.field, p.term, howOrExample(p)))
		}
		if len(ms) > 0 {
			fmt.Fprintf(&b, "      looked up as %s\n", strings.Join(compact(ms, 8), ", "))
		}
	}
	fmt.Fprintf(&b, "\ncandidates (%s; p is the model's probability that the fact answers):\n", tr.why)
	if len(tr.cands) == 0 {
		b.WriteString("  none: no fact holds any of the words\n")
	}
	for i, c := range tr.cands[:min(len(tr.cands), explainCandidates)] {
		fmt.Fprintf(&b, "  %d. %-38s p %.3f  bleve %.3f\n", i+1, c.fact.ID, c.p, c.score)
		var fs []string
		for k, v := range c.f {
			fs = append(fs, fmt.Sprintf("%s %.2f", featureNames[k], v))
		}
		fmt.Fprintf(&b, "      %s\n", strings.Join(fs, "  "))
		var hs []string
		for ui, h := range c.held {
			if !h.text && !h.asked && !h.when {
				hs = append(hs, tr.units[ui].word+": not held")
				continue
			}
			var where []string
			if h.text {
				where = append(where, "what it says")
			}
			if h.asked {
				where = append(where, "its example questions")
			}
			if h.when {
				where = append(where, "its date")
			}
			hs = append(hs, fmt.Sprintf("%s: %s, %s", tr.units[ui].word, strings.Join(where, " and "), h.how))
		}
		fmt.Fprintf(&b, "      holds %s\n", strings.Join(hs, "; "))
	}
	if len(tr.cands) > 0 {
		// What the answer model weighed most for the fact it judged
		// (the first candidate), in log-odds: positive for answering.
		c := tr.cands[0]
		f := c.f
		var ws []string
		for _, k := range ix.sc.Answer.contributions(&f, explainContributions) {
			ws = append(ws, fmt.Sprintf("%s %+.2f", k.name, k.value))
		}
		fmt.Fprintf(&b, "\nthe answer model on %s (log-odds %+.2f from the bias; the inputs that moved it most):\n  %s\n",
			c.fact.ID, ix.sc.Answer.Bias, strings.Join(ws, "  "))
	}
	b.WriteString("\ndecision: ")
	switch {
	case res.Kind == KindList:
		fmt.Fprintf(&b, "a list of %d (%s)\n", len(res.List), tr.why)
		for _, h := range res.List {
			fmt.Fprintf(&b, "  - %s\n", h.Fact.ID)
		}
	case res.Answered:
		fmt.Fprintf(&b, "%s answer, p %.3f ≥ %.2f (%s threshold): %s\n", res.Outcome, res.Confidence,
			map[Outcome]float64{Confident: ix.sc.Confident, Hedged: ix.sc.Hedged}[res.Outcome], res.Outcome, res.Hits[0].Fact.ID)
		if res.Check != nil {
			verdict := "does not hold"
			if res.Check.Holds {
				verdict = "holds"
			}
			fmt.Fprintf(&b, "  the stated figure %s %s against the fact\n", res.Check.Claimed, verdict)
		}
	default:
		fmt.Fprintf(&b, "I don't know: the best p %.3f is below the hedged threshold %.2f\n", res.Confidence, ix.sc.Hedged)
	}
	if len(tr.cands) > 0 {
		if ex := ix.bleveExplain(ctx, tr); ex != "" {
			b.WriteString("\nbleve's score of the first candidate:\n" + ex)
		}
	}
	return b.String(), nil
}

// howOrExample names how a probe matches, saying "example question" for
// the asked fields.
func howOrExample(p probe) string {
	if fieldPart(p.field) == partAsked {
		return p.how.String() + ", example question"
	}
	return p.how.String()
}

// compact keeps the first n of ss and says how many more there are.
func compact(ss []string, n int) []string {
	if len(ss) <= n {
		return ss
	}
	return append(slices.Clone(ss[:n]), fmt.Sprintf("and %d more", len(ss)-n))
}

// bleveExplain is bleve's explanation of the first candidate's score,
// two levels deep.
func (ix *Index) bleveExplain(ctx context.Context, tr *trace) string {
	q := ix.query(tr.qs, tr.units, 0)
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery([]string{tr.cands[0].fact.ID}), q), 1, 0, true)
	sr, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil || len(sr.Hits) == 0 || sr.Hits[0].Expl == nil {
		return ""
	}
	var b strings.Builder
	var walk func(e *search.Explanation, depth int)
	walk = func(e *search.Explanation, depth int) {
		// bleve names documents by their internal ids, which are bytes.
		msg := strings.Map(func(r rune) rune {
			if r < ' ' || r == utf8.RuneError {
				return -1
			}
			return r
		}, strings.ReplaceAll(e.Message, " in ", " "))
		fmt.Fprintf(&b, "%s%.3f %s\n", strings.Repeat("  ", depth+1), e.Value, msg)
		if depth < 3 {
			for _, c := range e.Children {
				walk(c, depth+1)
			}
		}
	}
	walk(sr.Hits[0].Expl, 0)
	return b.String()
}
