package index

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	bindex "github.com/blevesearch/bleve_index_api"
)

// wordKey names a word looked up in a language's fields.
type wordKey struct{ lang, word string }

// maxWords is how many words' lookups the index remembers: the index
// never changes, so a word's probes and counts are the same each time.
const maxWords = 8192

// lookUpWord looks word w of a question in lang up in the index; its
// probes are nil for a stop word.
func (ix *Index) lookUpWord(ctx context.Context, r bindex.IndexReader, lang, w string) unit {
	qs := &question{lang: lang}
	u := unit{word: w, lang: qs.lang}
	langs := []string{qs.lang}
	if qs.lang != "en" && isLatin(w) {
		langs = append(langs, "en")
	}
	if qs.lang == "zh" && !isLatin(w) {
		langs = []string{"ru"} // Cyrillic in a Chinese question
	}
	for li, l := range langs {
		ts := ix.analyze(langAnalyzer[l], w)
		if li == 0 && len(ts) == 0 && qs.lang == "kk" && isLatin(w) {
			// A Kazakh stop word in Latin letters ("bir", "men") is
			// not looked up in English, where it would be a rare word.
			return u
		}
		for _, t := range ts {
			how := howStem
			if t == w {
				how = howWritten
			}
			for _, fld := range textFieldsOf(l) {
				u.probes = append(u.probes, probe{field: fld, term: t, how: how})
			}
			for _, s := range ix.syn[l][t] {
				for _, fld := range textFieldsOf(l) {
					u.probes = append(u.probes, probe{field: fld, term: s, how: howSynonym})
				}
			}
		}
	}
	if len(u.probes) == 0 {
		return u
	}
	named := []string{w}
	if qs.lang == "kk" && isLatin(w) {
		// Kazakh in Latin letters names things as Cyrillic does.
		named = append(named, ix.kk.cyrillic(w))
	}
	for _, n := range named {
		for _, t := range ix.analyze(cjk.AnalyzerName, n) {
			u.probes = append(u.probes, probe{field: fieldNames, term: t, how: howWritten}, probe{field: fieldPlaces, term: t, how: howWritten})
		}
	}
	ix.lookup(ctx, r, &u)
	if u.probes == nil {
		u.probes = []probe{} // known not to be a stop word
	}
	if (qs.lang == "ru" || qs.lang == "kk") && !isLatin(w) {
		if !u.name && !u.place {
			ix.inflectedName(ctx, r, &u)
		}
		if u.df == 0 {
			ix.variants(ctx, r, &u, qs.lang)
		}
		if u.df == 0 {
			// People in Kazakhstan mix Russian and Kazakh: a word one
			// language lacks may be the other's ("Хоргоста канша
			// магазин бар?").
			other := map[string]string{"ru": "kk", "kk": "ru"}[qs.lang]
			o := unit{word: w}
			for _, t := range ix.analyze(langAnalyzer[other], w) {
				for _, fld := range textFieldsOf(other) {
					o.probes = append(o.probes, probe{field: fld, term: t, how: howStem})
				}
			}
			ix.lookup(ctx, r, &o)
			if o.df == 0 {
				ix.variants(ctx, r, &o, other)
			}
			u.probes = append(u.probes, o.probes...)
			u.df = max(u.df, o.df)
		}
	}
	// A word no fact's text holds may be a typo, even when an example
	// question has it: examples are written with typos too.
	if u.textDF == 0 && !u.name && !u.place && hasLetter(w) && utf8.RuneCountInString(w) >= minTypo-1 {
		ix.typos(ctx, r, &u, langs)
	}
	u.common = ix.lex.common[w] || qs.lang == "kk" && (ix.lex.common[ix.kk.folded(w)] || isLatin(w) && ix.lex.common[ix.kk.cyrillic(w)])
	return u
}

