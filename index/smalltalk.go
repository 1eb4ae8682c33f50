package index

import (
	"slices"
	"strings"
	"unicode"
)

// SmallTalk says what kind of small talk text is, when it is nothing but
// that: "hello", "thanks", "bye", "who" (who are you), "can" (what can
// you do) or "ok", from the lexicon's smalltalk lists. It returns "" for
// anything else, including a greeting with a question after it, and
// the language the small talk is in: the one its phrases are of, which
// tells Kazakh typed without Kazakh letters ("сау бол") from Russian.
func (ix *Index) SmallTalk(text string) (kind, lang string) {
	lang = ix.kk.detect(text)
	if lang == "" {
		return "", ""
	}
	norm := func(s string) string {
		s = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || r == '\'' {
				return unicode.ToLower(r)
			}
			return ' '
		}, s)
		return strings.Join(strings.Fields(s), " ")
	}
	t0 := norm(text)
	if len(strings.Fields(t0)) > maxSmallTalk {
		return "", ""
	}
	// The bot may be called by name: "hi bot", "спасибо, бот".
	for _, w := range ix.lex.botNames {
		t0 = strings.TrimSpace(strings.ReplaceAll(" "+t0+" ", " "+w+" ", " "))
	}
	if t0 == "" {
		return "", ""
	}
	for _, l := range []string{lang, "en", "ru", "kk", "zh"} {
		t := t0
		if l == "kk" {
			t = ix.kk.folded(latinAsCyrillic(ix.kk, t))
		}
		kinds := ix.lex.smalltalk[l]
		if !onlyPhrases(t, ix.lex.talkPhrases[l], ix.lex.talkWords[l], l) {
			continue
		}
		// Several phrases may make one message ("hi, thanks!"): the
		// first kind in the list's order that it holds names it.
		for _, k := range ix.lex.smalltalkKeys[l] {
			for _, p := range kinds[k] {
				if l == "zh" && strings.Contains(strings.ReplaceAll(t, " ", ""), p) || l != "zh" && wordsAt(t, p) {
					return k, l
				}
			}
		}
	}
	return "", ""
}

// maxSmallTalk is the most words a message of small talk has.
const maxSmallTalk = 8

// onlyPhrases reports whether t is made of small-talk phrases of any
// kind alone: all, or in a language with spaces between words, their
// words by the first (it runs on every message, so it splits none of
// them and tries only the phrases that start with the word at hand).
func onlyPhrases(t string, all []string, words map[string][][]string, lang string) bool {
	if lang == "zh" {
		t = strings.ReplaceAll(t, " ", "")
		for t != "" {
			best := ""
			for _, p := range all {
				if strings.HasPrefix(t, p) && len(p) > len(best) {
					best = p
				}
			}
			if best == "" {
				return false
			}
			t = t[len(best):]
		}
		return true
	}
	ws := strings.Fields(t)
	for len(ws) > 0 {
		best := 0
		for _, pw := range words[ws[0]] {
			if len(pw) > best && len(pw) <= len(ws) && slices.Equal(ws[:len(pw)], pw) {
				best = len(pw)
			}
		}
		if best == 0 {
			return false
		}
		ws = ws[best:]
	}
	return true
}
