package quiz

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// A ruNoun is a Russian noun phrase that follows numbers, in the forms
// numbers choose.
type ruNoun struct {
	one, few, many string // after 1, 2–4 and 5–20: "год", "года", "лет"
	genOne         string // genitive singular, after "более 21" and fractions
	fem            bool   // feminine: "одна", "две"
}

// ruNouns are the nouns the figures put after a number.
var ruNouns = []ruNoun{
	{one: "железная дорога", few: "железные дороги", many: "железных дорог", genOne: "железной дороги", fem: true},
	{one: "автомагистраль", few: "автомагистрали", many: "автомагистралей", genOne: "автомагистрали", fem: true},
	{one: "коридор", few: "коридора", many: "коридоров", genOne: "коридора"},
	{one: "договор", few: "договора", many: "договоров", genOne: "договора"},
	{one: "соглашение", few: "соглашения", many: "соглашений", genOne: "соглашения"},
	{one: "проект", few: "проекта", many: "проектов", genOne: "проекта"},
	{one: "страна", few: "страны", many: "стран", genOne: "страны", fem: true},
	{one: "год", few: "года", many: "лет", genOne: "года"},
	{one: "раз", few: "раза", many: "раз", genOne: "раза"},
	{one: "человек", few: "человека", many: "человек", genOne: "человека"},
}

// ruInvariant are words after a number whose form does not depend on it.
var ruInvariant = []string{"км", "т", "га", "кг", "млн", "млрд", "трлн", "тыс", "долл", "%"}

// ruGenitive are words before a number that put what follows in the
// genitive: "более 21 года", "более 30 лет".
var ruGenitive = []string{"более", "свыше", "около", "менее", "до", "от"}

// ruNounAt finds the noun of ruNouns that rest (the text after a number)
// starts with, after one space, and the length of the form found.
func ruNounAt(rest string) (ruNoun, int, bool) {
	word, ok := strings.CutPrefix(rest, " ")
	if !ok {
		return ruNoun{}, 0, false
	}
	lower := strings.ToLower(word)
	best, bestLen := ruNoun{}, 0
	for _, n := range ruNouns {
		for _, f := range []string{n.one, n.few, n.many, n.genOne} {
			if len(f) > bestLen && strings.HasPrefix(lower, f) && wordEnds(lower[len(f):]) {
				best, bestLen = n, len(f)
			}
		}
	}
	return best, bestLen, bestLen > 0
}

func wordEnds(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s == "" || !unicode.IsLetter(r)
}

// ruForm returns the plural form Russian uses after v.
func ruForm(v float64) plural.Form {
	if v != math.Trunc(v) || v > math.MaxInt32 {
		return plural.Other
	}
	return plural.Cardinal.MatchPlural(language.Russian, int(v), 0, 0, 0, 0)
}

// form returns the form of n that follows v; gen is set after a word
// that governs the genitive.
func (n ruNoun) form(v float64, gen bool) string {
	switch ruForm(v) {
	case plural.One:
		if gen {
			return n.genOne
		}
		return n.one
	case plural.Few:
		if gen {
			return n.many
		}
		return n.few
	case plural.Many:
		return n.many
	}
	return n.genOne
}

