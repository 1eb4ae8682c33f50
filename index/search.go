package index

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

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
	score  float64 // bleve's BM25 score of the first search
	held   []held  // per unit of the question
	f      features
	p      float64 // the model's probability that it answers the question
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
//
// With below > 0, terms held by more than below facts are left out:
// they add little to the ranking and cost the most to search.
func (ix *Index) query(qs *question, units []unit, below int) query.Query {
	var qq []query.Query
	for _, u := range units {
		k := 1.0
		if u.common {
			k = ix.sc.CommonWeight
		}
		for _, p := range u.probes {
			if below > 0 && p.df > below {
				continue
			}
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

// tieMargin is how many more hits than needed the first search fetches,
// so that facts tied at the cut are chosen by id.
const tieMargin = 4

// candidates searches for the facts that match the question's units:
// first bleve's best few by BM25, then, for those alone, which terms each
// holds, read from the index's term vectors.
func (ix *Index) candidates(ctx context.Context, r bindex.IndexReader, qs *question, units []unit, size int) ([]candidate, error) {
	if len(units) == 0 {
		return nil, nil
	}
	// The first search ranks by the terms that tell facts apart; the
	// second reads every term's matches in the best candidates alone.
	n := len(ix.base.Facts)
	first := ix.query(qs, units, n/4)
	if _, none := first.(*query.MatchNoneQuery); none {
		first = ix.query(qs, units, 0)
	}
	// Ties go by id, at the cut too: bleve numbers documents in no fixed
	// order, and the same question must get the same candidates from
	// every build of the index. So a few more than size are fetched, and
	// cut after sorting ties by id.
	req := bleve.NewSearchRequestOptions(first, size+tieMargin, 0, false)
	sr, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", qs.text, err)
	}
	if len(sr.Hits) == 0 {
		return nil, nil
	}
	slices.SortStableFunc(sr.Hits, func(a, b *search.DocumentMatch) int {
		return cmp.Or(cmp.Compare(math.Round(b.Score*1e9), math.Round(a.Score*1e9)), strings.Compare(a.ID, b.ID))
	})
	sr.Hits = sr.Hits[:min(len(sr.Hits), size)]
	locs, err := ix.locations(ctx, r, units, sr.Hits)
	if err != nil {
		return nil, fmt.Errorf("read the terms of %q: %w", qs.text, err)
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

// locations reads, for each hit, where it holds each probe of the units:
// field -> term -> locations, read from the term vectors of the index's
// posting lists, which are visited in document order.
func (ix *Index) locations(ctx context.Context, r bindex.IndexReader, units []unit, hits search.DocumentMatchCollection) (map[string]search.FieldTermLocationMap, error) {
	type doc struct {
		id       string
		internal bindex.IndexInternalID
	}
	docs := make([]doc, 0, len(hits))
	for _, h := range hits {
		iid, err := r.InternalID(h.ID)
		if err != nil || iid == nil {
			continue
		}
		docs = append(docs, doc{h.ID, iid})
	}
	slices.SortFunc(docs, func(a, b doc) int { return bytes.Compare(a.internal, b.internal) })
	out := make(map[string]search.FieldTermLocationMap, len(docs))
	seen := map[[2]string]bool{}
	var tfd bindex.TermFieldDoc
	for _, u := range units {
		for _, p := range u.probes {
			k := [2]string{p.field, p.term}
			if seen[k] {
				continue
			}
			seen[k] = true
			// Positions are needed where they say which name or which
			// example question holds the term; elsewhere that it does is
			// enough, and cheaper to read.
			vectors := p.field == fieldNames || fieldPart(p.field) == partAsked
			tfr, err := r.TermFieldReader(ctx, []byte(p.term), p.field, false, false, vectors)
			if err != nil {
				return nil, err
			}
			// A short posting list is read through; a long one is skipped
			// along to the candidates.
			walk := tfr.Count() <= uint64(2*len(docs))
			next := 0
			for next < len(docs) {
				var got *bindex.TermFieldDoc
				if walk {
					got, err = tfr.Next(&tfd)
				} else {
					got, err = tfr.Advance(docs[next].internal, &tfd)
				}
				if err != nil {
					tfr.Close()
					return nil, err
				}
				if got == nil {
					break
				}
				for next < len(docs) && bytes.Compare(docs[next].internal, got.ID) < 0 {
					next++
				}
				if next == len(docs) || !bytes.Equal(got.ID, docs[next].internal) {
					continue
				}
				d := docs[next]
				next++
				ftl := out[d.id]
				if ftl == nil {
					ftl = search.FieldTermLocationMap{}
					out[d.id] = ftl
				}
				tl := ftl[p.field]
				if tl == nil {
					tl = search.TermLocationMap{}
					ftl[p.field] = tl
				}
				ls := make(search.Locations, 0, len(got.Vectors))
				for _, v := range got.Vectors {
					ls = append(ls, &search.Location{Pos: v.Pos, ArrayPositions: slices.Clone(v.ArrayPositions)})
				}
				if len(ls) == 0 {
					ls = append(ls, &search.Location{})
				}
				tl[p.term] = ls
			}
			tfr.Close()
		}
	}
	return out, nil
}
