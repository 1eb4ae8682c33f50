package quiz

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fairValues are wrong values for the number tok that a reader cannot
// tell from it by their digits: the same number of digits before the
// point (or the same scale word), the same number of significant
// digits, and the last of them zero, five or another digit as the
// answer's is (lastClass), and in Russian the same plural form.
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
			// A Russian noun after a plain whole number takes the
			// number's form ("47 договоров", "32 договора"): keep the
			// answer's, so that no option stands out by it.
			if tier.class && tok.decimals == 0 && !tok.scaled && ruForm(v) != ruForm(tok.value) {
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
