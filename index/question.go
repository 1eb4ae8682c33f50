package index

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// Intent is the kind of answer a question asks for.
type Intent string

// The intents a question may have; the lexicon's intent lists give
// their cues.
const (
	IntentAny     Intent = ""
	IntentCount   Intent = "count"   // how many
	IntentAmount  Intent = "amount"  // how much
	IntentPercent Intent = "percent" // what share
	IntentWhen    Intent = "when"
	IntentWhere   Intent = "where"
	IntentWho     Intent = "who"
	IntentLength  Intent = "length" // how long, how far
	IntentWhat    Intent = "what"   // what is, tell me about
)

// maxUnits is how many distinct meaningful words of a question count.
const maxUnits = 24

// How a question word matched a term of the index.
type matchHow uint8

const (
	howWritten matchHow = iota // the word as written
	howStem                    // another form of the word
	howSynonym                 // a synonym from the knowledge base
	howTypo                    // a word within a typo's distance
)

func (h matchHow) String() string {
	return [...]string{"as written", "stem", "synonym", "typo"}[h]
}

// probe is one term a question word is looked up as, in one field.
type probe struct {
	field, term string
	how         matchHow
	df          int // how many facts hold the term in the field
}

// unit is one meaningful word of a question.
type unit struct {
	word   string
	lang   string // the language of the text fields it is looked up in
	probes []probe
	// df is how many facts hold the word, in what they say or in how they
	// are asked about; weight is its rarity, which decides how much it
	// counts.
	df     int
	textDF int // how many facts hold it in what they say, examples aside
	weight float64
	typo   bool // known only through a typo match
	common bool // an everyday word
	han    bool // a Chinese character
	// capital is set for a word written with a capital letter, not at
	// the start of the question: a name, when the index lacks it.
	capital bool
	// name and place are set when the word is part of a name or a place
	// the knowledge base tells of: a fact that lacks it is about
	// something else.
	name, place bool
	// year is set for a year the question asks about ("2013", or
	// "2022-09" with its month): the answer must tell of it.
	year string
}

// question is a question as read: its language, intent, cues and
// meaningful words.
type question struct {
	text   string // as asked, clipped
	lower  string // lower case, Kazakh folded
	lang   string
	intent Intent
	list   bool   // asks for several projects or facts
	cue    string // the list cue it holds ("which projects")
	check  bool   // asks whether a statement is true
	follow bool   // leans on what the chat was talking about
	more   bool   // asks what else there is
	claims []claim
	units  []unit
	// category is a category the question names, for list questions.
	category string
}

// read analyses question q in lang ("" to detect it).
func (ix *Index) read(ctx context.Context, r bindex.IndexReader, q, lang string) *question {
	q = compactNumbers(clip(q))
	if lang == "" {
		lang = ix.kk.detect(q)
	}
	if _, ok := langAnalyzer[lang]; !ok {
		lang = "en"
	}
	qs := &question{text: q, lang: lang, lower: ix.lowered(lang, q)}
	qs.intent = ix.intent(lang, qs.lower)
	qs.cue = cueIn(qs.lower, lang, ix.lex.cues[lang]["list"])
	qs.list = qs.cue != ""
	qs.more = ix.lex.hasCue(lang, "more", qs.lower)
	qs.follow = qs.more || ix.startsWithCue(lang, "follow", qs.lower) ||
		len(words(q)) <= maxReferWords && ix.lex.hasCue(lang, "refer", qs.lower)
	qs.claims = ix.claims(q)
	qs.check = ix.lex.hasCue(lang, "check", qs.lower) || len(qs.claims) > 0 && ix.yesNo(lang, qs.lower)
	qs.category = ix.category(lang, qs.lower)
	qs.units = ix.units(ctx, r, qs, false)
	if len(qs.units) == 0 {
		// Every word shapes the question ("Where did the article get its
		// information?"): then only the interrogatives are left out.
		qs.units = ix.units(ctx, r, qs, true)
	}
	return qs
}

// maxReferWords is the longest question in which a pronoun ("there",
// "it", "там") is read as pointing at the chat's topic.
const maxReferWords = 7

