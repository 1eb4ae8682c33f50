package knowledge

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func TestUnmark(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		n     int
		plain string
		spans []Span
		err   string // a substring of the error; "" for none
	}{
		{"no markers", "A road.", 1, "A road.", nil, ""},
		{"one", "It has more than [[3,500]] shops.", 1, "It has more than 3,500 shops.", []Span{{0, 17, 22}}, ""},
		{"in order", "[[200]] documents, [[150]] countries, [[30]] organisations", 3,
			"200 documents, 150 countries, 30 organisations", []Span{{0, 0, 3}, {1, 15, 18}, {2, 30, 32}}, ""},
		{"numbered out of order", "over [[2|15 years]] it spent [[1|$35 billion]]", 2,
			"over 15 years it spent $35 billion", []Span{{1, 5, 13}, {0, 23, 34}}, ""},
		{"a title that skips a figure", `the "[[2|golden 30 years]]"`, 2, `the "golden 30 years"`, []Span{{1, 5, 20}}, ""},
		{"after a number the next figure", "[[2|b]] [[c]]", 3, "b c", []Span{{1, 0, 1}, {2, 2, 3}}, ""},
		{"cyrillic and chinese", "к [[10-летию]] 和[[超过350亿美元]]", 2, "к 10-летию 和超过350亿美元", []Span{{0, 3, 16}, {1, 20, 38}}, ""},
		{"a single bracket is text", "a [b] c [[d]]", 1, "a [b] c d", []Span{{0, 8, 9}}, ""},

		{"not closed", "more than [[3,500 shops", 1, "", nil, `marker "[[3,500 shops" is not closed`},
		{"closes nothing", "more than 3,500]] shops", 1, "", nil, `"]]" closes no marker: "more than 3,500]] shops"`},
		{"nested", "[[a [[b]] c]]", 2, "", nil, `marker "[[a [[b]]" holds another marker`},
		{"bracket inside", "[[[a]]", 1, "", nil, `marker "[[[a]]" holds a bracket`},
		{"bar without a number", "[[a|b]]", 1, "", nil, `marker "[[a|b]]" holds a bracket, or a bar not after its number`},
		{"second bar", "[[2|0|]]", 2, "", nil, `marker "[[2|0|]]" holds a bracket, or a bar`},
		{"empty", "[[]]", 1, "", nil, `marker "[[]]" marks nothing`},
		{"empty after its number", "[[1|]]", 1, "", nil, `marker "[[1|]]" marks nothing`},
		{"space inside", "[[ 3,500]]", 1, "", nil, "starts or ends with a space"},
		{"no figures", "[[3,500]]", 0, "", nil, `marker "[[3,500]]" would state figure 1, but there are none`},
		{"one marker too many", "[[a]] [[b]]", 1, "", nil, `marker "[[b]]" would state figure 2, but there is 1`},
		{"number too large", "[[3|a]]", 2, "", nil, `marker "[[3|a]]" would state figure 3, but there are 2`},
		{"number zero", "[[0|a]]", 2, "", nil, "figures are numbered from 1"},
		{"twice", "[[a]] [[1|b]]", 2, "", nil, `marker "[[1|b]]" states figure 1, which an earlier marker states`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain, spans, err := Unmark(tt.in, tt.n)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Unmark(%q, %d) error = %v, want one containing %q", tt.in, tt.n, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Unmark(%q, %d) error: %v", tt.in, tt.n, err)
			}
			if plain != tt.plain || !reflect.DeepEqual(spans, tt.spans) {
				t.Errorf("Unmark(%q, %d) = %q, %v; want %q, %v", tt.in, tt.n, plain, spans, tt.plain, tt.spans)
			}
		})
	}
}

