package bot

import (
	"strconv"
	"strings"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// approxWords are qualifiers a figure's display may start with although
// the fact's text words them differently ("over 3,500" / "more than 3,500").
var approxWords = []string{"over ", "nearly ", "about ", "almost ", "around ", "more than ", "some "}

// figureSpan finds where a figure's display text occurs in text: exactly,
// ignoring case, or without its leading qualifier. It returns -1 when the
// figure is not in the text.
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
	// The number alone, with a following scale word ("22 billion").
	fields := strings.Fields(core)
	for k, f := range fields {
		if strings.ContainsAny(f, "0123456789") {
			num := f
			if k+1 < len(fields) {
				switch strings.ToLower(fields[k+1]) {
				case "million", "billion", "trillion", "thousand", "km", "%":
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

// boldFigures escapes text and puts the figures it mentions in bold.
func boldFigures(text string, figures []string) string {
	type span struct{ i, j int }
	var spans []span
	for _, d := range figures {
		i, j := figureSpan(text, d)
		if i < 0 {
			continue
		}
		overlap := false
		for _, s := range spans {
			if i < s.j && s.i < j {
				overlap = true
				break
			}
		}
		if !overlap {
			spans = append(spans, span{i, j})
		}
	}
	// Sort by start; there are only a few.
	for a := 1; a < len(spans); a++ {
		for b := a; b > 0 && spans[b].i < spans[b-1].i; b-- {
			spans[b], spans[b-1] = spans[b-1], spans[b]
		}
	}
	var b strings.Builder
	at := 0
	for _, s := range spans {
		b.WriteString(esc(text[at:s.i]))
		b.WriteString("<b>" + esc(text[s.i:s.j]) + "</b>")
		at = s.j
	}
	b.WriteString(esc(text[at:]))
	return b.String()
}

// factFigures returns the display text of every figure of f in lang.
func factFigures(f *knowledge.Fact, lang string) []string {
	out := make([]string, len(f.Figures))
	for i := range f.Figures {
		out[i] = f.FigureIn(lang, i)
	}
	return out
}

// formatDate renders a fact's date or period ("2013-09",
// "2023-09-25/2023-10-12") in the printer's language.
func formatDate(p printer, date string) string {
	from, to, ok := strings.Cut(date, "/")
	if ok {
		return p.T(msgDateRange, formatDay(p, from), formatDay(p, to))
	}
	return formatDay(p, from)
}

// formatDay renders "2013", "2013-09" or "2013-09-07".
func formatDay(p printer, s string) string {
	parts := strings.Split(s, "-")
	year := parts[0]
	switch len(parts) {
	case 2:
		if m, err := strconv.Atoi(parts[1]); err == nil && m >= 1 && m <= 12 {
			return p.T(msgDateMonth, p.T(monthKey(m)), year)
		}
	case 3:
		m, err1 := strconv.Atoi(parts[1])
		d, err2 := strconv.Atoi(parts[2])
		if err1 == nil && err2 == nil && m >= 1 && m <= 12 {
			return p.T(msgDateDay, strconv.Itoa(d), p.T(monthDayKey(m)), year)
		}
	}
	return p.T(msgDateYear, year)
}

// factCard renders a fact as an HTML card: bold title, the text with its
// figures in bold, the date and places, and the source.
func factCard(p printer, f *knowledge.Fact) string {
	var b strings.Builder
	b.WriteString("<b>" + esc(f.TitleIn(p.lang)) + "</b>\n\n")
	b.WriteString(boldFigures(f.TextIn(p.lang), factFigures(f, p.lang)))
	var meta []string
	if f.Date != "" {
		meta = append(meta, "📅 "+esc(formatDate(p, f.Date)))
	}
	if places := f.PlacesIn(p.lang); len(places) > 0 {
		meta = append(meta, "📍 "+esc(strings.Join(places, ", ")))
	}
	if len(meta) > 0 {
		b.WriteString("\n\n" + strings.Join(meta, " · "))
	}
	if f.Section != "" {
		b.WriteString("\n<i>" + esc(p.T(msgSource, sectionName(p, f.Section))) + "</i>")
	}
	return b.String()
}

// projectCard renders a project: bold name, summary, places, and its facts
// as a short list.
func projectCard(p printer, base *knowledge.Base, pr *knowledge.Project) string {
	var b strings.Builder
	b.WriteString("<b>" + esc(pr.NameIn(p.lang)) + "</b>\n")
	b.WriteString("<i>" + esc(p.T(categoryKey(string(pr.Category)))) + "</i>\n\n")
	b.WriteString(esc(pr.SummaryIn(p.lang)))
	var places []string
	for i := range pr.Places {
		places = append(places, pr.PlaceNameIn(p.lang, i))
	}
	if len(places) > 0 {
		b.WriteString("\n\n📍 " + esc(strings.Join(places, ", ")))
	}
	if len(pr.Facts) > 0 {
		b.WriteString("\n\n" + p.T(msgProjectFacts))
		for _, id := range pr.Facts {
			if f, ok := base.Fact(id); ok {
				b.WriteString("\n• " + boldFigures(f.TitleIn(p.lang), factFigures(f, p.lang)))
			}
		}
	}
	return b.String()
}

// firstSentence returns text up to the end of its first sentence, at most
// max runes.
func firstSentence(text string, max int) string {
	if i := strings.Index(text, ". "); i > 0 {
		text = text[:i+1]
	}
	r := []rune(text)
	if len(r) > max {
		return strings.TrimSpace(string(r[:max-1])) + "…"
	}
	return text
}
