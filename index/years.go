package index

import (
	"strconv"
	"strings"
)

// yearAsked returns the year (and month) that word ws[i] of the question
// asks about, or "": four digits from 1900 to 2099, not after a word
// that opens a span ("since 2013") and not before a word the knowledge
// base counts things in ("2000 outlets"). A month next to it makes it
// "2022-09".
func (ix *Index) yearAsked(qs *question, ws []string, i int) string {
	w := ws[i]
	n, err := strconv.Atoi(w)
	if err != nil || len(w) != 4 || n < 1900 || n > 2099 {
		return ""
	}
	if i > 0 && ix.lex.span[ix.spanForm(qs.lang, ws[i-1])] {
		return ""
	}
	if i+1 < len(ws) {
		next := ws[i+1]
		if qs.lang == "kk" && ix.lex.span[ix.kk.folded(next)] {
			return "" // Kazakh puts бері, дейін after the year
		}
		if isHan(next) {
			if next != "年" {
				return ""
			}
		} else if ix.measures[next] {
			return ""
		}
	}
	for _, j := range []int{i - 1, i - 2, i + 1, i + 2} {
		if j < 0 || j >= len(ws) {
			continue
		}
		if m := ix.month(qs.lang, ws[j]); m > 0 {
			return w + "-" + twoDigits(m)
		}
	}
	return w
}

func (ix *Index) spanForm(lang, w string) string {
	if lang == "kk" {
		return ix.kk.folded(w)
	}
	return w
}

// month returns the number of the month w names in lang (or English), or
// 0.
func (ix *Index) month(lang, w string) int {
	for _, l := range []string{lang, "en"} {
		f := w
		if l == "kk" {
			f = ix.kk.folded(w)
		}
		for _, m := range ix.lex.months[l] {
			if l == "zh" {
				if w == m.stem {
					return m.n
				}
				continue
			}
			if f == m.stem || len(m.stem) >= 6 && strings.HasPrefix(f, m.stem) {
				return m.n
			}
		}
	}
	return 0
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
