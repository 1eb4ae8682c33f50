package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// MaxQuestion is how much of a question is read, in runes; the rest is
// ignored. Real questions are far shorter, and the cap keeps the cost of
// a pasted essay bounded.
const MaxQuestion = 300

// searchHits is how many of bleve's best matches are weighed for the
// answer (more when more are asked for). The answer has always been among
// the first 12 in the question sets; each more costs a coverage check.
const searchHits = 12

// maxUnits is how many distinct meaningful words of a question count.
const maxUnits = 24

// answeredCoverage is the share of a question's meaning (its words,
// weighted by rarity) that the best fact must hold for the question to
// count as answered.
var answeredCoverage = 0.5

// promoteShare is how close behind the best score a fact that answers
// the question must be to go first, when the best does not answer it.
var promoteShare = 0.4

// Weights of the coverage judgement. They are variables only so that a
// tuning run can try others; nothing changes them while serving.
var (
	unknownWeight = 1.5  // an English word the knowledge base lacks entirely
	commonWeight  = 0.3  // an everyday word, or a number the base lacks
	missingEntity = 0.5  // coverage kept when the fact lacks a name the question gives
	entityWeight  = 2.0  // how rare a name must be to count as what a question is about
	typoCredit    = 0.75 // the share of a word's weight a typo match earns
)

// Hit is one fact that matches a question.
type Hit struct {
	Fact *knowledge.Fact
	// Score ranks hits: higher is better. It is not comparable across
	// questions.
	Score float64
	// Coverage is the weighted share of the question's words the fact
	// holds, from 0 to 1.
	Coverage float64
}

// Result is the answer to one question.
type Result struct {
	Question string
	Lang     string
	Intent   Intent
	// Answered is false when no fact covers the question well enough;
	// Hits may still hold weak matches to offer as suggestions.
	Answered bool
	Hits     []Hit
}

// unit is one meaningful word of a question.
type unit struct {
	word  string   // lower-cased surface form
	terms []string // analysed with the question language's analyzer
	names []string // analysed with the names analyzer
	han   []string // for Chinese: the bigrams the character belongs to
	// near and nearNames are the terms of the knowledge base within a
	// typo's distance of terms and names, found only for words the
	// knowledge base does not hold as written.
	near, nearNames []string
	// variants are other forms of terms' stems in the knowledge base
	// (кашаган, кашага): they count wherever they stand, while typo
	// matches count only among what a fact is about.
	variants []string
	weight   float64
	// entity is set when the word is part of a name in the knowledge
	// base (a place, organisation, person or alias): a fact that lacks
	// it is about something else.
	entity bool
	// year is set for a year the question asks about (yearAsked): a fact
	// that lacks it is about another year.
	year bool
}

// Answer finds the facts that answer question. lang forces the language
// ("en", "ru", "kk", "zh"); empty means detect it from the question.
// It returns at most limit hits, best first. It never fails on odd
// input: anything that is not a searchable question gives an unanswered
// Result.
func (ix *Index) Answer(ctx context.Context, question, lang string, limit int) (Result, error) {
	q := clip(question)
	key := cacheKey{q, lang, limit}
	if res, ok := ix.cache.get(key); ok {
		res.Question = question
		return res, nil
	}
	res, err := ix.answer(ctx, q, lang, limit)
	res.Question = question
	if err != nil {
		return res, err
	}
	ix.cache.add(key, res)
	return res, nil
}

