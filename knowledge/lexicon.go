package knowledge

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"sync"
)

// Lexicon holds the word lists that say how people ask, one list per
// purpose and language, read from lexicon/<purpose>.<lang>.txt: the
// question words that frame a question, the everyday words that seldom
// name its subject, the cues of intents, the Kazakh endings, the words
// that mark a language. "all" stands for every language.
//
// A list is one entry per line; blank lines and lines starting with #
// are ignored. A keyed list's entries read "key: a | b | c".
type Lexicon struct {
	lists map[string][]string // "question.en" -> entries
}

// lexiconName matches a lexicon file's base name: purpose.lang.txt.
var lexiconName = regexp.MustCompile(`^([a-z][a-z-]*)\.(en|ru|kk|zh|all)\.txt$`)

// Words returns the entries of the purpose's list in lang, or nil.
func (l *Lexicon) Words(purpose, lang string) []string {
	if l == nil {
		return nil
	}
	return l.lists[purpose+"."+lang]
}

// Set returns Words as a set.
func (l *Lexicon) Set(purpose, lang string) map[string]bool {
	ws := l.Words(purpose, lang)
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// Keyed returns the purpose's keyed list in lang ("count: how many |
// number of") as key -> values, and the keys in file order.
func (l *Lexicon) Keyed(purpose, lang string) (map[string][]string, []string) {
	out := map[string][]string{}
	var keys []string
	for _, e := range l.Words(purpose, lang) {
		k, v, _ := strings.Cut(e, ":")
		k = strings.TrimSpace(k)
		if _, ok := out[k]; !ok {
			keys = append(keys, k)
		}
		for _, s := range strings.Split(v, "|") {
			if s = strings.TrimSpace(s); s != "" {
				out[k] = append(out[k], s)
			}
		}
	}
	return out, keys
}

// Purposes lists the purposes the lexicon has a list for, in any
// language.
func (l *Lexicon) Purposes() []string {
	seen := map[string]bool{}
	var out []string
	for k := range l.lists {
		p, _, _ := strings.Cut(k, ".")
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// keyedPurposes are the lists whose entries read "key: a | b".
var keyedPurposes = map[string]bool{"intent": true, "latin": true, "fold": true, "month": true, "endings": true, "smalltalk": true, "category": true, "cue": true}

// loadLexicon reads lexicon/*.txt from fsys. A knowledge folder without
// a lexicon uses the embedded one, so that a curator's copy of the facts
// need not carry the word lists too.
func loadLexicon(fsys fs.FS) (*Lexicon, []error) {
	names, err := fs.Glob(fsys, "lexicon/*.txt")
	if err != nil {
		return nil, []error{fmt.Errorf("list lexicon files: %w", err)}
	}
	if len(names) == 0 {
		embeddedLexiconOnce.Do(func() { embeddedLexicon, embeddedLexiconErrs = readLexicon(Data()) })
		return embeddedLexicon, embeddedLexiconErrs
	}
	return readLexicon(fsys)
}

// The embedded lexicon, read once for every knowledge folder without its
// own.
var (
	embeddedLexiconOnce sync.Once
	embeddedLexicon     *Lexicon
	embeddedLexiconErrs []error
)

// readLexicon reads lexicon/*.txt from fsys.
func readLexicon(fsys fs.FS) (*Lexicon, []error) {
	names, err := fs.Glob(fsys, "lexicon/*.txt")
	if err != nil {
		return nil, []error{fmt.Errorf("list lexicon files: %w", err)}
	}
	lx := &Lexicon{lists: map[string][]string{}}
	var errs []error
	for _, name := range names {
		m := lexiconName.FindStringSubmatch(path.Base(name))
		if m == nil {
			errs = append(errs, &ValidationError{File: name, Msg: "lexicon files are named purpose.lang.txt, lang one of en, ru, kk, zh, all"})
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, &ValidationError{File: name, Msg: err.Error()})
			continue
		}
		entries, bad := parseLexicon(name, keyedPurposes[m[1]], data)
		errs = append(errs, bad...)
		lx.lists[m[1]+"."+m[2]] = entries
	}
	return lx, errs
}

// parseLexicon reads one lexicon file's entries, checking that each is
// in lower case, given once, and for a keyed list has a key and values.
func parseLexicon(name string, keyed bool, data []byte) ([]string, []error) {
	var out []string
	var errs []error
	seen := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		bad := func(format string, args ...any) {
			errs = append(errs, &ValidationError{File: name, Field: fmt.Sprintf("line %d", n), Msg: fmt.Sprintf(format, args...)})
		}
		if line != strings.ToLower(line) {
			bad("%q must be in lower case", line)
			continue
		}
		if keyed {
			k, v, ok := strings.Cut(line, ":")
			if !ok || strings.TrimSpace(k) == "" || strings.Trim(v, " |") == "" {
				bad("%q should read \"key: word | word\"", line)
				continue
			}
		}
		if prev, dup := seen[line]; dup {
			bad("%q is already on line %d", line, prev)
			continue
		}
		seen[line] = n
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, &ValidationError{File: name, Msg: err.Error()})
	}
	return out, errs
}

// isNotExist reports whether err says a file is missing.
func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
