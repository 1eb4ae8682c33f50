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
	Lang  string // the language of Field, when it is a text: "en", "ru"
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
		if e.Lang != "" {
			b.WriteString(" (" + e.Lang + ")")
		}
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
// lexicon/<purpose>.<lang>.txt. It removes the figure markers from the
// facts' titles and texts and the projects' summaries, keeping them as
// spans (see Span). It returns every problem it finds, joined, each as a
// *ValidationError.
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
			display := func(i int) string { return f.Figures[i].Display }
			errs = append(errs, unmarkText(name, f.ID, "en", len(f.Figures), display, &f.Title, &f.Text, &f.TitleSpans, &f.TextSpans)...)
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
	for i := range b.Projects {
		p := &b.Projects[i]
		if err := unmarkField("projects.json", p.ID, "en", "summary", b.projectFigures(p), &p.Summary, &p.SummarySpans); err != nil {
			errs = append(errs, err)
		}
	}
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
	// entry checks what facts and projects share: an id that is given,
	// kebab-case and used once, a known category, and the text fields
	// given as name/value pairs. It reports whether there is an id.
	entry := func(file, id, what string, seen map[string]bool, cat Category, fields ...string) bool {
		switch {
		case id == "":
			bad(file, "(no id)", "id", "is required (%s)", what)
			return false
		case !idPattern.MatchString(id):
			bad(file, id, "id", "must be kebab-case: lowercase letters, digits and single hyphens")
		case seen[id]:
			bad(file, id, "id", "is used twice")
		}
		seen[id] = true
		if !cat.Known() {
			bad(file, id, "category", "unknown category %q (known: %s)", cat, joinCats())
		}
		for i := 0; i+1 < len(fields); i += 2 {
			if strings.TrimSpace(fields[i+1]) == "" {
				bad(file, id, fields[i], "is required")
			}
		}
		return true
	}
	seen := map[string]bool{}
	for _, f := range b.Facts {
		file := factFile[f.ID]
		if !entry(file, f.ID, fmt.Sprintf("title %q", f.Title), seen, f.Category, "title", f.Title, "text", f.Text, "section", f.Section) {
			continue
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
		if !entry(pfile, p.ID, fmt.Sprintf("name %q", p.Name), pseen, p.Category, "name", p.Name, "summary", p.Summary) {
			continue
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
		display := func(i int) string {
			if i < len(loc.Figures) && loc.Figures[i] != "" {
				return loc.Figures[i]
			}
			return f.Figures[i].Display
		}
		errs = append(errs, unmarkText(file, id, lang, len(f.Figures), display, &loc.Title, &loc.Text, &loc.TitleSpans, &loc.TextSpans)...)
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
		if err := unmarkField(file, id, lang, "summary", b.projectFigures(p), &pt.Summary, &pt.SummarySpans); err != nil {
			errs = append(errs, err)
		}
		if p.I18n == nil {
			p.I18n = map[string]ProjectText{}
		}
		p.I18n[lang] = pt
	}
	return errs
}

// projectFigures counts the figures of p's facts, which its summary may
// state.
func (b *Base) projectFigures(p *Project) int {
	n := 0
	for _, id := range p.Facts {
		if f, ok := b.Fact(id); ok {
			n += len(f.Figures)
		}
	}
	return n
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
