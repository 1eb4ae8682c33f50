package quiz

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/silkroad-bot/silkroad/knowledge"
)

func testBank(t testing.TB) (*Bank, *knowledge.Base) {
	t.Helper()
	base, err := knowledge.Default()
	if err != nil {
		t.Fatalf("knowledge.Default: %v", err)
	}
	b, err := NewBank(base)
	if err != nil {
		t.Fatalf("NewBank: %v", err)
	}
	return b, base
}

func TestBankSize(t *testing.T) {
	b, _ := testBank(t)
	curated, err := Curated()
	if err != nil {
		t.Fatal(err)
	}
	generated := 0
	for _, q := range b.Questions {
		if strings.HasPrefix(q.ID, "fig-") {
			generated++
		}
	}
	if len(b.Questions) < 80 {
		t.Errorf("bank has %d questions, want at least 80", len(b.Questions))
	}
	if len(curated) < 50 {
		t.Errorf("%d curated questions, want at least 50", len(curated))
	}
	if generated == 0 {
		t.Error("no generated questions")
	}
	t.Logf("%d questions: %d curated, %d generated", len(b.Questions), len(curated), generated)
}

// TestBankValid runs Validate over the whole bank, so that a curator who
// breaks a limit sees exactly which question and why.
func TestBankValid(t *testing.T) {
	curated, err := Curated()
	if err != nil {
		t.Fatal(err)
	}
	base, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(curated, base); err != nil {
		t.Errorf("curated questions:\n%v", err)
	}
	b, _ := testBank(t)
	if err := Validate(b.Questions, base); err != nil {
		t.Errorf("bank:\n%v", err)
	}
}

func TestBankCoversEveryCategoryAndProject(t *testing.T) {
	b, base := testBank(t)
	cats := map[knowledge.Category]int{}
	facts := map[string]bool{}
	for _, q := range b.Questions {
		cats[q.Category]++
		for _, id := range q.FactIDs {
			facts[id] = true
		}
	}
	for _, c := range knowledge.Categories {
		if cats[c] == 0 {
			t.Errorf("category %s has no question", c)
		}
	}
	for _, p := range base.Projects {
		covered := false
		for _, id := range p.Facts {
			covered = covered || facts[id]
		}
		if !covered {
			t.Errorf("project %s: no question tests any of its facts %v", p.ID, p.Facts)
		}
	}
}

func TestGeneratedAnswerIsTheFigure(t *testing.T) {
	b, base := testBank(t)
	stems, err := Stems()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stems {
		f, _ := base.Fact(s.Fact)
		q, ok := b.Question(fmtID(s))
		if !ok {
			t.Errorf("stem %s/%d: no question in the bank", s.Fact, s.Figure)
			continue
		}
		if got, want := q.Options[q.Correct], capitalize(f.Figures[s.Figure].Display); got != want {
			t.Errorf("%s: correct option = %q, want %q", q.ID, got, want)
		}
	}
}

func fmtID(s Stem) string { return "fig-" + s.Fact + "-" + string(rune('0'+s.Figure)) }

