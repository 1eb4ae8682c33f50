package knowledge

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed data
var embedded embed.FS

// Data returns the embedded data files, rooted so that Load can read them.
func Data() fs.FS {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder exists
	}
	return sub
}

// Langs lists the languages silkroad speaks, English first.
var Langs = []string{"en", "ru", "kk", "zh"}

// Base is the loaded, validated knowledge base. It is read-only after Load.
type Base struct {
	Facts    []Fact
	Projects []Project
	// Synonyms maps a language code to groups of one-word equivalents
	// ("khorgos", "horgos", "khorgas") used to expand searches.
	Synonyms map[string][][]string
	// Lexicon holds the word lists that say how people ask.
	Lexicon *Lexicon

	factByID    map[string]int
	projectByID map[string]int
}

// A ValidationError names the data file, the fact or project and the
// field that is wrong, so a curator can find it at once.
type ValidationError struct {
	File  string
	ID    string
	Field string
	Msg   string
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.ID != "" {
		b.WriteString(": " + e.ID)
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

type factFile struct {
	Facts []Fact `json:"facts"`
}

type projectFile struct {
	Projects []Project `json:"projects"`
}

type i18nFile struct {
	Facts    map[string]Localized   `json:"facts"`
	Projects map[string]ProjectText `json:"projects"`
}

// Load reads the data files from fsys: facts/*.json, projects.json,
// synonyms.json, i18n/<lang>.json, examples/<lang>.json and
// lexicon/<purpose>.<lang>.txt. It returns every problem it finds,
// joined, each as a *ValidationError.
func Load(fsys fs.FS) (*Base, error) {
	b := &Base{Synonyms: map[string][][]string{}}
	var errs []error
	fileOf := map[string]string{} // fact id -> file, for messages

	names, err := fs.Glob(fsys, "facts/*.json")
	if err != nil {
		return nil, fmt.Errorf("list fact files: %w", err)
	}
	if len(names) == 0 {
		return nil, &ValidationError{File: "facts/", Msg: "no fact files found"}
	}
	sort.Strings(names)
	for _, name := range names {
		var ff factFile
		if err := readJSON(fsys, name, &ff); err != nil {
			errs = append(errs, err)
			continue
		}
		for _, f := range ff.Facts {
			fileOf[f.ID] = name
			b.Facts = append(b.Facts, f)
		}
	}

	var pf projectFile
	if err := readJSON(fsys, "projects.json", &pf); err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, err)
	}
	b.Projects = pf.Projects

	if err := readJSON(fsys, "synonyms.json", &b.Synonyms); err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, err)
	}

	b.index()
	errs = append(errs, b.validate(fileOf)...)
	for _, p := range b.Projects {
		if len(p.Facts) > 0 {
			if i, ok := b.factByID[p.Facts[0]]; ok {
				b.Facts[i].Main = true
			}
		}
	}

	for _, lang := range Langs[1:] {
		name := "i18n/" + lang + ".json"
		var tf i18nFile
		if err := readJSON(fsys, name, &tf); err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
			continue
		}
		errs = append(errs, b.merge(name, lang, tf)...)
	}
	errs = append(errs, b.loadExamples(fsys)...)
	lx, lerrs := loadLexicon(fsys)
	b.Lexicon = lx
	errs = append(errs, lerrs...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return b, nil
}

// Default loads the embedded knowledge base.
func Default() (*Base, error) {
	return Load(Data())
}

func readJSON(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: %w", name, fs.ErrNotExist)
		}
		return &ValidationError{File: name, Msg: err.Error()}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		msg := err.Error()
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
			msg = fmt.Sprintf("line %d: %s", line, se.Error())
		}
		return &ValidationError{File: name, Msg: "invalid JSON: " + msg}
	}
	return nil
}

