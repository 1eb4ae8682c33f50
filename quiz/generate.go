package quiz

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// A Stem is the hand-written wording of a question about one figure of a
// fact. Generate fills in the options: the figure as the answer and
// distractors of the same kind and magnitude.
type Stem struct {
	Fact       string     `json:"fact"`
	Figure     int        `json:"figure"` // index into the fact's Figures
	Difficulty Difficulty `json:"difficulty"`
	Question   string     `json:"question"`
	// I18n holds the question text in other languages, keyed by code.
	I18n map[string]string `json:"i18n,omitempty"`
}

// distractorCount is how many wrong options a generated question has.
const distractorCount = 3

// Generate makes one question for each stem from the figure it names.
// The correct option is the figure's Display; the explanation is the
// fact's first sentence (or its title when that is too long).
func Generate(base *knowledge.Base, stems []Stem) ([]Question, error) {
	var out []Question
	var errs []error
	for _, s := range stems {
		q, err := generate(base, s)
		if err != nil {
			errs = append(errs, fmt.Errorf("figure %s/%d: %w", s.Fact, s.Figure, err))
			continue
		}
		out = append(out, q)
	}
	return out, errors.Join(errs...)
}

func generate(base *knowledge.Base, s Stem) (Question, error) {
	f, ok := base.Fact(s.Fact)
	if !ok {
		return Question{}, fmt.Errorf("unknown fact %q", s.Fact)
	}
	if s.Figure < 0 || s.Figure >= len(f.Figures) {
		return Question{}, fmt.Errorf("fact %q has no figure %d", s.Fact, s.Figure)
	}
	fig := f.Figures[s.Figure]
	id := fmt.Sprintf("fig-%s-%d", f.ID, s.Figure)
	alts, err := distractors(fig, distractorCount, seedOf(id), latestYear(base))
	if err != nil {
		return Question{}, err
	}
	// Place the answer among the distractors by the seed too, so the
	// exported bank does not always put it first.
	pos := int(seedOf(id+"/pos") % uint64(len(alts)+1))
	wrong := make([]string, len(alts))
	for i, a := range alts {
		wrong[i] = a.en
	}
	q := Question{
		ID:          id,
		Category:    f.Category,
		Difficulty:  s.Difficulty,
		Question:    s.Question,
		Options:     place(wrong, capitalize(fig.Display), pos),
		Correct:     pos,
		Explanation: explain(f, fig),
		FactIDs:     []string{f.ID},
	}
	var errs []error
	for _, lang := range Langs {
		text, ok := s.I18n[lang]
		if !ok {
			continue
		}
		t, ok, err := localize(lang, f, s.Figure, alts, pos)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", lang, err))
			continue
		}
		if !ok {
			continue // the knowledge base has no such translation of the fact
		}
		t.Question = text
		if q.I18n == nil {
			q.I18n = map[string]Text{}
		}
		q.I18n[lang] = t
	}
	return q, errors.Join(errs...)
}

// place returns wrong with answer inserted at index pos.
func place(wrong []string, answer string, pos int) []string {
	opts := make([]string, 0, len(wrong)+1)
	opts = append(opts, wrong[:pos]...)
	opts = append(opts, answer)
	return append(opts, wrong[pos:]...)
}

// explain states the fact in at most MaxExplanationLen characters: its
// whole text when short enough, else the first sentence that shows the
// figure, else its title.
func explain(f *knowledge.Fact, fig knowledge.Figure) string {
	if utf8.RuneCountInString(f.Text) <= MaxExplanationLen {
		return f.Text
	}
	shown := fig.Display
	if tok, ok := findNumber(fig.Display); ok {
		shown = fig.Display[tok.start:tok.end]
	} else if loc := yearPattern.FindStringIndex(fig.Display); loc != nil {
		shown = fig.Display[loc[0]:loc[1]]
	}
	for _, s := range sentences(f.Text) {
		if strings.Contains(s, shown) && utf8.RuneCountInString(s) <= MaxExplanationLen {
			return s
		}
	}
	return f.Title
}

// sentences splits text after ". " when the next word starts with a
// capital and the word before the stop is not a short abbreviation
// such as "St." or "B.".
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(text); i++ {
		if text[i] != '.' || text[i+1] != ' ' || !unicode.IsUpper(rune(text[i+2])) {
			continue
		}
		word := text[strings.LastIndexByte(text[:i], ' ')+1 : i]
		if len(word) <= 2 {
			continue
		}
		out = append(out, text[start:i+1])
		start = i + 2
	}
	return append(out, text[start:])
}

