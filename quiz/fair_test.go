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
		// The same in every language: the translations' numbers are
		// grouped with spaces ("8 445 км") or not at all ("8445公里").
		for _, lang := range []string{"en", "ru", "kk", "zh"} {
			opts := q.In(lang).Options
			want := shape(ungrouped(opts[q.Correct], lang), date, small)
			for i, o := range opts {
				if i == q.Correct {
					continue
				}
				if got := shape(ungrouped(o, lang), date, small); got != want {
					t.Errorf("%s (%s): option %q has shape %q, the answer %q has %q", q.ID, lang, o, got, opts[q.Correct], want)
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d figure questions checked", n)
	}
}

// ungrouped writes a translated option as shape can read it like an
// English one: its numbers without group separators ("8 445" is 8445),
// and its small numbers in words masked ("пять", "бес", "五"). The
// words after a number stay as written: a Russian noun takes the
// number's form ("32 договора", "47 договоров"), and an option whose
// form differs from the others' stands out. English options are left
// as they are.
func ungrouped(opt, lang string) string {
	if lang == "en" {
		return opt
	}
	for {
		next := groupSpace.ReplaceAllString(opt, "$1$2")
		if next == opt {
			break
		}
		opt = next
	}
	words := strings.Fields(strings.ToLower(opt))
	for i, w := range words {
		if smallWords[lang][w] {
			words[i] = "N"
		}
	}
	return strings.Join(words, " ")
}

// smallWords are the numbers to twelve in words, by language.
var smallWords = map[string]map[string]bool{
	"ru": setOf("один одна одно два две три четыре пять шесть семь восемь девять десять одиннадцать двенадцать"),
	"kk": setOf("бір екі үш төрт бес алты жеті сегіз тоғыз он"),
	"zh": setOf("一 二 两 三 四 五 六 七 八 九 十"),
}

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// groupSpace is a space between digit groups: "8 445", "3 500".
var groupSpace = regexp.MustCompile(`(\d)[\s\x{00a0}\x{202f}](\d{3})`)

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

// TestShapeOfTranslatedOptions: translated options are read as English
// ones are, whatever their group separators and plural forms.
func TestShapeOfTranslatedOptions(t *testing.T) {
	for _, tt := range []struct {
		lang, a, b string
		same       bool
	}{
		{"ru", "более 3 500", "более 2 500", true},
		{"ru", "8 445 км", "12 670 км", false},
		{"ru", "47 договоров", "32 договора", false}, // the form stands out
		{"ru", "47 договоров", "38 договоров", true},
		{"ru", "Пять", "Девять", true},
		{"ru", "более 3 500", "около 3 500", false},
		{"kk", "3 000-нан астам", "2 500-ден астам", false},
		{"kk", "Бес темір жол", "Алты темір жол", true},
		{"zh", "8445公里", "12670公里", false},
		{"zh", "3500多家", "2500多家", true},
		{"ru", "420 000 рабочих мест", "425 000 рабочих мест", false},
		{"ru", "420 000 рабочих мест", "380 000 рабочих мест", true},
	} {
		small := tt.a == "Пять" || strings.Contains(tt.a, "темір")
		a, b := shape(ungrouped(tt.a, tt.lang), false, small), shape(ungrouped(tt.b, tt.lang), false, small)
		if (a == b) != tt.same {
			t.Errorf("%s: %q has shape %q, %q has %q; same = %v, want %v", tt.lang, tt.a, a, tt.b, b, a == b, tt.same)
		}
	}
}
