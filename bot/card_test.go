package bot

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/silkroad-bot/silkroad/knowledge"
)

func TestFirstSentence(t *testing.T) {
	tests := []struct {
		name, text string
		max        int
		want       string
	}{
		{"two sentences", "Khorgos is a zone. It has shops.", 100, "Khorgos is a zone."},
		{"one sentence", "Khorgos is a zone", 100, "Khorgos is a zone"},
		{"St. is no end", "It links Lianyungang (China) with St. Petersburg (Russia). It is long.", 100, "It links Lianyungang (China) with St. Petersburg (Russia)."},
		{"No. is no end", "They modernise plant No. 2 (TPP-2). It burns gas.", 100, "They modernise plant No. 2 (TPP-2)."},
		{"initial is no end", "Written by A. Smith in 2013. Later more.", 100, "Written by A. Smith in 2013."},
		{"г. is no end", "В 2023 г. Казахстан вырос. Дальше.", 100, "В 2023 г. Казахстан вырос."},
		{"lower case follows", "Worth 3.6 bn. more than before. Next.", 100, "Worth 3.6 bn. more than before."},
		{"question mark", "Why? Because.", 100, "Why?"},
		{"Chinese full stop", "霍尔果斯是合作区。它有商店。", 100, "霍尔果斯是合作区。"},
		{"cut at a word", "The transcontinental corridor stretches far across Eurasia", 30, "The transcontinental corridor…"},
		{"cut drops a dangling comma", "Alpha beta, gamma delta epsilon", 13, "Alpha beta…"},
		{"cut a long word", "Ааааааааааааааааааааааааааааааа", 10, "Ааааааааа…"},
	}
	for _, tt := range tests {
		if got := firstSentence(tt.text, tt.max); got != tt.want {
			t.Errorf("%s: firstSentence(%q, %d) = %q, want %q", tt.name, tt.text, tt.max, got, tt.want)
		}
	}
}

// TestFirstSentenceOfEveryFact checks the previews of the real facts:
// none stops at an abbreviation, and none is longer than asked.
func TestFirstSentenceOfEveryFact(t *testing.T) {
	base := testIndex(t).Base()
	for _, lang := range Langs {
		for i := range base.Facts {
			f := &base.Facts[i]
			got := firstSentence(f.TextIn(lang), 160)
			if n := len([]rune(got)); n > 160 {
				t.Errorf("%s %s: preview has %d runes, want at most 160", lang, f.ID, n)
			}
			for _, bad := range []string{" St.", " No.", " г."} {
				if strings.HasSuffix(got, bad) {
					t.Errorf("%s %s: preview %q stops at %q", lang, f.ID, got, bad)
				}
			}
		}
	}
}

