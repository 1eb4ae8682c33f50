package index

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// kazakh is what reads and tells Kazakh, built from the lexicon: how its
// letters fold, how its Latin spellings read, which endings the stemmer
// strips, its stop words and the words that mark it.
type kazakh struct {
	fold *strings.Replacer
	// letters folds only the letters Kazakh has and Russian lacks, for
	// telling the languages apart: fold makes Қытай and Китай one word.
	letters *strings.Replacer
	latin   []latinRule // longest spelling first
	// byFirst holds latin's rules by their first byte, in latin's order:
	// cyrillic runs on every Latin word of every message.
	byFirst [256][]latinRule
	endings [][]string // folded, group by group, longest first
	stop    map[string]bool
	markers map[string]bool // Kazakh letters folded (letters)
	// latinMarkers are the markers fully folded (fold): Latin spellings
	// do not tell ы from і or и ("turaly" is туралы).
	latinMarkers map[string]bool
	suffix       []string        // folded endings that mark a Kazakh word
	english      map[string]bool // English question words, which Latin Kazakh lacks
}

// latinRule reads one Latin spelling as folded Cyrillic.
type latinRule struct {
	latin string
	cyr   string
}

// kkStemLen is how many letters of a Kazakh word are kept after its
// endings are stripped. Cutting long words to a fixed length makes
// forms that the light stripper handles differently meet again:
// Қазақстан and Қазақстанда both become казакс.
const kkStemLen = 6

func newKazakh(lx *knowledge.Lexicon) *kazakh {
	k := &kazakh{}
	folds, keys := lx.Keyed("fold", "kk")
	var pairs, kkOnly []string
	for _, to := range keys {
		for _, from := range folds[to] {
			pairs = append(pairs, from, to)
			if up := strings.ToUpper(from); up != from {
				pairs = append(pairs, up, to)
			}
			if strings.Contains(kazakhLetters, from) {
				kkOnly = append(kkOnly, from, to, strings.ToUpper(from), to)
			}
		}
	}
	k.fold = strings.NewReplacer(pairs...)
	k.letters = strings.NewReplacer(kkOnly...)
	spell, keys := lx.Keyed("latin", "kk")
	for _, cyr := range keys {
		for _, l := range spell[cyr] {
			if l == "" {
				continue // would match everywhere
			}
			k.latin = append(k.latin, latinRule{l, cyr})
		}
	}
	slices.SortStableFunc(k.latin, func(a, b latinRule) int {
		return cmp.Compare(utf8.RuneCountInString(b.latin), utf8.RuneCountInString(a.latin))
	})
	for _, r := range k.latin {
		k.byFirst[r.latin[0]] = append(k.byFirst[r.latin[0]], r)
	}
	groups, keys := lx.Keyed("endings", "kk")
	for _, g := range keys {
		var es []string
		for _, e := range groups[g] {
			es = append(es, k.fold.Replace(e))
		}
		slices.SortStableFunc(es, func(a, b string) int {
			return cmp.Compare(utf8.RuneCountInString(b), utf8.RuneCountInString(a))
		})
		k.endings = append(k.endings, es)
	}
	k.stop = map[string]bool{}
	for _, w := range lx.Words("stop", "kk") {
		k.stop[k.fold.Replace(w)] = true
	}
	k.english = lx.Set("question", "en")
	k.markers, k.latinMarkers = map[string]bool{}, map[string]bool{}
	for _, w := range lx.Words("marker", "kk") {
		k.markers[k.letters.Replace(w)] = true
		k.latinMarkers[k.fold.Replace(w)] = true
	}
	for _, e := range lx.Words("marker-ending", "kk") {
		k.suffix = append(k.suffix, k.letters.Replace(e))
	}
	return k
}

// folded is w in lower case with Kazakh letters folded: Қорғас is коргас.
func (k *kazakh) folded(w string) string { return k.fold.Replace(strings.ToLower(w)) }

