// Package index builds a bleve full-text index over the knowledge base and
// answers questions from it: it finds the facts that match a question in
// English, Russian, Kazakh or Chinese, prefers facts whose figures fit the
// kind of question, and says when the knowledge base cannot answer.
package index

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// Field names of an indexed fact.
const (
	fieldID       = "id"
	fieldCategory = "category"
	fieldNames    = "names" // aliases, places, organisations, people in every script
	kkAnalyzer    = "kk"
)

// langFields maps a language to its text field and analyzer.
var langAnalyzer = map[string]string{
	"en": en.AnalyzerName,
	"ru": ru.AnalyzerName,
	"kk": kkAnalyzer,
	"zh": cjk.AnalyzerName,
}

func titleField(lang string) string { return "title_" + lang }
func bodyField(lang string) string  { return "body_" + lang }

// Index answers questions from a knowledge base. It is safe for concurrent
// use. The caller should call Close when finished.
type Index struct {
	bleve bleve.Index
	base  *knowledge.Base
	m     *mapping.IndexMappingImpl
	// terms[field][doc] is the set of analysed terms each fact has in
	// each field; df[field] counts the facts that hold each term. Both
	// are built once and only read afterwards.
	terms map[string][]map[string]bool
	df    map[string]map[string]int
	// syn[lang] maps an analysed term to its analysed synonyms.
	syn map[string]map[string][]string
	// vocab[field] lists the distinct terms of a field, for typo matching.
	vocab map[string][]vocabTerm
	// byLetter[field] lists, for each letter at each of the first three
	// positions, the vocab entries that have it there.
	byLetter map[string]map[letterAt][]int
	// topic[lang][doc] holds the terms of what each fact is about: its
	// title, keywords, aliases and the measures of its figures, as
	// opposed to words its text merely mentions.
	topic map[string][]map[string]bool
	// names[doc] lists each fact's aliases and project names, in every
	// language, as lower-case word sequences.
	names [][][]string
	// figures[i] holds the words of fact i's figures as shown, those
	// with a number in them: "$22 billion" is 22 billion.
	figures [][][]string
	// measureWords are the words the knowledge base shows with its
	// numbers, in every language, dates aside: "outlets", "km",
	// "торговых". A number followed by one is a quantity, not a year.
	measureWords map[string]bool
	// placeWords are the words of the places the facts tell of, in every
	// language: kazakhstan, алматы, 霍 (each Han character).
	placeWords map[string]bool
	// properWords are the names field's terms of the capitalised words of
	// the facts' names: Khorgos, Xi, Beijing, but not the wind and farm
	// of "Zhanatas wind farm".
	properWords map[string]bool
	// nameWords[doc] is the set of words of names[doc].
	nameWords []map[string]bool
	// rawWords holds every word (as words splits them) of the facts'
	// texts and names in every language.
	rawWords map[string]bool
	// rawByKey files rawWords for typo matching (nearRaw).
	rawByKey map[rawKey][]string
	// prefix[field] groups a field's terms by their first stemPrefix
	// letters, to find other forms of a stem.
	prefix map[string]map[string][]string
	// cache holds recent results; nil when off.
	cache *answerCache
}

// stemPrefix is how many leading letters two forms of a stem share.
const stemPrefix = 3

// Option configures Build.
type Option func(*options)

type options struct {
	path  string
	cache int
}

// WithPath keeps the index on disk at path instead of in memory, for
// knowledge bases too large to hold. The folder must not exist yet.
func WithPath(path string) Option {
	return func(o *options) { o.path = path }
}

// Build indexes every fact of base in one batch.
func Build(base *knowledge.Base, opts ...Option) (*Index, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	m, err := newMapping(base)
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	// NewUsing with scorch, not NewMemOnly: the mem-only index ignores
	// BM25 scoring and synonym sources.
	bi, err := bleve.NewUsing(o.path, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	cache, err := newAnswerCache(o.cache)
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("answer cache: %w", err)
	}
	ix := &Index{bleve: bi, base: base, m: m, cache: cache}
	if err := ix.fill(); err != nil {
		bi.Close()
		return nil, err
	}
	return ix, nil
}

// Default builds an in-memory index over the embedded knowledge base.
func Default() (*Index, error) {
	base, err := knowledge.Default()
	if err != nil {
		return nil, fmt.Errorf("load knowledge: %w", err)
	}
	ix, err := Build(base)
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	return ix, nil
}

// Close releases the index.
func (ix *Index) Close() error { return ix.bleve.Close() }

// Base returns the knowledge base the index was built from.
func (ix *Index) Base() *knowledge.Base { return ix.base }