// startsWithCue reports whether q begins with a cue of kind.
func (ix *Index) startsWithCue(lang, kind, q string) bool {
	q = strings.TrimLeftFunc(q, func(r rune) bool { return !isWordRune(r) })
	for _, c := range ix.lex.cues[lang][kind] {
		if lang == "zh" && strings.HasPrefix(q, c) || lang != "zh" && strings.HasPrefix(q, c) && wordEnd(q, len(c)) {
			return true
		}
	}
	return false
}

// latinAsCyrillic reads every Latin word of s as Kazakh Cyrillic.
func latinAsCyrillic(k *kazakh, s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) {
		return s
	}
	var b strings.Builder
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			b.WriteString(k.cyrillic(cur.String()))
			cur.Reset()
		}
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			cur.WriteRune(r)
			continue
		}
		flush()
		b.WriteRune(r)
	}
	flush()
	return b.String()
}

// lowered is q in lower case, and a Kazakh q also folded and in
// Cyrillic, as the lexicon's cues are written.
func (ix *Index) lowered(lang, q string) string {
	q = strings.ToLower(q)
	if lang == "kk" {
		q = ix.kk.folded(latinAsCyrillic(ix.kk, q))
	}
	return q
}

// intent returns the first intent whose cue q holds.
func (ix *Index) intent(lang, q string) Intent {
	for _, ic := range ix.lex.intents[lang] {
		for _, c := range ic.cues {
			// Russian and Kazakh cues are stems ("протяж"), matched at
			// word starts; others are whole words.
			if lang == "zh" && strings.Contains(q, c) || (lang == "ru" || lang == "kk") && stemAt(q, c) || wordsAt(q, c) {
				return ic.intent
			}
		}
	}
	if lang != "en" {
		// English cues in a question of another language: "Huawei
		// when?" is rare, but Latin-only questions may be misread.
		return IntentAny
	}
	return IntentAny
}

// yesNo reports whether q is asked for a yes or a no.
func (ix *Index) yesNo(lang, q string) bool {
	for _, c := range ix.lex.cues[lang]["yesno"] {
		if lang == "en" {
			if strings.HasPrefix(q, c+" ") {
				return true
			}
			continue
		}
		if lang == "zh" && strings.Contains(q, c) || lang != "zh" && wordsAt(q, c) {
			return true
		}
	}
	return false
}

// category returns the category whose words q names, or "".
func (ix *Index) category(lang, q string) string {
	for _, l := range []string{lang, "en"} {
		for _, c := range knowledge.Categories {
			cat := string(c)
			for _, w := range ix.lex.categories[l][cat] {
				if l == "zh" && strings.Contains(q, w) || l != "zh" && (l == "en" && wordsAt(q, w) || l != "en" && stemAt(q, w)) {
					return cat
				}
			}
		}
	}
	return ""
}

// units picks the meaningful words of a question and weighs each by how
// rare it is in the index. loose keeps every word but the
// interrogatives.
func (ix *Index) units(ctx context.Context, r bindex.IndexReader, qs *question, loose bool) []unit {
	ws := ix.splitGlued(ctx, r, words(qs.text))
	n := ix.docCount(r)
	var out []unit
	seen := map[string]bool{}
	for i, w := range ws {
		w = strings.Trim(w, "'")
		if w == "" || seen[w] || len(out) >= maxUnits {
			continue
		}
		seen[w] = true
		if rs := []rune(w); len(rs) == 1 && unicode.IsLetter(rs[0]) && !isHan(w) {
			continue // "belt n road": a lone letter says nothing
		}
		if qs.check && hasDigit(w) && !hasLetter(w) && ix.claimed(qs, w) {
			continue // the figure being checked is compared, not searched
		}
		var u unit
		if isHan(w) {
			if ix.lex.question["zh"][w] {
				continue
			}
			u = ix.hanUnit(ctx, r, ws, i)
		} else {
			if ix.frames(qs.lang, w, loose) {
				continue
			}
			var ok bool
			if u, ok = ix.wordUnit(ctx, r, qs, ws, i); !ok {
				continue // a stop word of the language
			}
		}
		u.capital = capitalIn(qs.text, w)
		ix.weigh(&u, n)
		out = append(out, u)
	}
	return out
}

