package knowledge

import (
	"fmt"
	"sort"
	"strings"
)

// Fact returns the fact with the given id.
func (b *Base) Fact(id string) (*Fact, bool) {
	i, ok := b.factByID[id]
	if !ok {
		return nil, false
	}
	return &b.Facts[i], true
}

// Project returns the project card with the given id.
func (b *Base) Project(id string) (*Project, bool) {
	i, ok := b.projectByID[id]
	if !ok {
		return nil, false
	}
	return &b.Projects[i], true
}

// Timeline returns the dated facts, oldest first. Facts with the same
// start keep their order in the data.
func (b *Base) Timeline() []*Fact {
	var out []*Fact
	for i := range b.Facts {
		if b.Facts[i].Date != "" {
			out = append(out, &b.Facts[i])
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, _, _ := ParsePeriod(out[i].Date)
		c, _, _ := ParsePeriod(out[j].Date)
		return a.Before(c)
	})
	return out
}

// ProjectsIn returns the projects of category c, in data order.
func (b *Base) ProjectsIn(c Category) []*Project {
	var out []*Project
	for i := range b.Projects {
		if b.Projects[i].Category == c {
			out = append(out, &b.Projects[i])
		}
	}
	return out
}

// FactsIn returns the facts of category c, in data order.
func (b *Base) FactsIn(c Category) []*Fact {
	var out []*Fact
	for i := range b.Facts {
		if b.Facts[i].Category == c {
			out = append(out, &b.Facts[i])
		}
	}
	return out
}

// Missing lists, for each language other than English, the facts and
// projects that lack a translated title or text: "ru: fact khorgos-icbc";
// and for every language, the facts with fewer example questions than
// MinExamples: "kk: examples of fact khorgos-icbc (4 of 6)".
func (b *Base) Missing() []string {
	var out []string
	for _, lang := range Langs {
		for _, f := range b.Facts {
			if n := len(f.Examples[lang]); n < MinExamples[lang] {
				out = append(out, fmt.Sprintf("%s: examples of fact %s (%d of %d)", lang, f.ID, n, MinExamples[lang]))
			}
		}
	}
	for _, lang := range Langs[1:] {
		for _, f := range b.Facts {
			loc, ok := f.I18n[lang]
			if !ok || strings.TrimSpace(loc.Title) == "" || strings.TrimSpace(loc.Text) == "" {
				out = append(out, lang+": fact "+f.ID)
			} else if len(f.Figures) > 0 && len(loc.Figures) != len(f.Figures) {
				out = append(out, lang+": figures of fact "+f.ID)
			}
		}
		for _, p := range b.Projects {
			pt, ok := p.I18n[lang]
			if !ok || strings.TrimSpace(pt.Name) == "" || strings.TrimSpace(pt.Summary) == "" {
				out = append(out, lang+": project "+p.ID)
			}
		}
	}
	return out
}

// translated is a translation's value when it has one (has), else the
// English one.
func translated[T any](has bool, tr, en T) T {
	if has {
		return tr
	}
	return en
}

// TitleIn returns the fact's title in lang, falling back to English.
func (f *Fact) TitleIn(lang string) string {
	t := f.I18n[lang]
	return translated(t.Title != "", t.Title, f.Title)
}

// TextIn returns the fact's text in lang, falling back to English.
func (f *Fact) TextIn(lang string) string {
	t := f.I18n[lang]
	return translated(t.Text != "", t.Text, f.Text)
}

// TitleSpansIn returns where the fact's title in lang, as TitleIn
// returns it, states the fact's figures.
func (f *Fact) TitleSpansIn(lang string) []Span {
	t := f.I18n[lang]
	return translated(t.Title != "", t.TitleSpans, f.TitleSpans)
}

// TextSpansIn returns where the fact's text in lang, as TextIn returns
// it, states the fact's figures: every one of them.
func (f *Fact) TextSpansIn(lang string) []Span {
	t := f.I18n[lang]
	return translated(t.Text != "", t.TextSpans, f.TextSpans)
}

// FigureIn returns how figure i of the fact reads in lang.
func (f *Fact) FigureIn(lang string, i int) string {
	if loc, ok := f.I18n[lang]; ok && i < len(loc.Figures) && loc.Figures[i] != "" {
		return loc.Figures[i]
	}
	return f.Figures[i].Display
}

// MeasureIn returns what figure i of the fact measures, in lang: the
// translation's measure, or the English one for English; "" when the
// translation has none.
func (f *Fact) MeasureIn(lang string, i int) string {
	if lang == "en" {
		return f.Figures[i].Measure
	}
	if loc, ok := f.I18n[lang]; ok && i < len(loc.Measures) {
		return loc.Measures[i]
	}
	return ""
}

// PlacesIn returns the fact's places in lang, falling back to English.
func (f *Fact) PlacesIn(lang string) []string {
	if loc, ok := f.I18n[lang]; ok && len(loc.Places) == len(f.Places) {
		return loc.Places
	}
	return f.Places
}

// NameIn returns the project's name in lang, falling back to English.
func (p *Project) NameIn(lang string) string {
	t := p.I18n[lang]
	return translated(t.Name != "", t.Name, p.Name)
}

// SummaryIn returns the project's summary in lang, falling back to English.
func (p *Project) SummaryIn(lang string) string {
	t := p.I18n[lang]
	return translated(t.Summary != "", t.Summary, p.Summary)
}

// SummarySpansIn returns where the project's summary in lang, as
// SummaryIn returns it, states figures of the project's facts.
func (p *Project) SummarySpansIn(lang string) []Span {
	t := p.I18n[lang]
	return translated(t.Summary != "", t.SummarySpans, p.SummarySpans)
}

// PlaceNameIn returns the name of place i of the project in lang.
func (p *Project) PlaceNameIn(lang string, i int) string {
	if t, ok := p.I18n[lang]; ok && i < len(t.Places) && t.Places[i] != "" {
		return t.Places[i]
	}
	return p.Places[i].Name
}

// FactIndex returns the position of the fact with the given id in Facts.
func (b *Base) FactIndex(id string) (int, bool) {
	i, ok := b.factByID[id]
	return i, ok
}
