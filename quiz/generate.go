package quiz

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
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
		// Those that take the answer's Russian form first ("пять
		// железных дорог", not "две железные дороги" beside it).
		other := func(v float64) int {
			if ruForm(v) == ruForm(tok.value) {
				return 0
			}
			return 1
		}
		slices.SortStableFunc(cands, func(a, b float64) int { return cmp.Compare(other(a), other(b)) })
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

var (
	numberPattern = regexp.MustCompile(`\d[\d,]*(\.\d+)?`)
	scalePattern  = regexp.MustCompile(`^ (million|billion|trillion)\b`)
	scaleWords    = map[string]float64{"million": 1e6, "billion": 1e9, "trillion": 1e12}
	ordPattern    = regexp.MustCompile(`^(st|nd|rd|th)\b`)
	wordPattern   = regexp.MustCompile(`(?i)\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b`)
	numberWords   = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
)
