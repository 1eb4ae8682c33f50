package knowledge

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A Span is where a text states one of its figures: the bytes
// Start:End of the text, as Load leaves it.
//
// The data files mark the figures in a fact's title and text, and in a
// project's summary, with double brackets: "Khorgos has more than
// [[3,500]] shops". Load removes the brackets and keeps the spans. A
// marker states the figure after the one the marker before it states,
// so the first states the first figure; a text that states its figures
// in another order, or skips one, numbers the marker, counting from 1:
// "over the last [[2|15 years]] it spent [[1|35 billion]] dollars". A
// fact's text marks every figure of the fact once; its title and a
// project's summary mark the figures they state.
type Span struct {
	// Figure is the index of the figure stated: into the fact's
	// Figures, or for a project's summary into the figures of the
	// project's facts, taken in the order Project.Facts lists them.
	Figure     int
	Start, End int
}

const (
	markOpen  = "[["
	markClose = "]]"
)

// Unmark removes the figure markers from s, a text that may state any
// of n figures. It returns s without them and the spans they marked, in
// the order of the text, or an error that quotes the first bad marker.
// Load calls it on every title, text and summary it reads.
func Unmark(s string, n int) (string, []Span, error) {
	if !strings.Contains(s, markOpen) && !strings.Contains(s, markClose) {
		return s, nil, nil
	}
	var plain strings.Builder
	var spans []Span
	stated := make(map[int]bool)
	next := 0 // the figure an unnumbered marker states
	for rest := s; ; {
		open := strings.Index(rest, markOpen)
		if cl := strings.Index(rest, markClose); cl >= 0 && (open < 0 || cl < open) {
			return "", nil, fmt.Errorf("%q closes no marker: %q", markClose, around(rest, cl))
		}
		if open < 0 {
			plain.WriteString(rest)
			break
		}
		plain.WriteString(rest[:open])
		rest = rest[open+len(markOpen):]
		cl := strings.Index(rest, markClose)
		if cl < 0 {
			return "", nil, fmt.Errorf("marker %q is not closed", cut(markOpen+rest, 30))
		}
		if o := strings.Index(rest, markOpen); o >= 0 && o < cl {
			return "", nil, fmt.Errorf("marker %q holds another marker", cut(markOpen+rest[:cl+len(markClose)], 60))
		}
		label, marker := rest[:cl], markOpen+rest[:cl]+markClose
		rest = rest[cl+len(markClose):]
		fig := next
		if num, after, ok := strings.Cut(label, "|"); ok && num != "" && strings.Trim(num, "0123456789") == "" {
			k, err := strconv.Atoi(num)
			if err != nil || k < 1 {
				return "", nil, fmt.Errorf("marker %q: figures are numbered from 1", marker)
			}
			fig, label = k-1, after
		}
		switch {
		case strings.TrimSpace(label) == "":
			return "", nil, fmt.Errorf("marker %q marks nothing", marker)
		case strings.TrimSpace(label) != label:
			return "", nil, fmt.Errorf("marker %q starts or ends with a space", marker)
		case strings.ContainsAny(label, "[]|"):
			return "", nil, fmt.Errorf("marker %q holds a bracket, or a bar not after its number", marker)
		case fig >= n:
			return "", nil, fmt.Errorf("marker %q would state figure %d, but there %s", marker, fig+1, figureCount(n))
		case stated[fig]:
			return "", nil, fmt.Errorf("marker %q states figure %d, which an earlier marker states", marker, fig+1)
		}
		stated[fig] = true
		next = fig + 1
		start := plain.Len()
		plain.WriteString(label)
		spans = append(spans, Span{Figure: fig, Start: start, End: plain.Len()})
	}
	return plain.String(), spans, nil
}

// figureCount says how many figures there are, for messages.
func figureCount(n int) string {
	switch n {
	case 0:
		return "are none"
	case 1:
		return "is 1"
	}
	return fmt.Sprintf("are %d", n)
}

// around returns the text near byte i of s, for messages.
func around(s string, i int) string {
	from := max(i-20, 0)
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	return cut(s[from:], 40)
}

// cut shortens s to about max bytes, at a rune boundary.
func cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	for max > 0 && !utf8.RuneStart(s[max]) {
		max--
	}
	return s[:max] + "…"
}

// unmarkText removes the markers from the title and text of a fact with
// n figures, in lang, keeping their spans. display(i) is figure i as
// lang writes it, for messages. The text must mark every figure; the
// title only those it states.
func unmarkText(file, id, lang string, n int, display func(int) string, title, text *string, titleSpans, textSpans *[]Span) []error {
	var errs []error
	if err := unmarkField(file, id, lang, "title", n, title, titleSpans); err != nil {
		errs = append(errs, err)
	}
	if err := unmarkField(file, id, lang, "text", n, text, textSpans); err != nil {
		return append(errs, err)
	}
	if strings.TrimSpace(*text) == "" {
		return errs
	}
	marked := make([]bool, n)
	for _, s := range *textSpans {
		marked[s.Figure] = true
	}
	for i, ok := range marked {
		if !ok {
			errs = append(errs, &ValidationError{File: file, ID: id, Field: "text", Lang: lang,
				Msg: fmt.Sprintf("figure %d %q is not marked: write [[...]] around where the text states it", i+1, display(i))})
		}
	}
	return errs
}

// unmarkField removes the markers from *s, which may state any of n
// figures, and stores their spans in *spans.
func unmarkField(file, id, lang, field string, n int, s *string, spans *[]Span) error {
	plain, sp, err := Unmark(*s, n)
	if err != nil {
		return &ValidationError{File: file, ID: id, Field: field, Lang: lang, Msg: err.Error()}
	}
	*s, *spans = plain, sp
	return nil
}
