package index

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// lexicon is the knowledge base's word lists, ready for reading
// questions. Kazakh entries are folded, so that they match however
// Kazakh is typed.
type lexicon struct {
	question      map[string]map[string]bool // per language: words that frame a question
	interrogative map[string]bool            // the words that ask, every language
	common        map[string]bool            // everyday words, every language
	number        map[string]bool            // numbers in words, every language
	span          map[string]bool            // words that open a span of time
	intents       map[string][]intentCues    // per language, in order of precedence
	cues          map[string]map[string][]string
	months        map[string][]monthName // per language
	scales        []scaleWord
	units         map[string]string // a unit word -> figure unit ("km", "percent", "usd")
	categories    map[string]map[string][]string
	smalltalk     map[string]map[string][]string   // per language: kind -> phrases
	smalltalkKeys map[string][]string              // per language: the kinds in file order
	talkPhrases   map[string][]string              // per language: every small-talk phrase
	talkWords     map[string]map[string][][]string // per language and first word: the words of each of talkPhrases
	botNames      []string                         // what people call the bot ("bot", "бот")
}

// intentCues are the phrases that ask for one intent.
type intentCues struct {
	intent Intent
	cues   []string
}

// monthName is a month's number and a stem its names begin with.
type monthName struct {
	n    int
	stem string
}

// scaleWord multiplies the number before it: "22 billion".
type scaleWord struct {
	word   string
	factor float64
}

func newLexicon(lx *knowledge.Lexicon, kk *kazakh) *lexicon {
	l := &lexicon{
		question:      map[string]map[string]bool{},
		interrogative: map[string]bool{},
		common:        map[string]bool{},
		number:        map[string]bool{},
		span:          map[string]bool{},
		intents:       map[string][]intentCues{},
		cues:          map[string]map[string][]string{},
		months:        map[string][]monthName{},
		units:         map[string]string{},
		categories:    map[string]map[string][]string{},
		smalltalk:     map[string]map[string][]string{},
		smalltalkKeys: map[string][]string{},
		talkPhrases:   map[string][]string{},
		talkWords:     map[string]map[string][][]string{},
	}
	norm := func(lang, w string) string {
		if lang == "kk" {
			return kk.folded(w)
		}
		return w
	}
	for _, lang := range knowledge.Langs {
		set := map[string]bool{}
		for _, w := range lx.Words("question", lang) {
			set[norm(lang, w)] = true
		}
		l.question[lang] = set
		for _, p := range []struct {
			purpose string
			into    map[string]bool
		}{{"interrogative", l.interrogative}, {"common", l.common}, {"number", l.number}, {"span", l.span}} {
			for _, w := range lx.Words(p.purpose, lang) {
				p.into[norm(lang, w)] = true
			}
		}
		cues, keys := lx.Keyed("intent", lang)
		for _, k := range keys {
			ic := intentCues{intent: Intent(k)}
			for _, c := range cues[k] {
				ic.cues = append(ic.cues, norm(lang, c))
			}
			l.intents[lang] = append(l.intents[lang], ic)
		}
		kinds, _ := lx.Keyed("cue", lang)
		for k, cs := range kinds {
			for i := range cs {
				cs[i] = norm(lang, cs[i])
			}
			kinds[k] = cs
		}
		l.cues[lang] = kinds
		months, keys := lx.Keyed("month", lang)
		for _, k := range keys {
			n, _ := strconv.Atoi(k)
			for _, s := range months[k] {
				l.months[lang] = append(l.months[lang], monthName{n, norm(lang, s)})
			}
		}
		cats, _ := lx.Keyed("category", lang)
		for _, ws := range cats {
			for i := range ws {
				ws[i] = norm(lang, ws[i])
			}
		}
		l.categories[lang] = cats
		talk, keys := lx.Keyed("smalltalk", lang)
		for k, ps := range talk {
			for i := range ps {
				ps[i] = norm(lang, ps[i])
			}
			talk[k] = ps
			l.talkPhrases[lang] = append(l.talkPhrases[lang], ps...)
			for _, p := range ps {
				if w := strings.Fields(p); len(w) > 0 {
					if l.talkWords[lang] == nil {
						l.talkWords[lang] = map[string][][]string{}
					}
					l.talkWords[lang][w[0]] = append(l.talkWords[lang][w[0]], w)
				}
			}
		}
		l.smalltalk[lang], l.smalltalkKeys[lang] = talk, keys
	}
	l.botNames = lx.Words("botname", "all")
	scales, keys := lx.Keyed("scale", "all")
	for _, k := range keys {
		f, err := strconv.ParseFloat(k, 64)
		if err != nil {
			continue
		}
		for _, w := range scales[k] {
			l.scales = append(l.scales, scaleWord{w, f})
		}
	}
	units, keys := lx.Keyed("unit", "all")
	for _, k := range keys {
		for _, w := range units[k] {
			l.units[w] = k
		}
	}
	return l
}