// latestYear is the last year any fact of base is dated in: distractor
// years do not go past it (or past the answer), so no option names a year
// the source could not have reported.
func latestYear(base *knowledge.Base) int {
	latest := 0
	for i := range base.Facts {
		if base.Facts[i].Date == "" {
			continue
		}
		if _, to, err := knowledge.ParsePeriod(base.Facts[i].Date); err == nil {
			latest = max(latest, to.Year())
		}
	}
	return latest
}

func seedOf(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// ErrNoDistractors means a figure cannot be turned into a question:
// there are not enough plausible wrong values of its kind.
var ErrNoDistractors = errors.New("not enough plausible distractors")

// Distractors returns n wrong answers for fig, formatted like its
// Display: the same kind of number, of a similar magnitude, rounded to
// a similar precision, each different from the answer and from each
// other. The same seed gives the same distractors.
//
//   - years move back by one to five years, or forward by up to three;
//   - percentages move by 5 to 30 points and stay between 1 and 99;
//   - shares are other common fractions;
//   - small counts (twelve or fewer) move by one to four;
//   - other numbers are scaled by an uneven factor and written in the
//     answer's shape (see fairValues).
func Distractors(fig knowledge.Figure, n int, seed uint64) ([]string, error) {
	alts, err := distractors(fig, n, seed, 0)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(alts))
	for i, a := range alts {
		out[i] = a.en
	}
	return out, nil
}

// An alt is one wrong answer: the value that replaces the figure's, and
// how it reads in English. Other languages write value in their own
// words (see localize), so every language offers the same wrong values.
type alt struct {
	// value is a year for a date, a fraction for a share, else the number
	// as the English display writes it: 1.8 for "over 1.8 million".
	value float64
	en    string
}

// distractors is Distractors with no year later than maxYear (or the
// answer's year, if later); maxYear 0 means no limit.
func distractors(fig knowledge.Figure, n int, seed uint64, maxYear int) ([]alt, error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	switch fig.Kind {
	case knowledge.KindDate:
		return yearDistractors(fig, n, rng, maxYear)
	case knowledge.KindShare:
		return shareDistractors(fig, n, rng)
	}
	tok, ok := findNumber(fig.Display)
	if !ok {
		return nil, fmt.Errorf("display %q: no number to vary: %w", fig.Display, ErrNoDistractors)
	}
	var cands []float64
	switch {
	case fig.Kind == knowledge.KindPercent:
		// Whole tens move by tens, so that 40% is not told from 35%;
		// others by fives.
		steps := []float64{-30, -20, -10, 10, 20, 30, -40, 40}
		if int(tok.value)%10 != 0 {
			steps = []float64{-30, -20, -10, 10, 20, -15, 15, -25, 25, -5, 5}
		}
		for _, d := range shuffled(rng, steps) {
			if v := tok.value + d; v >= 1 && v <= 99 && lastClass(int(v)%10) == lastClass(int(tok.value)%10) {
				cands = append(cands, v)
			}
		}
	case tok.value <= 12 && tok.decimals == 0 && !tok.scaled:
		for _, d := range shuffled(rng, []float64{-1, 1, -2, 2, 3, -3, 4, -4}) {
			// Keep plural answers plural: "five railways" never becomes "one railways".
			if v := tok.value + d; v >= min(2, tok.value) && (!tok.word || v <= 12) {
				cands = append(cands, v)
			}
		}
	default:
		cands = fairValues(tok, rng)
	}
	seen := map[string]bool{strings.ToLower(fig.Display): true}
	var out []alt
	for _, v := range cands {
		s := capitalize(tok.replace(fig.Display, v))
		if seen[strings.ToLower(s)] {
			continue
		}
		seen[strings.ToLower(s)] = true
		out = append(out, alt{v, s})
		if len(out) == n {
			return out, nil
		}
	}
	return nil, fmt.Errorf("display %q: %w", fig.Display, ErrNoDistractors)
}

