// Command markfigures is a one-off, run once from the repository root:
// it placed the [[...]] figure markers in the titles and texts of
// knowledge/data/facts and i18n, and in the project summaries, where
// bot.figureSpan guessed the figures at render time, so that the bot
// bolds the same words from the markers as it did from the guesses.
// Where the guess was wrong or missed, fixes below say what to mark
// instead. It prints every marked text for checking by eye.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// approxWords and figureSpan are copied from bot/card.go as they were.
var approxWords = []string{"over ", "nearly ", "about ", "almost ", "around ", "more than ", "some "}

func figureSpan(text, display string) (start, end int) {
	try := func(s string) (int, int) {
		if s == "" {
			return -1, -1
		}
		if i := strings.Index(text, s); i >= 0 {
			return i, i + len(s)
		}
		lt, ls := strings.ToLower(text), strings.ToLower(s)
		if len(lt) == len(text) && len(ls) == len(s) {
			if i := strings.Index(lt, ls); i >= 0 {
				return i, i + len(s)
			}
		}
		return -1, -1
	}
	if i, j := try(display); i >= 0 {
		return i, j
	}
	core := display
	for _, w := range approxWords {
		if c, ok := strings.CutPrefix(strings.ToLower(core), w); ok {
			core = core[len(core)-len(c):]
			break
		}
	}
	if i, j := try(core); i >= 0 {
		return i, j
	}
	if r := []rune(core); len(r) >= 6 && unicode.Is(unicode.Cyrillic, r[len(r)-1]) {
		if i, j := try(string(r[:len(r)-2])); i >= 0 {
			for j < len(text) {
				c, n := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(c) {
					break
				}
				j += n
			}
			return i, j
		}
	}
	fields := strings.Fields(core)
	for k, f := range fields {
		if strings.ContainsAny(f, "0123456789") {
			num := f
			if k+1 < len(fields) {
				switch strings.ToLower(fields[k+1]) {
				case "million", "billion", "trillion", "thousand", "km", "%",
					"тыс.", "млн", "млрд", "трлн", "км", "мың":
					if i, j := try(f + " " + fields[k+1]); i >= 0 {
						return i, j
					}
				}
			}
			if len(num) >= 2 || len(fields) == 1 {
				return try(num)
			}
			break
		}
	}
	return -1, -1
}

// fixes are the texts marked by hand where figureSpan was wrong or
// missed, keyed "kind id lang field"; without the markers each must read
// as the text does.
var fixes = map[string]string{
	"fact lianyungang-base-trains zh text":             "中哈（连云港）物流合作基地是首个中欧货运班列开行量[[超过5000列]]的“一带一路”平台。",
	"fact grain-train-lianyungang-2017 ru text":        "В феврале 2017 года в Ляньюньган прибыл специальный поезд с [[сотнями тонн]] казахстанской пшеницы. Он открыл крупный маршрут для экспорта казахстанского зерна на восток.",
	"fact bri-investment zh text":                      "“一带一路”倡议框架下的投资总额已[[接近1万亿美元]]。",
	"fact ccb-astana-branch-2019 ru text":              "В [[сентябре 2019 года]] Строительный банк Китая (CCB) открыл филиал в Астане. Он стал первым коммерческим банком первого уровня, получившим лицензию МФЦА (Международного финансового центра «Астана»).",
	"fact joint-declaration-30th-anniversary kk title": "Бірлескен декларация және [[2|«алтын 30 жыл»]]",
	"fact unionpay-halyk-cards zh title":               "银联与哈萨克斯坦人民银行：发卡[[超360万张]]",
	"fact unionpay-halyk-cards kk title":               "UnionPay және Halyk Bank: [[3,6 млн]] карта",
	"fact kz-transit-routes en title":                  "Kazakhstan: [[5 railways]], [[6 highways]], [[11 corridors]]",
	"fact kz-transit-routes ru title":                  "Казахстан: [[5 железных дорог]], [[6 автомагистралей]], [[11 коридоров]]",
	"fact kz-transit-routes kk title":                  "Қазақстан: [[5 темір жол]], [[6 автожол]], [[11 дәліз]]",
	"fact bri-10th-anniversary-forum en title":         "Tokayev at Belt and Road [[10th-anniversary]] forum",
	"project lianyungang-base zh summary":              "位于中国港口城市连云港的中哈物流合作基地是首个中欧货运班列开行量[[超过5000列]]的“一带一路”平台，它让哈萨克斯坦产品得以直达太平洋。",
	"project grain-train ru summary":                   "В феврале 2017 года специальный поезд с [[сотнями тонн]] казахстанской пшеницы прибыл в Ляньюньган. Он открыл крупный канал экспорта казахстанского зерна на восток.",
	"project ccb-astana ru summary":                    "В [[сентябре 2019 года]] Строительный банк Китая (CCB) открыл филиал в Астане. Он стал первым коммерческим банком первого уровня, получившим лицензию МФЦА.",
	"project wewc-corridor en summary":                 "The transcontinental Western Europe–Western China corridor (named \"Western Europe – Western Kazakhstan\" in the article and also known as the \"Shuan Highway\") is a major Eurasian road. Its [[8,445 km]] link Lianyungang (China) with St. Petersburg (Russia), passing [[dozens]] of Chinese, Kazakh and Russian cities.",
}