// cyrillic reads a lower-case Latin word as folded Cyrillic Kazakh:
// "qorgasta" is коргаста. Words with other letters are returned as they
// are.
func (k *kazakh) cyrillic(w string) string {
	if !isLatin(w) {
		return w
	}
	var b strings.Builder
	for i := 0; i < len(w); {
		matched := false
		for _, r := range k.byFirst[w[i]] {
			if strings.HasPrefix(w[i:], r.latin) {
				b.WriteString(r.cyr)
				i += len(r.latin)
				matched = true
				break
			}
		}
		if !matched {
			r, n := utf8.DecodeRuneInString(w[i:])
			if !unicode.Is(unicode.Mn, r) {
				b.WriteRune(r)
			}
			i += n
		}
	}
	return b.String()
}

// isLatin reports whether w has a letter and every letter is Latin.
func isLatin(w string) bool {
	letter := false
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letter = true
		}
	}
	return letter
}

// stem maps a lower-case Kazakh word to a stem shared by its inflected
// forms, so that Қорғасқа and Қорғаста find Қорғас. Documents and
// questions go through the same function, so stems only have to agree
// with each other, not be linguistically exact. Stems are folded, so
// that a word typed without Kazakh letters (Коргаста) or in Latin
// (Qorgasta) finds the same stem.
func (k *kazakh) stem(w string) string {
	w = k.fold.Replace(k.cyrillic(w))
	for _, group := range k.endings {
		n := utf8.RuneCountInString(w)
		for _, s := range group {
			if strings.HasSuffix(w, s) && n-utf8.RuneCountInString(s) >= 2 {
				w = strings.TrimSuffix(w, s)
				break
			}
		}
	}
	// ғ/қ (folded г/к) alternate before a vowel: жолдағы, ұзындығы.
	if strings.HasSuffix(w, "г") {
		w = strings.TrimSuffix(w, "г") + "к"
	}
	if r := []rune(w); len(r) > kkStemLen {
		w = string(r[:kkStemLen])
	}
	return w
}

// hasEnglish reports whether text holds one of the English words that
// frame a question ("what", "how", "the").
func (k *kazakh) hasEnglish(text string) bool {
	for w := range strings.FieldsFuncSeq(strings.ToLower(text), notLetter) {
		if k.english[w] {
			return true
		}
	}
	return false
}

// evidence counts the signs in text that it is Kazakh rather than
// Russian or English: words the lexicon marks as Kazakh, as written,
// typed without Kazakh letters or in Latin, and, for Cyrillic, endings
// only Kazakh has. Latin words count as words only when at least four
// letters long once read as Cyrillic, since short Kazakh words ("ma",
// "men") are also English, and by their endings only when six.
func (k *kazakh) evidence(text string) (markers, endings int) {
	for w := range strings.FieldsFuncSeq(strings.ToLower(text), notLetter) {
		if isLatin(w) {
			f := k.fold.Replace(k.cyrillic(w))
			switch n := utf8.RuneCountInString(f); {
			case k.latinMarkers[f] && n >= 4:
				markers++
			case n >= 6 && k.kazakhEnding(f):
				endings++
			}
			continue
		}
		f := k.letters.Replace(w)
		if k.markers[f] {
			markers++
			continue
		}
		if k.kazakhEnding(f) {
			endings++
		}
	}
	return markers, endings
}

// kazakhEnding reports whether folded word f ends with an ending only
// Kazakh has, after a stem of at least three letters.
func (k *kazakh) kazakhEnding(f string) bool {
	for _, s := range k.suffix {
		if strings.HasSuffix(f, s) && utf8.RuneCountInString(f) > utf8.RuneCountInString(s)+2 {
			return true
		}
	}
	return false
}

