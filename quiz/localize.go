package quiz

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	xnumber "golang.org/x/text/number"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// Langs lists the languages the bank is translated into besides English:
// the knowledge base's others.
var Langs = knowledge.Langs[1:]

// errLocalize means a figure whose translated display cannot be varied:
// its number is missing, disagrees with the English, or is followed by a
// word whose form the generator does not know.
var errLocalize = errors.New("cannot write distractors in this language")

// localize writes a generated question's options and explanation in
// lang: the wrong values of alts in lang's words, with the fact's
// translated figure at pos, and the fact's translated text cut to fit.
// It reports false when base has no lang text or figure for the fact.
func localize(lang string, f *knowledge.Fact, fi int, alts []alt, pos int) (Text, bool, error) {
	loc, ok := f.I18n[lang]
	if !ok || loc.Text == "" || fi >= len(loc.Figures) || loc.Figures[fi] == "" {
		return Text{}, false, nil
	}
	display := f.FigureIn(lang, fi)
	wrong := make([]string, len(alts))
	for i, a := range alts {
		s, err := render(lang, f.Figures[fi], display, a.value)
		if err != nil {
			return Text{}, false, fmt.Errorf("figure %q: %w", display, err)
		}
		wrong[i] = capitalize(s)
	}
	return Text{
		Options:     place(wrong, capitalize(display), pos),
		Explanation: trimText(lang, loc.Text, display, MaxExplanationLen),
	}, true, nil
}

// render writes v in place of the figure's value in display, the
// figure's translated display in lang. v is what alt.value holds.
func render(lang string, fig knowledge.Figure, display string, v float64) (string, error) {
	switch fig.Kind {
	case knowledge.KindDate:
		loc := yearPattern.FindStringIndex(display)
		if loc == nil {
			return "", fmt.Errorf("no year: %w", errLocalize)
		}
		return display[:loc[0]] + strconv.Itoa(int(v)) + display[loc[1]:], nil
	case knowledge.KindShare:
		return shareIn(lang, display, v)
	}
	en, ok := findNumber(fig.Display)
	if !ok {
		return "", fmt.Errorf("no number in English %q: %w", fig.Display, errLocalize)
	}
	ln, ok := findLocalNumber(lang, display)
	if !ok {
		return "", fmt.Errorf("no number: %w", errLocalize)
	}
	want := en.value * en.scale
	if got := ln.value * ln.scale; math.Abs(got-want) > 1e-9*math.Max(1, want) {
		return "", fmt.Errorf("shows %v where English shows %v: %w", got, want, errLocalize)
	}
	return ln.replace(lang, display, v*en.scale)
}

// localNumber is the number in a translated display and how it is written.
type localNumber struct {
	start, end int     // bytes of the number in the display; in Chinese with its 万 or 亿
	value      float64 // as written, before scale: 3.6 in "более 3,6 млн"
	scale      float64 // what a following scale word multiplies by: 1e6 for "млн"; 1 if none
	zhScaled   bool    // Chinese, written with 万, 亿 or 万亿, which lie within start:end
	sep        string  // the thousands separator shown, or "" when none is
	ungrouped  bool    // four or more integer digits written without separators
	word       bool    // written as a word: "пять", "бес"
}

var (
	// cyrNumber is a number as Russian and Kazakh write it: "8 445",
	// "3,6", "420 000". The space may be a no-break space.
	cyrNumber = regexp.MustCompile(`\d{1,3}(?:[ \x{00A0}\x{202F}]\d{3})+(?:,\d+)?|\d+(?:,\d+)?`)
	cyrScale  = regexp.MustCompile(`^[ \x{00A0}](тыс\.|млн|млрд|трлн)`)
	zhNumber  = regexp.MustCompile(`\d+(?:\.\d+)?`)
	letters   = regexp.MustCompile(`\p{L}+`)
	digitRun  = regexp.MustCompile(`\d+`)

	cyrScales = map[string]float64{"тыс.": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12}
	// zhScales are Chinese number units, largest first.
	zhScales = []struct {
		unit  string
		value float64
	}{{"万亿", 1e12}, {"亿", 1e8}, {"万", 1e4}}
)

// Number words up to twelve. Russian one and two have a feminine form.
var (
	ruWords = []string{"ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять", "одиннадцать", "двенадцать"}
	ruFem   = map[int]string{1: "одна", 2: "две"}
	kkWords = []string{"нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз", "он", "он бір", "он екі"}
)

