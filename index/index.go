// Package index answers questions from the knowledge base with one bleve
// index. Each fact is a document holding what the fact says and how
// people ask about it (its example questions), in English, Russian,
// Kazakh and Chinese. A question is matched against both; a small model
// fitted to labelled questions (Scoring) then decides which fact answers
// it, and whether to answer with confidence, to hedge, or to say that
// the knowledge base does not know. Explain shows every step.
package index

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// Field names of an indexed fact. Text fields are per language:
// title_en, body_ru, asked_kk.
const (
	fieldID       = "id"
	fieldCategory = "category"
	fieldNames    = "names"    // aliases, organisations, people, project names, in every script
	fieldPlaces   = "places"   // the places the fact tells of, in every script
	fieldWhen     = "when"     // the fact's years and months: "2013", "2013-09"
	fieldWords    = "words"    // every word of the fact as written, for typo matching
	fieldWordsKK  = "words_kk" // the Kazakh words folded, for typo matching
	plainAnalyzer = "plain"
)

// Text field kinds: what a fact says (title, body) and how it is asked
// about (asked: its example questions).
const (
	partTitle = "title"
	partBody  = "body"
	partAsked = "asked"
)

func textField(part, lang string) string { return part + "_" + lang }

// langAnalyzer maps a language to the analyzer of its text fields.
var langAnalyzer = map[string]string{
	"en": en.AnalyzerName,
	"ru": ru.AnalyzerName,
	"kk": kkAnalyzer,
	"zh": cjk.AnalyzerName,
}

// errUnknownLexicon is returned when bleve asks for the Kazakh filter of
// an index that was not built here.
var errUnknownLexicon = errors.New("kazakh filter: unknown lexicon")

// Index answers questions from a knowledge base. It is safe for
// concurrent use. The caller should call Close when finished.
type Index struct {
	bleve bleve.Index
	// closeOnce closes bleve once, however often Close is called: a
	// /reload closes the index it replaces a minute later, which may
	// be one the caller closes too.
	closeOnce sync.Once
	closeErr  error
	base      *knowledge.Base
	m         *mapping.IndexMappingImpl
	sc        Scoring
	lex       *lexicon
	kk        *kazakh
	// syn[lang][term] lists the analysed synonyms of an analysed term,
	// from the knowledge base's synonym groups.
	syn map[string]map[string][]string
	// measures are the words the knowledge base writes after its
	// numbers ("outlets", "km", "дүкен"): a number before one is a
	// quantity, not a year.
	measures map[string]bool
	// nameLens[i][k] is how many terms the k-th name of fact i has in the
	// names field, to tell a name given in full ("Khorgos dry port")
	// from one of its words ("Khorgos").
	nameLens [][]int
	// words remembers how each word of a question was looked up.
	words *lru.Cache[wordKey, unit]
	cache *answerCache
}

// Option configures Build.
type Option func(*options)

type options struct {
	path    string
	store   string
	cache   int
	scoring *Scoring
}

// WithPath keeps the index on disk at path instead of in memory, for
// knowledge bases too large to hold. The folder must not exist yet.
func WithPath(path string) Option {
	return func(o *options) { o.path = path }
}

// WithStore keeps the built index in a folder of dir named after what
// it was built from, and opens it from there at the next start when the
// knowledge base has not changed: the build, most of the start, is done
// once. A folder of another knowledge base is removed.
func WithStore(dir string) Option {
	return func(o *options) { o.store = dir }
}

// WithScoring answers with s instead of DefaultScoring: for training and
// for trying other weights.
func WithScoring(s Scoring) Option {
	return func(o *options) { o.scoring = &s }
}

// Build indexes every fact of base in one batch.
func Build(base *knowledge.Base, opts ...Option) (*Index, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	sc := DefaultScoring()
	if o.scoring != nil {
		sc = *o.scoring
	}
	ix := &Index{base: base, sc: sc, kk: newKazakh(base.Lexicon)}
	ix.lex = newLexicon(base.Lexicon, ix.kk)
	key := lexiconKey(base.Lexicon)
	kazakhs.LoadOrStore(key, ix.kk)
	m, err := newMapping(key)
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	ix.m = m
	var bi bleve.Index
	built := false
	if o.store != "" {
		bi, built, err = openStored(o.store, contentKey(base, key), func(path string) error {
			b, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, nil)
			if err != nil {
				return err
			}
			ix.bleve = b
			err = ix.fill(true)
			return errors.Join(err, b.Close())
		})
	} else {
		bi, err = bleve.NewUsing(o.path, m, scorch.Name, scorch.Name, nil)
		built = true
	}
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	ix.bleve = bi
	ix.words, _ = lru.New[wordKey, unit](maxWords) // fails only for a size ≤ 0
	if ix.cache, err = newAnswerCache(o.cache); err != nil {
		bi.Close()
		return nil, fmt.Errorf("answer cache: %w", err)
	}
	if err := ix.fill(built && o.store == ""); err != nil {
		bi.Close()
		return nil, err
	}
	return ix, nil
}

// storeVersion changes whenever what a stored index holds changes (its
// mapping, its documents' fields), so that an index stored by another
// version is built anew.
const storeVersion = "2026-12-02.1"

