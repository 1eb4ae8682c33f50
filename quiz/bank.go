package quiz

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// data holds curated.json, figures.json and the translations
// i18n/<lang>.json, each optional.
//
//go:embed data
var data embed.FS

// Bank is the validated set of quiz questions: the curated ones written by
// hand, then the ones generated from figures. It is read-only once built.
type Bank struct {
	Questions []Question
	byID      map[string]int
}

// ErrNoQuestions means a draw found no question of the asked category.
var ErrNoQuestions = errors.New("no questions in this category")

// Curated returns the hand-written questions embedded in the binary.
func Curated() ([]Question, error) {
	var f struct {
		Questions []Question `json:"questions"`
	}
	if err := decode("data/curated.json", &f); err != nil {
		return nil, err
	}
	return f.Questions, nil
}

// Stems returns the embedded wordings of the figure questions.
func Stems() ([]Stem, error) {
	var f struct {
		Stems []Stem `json:"stems"`
	}
	if err := decode("data/figures.json", &f); err != nil {
		return nil, err
	}
	return f.Stems, nil
}

func decode(name string, v any) error {
	raw, err := data.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("decode %s: %w", name, err)
	}
	return nil
}

// A Translation is the bank in one language, as data/i18n/<lang>.json
// holds it: the curated questions by id, and the stems of the generated
// ones by "<fact id>#<figure index>". Options follow the English order.
type Translation struct {
	Questions map[string]Text   `json:"questions"`
	Stems     map[string]string `json:"stems"`
}

// Translations returns the embedded translations of the bank, keyed by
// language. A language whose file is not there yet is left out.
func Translations() (map[string]Translation, error) {
	out := map[string]Translation{}
	for _, lang := range Langs {
		var t Translation
		err := decode("data/i18n/"+lang+".json", &t)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[lang] = t
	}
	return out, nil
}

// translate merges trs into the curated questions and the stems. It
// returns an error for each translation of an unknown question or stem.
func translate(curated []Question, stems []Stem, trs map[string]Translation) error {
	var errs []error
	for _, lang := range Langs {
		tr, ok := trs[lang]
		if !ok {
			continue
		}
		file := "i18n/" + lang + ".json"
		for id, t := range tr.Questions {
			i := slices.IndexFunc(curated, func(q Question) bool { return q.ID == id })
			if i < 0 {
				errs = append(errs, fmt.Errorf("%s: translation of unknown question %q", file, id))
				continue
			}
			if curated[i].I18n == nil {
				curated[i].I18n = map[string]Text{}
			}
			curated[i].I18n[lang] = t
		}
		for key, text := range tr.Stems {
			i := slices.IndexFunc(stems, func(s Stem) bool { return stemKey(s) == key })
			if i < 0 {
				errs = append(errs, fmt.Errorf("%s: translation of unknown stem %q", file, key))
				continue
			}
			if stems[i].I18n == nil {
				stems[i].I18n = map[string]string{}
			}
			stems[i].I18n[lang] = text
		}
	}
	return errors.Join(errs...)
}

// stemKey is how translations name a stem: "<fact id>#<figure index>".
func stemKey(s Stem) string { return s.Fact + "#" + strconv.Itoa(s.Figure) }

// NewBank builds the bank from the embedded questions and their
// translations and the figures of base, and validates it against base,
// in every language. A generated question is translated into a language
// when its stem is and base has the fact's text and figure in it.
func NewBank(base *knowledge.Base) (*Bank, error) {
	curated, err := Curated()
	if err != nil {
		return nil, err
	}
	stems, err := Stems()
	if err != nil {
		return nil, err
	}
	trs, err := Translations()
	if err != nil {
		return nil, err
	}
	return buildBank(base, curated, stems, trs)
}