// lookup reads from the index how many facts hold each of the unit's
// probes, and keeps those some fact holds.
func (ix *Index) lookup(ctx context.Context, r bindex.IndexReader, u *unit) {
	kept := u.probes[:0]
	seen := make(map[probe]bool, len(u.probes))
	for _, p := range u.probes {
		if seen[p] {
			continue // a synonym that is also a form of the word
		}
		seen[p] = true
		n := termCount(ctx, r, p.field, p.term)
		if n == 0 {
			continue
		}
		p.df = n
		kept = append(kept, p)
		switch p.field {
		case fieldNames:
			u.name = true
		case fieldPlaces:
			u.place = true
		case fieldWhen:
		default:
			u.df = max(u.df, n)
			if fieldPart(p.field) != partAsked {
				u.textDF = max(u.textDF, n)
			}
		}
	}
	u.probes = kept
}

// termCount is how many documents hold term in field, from the index's
// own statistics.
func termCount(ctx context.Context, r bindex.IndexReader, field, term string) int {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0
	}
	defer tfr.Close()
	return int(tfr.Count())
}

// docCount is how many facts the index holds.
func (ix *Index) docCount(r bindex.IndexReader) int {
	n, err := r.DocCount()
	if err != nil || n == 0 {
		return len(ix.base.Facts)
	}
	return int(n)
}

// inflectedName looks a Russian or Kazakh word up in the names and
// places without its last one or two letters, the case ending a name
// takes in a sentence: Хоргоста is Хоргос, Астанадағы Астана.
func (ix *Index) inflectedName(ctx context.Context, r bindex.IndexReader, u *unit) {
	rs := []rune(strings.ToLower(u.word))
	var added []probe
	for cut := 1; cut <= 4 && len(rs)-cut >= 4; cut++ {
		t := string(rs[:len(rs)-cut])
		added = append(added, probe{field: fieldNames, term: t, how: howStem}, probe{field: fieldPlaces, term: t, how: howStem})
	}
	if len(added) == 0 {
		return
	}
	n := unit{probes: added}
	ix.lookup(ctx, r, &n)
	u.probes = append(u.probes, n.probes...)
	u.name = u.name || n.name
	u.place = u.place || n.place
}

// variantStem is how many letters of a Russian or Kazakh stem two of
// its forms share at least, and variantCut how many letters are cut
// from its end to find them.
const variantStem, variantCut = 5, 2

// variants finds other forms of an inflected word that the stemmer cut
// differently ("модернизирует" and "модернизации"): the index's terms
// that begin with its stem less its last letters, from bleve's prefix
// dictionary.
func (ix *Index) variants(ctx context.Context, r bindex.IndexReader, u *unit, lang string) {
	var added []probe
	for _, t := range ix.analyze(langAnalyzer[lang], u.word) {
		rs := []rune(t)
		if len(rs)-variantCut < variantStem {
			continue
		}
		prefix := string(rs[:len(rs)-variantCut])
		for _, fld := range textFieldsOf(lang) {
			dict, err := r.FieldDictPrefix(fld, []byte(prefix))
			if err != nil {
				continue
			}
			for n := 0; n < maxTypos; n++ {
				e, err := dict.Next()
				if err != nil || e == nil {
					break
				}
				added = append(added, probe{field: fld, term: e.Term, how: howStem})
			}
			dict.Close()
		}
	}
	if len(added) == 0 {
		return
	}
	v := unit{probes: added}
	ix.lookup(ctx, r, &v)
	u.probes = append(u.probes, v.probes...)
	u.df = max(u.df, v.df)
}

// minTypo is the length of the shortest word looked up for any typo; a
// word a letter shorter is looked up only for swapped letters ("raod"),
// since shorter ones are too often other words: "soil" is not "oil",
// nor "rain" "grain".
const minTypo = 5

// swaps returns w with each pair of neighbouring letters swapped.
func swaps(w string) []string {
	r := []rune(w)
	var out []string
	for i := 0; i+1 < len(r); i++ {
		if r[i] == r[i+1] {
			continue
		}
		r[i], r[i+1] = r[i+1], r[i]
		out = append(out, string(r))
		r[i], r[i+1] = r[i+1], r[i]
	}
	return out
}

