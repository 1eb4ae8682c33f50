package telegramtest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// textParam checks a text or caption parameter the way the Bot API does and
// returns the text as the chat shows it (HTML tags removed, entities decoded)
// with the entities the bot passed explicitly. MarkdownV2 and Markdown are
// passed through unchecked.
func textParam(c *Call, name string, maxLen int) (string, []tgbotapi.MessageEntity, *apiError) {
	raw := c.Params[name]
	if !utf8.ValidString(raw) {
		return "", nil, badRequest("%s must be encoded in UTF-8", name)
	}
	modeParam := "parse_mode"
	entitiesParam := "entities"
	if name == "caption" {
		entitiesParam = "caption_entities"
	}
	text := raw
	if strings.EqualFold(c.Params[modeParam], tgbotapi.ModeHTML) {
		plain, problem := parseHTML(raw)
		if problem != "" {
			return "", nil, badRequest("can't parse entities: %s", problem)
		}
		text = plain
	}
	var entities []tgbotapi.MessageEntity
	if v := c.Params[entitiesParam]; v != "" {
		if err := json.Unmarshal([]byte(v), &entities); err != nil {
			return "", nil, badRequest("can't parse entities JSON object")
		}
	}
	if name == "text" && strings.TrimSpace(text) == "" {
		return "", nil, badRequest("message text is empty")
	}
	if utf16Len(text) > maxLen {
		if name == "caption" {
			return "", nil, badRequest("message caption is too long")
		}
		return "", nil, badRequest("message is too long")
	}
	return text, entities, nil
}

// utf16Len is the length of s in UTF-16 code units, the unit of the Bot
// API's length limits and entity offsets.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// htmlTags are the tags the Bot API accepts with parse_mode HTML.
var htmlTags = map[string]bool{
	"a": true, "b": true, "strong": true, "i": true, "em": true, "u": true,
	"ins": true, "s": true, "strike": true, "del": true, "span": true,
	"tg-spoiler": true, "tg-emoji": true, "code": true, "pre": true,
	"blockquote": true,
}

// parseHTML parses text the way the Bot API does for parse_mode HTML and
// returns the text without tags and with the HTML entities &lt; &gt; &amp;
// &quot; and &#...; decoded. An unknown or unbalanced tag, including a bare
// "<" as in "a < b", is a problem described as Telegram describes it; a bare
// "&" is not, as Telegram keeps it as it is.
func parseHTML(text string) (plain, problem string) {
	var out strings.Builder
	out.Grow(len(text))
	var open []string
	for i := 0; i < len(text); {
		switch text[i] {
		case '<':
			begin := i
			i++
			if i < len(text) && text[i] == '/' {
				end := strings.IndexByte(text[i:], '>')
				if end < 0 {
					return "", fmt.Sprintf("Unclosed end tag at byte offset %d", begin)
				}
				name := strings.ToLower(strings.TrimSpace(text[i+1 : i+end]))
				i += end + 1
				if len(open) == 0 {
					return "", fmt.Sprintf("Unexpected end tag at byte offset %d", begin)
				}
				top := open[len(open)-1]
				if name != "" && name != top {
					return "", fmt.Sprintf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", begin, top, name)
				}
				open = open[:len(open)-1]
				continue
			}
			j := i
			for j < len(text) && text[j] != '>' && !isHTMLSpace(text[j]) {
				j++
			}
			name := strings.ToLower(text[i:j])
			if !htmlTags[name] {
				return "", fmt.Sprintf("Unsupported start tag %q at byte offset %d", name, begin)
			}
			end := tagEnd(text, j)
			if end < 0 {
				return "", fmt.Sprintf("Unclosed start tag at byte offset %d", begin)
			}
			i = end + 1
			open = append(open, name)
		case '&':
			if decoded, n := htmlEntity(text[i:]); n > 0 {
				out.WriteString(decoded)
				i += n
				continue
			}
			out.WriteByte('&')
			i++
		default:
			out.WriteByte(text[i])
			i++
		}
	}
	if len(open) > 0 {
		return "", fmt.Sprintf("Can't find end tag corresponding to start tag %q", open[len(open)-1])
	}
	return out.String(), ""
}

func isHTMLSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r'
}

// tagEnd returns the index of the '>' that closes a start tag whose
// attributes begin at i, skipping quoted attribute values, or -1.
func tagEnd(text string, i int) int {
	for i < len(text) {
		switch c := text[i]; c {
		case '>':
			return i
		case '"', '\'':
			end := strings.IndexByte(text[i+1:], c)
			if end < 0 {
				return -1
			}
			i += end + 2
		default:
			i++
		}
	}
	return -1
}

