package knowledge

import (
	"fmt"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MinExamples is how many example questions each fact needs in each
// language for the knowledge base to count as complete (see Missing).
var MinExamples = map[string]int{"en": 12, "ru": 6, "kk": 6, "zh": 6}

// MaxExample is the longest example question allowed, in runes.
const MaxExample = 300

// loadExamples reads examples/<lang>.json, each an object mapping a fact
// id to the questions people ask about that fact in that language, and
// files them under Fact.Examples.
func (b *Base) loadExamples(fsys fs.FS) []error {
	var errs []error
	for _, lang := range Langs {
		name := "examples/" + lang + ".json"
		var byFact map[string][]string
		if err := readJSON(fsys, name, &byFact); err != nil {
			if !isNotExist(err) {
				errs = append(errs, err)
			}
			continue
		}
		for id, qs := range byFact {
			i, ok := b.factByID[id]
			if !ok {
				errs = append(errs, &ValidationError{File: name, ID: id, Msg: "examples of unknown fact"})
				continue
			}
			seen := map[string]bool{}
			for k, q := range qs {
				field := fmt.Sprintf("[%d]", k)
				if msg := checkExample(lang, q); msg != "" {
					errs = append(errs, &ValidationError{File: name, ID: id, Field: field, Msg: msg})
					continue
				}
				key := foldExample(q)
				if seen[key] {
					errs = append(errs, &ValidationError{File: name, ID: id, Field: field, Msg: fmt.Sprintf("%q is given twice", q)})
					continue
				}
				seen[key] = true
			}
			f := &b.Facts[i]
			if f.Examples == nil {
				f.Examples = map[string][]string{}
			}
			f.Examples[lang] = qs
		}
	}
	return errs
}

// checkExample says what is wrong with example question q in lang, or
// returns "".
func checkExample(lang, q string) string {
	switch n := utf8.RuneCountInString(q); {
	case strings.TrimSpace(q) == "":
		return "is empty"
	case n > MaxExample:
		return fmt.Sprintf("is %d characters long, at most %d are read", n, MaxExample)
	case q != strings.TrimSpace(q):
		return fmt.Sprintf("%q has spaces around it", q)
	}
	var han, cyr, latin int
	for _, r := range q {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	switch {
	case lang == "zh" && han == 0:
		return fmt.Sprintf("%q has no Chinese characters", q)
	case lang == "ru" && cyr == 0:
		return fmt.Sprintf("%q has no Cyrillic letters", q)
	case lang == "kk" && cyr == 0 && latin == 0:
		return fmt.Sprintf("%q is neither Cyrillic nor Latin Kazakh", q)
	case lang == "en" && (cyr > 0 || han > 0):
		return fmt.Sprintf("%q is not English", q)
	}
	return ""
}

// foldExample is q in lower case with only its letters and digits, to
// find examples given twice.
func foldExample(q string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, q)
}

// ExamplesIn returns the example questions of the fact in lang.
func (f *Fact) ExamplesIn(lang string) []string { return f.Examples[lang] }