// TestLoadMarks checks that Load hands out texts without their markers,
// and spans for the text it hands out, falling back to English as the
// text does.
func TestLoadMarks(t *testing.T) {
	facts := strings.Replace(goodFacts, `"title": "A"`, `"title": "A: [[8,445 km]]"`, 1)
	projects := strings.Replace(goodProjects, `"summary": "S."`, `"summary": "It runs [[8,445 km]]."`, 1)
	i18n := `{"facts": {"a-fact": {"title": "А", "text": "Это [[8 445 км]] дороги.", "figures": ["8 445 км"]}},
	  "projects": {"p-one": {"name": "П", "summary": ""}}}`
	b, err := Load(fstest.MapFS{
		"facts/a.json":  {Data: []byte(facts)},
		"projects.json": {Data: []byte(projects)},
		"i18n/ru.json":  {Data: []byte(i18n)},
	})
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	f, _ := b.Fact("a-fact")
	p, _ := b.Project("p-one")
	tests := []struct {
		what, text string
		spans      []Span
		want       string // the spans' text, joined
	}{
		{"en title", f.TitleIn("en"), f.TitleSpansIn("en"), "8,445 km"},
		{"en text", f.TextIn("en"), f.TextSpansIn("en"), "8,445 km"},
		{"ru title", f.TitleIn("ru"), f.TitleSpansIn("ru"), ""},
		{"ru text", f.TextIn("ru"), f.TextSpansIn("ru"), "8 445 км"},
		{"kk text, from English", f.TextIn("kk"), f.TextSpansIn("kk"), "8,445 km"},
		{"en summary", p.SummaryIn("en"), p.SummarySpansIn("en"), "8,445 km"},
		{"ru summary, from English", p.SummaryIn("ru"), p.SummarySpansIn("ru"), "8,445 km"},
	}
	for _, tt := range tests {
		if strings.Contains(tt.text, "[[") || strings.Contains(tt.text, "]]") {
			t.Errorf("%s = %q, still marked", tt.what, tt.text)
		}
		var got []string
		for _, s := range tt.spans {
			got = append(got, tt.text[s.Start:s.End])
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%s %q: spans %v state %q, want %q", tt.what, tt.text, tt.spans, got, tt.want)
		}
	}
	if f.Text != "A road of 8,445 km." || f.I18n["ru"].Text != "Это 8 445 км дороги." {
		t.Errorf("texts = %q, %q; want them without markers", f.Text, f.I18n["ru"].Text)
	}
}

// TestEmbeddedMarks checks that every marker of the embedded base that
// writes a number in digits writes the digits of its figure, so that a
// marker put on the wrong words does not go unseen.
func TestEmbeddedMarks(t *testing.T) {
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for i := range b.Facts {
		f := &b.Facts[i]
		for _, lang := range Langs {
			for _, field := range []struct {
				name  string
				text  string
				spans []Span
			}{{"title", f.TitleIn(lang), f.TitleSpansIn(lang)}, {"text", f.TextIn(lang), f.TextSpansIn(lang)}} {
				for _, s := range field.spans {
					if got, display := field.text[s.Start:s.End], f.FigureIn(lang, s.Figure); !sharesDigits(got, display) {
						t.Errorf("%s %s %s: marker %q states figure %d %q", f.ID, lang, field.name, got, s.Figure+1, display)
					}
				}
			}
		}
	}
}

// sharesDigits reports whether a and b write the same digits, one
// perhaps fewer of them ("35" of "350" in "350亿"), or either writes a
// number in words ("5 railways", "five railways").
func sharesDigits(a, b string) bool {
	digits := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
	}
	da, db := digits(a), digits(b)
	return da == "" || db == "" || strings.HasPrefix(db, da) || strings.HasPrefix(da, db)
}

// remark puts the markers for spans back into plain, numbering the
// markers that need it: the inverse of Unmark.
func remark(plain string, spans []Span) string {
	var b strings.Builder
	at, next := 0, 0
	for _, s := range spans {
		b.WriteString(plain[at:s.Start] + "[[")
		if s.Figure != next {
			b.WriteString(strconv.Itoa(s.Figure+1) + "|")
		}
		b.WriteString(plain[s.Start:s.End] + "]]")
		at, next = s.End, s.Figure+1
	}
	return b.String() + plain[at:]
}

func FuzzUnmark(f *testing.F) {
	f.Add("It has more than [[3,500]] shops.", 1)
	f.Add("over [[2|15 years]] it spent [[1|$35 billion]]", 2)
	f.Add("[[a [[b]] c]]", 2)
	f.Add("a]] [[", 3)
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = n % 8
		plain, spans, err := Unmark(s, n)
		if err != nil {
			return
		}
		if strings.Contains(plain, "[[") || strings.Contains(plain, "]]") {
			t.Fatalf("Unmark(%q) = %q, which still has a marker", s, plain)
		}
		seen := map[int]bool{}
		end := 0
		for _, sp := range spans {
			if sp.Start < end || sp.End <= sp.Start || sp.End > len(plain) || sp.Figure < 0 || sp.Figure >= n || seen[sp.Figure] {
				t.Fatalf("Unmark(%q, %d) spans %v: out of order, out of range or a figure twice", s, n, spans)
			}
			seen[sp.Figure], end = true, sp.End
		}
		again, spans2, err := Unmark(remark(plain, spans), n)
		if err != nil || again != plain || !reflect.DeepEqual(spans, spans2) {
			t.Fatalf("Unmark(remark(Unmark(%q))) = %q, %v, %v; want %q, %v", s, again, spans2, err, plain, spans)
		}
	})
}

func ExampleUnmark() {
	text, spans, err := Unmark("Over the last [[2|15 years]] it spent more than [[1|35 billion]] dollars.", 2)
	if err != nil {
		panic(err)
	}
	fmt.Println(text)
	for _, s := range spans {
		fmt.Printf("figure %d: %q\n", s.Figure+1, text[s.Start:s.End])
	}
	// Output:
	// Over the last 15 years it spent more than 35 billion dollars.
	// figure 2: "15 years"
	// figure 1: "35 billion"
}
