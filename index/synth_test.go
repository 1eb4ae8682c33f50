package index

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// synthBase returns a knowledge base factor times the size of the real
// one, for measuring how cost grows with the base. The first copy is the
// real data; every further copy k is a variant of it: new fact and
// project ids ("<id>-v<k>"), about a third of the longer words with their
// inner letters shuffled, a few neighbouring words swapped, and the
// digits of numbers and non-date figures permuted. The vocabulary thus
// grows with the base, as it would with new facts, while the texts keep
// their length, languages and shape. It goes through knowledge.Load, so
// the result is validated like the real base. The same factor always
// gives the same base.
func synthBase(tb testing.TB, factor int) *knowledge.Base {
	tb.Helper()
	if factor <= 1 {
		base, err := knowledge.Default()
		if err != nil {
			tb.Fatal(err)
		}
		return base
	}
	src := knowledge.Data()
	out := fstest.MapFS{}
	copyFile := func(name string) []byte {
		raw, err := fs.ReadFile(src, name)
		if err != nil {
			tb.Fatal(err)
		}
		out[name] = &fstest.MapFile{Data: raw}
		return raw
	}
	decode := func(raw []byte, v any) {
		if err := json.Unmarshal(raw, v); err != nil {
			tb.Fatal(err)
		}
	}

	var facts []knowledge.Fact
	names, err := fs.Glob(src, "facts/*.json")
	if err != nil {
		tb.Fatal(err)
	}
	for _, name := range names {
		var ff struct{ Facts []knowledge.Fact }
		decode(copyFile(name), &ff)
		facts = append(facts, ff.Facts...)
	}
	var pf struct{ Projects []knowledge.Project }
	decode(copyFile("projects.json"), &pf)
	copyFile("synonyms.json")
	type i18nFile struct {
		Facts    map[string]knowledge.Localized   `json:"facts"`
		Projects map[string]knowledge.ProjectText `json:"projects"`
	}
	i18n := map[string]i18nFile{}
	for _, lang := range knowledge.Langs[1:] {
		var v i18nFile
		decode(copyFile("i18n/"+lang+".json"), &v)
		i18n[lang] = v
	}

	examples := map[string]map[string][]string{}
	for _, lang := range knowledge.Langs {
		if raw, err := fs.ReadFile(src, "examples/"+lang+".json"); err == nil {
			var v map[string][]string
			decode(raw, &v)
			examples[lang] = v
		}
	}
	origExamples := map[string][]string{}
	for lang, ex := range examples {
		origExamples[lang] = sortedKeys(ex)
	}
	nProjects := len(pf.Projects)
	origFacts, origProjects := map[string][]string{}, map[string][]string{}
	for lang, tr := range i18n {
		origFacts[lang], origProjects[lang] = sortedKeys(tr.Facts), sortedKeys(tr.Projects)
	}
	for k := 1; k < factor; k++ {
		m := newMutator(k)
		id := func(s string) string { return fmt.Sprintf("%s-v%d", s, k) }
		var copies []knowledge.Fact
		for _, f := range facts {
			f.ID = id(f.ID)
			f.Title, f.Text = m.marked(f.Title), m.marked(f.Text)
			f.Keywords = m.list(f.Keywords)
			f.Aliases = m.list(f.Aliases)
			f.Places = m.list(f.Places)
			f.Orgs = m.list(f.Orgs)
			f.People = m.list(f.People)
			figs := make([]knowledge.Figure, len(f.Figures))
			for i, fig := range f.Figures {
				if fig.Kind != knowledge.KindDate {
					fig.Value, fig.Display = m.digits(fig.Value), m.digits(fig.Display)
				}
				fig.Measure = m.text(fig.Measure)
				figs[i] = fig
			}
			f.Figures = figs
			rel := make([]string, len(f.Related))
			for i, r := range f.Related {
				rel[i] = id(r)
			}
			f.Related = rel
			if f.Project != "" {
				f.Project = id(f.Project)
			}
			copies = append(copies, f)
		}
		for _, p := range pf.Projects[:nProjects] {
			p.ID, p.Name, p.Summary = id(p.ID), m.text(p.Name), m.marked(p.Summary)
			p.Aliases = m.list(p.Aliases)
			ids := make([]string, len(p.Facts))
			for i, f := range p.Facts {
				ids[i] = id(f)
			}
			p.Facts = ids
			pf.Projects = append(pf.Projects, p)
		}
		putJSON(tb, out, fmt.Sprintf("facts/synth-%03d.json", k), map[string]any{"facts": copies})
		for lang, ex := range examples {
			for _, fid := range origExamples[lang] {
				qs := make([]string, 0, len(ex[fid]))
				seen := map[string]bool{}
				for _, q := range ex[fid] {
					if q = m.text(q); !seen[q] {
						seen[q] = true
						qs = append(qs, q)
					}
				}
				ex[id(fid)] = qs
			}
		}
		for _, lang := range knowledge.Langs[1:] {
			tr := i18n[lang]
			for _, fid := range origFacts[lang] {
				loc := tr.Facts[fid]
				loc.Title, loc.Text = m.marked(loc.Title), m.marked(loc.Text)
				loc.Aliases, loc.Places, loc.Keywords = m.list(loc.Aliases), m.list(loc.Places), m.list(loc.Keywords)
				figs := make([]string, len(loc.Figures))
				for i, d := range loc.Figures {
					figs[i] = m.digits(d)
				}
				loc.Figures = figs
				tr.Facts[id(fid)] = loc
			}
			for _, pid := range origProjects[lang] {
				pt := tr.Projects[pid]
				pt.Name, pt.Summary, pt.Aliases = m.text(pt.Name), m.marked(pt.Summary), m.list(pt.Aliases)
				tr.Projects[id(pid)] = pt
			}
		}
	}
	// Projects and translations of every copy go into the one file Load
	// reads for each.
	putJSON(tb, out, "projects.json", map[string]any{"projects": pf.Projects})
	for lang, tr := range i18n {
		putJSON(tb, out, "i18n/"+lang+".json", tr)
	}
	for lang, ex := range examples {
		putJSON(tb, out, "examples/"+lang+".json", ex)
	}
	base, err := knowledge.Load(out)
	if err != nil {
		tb.Fatalf("load synthetic base ×%d: %v", factor, err)
	}
	return base
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func putJSON(tb testing.TB, fsys fstest.MapFS, name string, v any) {
	tb.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	fsys[name] = &fstest.MapFile{Data: raw}
}

// mutator rewrites text for one synthetic copy, deterministically.
type mutator struct {
	rng   *rand.Rand
	digit [10]rune // a permutation of 1–9; 0 stays, so no leading zeros appear
}

func newMutator(k int) *mutator {
	m := &mutator{rng: rand.New(rand.NewPCG(uint64(k), 0x5eed))}
	perm := m.rng.Perm(9)
	m.digit[0] = '0'
	for i, p := range perm {
		m.digit[i+1] = rune('1' + p)
	}
	return m
}

// digits permutes the digits of s and keeps everything else.
func (m *mutator) digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return m.digit[r-'0']
		}
		return r
	}, s)
}