// splitGlued splits a word that glues letters to digits ("tpp2") into
// its parts, unless the index holds it whole ("5g").
func (ix *Index) splitGlued(ctx context.Context, r bindex.IndexReader, ws []string) []string {
	out := ws[:0:0]
	for _, w := range ws {
		if !hasDigit(w) || !hasLetter(w) || termCount(ctx, r, fieldWords, w) > 0 {
			out = append(out, w)
			continue
		}
		var cur []rune
		for _, c := range w {
			if n := len(cur); n > 0 && unicode.IsDigit(c) != unicode.IsDigit(cur[n-1]) {
				out = append(out, string(cur))
				cur = cur[:0]
			}
			cur = append(cur, c)
		}
		out = append(out, string(cur))
	}
	return out
}

// frames reports whether w frames the question rather than naming its
// subject; loose counts only the interrogatives.
func (ix *Index) frames(lang, w string, loose bool) bool {
	f := w
	if lang == "kk" || isLatin(w) && lang != "en" {
		f = ix.kk.folded(ix.kk.cyrillic(w))
	}
	if loose {
		return ix.lex.interrogative[w] || ix.lex.interrogative[f]
	}
	for _, l := range []string{lang, "en"} {
		if ix.lex.question[l][w] || l == "kk" && ix.lex.question["kk"][f] {
			return true
		}
	}
	return lang != "kk" && ix.lex.question["kk"][f] && !isLatin(w)
}

// hanUnit looks up Chinese character ws[i] in every pair it forms and
// alone: the analyzer indexes Chinese as overlapping pairs.
func (ix *Index) hanUnit(ctx context.Context, r bindex.IndexReader, ws []string, i int) unit {
	w := ws[i]
	u := unit{word: w, lang: "zh", han: true}
	var terms []string
	if i > 0 && isHan(ws[i-1]) {
		terms = append(terms, ws[i-1]+w)
	}
	if i+1 < len(ws) && isHan(ws[i+1]) {
		terms = append(terms, w+ws[i+1])
	}
	terms = append(terms, w)
	for _, t := range terms {
		for _, fld := range textFieldsOf("zh") {
			u.probes = append(u.probes, probe{field: fld, term: t, how: howWritten})
		}
		u.probes = append(u.probes, probe{field: fieldNames, term: t, how: howWritten}, probe{field: fieldPlaces, term: t, how: howWritten})
	}
	ix.lookup(ctx, r, &u)
	if u.textDF == 0 && !u.name && !u.place {
		// The character pairs differently in the index ("建成" in the
		// question, "建造" there): the pairs it begins, from bleve's
		// prefix dictionary.
		var added []probe
		for _, fld := range textFieldsOf("zh") {
			dict, err := r.FieldDictPrefix(fld, []byte(w))
			if err != nil {
				continue
			}
			for n := 0; n < maxTypos; n++ {
				e, err := dict.Next()
				if err != nil || e == nil {
					break
				}
				if e.Term != w {
					added = append(added, probe{field: fld, term: e.Term, how: howStem})
				}
			}
			dict.Close()
		}
		v := unit{probes: added}
		ix.lookup(ctx, r, &v)
		u.probes = append(u.probes, v.probes...)
		u.df = max(u.df, v.df)
		u.textDF = max(u.textDF, v.textDF)
	}
	return u
}

// textFieldsOf lists the text fields of a language.
func textFieldsOf(lang string) []string {
	return []string{textField(partBody, lang), textField(partAsked, lang)}
}