// span is where figure fig sits in a text.
type span struct{ fig, start, end int }

// place finds the spans of figs in text as boldFigures did: each
// figure's first guess, skipping one that overlaps an earlier figure's.
// In Russian and Kazakh a span that stops inside a word runs to the
// word's end ("[[10 жылдығына]]", not "[[10 жылдығы]]на").
func place(lang, text string, figs []string) []span {
	var spans []span
	for k, d := range figs {
		i, j := figureSpan(text, d)
		if i < 0 {
			continue
		}
		if lang == "ru" || lang == "kk" {
			for j < len(text) {
				prev, _ := utf8.DecodeLastRuneInString(text[:j])
				c, n := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(prev) || !unicode.IsLetter(c) {
					break
				}
				j += n
			}
		}
		over := false
		for _, s := range spans {
			over = over || i < s.end && s.start < j
		}
		if !over {
			spans = append(spans, span{k, i, j})
		}
	}
	sort.Slice(spans, func(a, b int) bool { return spans[a].start < spans[b].start })
	return spans
}

// mark writes text with markers at spans, numbering a marker only when
// it does not state the figure after the one before it.
func mark(text string, spans []span) string {
	var b strings.Builder
	at, next := 0, 0
	for _, s := range spans {
		b.WriteString(text[at:s.start] + "[[")
		if s.fig != next {
			b.WriteString(strconv.Itoa(s.fig+1) + "|")
		}
		b.WriteString(text[s.start:s.end] + "]]")
		at, next = s.end, s.fig+1
	}
	return b.String() + text[at:]
}

var markerRE = regexp.MustCompile(`\[\[(?:\d+\|)?|\]\]`)

// edit is one text to mark in one file.
type edit struct {
	file, key, old, marked string
}

