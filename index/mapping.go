package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/silkroad-bot/silkroad/knowledge"
)

func newMapping(lexiconKey string) (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	m.DefaultAnalyzer = en.AnalyzerName
	// The Kazakh analyzers: one folds, reads Latin, drops stop words and
	// stems; the other only folds and reads Latin, for typos.
	for _, a := range []struct {
		analyzer, filter string
		fold             bool
	}{{kkAnalyzer, "kk_filter", false}, {kkFoldAnalyzer, "kk_fold_only", true}} {
		if err := m.AddCustomTokenFilter(a.filter, map[string]interface{}{
			"type":    kkFilterName,
			"lexicon": lexiconKey,
			"fold":    a.fold,
		}); err != nil {
			return nil, err
		}
		if err := m.AddCustomAnalyzer(a.analyzer, map[string]interface{}{
			"type":          custom.Name,
			"tokenizer":     unicode.Name,
			"token_filters": []interface{}{lowercase.Name, a.filter},
		}); err != nil {
			return nil, err
		}
	}
	if err := m.AddCustomAnalyzer(plainAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []interface{}{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	doc := bleve.NewDocumentMapping()
	// Every field is searched by name, so none goes into "_all", and
	// none is sorted on. The names and the example questions keep term
	// vectors: they say which name and which example holds a word.
	field := func(analyzer string, vectors bool) *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = analyzer
		fm.Store = false
		fm.IncludeInAll = false
		fm.DocValues = false
		fm.IncludeTermVectors = vectors
		return fm
	}
	doc.AddFieldMappingsAt(fieldID, field(keyword.Name, false))
	doc.AddFieldMappingsAt(fieldCategory, field(keyword.Name, false))
	doc.AddFieldMappingsAt(fieldWhen, field(keyword.Name, false))
	for lang, an := range langAnalyzer {
		for _, part := range []string{partTitle, partBody, partAsked} {
			doc.AddFieldMappingsAt(textField(part, lang), field(an, part == partAsked))
		}
	}
	// The names and places fields lower-case any script and pair Han
	// characters.
	doc.AddFieldMappingsAt(fieldNames, field(cjk.AnalyzerName, true))
	doc.AddFieldMappingsAt(fieldPlaces, field(cjk.AnalyzerName, false))
	doc.AddFieldMappingsAt(fieldWords, field(plainAnalyzer, false))
	doc.AddFieldMappingsAt(fieldWordsKK, field(kkFoldAnalyzer, false))
	doc.Dynamic = false
	m.DefaultMapping = doc
	m.TypeField = "_type"
	return m, nil
}

// factDoc returns the indexed fields of a fact.
func factDoc(f *knowledge.Fact, p *knowledge.Project) map[string]interface{} {
	d := map[string]interface{}{
		fieldID:       f.ID,
		fieldCategory: string(f.Category),
		fieldWhen:     factWhen(f),
	}
	names := append([]string(nil), f.Aliases...)
	names = append(names, f.Orgs...)
	names = append(names, f.People...)
	places := append([]string(nil), f.Places...)
	if p != nil {
		names = append(names, p.Name)
		names = append(names, p.Aliases...)
	}
	for _, lang := range knowledge.Langs {
		var body []string
		if lang == "en" {
			body = append(body, f.Text)
			body = append(body, f.Keywords...)
			body = append(body, f.Places...)
			body = append(body, f.Orgs...)
			body = append(body, f.People...)
			for _, fig := range f.Figures {
				body = append(body, fig.Measure, fig.Display)
			}
			if p != nil {
				body = append(body, p.Name)
			}
		} else {
			loc, ok := f.I18n[lang]
			if !ok {
				// Untranslated: leave the fields empty rather than index
				// English text with another language's analyzer.
				continue
			}
			body = append(body, loc.Text)
			body = append(body, loc.Keywords...)
			body = append(body, loc.Places...)
			body = append(body, loc.Figures...)
			body = append(body, loc.Aliases...)
			names = append(names, loc.Aliases...)
			places = append(places, loc.Places...)
			if p != nil {
				if pt, ok := p.I18n[lang]; ok {
					body = append(body, pt.Name)
					names = append(names, pt.Name)
					names = append(names, pt.Aliases...)
				}
			}
		}
		d[textField(partTitle, lang)] = compactNumbers(f.TitleIn(lang))
		// The title goes into the body too: one field to search for what
		// a fact says.
		d[textField(partBody, lang)] = compactNumbers(f.TitleIn(lang) + ". " + strings.Join(body, ". "))
		if ex := f.ExamplesIn(lang); len(ex) > 0 {
			asked := make([]string, len(ex))
			for i, q := range ex {
				asked[i] = compactNumbers(q)
			}
			d[textField(partAsked, lang)] = asked
		}
	}
	d[fieldNames] = names
	d[fieldPlaces] = places
	// The words as written, for typo matching: those of what the fact
	// says and its names (the example questions, four fifths of the
	// text, would slow the build for few more words).
	var all []string
	for k, v := range d {
		switch v := v.(type) {
		case string:
			if k != fieldID && k != fieldCategory {
				all = append(all, v)
			}
		case []string:
			if k == fieldNames || k == fieldPlaces {
				all = append(all, v...)
			}
		}
	}
	d[fieldWords] = all
	// Kazakh is typed without its letters and in Latin as often as not:
	// its words folded (дүкен as дукен), so that a typo in such a
	// spelling ("dukken") is one edit from the word, not two.
	if kk, ok := d[textField(partBody, "kk")].(string); ok {
		d[fieldWordsKK] = kk
	}
	return d
}

// factWhen lists the years and months a fact tells of: those of its date
// (every year of a period) and of its date figures.
func factWhen(f *knowledge.Fact) []string {
	var out []string
	add := func(s string) {
		for _, part := range strings.Split(s, "/") {
			if len(part) >= 4 {
				out = append(out, part[:4])
			}
			if len(part) >= 7 {
				out = append(out, part[:7])
			}
		}
	}
	add(f.Date)
	for _, fig := range f.Figures {
		if fig.Kind == knowledge.KindDate {
			add(fig.Value)
		}
	}
	return out
}
