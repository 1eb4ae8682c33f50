package telegramtest

import (
	"fmt"
	"regexp"
	"strings"
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

// CheckHTML reports the first way s is not HTML Telegram accepts: an
// unknown tag, an attribute other than a's href, a tag not properly
// nested or closed, an unknown entity or a bare '<', '>' or '&'. It is
// stricter than the Bot API, which lets a bare '&' and '>' through: the
// bot escapes every piece of text it sends, so one of them means text
// that went out unescaped.
func CheckHTML(s string) error {
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