// wordUnit looks up word ws[i] of a question: its analysed terms in the
// question language's fields (and the English ones, for a Latin word in
// another language), its synonyms, its names form, and when it is known
// nowhere, the words within a typo's distance.
//
// It returns false for a stop word, which the analyzer drops.
func (ix *Index) wordUnit(ctx context.Context, r bindex.IndexReader, qs *question, ws []string, i int) (unit, bool) {
	w := ws[i]
	key := wordKey{qs.lang, w}
	u, ok := ix.words.Get(key)
	if !ok {
		u, ok = ix.lookUpWord(ctx, r, qs.lang, w), true
		ix.words.Add(key, u)
	}
	if u.probes == nil {
		return u, false
	}
	u.probes = slices.Clone(u.probes)
	if y := ix.yearAsked(qs, ws, i); y != "" {
		when := unit{probes: []probe{{field: fieldWhen, term: y, how: howWritten}}}
		ix.lookup(ctx, r, &when)
		u.year = y
		u.probes = append(u.probes, when.probes...)
	}
	return u, true
}

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
	for _, l := range langs {
		for _, t := range ix.analyze(langAnalyzer[l], w) {
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
	for _, t := range ix.analyze(cjk.AnalyzerName, w) {
		u.probes = append(u.probes, probe{field: fieldNames, term: t, how: howWritten}, probe{field: fieldPlaces, term: t, how: howWritten})
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
	u.common = ix.lex.common[w] || qs.lang == "kk" && ix.lex.common[ix.kk.folded(w)]
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
	for fuzziness := 1; fuzziness <= 2 && len(near) == 0 && n >= minTypo; fuzziness++ {
		if fuzziness == 2 && n < 8 {
			break
		}
		dict, err := fr.FieldDictFuzzy(fieldWords, u.word, fuzziness, "")
		if err != nil {
			return
		}
		for {
			e, err := dict.Next()
			if err != nil || e == nil {
				break
			}
			if e.Term != u.word {
				c := *e
				near = append(near, &c)
			}
		}
		dict.Close()
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

// yearAsked returns the year (and month) that word ws[i] of the question
// asks about, or "": four digits from 1900 to 2099, not after a word
// that opens a span ("since 2013") and not before a word the knowledge
// base counts things in ("2000 outlets"). A month next to it makes it
// "2022-09".
func (ix *Index) yearAsked(qs *question, ws []string, i int) string {
	w := ws[i]
	n, err := strconv.Atoi(w)
	if err != nil || len(w) != 4 || n < 1900 || n > 2099 {
		return ""
	}
	if i > 0 && ix.lex.span[ix.spanForm(qs.lang, ws[i-1])] {
		return ""
	}
	if i+1 < len(ws) {
		next := ws[i+1]
		if qs.lang == "kk" && ix.lex.span[ix.kk.folded(next)] {
			return "" // Kazakh puts бері, дейін after the year
		}
		if isHan(next) {
			if next != "年" {
				return ""
			}
		} else if ix.measures[next] {
			return ""
		}
	}
	for _, j := range []int{i - 1, i - 2, i + 1, i + 2} {
		if j < 0 || j >= len(ws) {
			continue
		}
		if m := ix.month(qs.lang, ws[j]); m > 0 {
			return w + "-" + twoDigits(m)
		}
	}
	return w
}

func (ix *Index) spanForm(lang, w string) string {
	if lang == "kk" {
		return ix.kk.folded(w)
	}
	return w
}

// month returns the number of the month w names in lang (or English), or
// 0.
func (ix *Index) month(lang, w string) int {
	for _, l := range []string{lang, "en"} {
		f := w
		if l == "kk" {
			f = ix.kk.folded(w)
		}
		for _, m := range ix.lex.months[l] {
			if l == "zh" {
				if w == m.stem {
					return m.n
				}
				continue
			}
			if f == m.stem || len(m.stem) >= 6 && strings.HasPrefix(f, m.stem) {
				return m.n
			}
		}
	}
	return 0
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// capitalIn reports whether lower-case word w is written in q with a
// capital letter somewhere other than at q's start.
func capitalIn(q, w string) bool {
	first, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(first) {
		return false
	}
	lq := strings.ToLower(q)
	for off := 0; ; {
		i := strings.Index(lq[off:], w)
		if i < 0 {
			return false
		}
		i += off
		if i > 0 && wordStart(q, i) {
			if r, _ := utf8.DecodeRuneInString(q[i:]); unicode.IsUpper(r) {
				return true
			}
		}
		off = i + len(w)
	}
}
