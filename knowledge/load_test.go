package knowledge

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

const goodFacts = `{"facts": [
 {"id": "a-fact", "category": "infrastructure", "title": "A", "text": "A road of [[8,445 km]].", "section": "Infrastructure",
  "figures": [{"value": "8445", "unit": "km", "measure": "length", "kind": "length", "display": "8,445 km"}],
  "date": "2023-09-25/2023-10-12", "related": ["b-fact"], "project": "p-one"},
 {"id": "b-fact", "category": "energy", "title": "B", "text": "B text.", "section": "Energy", "date": "2013"}
]}`

const goodProjects = `{"projects": [
 {"id": "p-one", "name": "Project One", "category": "infrastructure", "summary": "S.", "facts": ["a-fact"],
  "places": [{"name": "Khorgos", "lat": 44.2, "lon": 80.4}]}
]}`

func TestLoadEmbedded(t *testing.T) {
	b, err := Default()
	if err != nil {
		t.Fatalf("Default() error: %v", err)
	}
	if len(b.Facts) < 50 {
		t.Errorf("Default() has %d facts, want at least 50", len(b.Facts))
	}
	for _, c := range Categories {
		if len(b.FactsIn(c)) == 0 {
			t.Errorf("category %s has no facts", c)
		}
	}
	for _, p := range b.Projects {
		for _, id := range p.Facts {
			f, _ := b.Fact(id)
			if f.Project != p.ID {
				t.Errorf("project %s lists fact %s, whose project is %q", p.ID, id, f.Project)
			}
		}
	}
	tl := b.Timeline()
	if len(tl) == 0 || !strings.HasPrefix(tl[0].Date, "2013") && tl[0].Date > "2013" {
		t.Errorf("timeline should start by 2013, starts with %v", tl[0].Date)
	}
}

// TestTranslationsComplete fails while any fact or project lacks its
// Russian, Kazakh or Chinese text.
func TestTranslationsComplete(t *testing.T) {
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if missing := b.Missing(); len(missing) > 0 {
		t.Errorf("%d translations missing, first: %s", len(missing), strings.Join(missing[:min(5, len(missing))], "; "))
	}
}

