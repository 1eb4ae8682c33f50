package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseCommandCases(t *testing.T) {
	tests := []struct {
		text, username string
		name, args     string
		forOther       bool
	}{
		{"/start", "silk_bot", "start", "", false},
		{"/Search  Khorgos port ", "silk_bot", "search", "Khorgos port", false},
		{"/help@silk_bot", "silk_bot", "help", "", false},
		{"/help@SILK_BOT", "silk_bot", "help", "", false},
		{"/help@other_bot", "silk_bot", "help", "", true},
		{"/project\nKhorgos", "silk_bot", "project", "Khorgos", false},
		{"/", "silk_bot", "", "", false},
		{"/ start", "silk_bot", "", "", false},
		{"/стоп", "silk_bot", "", "", false},
		{"/" + strings.Repeat("a", 33), "silk_bot", "", "", false},
		{"hello /start", "silk_bot", "", "", false},
		{"/<b>x</b>", "silk_bot", "", "", false},
	}
	for _, tt := range tests {
		name, args, forOther := ParseCommand(tt.text, tt.username)
		if name != tt.name || args != tt.args || forOther != tt.forOther {
			t.Errorf("ParseCommand(%q, %q) = %q, %q, %v; want %q, %q, %v", tt.text, tt.username, name, args, forOther, tt.name, tt.args, tt.forOther)
		}
	}
}

// FuzzParseCommand checks that a parsed command name is always a valid
// Telegram command name, that the arguments are trimmed, and that
// "/name args" parses back to the same command.
func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"/start", "/search Khorgos", "/help@silk_bot", "/help@other", "/project\tKhorgos gate", "/", "/@", "//x", "/a@b@c d", "/стоп", "/x\n\ny", "plain text"} {
		f.Add(s, "silk_bot")
	}
	f.Fuzz(func(t *testing.T, text, username string) {
		name, args, forOther := ParseCommand(text, username)
		if name == "" {
			if args != "" || forOther {
				t.Fatalf("ParseCommand(%q) = %q, %q, %v: arguments or target without a command", text, name, args, forOther)
			}
			return
		}
		if !strings.HasPrefix(text, "/") {
			t.Fatalf("ParseCommand(%q) found command %q in text without a slash", text, name)
		}
		if len(name) > 32 {
			t.Fatalf("ParseCommand(%q) = name of %d bytes", text, len(name))
		}
		for _, r := range name {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
				t.Fatalf("ParseCommand(%q) = name %q with %q", text, name, r)
			}
		}
		if args != strings.TrimSpace(args) {
			t.Fatalf("ParseCommand(%q) = untrimmed args %q", text, args)
		}
		if utf8.ValidString(text) && !utf8.ValidString(args) {
			t.Fatalf("ParseCommand(%q) = args %q, not UTF-8", text, args)
		}
		if forOther && !strings.Contains(text, "@") {
			t.Fatalf("ParseCommand(%q) = for another bot without a target", text)
		}
		again := "/" + name
		if args != "" {
			again += " " + args
		}
		n2, a2, o2 := ParseCommand(again, username)
		if n2 != name || a2 != args || o2 {
			t.Fatalf("ParseCommand(%q) = %q, %q, %v; want %q, %q, false as parsed from %q", again, n2, a2, o2, name, args, text)
		}
	})
}