// answer is Answer without the cache, for the clipped question q.
func (ix *Index) answer(ctx context.Context, q, lang string, limit int) (Result, error) {
	if lang == "" {
		lang = DetectLang(q)
	}
	if _, ok := langAnalyzer[lang]; !ok {
		lang = "en"
	}
	res := Result{Lang: lang, Intent: detectIntent(lang, q)}
	units := ix.units(lang, q)
	if len(units) == 0 {
		return res, nil
	}
	qws := words(q)
	qwords := formsOf(qws)
	qforms := make(map[string]bool, 3*len(qwords))
	for _, w := range qwords {
		for _, f := range w {
			qforms[f] = true
		}
	}
	bq := ix.query(lang, units)
	req := bleve.NewSearchRequestOptions(bq, max(searchHits, limit), 0, false)
	sr, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return res, fmt.Errorf("search %q: %w", q, err)
	}
	var total float64
	for _, u := range units {
		total += u.weight
	}
	for _, h := range sr.Hits {
		i, ok := ix.base.FactIndex(h.ID)
		if !ok {
			continue
		}
		f := &ix.base.Facts[i]
		cov, topical := ix.coverage(lang, units, total, i)
		// "What is the 420,000?": the question names a figure the fact
		// states, which is what it asks about. Not when it asks for
		// another number or a date ("How much did trade grow in 30
		// years?"): then the figure it names is only context.
		named, context := false, false
		if ix.figureNamed(i, qws) {
			switch res.Intent {
			case IntentWhat, IntentAny:
				named, topical = true, true
			case IntentCount, IntentAmount, IntentPercent, IntentLength:
				// It asks for a number, and knows this one already.
				context = true
			}
		}
		if !topical {
			// The fact only mentions the question's words in passing;
			// keep it as a weak match but never as the answer.
			cov = min(cov, answeredCoverage-0.01)
		}
		score := h.Score * (0.25 + cov)
		if fits(res.Intent, f) {
			score *= 1.3
		}
		if f.Main && (res.Intent == IntentWhat || res.Intent == IntentWhere) {
			// "What is X?" and "Where is X?" are best answered by the
			// fact that says what the project is.
			score *= 1.15
		}
		switch {
		case named:
			score *= 1.5
		case context:
			score *= 0.6
		}
		switch n, partly := ix.namedIn(i, qwords, qforms); {
		case n > 0:
			// The question names the fact's subject in full; a longer
			// name is a more specific match.
			score *= 1.3 + 0.1*float64(min(n, 5))
		case partly:
			// The question shares a word with the fact's names but names
			// something else: "Khorgos" is not the "Khorgos dry port".
			score *= 0.7
		}
		res.Hits = append(res.Hits, Hit{Fact: f, Score: score, Coverage: cov})
	}
	// Ties go by id: bleve numbers documents in no fixed order, and the
	// same question must get the same answer every time. Scores equal to
	// nine places are a tie: the order of bleve's sums may change their
	// last bits from one build of the index to the next.
	slices.SortFunc(res.Hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(math.Round(b.Score*1e9), math.Round(a.Score*1e9)), strings.Compare(a.Fact.ID, b.Fact.ID))
	})
	// The best-scoring fact may not answer the question while one close
	// behind does: a fact naming everyone the question names but not the
	// thing asked about ranks above the one that holds all of it.
	if len(res.Hits) > 1 && res.Hits[0].Coverage < answeredCoverage {
		for j := 1; j < min(len(res.Hits), 3); j++ {
			if h := res.Hits[j]; h.Coverage >= answeredCoverage && h.Score >= promoteShare*res.Hits[0].Score {
				copy(res.Hits[1:j+1], res.Hits[:j])
				res.Hits[0] = h
				break
			}
		}
	}
	if len(res.Hits) > limit {
		res.Hits = res.Hits[:limit]
	}
	res.Answered = len(res.Hits) > 0 && res.Hits[0].Coverage >= answeredCoverage
	return res, nil
}

// units picks the meaningful words of a question and weighs each by how
// rare it is in the knowledge base: a word no fact holds weighs most.
func (ix *Index) units(lang, q string) []unit {
	if out := ix.unitsOf(lang, q, false); len(out) > 0 {
		return out
	}
	// Every word shapes a question ("Where did the article get its
	// information?"): then only the interrogatives do.
	return ix.unitsOf(lang, q, true)
}

