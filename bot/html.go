package bot

import (
	"html"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxMessage is the longest message text Telegram accepts, in UTF-16
// code units.
const MaxMessage = 4096

// MaxCaption is the longest caption of a file, likewise.
const MaxCaption = 1024

// esc escapes dynamic text for Telegram's HTML parse mode.
func esc(s string) string { return html.EscapeString(s) }

// textLen is the length of s in UTF-16 code units, as Telegram counts.
func textLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
		if r == utf8.RuneError {
			n = n - utf16.RuneLen(r) + 1
		}
	}
	return n
}

// htmlToken is a tag, an entity or one rune of text.
type htmlToken struct {
	s     string
	tag   string // tag name for tags, "" otherwise
	close bool   // a closing tag
}

// tokenize splits well-formed Telegram HTML into tags, entities and runes.
func tokenize(s string) []htmlToken {
	var out []htmlToken
	for len(s) > 0 {
		switch s[0] {
		case '<':
			end := strings.IndexByte(s, '>')
			if end < 0 {
				end = len(s) - 1
			}
			t := htmlToken{s: s[:end+1]}
			body := strings.TrimSuffix(strings.TrimPrefix(t.s, "<"), ">")
			if strings.HasPrefix(body, "/") {
				t.close = true
				body = body[1:]
			}
			t.tag, _, _ = strings.Cut(body, " ")
			out = append(out, t)
			s = s[end+1:]
			continue
		case '&':
			if end := strings.IndexByte(s, ';'); end > 0 && end < 12 {
				out = append(out, htmlToken{s: s[:end+1]})
				s = s[end+1:]
				continue
			}
		}
		_, n := utf8.DecodeRuneInString(s)
		out = append(out, htmlToken{s: s[:n]})
		s = s[n:]
	}
	return out
}

// SplitHTML cuts s into pieces of at most limit UTF-16 units each,
// preferring paragraph breaks, then line breaks, then spaces. It never
// cuts inside a tag or an entity: tags open at a cut are closed at the
// end of one piece and opened again at the start of the next.
func SplitHTML(s string, limit int) []string {
	// A string never has more UTF-16 units than UTF-8 bytes: most
	// messages need no counting.
	if len(s) <= limit || textLen(s) <= limit {
		return []string{s}
	}
	toks := tokenize(s)
	var out []string
	var open []htmlToken // tags open at the start of the current piece
	for len(toks) > 0 {
		prefix := ""
		for _, t := range open {
			prefix += t.s
		}
		size := textLen(prefix)
		stack := append([]htmlToken(nil), open...)
		closing := func(st []htmlToken) int {
			n := 0
			for _, t := range st {
				n += len(t.tag) + 3
			}
			return n
		}
		// Walk forward while the piece, with the closing tags it needs,
		// fits; remember the best place to cut.
		var para, line, space, any int = -1, -1, -1, -1
		var stAt [4][]htmlToken
		i := 0
		for ; i < len(toks); i++ {
			t := toks[i]
			n := textLen(t.s)
			nst := stack
			if t.tag != "" {
				if t.close {
					if len(nst) > 0 {
						nst = nst[:len(nst)-1]
					}
				} else {
					nst = append(append([]htmlToken(nil), nst...), t)
				}
			}
			if size+n+closing(nst) > limit {
				break
			}
			size += n
			stack = nst
			if t.tag != "" {
				continue
			}
			// Stacks are never modified in place (pushes copy), so a
			// snapshot can share the slice.
			snap := stack
			switch {
			case t.s == "\n" && i > 0 && toks[i-1].s == "\n":
				para, stAt[0] = i+1, snap
			case t.s == "\n":
				line, stAt[1] = i+1, snap
			case t.s == " ":
				space, stAt[2] = i+1, snap
			}
			any, stAt[3] = i+1, snap
		}
		if i == len(toks) {
			out = append(out, prefix+join(toks)+closeTags(stack))
			break
		}
		cut, st := any, stAt[3]
		switch {
		case para > 0:
			cut, st = para, stAt[0]
		case line > 0:
			cut, st = line, stAt[1]
		case space > 0:
			cut, st = space, stAt[2]
		}
		if cut <= 0 {
			// Not even one rune fits beside the open tags: drop them.
			prefix, cut, st = "", 1, nil
		}
		piece := strings.TrimRight(prefix+join(toks[:cut]), " \n")
		out = append(out, piece+closeTags(st))
		toks = toks[cut:]
		for len(toks) > 0 && (toks[0].s == "\n" || toks[0].s == " ") {
			toks = toks[1:]
		}
		open = st
	}
	return out
}

func join(toks []htmlToken) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.s)
	}
	return b.String()
}

func closeTags(stack []htmlToken) string {
	var b strings.Builder
	for i := len(stack) - 1; i >= 0; i-- {
		b.WriteString("</" + stack[i].tag + ">")
	}
	return b.String()
}

// PlainText renders Telegram HTML as plain text, as a chat shows it:
// tags dropped, entities decoded.
func PlainText(s string) string {
	var b strings.Builder
	for _, t := range tokenize(s) {
		if t.tag == "" {
			b.WriteString(t.s)
		}
	}
	return html.UnescapeString(b.String())
}

// TruncateHTML keeps the first piece of s that fits limit, marked with an
// ellipsis when something was cut. Edits use it: they cannot add messages.
func TruncateHTML(s string, limit int) string {
	parts := SplitHTML(s, limit-1)
	if len(parts) == 1 {
		return parts[0]
	}
	return parts[0] + "…"
}
