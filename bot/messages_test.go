package bot

import (
	"context"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"golang.org/x/text/language"
)

// translations are the languages that must translate every English key.
var translations = []language.Tag{language.Russian, language.Kazakh, language.Chinese}

// verbRE matches one fmt verb, with an optional explicit argument index.
var verbRE = regexp.MustCompile(`%(?:\[([0-9]+)\])?[-+# 0]*[0-9]*(?:\.[0-9]+)?([a-zA-Z%])`)

// tagRE matches one HTML tag.
var tagRE = regexp.MustCompile(`</?[a-zA-Z-]+[^<>]*>`)

// verbsOf returns the arguments a catalogue string formats, as "2:d" (the
// argument's 1-based index and its verb), outside plural groups.
func verbsOf(s string) []string {
	s = pluralGroup.ReplaceAllString(s, "")
	var out []string
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(s, -1) {
		if m[2] == "%" {
			continue
		}
		i := next
		if m[1] != "" {
			i, _ = strconv.Atoi(m[1])
		}
		next = i + 1
		v := strconv.Itoa(i) + ":" + m[2]
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

// tagsOf returns the HTML tags of s, sorted.
func tagsOf(s string) []string {
	tags := tagRE.FindAllString(s, -1)
	sort.Strings(tags)
	return tags
}

// sampleArgs returns arguments that fit the verbs of an English string:
// n for %d, a word for %s.
func sampleArgs(s string, n int) []any {
	var args []any
	for _, v := range verbsOf(s) {
		i, _ := strconv.Atoi(v[:strings.IndexByte(v, ':')])
		for len(args) < i {
			args = append(args, nil)
		}
		if v[len(v)-1] == 'd' {
			args[i-1] = n
		} else {
			args[i-1] = "Qorgas"
		}
	}
	return args
}

func TestCatalogueHasEveryKeyInEveryLanguage(t *testing.T) {
	en := sources[language.English]
	if len(en) < 100 {
		t.Fatalf("only %d English keys", len(en))
	}
	for _, tag := range translations {
		tr := sources[tag]
		for key := range en {
			if _, ok := tr[key]; !ok {
				t.Errorf("%s: no translation of %q (English: %q)", tag, key, en[key])
			}
		}
		for key := range tr {
			if _, ok := en[key]; !ok {
				t.Errorf("%s: key %q has no English original", tag, key)
			}
		}
	}
}

func TestTranslationsKeepPlaceholdersAndTags(t *testing.T) {
	for key, en := range sources[language.English] {
		for _, tag := range translations {
			tr, ok := sources[tag][key]
			if !ok {
				continue // reported by TestCatalogueHasEveryKeyInEveryLanguage
			}
			if got, want := verbsOf(tr), verbsOf(en); !slices.Equal(got, want) {
				t.Errorf("%s %s: arguments %v, want %v as in English\n%s", tag, key, got, want, tr)
			}
			if got, want := tagsOf(tr), tagsOf(en); !slices.Equal(got, want) {
				t.Errorf("%s %s: tags %v, want %v as in English\n%s", tag, key, got, want, tr)
			}
			if strings.TrimSpace(tr) == "" && strings.TrimSpace(en) != "" {
				t.Errorf("%s %s: empty translation", tag, key)
			}
		}
	}
}

// TestPluralGroupsCountNumbers checks that every plural group counts an
// argument the string formats with %d.
func TestPluralGroupsCountNumbers(t *testing.T) {
	for tag, strs := range sources {
		for key, s := range strs {
			verbs := verbsOf(s)
			for _, m := range pluralGroup.FindAllStringSubmatch(s, -1) {
				if !slices.Contains(verbs, m[1]+":d") {
					t.Errorf("%s %s: plural group %q counts argument %s, which is not a %%d", tag, key, m[0], m[1])
				}
			}
		}
	}
}

// TestEveryMessageRenders formats every key in every language with
// sample arguments: no fmt errors, no unexpanded plural group, and
// valid Telegram HTML wherever the English is.
func TestEveryMessageRenders(t *testing.T) {
	for key, en := range sources[language.English] {
		for _, n := range []int{1, 2, 5, 21} {
			args := sampleArgs(en, n)
			enOut := newPrinter("en").T(key, args...)
			enHTML := telegramtest.CheckHTML(enOut) == nil
			for _, lang := range Langs {
				out := newPrinter(lang).T(key, args...)
				if strings.Contains(out, "%!") || strings.Contains(out, "${") || strings.Contains(out, "{"+strconv.Itoa(1)) {
					t.Errorf("%s %s (n=%d): badly formatted: %q", lang, key, n, out)
				}
				if enHTML {
					if err := telegramtest.CheckHTML(out); err != nil {
						t.Errorf("%s %s: invalid HTML: %v\n%s", lang, key, err, out)
					}
				}
			}
		}
	}
}

// TestPrinterSpeaksEachLanguage checks that each language gets its own
// strings rather than the English fallback.
func TestPrinterSpeaksEachLanguage(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"en", "About the project"}, {"ru", "О проекте"}, {"kk", "Жоба туралы"}, {"zh", "项目详情"}, {"de", "About the project"},
	}
	for _, tt := range tests {
		if got := newPrinter(tt.lang).T(msgBtnProject); got != tt.want {
			t.Errorf("newPrinter(%q).T(msgBtnProject) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestPluralForms(t *testing.T) {
	tests := []struct {
		lang string
		key  string
		args []any
		want string
	}{
		{"ru", msgPracticeIntro, []any{"Энергетика", 1}, "1 вопрос."},
		{"ru", msgPracticeIntro, []any{"Энергетика", 2}, "2 вопроса."},
		{"ru", msgPracticeIntro, []any{"Энергетика", 5}, "5 вопросов."},
		{"ru", msgPracticeIntro, []any{"Энергетика", 11}, "11 вопросов."},
		{"ru", msgPracticeIntro, []any{"Энергетика", 21}, "21 вопрос."},
		{"ru", msgPracticeIntro, []any{"Энергетика", 22}, "22 вопроса."},
		{"ru", msgQuizIntro, []any{"Все темы", 10, 1, "Аня"}, "на каждый — 1 секунда."},
		{"ru", msgQuizIntro, []any{"Все темы", 10, 30, "Аня"}, "на каждый — 30 секунд."},
		{"ru", msgQuizIntro, []any{"Все темы", 10, 21, "Аня"}, "на каждый — 21 секунда."},
		{"ru", msgHomeworkReport, []any{"ab12", 8, 1, 1}, "закончил 1 из 1 ученика."},
		{"ru", msgHomeworkReport, []any{"ab12", 8, 2, 5}, "закончили 2 из 5 учеников."},
		{"ru", msgHomeworkReport, []any{"ab12", 8, 21, 21}, "закончил 21 из 21 ученика."},
		{"ru", msgSearchHits, []any{"Хоргос", 1}, "найден 1 факт:"},
		{"ru", msgSearchHits, []any{"Хоргос", 3}, "найдено 3 факта:"},
		{"ru", msgSearchHits, []any{"Хоргос", 5}, "найдено 5 фактов:"},
		{"ru", msgAbout, []any{65, 23, 10, "…"}, "Я знаю 65 фактов и 23 карточки проектов о сотрудничестве Казахстана и Китая по 10 темам"},
		{"ru", msgAbout, []any{21, 1, 1, "…"}, "Я знаю 21 факт и 1 карточку проектов о сотрудничестве Казахстана и Китая по 1 теме"},
		{"ru", msgResultsCaption, []any{1, 2}, "1 ученик, 2 вопроса."},
		{"en", msgPracticeIntro, []any{"Energy", 1}, "1 question."},
		{"en", msgPracticeIntro, []any{"Energy", 21}, "21 questions."},
		{"en", msgAbout, []any{1, 1, 1, "x"}, "I know 1 fact and 1 project card about Kazakhstan–China cooperation, in 1 topic"},
		{"en", msgHomeworkReport, []any{"ab12", 1, 1, 2}, "(1 question): 1 of 2 students finished."},
		{"kk", msgPracticeIntro, []any{"Энергетика", 1}, "1 сұрақ."},
		{"kk", msgPracticeIntro, []any{"Энергетика", 5}, "5 сұрақ."},
		{"kk", msgSearchHits, []any{"Қорғас", 21}, "21 дерек табылды:"},
		{"zh", msgPracticeIntro, []any{"能源", 1}, "共 1 道题。"},
		{"zh", msgPracticeIntro, []any{"能源", 5}, "共 5 道题。"},
		{"zh", msgResultsCaption, []any{3, 10}, "3 名学生，10 道题。"},
	}
	for _, tt := range tests {
		got := newPrinter(tt.lang).T(tt.key, tt.args...)
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s %s %v = %q, want it to contain %q", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
}

// TestNumberFormats checks that the numbers the bot formats itself are
// grouped as each language writes them.
func TestNumberFormats(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"en", "Page 1 of 8,445"},
		{"ru", "Страница 1 из 8\u00a0445"},
		{"kk", "1-бет, барлығы 8\u00a0445"},
		{"zh", "第 1 页，共 8,445 页"},
	}
	for _, tt := range tests {
		if got := newPrinter(tt.lang).T(msgPage, 1, 8445); got != tt.want {
			t.Errorf("%s: T(msgPage, 1, 8445) = %q, want %q", tt.lang, got, tt.want)
		}
	}
	if got, want := newPrinter("ru").T(msgAbout, 12345, 2, 5, "x"), "12\u00a0345 фактов"; !strings.Contains(got, want) {
		t.Errorf("ru about with 12345 facts = %q, want it to contain %q", got, want)
	}
}

// TestTranslationsUseOneScriptPerWord catches Latin look-alikes typed
// into Cyrillic words (a Latin "ə" or "o" in a Kazakh word) and checks
// that the Kazakh strings use the Kazakh letters.
func TestTranslationsUseOneScriptPerWord(t *testing.T) {
	for _, tag := range []language.Tag{language.Russian, language.Kazakh} {
		for key, s := range sources[tag] {
			for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
				var latin, cyr bool
				for _, r := range w {
					latin = latin || unicode.Is(unicode.Latin, r)
					cyr = cyr || unicode.Is(unicode.Cyrillic, r)
				}
				if latin && cyr {
					t.Errorf("%s %s: word %q mixes Latin and Cyrillic letters", tag, key, w)
				}
			}
		}
	}
	kk := 0
	for _, s := range sources[language.Kazakh] {
		if strings.ContainsAny(s, "әғқңөұүһіӘҒҚҢӨҰҮҺІ") {
			kk++
		}
	}
	if kk < len(sources[language.Kazakh])/2 {
		t.Errorf("only %d of %d Kazakh strings use a Kazakh-specific letter", kk, len(sources[language.Kazakh]))
	}
}

// TestEverySectionIsTranslated checks that the catalogue names every
// section of the source article the knowledge base cites.
func TestEverySectionIsTranslated(t *testing.T) {
	base := testIndex(t).Base()
	for _, f := range base.Facts {
		if f.Section == "" {
			continue
		}
		if _, ok := sources[language.English][sectionKey(f.Section)]; !ok {
			t.Errorf("fact %s: section %q is not in the catalogue", f.ID, f.Section)
		}
	}
	if got, want := sectionName(newPrinter("ru"), "Energy"), "Энергетика"; got != want {
		t.Errorf("sectionName(ru, Energy) = %q, want %q", got, want)
	}
	if got, want := sectionName(newPrinter("ru"), "A section nobody knows"), "A section nobody knows"; got != want {
		t.Errorf("sectionName of an unknown section = %q, want %q", got, want)
	}
}

func TestFormatDateInEachLanguage(t *testing.T) {
	tests := []struct{ lang, date, want string }{
		{"en", "2023-09-25", "25 September 2023"},
		{"en", "2013-09", "September 2013"},
		{"ru", "2023-09-25", "25 сентября 2023 г."},
		{"ru", "2013-09", "сентябрь 2013 г."},
		{"ru", "2013", "2013 г."},
		{"kk", "2023-09-25", "2023 жылғы 25 қыркүйек"},
		{"kk", "2013-09", "2013 жылғы қыркүйек"},
		{"zh", "2023-09-25", "2023年9月25日"},
		{"zh", "2013", "2013年"},
		// A period within one year names the year once.
		{"en", "2023-01/2023-07", "January–July 2023"},
		{"ru", "2023-01/2023-07", "январь–июль 2023 г."},
		{"kk", "2023-01/2023-07", "2023 жылғы қаңтар–шілде"},
		{"zh", "2023-01/2023-07", "2023年1月至7月"},
		{"en", "2023-09-25/2023-10-12", "25 September – 12 October 2023"},
		{"ru", "2023-09-25/2023-10-12", "25 сентября – 12 октября 2023 г."},
		{"kk", "2023-09-25/2023-10-12", "2023 жылғы 25 қыркүйек – 12 қазан"},
		{"zh", "2023-09-25/2023-10-12", "2023年9月25日至10月12日"},
		// Whole years are a span, with the year word once.
		{"en", "1993/2023", "1993–2023"},
		{"ru", "1993/2023", "1993–2023 гг."},
		{"kk", "1993/2023", "1993–2023 жылдар"},
		{"zh", "1993/2023", "1993年至2023年"},
		// Periods across years, or of mixed precision, give both ends in full.
		{"en", "2022-11/2023-02", "November 2022 – February 2023"},
		{"ru", "2022-11/2023-02", "ноябрь 2022 г. – февраль 2023 г."},
		{"en", "2013/2023-10", "2013 – October 2023"},
		{"en", "2013-13", "2013"},
	}
	for _, tt := range tests {
		if got := formatDate(newPrinter(tt.lang), tt.date); got != tt.want {
			t.Errorf("formatDate(%s, %q) = %q, want %q", tt.lang, tt.date, got, tt.want)
		}
	}
}

// TestEveryCommandInEveryLanguage runs the commands and their buttons in
// each language and checks the HTML, and that no long English message
// leaks into another language's replies.
func TestEveryCommandInEveryLanguage(t *testing.T) {
	ctx := context.Background()
	h := NewHandler(testIndex(t), WithSeed(1))
	EnableLang(h, newMemLangs())
	var english []string
	for key, s := range sources[language.English] {
		if len(verbsOf(s)) == 0 && len(s) > 24 && !strings.HasPrefix(key, "section.") {
			english = append(english, s)
		}
	}
	inputs := []string{"/start", "/help", "/about", "/search khorgos", "/search", "/projects", "/project Horgos",
		"/figures", "/timeline", "/khorgos", "/fact", "/cancel", "/lang", "/lang xx", "who painted the mona lisa",
		"How long is the Western Europe–Western China corridor?"}
	for _, lang := range Langs[1:] {
		for _, text := range inputs {
			req := private(text)
			req.Lang = lang
			replies := h.Handle(ctx, req)
			checkReplies(t, lang+" "+text, replies)
			for _, r := range replies {
				for _, e := range english {
					if strings.Contains(r.HTML, esc(e)) || strings.Contains(r.HTML, e) {
						t.Errorf("%s %q: reply holds the English %q", lang, text, e)
					}
				}
				for _, row := range r.Buttons {
					for _, b := range row {
						got := h.Handle(ctx, &Request{Kind: KindCallback, ChatID: 10, ChatType: ChatPrivate, UserID: 10, MessageID: 5, CallbackID: "q", Data: b.Data, Lang: lang})
						checkReplies(t, lang+" "+text+" > "+b.Data, got)
					}
				}
			}
		}
	}
}

// exampleRE matches an example question the help texts offer in italics.
var exampleRE = regexp.MustCompile(`<i>([^<]+[?？])</i>`)

// TestExampleQuestionsAreAnswered asks every example question the
// welcome, help and hint texts suggest, in every language, and checks
// that the bot answers it in that language.
func TestExampleQuestionsAreAnswered(t *testing.T) {
	ctx := context.Background()
	ix := testIndex(t)
	for _, lang := range Langs {
		tag := language.Make(lang)
		n := 0
		for _, key := range []string{msgWelcome, msgHelp, msgNotText, msgEmptyAsk} {
			for _, m := range exampleRE.FindAllStringSubmatch(sources[tag][key], -1) {
				n++
				res, err := ix.Answer(ctx, m[1], "", 5)
				if err != nil {
					t.Fatal(err)
				}
				if !res.Answered || res.Lang != lang {
					t.Errorf("%s %s: example %q: answered %v in %q", lang, key, m[1], res.Answered, res.Lang)
				}
			}
		}
		if n < 4 {
			t.Errorf("%s: only %d example questions found", lang, n)
		}
	}
}
