package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// clip trims the question to MaxQuestion runes and drops control
// characters.
func clip(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n >= MaxQuestion {
			break
		}
		if r == utf8.RuneError || unicode.IsControl(r) {
			r = ' '
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimSpace(b.String())
}

// words splits text into lower-case words: letters and digits in runs,
// each Han character on its own. A number keeps its decimal point and
// loses its thousands separators, so "3,500", "3 500" and "3500" are the
// same word.
func words(text string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(strings.ToLower(text))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r >= 0x2e80 && unicode.Is(unicode.Han, r): // no Han below U+2E80
			flush()
			out = append(out, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			cur = append(cur, r)
		case r == '\'' || r == '’':
			// "Tokayev's" is one word; the analyzers drop the 's.
			cur = append(cur, '\'')
		case isNumberSep(r) && len(cur) > 0 && unicode.IsDigit(cur[len(cur)-1]) && i+1 < len(rs) && unicode.IsDigit(rs[i+1]):
			if digitsAhead(rs[i+1:]) == 3 && r != '.' {
				continue // a thousands separator
			}
			if r == '.' || r == ',' {
				cur = append(cur, '.') // a decimal point or comma
			} else {
				flush()
			}
		default:
			flush()
		}
	}
	flush()
	return out
}

func isNumberSep(r rune) bool {
	return r == ',' || r == '.' || r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

// digitsAhead counts the digits at the start of rs.
func digitsAhead(rs []rune) int {
	n := 0
	for n < len(rs) && unicode.IsDigit(rs[n]) {
		n++
	}
	return n
}

// splitUnknown splits words that glue letters to digits ("tpp2") into
// their parts, unless the knowledge base knows the word whole ("5g").
func (ix *Index) splitUnknown(ws []string) []string {
	out := ws[:0:0]
	for _, w := range ws {
		hasDigit := strings.IndexFunc(w, unicode.IsDigit) >= 0
		hasLetter := strings.IndexFunc(w, unicode.IsLetter) >= 0
		if !hasDigit || !hasLetter || ix.df[fieldNames][w] > 0 || ix.df[bodyField("en")][w] > 0 {
			out = append(out, w)
			continue
		}
		var cur []rune
		for _, r := range w {
			if n := len(cur); n > 0 && unicode.IsDigit(r) != unicode.IsDigit(cur[n-1]) {
				out = append(out, string(cur))
				cur = cur[:0]
			}
			cur = append(cur, r)
		}
		out = append(out, string(cur))
	}
	return out
}

// compounds joins two words that the knowledge base writes as one name
// ("union pay" -> unionpay) and splits a word it does not know into two
// that it does ("dryport" -> dry port).
func (ix *Index) compounds(ws []string) []string {
	out := ws[:0:0]
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if i+1 < len(ws) && !isHan(w) && !isHan(ws[i+1]) && ix.rawWords[w+ws[i+1]] && !ix.rawWords[w] {
			out = append(out, w+ws[i+1])
			i++
			continue
		}
		if r := []rune(w); len(r) >= 6 && !ix.rawWords[w] && !isHan(w) {
			split := false
			for k := 3; k <= len(r)-3; k++ {
				a, b := string(r[:k]), string(r[k:])
				if ix.rawWords[a] && ix.rawWords[b] {
					out = append(out, a, b)
					split = true
					break
				}
			}
			if split {
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

func isHan(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.Is(unicode.Han, r)
}

// capitalised returns the words of s that begin with a capital letter.
func capitalised(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			out = append(out, w)
		}
	}
	return out
}
