package bot

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// telegramTags are the tags Telegram's HTML parse mode accepts (of those
// this bot may use).
var telegramTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true,
	"s": true, "strike": true, "del": true, "a": true, "code": true, "pre": true,
	"tg-spoiler": true, "blockquote": true,
}

var (
	entityRE = regexp.MustCompile(`^&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});`)
	hrefRE   = regexp.MustCompile(`^a href="[^"<>]*"$`)
)

// checkHTML reports the first way s is not HTML Telegram accepts: an
// unknown tag, an attribute other than a's href, a tag not properly
// nested or closed, an unknown entity or a bare '<', '>' or '&'.
func checkHTML(s string) error {
	var stack []string
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return fmt.Errorf("offset %d: unclosed '<'", i)
			}
			body := s[i+1 : i+end]
			i += end + 1
			if name, ok := strings.CutPrefix(body, "/"); ok {
				if len(stack) == 0 || stack[len(stack)-1] != name {
					return fmt.Errorf("offset %d: </%s> does not close the open tag (open: %v)", i, name, stack)
				}
				stack = stack[:len(stack)-1]
				continue
			}
			name, attrs, _ := strings.Cut(body, " ")
			if !telegramTags[name] {
				return fmt.Errorf("offset %d: tag <%s> not allowed", i, name)
			}
			if attrs != "" && !(name == "a" && hrefRE.MatchString(body)) {
				return fmt.Errorf("offset %d: attributes not allowed in <%s>", i, body)
			}
			if name == "a" && attrs == "" {
				return fmt.Errorf("offset %d: <a> without href", i)
			}
			stack = append(stack, name)
		case '&':
			m := entityRE.FindString(s[i:])
			if m == "" {
				return fmt.Errorf("offset %d: bad entity near %q", i, s[i:min(len(s), i+10)])
			}
			i += len(m)
		case '>':
			return fmt.Errorf("offset %d: bare '>'", i)
		default:
			i++
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("unclosed tags %v", stack)
	}
	return nil
}

// checkMessage checks that text is valid Telegram HTML within the length
// limit.
func checkMessage(t *testing.T, what, text string) {
	t.Helper()
	if err := checkHTML(text); err != nil {
		t.Errorf("%s: invalid HTML: %v\n%s", what, err, text)
	}
	if n := textLen(text); n > MaxMessage {
		t.Errorf("%s: %d UTF-16 units, over %d", what, n, MaxMessage)
	}
}

func TestCheckHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		ok   bool
	}{
		{"plain", "hello", true},
		{"bold", "<b>x</b> &amp; <i>y</i>", true},
		{"nested", "<b><i>x</i></b>", true},
		{"link", `<a href="https://t.me/x">x</a>`, true},
		{"numeric entity", "&#39;&#x27;", true},
		{"crossed", "<b><i>x</b></i>", false},
		{"unclosed", "<b>x", false},
		{"unknown tag", "<div>x</div>", false},
		{"attribute", `<b class="x">y</b>`, false},
		{"bare lt", "a < b", false},
		{"bare amp", "a & b", false},
		{"named entity", "&nbsp;", false},
		{"bare gt", "a > b", false},
	}
	for _, tt := range tests {
		err := checkHTML(tt.in)
		if got := err == nil; got != tt.ok {
			t.Errorf("%s: checkHTML(%q) = %v, want ok=%v", tt.name, tt.in, err, tt.ok)
		}
	}
}