// hasCue reports whether the question q (lower case, Kazakh folded)
// holds one of the cues of kind in lang: at a word start and ending at a
// word end, or anywhere in Chinese.
func (l *lexicon) hasCue(lang, kind, q string) bool {
	return cueIn(q, lang, l.cues[lang][kind]) != ""
}

// cueIn returns the first of cues that q holds, or "".
func cueIn(q, lang string, cues []string) string {
	for _, c := range cues {
		if lang == "zh" {
			if strings.Contains(q, c) {
				return c
			}
			continue
		}
		if strings.Contains(c, "*") {
			if gapped(q, c) {
				return c
			}
			continue
		}
		if wordsAt(q, c) {
			return c
		}
	}
	return ""
}

// maxGap is how many words a "*" in a cue stands for at most.
const maxGap = 5

// gapped reports whether q holds cue c, whose "*" stands for one to
// maxGap words: "what has * done" holds "what has huawei done".
func gapped(q, c string) bool {
	parts := strings.Split(c, "*")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	ws := strings.FieldsFunc(q, func(r rune) bool { return !isWordRune(r) })
	s := " " + strings.Join(ws, " ") + " "
	for off := 0; ; {
		i := strings.Index(s[off:], " "+parts[0]+" ")
		if i < 0 {
			return false
		}
		start := off + i + len(parts[0]) + 2
		if gapFrom(s[start:], parts[1:]) {
			return true
		}
		off += i + 1
	}
}

// gapFrom reports whether s, after a gap of one to maxGap words, holds
// parts in order, each after such a gap.
func gapFrom(s string, parts []string) bool {
	if len(parts) == 0 {
		return true
	}
	ws := strings.Fields(s)
	pw := strings.Fields(parts[0])
	for skip := 1; skip <= maxGap && skip+len(pw) <= len(ws); skip++ {
		if strings.Join(ws[skip:skip+len(pw)], " ") == parts[0] {
			return gapFrom(strings.Join(ws[skip+len(pw):], " ")+" ", parts[1:])
		}
	}
	return false
}

// wordsAt reports whether phrase p appears in s beginning at a word
// start and ending at a word end.
func wordsAt(s, p string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], p)
		if i < 0 {
			return false
		}
		i += off
		if wordStart(s, i) && wordEnd(s, i+len(p)) {
			return true
		}
		off = i + 1
	}
}

// stemAt reports whether some word of s begins with stem.
func stemAt(s, stem string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], stem)
		if i < 0 {
			return false
		}
		i += off
		if wordStart(s, i) {
			return true
		}
		off = i + 1
	}
}

// wordStart reports whether no letter or digit comes just before byte i
// of s; wordEnd whether none comes at i.
func wordStart(s string, i int) bool {
	r, n := utf8.DecodeLastRuneInString(s[:i])
	return n == 0 || !isWordRune(r)
}

func wordEnd(s string, i int) bool {
	r, n := utf8.DecodeRuneInString(s[i:])
	return n == 0 || !isWordRune(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' }

// Category returns the category of the knowledge base that text names
// (a topic name in a command: "trade", "сауда", "торговля", "贸易"), and
// the language whose word named it; false when it names none. Only
// text made of the category's words counts: "energy" names energy, "the
// energy of Almaty" does not.
func (ix *Index) Category(text string) (knowledge.Category, string, bool) {
	t := strings.ToLower(strings.TrimSpace(text))
	if t == "" {
		return "", "", false
	}
	for _, lang := range knowledge.Langs {
		q := t
		if lang == "kk" {
			q = ix.kk.folded(latinAsCyrillic(ix.kk, t))
		}
		for _, c := range knowledge.Categories {
			cat := string(c)
			for _, w := range ix.lex.categories[lang][cat] {
				match := false
				switch lang {
				case "zh":
					match = strings.HasPrefix(q, w) && len(q) <= len(w)+6
				case "en":
					match = q == w
				default:
					// A stem: the word and its endings, alone.
					match = strings.HasPrefix(q, w) && !strings.ContainsRune(q, ' ') == !strings.ContainsRune(w, ' ')
				}
				if match {
					return knowledge.Category(cat), lang, true
				}
			}
		}
	}
	return "", "", false
}
