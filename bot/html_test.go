package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/knowledge"
)

func TestSplitHTML(t *testing.T) {
	para := "<b>Title</b>\n" + strings.Repeat("word &amp; <i>word</i> ", 40)
	long := strings.Repeat(para+"\n\n", 30)
	oneLine := "<b>" + strings.Repeat("abc ", 3000) + "</b>"
	noSpaces := "<i>" + strings.Repeat("я", 9000) + "</i>"
	emoji := strings.Repeat("📍 ", 3000)
	tests := []struct {
		name  string
		in    string
		limit int
	}{
		{"short", "<b>hi</b>", 4096},
		{"paragraphs", long, 4096},
		{"one bold line", oneLine, 4096},
		{"no spaces", noSpaces, 4096},
		{"emoji count twice", emoji, 4096},
		{"tiny limit", long, 200},
	}
	for _, tt := range tests {
		parts := SplitHTML(tt.in, tt.limit)
		var plain strings.Builder
		for i, p := range parts {
			if n := textLen(p); n > tt.limit {
				t.Errorf("%s: part %d is %d units, over %d", tt.name, i, n, tt.limit)
			}
			if err := telegramtest.CheckHTML(p); err != nil {
				t.Errorf("%s: part %d: %v", tt.name, i, err)
			}
			plain.WriteString(PlainText(p))
		}
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if got, want := squash(plain.String()), squash(PlainText(tt.in)); got != want {
			t.Errorf("%s: text lost or changed in splitting: got %d chars, want %d", tt.name, len(got), len(want))
		}
	}
}

func TestSplitHTMLPrefersParagraphs(t *testing.T) {
	a := strings.Repeat("a", 3000)
	b := strings.Repeat("b", 3000)
	parts := SplitHTML(a+"\n\n"+b, 4096)
	if len(parts) != 2 || parts[0] != a || parts[1] != b {
		t.Errorf("SplitHTML(a\\n\\nb) = %d parts, want [a b]", len(parts))
	}
}

func TestBoldFigures(t *testing.T) {
	tests := []struct {
		text string // with the figures marked as the data files mark them
		want string
	}{
		{"It stretches [[8,445 km]].", "It stretches <b>8,445 km</b>."},
		{"It has more than [[3,500]] shops & cafés.", "It has more than <b>3,500</b> shops &amp; cafés."},
		{"[[Five railways]] cross it.", "<b>Five railways</b> cross it."},
		{"No figure <here>.", "No figure &lt;here&gt;."},
		{"[[2013]] and 2013", "<b>2013</b> and 2013"},
		{"Выставка к [[10-летию]] инициативы.", "Выставка к <b>10-летию</b> инициативы."},
		{"Страны отметили [[30-летия]] связей.", "Страны отметили <b>30-летия</b> связей."},
		{"It has [[3,500]] shoppers.", "It has <b>3,500</b> shoppers."},
		{"Почти [[1 трлн]] долларов инвестиций.", "Почти <b>1 трлн</b> долларов инвестиций."},
		{"Жылына [[5 млн]] тонна.", "Жылына <b>5 млн</b> тонна."},
		{"Over [[2|15 years]] it spent [[1|$35 <billion>]].", "Over <b>15 years</b> it spent <b>$35 &lt;billion&gt;</b>."},
		{"[[1]][[2]] 3", "<b>1</b><b>2</b> 3"},
		{"过去[[2|15年]]投入[[1|超过350亿美元]]。", "过去<b>15年</b>投入<b>超过350亿美元</b>。"},
	}
	for _, tt := range tests {
		text, spans, err := knowledge.Unmark(tt.text, 2)
		if err != nil {
			t.Fatalf("Unmark(%q): %v", tt.text, err)
		}
		if got := boldFigures(text, spans); got != tt.want {
			t.Errorf("boldFigures(%q, %v) = %q, want %q", text, spans, got, tt.want)
		}
	}
}

func TestParseCommand(t *testing.T) {
	tests := []struct {
		text, name, args string
		other            bool
	}{
		{"/start", "start", "", false},
		{"/start hw_abc", "start", "hw_abc", false},
		{"/Search@Silkroad_Test_Bot khorgos  ", "search", "khorgos", false},
		{"/search@otherbot khorgos", "search", "khorgos", true},
		{"/search\nkhorgos", "search", "khorgos", false},
		{"hello /start", "", "", false},
		{"/ртуть", "", "", false},
		{"/", "", "", false},
	}
	for _, tt := range tests {
		name, args, other := ParseCommand(tt.text, "silkroad_test_bot")
		if name != tt.name || args != tt.args || other != tt.other {
			t.Errorf("ParseCommand(%q) = %q, %q, %v; want %q, %q, %v", tt.text, name, args, other, tt.name, tt.args, tt.other)
		}
	}
}

func TestChooseLang(t *testing.T) {
	tests := []struct{ chosen, text, code, want string }{
		{"", "What is Khorgos?", "", "en"},
		{"", "What is Khorgos?", "ru", "ru"},
		{"", "What is Khorgos?", "zh-hans", "zh"},
		{"", "What is Khorgos?", "de", "en"},
		{"", "Что такое Хоргос?", "en", "ru"},
		{"", "Қорғас деген не?", "ru", "kk"},
		{"", "霍尔果斯是什么", "en", "zh"},
		{"kk", "What is Khorgos?", "ru", "kk"},
		{"", "123", "kk", "kk"},
		{"", "", "ru_RU.UTF-8", "ru"},
	}
	for _, tt := range tests {
		if got := chooseLang(tt.chosen, tt.text, tt.code); got != tt.want {
			t.Errorf("chooseLang(%q, %q, %q) = %q, want %q", tt.chosen, tt.text, tt.code, got, tt.want)
		}
	}
}

// FuzzSplitHTML checks that splitting escaped text with tags gives pieces
// within the limit that are each valid Telegram HTML and together keep
// every word.
func FuzzSplitHTML(f *testing.F) {
	f.Add("hello world", 40)
	f.Add(strings.Repeat("a & b < c\n", 50), 64)
	f.Add(strings.Repeat("📍", 100), 30)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit < 30 || limit > 5000 || !utf8.ValidString(s) {
			return
		}
		in := "<b>" + esc(s) + "</b>\n<i>" + esc(s) + "</i>"
		var plain strings.Builder
		for i, p := range SplitHTML(in, limit) {
			if n := textLen(p); n > limit {
				t.Fatalf("part %d is %d units, over %d", i, n, limit)
			}
			if err := telegramtest.CheckHTML(p); err != nil {
				t.Fatalf("part %d %q: %v", i, p, err)
			}
			plain.WriteString(PlainText(p) + " ")
		}
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if got, want := squash(plain.String()), squash(PlainText(in)); got != want {
			t.Fatalf("splitting changed the text: got %q, want %q", got, want)
		}
	})
}

func BenchmarkSplitHTML(b *testing.B) {
	in := strings.Repeat("<b>Line</b> with &amp; entity and "+strings.Repeat("word ", 30)+"\n", 600)
	b.ReportAllocs()
	for b.Loop() {
		SplitHTML(in, MaxMessage)
	}
}