func TestValidateFindsProblems(t *testing.T) {
	_, base := testBank(t)
	good := Question{
		ID: "ok", Category: knowledge.CatCulture, Difficulty: Easy,
		Question: "Which city?", Options: []string{"Almaty", "Astana"}, Correct: 0,
		Explanation: "Almaty.", FactIDs: []string{"composer-film-story"},
	}
	tests := []struct {
		name   string
		change func(q *Question)
		want   string
	}{
		{"valid", func(q *Question) {}, ""},
		{"long question", func(q *Question) { q.Question = strings.Repeat("é", 301) }, "301 characters"},
		{"one option", func(q *Question) { q.Options = q.Options[:1] }, "has 1 options"},
		{"eleven options", func(q *Question) {
			q.Options = strings.Split("a b c d e f g h i j k", " ")
		}, "has 11 options"},
		{"long option", func(q *Question) { q.Options[1] = strings.Repeat("x", 101) }, "option 1 has 101"},
		{"equal options", func(q *Question) { q.Options[1] = "almaty " }, "appears twice"},
		{"correct out of range", func(q *Question) { q.Correct = 2 }, "out of range"},
		{"negative correct", func(q *Question) { q.Correct = -1 }, "out of range"},
		{"long explanation", func(q *Question) { q.Explanation = strings.Repeat("x", 201) }, "explanation has 201"},
		{"no explanation", func(q *Question) { q.Explanation = " " }, "explanation is empty"},
		{"unknown fact", func(q *Question) { q.FactIDs = []string{"no-such-fact"} }, `unknown fact "no-such-fact"`},
		{"no facts", func(q *Question) { q.FactIDs = nil }, "needs at least one fact"},
		{"wrong category", func(q *Question) { q.Category = knowledge.CatEnergy }, "not the category"},
		{"unknown category", func(q *Question) { q.Category = "sport" }, `unknown category "sport"`},
		{"unknown difficulty", func(q *Question) { q.Difficulty = "trivial" }, "unknown difficulty"},
		{"translation lacks options", func(q *Question) {
			q.I18n = map[string]Text{"ru": {Question: "Какой город?", Options: []string{"Алматы"}, Explanation: "Алматы."}}
		}, "i18n ru: has 1 options, want 2"},
		{"translation repeats option", func(q *Question) {
			q.I18n = map[string]Text{"ru": {Question: "Какой город?", Options: []string{"Алматы", "Алматы"}, Explanation: "Алматы."}}
		}, "i18n ru: option"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := good
			q.Options = append([]string(nil), good.Options...)
			tt.change(&q)
			err := Validate([]Question{q}, base)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate(%s) = %v, want nil", tt.name, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate(%s) = %v, want an error containing %q", tt.name, err, tt.want)
			}
			var qe *QuestionError
			if !errors.As(err, &qe) || qe.ID != "ok" {
				t.Errorf("Validate(%s) error is not a *QuestionError for %q: %v", tt.name, "ok", err)
			}
		})
	}
	dup := []Question{good, good}
	if err := Validate(dup, base); err == nil || !strings.Contains(err.Error(), "used twice") {
		t.Errorf("Validate(duplicate ids) = %v, want \"used twice\"", err)
	}
}

func TestDraw(t *testing.T) {
	b, _ := testBank(t)
	rng := rand.New(rand.NewPCG(1, 2))
	qs, err := b.Draw("", 30, rng)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 30 {
		t.Fatalf("Draw(all, 30) gave %d questions", len(qs))
	}
	seen := map[string]bool{}
	moved := 0
	for i, q := range qs {
		if seen[q.ID] {
			t.Errorf("question %s drawn twice", q.ID)
		}
		seen[q.ID] = true
		orig, _ := b.Question(q.ID)
		if got, want := q.Options[q.Correct], orig.Options[orig.Correct]; got != want {
			t.Errorf("draw %d (%s): correct option %q, want %q", i, q.ID, got, want)
		}
		if q.Correct != orig.Correct {
			moved++
		}
		if len(q.Options) != len(orig.Options) {
			t.Errorf("%s: %d options, want %d", q.ID, len(q.Options), len(orig.Options))
		}
	}
	if moved == 0 {
		t.Error("no correct option moved: options are not shuffled")
	}
	// The bank's own questions must be untouched by shuffling copies.
	if err := Validate(b.Questions, nil); err != nil {
		t.Errorf("bank changed by Draw: %v", err)
	}

	energy, err := b.Draw(knowledge.CatEnergy, 100, rng)
	if err != nil {
		t.Fatal(err)
	}
	if len(energy) != b.Count(knowledge.CatEnergy) {
		t.Errorf("Draw(energy, 100) gave %d, want all %d", len(energy), b.Count(knowledge.CatEnergy))
	}
	for _, q := range energy {
		if q.Category != knowledge.CatEnergy {
			t.Errorf("Draw(energy) gave %s of category %s", q.ID, q.Category)
		}
	}
	if _, err := b.Draw("sport", 5, rng); !errors.Is(err, ErrNoQuestions) {
		t.Errorf("Draw(sport) error = %v, want ErrNoQuestions", err)
	}
	if _, err := b.Draw("", 0, rng); err == nil {
		t.Error("Draw(count 0) succeeded, want an error")
	}
	a, _ := b.Draw("", 10, rand.New(rand.NewPCG(7, 7)))
	c, _ := b.Draw("", 10, rand.New(rand.NewPCG(8, 8)))
	same := true
	for i := range a {
		same = same && a[i].ID == c[i].ID
	}
	if same {
		t.Error("two seeds drew the same order")
	}
}