// unitsOf is units, leaving out all question words, or with loose only
// the interrogatives.
func (ix *Index) unitsOf(lang, q string, loose bool) []unit {
	ws := ix.compounds(ix.splitUnknown(words(q)))
	var out []unit
	seen := map[string]bool{}
	for i, w := range ws {
		w = strings.Trim(w, "'")
		if w == "" || seen[w] || len(out) >= maxUnits {
			continue
		}
		seen[w] = true
		if r := []rune(w); len(r) == 1 && unicode.IsLetter(r[0]) && !isHan(w) {
			continue // "belt n road": a lone letter says nothing
		}
		if isHan(w) {
			if strings.Contains(zhQuestionChars, w) {
				continue
			}
			// The analyzer indexes Chinese as overlapping pairs of
			// characters, and a lone character by itself: look the
			// character up in every pair it forms, and alone.
			u := unit{word: w}
			if i > 0 && isHan(ws[i-1]) {
				u.han = append(u.han, ws[i-1]+w)
			}
			if i+1 < len(ws) && isHan(ws[i+1]) {
				u.han = append(u.han, w+ws[i+1])
			}
			u.han = append(u.han, w)
			out = append(out, u)
			continue
		}
		if loose && (interrogative[w] || ix.misspeltQuestionWord(w)) ||
			!loose && (isQuestionWord("en", w) || isQuestionWord("ru", w) || isQuestionWord("kk", w) || ix.misspeltQuestionWord(w)) {
			continue
		}
		u := unit{word: w, names: ix.analyze(cjk.AnalyzerName, w), year: ix.yearAsked(q, ws, i) || ix.monthAsked(q, ws, i)}
		an := langAnalyzer[lang]
		if lang == "zh" || DetectLang(w) == "en" {
			an = langAnalyzer["en"]
		}
		u.terms = ix.analyze(an, w)
		if len(u.terms) == 0 {
			continue // a stop word of the language
		}
		out = append(out, u)
	}
	for i := range out {
		out[i].weight = ix.weight(lang, &out[i])
	}
	return out
}

// textLang is the language whose fields a unit is looked up in: Latin
// words are looked up in English whatever the question's language.
func textLang(lang string, u *unit) string {
	if u.han != nil {
		return "zh"
	}
	if lang != "en" && DetectLang(u.word) == "en" {
		return "en"
	}
	return lang
}

// weight is the rarity of a unit: the inverse document frequency of the
// most common term it matches, exactly, through a synonym, or within a
// typo's distance; a unit that matches nothing weighs most. It also
// fills in the unit's near terms.
func (ix *Index) weight(lang string, u *unit) float64 {
	tl := textLang(lang, u)
	best := -1
	typoOnly := false
	lookup := func(fld string, terms []string) {
		df := ix.df[fld]
		for _, t := range terms {
			best = max(best, df[t])
			for _, s := range ix.syn[tl][t] {
				best = max(best, df[s])
			}
		}
	}
	if u.han != nil {
		lookup(bodyField("zh"), u.han)
		lookup(titleField("zh"), u.han)
		lookup(fieldNames, u.han)
	} else {
		lookup(titleField(tl), u.terms)
		lookup(bodyField(tl), u.terms)
		lookup(fieldNames, u.names)
		if tl == "ru" || tl == "kk" {
			// The stemmers of inflected languages do not always cut
			// every form of a name alike (Кашаган, Кашагане), so terms
			// that differ only in their last letters are the same word.
			// Not in English, where popul- and popular are not.
			u.variants = ix.stemVariants(u.terms, titleField(tl), bodyField(tl))
			lookup(titleField(tl), u.variants)
			lookup(bodyField(tl), u.variants)
		}
		if best <= 0 {
			u.near = ix.nearTerms(u.terms, titleField(tl), bodyField(tl))
			u.nearNames = ix.nearTerms(u.names, fieldNames)
			for _, w := range ix.nearRaw(u.word) {
				for _, t := range ix.analyze(langAnalyzer[tl], w) {
					if !slices.Contains(u.near, t) {
						u.near = append(u.near, t)
					}
				}
			}
			// A word known only through a typo match keeps the weight
			// of an unknown word: if the match is wrong ("mayor" is not
			// "major"), the question is about something else.
			typoOnly = true
		}
	}
	namesDF, proper := 0, u.han != nil
	for _, t := range append(append([]string(nil), u.names...), u.han...) {
		namesDF = max(namesDF, ix.df[fieldNames][t])
		proper = proper || ix.properWords[t]
	}
	w := ix.idf(max(best, 0))
	if typoOnly {
		best = 0
	}
	switch {
	case commonWords[u.word]:
		// An everyday word: it seldom names what a question is about,
		// whether or not the knowledge base happens to use it.
		w *= commonWeight
	case best <= 0 && (strings.IndexFunc(u.word, unicode.IsLetter) < 0 || numberWords[u.word]):
		// A number the knowledge base does not state, in digits or in
		// words.
		w *= commonWeight
	case best <= 0 && tl == "en":
		// Nothing in the knowledge base looks like this word: it is
		// likely the real subject of an out-of-scope question. Only in
		// English: Russian and Kazakh inflect too richly for an unknown
		// form to say as much.
		w *= unknownWeight
	}
	if u.han != nil {
		w *= 0.5 // a Chinese character carries about half a word
	}
	// A name's capitalised words name something; its others ("wind
	// farm", "speech", "visit") are everyday words.
	u.entity = namesDF > 0 && proper && strings.IndexFunc(u.word, unicode.IsLetter) >= 0 && (w >= entityWeight || u.han != nil && w >= 1) ||
		u.year
	return w
}