func newMapping(base *knowledge.Base) (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	m.DefaultAnalyzer = en.AnalyzerName
	if err := m.AddCustomTokenMap("kk_stop_words", map[string]interface{}{
		"type":   tokenmap.Name,
		"tokens": toAny(kkStopWords),
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomTokenFilter("kk_stop", map[string]interface{}{
		"type":           stop.Name,
		"stop_token_map": "kk_stop_words",
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(kkAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []interface{}{lowercase.Name, "kk_stop", kkSuffixName},
	}); err != nil {
		return nil, err
	}

	doc := bleve.NewDocumentMapping()
	// Every field is searched by name: none goes into the composite
	// "_all" field, and none needs doc values (for sorting or facets) or
	// term vectors (for phrases or highlights). Leaving them out saves a
	// third of the build.
	lean := func(fm *mapping.FieldMapping) *mapping.FieldMapping {
		fm.Store = false
		fm.IncludeInAll = false
		fm.DocValues = false
		fm.IncludeTermVectors = false
		return fm
	}
	kw := lean(bleve.NewKeywordFieldMapping())
	kw.Analyzer = keyword.Name
	doc.AddFieldMappingsAt(fieldID, kw)
	doc.AddFieldMappingsAt(fieldCategory, kw)
	for lang, an := range langAnalyzer {
		src := "syn_" + lang
		if len(base.Synonyms[lang]) > 0 {
			if err := m.AddSynonymSource(src, map[string]interface{}{
				"collection": "col_" + lang,
				"analyzer":   an,
			}); err != nil {
				return nil, err
			}
		} else {
			src = ""
		}
		for _, name := range []string{titleField(lang), bodyField(lang)} {
			fm := lean(bleve.NewTextFieldMapping())
			fm.Analyzer = an
			fm.SynonymSource = src
			doc.AddFieldMappingsAt(name, fm)
		}
	}
	names := lean(bleve.NewTextFieldMapping())
	names.Analyzer = cjk.AnalyzerName // lower-cases any script and pairs Han characters
	doc.AddFieldMappingsAt(fieldNames, names)
	doc.Dynamic = false
	m.DefaultMapping = doc
	m.TypeField = "_type"
	return m, nil
}

func toAny(s []string) []interface{} {
	out := make([]interface{}, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// factDoc returns the indexed fields of a fact.
func factDoc(f *knowledge.Fact, p *knowledge.Project) map[string]interface{} {
	d := map[string]interface{}{
		fieldID:       f.ID,
		fieldCategory: string(f.Category),
	}
	var names []string
	names = append(names, f.Aliases...)
	names = append(names, f.Places...)
	names = append(names, f.Orgs...)
	names = append(names, f.People...)
	if p != nil {
		names = append(names, p.Name)
		names = append(names, p.Aliases...)
	}
	for _, lang := range knowledge.Langs {
		title := f.TitleIn(lang)
		body := []string{f.TextIn(lang)}
		if lang == "en" {
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
				// Untranslated: leave the field empty rather than index
				// English text with another language's analyzer.
				continue
			}
			body = append(body, loc.Keywords...)
			body = append(body, loc.Places...)
			body = append(body, loc.Figures...)
			names = append(names, loc.Aliases...)
			body = append(body, loc.Aliases...)
			if p != nil {
				if pt, ok := p.I18n[lang]; ok {
					body = append(body, pt.Name)
					names = append(names, pt.Aliases...)
				}
			}
		}
		body = append(body, compactNumbers(title+" "+strings.Join(body, " "))...)
		d[titleField(lang)] = title
		d[bodyField(lang)] = strings.Join(body, ". ")
	}
	d[fieldNames] = strings.Join(names, " | ")
	return d
}

// fill indexes the facts and synonyms in one batch and records each
// fact's analysed terms for the coverage check. The terms are bleve's
// own: the documents are mapped here, so that once bleve has analysed
// them their fields can be read back, rather than analysed twice.
func (ix *Index) fill() error {
	base := ix.base
	batch := ix.bleve.NewBatch()
	data := make([]map[string]interface{}, len(base.Facts))
	docs := make([]*document.Document, len(base.Facts))
	for i := range base.Facts {
		f := &base.Facts[i]
		data[i] = factDoc(f, ix.projectOf(f))
		docs[i] = document.NewDocument(f.ID)
		if err := ix.m.MapDocument(docs[i], data[i]); err != nil {
			return fmt.Errorf("index fact %s: %w", f.ID, err)
		}
		if err := batch.IndexAdvanced(docs[i]); err != nil {
			return fmt.Errorf("index fact %s: %w", f.ID, err)
		}
	}
	if _, ok := ix.bleve.(bleve.SynonymIndex); !ok && len(base.Synonyms) > 0 {
		return errors.New("index does not support synonyms")
	}
	for lang, groups := range base.Synonyms {
		for gi, g := range groups {
			if err := batch.IndexSynonym(fmt.Sprintf("syn-%s-%d", lang, gi), "col_"+lang,
				&bleve.SynonymDefinition{Synonyms: g}); err != nil {
				return fmt.Errorf("index synonyms %s[%d]: %w", lang, gi, err)
			}
		}
	}
	// bleve analyses the batch and builds its segment, mostly on one
	// core; what does not need its terms is built on the other meanwhile.
	indexed := make(chan error, 1)
	go func() { indexed <- ix.bleve.Batch(batch) }()
	ix.rawWords = map[string]bool{}
	for _, d := range data {
		for _, fld := range textFields() {
			if s, ok := d[fld].(string); ok {
				for _, w := range words(s) {
					ix.rawWords[w] = true
				}
			}
		}
	}
	ix.figures = make([][][]string, len(base.Facts))
	ix.measureWords = map[string]bool{}
	ix.placeWords = map[string]bool{}
	for i := range base.Facts {
		f := &base.Facts[i]
		names := slices.Clone(f.Places)
		for _, loc := range f.I18n {
			names = append(names, loc.Places...)
		}
		for _, n := range names {
			for _, w := range words(n) {
				ix.placeWords[w] = true
			}
		}
	}
	measures := func(s string) {
		for _, w := range words(s) {
			if !hasDigit(w) {
				ix.measureWords[w] = true
			}
		}
	}
	for i := range base.Facts {
		f := &base.Facts[i]
		for k, fig := range f.Figures {
			if ws := words(fig.Display); slices.ContainsFunc(ws, hasDigit) {
				ix.figures[i] = append(ix.figures[i], ws)
			}
			if fig.Kind == knowledge.KindDate {
				continue
			}
			measures(fig.Display + " " + fig.Measure + " " + fig.Unit)
			for _, loc := range f.I18n {
				if k < len(loc.Figures) {
					measures(loc.Figures[k])
				}
			}
		}
	}
	ix.properWords = map[string]bool{}
	for i := range base.Facts {
		for _, n := range factNames(base, &base.Facts[i]) {
			for _, w := range capitalised(n) {
				for _, t := range ix.analyze(cjk.AnalyzerName, w) {
					ix.properWords[t] = true
				}
			}
		}
	}
	ix.names = make([][][]string, len(base.Facts))
	ix.nameWords = make([]map[string]bool, len(base.Facts))
	for i := range base.Facts {
		ix.nameWords[i] = map[string]bool{}
		for _, n := range factNames(base, &base.Facts[i]) {
			ws := words(n)
			ix.names[i] = append(ix.names[i], ws)
			for _, w := range ws {
				ix.nameWords[i][w] = true
			}
		}
	}
	ix.topic = map[string][]map[string]bool{}
	for _, lang := range knowledge.Langs {
		ix.topic[lang] = make([]map[string]bool, len(base.Facts))
		for i := range base.Facts {
			set := map[string]bool{}
			for _, t := range ix.analyze(langAnalyzer[lang], topicText(&base.Facts[i], lang)) {
				set[t] = true
			}
			ix.topic[lang][i] = set
		}
	}
	ix.syn = map[string]map[string][]string{}
	for lang, groups := range base.Synonyms {
		an := langAnalyzer[lang]
		ix.syn[lang] = map[string][]string{}
		for _, g := range groups {
			var stems []string
			for _, w := range g {
				if ts := ix.analyze(an, w); len(ts) == 1 {
					stems = append(stems, ts[0])
				}
			}
			for _, s := range stems {
				for _, o := range stems {
					if o != s {
						ix.syn[lang][s] = append(ix.syn[lang][s], o)
					}
				}
			}
		}
	}
	if err := <-indexed; err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	ix.termSets(docs)
	return nil
}

// projectOf returns the project fact f belongs to, or nil.
func (ix *Index) projectOf(f *knowledge.Fact) *knowledge.Project {
	p, _ := ix.base.Project(f.Project)
	return p
}

// textFields lists the analysed fields of a fact: its names, and its
// title and body in each language.
func textFields() []string {
	fields := []string{fieldNames}
	for _, lang := range knowledge.Langs {
		fields = append(fields, titleField(lang), bodyField(lang))
	}
	return fields
}

// termSets records the terms bleve analysed in each fact's fields, how
// many facts hold each term, and the vocabularies for typo matching. The
// fields are independent, so they are done at once.
func (ix *Index) termSets(docs []*document.Document) {
	fields := textFields()
	done := make([]fieldTerms, len(fields))
	var wg sync.WaitGroup
	for fi, fld := range fields {
		wg.Go(func() { done[fi] = newFieldTerms(fld, docs) })
	}
	wg.Wait()
	ix.terms = map[string][]map[string]bool{}
	ix.df = map[string]map[string]int{}
	ix.vocab = map[string][]vocabTerm{}
	ix.byLetter = map[string]map[letterAt][]int{}
	ix.prefix = map[string]map[string][]string{}
	for fi, fld := range fields {
		ft := &done[fi]
		ix.terms[fld], ix.df[fld], ix.vocab[fld], ix.byLetter[fld], ix.prefix[fld] = ft.terms, ft.df, ft.vocab, ft.byLetter, ft.prefix
	}
	// The words as written, for typos that a stemmer cuts differently
	// from the word meant ("investmnet" is not cut to "invest").
	ix.rawByKey = map[rawKey][]string{}
	for w := range ix.rawWords {
		r := []rune(w)
		for pos := 0; pos < len(r) && pos < 2; pos++ {
			k := rawKey{pos, r[pos], len(r)}
			ix.rawByKey[k] = append(ix.rawByKey[k], w)
		}
	}
}

// rawKey files a word as written by one of its first two letters and its
// length, so that typo candidates are few however large the base.
type rawKey struct {
	pos int
	r   rune
	n   int
}

// fieldTerms is what termSets records for one field.
type fieldTerms struct {
	terms    []map[string]bool
	df       map[string]int
	vocab    []vocabTerm
	byLetter map[letterAt][]int
	prefix   map[string][]string
}

func newFieldTerms(fld string, docs []*document.Document) fieldTerms {
	ft := fieldTerms{
		terms:    make([]map[string]bool, len(docs)),
		df:       map[string]int{},
		byLetter: map[letterAt][]int{},
		prefix:   map[string][]string{},
	}
	for i, d := range docs {
		set := map[string]bool{}
		d.VisitFields(func(f bindex.Field) {
			if f.Name() != fld {
				return
			}
			for t := range f.AnalyzedTokenFrequencies() {
				if !set[t] {
					set[t] = true
					ft.df[t]++
				}
			}
		})
		ft.terms[i] = set
	}
	for t := range ft.df {
		r := []rune(t)
		for pos := 0; pos < len(r) && pos < 3; pos++ {
			k := letterAt{pos, r[pos]}
			ft.byLetter[k] = append(ft.byLetter[k], len(ft.vocab))
		}
		ft.vocab = append(ft.vocab, vocabTerm{s: t, r: r})
		if len(r) >= stemPrefix {
			p := string(r[:stemPrefix])
			ft.prefix[p] = append(ft.prefix[p], t)
		}
	}
	return ft
}

// analyze runs the named analyzer over text and returns its terms.
func (ix *Index) analyze(analyzer, text string) []string {
	a := ix.m.AnalyzerNamed(analyzer)
	if a == nil {
		return nil
	}
	ts := a.Analyze([]byte(text))
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

// idf is the inverse document frequency of a term held by df facts.
func (ix *Index) idf(df int) float64 {
	n := float64(len(ix.base.Facts))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// topicText is what a fact is about in lang: its title, keywords, aliases
// and the measures of its figures.
func topicText(f *knowledge.Fact, lang string) string {
	parts := []string{f.TitleIn(lang)}
	if lang == "en" {
		parts = append(parts, f.Keywords...)
		parts = append(parts, f.Aliases...)
		for _, fig := range f.Figures {
			parts = append(parts, fig.Measure)
		}
	} else if loc, ok := f.I18n[lang]; ok {
		parts = append(parts, loc.Keywords...)
		parts = append(parts, loc.Aliases...)
	}
	return strings.Join(parts, ". ")
}

// vocabTerm is a term of a field's vocabulary, kept as runes for typo
// matching.
type vocabTerm struct {
	s string
	r []rune
}

// factNames returns the aliases of a fact and the names and aliases of
// its project, in every language.
func factNames(base *knowledge.Base, f *knowledge.Fact) []string {
	out := append([]string(nil), f.Aliases...)
	for _, loc := range f.I18n {
		out = append(out, loc.Aliases...)
	}
	if p, ok := base.Project(f.Project); ok {
		out = append(out, p.Name)
		out = append(out, p.Aliases...)
		for _, pt := range p.I18n {
			out = append(out, pt.Name)
			out = append(out, pt.Aliases...)
		}
	}
	return out
}

// groupedNumber matches a number written with thousands separators:
// "8,445", "3 500", "420 000".
var groupedNumber = regexp.MustCompile(`\d{1,3}(?:[,\x{00a0}\x{202f}\x{2009} ]\d{3})+\b`)

// compactNumbers returns the numbers in text that have thousands
// separators, without them, so that a question may write "3500" or
// "3,500" and find either.
func compactNumbers(text string) []string {
	var out []string
	for _, m := range groupedNumber.FindAllString(text, -1) {
		out = append(out, strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, m))
	}
	return out
}