func TestDrawShufflesTranslations(t *testing.T) {
	q := Question{
		ID: "t", Options: []string{"a", "b", "c"}, Correct: 2,
		I18n: map[string]Text{"ru": {Question: "?", Options: []string{"а", "б", "в"}}},
	}
	p := q.permute([]int{2, 0, 1})
	if p.Correct != 0 || p.Options[0] != "c" || p.I18n["ru"].Options[0] != "в" {
		t.Errorf("permute = %+v, want c/в first and correct 0", p)
	}
	if q.I18n["ru"].Options[0] != "а" {
		t.Error("permute changed the original translation")
	}
	if got := p.In("ru").Options[0]; got != "в" {
		t.Errorf("In(ru).Options[0] = %q, want в", got)
	}
	if got := p.In("kk").Question; got != "" {
		t.Errorf("In(kk) falls back to English question %q", got)
	}
}

func TestDistractors(t *testing.T) {
	tests := []struct {
		name string
		fig  knowledge.Figure
	}{
		{"length", knowledge.Figure{Value: "8445", Unit: "km", Kind: knowledge.KindLength, Measure: "m", Display: "8,445 km"}},
		{"millions", knowledge.Figure{Value: "3.6e6", Kind: knowledge.KindCount, Measure: "m", Display: "over 3.6 million"}},
		{"one trillion", knowledge.Figure{Value: "1e12", Unit: "usd", Kind: knowledge.KindMoney, Measure: "m", Display: "nearly 1 trillion USD"}},
		{"percent", knowledge.Figure{Value: "85", Unit: "percent", Kind: knowledge.KindPercent, Measure: "m", Display: "85%"}},
		{"high percent", knowledge.Figure{Value: "98", Unit: "percent", Kind: knowledge.KindPercent, Measure: "m", Display: "98%"}},
		{"word", knowledge.Figure{Value: "5", Kind: knowledge.KindCount, Measure: "m", Display: "five railways"}},
		{"one", knowledge.Figure{Value: "1", Kind: knowledge.KindCount, Measure: "m", Display: "1 bridge"}},
		{"year", knowledge.Figure{Value: "2013", Kind: knowledge.KindDate, Measure: "m", Display: "2013"}},
		{"month", knowledge.Figure{Value: "2019-09", Kind: knowledge.KindDate, Measure: "m", Display: "September 2019"}},
		{"day", knowledge.Figure{Value: "2022-11-15", Kind: knowledge.KindDate, Measure: "m", Display: "15 November 2022"}},
		{"share", knowledge.Figure{Value: "0.6667", Kind: knowledge.KindShare, Measure: "m", Display: "two thirds"}},
		{"ordinal", knowledge.Figure{Value: "30", Unit: "years", Kind: knowledge.KindDuration, Measure: "m", Display: "30th anniversary"}},
		{"multiple", knowledge.Figure{Value: "70", Unit: "times", Kind: knowledge.KindMultiple, Measure: "m", Display: "70-fold"}},
	}
	for _, tt := range tests {
		for seed := uint64(0); seed < 50; seed++ {
			got, err := Distractors(tt.fig, 3, seed)
			if err != nil {
				t.Fatalf("Distractors(%s, seed %d): %v", tt.name, seed, err)
			}
			seen := map[string]bool{strings.ToLower(tt.fig.Display): true}
			answer, _ := tt.fig.Number()
			for _, d := range got {
				if seen[strings.ToLower(d)] {
					t.Errorf("Distractors(%s, seed %d) = %q: %q repeats the answer or another option", tt.name, seed, got, d)
				}
				seen[strings.ToLower(d)] = true
				checkPlausible(t, tt.name, tt.fig, answer, d)
			}
		}
	}
}