// htmlEntity decodes the entity at the start of s and returns it with its
// length in bytes, or 0 if s does not start with an entity Telegram knows.
func htmlEntity(s string) (string, int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 10 {
		return "", 0
	}
	name := s[1:end]
	switch name {
	case "lt":
		return "<", end + 1
	case "gt":
		return ">", end + 1
	case "amp":
		return "&", end + 1
	case "quot":
		return `"`, end + 1
	}
	if num, ok := strings.CutPrefix(name, "#"); ok {
		base := 10
		if hex, ok := strings.CutPrefix(strings.ToLower(num), "x"); ok {
			num, base = hex, 16
		}
		n, err := strconv.ParseUint(num, base, 32)
		if err != nil || n == 0 || n > utf8.MaxRune {
			return "", 0
		}
		return string(rune(n)), end + 1
	}
	return "", 0
}

// buttonActions are the fields of which an inline keyboard button must have
// exactly one.
var buttonActions = [...]string{
	"url", "login_url", "callback_data", "web_app", "switch_inline_query",
	"switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
	"copy_text", "callback_game", "pay",
}

// Refusals of a reply_markup that is not even of the right shape.
var (
	errMarkupJSON  = badRequest("can't parse reply keyboard markup JSON object")
	errButtonShape = badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
)

// replyMarkup checks the reply_markup parameter and returns it if it is an
// inline keyboard, which Telegram echoes in the sent message. Other markups
// (reply keyboards, keyboard removal, forced replies) are checked for shape
// only. Member names match exactly, not ignoring case as json.Unmarshal
// into a struct does, and of a repeated member the last counts, as when
// decoding into a map.
func replyMarkup(c *Call) (*tgbotapi.InlineKeyboardMarkup, *apiError) {
	raw := c.Params["reply_markup"]
	if raw == "" {
		return nil, nil
	}
	if !json.Valid([]byte(raw)) {
		return nil, errMarkupJSON
	}
	raw = strings.TrimSpace(raw)
	if raw[0] != '{' {
		return nil, errMarkupJSON
	}
	var ik string
	var inline, other bool
	for name, value := range jsonMembers(raw) {
		switch name {
		case "inline_keyboard":
			ik, inline = value, true
		case "keyboard", "remove_keyboard", "force_reply":
			other = true
		}
	}
	switch {
	case !inline && other:
		return nil, nil
	case !inline:
		return nil, errMarkupJSON
	}
	if err := checkInlineKeyboard(ik); err != nil {
		return nil, err
	}
	var markup tgbotapi.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(raw), &markup); err != nil {
		return nil, errMarkupJSON
	}
	if len(markup.InlineKeyboard) == 0 {
		// Telegram treats an empty inline keyboard as no keyboard.
		return nil, nil
	}
	return &markup, nil
}

// checkInlineKeyboard checks the rows of an inline keyboard, the valid JSON
// value of its inline_keyboard.
func checkInlineKeyboard(ik string) *apiError {
	if ik == "null" {
		return nil
	}
	// The shape comes first: an array of arrays of objects, where null stands
	// for an empty array or a button without text, as json.Unmarshal sees it.
	if ik[0] != '[' {
		return errButtonShape
	}
	var buttons []string
	for row := range jsonElements(ik) {
		if row == "null" {
			continue
		}
		if row[0] != '[' {
			return errButtonShape
		}
		for button := range jsonElements(row) {
			if button != "null" && button[0] != '{' {
				return errButtonShape
			}
			buttons = append(buttons, button)
		}
	}
	for _, button := range buttons {
		if err := checkButton(button); err != nil {
			return err
		}
	}
	return nil
}

// checkButton checks an inline keyboard button, a JSON object or null.
func checkButton(button string) *apiError {
	var text string
	var actions [len(buttonActions)]string // the value of each action, if given
	if button != "null" {
		for name, value := range jsonMembers(button) {
			if name == "text" {
				text = value
			} else if i := slices.Index(buttonActions[:], name); i >= 0 {
				actions[i] = value
			}
		}
	}
	if s, ok := jsonString(text); !ok || strings.TrimSpace(s) == "" {
		return badRequest("can't parse inline keyboard button: Text must be non-empty")
	}
	n := 0
	for _, v := range actions {
		if v != "" && v != "null" {
			n++
		}
	}
	if n == 0 {
		return badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
	}
	if v := actions[slices.Index(buttonActions[:], "callback_data")]; v != "" {
		if data, ok := jsonString(v); !ok || len(data) == 0 || len(data) > maxCallbackData {
			return badRequest("BUTTON_DATA_INVALID")
		}
	}
	return nil
}
