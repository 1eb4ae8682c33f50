package quiz

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// numberRun is a number as an option writes it: digits with thousands
// separators and a decimal point.
var numberRun = regexp.MustCompile(`\d[\d,]*(\.\d+)?`)

// smallNumberWord is a small number written as a word.
var smallNumberWord = regexp.MustCompile(`(?i)\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b`)

// shape is what a reader sees of an option besides its value: its words
// with every number masked, and for a number above twelve that is not a
// year, its count of significant digits and, when it has more than one,
// whether the last is 0, 5 or another digit. "Over 3,500" and "Over
// 2,500" have one shape; "8,445 km" and "12,670 km" do not. Small counts
// and years differ only in value.
func shape(opt string, date, small bool) string {
	var b strings.Builder
	masked := smallNumberWord.ReplaceAllString(opt, "N")
	b.WriteString(strings.ToLower(numberRun.ReplaceAllStringFunc(masked, func(n string) string {
		if small || date {
			return "9"
		}
		return strings.Repeat("9", len(strings.Split(n, ",")[0])) + strings.Repeat(",999", strings.Count(n, ","))
	})))
	if date {
		return b.String()
	}
	for _, n := range numberRun.FindAllString(opt, -1) {
		if small {
			continue
		}
		digits := strings.ReplaceAll(strings.ReplaceAll(n, ",", ""), ".", "")
		sig := strings.TrimLeft(digits, "0")
		if !strings.Contains(n, ".") {
			sig = strings.TrimRight(sig, "0")
		}
		last := "x"
		if len(sig) > 1 {
			switch sig[len(sig)-1] {
			case '5':
				last = "5"
			case '0':
				last = "0"
			}
		}
		b.WriteString("|" + string(rune('0'+len(sig))) + last)
	}
	return b.String()
}

// TestDistractorsAreFair checks that no figure question can be answered
// by the look of its options: every wrong option has the right one's
// shape (the same words, qualifier and unit, digits and rounding), and
// none is the right value doubled or halved.
func TestDistractorsAreFair(t *testing.T) {
	base, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	bank, err := NewBank(base)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, q := range bank.Questions {
		if !strings.HasPrefix(q.ID, "fig-") {
			continue
		}
		n++
		right := q.Options[q.Correct]
		date := isDate(base, q)
		if isShare(base, q) {
			continue // fractions in words: one third, two thirds
		}
		// An answer of twelve or less is a small count: its options
		// differ only in value (9, 11 or 14 corridors).
		small := false
		if m := numberRun.FindString(right); m != "" {
			v, _ := strconv.ParseFloat(strings.ReplaceAll(m, ",", ""), 64)
			small = v <= 12
		} else {
			small = smallNumberWord.MatchString(right)
		}
		want := shape(right, date, small)
		for i, o := range q.Options {
			if i == q.Correct {
				continue
			}
			if got := shape(o, date, small); got != want {
				t.Errorf("%s: option %q has shape %q, the answer %q has %q", q.ID, o, got, right, want)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d figure questions checked", n)
	}
}

// isDate reports whether q asks for a date figure.
func isDate(base *knowledge.Base, q Question) bool {
	for _, id := range q.FactIDs {
		if f, ok := base.Fact(id); ok {
			for _, fig := range f.Figures {
				if fig.Kind == knowledge.KindDate && strings.Contains(q.Options[q.Correct], fig.Display) {
					return true
				}
			}
		}
	}
	return false
}

// isShare reports whether q asks for a share figure.
func isShare(base *knowledge.Base, q Question) bool {
	for _, id := range q.FactIDs {
		if f, ok := base.Fact(id); ok {
			for _, fig := range f.Figures {
				if fig.Kind == knowledge.KindShare && strings.EqualFold(q.Options[q.Correct], fig.Display) {
					return true
				}
			}
		}
	}
	return false
}

// TestQuestionsAreAboutTheArticle: no question asks about the bot.
func TestQuestionsAreAboutTheArticle(t *testing.T) {
	base, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	bank, err := NewBank(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range bank.Questions {
		if strings.Contains(strings.ToLower(q.Question), "silkroad") {
			t.Errorf("%s asks about the bot: %q", q.ID, q.Question)
		}
	}
}