// yearAsked reports whether ws[i], a word of question q, is a year the
// question asks about: four digits from 1900 to 2099 as written ("2,000"
// is a quantity), not after a word that opens a span ("since 2013", "by
// 2024", where the year is context), and not before a word the knowledge
// base counts things in ("2000 outlets"). A fact tells of one year: one
// that lacks the year asked about (visitors in 2022, trade in 2021)
// answers another question.
func (ix *Index) yearAsked(q string, ws []string, i int) bool {
	w := ws[i]
	n, err := strconv.Atoi(w)
	if err != nil || len(w) != 4 || n < 1900 || n > 2099 || !writtenWhole(q, w) {
		return false
	}
	if i > 0 && spanWords[ws[i-1]] {
		return false
	}
	if i+1 < len(ws) {
		if next := ws[i+1]; isHan(next) {
			return next == "年"
		} else if ix.measureWords[next] {
			return false
		}
	}
	return true
}

// monthAsked reports whether ws[i] is a month named with a year asked
// about ("September 2022", "в сентябре 2022", "2023 жылғы қазанда"): the
// answer must tell of that month too, not only of the year.
func (ix *Index) monthAsked(q string, ws []string, i int) bool {
	if !isMonth(ws[i]) {
		return false
	}
	for _, j := range []int{i + 1, i - 1, i - 2} {
		if j >= 0 && j < len(ws) && ix.yearAsked(q, ws, j) {
			return true
		}
	}
	return false
}

// isMonth reports whether w is a month's name in English, Russian or
// Kazakh, in any case.
func isMonth(w string) bool {
	w = kkFold(strings.ToLower(w))
	for _, m := range monthStems {
		if strings.HasPrefix(w, m) {
			return true
		}
	}
	return w == "мая" || w == "май" || w == "мае"
}

// monthStems begin the months' names, Kazakh folded (kkFold).
var monthStems = func() []string {
	ms := strings.Fields(`january february march april june july august september october november december
январ феврал март апрел июн июл август сентябр октябр ноябр декабр
қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан`)
	for i, m := range ms {
		ms[i] = kkFold(m)
	}
	return append(ms, "may")
}()

// spanWords open a span of time in a question: a year after one is
// context, not what is asked.
var spanWords = toSet(strings.Fields(`since by before after until till from between through
с со до после начиная к бері дейін кейін бастап 自 从 以来 到 至`))

// writtenWhole reports whether the number w appears in s as written,
// not as part of a longer number or with separators ("2,000", "2 000").
func writtenWhole(s, w string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if !unicode.IsDigit(before) && !unicode.IsDigit(after) && !isSepAfterDigit(s[:i]) && !isSepBeforeDigit(s[i+len(w):]) {
			return true
		}
		off = i + len(w)
	}
}