// buildBank is NewBank from the given questions, stems and translations.
func buildBank(base *knowledge.Base, curated []Question, stems []Stem, trs map[string]Translation) (*Bank, error) {
	if err := translate(curated, stems, trs); err != nil {
		return nil, err
	}
	generated, err := Generate(base, stems)
	if err != nil {
		return nil, fmt.Errorf("generate questions: %w", err)
	}
	qs := append(curated, generated...)
	if err := Validate(qs, base); err != nil {
		return nil, err
	}
	b := &Bank{Questions: qs, byID: make(map[string]int, len(qs))}
	for i, q := range qs {
		b.byID[q.ID] = i
	}
	return b, nil
}

// A QuestionError is what is wrong with one question of the bank.
type QuestionError struct {
	ID  string
	Msg string
}

func (e *QuestionError) Error() string { return "question " + e.ID + ": " + e.Msg }

// Validate checks every question against the bank's rules: text limits,
// 2–10 distinct options with exactly one correct, a known category and
// difficulty, unique ids, and fact ids that exist in base with the
// question's category among theirs. It returns every problem, joined,
// each as a *QuestionError.
func Validate(qs []Question, base *knowledge.Base) error {
	var errs []error
	seen := map[string]bool{}
	for i := range qs {
		q := &qs[i]
		id := q.ID
		if id == "" {
			id = fmt.Sprintf("#%d", i)
		}
		if q.ID != "" && seen[q.ID] {
			errs = append(errs, &QuestionError{id, "id is used twice"})
		}
		seen[q.ID] = true
		for _, msg := range q.check(base) {
			errs = append(errs, &QuestionError{id, msg})
		}
		if base != nil && len(q.FactIDs) > 0 {
			match := false
			for _, fid := range q.FactIDs {
				if f, ok := base.Fact(fid); ok && f.Category == q.Category {
					match = true
				}
			}
			if !match {
				errs = append(errs, &QuestionError{id, fmt.Sprintf("category %q is not the category of any of its facts", q.Category)})
			}
		}
	}
	return errors.Join(errs...)
}

// Missing lists, for each of langs, the questions without a complete
// translation: "ru: question khorgos-border". A translation is complete
// when it has the question, every option and the explanation.
func (b *Bank) Missing(langs []string) []string {
	var out []string
	for _, lang := range langs {
		for _, q := range b.Questions {
			t, ok := q.I18n[lang]
			complete := ok && t.Question != "" && t.Explanation != "" && len(t.Options) == len(q.Options)
			for _, o := range t.Options {
				complete = complete && o != ""
			}
			if !complete {
				out = append(out, lang+": question "+q.ID)
			}
		}
	}
	return out
}

// Question returns the question with the given id.
func (b *Bank) Question(id string) (*Question, bool) {
	i, ok := b.byID[id]
	if !ok {
		return nil, false
	}
	return &b.Questions[i], true
}

// Count returns how many questions category c has; all of them when c
// is empty.
func (b *Bank) Count(c knowledge.Category) int {
	n := 0
	for i := range b.Questions {
		if c == "" || b.Questions[i].Category == c {
			n++
		}
	}
	return n
}

// Draw picks up to count distinct questions of category c (any category
// when c is empty) in random order, each with its options shuffled. The
// returned questions are copies; changing them does not change the bank.
func (b *Bank) Draw(c knowledge.Category, count int, rng *rand.Rand) ([]Question, error) {
	if count < 1 {
		return nil, fmt.Errorf("draw %d questions: count must be at least 1", count)
	}
	var pool []int
	for i := range b.Questions {
		if c == "" || b.Questions[i].Category == c {
			pool = append(pool, i)
		}
	}
	if len(pool) == 0 {
		return nil, fmt.Errorf("draw from %q: %w", c, ErrNoQuestions)
	}
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	pool = pool[:min(count, len(pool))]
	out := make([]Question, len(pool))
	for k, i := range pool {
		q := b.Questions[i]
		out[k] = q.permute(rng.Perm(len(q.Options)))
	}
	return out, nil
}