func (b *Base) index() {
	b.factByID = make(map[string]int, len(b.Facts))
	for i, f := range b.Facts {
		if _, dup := b.factByID[f.ID]; !dup {
			b.factByID[f.ID] = i
		}
	}
	b.projectByID = make(map[string]int, len(b.Projects))
	for i, p := range b.Projects {
		if _, dup := b.projectByID[p.ID]; !dup {
			b.projectByID[p.ID] = i
		}
	}
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (b *Base) validate(factFile map[string]string) []error {
	var errs []error
	bad := func(file, id, field, format string, args ...any) {
		errs = append(errs, &ValidationError{File: file, ID: id, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	seen := map[string]bool{}
	for _, f := range b.Facts {
		file := factFile[f.ID]
		switch {
		case f.ID == "":
			bad(file, "(no id)", "id", "is required (title %q)", f.Title)
			continue
		case !idPattern.MatchString(f.ID):
			bad(file, f.ID, "id", "must be kebab-case: lowercase letters, digits and single hyphens")
		case seen[f.ID]:
			bad(file, f.ID, "id", "is used twice")
		}
		seen[f.ID] = true
		if !f.Category.Known() {
			bad(file, f.ID, "category", "unknown category %q (known: %s)", f.Category, joinCats())
		}
		if strings.TrimSpace(f.Title) == "" {
			bad(file, f.ID, "title", "is required")
		}
		if strings.TrimSpace(f.Text) == "" {
			bad(file, f.ID, "text", "is required")
		}
		if strings.TrimSpace(f.Section) == "" {
			bad(file, f.ID, "section", "is required")
		}
		for i, fig := range f.Figures {
			if err := fig.check(); err != nil {
				bad(file, f.ID, fmt.Sprintf("figures[%d]", i), "%v", err)
			}
		}
		if f.Date != "" {
			if _, _, err := ParsePeriod(f.Date); err != nil {
				bad(file, f.ID, "date", "%v", err)
			}
		}
		for _, r := range f.Related {
			if _, ok := b.factByID[r]; !ok {
				bad(file, f.ID, "related", "names unknown fact %q", r)
			}
		}
		if f.Project != "" {
			if _, ok := b.projectByID[f.Project]; !ok {
				bad(file, f.ID, "project", "names unknown project %q", f.Project)
			}
		}
	}
	const pfile = "projects.json"
	pseen := map[string]bool{}
	for _, p := range b.Projects {
		switch {
		case p.ID == "":
			bad(pfile, "(no id)", "id", "is required (name %q)", p.Name)
			continue
		case !idPattern.MatchString(p.ID):
			bad(pfile, p.ID, "id", "must be kebab-case")
		case pseen[p.ID]:
			bad(pfile, p.ID, "id", "is used twice")
		}
		pseen[p.ID] = true
		if !p.Category.Known() {
			bad(pfile, p.ID, "category", "unknown category %q (known: %s)", p.Category, joinCats())
		}
		if strings.TrimSpace(p.Name) == "" {
			bad(pfile, p.ID, "name", "is required")
		}
		if strings.TrimSpace(p.Summary) == "" {
			bad(pfile, p.ID, "summary", "is required")
		}
		if len(p.Facts) == 0 {
			bad(pfile, p.ID, "facts", "needs at least one fact")
		}
		for _, id := range p.Facts {
			if _, ok := b.factByID[id]; !ok {
				bad(pfile, p.ID, "facts", "names unknown fact %q", id)
			}
		}
		for i, pl := range p.Places {
			if pl.Name == "" {
				bad(pfile, p.ID, fmt.Sprintf("places[%d].name", i), "is required")
			}
			if (pl.Lat == nil) != (pl.Lon == nil) {
				bad(pfile, p.ID, fmt.Sprintf("places[%d]", i), "needs both lat and lon, or neither")
			}
			if pl.Lat != nil && pl.Lon != nil && (*pl.Lat < -90 || *pl.Lat > 90 || *pl.Lon < -180 || *pl.Lon > 180) {
				bad(pfile, p.ID, fmt.Sprintf("places[%d]", i), "coordinates out of range")
			}
		}
	}
	for lang, groups := range b.Synonyms {
		if !knownLang(lang) {
			bad("synonyms.json", "", lang, "unknown language (known: %s)", strings.Join(Langs, ", "))
		}
		for i, g := range groups {
			if len(g) < 2 {
				bad("synonyms.json", "", fmt.Sprintf("%s[%d]", lang, i), "a group needs at least two words")
			}
		}
	}
	return errs
}

func (b *Base) merge(file, lang string, tf i18nFile) []error {
	var errs []error
	for id, loc := range tf.Facts {
		i, ok := b.factByID[id]
		if !ok {
			errs = append(errs, &ValidationError{File: file, ID: id, Msg: "translation of unknown fact"})
			continue
		}
		f := &b.Facts[i]
		if len(loc.Figures) != 0 && len(loc.Figures) != len(f.Figures) {
			errs = append(errs, &ValidationError{File: file, ID: id, Field: "figures",
				Msg: fmt.Sprintf("has %d figures, the fact has %d", len(loc.Figures), len(f.Figures))})
		}
		if len(loc.Measures) != 0 && len(loc.Measures) != len(f.Figures) {
			errs = append(errs, &ValidationError{File: file, ID: id, Field: "measures",
				Msg: fmt.Sprintf("has %d measures, the fact has %d figures", len(loc.Measures), len(f.Figures))})
		}
		if f.I18n == nil {
			f.I18n = map[string]Localized{}
		}
		f.I18n[lang] = loc
	}
	for id, pt := range tf.Projects {
		i, ok := b.projectByID[id]
		if !ok {
			errs = append(errs, &ValidationError{File: file, ID: id, Msg: "translation of unknown project"})
			continue
		}
		p := &b.Projects[i]
		if p.I18n == nil {
			p.I18n = map[string]ProjectText{}
		}
		p.I18n[lang] = pt
	}
	return errs
}

func knownLang(l string) bool {
	for _, k := range Langs {
		if k == l {
			return true
		}
	}
	return false
}

func joinCats() string {
	s := make([]string, len(Categories))
	for i, c := range Categories {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

func (fig Figure) check() error {
	known := false
	for _, k := range FigureKinds {
		if fig.Kind == k {
			known = true
		}
	}
	if !known {
		return fmt.Errorf("unknown kind %q", fig.Kind)
	}
	if strings.TrimSpace(fig.Measure) == "" {
		return errors.New("measure is required")
	}
	if strings.TrimSpace(fig.Display) == "" {
		return errors.New("display is required")
	}
	if fig.Kind == KindDate {
		if _, _, err := ParsePeriod(fig.Value); err != nil {
			return fmt.Errorf("value: %w", err)
		}
		return nil
	}
	if _, err := fig.Number(); err != nil {
		return err
	}
	return nil
}

// Number returns the figure's value as a number. For kind date it is
// the year.
func (fig Figure) Number() (float64, error) {
	if fig.Kind == KindDate {
		from, _, err := ParsePeriod(fig.Value)
		if err != nil {
			return 0, err
		}
		return float64(from.Year()), nil
	}
	v, err := strconv.ParseFloat(fig.Value, 64)
	if err != nil {
		return 0, fmt.Errorf("value %q is not a number", fig.Value)
	}
	if v < 0 {
		return 0, fmt.Errorf("value %q is negative", fig.Value)
	}
	return v, nil
}

// ParsePeriod parses a date ("2013", "2013-09", "2022-11-15") or a
// period of two dates joined by "/". It returns the first and last day.
func ParsePeriod(s string) (from, to time.Time, err error) {
	a, b, isPeriod := strings.Cut(s, "/")
	from, _, err = parseDate(a)
	if err != nil {
		return from, to, err
	}
	if !isPeriod {
		_, to, err = parseDate(a)
		return from, to, err
	}
	_, to, err = parseDate(b)
	if err == nil && to.Before(from) {
		err = fmt.Errorf("period %q ends before it starts", s)
	}
	return from, to, err
}

func parseDate(s string) (first, last time.Time, err error) {
	for _, l := range []struct {
		layout string
		add    func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }},
	} {
		if len(s) != len(l.layout) {
			continue
		}
		if t, err := time.Parse(l.layout, s); err == nil {
			return t, l.add(t), nil
		}
	}
	return first, last, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
}

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

// TitleIn returns the fact's title in lang, falling back to English.
func (f *Fact) TitleIn(lang string) string {
	if loc, ok := f.I18n[lang]; ok && loc.Title != "" {
		return loc.Title
	}
	return f.Title
}

// TextIn returns the fact's text in lang, falling back to English.
func (f *Fact) TextIn(lang string) string {
	if loc, ok := f.I18n[lang]; ok && loc.Text != "" {
		return loc.Text
	}
	return f.Text
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
	if t, ok := p.I18n[lang]; ok && t.Name != "" {
		return t.Name
	}
	return p.Name
}

// SummaryIn returns the project's summary in lang, falling back to English.
func (p *Project) SummaryIn(lang string) string {
	if t, ok := p.I18n[lang]; ok && t.Summary != "" {
		return t.Summary
	}
	return p.Summary
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