// isSepAfterDigit reports whether s ends in a digit and a separator.
func isSepAfterDigit(s string) bool {
	sep, n := utf8.DecodeLastRuneInString(s)
	d, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return n > 0 && isNumberSep(sep) && unicode.IsDigit(d)
}

// isSepBeforeDigit reports whether s starts with a separator and a digit.
func isSepBeforeDigit(s string) bool {
	sep, n := utf8.DecodeRuneInString(s)
	d, _ := utf8.DecodeRuneInString(s[n:])
	return n > 0 && isNumberSep(sep) && unicode.IsDigit(d)
}

// coverage is the weighted share of units that fact i holds, and whether
// any of them is among what the fact is about rather than a word its text
// merely mentions.
func (ix *Index) coverage(lang string, units []unit, total float64, i int) (float64, bool) {
	if total == 0 {
		return 0, false
	}
	var got float64
	topical, missing := false, false
	for ui := range units {
		held, top := ix.holds(lang, &units[ui], i)
		if held {
			w := units[ui].weight
			if units[ui].near != nil || units[ui].nearNames != nil {
				// A match through a typo is less certain than one as
				// written: "invented" may be a slip for "invested", or not.
				w *= typoCredit
			}
			got += w
			topical = topical || top
		} else if units[ui].entity || ix.placeWords[units[ui].word] && units[ui].han == nil {
			missing = true
		}
	}
	cov := got / total
	if missing {
		// The question names a place, body or person this fact does
		// not mention: "How many people live in Almaty?" is not
		// answered by a fact about people that never names Almaty.
		cov *= missingEntity
	}
	return cov, topical
}

// holds reports whether fact i contains the unit, exactly, through a
// synonym, or within a typo's distance, and whether it is one of the
// terms the fact is about.
func (ix *Index) holds(lang string, u *unit, i int) (held, topical bool) {
	tl := textLang(lang, u)
	in := func(set map[string]bool, terms []string) bool {
		for _, t := range terms {
			if set[t] {
				return true
			}
			for _, s := range ix.syn[tl][t] {
				if set[s] {
					return true
				}
			}
		}
		return false
	}
	if u.han != nil {
		top := in(ix.terms[titleField("zh")][i], u.han) || in(ix.terms[fieldNames][i], u.han) || in(ix.topic["zh"][i], u.han)
		return top || in(ix.terms[bodyField("zh")][i], u.han), top
	}
	names, topic, body := ix.terms[fieldNames][i], ix.topic[tl][i], ix.terms[bodyField(tl)][i]
	switch {
	case in(names, u.names) || in(topic, u.terms) || in(topic, u.variants) || in(names, u.nearNames) || in(topic, u.near):
		return true, true
	case in(body, u.terms) || in(body, u.variants):
		// A typo match in the body alone does not count: "mayor" is
		// not the "major" of a sentence about something else.
		return true, false
	}
	return false, false
}

