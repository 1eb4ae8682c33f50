package index

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// nearTerms returns the distinct terms of the fields' vocabularies that
// are within a typo's distance of one of terms.
func (ix *Index) nearTerms(terms []string, fields ...string) []string {
	var out []string
	add := func(v string) {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	for _, t := range terms {
		k := maxEdits(t)
		rt := []rune(t)
		for _, fld := range fields {
			vocab := ix.vocab[fld]
			for _, vi := range ix.candidates(fld, rt) {
				v := vocab[vi]
				if k == 0 {
					// Too short for a typo, but two swapped letters
					// ("raod") are still unmistakable.
					if swapped(rt, v.r) {
						add(v.s)
					}
					continue
				}
				kk := min(k, maxEditsN(len(v.r)))
				if kk == 0 || abs(len(v.r)-len(rt)) > kk {
					continue
				}
				if levenshtein(rt, v.r, kk) <= kk {
					add(v.s)
				}
			}
		}
	}
	return out
}

// nearRaw returns the words of the facts as written within a typo's
// distance of w: those that share its first or second letter and are
// about as long.
func (ix *Index) nearRaw(w string) []string {
	rw := []rune(w)
	k := maxEditsN(len(rw))
	if k == 0 {
		return nil
	}
	var out []string
	for pos := 0; pos < 2 && pos < len(rw); pos++ {
		for n := len(rw) - k; n <= len(rw)+k; n++ {
			for _, v := range ix.rawByKey[rawKey{pos, rw[pos], n}] {
				rv := []rune(v)
				kk := min(k, maxEditsN(len(rv)))
				if kk > 0 && !slices.Contains(out, v) && (levenshtein(rw, rv, kk) <= kk || swapped(rw, rv)) {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// candidates returns the positions in the field's vocabulary of the terms
// that share one of their first three letters, in place, with t: a typo
// seldom changes all three, and looking only at these keeps typo
// matching fast on a large knowledge base. A term may be listed twice.
func (ix *Index) candidates(fld string, t []rune) []int {
	var out []int
	for pos := 0; pos < len(t) && pos < 3; pos++ {
		out = append(out, ix.byLetter[fld][letterAt{pos, t[pos]}]...)
	}
	return out
}

// letterAt is a letter at a position of a term.
type letterAt struct {
	pos int
	r   rune
}

// stemVariants returns the terms of the fields that share a stem prefix
// with one of terms and differ from it only by up to two final letters.
func (ix *Index) stemVariants(terms []string, fields ...string) []string {
	var out []string
	for _, t := range terms {
		rt := []rune(t)
		if len(rt) < stemPrefix {
			continue
		}
		for _, fld := range fields {
			for _, v := range ix.prefix[fld][string(rt[:stemPrefix])] {
				if v == t || slices.Contains(out, v) {
					continue
				}
				short, long := t, v
				if len(short) > len(long) {
					short, long = long, short
				}
				if strings.HasPrefix(long, short) && utf8.RuneCountInString(long)-utf8.RuneCountInString(short) <= 2 {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// swapped reports whether b is a with two neighbouring letters swapped.
func swapped(a, b []rune) bool {
	if len(a) != len(b) || len(a) < 3 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && slices.Equal(a[i+2:], b[i+2:])
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// maxEdits is how many typos a term of this length may carry.
func maxEdits(t string) int { return maxEditsN(utf8.RuneCountInString(t)) }

// maxEditsN is how many typos a term of n letters may carry.
func maxEditsN(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// closeEnough reports whether a and b differ by at most the edits the
// shorter one allows.
func closeEnough(a, b string) bool {
	k := min(maxEdits(a), maxEdits(b))
	if k == 0 {
		return false
	}
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if la-lb > k || lb-la > k {
		return false
	}
	return levenshtein([]rune(a), []rune(b), k) <= k
}

// levenshtein returns the edit distance of a and b, or k+1 once it is
// sure the distance exceeds k.
func levenshtein(ra, rb []rune, k int) int {
	var buf [2][32]int
	prev, cur := buf[0][:0], buf[1][:0]
	if len(rb)+1 > len(buf[0]) {
		prev, cur = make([]int, 0, len(rb)+1), make([]int, 0, len(rb)+1)
	}
	prev, cur = prev[:len(rb)+1], cur[:len(rb)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			// A swap of two neighbours counts as one typo.
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev[j-1]) // approximated transposition
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > k {
			return k + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// interrogatives are the English words that open a question.
var interrogatives = []string{"what", "when", "where", "which", "who", "whom", "whose", "why", "how", "many", "much"}

// misspeltQuestionWord reports whether w, a word the knowledge base does
// not hold, is one letter away from an English question word: "wen",
// "wat", "hw". Such a slip must not read as the unknown subject of an
// out-of-scope question.
func (ix *Index) misspeltQuestionWord(w string) bool {
	r := []rune(w)
	if len(r) < 2 || len(r) > 6 || ix.rawWords[w] {
		return false
	}
	for _, q := range interrogatives {
		rq := []rune(q)
		if abs(len(rq)-len(r)) > 1 {
			continue
		}
		if levenshtein(r, rq, 1) <= 1 {
			return true
		}
	}
	return false
}
