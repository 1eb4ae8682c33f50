package index

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// Intent is the kind of answer a question asks for.
type Intent string

// The intents a question may have; the lexicon's intent lists give
// their cues.
const (
	IntentAny      Intent = ""
	IntentCount    Intent = "count"   // how many
	IntentAmount   Intent = "amount"  // how much
	IntentPercent  Intent = "percent" // what share
	IntentWhen     Intent = "when"
	IntentWhere    Intent = "where"
	IntentWho      Intent = "who"
	IntentLength   Intent = "length"   // how long, how far
	IntentMultiple Intent = "multiple" // how many times over
	IntentWhat     Intent = "what"     // what is, tell me about
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