// fairValues are wrong values for the number tok that a reader cannot
// tell from it by their digits: the same number of digits before the
// point (or the same scale word), the same number of significant
// digits, and the last of them zero, five or another digit as the
// answer's is (lastClass).
// They are the answer scaled by uneven factors (never ×2 or ×0.5, which
// give themselves away), from 0.45 to 1.9; for an answer of one digit
// and noughts, the nearest other digits.
func fairValues(tok number, rng *rand.Rand) []float64 {
	sig := tok.sig
	intDigits := func(v float64) int { return len(strconv.FormatFloat(math.Trunc(math.Abs(v)), 'f', 0, 64)) }
	want := intDigits(tok.value)
	lastOf := func(v float64) int {
		// The last significant digit of v written with sig digits.
		p := math.Pow(10, float64(sig-1)-math.Floor(math.Log10(math.Abs(v))))
		return int(math.Round(v*p)) % 10
	}
	answerLast := lastOf(tok.value)
	var out []float64
	if sig == 1 {
		// One digit and noughts ("over 5,000", "2 million"): the other
		// digits nearest it, in the same place.
		place := tok.value / float64(answerLast)
		for _, d := range shuffled(rng, []int{-3, -2, -1, 1, 2, 3}) {
			if k := answerLast + d; k >= 1 && k <= 9 {
				out = append(out, float64(k)*place)
			}
		}
		return out
	}
	seen := map[float64]bool{tok.value: true}
	// The strictest shape and the nearest values first; wider factors,
	// then any last digit, only when those give too few.
	for _, tier := range []struct {
		lo, hi float64
		class  bool
	}{{0.45, 1.9, true}, {0.25, 3.5, true}, {0.45, 1.9, false}} {
		for try := 0; try < 200 && len(out) < 12; try++ {
			m := tier.lo + rng.Float64()*(0.9-tier.lo)
			if rng.IntN(2) == 0 {
				m = 1.12 + rng.Float64()*(tier.hi-1.12)
			}
			v := roundSig(tok.value*m, sig)
			if tok.decimals > 0 {
				v = roundTo(v, tok.decimals)
			} else {
				v = math.Round(v)
			}
			if v <= 0 || seen[v] || (!tok.scaled && intDigits(v) != want) {
				continue
			}
			if tier.class && lastClass(lastOf(v)) != lastClass(answerLast) {
				continue
			}
			seen[v] = true
			out = append(out, v)
		}
		if len(out) >= 6 {
			break
		}
	}
	return out
}

// lastClass sorts a last significant digit: 0, 5, or any other.
func lastClass(d int) int {
	if d == 0 || d == 5 {
		return d
	}
	return 1
}

var yearPattern = regexp.MustCompile(`\b(1[89]|20)\d\d\b`)

func yearDistractors(fig knowledge.Figure, n int, rng *rand.Rand, maxYear int) ([]alt, error) {
	year, err := fig.Number()
	if err != nil {
		return nil, err
	}
	loc := yearPattern.FindStringIndex(fig.Display)
	if loc == nil || fig.Display[loc[0]:loc[1]] != strconv.Itoa(int(year)) {
		return nil, fmt.Errorf("display %q does not show the year %d: %w", fig.Display, int(year), ErrNoDistractors)
	}
	limit := int(year) + 3
	if maxYear > 0 {
		limit = min(limit, max(maxYear, int(year)))
	}
	var out []alt
	for _, d := range shuffled(rng, []int{-5, -4, -3, -2, -1, 1, 2, 3}) {
		y := int(year) + d
		if y > limit {
			continue
		}
		out = append(out, alt{float64(y), capitalize(fig.Display[:loc[0]] + strconv.Itoa(y) + fig.Display[loc[1]:])})
		if len(out) == n {
			return out, nil
		}
	}
	return nil, fmt.Errorf("display %q: %w", fig.Display, ErrNoDistractors)
}

// shares are the fractions a share figure can be confused with.
var shares = []struct {
	value float64
	name  string
}{
	{0.1, "one tenth"}, {0.2, "one fifth"}, {0.25, "one quarter"}, {1.0 / 3, "one third"},
	{0.5, "half"}, {2.0 / 3, "two thirds"}, {0.75, "three quarters"}, {0.9, "nine tenths"},
}