// query builds the bleve query for the units of a question: per word, a
// term query on the language's title and body and on the names field,
// widened to the knowledge base's terms within a typo's distance when
// the word is not found as written. Synonym sources expand each term.
// User text never reaches the query-string parser, so its punctuation
// cannot turn into operators.
func (ix *Index) query(lang string, units []unit) query.Query {
	var qs []query.Query
	tl := lang
	term := func(t, fld string, boost float64) {
		if !ix.mayMatch(tl, fld, t) {
			// A term no fact holds in the field, even through a synonym,
			// matches nothing: it would only cost a searcher. Dropping it
			// scales every score of the question alike.
			return
		}
		tq := bleve.NewTermQuery(t)
		tq.SetField(fld)
		tq.SetBoost(boost)
		qs = append(qs, tq)
	}
	for _, u := range units {
		tl = textLang(lang, &u)
		if u.han != nil {
			for _, bg := range u.han {
				term(bg, titleField("zh"), 2)
				term(bg, bodyField("zh"), 1)
				term(bg, fieldNames, 1)
			}
			continue
		}
		for _, t := range u.terms {
			term(t, titleField(tl), 1.5)
			term(t, bodyField(tl), 1)
		}
		for _, t := range u.variants {
			term(t, titleField(tl), 1.2)
			term(t, bodyField(tl), 0.8)
		}
		for _, t := range u.near {
			term(t, titleField(tl), 0.6)
			term(t, bodyField(tl), 0.4)
		}
		for _, t := range u.names {
			term(t, fieldNames, 1.5)
		}
		for _, t := range u.nearNames {
			term(t, fieldNames, 0.6)
		}
	}
	if len(qs) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// mayMatch reports whether some fact holds term t in field fld, as
// written or through one of its synonyms in language lang.
func (ix *Index) mayMatch(lang, fld, t string) bool {
	df := ix.df[fld]
	if df[t] > 0 {
		return true
	}
	for _, s := range ix.syn[lang][t] {
		if df[s] > 0 {
			return true
		}
	}
	return false
}

// namedIn returns the length in words of the longest of fact i's names
// (an alias or its project's name) that the question contains in full,
// or 0: "Khorgos" names the centre, while "Khorgos dry port" names the
// port. partly reports whether a word of the question is part of one of
// the names.
func (ix *Index) namedIn(i int, qwords []wordForms, qforms map[string]bool) (best int, partly bool) {
	for _, w := range qwords {
		if len(w[0]) > 2 && (ix.nameWords[i][w[0]] || ix.nameWords[i][w[1]] || ix.nameWords[i][w[2]]) {
			partly = true
			break
		}
	}
	if !partly {
		return 0, false
	}
	for _, name := range ix.names[i] {
		// qforms, every form of the question's words, rules out most
		// names at once.
		if len(name) <= best || len(name) > len(qwords) || !qforms[name[0]] {
			continue
		}
		for start := 0; start+len(name) <= len(qwords); start++ {
			if slices.EqualFunc(qwords[start:start+len(name)], name, wordForms.is) {
				best = max(best, len(name))
				break
			}
		}
	}
	return best, partly
}

// figureNamed reports whether the question's words qws name one of fact
// i's figures: every number of it as shown, and the word after its
// number too when that is its only number and a short one ("22
// billion" or "47 treaties", not "22"; "420,000" or "15 November 2022"
// as they are).
func (ix *Index) figureNamed(i int, qws []string) bool {
	for _, fig := range ix.figures[i] {
		var nums []string
		next := ""
		for k, w := range fig {
			if hasDigit(w) {
				nums = append(nums, w)
				if k+1 < len(fig) {
					next = fig[k+1]
				}
			}
		}
		if !allIn(nums, qws) {
			continue
		}
		if len(nums) >= 2 || utf8.RuneCountInString(nums[0]) >= 3 || next != "" && slices.Contains(qws, next) {
			return true
		}
	}
	return false
}

func allIn(ws, in []string) bool {
	for _, w := range ws {
		if !slices.Contains(in, w) {
			return false
		}
	}
	return true
}

func hasDigit(w string) bool { return strings.IndexFunc(w, unicode.IsDigit) >= 0 }

// wordForms is a question word as written and without its last one and
// two letters, so that an inflected form finds the name: Хоргосе is
// Хоргос, Қорғаста is Қорғас.
type wordForms [3]string

func formsOf(ws []string) []wordForms {
	out := make([]wordForms, len(ws))
	for i, w := range ws {
		out[i] = wordForms{w, trimEnd(w, 1), trimEnd(w, 2)}
	}
	return out
}

// is reports whether the question word is name word n.
func (f wordForms) is(n string) bool {
	return f[0] == n || f[1] == n || f[2] == n
}

// trimEnd drops the last k letters of w, or returns "" when fewer than
// four would remain.
func trimEnd(w string, k int) string {
	r := []rune(w)
	if len(r)-k < 4 {
		return ""
	}
	return string(r[:len(r)-k])
}