func TestLoadBroken(t *testing.T) {
	tests := []struct {
		name     string
		facts    string
		projects string
		i18n     string
		want     []string // substrings of the error
	}{
		{"good", goodFacts, goodProjects, "", nil},
		{"bad json", `{"facts": [`, goodProjects, "", []string{"facts/a.json", "invalid JSON"}},
		{"unknown field", `{"facts": [{"id": "x", "colour": "red"}]}`, "", "", []string{"facts/a.json", "unknown field"}},
		{"duplicate id", strings.Replace(goodFacts, `"b-fact", "category"`, `"a-fact", "category"`, 1), goodProjects, "",
			[]string{"a-fact: id: is used twice"}},
		{"missing title", strings.Replace(goodFacts, `"title": "B"`, `"title": ""`, 1), goodProjects, "",
			[]string{"facts/a.json: b-fact: title: is required"}},
		{"unknown category", strings.Replace(goodFacts, `"energy"`, `"mining"`, 1), goodProjects, "",
			[]string{"b-fact: category: unknown category \"mining\""}},
		{"figure does not parse", strings.Replace(goodFacts, `"8445"`, `"8,445"`, 1), goodProjects, "",
			[]string{"a-fact: figures[0]: value \"8,445\" is not a number"}},
		{"unknown figure kind", strings.Replace(goodFacts, `"kind": "length"`, `"kind": "weight"`, 1), goodProjects, "",
			[]string{"a-fact: figures[0]: unknown kind"}},
		{"bad date", strings.Replace(goodFacts, `"date": "2013"`, `"date": "spring 2013"`, 1), goodProjects, "",
			[]string{"b-fact: date: date \"spring 2013\""}},
		{"period backwards", strings.Replace(goodFacts, `2023-09-25/2023-10-12`, `2023-10-12/2023-09-25`, 1), goodProjects, "",
			[]string{"ends before it starts"}},
		{"unknown related", strings.Replace(goodFacts, `"related": ["b-fact"]`, `"related": ["c-fact"]`, 1), goodProjects, "",
			[]string{"a-fact: related: names unknown fact \"c-fact\""}},
		{"unknown project", goodFacts, strings.Replace(goodProjects, `"p-one"`, `"p-two"`, 1), "",
			[]string{"a-fact: project: names unknown project \"p-one\""}},
		{"project with unknown fact", goodFacts, strings.Replace(goodProjects, `["a-fact"]`, `["a-fact", "z-fact"]`, 1), "",
			[]string{"projects.json: p-one: facts: names unknown fact \"z-fact\""}},
		{"half a coordinate", goodFacts, strings.Replace(goodProjects, `, "lon": 80.4`, ``, 1), "",
			[]string{"places[0]: needs both lat and lon"}},
		{"bad id", strings.Replace(goodFacts, `"id": "b-fact"`, `"id": "B Fact"`, 1), goodProjects, "",
			[]string{"B Fact: id: must be kebab-case"}},
		{"translation of unknown fact", goodFacts, goodProjects, `{"facts": {"q-fact": {"title": "Т", "text": "Т."}}}`,
			[]string{"i18n/ru.json: q-fact: translation of unknown fact"}},
		{"translation with wrong figure count", goodFacts, goodProjects, `{"facts": {"a-fact": {"title": "Т", "text": "Т.", "figures": ["1", "2"]}}}`,
			[]string{"i18n/ru.json: a-fact: figures: has 2 figures, the fact has 1"}},
		{"figure not marked", strings.Replace(goodFacts, `[[8,445 km]]`, `8,445 km`, 1), goodProjects, "",
			[]string{`facts/a.json: a-fact: text (en): figure 1 "8,445 km" is not marked`}},
		{"marker not closed", strings.Replace(goodFacts, `[[8,445 km]].`, `[[8,445 km.`, 1), goodProjects, "",
			[]string{`facts/a.json: a-fact: text (en): marker "[[8,445 km." is not closed`}},
		{"marker closed twice", strings.Replace(goodFacts, `[[8,445 km]].`, `[[8,445]] km]].`, 1), goodProjects, "",
			[]string{`facts/a.json: a-fact: text (en): "]]" closes no marker`}},
		{"nested markers", strings.Replace(goodFacts, `[[8,445 km]]`, `[[8,445 [[km]]]]`, 1), goodProjects, "",
			[]string{`facts/a.json: a-fact: text (en): marker "[[8,445 [[km]]" holds another marker`}},
		{"empty marker", strings.Replace(goodFacts, `[[8,445 km]]`, `[[8,445 km]] [[]]`, 1), goodProjects, "",
			[]string{`a-fact: text (en): marker "[[]]" marks nothing`}},
		{"marker with spaces", strings.Replace(goodFacts, `[[8,445 km]]`, `[[8,445 km ]]`, 1), goodProjects, "",
			[]string{`a-fact: text (en): marker "[[8,445 km ]]" starts or ends with a space`}},
		{"marker without a figure", strings.Replace(goodFacts, `"text": "B text."`, `"text": "B [[text]]."`, 1), goodProjects, "",
			[]string{`facts/a.json: b-fact: text (en): marker "[[text]]" would state figure 1, but there are none`}},
		{"more markers than figures", strings.Replace(goodFacts, `[[8,445 km]].`, `[[8,445 km]], [[twice]].`, 1), goodProjects, "",
			[]string{`a-fact: text (en): marker "[[twice]]" would state figure 2, but there is 1`}},
		{"figure marked twice", strings.Replace(goodFacts, `[[8,445 km]].`, `[[8,445 km]], [[1|twice]].`, 1), goodProjects, "",
			[]string{`a-fact: text (en): marker "[[1|twice]]" states figure 1, which an earlier marker states`}},
		{"figure number 0", strings.Replace(goodFacts, `[[8,445 km]]`, `[[0|8,445 km]]`, 1), goodProjects, "",
			[]string{`a-fact: text (en): marker "[[0|8,445 km]]": figures are numbered from 1`}},
		{"bad marker in a title", strings.Replace(goodFacts, `"title": "A"`, `"title": "A [[road"`, 1), goodProjects, "",
			[]string{`facts/a.json: a-fact: title (en): marker "[[road" is not closed`}},
		{"summary marker without a figure", goodFacts, strings.Replace(goodProjects, `"summary": "S."`, `"summary": "S [[8,445 km]] [[2 ends]]."`, 1), "",
			[]string{`projects.json: p-one: summary (en): marker "[[2 ends]]" would state figure 2, but there is 1`}},
		{"translation without its marker", goodFacts, goodProjects, `{"facts": {"a-fact": {"title": "Т", "text": "Дорога в 8 445 км.", "figures": ["8 445 км"]}}}`,
			[]string{`i18n/ru.json: a-fact: text (ru): figure 1 "8 445 км" is not marked`}},
		{"translated title with a bad marker", goodFacts, goodProjects, `{"facts": {"a-fact": {"title": "]]Т", "text": "Дорога в [[8 445 км]]."}}}`,
			[]string{`i18n/ru.json: a-fact: title (ru): "]]" closes no marker`}},
		{"translated summary with a bad marker", goodFacts, goodProjects, `{"projects": {"p-one": {"name": "П", "summary": "[[2|8 445 км]]"}}}`,
			[]string{`i18n/ru.json: p-one: summary (ru): marker "[[2|8 445 км]]" would state figure 2, but there is 1`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"facts/a.json": {Data: []byte(tt.facts)}}
			if tt.projects != "" {
				fsys["projects.json"] = &fstest.MapFile{Data: []byte(tt.projects)}
			}
			if tt.i18n != "" {
				fsys["i18n/ru.json"] = &fstest.MapFile{Data: []byte(tt.i18n)}
			}
			b, err := Load(fsys)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Load() error: %v", err)
				}
				if len(b.Facts) != 2 {
					t.Errorf("Load() got %d facts, want 2", len(b.Facts))
				}
				return
			}
			if err == nil {
				t.Fatalf("Load() = nil error, want one containing %q", tt.want)
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("Load() error %T is not a *ValidationError: %v", err, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Load() error = %q, want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestLoadNoFacts(t *testing.T) {
	_, err := Load(fstest.MapFS{})
	if err == nil || !strings.Contains(err.Error(), "no fact files") {
		t.Errorf("Load(empty) error = %v, want 'no fact files'", err)
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in       string
		from, to string
		ok       bool
	}{
		{"2013", "2013-01-01", "2013-12-31", true},
		{"2013-09", "2013-09-01", "2013-09-30", true},
		{"2022-11-15", "2022-11-15", "2022-11-15", true},
		{"1993/2023", "1993-01-01", "2023-12-31", true},
		{"2023-13", "", "", false},
		{"", "", "", false},
		{"2013/", "", "", false},
	}
	for _, tt := range tests {
		from, to, err := ParsePeriod(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParsePeriod(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && (from.Format("2006-01-02") != tt.from || to.Format("2006-01-02") != tt.to) {
			t.Errorf("ParsePeriod(%q) = %s..%s, want %s..%s", tt.in, from.Format("2006-01-02"), to.Format("2006-01-02"), tt.from, tt.to)
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte(goodFacts), []byte(goodProjects))
	f.Add([]byte(`{"facts": [{"id": "x"}]}`), []byte(`{}`))
	f.Add([]byte(`{"facts": null}`), []byte(`[]`))
	f.Fuzz(func(t *testing.T, facts, projects []byte) {
		fsys := fstest.MapFS{
			"facts/a.json":  {Data: facts},
			"projects.json": {Data: projects},
		}
		b, err := Load(fsys)
		if err != nil {
			if b != nil {
				t.Fatalf("Load returned a base and an error")
			}
			return
		}
		// A base that loads must be consistent.
		for _, fa := range b.Facts {
			if got, ok := b.Fact(fa.ID); !ok || got.ID != fa.ID {
				t.Fatalf("Fact(%q) not found in a loaded base", fa.ID)
			}
			for _, r := range fa.Related {
				if _, ok := b.Fact(r); !ok {
					t.Fatalf("fact %s relates to missing %s", fa.ID, r)
				}
			}
		}
		_ = b.Timeline()
	})
}
