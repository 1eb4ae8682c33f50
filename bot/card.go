package bot

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// boldFigures escapes text and puts its spans, where it states
// figures, in bold. The spans are in the order of the text and do not
// overlap, as knowledge.Load leaves them.
func boldFigures(text string, spans []knowledge.Span) string {
	var b strings.Builder
	at := 0
	for _, s := range spans {
		b.WriteString(esc(text[at:s.Start]))
		b.WriteString("<b>" + esc(text[s.Start:s.End]) + "</b>")
		at = s.End
	}
	b.WriteString(esc(text[at:]))
	return b.String()
}

// formatDate renders a fact's date or period ("2013-09",
// "2023-09-25/2023-10-12") in the printer's language. A period within one
// year names the year once ("January–July 2023", not "January 2023 – July
// 2023"), and a period of whole years is a span ("1993–2023").
func formatDate(p printer, date string) string {
	from, to, ok := strings.Cut(date, "/")
	if !ok {
		return formatDay(p, from)
	}
	y1, m1, d1, n1 := parseDay(from)
	y2, m2, d2, n2 := parseDay(to)
	if n1 > 0 && n1 == n2 {
		switch {
		case n1 == 1:
			return p.T(msgDateYearRange, y1, y2)
		case n1 == 2 && y1 == y2:
			return p.T(msgDateMonthRange, p.T(monthKey(m1)), p.T(monthKey(m2)), y1)
		case n1 == 3 && y1 == y2:
			return p.T(msgDateDayRange, strconv.Itoa(d1), p.T(monthDayKey(m1)), strconv.Itoa(d2), p.T(monthDayKey(m2)), y1)
		}
	}
	return p.T(msgDateRange, formatDay(p, from), formatDay(p, to))
}

// parseDay splits "2013", "2013-09" or "2013-09-07" into its year, month
// and day, and says how many of the three it has: 0 when s is none of
// these forms.
func parseDay(s string) (year string, month, day, n int) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return "", 0, 0, 0
	}
	if _, err := strconv.Atoi(parts[0]); err != nil {
		return "", 0, 0, 0
	}
	if len(parts) >= 2 {
		m, err := strconv.Atoi(parts[1])
		if err != nil || m < 1 || m > 12 {
			return "", 0, 0, 0
		}
		month = m
	}
	if len(parts) == 3 {
		d, err := strconv.Atoi(parts[2])
		if err != nil || d < 1 || d > 31 {
			return "", 0, 0, 0
		}
		day = d
	}
	return parts[0], month, day, len(parts)
}

// formatDay renders "2013", "2013-09" or "2013-09-07".
func formatDay(p printer, s string) string {
	year, m, d, n := parseDay(s)
	switch n {
	case 2:
		return p.T(msgDateMonth, p.T(monthKey(m)), year)
	case 3:
		return p.T(msgDateDay, strconv.Itoa(d), p.T(monthDayKey(m)), year)
	}
	return p.T(msgDateYear, strings.Split(s, "-")[0])
}

// factCard renders a fact as an HTML card: bold title, the text with its
// figures in bold, the date and places, and the source.
func factCard(p printer, f *knowledge.Fact) string {
	var b strings.Builder
	b.WriteString("<b>" + esc(f.TitleIn(p.lang)) + "</b>\n\n")
	b.WriteString(boldFigures(f.TextIn(p.lang), f.TextSpansIn(p.lang)))
	var meta []string
	if f.Date != "" {
		meta = append(meta, "📅 "+esc(formatDate(p, f.Date)))
	}
	if places := f.PlacesIn(p.lang); len(places) > 0 {
		meta = append(meta, "📍 "+esc(strings.Join(places, p.T(msgListSep))))
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
		b.WriteString("\n\n📍 " + esc(strings.Join(places, p.T(msgListSep))))
	}
	if len(pr.Facts) > 0 {
		b.WriteString("\n\n" + p.T(msgProjectFacts))
		for _, id := range pr.Facts {
			if f, ok := base.Fact(id); ok {
				b.WriteString("\n• " + boldFigures(f.TitleIn(p.lang), f.TitleSpansIn(p.lang)))
			}
		}
	}
	return b.String()
}

// firstSentence returns text up to the end of its first sentence, at most
// max runes; longer text is cut at a word boundary and ends with "…". A
// period after an abbreviation ("St. Petersburg", "No. 2") or an initial
// does not end a sentence; "。", "！" and "？" do.
func firstSentence(text string, max int) string {
	text = text[:sentenceEnd(text)]
	r := []rune(text)
	if len(r) <= max {
		return text
	}
	cut := string(r[:max-1])
	if !unicode.IsSpace(r[max-1]) {
		if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
			cut = cut[:i]
		}
	}
	return strings.TrimRight(cut, " ,;:–—-(«“\"") + "…"
}

// abbreviations end with a period that does not end a sentence, compared
// in lower case without that period.
var abbreviations = map[string]bool{
	"st": true, "no": true, "nos": true, "mr": true, "mrs": true, "ms": true, "dr": true,
	"prof": true, "jr": true, "sr": true, "vs": true, "e.g": true, "i.e": true, "approx": true,
	"г": true, "гг": true, "им": true, "ул": true, "св": true, "т.е": true, "т.к": true,
	"проф": true, "акад": true, "англ": true, "кит": true, "каз": true,
}

// sentenceEnd returns the byte offset just past the first sentence of
// text, or len(text) when text is one sentence.
func sentenceEnd(text string) int {
	for i, r := range text {
		switch r {
		case '。', '！', '？':
			return i + len(string(r))
		case '!', '?':
			if strings.HasPrefix(text[i+1:], " ") {
				return i + 1
			}
		case '.':
			if !strings.HasPrefix(text[i+1:], " ") {
				continue
			}
			word := text[:i]
			if j := strings.LastIndexAny(word, " («“\"\n"); j >= 0 {
				word = word[j+1:]
			}
			if abbreviations[strings.ToLower(word)] || utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) {
				continue
			}
			next, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[i+1:], " "))
			if unicode.IsLower(next) {
				continue
			}
			return i + 1
		}
	}
	return len(text)
}

// maxEcho is how many runes of the user's own words a reply quotes back.
const maxEcho = 40

// echo shortens the user's words for quoting them back in a reply, so a
// pasted paragraph is not repeated in full.
func echo(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxEcho {
		return strings.TrimSpace(string(r[:maxEcho-1])) + "…"
	}
	return s
}

// midSentence writes a name as it stands inside a sentence: a leading
// capital is lowered when a small letter follows it ("Trade" becomes
// "trade", "The Belt and Road" "the Belt and Road"), while acronyms and
// names in quotes stay as they are.
func midSentence(s string) string {
	r := []rune(s)
	if len(r) >= 2 && unicode.IsUpper(r[0]) && unicode.IsLower(r[1]) {
		r[0] = unicode.ToLower(r[0])
		return string(r)
	}
	return s
}