func main() {
	root := "knowledge/data"
	var edits []edit
	var report strings.Builder
	do := func(file, kind, id, lang, field, text string, figs []string) {
		if strings.Contains(text, "[[") {
			fail("%s: %s %s already has markers", file, id, field)
		}
		spans := place(lang, text, figs)
		marked := mark(text, spans)
		key := strings.Join([]string{kind, id, lang, field}, " ")
		note := ""
		if fix, ok := fixes[key]; ok {
			if markerRE.ReplaceAllString(fix, "") != text {
				fail("fix for %s does not read as the text:\n%s\n%s", key, fix, text)
			}
			marked, note = fix, " (fixed by hand)"
			delete(fixes, key)
		}
		var missed []string
		for k, d := range figs {
			found := false
			for _, s := range spans {
				found = found || s.fig == k
			}
			if !found {
				missed = append(missed, fmt.Sprintf("%d %q", k+1, d))
			}
		}
		fmt.Fprintf(&report, "%s%s\n    %s\n", key, note, marked)
		if len(missed) > 0 && note == "" {
			fmt.Fprintf(&report, "    guess missed: %s\n", strings.Join(missed, ", "))
		}
		if marked != text {
			edits = append(edits, edit{file, field, text, marked})
		}
	}

	var facts []knowledge.Fact
	byID := map[string]*knowledge.Fact{}
	names, _ := filepath.Glob(filepath.Join(root, "facts", "*.json"))
	sort.Strings(names)
	for _, name := range names {
		var ff struct{ Facts []knowledge.Fact }
		read(name, &ff)
		for _, f := range ff.Facts {
			facts = append(facts, f)
			if len(f.Figures) == 0 {
				continue
			}
			figs := make([]string, len(f.Figures))
			for k, fig := range f.Figures {
				figs[k] = fig.Display
			}
			do(name, "fact", f.ID, "en", "title", f.Title, figs)
			do(name, "fact", f.ID, "en", "text", f.Text, figs)
		}
	}
	for i := range facts {
		byID[facts[i].ID] = &facts[i]
	}
	var pf struct{ Projects []knowledge.Project }
	read(filepath.Join(root, "projects.json"), &pf)
	projectFigs := func(p knowledge.Project, loc map[string]knowledge.Localized) []string {
		var figs []string
		for _, id := range p.Facts {
			f := byID[id]
			for k, fig := range f.Figures {
				d := fig.Display
				if l, ok := loc[id]; ok && k < len(l.Figures) && l.Figures[k] != "" {
					d = l.Figures[k]
				}
				figs = append(figs, d)
			}
		}
		return figs
	}
	for _, p := range pf.Projects {
		if figs := projectFigs(p, nil); len(figs) > 0 {
			do(filepath.Join(root, "projects.json"), "project", p.ID, "en", "summary", p.Summary, figs)
		}
	}
	for _, lang := range knowledge.Langs[1:] {
		name := filepath.Join(root, "i18n", lang+".json")
		var tf struct {
			Facts    map[string]knowledge.Localized
			Projects map[string]knowledge.ProjectText
		}
		read(name, &tf)
		for _, f := range facts {
			loc, ok := tf.Facts[f.ID]
			if !ok || len(f.Figures) == 0 {
				continue
			}
			figs := make([]string, len(f.Figures))
			for k, fig := range f.Figures {
				figs[k] = fig.Display
				if k < len(loc.Figures) && loc.Figures[k] != "" {
					figs[k] = loc.Figures[k]
				}
			}
			if loc.Title != "" {
				do(name, "fact", f.ID, lang, "title", loc.Title, figs)
			}
			if loc.Text != "" {
				do(name, "fact", f.ID, lang, "text", loc.Text, figs)
			}
		}
		for _, p := range pf.Projects {
			pt, ok := tf.Projects[p.ID]
			if figs := projectFigs(p, tf.Facts); ok && pt.Summary != "" && len(figs) > 0 {
				do(name, "project", p.ID, lang, "summary", pt.Summary, figs)
			}
		}
	}
	for key := range fixes {
		fail("fix for %s matches no text", key)
	}

	files := map[string][]byte{}
	for _, e := range edits {
		data, ok := files[e.file]
		if !ok {
			var err error
			if data, err = os.ReadFile(e.file); err != nil {
				fail("%v", err)
			}
		}
		old := []byte(fmt.Sprintf("%q: %s", e.key, encode(e.old)))
		if n := bytes.Count(data, old); n != 1 {
			fail("%s: %s found %d times", e.file, old, n)
		}
		files[e.file] = bytes.Replace(data, old, []byte(fmt.Sprintf("%q: %s", e.key, encode(e.marked))), 1)
	}
	if len(os.Args) > 1 && os.Args[1] == "-w" {
		for name, data := range files {
			if err := os.WriteFile(name, data, 0o644); err != nil {
				fail("%v", err)
			}
		}
	}
	fmt.Print(report.String())
	fmt.Fprintf(os.Stderr, "%d texts marked in %d files\n", len(edits), len(files))
}

// encode writes s as the data files do: JSON without HTML escapes.
func encode(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		fail("%v", err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func read(name string, v any) {
	data, err := os.ReadFile(name)
	if err == nil {
		err = json.Unmarshal(data, v)
	}
	if err != nil {
		fail("%s: %v", name, err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "markfigures: "+format+"\n", args...)
	os.Exit(1)
}
