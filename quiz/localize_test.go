package quiz

import (
	"errors"
	"strings"
	"testing"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// TestGenerateTranslated generates every figure question in every
// language, as if every stem were translated, and validates the result.
func TestGenerateTranslated(t *testing.T) {
	base, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	stems, err := Stems()
	if err != nil {
		t.Fatal(err)
	}
	for i := range stems {
		stems[i].I18n = map[string]string{}
		for _, lang := range Langs {
			stems[i].I18n[lang] = lang + ": " + stems[i].Question
		}
	}
	qs, err := Generate(base, stems)
	if err != nil {
		t.Fatalf("Generate:\n%v", err)
	}
	if err := Validate(qs, base); err != nil {
		t.Errorf("Validate:\n%v", err)
	}
	for _, q := range qs {
		for _, lang := range Langs {
			tr, ok := q.I18n[lang]
			if !ok {
				t.Errorf("%s: no %s translation", q.ID, lang)
				continue
			}
			f, _ := base.Fact(q.FactIDs[0])
			if !strings.EqualFold(tr.Options[q.Correct], f.FigureIn(lang, figureOf(t, q.ID))) {
				t.Errorf("%s %s: correct option %q, want the figure %q", q.ID, lang, tr.Options[q.Correct], f.FigureIn(lang, figureOf(t, q.ID)))
			}
			if testing.Verbose() {
				t.Logf("%s %s: %q | %s", q.ID, lang, tr.Options, tr.Explanation)
			}
		}
	}
}

func figureOf(t *testing.T, id string) int {
	t.Helper()
	i := strings.LastIndexByte(id, '-')
	n := 0
	for _, r := range id[i+1:] {
		n = n*10 + int(r-'0')
	}
	return n
}

// TestBankTranslated fails while any question of the bank lacks a
// complete Russian, Kazakh or Chinese translation.
func TestBankTranslated(t *testing.T) {
	b, _ := testBank(t)
	if missing := b.Missing(Langs); len(missing) > 0 {
		t.Errorf("%d translations missing, such as:\n%s", len(missing), strings.Join(missing[:min(10, len(missing))], "\n"))
	}
}

func TestTranslationsOfUnknownQuestions(t *testing.T) {
	_, base := testBank(t)
	curated, err := Curated()
	if err != nil {
		t.Fatal(err)
	}
	stems, err := Stems()
	if err != nil {
		t.Fatal(err)
	}
	trs := map[string]Translation{"ru": {
		Questions: map[string]Text{"no-such-question": {Question: "?"}},
		Stems:     map[string]string{"bri-launch-2013#7": "?"},
	}}
	_, err = buildBank(base, curated, stems, trs)
	for _, want := range []string{`unknown question "no-such-question"`, `unknown stem "bri-launch-2013#7"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("buildBank = %v, want an error containing %q", err, want)
		}
	}
}

// TestTranslationsAreValidated checks that the bank's rules hold in every
// language: a translation with an option too few, or two equal options,
// is an error naming the language.
func TestTranslationsAreValidated(t *testing.T) {
	_, base := testBank(t)
	tests := []struct {
		name string
		tr   Text
		want string
	}{
		{"option missing", Text{Question: "Где?", Options: []string{"Китай", "Казахстан", "Россия"}, Explanation: "Там."}, "i18n kk: has 3 options, want 4"},
		{"options equal", Text{Question: "Где?", Options: []string{"Китай", "Китай", "Россия", "Узбекистан"}, Explanation: "Там."}, `i18n kk: option "Китай" appears twice`},
		{"long explanation", Text{Question: "Где?", Options: []string{"а", "б", "в", "г"}, Explanation: strings.Repeat("ы", 201)}, "i18n kk: explanation has 201 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			curated, err := Curated()
			if err != nil {
				t.Fatal(err)
			}
			stems, err := Stems()
			if err != nil {
				t.Fatal(err)
			}
			trs := map[string]Translation{"kk": {Questions: map[string]Text{"bri-first-heard": tt.tr}}}
			_, err = buildBank(base, curated, stems, trs)
			if err == nil || !strings.Contains(err.Error(), "question bri-first-heard: "+tt.want) {
				t.Errorf("buildBank(%s) = %v, want an error containing %q", tt.name, err, tt.want)
			}
		})
	}
}

func TestRender(t *testing.T) {
	fig := func(kind knowledge.FigureKind, value, display string) knowledge.Figure {
		return knowledge.Figure{Kind: kind, Value: value, Display: display}
	}
	tests := []struct {
		lang    string
		fig     knowledge.Figure
		display string
		v       float64
		want    string
	}{
		{"ru", fig(knowledge.KindLength, "8445", "8,445 km"), "8 445 км", 4223, "4 223 км"},
		{"ru", fig(knowledge.KindCount, "3.6e6", "over 3.6 million"), "более 3,6 млн", 2.7, "более 2,7 млн"},
		{"ru", fig(knowledge.KindDuration, "15", "15 years"), "15 лет", 23, "23 года"},
		{"ru", fig(knowledge.KindDuration, "15", "15 years"), "15 лет", 21, "21 год"},
		{"ru", fig(knowledge.KindDuration, "30", "over 30 years"), "более 30 лет", 21, "более 21 года"},
		{"ru", fig(knowledge.KindDuration, "30", "over 30 years"), "более 30 лет", 23, "более 23 лет"},
		{"ru", fig(knowledge.KindMultiple, "70", "70-fold"), "в 70 раз", 53, "в 53 раза"},
		{"ru", fig(knowledge.KindCount, "5", "five railways"), "пять железных дорог", 2, "две железные дороги"},
		{"ru", fig(knowledge.KindCount, "5", "five"), "пять", 2, "два"},
		{"ru", fig(knowledge.KindCount, "11", "11 corridors"), "11 коридоров", 21, "21 коридор"},
		{"ru", fig(knowledge.KindShare, "0.6667", "two thirds"), "две трети", 0.25, "четверть"},
		{"ru", fig(knowledge.KindDate, "2019-09", "September 2019"), "сентябрь 2019 года", 2017, "сентябрь 2017 года"},
		{"kk", fig(knowledge.KindCount, "3500", "over 3,500"), "3 500-ден астам", 7000, "7 000-нан астам"},
		{"kk", fig(knowledge.KindCount, "150", "over 150"), "150-ден астам", 75, "75-тен астам"},
		{"kk", fig(knowledge.KindCount, "150", "over 150"), "150-ден астам", 230, "230-дан астам"},
		{"kk", fig(knowledge.KindCount, "150", "over 150"), "150-ден астам", 40, "40-тан астам"},
		{"kk", fig(knowledge.KindCount, "40e6", "nearly 40 million"), "40 млн-ға жуық", 20, "20 млн-ға жуық"},
		{"kk", fig(knowledge.KindCount, "6", "six highways"), "алты автомобиль жолы", 4, "төрт автомобиль жолы"},
		{"kk", fig(knowledge.KindShare, "0.6667", "two thirds"), "үштен екісі", 0.75, "төрттен үші"},
		{"zh", fig(knowledge.KindMoney, "1e12", "nearly 1 trillion USD"), "近1万亿美元", 0.5, "近5000亿美元"},
		{"zh", fig(knowledge.KindCount, "3.6e6", "over 3.6 million"), "超过360万张", 2.7, "超过270万张"},
		{"zh", fig(knowledge.KindCount, "3500", "over 3,500"), "3500多家", 7000, "7000多家"},
		{"zh", fig(knowledge.KindLength, "8445", "8,445 km"), "8445公里", 12670, "12670公里"},
		{"zh", fig(knowledge.KindShare, "0.6667", "two thirds"), "三分之二", 0.5, "一半"},
	}
	for _, tt := range tests {
		got, err := render(tt.lang, tt.fig, tt.display, tt.v)
		if err != nil || got != tt.want {
			t.Errorf("render(%s, %q, %v) = %q, %v; want %q", tt.lang, tt.display, tt.v, got, err, tt.want)
		}
	}
	// A number the translation does not show, or a noun it cannot decline.
	for _, bad := range []struct{ lang, en, display string }{
		{"ru", "8,445 km", "8 454 км"},
		{"ru", "11 corridors", "11 дорожек"},
		{"kk", "over 150", "150-ші"},
		{"zh", "8,445 km", "八千公里"},
	} {
		f := fig(knowledge.KindCount, "0", bad.en)
		if got, err := render(bad.lang, f, bad.display, 21); !errors.Is(err, errLocalize) {
			t.Errorf("render(%s, %q) = %q, %v; want errLocalize", bad.lang, bad.display, got, err)
		}
	}
}

func TestTrimText(t *testing.T) {
	long := strings.Repeat("слово ", 40) // 240 characters
	tests := []struct {
		name, lang, text, display string
		want                      string
	}{
		{"short", "ru", "Коротко.", "1", "Коротко."},
		{"sentence with the figure", "ru", long + "конец. В 2013 году всё началось.", "2013", "В 2013 году всё началось."},
		{"first sentences", "ru", "Первое. Второе г. Третье. Ещё " + long, "99", "Первое. Второе г. Третье."},
		{"word cut", "ru", long, "99", strings.TrimSpace(strings.Repeat("слово ", 33)) + "…"},
		{"chinese comma", "zh", strings.Repeat("中", 150) + "，" + strings.Repeat("国", 100), "99", strings.Repeat("中", 150) + "…"},
	}
	for _, tt := range tests {
		got := trimText(tt.lang, tt.text, tt.display, MaxExplanationLen)
		if got != tt.want {
			t.Errorf("trimText(%s) = %q, want %q", tt.name, got, tt.want)
		}
		if n := len([]rune(got)); n > MaxExplanationLen {
			t.Errorf("trimText(%s) has %d characters, want at most %d", tt.name, n, MaxExplanationLen)
		}
	}
}
