package telegramtest

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		wantPlain   string
		wantProblem string
	}{
		{"plain", "Khorgos dry port", "Khorgos dry port", ""},
		{"tags", "<b>bold</b> <i>it</i> <a href=\"https://x.kz/?a=1&b=2\">link</a>", "bold it link", ""},
		{"nested", "<b><i>x</i></b>", "x", ""},
		{"upper case", "<B>x</B>", "x", ""},
		{"attribute with >", `<a href="x>y">l</a>`, "l", ""},
		{"spoiler span", `<span class="tg-spoiler">s</span>`, "s", ""},
		{"pre code", `<pre><code class="language-go">x := 1</code></pre>`, "x := 1", ""},
		{"entities", "&lt;b&gt; &amp; &quot;q&quot; &#1179; &#x4E2D;", `<b> & "q" қ 中`, ""},
		{"bare ampersand", "R&D & more; &unknown;", "R&D & more; &unknown;", ""},
		{"bare less-than", "a < b", "", `Unsupported start tag "" at byte offset 2`},
		{"heart", "I <3 silk", "", `Unsupported start tag "3" at byte offset 2`},
		{"br", "line<br>", "", `Unsupported start tag "br" at byte offset 4`},
		{"unclosed start", `<a href="x`, "", "Unclosed start tag at byte offset 0"},
		{"missing end", "<b>x", "", `Can't find end tag corresponding to start tag "b"`},
		{"stray end", "x</b>", "", "Unexpected end tag at byte offset 1"},
		{"crossed", "<b><i>x</b></i>", "", `Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain, problem := parseHTML(tt.in)
			if plain != tt.wantPlain || problem != tt.wantProblem {
				t.Errorf("parseHTML(%q) = %q, %q; want %q, %q", tt.in, plain, problem, tt.wantPlain, tt.wantProblem)
			}
		})
	}
}

// FuzzParseHTML checks that any text escaped for parse_mode HTML, the way
// the bot escapes user-visible text, is accepted and shown unchanged.
func FuzzParseHTML(f *testing.F) {
	for _, seed := range []string{"", "a < b", "<b>x</b>", "&amp;lt;", "R&D", "Хоргос & 霍尔果斯 > 3500", "&#0;"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip()
		}
		escaped := tgbotapi.EscapeText(tgbotapi.ModeHTML, s)
		plain, problem := parseHTML(escaped)
		if problem != "" || plain != s {
			t.Errorf("parseHTML(EscapeText(%q)) = %q, %q; want the text back", s, plain, problem)
		}
		if !strings.ContainsAny(s, "<&") {
			if plain, problem := parseHTML(s); problem != "" || plain != s {
				t.Errorf("parseHTML(%q) = %q, %q; want text without < and & unchanged", s, plain, problem)
			}
		}
	})
}

func TestCommandEntities(t *testing.T) {
	tests := []struct {
		text       string
		wantLength int // 0: no entity
	}{
		{"/start", 6},
		{"/start payload", 6},
		{"/ask@silkroad_test_bot Khorgos?", 22},
		{"/help\nmore", 5},
		{"/", 0},
		{"/вопрос", 0},
		{"hello /start", 0},
		{"/" + strings.Repeat("a", 33), 0},
	}
	for _, tt := range tests {
		got := commandEntities(tt.text)
		gotLength := 0
		if len(got) == 1 && got[0].Type == "bot_command" && got[0].Offset == 0 {
			gotLength = got[0].Length
		}
		if gotLength != tt.wantLength || len(got) > 1 {
			t.Errorf("commandEntities(%q) = %+v, want bot_command of length %d", tt.text, got, tt.wantLength)
		}
	}
}

func TestUTF16Len(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{{"", 0}, {"abc", 3}, {"қазақ", 5}, {"中文", 2}, {"🐫", 2}}
	for _, tt := range tests {
		if got := utf16Len(tt.in); got != tt.want {
			t.Errorf("utf16Len(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// replyMarkupSeeds are reply_markup values for TestReplyMarkup and seeds for
// FuzzReplyMarkup.
var replyMarkupSeeds = []string{
	`{"inline_keyboard":[[{"text":"a","callback_data":"b"}],[{"text":"c","url":"https://example.com"}]]}`,
	`{"inline_keyboard":[[{"text":"«Западная Европа»","callback_data":"1|f|wewc"}]]}`,
	` {"inline_keyboard" : [ [ {"text" : "a" , "callback_data" : "b"} ] ] } `,
	`{"inline_keyboard":[[{"text":"a"}]]}`,
	`{"inline_keyboard":[[{"text":" ","callback_data":"b"}]]}`,
	`{"inline_keyboard":[[{"text":"\u0020\n","callback_data":"b"}]]}`,
	`{"inline_keyboard":[[{"Text":"a","callback_data":"b"}]]}`,
	`{"inline_keyboard":[[{"text":"a","Callback_Data":"b"}]]}`,
	`{"Inline_Keyboard":[[{"text":"a","callback_data":"b"}]]}`,
	`{"inline_keyboard":[[{"text":"a","callback_data":"b","callback_data":null}]]}`,
	`{"inline_keyboard":[[{"text":"a","url":null,"pay":false}]]}`,
	`{"inline_keyboard":[[{"text":"a","callback_data":""}]]}`,
	`{"inline_keyboard":[[{"text":"a","callback_data":"` + strings.Repeat("x", 65) + `"}]]}`,
	`{"inline_keyboard":[[{"text":"a","callback_data":"` + strings.Repeat("é", 32) + `"}]]}`,
	"{\"inline_keyboard\":[[{\"text\":\"a\",\"callback_data\":\"\xff\xfe\"}]]}",
	`{"inline_keyboard":[[{"text":"a","callback_data":5}]]}`,
	`{"inline_keyboard":[[{"text":"a","url":5}]]}`,
	`{"inline_keyboard":[[{"text":"a","web_app":{"url":"https://example.com"}}]]}`,
	`{"inline_keyboard":[[null]]}`,
	`{"inline_keyboard":[null,[]]}`,
	`{"inline_keyboard":[[{"text":""}],[5]]}`,
	`{"inline_keyboard":[["a"]]}`,
	`{"inline_keyboard":{}}`,
	`{"inline_keyboard":null}`,
	`{"inline_keyboard":[]}`,
	`{"keyboard":[["a"]]}`,
	`{"remove_keyboard":true}`,
	`{"force_reply":true,"inline_keyboard":[[{"text":"a"}]]}`,
	`{"inline_keyboard":[[{"text":"a","callback_data":"b"}]],"inline_keyboard":[[{"text":"a"}]]}`,
	`{}`,
	`null`,
	`[1]`,
	`"x"`,
	`{"inline_keyboard":`,
}

func TestReplyMarkup(t *testing.T) {
	for _, markup := range replyMarkupSeeds {
		checkReplyMarkup(t, markup)
	}
}

func FuzzReplyMarkup(f *testing.F) {
	for _, markup := range replyMarkupSeeds {
		f.Add(markup)
	}
	f.Fuzz(func(t *testing.T, markup string) {
		if markup == "" {
			return
		}
		checkReplyMarkup(t, markup)
	})
}

// checkReplyMarkup checks replyMarkup against replyMarkupByMaps.
func checkReplyMarkup(t *testing.T, markup string) {
	t.Helper()
	c := &Call{Params: map[string]string{"reply_markup": markup}}
	got, err := replyMarkup(c)
	want, wantErr := replyMarkupByMaps(c)
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(err, wantErr) {
		t.Errorf("replyMarkup(%s) = %+v, %+v; want %+v, %+v", markup, got, err, want, wantErr)
	}
}

// replyMarkupByMaps is replyMarkup as it was first written, decoding the
// markup into maps: slower, but plainly right.
func replyMarkupByMaps(c *Call) (*tgbotapi.InlineKeyboardMarkup, *apiError) {
	raw := c.Params["reply_markup"]
	if raw == "" {
		return nil, nil
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &probe); err != nil || probe == nil {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	ik, ok := probe["inline_keyboard"]
	if !ok {
		for _, key := range []string{"keyboard", "remove_keyboard", "force_reply"} {
			if _, ok := probe[key]; ok {
				return nil, nil
			}
		}
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	var rows [][]map[string]json.RawMessage
	if err := json.Unmarshal(ik, &rows); err != nil {
		return nil, badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
	}
	for _, row := range rows {
		for _, button := range row {
			var text string
			if json.Unmarshal(button["text"], &text) != nil || strings.TrimSpace(text) == "" {
				return nil, badRequest("can't parse inline keyboard button: Text must be non-empty")
			}
			actions := 0
			for _, key := range buttonActions {
				if v, ok := button[key]; ok && string(v) != "null" {
					actions++
				}
			}
			if actions == 0 {
				return nil, badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
			}
			if v, ok := button["callback_data"]; ok {
				var data string
				if json.Unmarshal(v, &data) != nil || len(data) == 0 || len(data) > maxCallbackData {
					return nil, badRequest("BUTTON_DATA_INVALID")
				}
			}
		}
	}
	var markup tgbotapi.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(raw), &markup); err != nil {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	if len(markup.InlineKeyboard) == 0 {
		return nil, nil
	}
	return &markup, nil
}
