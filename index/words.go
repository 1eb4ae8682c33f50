package index

import (
	"regexp"
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

func isHan(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.Is(unicode.Han, r)
}

func hasDigit(w string) bool { return strings.IndexFunc(w, unicode.IsDigit) >= 0 }

func hasLetter(w string) bool { return strings.IndexFunc(w, unicode.IsLetter) >= 0 }

// groupedNumber matches a number written with thousands separators:
// "8,445", "3 500", "420 000".
var groupedNumber = regexp.MustCompile(`\d{1,3}(?:[,\x{00a0}\x{202f}\x{2009} ]\d{3})+\b`)

// compactNumbers writes the numbers in text without their thousands
// separators, so that the index and a question agree on "3500", whether
// either wrote "3,500", "3 500" or "3500".
func compactNumbers(text string) string {
	if strings.IndexFunc(text, unicode.IsDigit) < 0 {
		return text
	}
	return groupedNumber.ReplaceAllStringFunc(text, func(m string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, m)
	})
}
