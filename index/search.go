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
	out := make([]candidate, 0, len(sr.Hits))
	for _, h := range sr.Hits {
		f, ok := ix.base.Fact(h.ID)
		if !ok {
			continue
		}
		out = append(out, candidate{fact: f, score: h.Score, held: make([]held, len(units))})
	}
	names, err := ix.locations(ctx, r, units, out)
	if err != nil {
		return nil, fmt.Errorf("read the terms of %q: %w", qs.text, err)
	}
	for ci := range out {
		if i, ok := ix.base.FactIndex(out[ci].fact.ID); ok {
			out[ci].named, out[ci].partly = namedIn(ix.nameLens[i], names[ci])
		}
	}
	// Ties go by id: bleve numbers documents in no fixed order, and the
	// same question must get the same answer every time. Scores equal to
	// nine places are a tie.
	slices.SortStableFunc(out, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(math.Round(b.score*1e9), math.Round(a.score*1e9)), strings.Compare(a.fact.ID, b.fact.ID))
	})
	return out, nil
}

// namePos is where a question's term stands in a fact's names: which
// name, and where in it.
type namePos struct{ name, pos uint64 }

// locations reads, from the index's posting lists visited in document
// order, how each candidate holds each unit (filling in its held), and
// where its names hold the question's terms.
func (ix *Index) locations(ctx context.Context, r bindex.IndexReader, units []unit, cs []candidate) ([][]namePos, error) {
	type doc struct {
		c        int // position in cs
		internal bindex.IndexInternalID
	}
	docs := make([]doc, 0, len(cs))
	for ci := range cs {
		iid, err := r.InternalID(cs[ci].fact.ID)
		if err != nil || iid == nil {
			continue
		}
		docs = append(docs, doc{ci, iid})
	}
	slices.SortFunc(docs, func(a, b doc) int { return bytes.Compare(a.internal, b.internal) })
	names := make([][]namePos, len(cs))
	best := make([][]matchHow, len(cs))
	for ci := range cs {
		best[ci] = make([]matchHow, len(units))
		for ui := range units {
			best[ci][ui] = 255
		}
	}
	var tfd bindex.TermFieldDoc
	for ui := range units {
		for _, p := range units[ui].probes {
			part := fieldPart(p.field)
			// Positions are needed where they say which name or which
			// example question holds the term; elsewhere that it does is
			// enough, and cheaper to read.
			vectors := p.field == fieldNames || part == partAsked
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
				ci := docs[next].c
				next++
				h := &cs[ci].held[ui]
				switch part {
				case partAsked:
					h.asked = true
					for _, v := range got.Vectors {
						if len(v.ArrayPositions) > 0 && !slices.Contains(h.examples, v.ArrayPositions[0]) {
							h.examples = append(h.examples, v.ArrayPositions[0])
						}
					}
				case fieldWhen:
					h.when = true
				case fieldNames:
					h.name, h.text = true, true
					for _, v := range got.Vectors {
						if len(v.ArrayPositions) > 0 {
							names[ci] = append(names[ci], namePos{v.ArrayPositions[0], v.Pos})
						}
					}
				case fieldPlaces:
					h.place, h.text = true, true
				default:
					h.text = true
				}
				if part != fieldWhen && p.how < best[ci][ui] {
					best[ci][ui] = p.how
					h.how = p.how
				}
			}
			tfr.Close()
		}
	}
	return names, nil
}

// namedIn reads from where a fact's names hold the question's terms which
// of its names the question gives in full: the longest one's number of
// terms, and whether it gave words of a name but none in full.
func namedIn(lens []int, matched []namePos) (longest int, partly bool) {
	if len(matched) == 0 {
		return 0, false
	}
	slices.SortFunc(matched, func(a, b namePos) int {
		return cmp.Or(cmp.Compare(a.name, b.name), cmp.Compare(a.pos, b.pos))
	})
	for i := 0; i < len(matched); {
		j, distinct := i, 0
		for ; j < len(matched) && matched[j].name == matched[i].name; j++ {
			if j == i || matched[j].pos != matched[j-1].pos {
				distinct++
			}
		}
		if k := int(matched[i].name); k < len(lens) && distinct >= lens[k] {
			longest = max(longest, lens[k])
		}
		i = j
	}
	return longest, longest == 0
}