// findLocalNumber finds the first number in a display of lang.
func findLocalNumber(lang, display string) (localNumber, bool) {
	if lang == "zh" {
		loc := zhNumber.FindStringIndex(display)
		if loc == nil {
			return localNumber{}, false
		}
		v, err := strconv.ParseFloat(display[loc[0]:loc[1]], 64)
		if err != nil {
			return localNumber{}, false
		}
		n := localNumber{start: loc[0], end: loc[1], value: v, scale: 1}
		for _, s := range zhScales {
			if strings.HasPrefix(display[loc[1]:], s.unit) {
				n.end += len(s.unit)
				n.scale, n.zhScaled = s.value, true
				break
			}
		}
		return n, true
	}
	if loc := cyrNumber.FindStringIndex(display); loc != nil {
		s := display[loc[0]:loc[1]]
		n := localNumber{start: loc[0], end: loc[1], scale: 1}
		plain := s
		for _, sep := range []string{" ", "\u00a0", "\u202f"} {
			if strings.Contains(s, sep) {
				n.sep = sep
				plain = strings.ReplaceAll(plain, sep, "")
			}
		}
		intPart, _, _ := strings.Cut(plain, ",")
		n.ungrouped = n.sep == "" && len(intPart) >= 4
		v, err := strconv.ParseFloat(strings.Replace(plain, ",", ".", 1), 64)
		if err != nil {
			return localNumber{}, false
		}
		n.value = v
		if m := cyrScale.FindStringSubmatch(display[loc[1]:]); m != nil {
			n.scale = cyrScales[m[1]]
		}
		return n, true
	}
	words := ruWords
	if lang == "kk" {
		words = kkWords
	}
	for _, loc := range letters.FindAllStringIndex(display, -1) {
		w := strings.ToLower(display[loc[0]:loc[1]])
		for v, nw := range words {
			if nw == w || ruFem[v] == w {
				n := localNumber{start: loc[0], end: loc[1], value: float64(v), scale: 1, word: true}
				// Kazakh eleven and twelve are two words: "он бір".
				if lang == "kk" && v == 10 {
					for k := 11; k <= 12; k++ {
						if rest := strings.ToLower(display[loc[1]:]); strings.HasPrefix(rest, " "+words[k][len("он "):]) {
							n.end, n.value = loc[0]+len(words[k]), float64(k)
						}
					}
				}
				return n, true
			}
		}
	}
	return localNumber{}, false
}

// replace writes abs (the whole value, scale included) in place of n in
// display, with the words after it agreeing with the new number.
func (n localNumber) replace(lang, display string, abs float64) (string, error) {
	v := clean(abs / n.scale)
	rest := display[n.end:]
	var s string
	switch {
	case n.zhScaled:
		s = zhWithUnit(abs)
	case n.word && v == math.Trunc(v) && v >= 1 && v <= 12:
		s = numberWord(lang, int(v), rest)
	default:
		s = formatNumber(lang, v, n.sep, n.ungrouped)
	}
	if n.scale == 1 {
		var err error
		switch lang {
		case "ru":
			rest, err = ruAgree(display[:n.start], rest, n.value, v, n.word)
		case "kk":
			rest, err = kkSuffix(rest, v)
		}
		if err != nil {
			return "", err
		}
	}
	return display[:n.start] + s + rest, nil
}

// clean drops the float noise of a division: 2.7000000000000002 is 2.7.
func clean(v float64) float64 {
	c, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err != nil {
		return v
	}
	return c
}

// formatNumber writes v with lang's decimal mark and, unless ungrouped,
// thousands separators: "8 445", "3,6" in Russian; "8445" in Chinese.
// sep replaces the locale's separator, so that options look like the
// answer; empty means a plain space.
func formatNumber(lang string, v float64, sep string, ungrouped bool) string {
	decimals := 0
	if _, frac, ok := strings.Cut(strconv.FormatFloat(v, 'f', -1, 64), "."); ok {
		decimals = len(frac)
	}
	opts := []xnumber.Option{xnumber.MinFractionDigits(decimals), xnumber.MaxFractionDigits(decimals)}
	if ungrouped || lang == "zh" {
		opts = append(opts, xnumber.NoSeparator())
	}
	s := message.NewPrinter(language.Make(lang)).Sprint(xnumber.Decimal(v, opts...))
	if sep == "" {
		sep = " "
	}
	return strings.NewReplacer("\u00a0", sep, "\u202f", sep).Replace(s)
}

// zhWithUnit writes abs with the largest Chinese unit it reaches:
// 3.6e6 is "360万", 5e11 is "5000亿", 1e12 is "1万亿".
func zhWithUnit(abs float64) string {
	for _, u := range zhScales {
		if abs >= u.value {
			return formatNumber("zh", clean(abs/u.value), "", true) + u.unit
		}
	}
	return formatNumber("zh", abs, "", true)
}

// numberWord writes v (1 to 12) as a word in lang; in Russian, one and
// two take the gender of the noun that starts rest.
func numberWord(lang string, v int, rest string) string {
	if lang == "kk" {
		return kkWords[v]
	}
	if w, ok := ruFem[v]; ok {
		if noun, _, ok := ruNounAt(rest); ok && noun.fem {
			return w
		}
	}
	return ruWords[v]
}

// Kazakh case endings a number can take after a hyphen: "3 500-ден".
var (
	kkAblative = []string{"дан", "ден", "тан", "тен", "нан", "нен"}
	kkDative   = []string{"ға", "ге", "қа", "ке"}
	kkEnding   = regexp.MustCompile(`^-(\p{L}+)`)
)