func shareDistractors(fig knowledge.Figure, n int, rng *rand.Rand) ([]alt, error) {
	v, err := fig.Number()
	if err != nil {
		return nil, err
	}
	// Prefer the fractions nearest the answer, in a random order.
	type cand struct {
		value float64
		name  string
		dist  float64
	}
	var cs []cand
	for _, s := range shares {
		if d := math.Abs(s.value - v); d > 0.01 && !strings.EqualFold(s.name, fig.Display) {
			cs = append(cs, cand{s.value, s.name, d})
		}
	}
	for i := range cs { // insertion sort by distance; the list is tiny
		for j := i; j > 0 && cs[j].dist < cs[j-1].dist; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
	if len(cs) < n {
		return nil, ErrNoDistractors
	}
	near := cs[:min(len(cs), n+1)]
	rng.Shuffle(len(near), func(i, j int) { near[i], near[j] = near[j], near[i] })
	var out []alt
	for _, c := range near[:n] {
		out = append(out, alt{c.value, capitalize(c.name)})
	}
	return out, nil
}

// number is the first number in a Display string and how it is written.
type number struct {
	start, end int     // byte offsets of the number in the display
	value      float64 // the number as shown: 3.6 in "over 3.6 million"
	decimals   int     // digits after the point
	sig        int     // significant digits shown
	commas     bool    // written with thousands separators
	word       bool    // written as a word: "five"
	title      bool    // the word starts with a capital
	ordinal    bool    // followed by st, nd, rd or th
	scaled     bool    // followed by million, billion or trillion
	scale      float64 // what that word multiplies by: 1e6 for million; 1 when not scaled
}

var (
	numberPattern = regexp.MustCompile(`\d[\d,]*(\.\d+)?`)
	scalePattern  = regexp.MustCompile(`^ (million|billion|trillion)\b`)
	scaleWords    = map[string]float64{"million": 1e6, "billion": 1e9, "trillion": 1e12}
	ordPattern    = regexp.MustCompile(`^(st|nd|rd|th)\b`)
	wordPattern   = regexp.MustCompile(`(?i)\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b`)
	numberWords   = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
)

func findNumber(display string) (number, bool) {
	if loc := numberPattern.FindStringIndex(display); loc != nil {
		s := display[loc[0]:loc[1]]
		n := number{start: loc[0], end: loc[1], commas: strings.Contains(s, ","), scale: 1}
		plain := strings.ReplaceAll(s, ",", "")
		v, err := strconv.ParseFloat(plain, 64)
		if err != nil {
			return number{}, false
		}
		n.value = v
		if i := strings.IndexByte(plain, '.'); i >= 0 {
			n.decimals = len(plain) - i - 1
		}
		digits := strings.TrimLeft(strings.ReplaceAll(plain, ".", ""), "0")
		if n.decimals == 0 {
			digits = strings.TrimRight(digits, "0")
		}
		n.sig = max(1, len(digits))
		rest := display[loc[1]:]
		if m := scalePattern.FindStringSubmatch(rest); m != nil {
			n.scaled, n.scale = true, scaleWords[m[1]]
		}
		n.ordinal = ordPattern.MatchString(rest)
		if n.ordinal {
			n.end += 2
		}
		return n, true
	}
	if loc := wordPattern.FindStringIndex(display); loc != nil {
		w := strings.ToLower(display[loc[0]:loc[1]])
		for i, nw := range numberWords {
			if nw == w {
				return number{start: loc[0], end: loc[1], value: float64(i), sig: 1, word: true, scale: 1,
					title: unicode.IsUpper(rune(display[loc[0]]))}, true
			}
		}
	}
	return number{}, false
}

// replace writes v in place of the number in display, in the same style.
func (n number) replace(display string, v float64) string {
	var s string
	switch {
	case n.word && v >= 0 && v < float64(len(numberWords)) && v == math.Trunc(v):
		s = numberWords[int(v)]
		if n.title {
			s = capitalize(s)
		}
	default:
		s = strconv.FormatFloat(v, 'f', -1, 64)
		if n.commas {
			s = group(s)
		}
		if n.ordinal {
			s += ordinalSuffix(int(v))
		}
	}
	return display[:n.start] + s + display[n.end:]
}

func ordinalSuffix(n int) string {
	if n%100 >= 11 && n%100 <= 13 {
		return "th"
	}
	switch n % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}

// group adds thousands separators to a plain decimal number.
func group(s string) string {
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}

func roundSig(v float64, sig int) float64 {
	if v == 0 {
		return 0
	}
	p := math.Pow(10, float64(sig)-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

func roundTo(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

func shuffled[T any](rng *rand.Rand, s []T) []T {
	out := append([]T(nil), s...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