// text shuffles the inner letters of about a third of the words of four
// letters or more, swaps a few neighbouring words, and permutes digits.
func (m *mutator) text(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		r := []rune(w)
		if len(r) >= 4 && m.rng.IntN(3) == 0 {
			inner := r[1 : len(r)-1]
			if !unicode.IsLetter(r[len(r)-1]) && len(r) >= 5 {
				inner = r[1 : len(r)-2] // keep trailing punctuation in place
			}
			m.rng.Shuffle(len(inner), func(a, b int) { inner[a], inner[b] = inner[b], inner[a] })
			w = string(r)
		}
		ws[i] = m.digits(w)
	}
	for i := 0; i+1 < len(ws); i++ {
		if m.rng.IntN(10) == 0 {
			ws[i], ws[i+1] = ws[i+1], ws[i]
			i++
		}
	}
	return strings.Join(ws, " ")
}

// marked is text for a title, text or summary whose figures are marked
// ("more than [[3,500]] shops"): the words between the markers change as
// text changes them, and a marker stays where it is with its digits
// permuted as digits permutes the figure's display, its figure number
// ("[[2|15 years]]") kept.
func (m *mutator) marked(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "[[")
		j := strings.Index(s[max(i, 0):], "]]")
		if i < 0 || j < 0 {
			break
		}
		j += i + len("]]")
		label := s[i+len("[[") : j-len("]]")]
		num, after, ok := strings.Cut(label, "|")
		if !ok {
			num, after = "", label
		} else {
			num += "|"
		}
		b.WriteString(m.between(s[:i]) + "[[" + num + m.digits(after) + "]]")
		s = s[j:]
	}
	return b.String() + m.between(s)
}

// between is text for the words between two markers, keeping the spaces
// that part them from the markers.
func (m *mutator) between(s string) string {
	t := strings.TrimSpace(s)
	if t == "" {
		return s
	}
	lead := s[:strings.Index(s, t)]
	return lead + m.text(t) + s[len(lead)+len(t):]
}

func (m *mutator) list(s []string) []string {
	if s == nil {
		return nil
	}
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = m.text(v)
	}
	return out
}

func TestSynthBase(t *testing.T) {
	real := synthBase(t, 1)
	syn := synthBase(t, 3)
	if got, want := len(syn.Facts), 3*len(real.Facts); got != want {
		t.Errorf("len(synthBase(3).Facts) = %d, want %d", got, want)
	}
	if got, want := len(syn.Projects), 3*len(real.Projects); got != want {
		t.Errorf("len(synthBase(3).Projects) = %d, want %d", got, want)
	}
	orig := real.Facts[0]
	v, ok := syn.Fact(orig.ID + "-v2")
	if !ok {
		t.Fatalf("synthBase(3) lacks %s-v2", orig.ID)
	}
	if v.Text == orig.Text {
		t.Errorf("copy of %s has the same text %q", orig.ID, v.Text)
	}
	if len(v.I18n) != len(orig.I18n) {
		t.Errorf("copy of %s has %d translations, want %d", orig.ID, len(v.I18n), len(orig.I18n))
	}
}