// contentKey names the index of a knowledge base: a hash of everything
// the index is built from.
func contentKey(base *knowledge.Base, lexicon string) string {
	h := sha256.New()
	h.Write([]byte(storeVersion + "\x00" + lexicon + "\x00"))
	enc := json.NewEncoder(h)
	enc.Encode(base.Facts)
	enc.Encode(base.Projects)
	enc.Encode(base.Synonyms)
	return fmt.Sprintf("%x", h.Sum(nil)[:12])
}

// openStored opens the index stored in dir under key, building it with
// build first (into a temporary folder, then renamed) when there is
// none. It removes the indexes of other keys. built reports whether it
// had to build.
func openStored(dir, key string, build func(path string) error) (bi bleve.Index, built bool, err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, false, err
	}
	path := filepath.Join(dir, "index-"+key)
	if bi, err := bleve.Open(path); err == nil {
		return bi, false, nil
	}
	tmp, err := os.MkdirTemp(dir, "building-")
	if err != nil {
		return nil, false, err
	}
	defer os.RemoveAll(tmp)
	if err := build(filepath.Join(tmp, "index")); err != nil {
		return nil, false, err
	}
	os.RemoveAll(path) // an unreadable one
	if err := os.Rename(filepath.Join(tmp, "index"), path); err != nil {
		return nil, false, err
	}
	if old, _ := filepath.Glob(filepath.Join(dir, "index-*")); len(old) > 0 {
		for _, o := range old {
			if o != path {
				os.RemoveAll(o)
			}
		}
	}
	bi, err = bleve.Open(path)
	return bi, true, err
}

// lexiconKey names a lexicon by the Kazakh lists the analyzer uses, so
// that indexes built from the same lexicon share one filter.
func lexiconKey(lx *knowledge.Lexicon) string {
	h := sha256.New()
	for _, p := range []string{"fold", "latin", "endings", "stop"} {
		writeList(h, p, lx.Words(p, "kk"))
	}
	return fmt.Sprintf("%x", h.Sum(nil)[:8])
}

func writeList(h hash.Hash, name string, ws []string) {
	h.Write([]byte(name + "\x00"))
	for _, w := range ws {
		h.Write([]byte(w + "\x00"))
	}
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

// Close releases the index; closing it again does nothing.
func (ix *Index) Close() error {
	ix.closeOnce.Do(func() { ix.closeErr = ix.bleve.Close() })
	return ix.closeErr
}

// Base returns the knowledge base the index was built from.
func (ix *Index) Base() *knowledge.Base { return ix.base }

// Scoring returns the weights and model the index answers with.
func (ix *Index) Scoring() Scoring { return ix.sc }

// fill indexes the facts in one batch, unless index is false (the index
// was opened from the store), and reads what the answerer needs from the
// data: synonyms, the words written after numbers, the names' lengths.
func (ix *Index) fill(index bool) error {
	base := ix.base
	batch := ix.bleve.NewBatch()
	docs := make([]map[string]interface{}, len(base.Facts))
	for i := range base.Facts {
		f := &base.Facts[i]
		docs[i] = factDoc(f, ix.projectOf(f))
		if !index {
			continue
		}
		if err := batch.Index(f.ID, docs[i]); err != nil {
			return fmt.Errorf("index fact %s: %w", f.ID, err)
		}
	}
	indexed := make(chan error, 1)
	if index {
		go func() { indexed <- ix.bleve.Batch(batch) }()
	} else {
		indexed <- nil
	}
	ix.nameLens = make([][]int, len(base.Facts))
	for i := range base.Facts {
		names, _ := docs[i][fieldNames].([]string)
		for _, n := range names {
			ix.nameLens[i] = append(ix.nameLens[i], len(ix.analyze(cjk.AnalyzerName, n)))
		}
	}
	ix.syn = map[string]map[string][]string{}
	for lang, groups := range base.Synonyms {
		an := langAnalyzer[lang]
		ix.syn[lang] = map[string][]string{}
		for _, g := range groups {
			var stems []string
			for _, w := range g {
				if ts := ix.analyze(an, w); len(ts) == 1 && !contains(stems, ts[0]) {
					stems = append(stems, ts[0])
				}
			}
			for _, s := range stems {
				for _, o := range stems {
					if o != s && !contains(ix.syn[lang][s], o) {
						ix.syn[lang][s] = append(ix.syn[lang][s], o)
					}
				}
			}
		}
	}
	ix.measures = map[string]bool{}
	for i := range base.Facts {
		f := &base.Facts[i]
		for k, fig := range f.Figures {
			if fig.Kind == knowledge.KindDate {
				continue
			}
			shown := []string{fig.Display, fig.Unit, fig.Measure}
			for _, loc := range f.I18n {
				if k < len(loc.Figures) {
					shown = append(shown, loc.Figures[k])
				}
			}
			for _, s := range shown {
				for _, w := range words(s) {
					if !hasDigit(w) {
						ix.measures[w] = true
					}
				}
			}
		}
	}
	if err := <-indexed; err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	return nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// projectOf returns the project fact f belongs to, or nil.
func (ix *Index) projectOf(f *knowledge.Fact) *knowledge.Project {
	p, _ := ix.base.Project(f.Project)
	return p
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