// withoutParticle returns Latin text without its last word when that
// is Kazakh's question particle ("saldy ma?", "keldi me"), and whether
// it was: English does not end a question with "ma", and a question
// that ends with "me" ("can you tell me") has other English words.
func withoutParticle(text string) (string, bool) {
	t := strings.TrimRight(strings.ToLower(text), " ?!.")
	i := strings.LastIndexFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	switch t[i+1:] {
	case "ma", "me", "ba", "be", "pa", "pe":
		// A word of its own: the "ba" that ends a code like "9P54BA" is none.
		if i >= 0 && unicode.IsSpace(rune(t[i])) {
			return t[:i], true
		}
	}
	return text, false
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// kazakhLetters are the Cyrillic letters Kazakh has and Russian lacks.
const kazakhLetters = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"

// kazakhLatin are letters of the Kazakh Latin alphabets (2018 and 2021)
// that English lacks.
const kazakhLatin = "äğıñöşçūüáǵńóúýÄĞÑÖŞÇŪÜÁǴŃÓÚÝ"

// detect guesses the language of text: Han characters mean Chinese;
// Kazakh letters, or Kazakh words and endings, mean Kazakh, in Cyrillic
// or Latin; other Cyrillic means Russian, other Latin English. It
// returns "" when the text has no letters at all.
func (k *kazakh) detect(text string) string {
	var cyr, han, kkLetters, latin, kkLatin int
	for _, r := range text {
		switch {
		case strings.ContainsRune(kazakhLetters, r):
			kkLetters++
			cyr++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Han, r):
			han++
		case strings.ContainsRune(kazakhLatin, r):
			kkLatin++
			latin++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	switch {
	case han > 0 && han*2 >= cyr && han >= latin/4:
		return "zh"
	case kkLetters > 0:
		return "kk"
	case cyr > 0 && cyr >= latin/2:
		if m, e := k.evidence(text); m > 0 || e >= 2 {
			return "kk"
		}
		return "ru"
	case latin > 0:
		if kkLatin > 0 {
			return "kk"
		}
		// Kazakh words, and no English one: "Kompozitor filmi kim
		// turaly?" is Kazakh, "how many shops in Kazakstan?" is not.
		// (The English check goes first: it is the cheaper.)
		// A final particle is read as Kazakh, not as English "me".
		body, particle := withoutParticle(text)
		if !k.hasEnglish(body) {
			if m, e := k.evidence(text); m > 0 || e >= 2 || particle {
				return "kk"
			}
		}
		return "en"
	}
	return ""
}

var (
	defaultKazakh     *kazakh
	defaultKazakhOnce sync.Once
)

// DetectLang guesses the language of text ("en", "ru", "kk" or "zh")
// with the embedded lexicon: Han characters mean Chinese; Kazakh
// letters, or Kazakh words and endings in Cyrillic or Latin, mean
// Kazakh; other Cyrillic means Russian; other Latin English. It returns
// "" when the text has no letters at all.
func DetectLang(text string) string {
	defaultKazakhOnce.Do(func() {
		lx := &knowledge.Lexicon{}
		if base, err := knowledge.Default(); err == nil {
			lx = base.Lexicon
		}
		defaultKazakh = newKazakh(lx)
	})
	return defaultKazakh.detect(text)
}

// DetectLang is the package's DetectLang with the index's own lexicon.
func (ix *Index) DetectLang(text string) string { return ix.kk.detect(text) }

// Names of the Kazakh analysis parts registered with bleve.
const (
	kkAnalyzer     = "kk"
	kkFoldAnalyzer = "kk_fold" // folds and reads Latin, no stems, no stop words
	kkFilterName   = "kk_fold_stem"
)

// kkFilter folds, reads Latin as Cyrillic, drops stop words and stems
// Kazakh tokens. Its kazakh comes from the mapping's configuration, so
// that each index uses its own lexicon.
type kkFilter struct {
	k        *kazakh
	foldOnly bool // only fold and read Latin: the words as typed, for typos
}

func (f kkFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0]
	for _, tok := range in {
		if tok.KeyWord {
			out = append(out, tok)
			continue
		}
		w := f.k.fold.Replace(f.k.cyrillic(string(tok.Term)))
		if f.foldOnly {
			tok.Term = []byte(w)
			out = append(out, tok)
			continue
		}
		if f.k.stop[w] {
			continue
		}
		tok.Term = []byte(f.k.stem(w))
		out = append(out, tok)
	}
	return out
}

// kazakhs holds the kazakh of each index being built, by key, for the
// filter constructor bleve calls with the mapping's configuration.
var kazakhs sync.Map // string -> *kazakh

func init() {
	registry.RegisterTokenFilter(kkFilterName, func(config map[string]interface{}, _ *registry.Cache) (analysis.TokenFilter, error) {
		key, _ := config["lexicon"].(string)
		k, ok := kazakhs.Load(key)
		if !ok {
			return nil, errUnknownLexicon
		}
		fold, _ := config["fold"].(bool)
		return kkFilter{k: k.(*kazakh), foldOnly: fold}, nil
	})
}