// ruAgree returns rest, the Russian text after a number that was old and
// is now v, with its noun in the form v needs. before is the text before
// the number.
func ruAgree(before, rest string, old, v float64, word bool) (string, error) {
	fields := strings.Fields(strings.ToLower(before))
	gen := len(fields) > 0 && containsString(ruGenitive, fields[len(fields)-1])
	if gen && word {
		return "", fmt.Errorf("number word after %q: %w", fields[len(fields)-1], errLocalize)
	}
	if noun, n, ok := ruNounAt(rest); ok {
		return " " + noun.form(v, gen) + rest[1+n:], nil
	}
	next, ok := strings.CutPrefix(rest, " ")
	if !ok || ruForm(old) == ruForm(v) {
		return rest, nil // "85%", "30-летие", or the same form
	}
	w := letters.FindString(next)
	if w == "" || !strings.HasPrefix(next, w) || containsString(ruInvariant, strings.ToLower(w)) {
		return rest, nil
	}
	return "", fmt.Errorf("no Russian forms of %q: %w", w, errLocalize)
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// kkSuffix returns rest, the Kazakh text after a number now v, with the
// case ending after its hyphen in the form v's last word needs: the
// ablative of 3 500 is "3 500-ден" (жүз), of 5 000 "5 000-нан" (мың).
func kkSuffix(rest string, v float64) (string, error) {
	m := kkEnding.FindStringSubmatch(rest)
	if m == nil {
		return rest, nil
	}
	var ending string
	switch last := kkLastWord(v); {
	case containsString(kkAblative, m[1]):
		ending = kkCase(last, "дан", "ден", "тан", "тен", "нан", "нен")
	case containsString(kkDative, m[1]):
		ending = kkCase(last, "ға", "ге", "қа", "ке", "ға", "ге")
	default:
		return "", fmt.Errorf("unknown Kazakh ending -%s: %w", m[1], errLocalize)
	}
	return "-" + ending + rest[len(m[0]):], nil
}

// kkLastWord is the last word of v read aloud in Kazakh, which decides
// the ending: 3 500 is "үш мың бес жүз", so "жүз".
func kkLastWord(v float64) string {
	if v != math.Trunc(v) {
		// "екі бүтін оннан бес": the last digit of the fraction.
		s := strconv.FormatFloat(v, 'f', -1, 64)
		return kkWords[s[len(s)-1]-'0']
	}
	tens := []string{"", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"}
	n := int64(v)
	switch {
	case n == 0:
		return kkWords[0]
	case n%10 != 0:
		return kkWords[n%10]
	case n%100 != 0:
		return tens[n/10%10]
	case n%1000 != 0:
		return "жүз"
	case n%1_000_000 != 0:
		return "мың"
	case n%1_000_000_000 != 0:
		return "миллион"
	}
	return "миллиард"
}

// kkCase picks the ending for word by vowel harmony and its last sound:
// after a vowel or a voiced consonant (back, front), after a voiceless
// one, after a nasal.
func kkCase(word, back, front, backHard, frontHard, backNasal, frontNasal string) string {
	isFront := false
	for _, r := range word {
		switch {
		case strings.ContainsRune("аоұы", r):
			isFront = false
		case strings.ContainsRune("әеөүі", r):
			isFront = true
		}
	}
	pick := func(b, f string) string {
		if isFront {
			return f
		}
		return b
	}
	last, _ := utf8.DecodeLastRuneInString(word)
	switch {
	case strings.ContainsRune("мнң", last):
		return pick(backNasal, frontNasal)
	case strings.ContainsRune("пфкқтсшщхһцчбвгғд", last):
		return pick(backHard, frontHard)
	}
	return pick(back, front)
}

// shareNames are the names of shares in each language, in the order of
// shares. Kazakh has a second list of possessive forms ("үштен екісі",
// two thirds of it), used when the answer is written that way.
var shareNames = map[string][]string{
	"ru":    {"одна десятая", "одна пятая", "четверть", "треть", "половина", "две трети", "три четверти", "девять десятых"},
	"kk":    {"оннан бір", "бестен бір", "төрттен бір", "үштен бір", "жарты", "үштен екі", "төрттен үш", "оннан тоғыз"},
	"kk-of": {"оннан бірі", "бестен бірі", "төрттен бірі", "үштен бірі", "жартысы", "үштен екісі", "төрттен үші", "оннан тоғызы"},
	"zh":    {"十分之一", "五分之一", "四分之一", "三分之一", "一半", "三分之二", "四分之三", "十分之九"},
}

// shareIn names the share v in lang, in the style of display.
func shareIn(lang, display string, v float64) (string, error) {
	names := shareNames[lang]
	if lang == "kk" && containsString(shareNames["kk-of"], strings.ToLower(display)) {
		names = shareNames["kk-of"]
	}
	for i, s := range shares {
		if math.Abs(s.value-v) < 1e-9 && i < len(names) {
			return names[i], nil
		}
	}
	return "", fmt.Errorf("no %s name for the share %v: %w", lang, v, errLocalize)
}

// trimText returns text if it fits in limit characters; else the first
// sentence that shows the figure's number, else as many whole sentences
// as fit, else text cut at a word (for Chinese, a comma or character)
// with an ellipsis.
func trimText(lang, text, display string, limit int) string {
	if utf8.RuneCountInString(text) <= limit {
		return text
	}
	ends := sentenceEnds(text)
	if digits := digitRun.FindString(display); digits != "" {
		start := 0
		for _, end := range ends {
			s := strings.TrimSpace(text[start:end])
			if strings.Contains(s, digits) && utf8.RuneCountInString(s) <= limit {
				return s
			}
			start = end
		}
	}
	fit := ""
	for _, end := range ends {
		if s := strings.TrimSpace(text[:end]); utf8.RuneCountInString(s) <= limit {
			fit = s
		}
	}
	if fit != "" {
		return fit
	}
	runes := []rune(text)[:limit-1]
	cut := len(runes)
	if lang == "zh" {
		for i := len(runes) - 1; i > limit/2; i-- {
			if strings.ContainsRune("，、；：", runes[i]) {
				cut = i
				break
			}
		}
	} else if i := lastIndexRune(runes, ' '); i > limit/2 {
		cut = i
	}
	return strings.TrimRight(string(runes[:cut]), " ,;:—–-，、；：") + "…"
}

func lastIndexRune(rs []rune, r rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == r {
			return i
		}
	}
	return -1
}

// sentenceEnds returns the byte offset after each sentence of text: after
// "。", "！" or "？", and after ".", "!" or "?" followed by a space and a
// capital, unless the stop ends a word of one or two letters, an
// abbreviation ("г.", "St."). Closing quotes stay with their sentence.
func sentenceEnds(text string) []int {
	var ends []int
	wordLen := 0
	for i, r := range text {
		end := -1
		switch {
		case strings.ContainsRune("。！？", r):
			end = i + utf8.RuneLen(r)
		case strings.ContainsRune(".!?", r):
			rest := text[i+1:]
			rest = strings.TrimLeft(rest, "»”\")")
			after := strings.TrimPrefix(rest, " ")
			next, _ := utf8.DecodeRuneInString(after)
			if len(after) < len(rest) && (unicode.IsUpper(next) || strings.ContainsRune("«“\"", next)) && (r != '.' || wordLen == 0 || wordLen > 2) {
				end = len(text) - len(rest)
			}
		}
		if unicode.IsLetter(r) {
			wordLen++
		} else {
			wordLen = 0
		}
		if end > 0 {
			for end < len(text) {
				q, size := utf8.DecodeRuneInString(text[end:])
				if !strings.ContainsRune("»”\")", q) {
					break
				}
				end += size
			}
			ends = append(ends, end)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] < len(text) {
		ends = append(ends, len(text))
	}
	return ends
}