// checkPlausible checks that distractor d is of the same form and
// magnitude as the answer.
func checkPlausible(t *testing.T, name string, fig knowledge.Figure, answer float64, d string) {
	t.Helper()
	want, _ := findNumber(fig.Display)
	switch fig.Kind {
	case knowledge.KindDate:
		loc := yearPattern.FindStringIndex(d)
		if loc == nil {
			t.Errorf("%s: distractor %q has no year", name, d)
			return
		}
		var y int
		for _, c := range d[loc[0]:loc[1]] {
			y = y*10 + int(c-'0')
		}
		if diff := y - int(answer); diff < -5 || diff > 5 || diff == 0 {
			t.Errorf("%s: distractor %q is %d years off", name, d, diff)
		}
		if strings.ToLower(yearPattern.ReplaceAllString(d, "Y")) != strings.ToLower(yearPattern.ReplaceAllString(fig.Display, "Y")) {
			t.Errorf("%s: distractor %q is not written like %q", name, d, fig.Display)
		}
	case knowledge.KindShare:
		found := false
		for _, s := range shares {
			found = found || strings.EqualFold(s.name, d)
		}
		if !found {
			t.Errorf("%s: distractor %q is not a known share", name, d)
		}
	default:
		got, ok := findNumber(d)
		if !ok {
			t.Errorf("%s: distractor %q has no number", name, d)
			return
		}
		if got.word != want.word || got.ordinal != want.ordinal || got.scaled != want.scaled {
			t.Errorf("%s: distractor %q is not written like %q", name, d, fig.Display)
		}
		if got.value <= 0 || got.value < want.value/4.1 || got.value > want.value*4.1+4 {
			t.Errorf("%s: distractor %q is not of the answer's magnitude %q", name, d, fig.Display)
		}
		if fig.Kind == knowledge.KindPercent && got.value >= 100 {
			t.Errorf("%s: distractor %q is not a percentage", name, d)
		}
		strip := func(s string, n number) string { return strings.ToLower(s[:n.start] + "#" + s[n.end:]) }
		if strip(d, got) != strip(fig.Display, want) {
			t.Errorf("%s: distractor %q is not written like %q", name, d, fig.Display)
		}
	}
}

func TestExplainStatesTheFigure(t *testing.T) {
	b, base := testBank(t)
	for _, q := range b.Questions {
		if !strings.HasPrefix(q.ID, "fig-") {
			continue
		}
		f, _ := base.Fact(q.FactIDs[0])
		if !strings.Contains(f.Text, strings.TrimSuffix(q.Explanation, ".")) && q.Explanation != f.Title {
			t.Errorf("%s: explanation %q is not taken from the fact", q.ID, q.Explanation)
		}
		if strings.HasSuffix(q.Explanation, "St.") {
			t.Errorf("%s: explanation %q is cut at an abbreviation", q.ID, q.Explanation)
		}
	}
}

func TestMissingTranslations(t *testing.T) {
	b, _ := testBank(t)
	q := Question{ID: "x", Options: []string{"a", "b"}, I18n: map[string]Text{
		"ru": {Question: "?", Options: []string{"а", "б"}, Explanation: "!"},
		"kk": {Question: "?", Options: []string{"а", ""}, Explanation: "!"},
	}}
	one := &Bank{Questions: []Question{q}}
	if got := one.Missing([]string{"ru", "kk", "zh"}); strings.Join(got, ";") != "kk: question x;zh: question x" {
		t.Errorf("Missing = %q, want kk and zh", got)
	}
	// The translators' to-do list, shown with -v.
	t.Logf("%d question texts still to translate into ru, kk, zh", len(b.Missing([]string{"ru", "kk", "zh"})))
}
