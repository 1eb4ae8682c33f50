package telegramtest

import (
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
