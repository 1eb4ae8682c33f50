package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// held says how a fact holds one word of a question.
type held struct {
	text  bool // in what the fact says: title, body, names, places
	asked bool // in how the fact is asked about: its example questions
	when  bool // its year (and month) among the fact's
	name  bool // in the fact's names
	place bool // among the fact's places
	how   matchHow
	// examples lists which of the fact's example questions hold it, by
	// position.
	examples []uint64
	// fields lists where it was found, for Explain: "title_en:shop".
	fields []string
}

// candidate is one fact bleve matched to a question, with what it holds
// of the question and the features the model weighs.
type candidate struct {
	fact *knowledge.Fact
	// named is the number of terms of the longest of the fact's names the
	// question gives in full, or 0; partly is set when it gives words of
	// a name but none in full.
	named  int
	partly bool
	score float64 // bleve's BM25 score of the first search
	held  []held  // per unit of the question
	f     features
	p     float64 // the model's probability that it answers the question
}

// fieldPart returns which part of a fact a field is: partTitle,
// partBody or partAsked for text fields, else the field's name.
func fieldPart(fld string) string {
	if i := strings.IndexByte(fld, '_'); i > 0 {
		return fld[:i]
	}
	return fld
}

// boost is how much a match in field counts, by the Scoring.
func (sc *Scoring) boost(fld string, how matchHow) float64 {
	var b float64
	switch fieldPart(fld) {
	case partTitle:
		b = sc.TitleBoost
	case partBody:
		b = sc.BodyBoost
	case partAsked:
		b = sc.AskedBoost
	case fieldNames, fieldPlaces:
		b = sc.NamesBoost
	default:
		b = sc.WhenBoost
	}
	switch how {
	case howSynonym:
		b *= sc.SynonymCredit
	case howTypo:
		b *= sc.TypoCredit
	}
	return b
}

// query builds the bleve query of a question: a term query for every
// probe of every unit, boosted by field and by how the word matched,
// everyday words less. User text never reaches the query-string
// parser, so its punctuation cannot turn into operators.
func (ix *Index) query(qs *question, units []unit) query.Query {
	var qq []query.Query
	for _, u := range units {
		k := 1.0
		if u.common {
			k = ix.sc.CommonWeight
		}
		for _, p := range u.probes {
			tq := bleve.NewTermQuery(p.term)
			tq.SetField(p.field)
			tq.SetBoost(k * ix.sc.boost(p.field, p.how))
			qq = append(qq, tq)
		}
	}
	if len(qq) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewDisjunctionQuery(qq...)
}

// candidates searches for the facts that match the question's units:
// first bleve's best few by BM25, then, for those alone, which terms each
// holds, read from their term vectors.
func (ix *Index) candidates(ctx context.Context, qs *question, units []unit, size int) ([]candidate, error) {
	if len(units) == 0 {
		return nil, nil
	}
	q := ix.query(qs, units)
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	sr, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", qs.text, err)
	}
	if len(sr.Hits) == 0 {
		return nil, nil
	}
	ids := make([]string, len(sr.Hits))
	for i, h := range sr.Hits {
		ids[i] = h.ID
	}
	req2 := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), q), len(ids), 0, false)
	req2.IncludeLocations = true
	sr2, err := ix.bleve.SearchInContext(ctx, req2)
	if err != nil {
		return nil, fmt.Errorf("search %q for its terms: %w", qs.text, err)
	}
	locs := make(map[string]search.FieldTermLocationMap, len(sr2.Hits))
	for _, h := range sr2.Hits {
		locs[h.ID] = h.Locations
	}
	out := make([]candidate, 0, len(sr.Hits))
	for _, h := range sr.Hits {
		f, ok := ix.base.Fact(h.ID)
		if !ok {
			continue
		}
		c := candidate{fact: f, score: h.Score, held: make([]held, len(units))}
		for ui := range units {
			c.held[ui] = holds(&units[ui], locs[h.ID])
		}
		if i, ok := ix.base.FactIndex(f.ID); ok {
			c.named, c.partly = namedIn(ix.nameLens[i], locs[h.ID][fieldNames])
		}
		out = append(out, c)
	}
	// Ties go by id: bleve numbers documents in no fixed order, and the
	// same question must get the same answer every time. Scores equal to
	// nine places are a tie.
	slices.SortStableFunc(out, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(math.Round(b.score*1e9), math.Round(a.score*1e9)), strings.Compare(a.fact.ID, b.fact.ID))
	})
	return out, nil
}

// holds reads from a fact's matched term locations how it holds unit u.
func holds(u *unit, locs search.FieldTermLocationMap) held {
	var h held
	best := matchHow(255)
	for _, p := range u.probes {
		ls, ok := locs[p.field][p.term]
		if !ok {
			continue
		}
		switch fieldPart(p.field) {
		case partAsked:
			h.asked = true
			for _, l := range ls {
				if len(l.ArrayPositions) > 0 && !slices.Contains(h.examples, l.ArrayPositions[0]) {
					h.examples = append(h.examples, l.ArrayPositions[0])
				}
			}
		case fieldWhen:
			h.when = true
		case fieldNames:
			h.name, h.text = true, true
		case fieldPlaces:
			h.place, h.text = true, true
		default:
			h.text = true
		}
		if fieldPart(p.field) != fieldWhen && p.how < best {
			best = p.how
		}
		h.fields = append(h.fields, p.field+":"+p.term)
	}
	if best != 255 {
		h.how = best
	}
	return h
}

// namedIn reads from the names field's matches which of a fact's names
// the question gives in full: the longest one's number of terms, and
// whether it gave words of a name but none in full.
func namedIn(lens []int, matched search.TermLocationMap) (longest int, partly bool) {
	got := map[uint64]map[uint64]bool{} // name -> positions matched
	for _, ls := range matched {
		for _, l := range ls {
			if len(l.ArrayPositions) == 0 {
				continue
			}
			k := l.ArrayPositions[0]
			if got[k] == nil {
				got[k] = map[uint64]bool{}
			}
			got[k][l.Pos] = true
		}
	}
	for k, pos := range got {
		if int(k) < len(lens) && len(pos) >= lens[k] {
			longest = max(longest, lens[k])
		}
	}
	return longest, longest == 0 && len(got) > 0
}
