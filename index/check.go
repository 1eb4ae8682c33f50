package index

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// claim is a number a question states, to be checked against a fact:
// "60%" in "Is it true that 60% of road freight crosses Kazakhstan?".
type claim struct {
	raw   string  // as written: "60%"
	value float64 // 60, with its scale applied ("22 billion" is 2.2e10)
	unit  string  // "percent", "km", "usd", or "" for a plain number
	year  bool    // a year: four digits from 1900 to 2099 with no unit or scale
}

// claimPattern finds a number in a question, with what follows it: a
// currency sign before, a unit or scale after.
var claimPattern = regexp.MustCompile(`(\$\s?)?(\d+(?:[.,]\d+)?)(\s?(?:%|[\p{L}]+))?(\s[\p{L}]+)?`)

// claims returns the numbers question q states.
func (ix *Index) claims(q string) []claim {
	var out []claim
	lower := strings.ToLower(q)
	for _, m := range claimPattern.FindAllStringSubmatch(lower, -1) {
		num := strings.Replace(m[2], ",", ".", 1)
		v, err := strconv.ParseFloat(num, 64)
		if err != nil {
			continue
		}
		c := claim{value: v}
		raw := m[2]
		if m[1] != "" {
			c.unit = "usd"
			raw = "$" + raw
		}
		// The words after the number count only while they are its unit
		// or scale: "60% of" is 60%.
		for _, w := range []string{strings.TrimSpace(m[3]), strings.TrimSpace(m[4])} {
			used := false
			if strings.HasPrefix(w, "%") {
				c.unit, used = "percent", true
			} else if u, ok := ix.lex.units[w]; ok && c.unit == "" {
				c.unit, used = u, true
			} else {
				for _, s := range ix.lex.scales {
					if s.word == w || len(s.word) > 1 && !isLatin(s.word) && strings.HasPrefix(w, s.word) {
						c.value *= s.factor
						used = true
						break
					}
				}
			}
			if !used {
				break
			}
			if w == "%" {
				raw += w
			} else {
				raw += " " + w
			}
		}
		c.year = c.unit == "" && c.value == math.Trunc(c.value) && c.value >= 1900 && c.value <= 2099 && len(m[2]) == 4
		c.raw = raw
		out = append(out, c)
	}
	return out
}

// claimed reports whether number word w is one of the question's claims.
func (ix *Index) claimed(qs *question, w string) bool {
	for _, c := range qs.claims {
		if strings.HasPrefix(strings.TrimPrefix(c.raw, "$"), w) || strings.Contains(c.raw, w) {
			return true
		}
	}
	return false
}

// Check is the verdict on a figure a question states about a fact.
type Check struct {
	// Claimed is the figure as the question wrote it: "60%".
	Claimed string
	// Figure is the position in the fact's Figures of the figure it was
	// compared with, or -1 when it was compared with the fact's date.
	Figure int
	// Holds reports whether the fact bears the claim out.
	Holds bool
}

// check compares the question's claims with fact f: the first claim
// that can be compared with one of its figures (or its date) decides.
func check(qs *question, f *knowledge.Fact) *Check {
	for _, c := range qs.claims {
		if c.year {
			years := factWhen(f)
			if len(years) == 0 {
				continue
			}
			y := strconv.Itoa(int(c.value))
			holds := false
			for _, fy := range years {
				holds = holds || fy == y
			}
			return &Check{Claimed: c.raw, Figure: -1, Holds: holds}
		}
		for i, fig := range f.Figures {
			if !comparable(c, fig) {
				continue
			}
			v, err := fig.Number()
			if err != nil {
				continue
			}
			return &Check{Claimed: c.raw, Figure: i, Holds: near(c.value, v, fig.Approx)}
		}
	}
	return nil
}

// comparable reports whether claim c speaks of the same kind of
// quantity as fig.
func comparable(c claim, fig knowledge.Figure) bool {
	switch c.unit {
	case "percent":
		return fig.Kind == knowledge.KindPercent
	case "km":
		return fig.Kind == knowledge.KindLength
	case "usd":
		return fig.Kind == knowledge.KindMoney
	}
	switch fig.Kind {
	case knowledge.KindCount, knowledge.KindMoney, knowledge.KindMultiple, knowledge.KindLength, knowledge.KindPercent:
		return true
	}
	return false
}

// near reports whether claimed value c agrees with the figure v, read
// with its qualifier: "over 3,500" holds for 3,500 and 3,600 but not
// 5,000; "hundreds of" for 100 to 999.
func near(c, v float64, approx string) bool {
	switch approx {
	case "hundreds of":
		return c >= v && c < v*10
	case "over", "more than":
		return c >= v*0.95 && c <= v*1.15
	case "nearly", "almost":
		return c >= v*0.85 && c <= v*1.05
	}
	return math.Abs(c-v) <= 0.05*math.Abs(v)
}