func TestEcho(t *testing.T) {
	long := strings.Repeat("x", 300)
	tests := []struct{ in, want string }{
		{"khorgos", "khorgos"},
		{"  two \n words ", "two words"},
		{long, strings.Repeat("x", maxEcho-1) + "…"},
	}
	for _, tt := range tests {
		if got := echo(tt.in); got != tt.want {
			t.Errorf("echo(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	h := NewHandler(testIndex(t), WithSeed(1))
	for _, in := range []string{"/search " + long, "/project " + long, "/" + long} {
		for _, r := range h.Handle(context.Background(), private(in)) {
			if strings.Contains(r.HTML, strings.Repeat("x", maxEcho)) {
				t.Errorf("%.20s…: reply quotes the whole input: %.80s…", in, r.HTML)
			}
		}
	}
}

func TestMidSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Trade", "trade"},
		{"The Belt and Road", "the Belt and Road"},
		{"Все темы", "все темы"},
		{"Білім беру", "білім беру"},
		{"«Один пояс, один путь»", "«Один пояс, один путь»"},
		{"BRI", "BRI"},
		{"一带一路", "一带一路"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := midSentence(tt.in); got != tt.want {
			t.Errorf("midSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCardPlacesUseTheListSeparator checks that a card's places are
// joined the way the language lists things.
func TestCardPlacesUseTheListSeparator(t *testing.T) {
	base := testIndex(t).Base()
	f, ok := base.Fact("khorgos-icbc-first-cross-border-zone")
	if !ok {
		t.Fatal("no fact khorgos-icbc-first-cross-border-zone")
	}
	tests := []struct{ lang, want string }{
		{"en", "📍 Khorgos, Kazakhstan, China"},
		{"zh", "📍 霍尔果斯、哈萨克斯坦、中国"},
	}
	for _, tt := range tests {
		if got := factCard(newPrinter(tt.lang), f); !strings.Contains(got, tt.want) {
			t.Errorf("factCard(%s) = %q, want it to contain %q", tt.lang, got, tt.want)
		}
	}
}

// TestKhorgosCardDoesNotRepeatItself checks that /khorgos tells the
// centre's summary once, with its figures in bold, and offers its facts
// as buttons instead of repeating them below.
func TestKhorgosCardDoesNotRepeatItself(t *testing.T) {
	h := NewHandler(testIndex(t), WithSeed(1))
	base := testIndex(t).Base()
	for _, lang := range Langs {
		req := private("/khorgos")
		req.Lang = lang
		replies := h.Handle(context.Background(), req)
		checkReplies(t, lang+" /khorgos", replies)
		if len(replies) == 0 {
			t.Fatalf("%s /khorgos: no reply", lang)
		}
		card := replies[0]
		p := h.findProject(t.Context(), khorgosProject)
		if p == nil {
			t.Fatal("no Khorgos project")
		}
		if !strings.Contains(card.HTML, "<b>") || strings.Count(card.HTML, "<b>") < 4 {
			t.Errorf("%s /khorgos: want the head, the name and the figures in bold, got %q", lang, card.HTML)
		}
		var labels []string
		for _, row := range card.Buttons {
			for _, b := range row {
				labels = append(labels, b.Text)
			}
		}
		for _, id := range p.Facts {
			f, _ := base.Fact(id)
			if strings.Contains(PlainText(card.HTML), f.TextIn(lang)) {
				t.Errorf("%s /khorgos: the card repeats the text of fact %s", lang, id)
			}
			found := false
			for _, l := range labels {
				found = found || l == f.TitleIn(lang)
			}
			if !found {
				t.Errorf("%s /khorgos: buttons %q lack fact %q", lang, labels, f.TitleIn(lang))
			}
		}
	}
}

// TestQuizTopicsInTheUsersLanguage checks that the quiz and homework
// usage lists the topics as the user would write them, that each listed
// name is read back, and that homework names its topic mid-sentence.
func TestQuizTopicsInTheUsersLanguage(t *testing.T) {
	ctx := context.Background()
	ix := testIndex(t)
	bank := testBank(t, ix)
	db := testStore(t)
	h := NewHandler(ix, WithSeed(1))
	EnableQuiz(h, QuizOptions{Bank: bank, Store: db, Seed: 3})
	tests := []struct{ lang, in, want, notWant string }{
		{"ru", "/quiz nonsense", "транзит, дипломатия", "initiative"},
		{"ru", "/quiz nonsense", "/quiz энергетика 5 20", "/quiz energy"},
		{"zh", "/homework nonsense", "过境运输、外交", "transit"},
		{"en", "/quiz nonsense", "the Belt and Road, transit", "initiative,"},
		{"en", "/homework", "10 questions (all topics)", "All topics"},
		{"ru", "/homework торговля 3", "3 вопроса (торговля)", "Торговля"},
	}
	for i, tt := range tests {
		req := private(tt.in)
		req.UserID, req.ChatID = int64(3000+i), int64(3000+i)
		req.Lang = tt.lang
		var all strings.Builder
		for _, r := range h.Handle(ctx, req) {
			all.WriteString(r.HTML + "\n")
		}
		if got := all.String(); !strings.Contains(got, tt.want) || strings.Contains(got, tt.notWant) {
			t.Errorf("%s %q = %q, want %q and not %q", tt.lang, tt.in, got, tt.want, tt.notWant)
		}
	}
	for _, lang := range Langs {
		for _, c := range knowledge.Categories {
			name := midSentence(newPrinter(lang).T(categoryKey(string(c))))
			if got, ok := categoryNamed(name); !ok || got != c {
				t.Errorf("categoryNamed(%q) = %q, %v, want %q", name, got, ok, c)
			}
		}
	}
	if got, ok := categoryNamed("один пояс, один путь"); !ok || got != knowledge.CatInitiative {
		t.Errorf("categoryNamed(unquoted) = %q, %v, want %q", got, ok, knowledge.CatInitiative)
	}
}

// TestFigureLine checks that a /figures line does not state its number
// twice: a title that states it gets the number in bold, and only a
// title without it is led by the number.
func TestFigureLine(t *testing.T) {
	base := testIndex(t).Base()
	tests := []struct{ lang, id, want string }{
		{"en", "bri-documents-countries-orgs", "• Belt and Road: <b>200</b>+ documents"},
		{"ru", "bri-projects-count", "• «Один пояс, один путь»: <b>более 3 000</b> проектов"},
		{"en", "bri-investment", "• Belt and Road: <b>nearly 1 trillion USD</b> invested"},
		{"ru", "bri-investment", "• «Один пояс, один путь»: почти <b>1 трлн</b> долларов инвестиций"},
	}
	for _, tt := range tests {
		f, ok := base.Fact(tt.id)
		if !ok {
			t.Fatalf("no fact %s", tt.id)
		}
		if got := figureLine(tt.lang, f); !strings.HasPrefix(got, tt.want) {
			t.Errorf("figureLine(%s, %s) = %q, want it to start with %q", tt.lang, tt.id, got, tt.want)
		}
	}
}

// TestWordlessInputAsksForWords checks that input with nothing to look
// up gets the "ask in words" hint, not "I don't know".
func TestWordlessInputAsksForWords(t *testing.T) {
	h := NewHandler(testIndex(t), WithSeed(1))
	want := newPrinter("en").T(msgEmptyAsk)
	for _, in := range []string{"", "   ", "/", "???", "👍", "<>"} {
		replies := h.Handle(context.Background(), private(in))
		if len(replies) != 1 || replies[0].HTML != want {
			t.Errorf("Handle(%q) = %+v, want one reply %q", in, replies, want)
		}
	}
}

// TestFiguresShowEveryHeadline pages through /figures in every language
// and checks that every figure the knowledge base marks headline is on a
// page, its number in bold, under its topic.
func TestFiguresShowEveryHeadline(t *testing.T) {
	h := NewHandler(testIndex(t), WithSeed(1))
	bold := regexp.MustCompile(`<b>([^<]*)</b>`)
	for _, lang := range Langs {
		in := &Input{Request: &Request{}, Lang: lang, p: newPrinter(lang)}
		var pages []string
		for page := 0; ; page++ {
			text, rows := h.figuresPage(in, page)
			checkMessage(t, "figures", text)
			pages = append(pages, text)
			if !strings.Contains(fmt.Sprint(rows), "gp|") || page > 20 || !hasNext(rows, page) {
				break
			}
		}
		all := strings.Join(pages, "\n")
		var shown []string
		for _, m := range bold.FindAllStringSubmatch(all, -1) {
			shown = append(shown, m[1])
		}
		n := 0
		for i := range h.base().Facts {
			f := &h.base().Facts[i]
			for k, fig := range f.Figures {
				if !fig.Headline {
					continue
				}
				n++
				// The figure as the title states it, or as its display
				// reads where the title does not state it.
				squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
				want := []string{squeeze(f.FigureIn(lang, k))}
				title := f.TitleIn(lang)
				for _, sp := range f.TitleSpansIn(lang) {
					if sp.Figure == k {
						want = append(want, squeeze(title[sp.Start:sp.End]))
					}
				}
				if !slices.ContainsFunc(shown, func(s string) bool { return slices.Contains(want, squeeze(html.UnescapeString(s))) }) {
					t.Errorf("%s /figures lacks %s figure %d %q in bold", lang, f.ID, k, want)
				}
			}
		}
		if n < 20 {
			t.Errorf("only %d headline figures", n)
		}
	}
}

// hasNext reports whether a page's rows hold a Next button.
func hasNext(rows [][]Button, page int) bool {
	for _, r := range rows {
		for _, b := range r {
			if strings.HasSuffix(b.Data, "|"+strconv.Itoa(page+1)) {
				return true
			}
		}
	}
	return false
}

// TestCardsBoldTheirMarkedFigures checks that a fact's card puts in
// bold, besides its title, exactly the words its text marks: one for
// every figure of the fact, in every language.
func TestCardsBoldTheirMarkedFigures(t *testing.T) {
	base := testIndex(t).Base()
	bold := regexp.MustCompile(`<b>([^<]*)</b>`)
	for _, lang := range Langs {
		p := newPrinter(lang)
		for i := range base.Facts {
			f := &base.Facts[i]
			_, body, _ := strings.Cut(factCard(p, f), "\n\n")
			var got, want []string
			for _, m := range bold.FindAllStringSubmatch(body, -1) {
				got = append(got, m[1])
			}
			text := f.TextIn(lang)
			for _, s := range f.TextSpansIn(lang) {
				want = append(want, esc(text[s.Start:s.End]))
			}
			if len(want) != len(f.Figures) || !slices.Equal(got, want) {
				t.Errorf("%s %s: card bolds %q, want %q, one for each of its %d figures", lang, f.ID, got, want, len(f.Figures))
			}
		}
	}
}

// TestFigureLineFromMarks checks /figures lines whose titles mark their
// figures out of order, or mark a number written differently from the
// figure's display, which a guess at the display did not find.
func TestFigureLineFromMarks(t *testing.T) {
	base := testIndex(t).Base()
	tests := []struct{ lang, id, want string }{
		{"en", "kz-transit-routes", "• Kazakhstan: <b>5 railways</b>, <b>6 highways</b>, <b>11 corridors</b>"},
		{"zh", "unionpay-halyk-cards", "• 银联与哈萨克斯坦人民银行：发卡<b>超360万张</b>"},
		{"kk", "kz-transit-investment", "• 15 жылда транзитке <b>35 млрд</b> доллардан астам қаржы жұмсалды"},
		{"en", "bri-documents-countries-orgs", "• Belt and Road: <b>200</b>+ documents, <b>150</b>+ countries · <b>30</b> (international organisations)"},
	}
	for _, tt := range tests {
		f, ok := base.Fact(tt.id)
		if !ok {
			t.Fatalf("no fact %s", tt.id)
		}
		if got := figureLine(tt.lang, f); got != tt.want {
			t.Errorf("figureLine(%s, %s) = %q, want %q", tt.lang, tt.id, got, tt.want)
		}
	}
}