// maxTypos is how many words within a typo's distance a question word
// is looked up as.
const maxTypos = 4

// typos looks an unknown word up among the words the index holds as
// written, within one edit (two for long words), with bleve's fuzzy
// dictionary, and adds their analysed forms as typo probes.
func (ix *Index) typos(ctx context.Context, r bindex.IndexReader, u *unit, langs []string) {
	fr, ok := r.(bindex.IndexReaderFuzzy)
	if !ok {
		return
	}
	n := utf8.RuneCountInString(u.word)
	// One edit first; two, for a long word, only when one finds nothing:
	// the automaton of two edits costs several times more.
	var near []*bindex.DictEntry
	fuzzy := func(field, w string, fuzziness int) bool {
		dict, err := fr.FieldDictFuzzy(field, w, fuzziness, "")
		if err != nil {
			return false
		}
		defer dict.Close()
		for {
			e, err := dict.Next()
			if err != nil || e == nil {
				return true
			}
			if e.Term != w {
				c := *e
				near = append(near, &c)
			}
		}
	}
	for fuzziness := 1; fuzziness <= 2 && len(near) == 0 && n >= minTypo; fuzziness++ {
		if fuzziness == 2 && n < 8 {
			break
		}
		if !fuzzy(fieldWords, u.word, fuzziness) {
			return
		}
		// Kazakh typed without its letters or in Latin is also near
		// the folded words: "dukken" is one edit from дукен (дүкен).
		if u.lang == "kk" {
			fuzzy(fieldWordsKK, ix.kk.folded(ix.kk.cyrillic(u.word)), fuzziness)
		}
	}
	// Swapped neighbours ("raod", "povrety") are two edits to bleve's
	// automaton, too many for a short word: look them up as written.
	for _, s := range swaps(u.word) {
		if c := termCount(ctx, r, fieldWords, s); c > 0 {
			near = append(near, &bindex.DictEntry{Term: s, Count: uint64(c), EditDistance: 1})
		}
	}
	// The closest and most common first.
	slices.SortFunc(near, func(a, b *bindex.DictEntry) int {
		if a.EditDistance != b.EditDistance {
			return int(a.EditDistance) - int(b.EditDistance)
		}
		return int(b.Count) - int(a.Count)
	})
	var added []probe
	for _, e := range near[:min(len(near), maxTypos)] {
		for _, l := range langs {
			for _, t := range ix.analyze(langAnalyzer[l], e.Term) {
				for _, fld := range textFieldsOf(l) {
					added = append(added, probe{field: fld, term: t, how: howTypo})
				}
			}
		}
		for _, t := range ix.analyze(cjk.AnalyzerName, e.Term) {
			added = append(added, probe{field: fieldNames, term: t, how: howTypo})
		}
	}
	if len(added) == 0 {
		return
	}
	t := unit{probes: added}
	ix.lookup(ctx, r, &t)
	if len(t.probes) > 0 {
		u.probes = append(u.probes, t.probes...)
		u.typo = u.df == 0
		u.df = max(u.df, t.df)
		u.textDF = max(u.textDF, t.textDF)
		u.name = u.name || t.name
	}
}

// weigh sets the unit's weight: the inverse document frequency of the
// most common form it matched (through a typo, if only so), times the
// Scoring's factors for everyday words, numbers the base lacks and
// Chinese characters.
func (ix *Index) weigh(u *unit, n int) {
	sc := &ix.sc
	w := idf(n, u.df)
	switch {
	case u.common:
		w *= sc.CommonWeight
	case u.df == 0 && !u.name && (!hasLetter(u.word) || ix.lex.number[u.word]):
		w *= sc.CommonWeight // a number the base does not state
	}
	if u.han {
		w *= sc.HanWeight
	}
	u.weight = w
}

// idf is the BM25 inverse document frequency of a term held by df of n
// documents.
func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}
