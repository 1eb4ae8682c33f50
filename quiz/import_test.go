package quiz

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	encunicode "golang.org/x/text/encoding/unicode"
)

// q is a question as a teacher wrote it, for the tables.
func q(question string, correct int, explanation string, options ...string) Question {
	return Question{Question: question, Options: options, Correct: correct, Explanation: explanation}
}

var khorgosText = []Question{
	q("Where is the Khorgos border centre?", 1, "It straddles the border between the two countries.",
		"On the Caspian Sea", "On the Kazakh–Chinese border", "In Astana"),
	q("What does the Lianyungang base handle?", 1, "", "Only passengers", "Kazakh goods shipped to the Pacific"),
	q("Which port on the Caspian Sea does the Middle Corridor use?", 0, "Aktau, in Kazakhstan, ships to Baku.",
		"Aktau", "Odesa", "Gdańsk"),
}

// parse calls ParseQuestions and checks the ids, which it then clears so
// the questions compare with the tables'.
func parse(t *testing.T, name string, data []byte) ([]Question, []Problem) {
	t.Helper()
	qs, probs := ParseQuestions(name, data)
	for i := range qs {
		if want := importID(qs[i].Question, qs[i].Options); qs[i].ID != want || !idPattern.MatchString(want) {
			t.Errorf("ParseQuestions(%q): question %d has id %q, want %q", name, i, qs[i].ID, want)
		}
		qs[i].ID = ""
	}
	return qs, probs
}

var idPattern = regexp.MustCompile(`^u-[0-9a-f]{12}$`)

func TestParseQuestions(t *testing.T) {
	two := []Question{q("Capital of Kazakhstan?", 1, "", "Almaty", "Astana"), q("Port on the Caspian?", 0, "", "Aktau", "Odesa")}
	tests := []struct {
		name, file, data string
		want             []Question
	}{
		{"text", "quiz.txt", "1. Where is the Khorgos border centre?\nA) On the Caspian Sea\n*B) On the Kazakh–Chinese border\n" +
			"C) In Astana\n> It straddles the border between the two countries.\n\n\n" +
			"What does the Lianyungang base handle?\n- Only passengers\n- * Kazakh goods shipped to the Pacific\n\n" +
			"Q3: Which port on the Caspian Sea does the Middle Corridor use?\na. *Aktau\nb. Odesa\nc. Gdańsk\n" +
			"> Aktau, in Kazakhstan, ships to Baku.\n", khorgosText},
		{"text markers", "quiz", "Q1. Capital of Kazakhstan?\n1) Almaty\n2) *Astana\n\n12) Port on the Caspian?\n• *Aktau\n•Odesa",
			two},
		{"text star after letter without space", "a.TXT", "Capital of Kazakhstan?\n(a) Almaty\nB)*Astana\n\nPort on the Caspian?\n*Aktau\nOdesa",
			two},
		{"text keeps numbers", "n.txt", "Coldest?\n-5 °C\n* -40 °C\n3.5 °C\n- 2. five", []Question{q("Coldest?", 1, "", "-5 °C", "-40 °C", "3.5 °C", "2. five")}},
		{"text explanation after a blank line", "e.txt", "Capital of Kazakhstan?\nAlmaty\n*Astana\n\n> Since 1997.\n> Before, Almaty.\n\nPort on the Caspian?\n*Aktau\nOdesa\n",
			[]Question{q("Capital of Kazakhstan?", 1, "Since 1997.\nBefore, Almaty.", "Almaty", "Astana"), two[1]}},
		{"text CRLF", "crlf.txt", "Capital of Kazakhstan?\r\nAlmaty\r\n*Astana\r\n\r\nPort on the Caspian?\r\n*Aktau\r\nOdesa\r\n", two},
		{"text CR", "cr.txt", "Capital of Kazakhstan?\rAlmaty\r*Astana\r\rPort on the Caspian?\r*Aktau\rOdesa\r", two},
		{"text same question twice", "twice.txt", "Port on the Caspian?\n*Aktau\nOdesa\n\nPort on the Caspian?\n*Aktau\nOdesa", []Question{two[1], two[1]}},
		{"csv comma, no header", "q.csv", "Capital of Kazakhstan?,Almaty,*Astana\n\n\"Port on the Caspian?\",*Aktau,Odesa,,\n", two},
		{"csv semicolon, no header, commas in text", "q.CSV", "Capital, of Kazakhstan?;Almaty;*Astana\n\"Port; on the Caspian?\";*Aktau;Odesa;>On the coast, of course.\n",
			[]Question{q("Capital, of Kazakhstan?", 1, "", "Almaty", "Astana"), q("Port; on the Caspian?", 0, "On the coast, of course.", "Aktau", "Odesa")}},
		{"csv tab, no header", "q.csv", "Capital of Kazakhstan?\tAlmaty\t*Astana\nPort on the Caspian?\t*Aktau\tOdesa\n", two},
		{"tsv, comma in header", "q.tsv", "Question\tOption 1, first\tOption 2\tCorrect\nCapital of Kazakhstan?\tAlmaty\tAstana\t2\nPort on the Caspian?\tAktau\tOdesa\t1\n", two},
		{"csv header, correct by number", "q.csv", "Question,Answer 1,Answer 2,Right answer,Explanation\nCapital of Kazakhstan?,Almaty,Astana,2,\nPort on the Caspian?,Aktau,Odesa,1,\n", two},
		{"csv header, correct by text", "q.csv", "QUESTION TEXT,Choice A,Choice B,Correct_Answer\nCapital of Kazakhstan?,Almaty,Astana, astana \nPort on the Caspian?,Aktau,Odesa,AKTAU\n", two},
		{"csv header, correct by letter", "q.csv", "question,option a,option b,correct\nCapital of Kazakhstan?,Almaty,Astana,B\nPort on the Caspian?,Aktau,Odesa,a\n", two},
		{"csv header, stars, other columns", "q.csv", "Question,Category,Option 1,Option 2,Option 3,Time\nCapital of Kazakhstan?,geo,Almaty,*Astana,,20\nPort on the Caspian?,geo,*Aktau,Odesa,,20\n,,,,,\n", two},
		{"csv header in Chinese", "q.csv", "问题,选项1,选项2,正确答案,解析\n首都?,阿拉木图,阿斯塔纳,2,1997年起\n", []Question{q("首都?", 1, "1997年起", "阿拉木图", "阿斯塔纳")}},
		{"csv quoted newline", "q.csv", "Question,Option 1,Option 2,Correct\n\"Capital of\nKazakhstan?\",Almaty,Astana,2\n", []Question{q("Capital of\nKazakhstan?", 1, "", "Almaty", "Astana")}},
		{"csv options that are numbers", "q.csv", "Question;Option 1;Option 2;Option 3;Correct\n1 + 2?;2;4;3;3\n", []Question{q("1 + 2?", 2, "", "2", "4", "3")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs := parse(t, tt.file, []byte(tt.data))
			if probs != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseQuestions(%q, %q) =\n%+v, %+v\nwant\n%+v", tt.file, tt.data, got, probs, tt.want)
			}
		})
	}
}

func TestParseQuestionsSamples(t *testing.T) {
	tests := []struct {
		file string
		want []Question
	}{
		{"khorgos.txt", khorgosText},
		{"khorgos_ru.csv", []Question{
			q("Где находится Хоргос?", 1, "Центр стоит на самой границе.", "На Каспии", "На границе Казахстана и Китая", "В Астане"),
			q("Какой порт, на Каспии, отправляет грузы в Баку?", 0, "", "Актау", "Одесса"),
			q("Сколько будет 1 + 2?", 1, "", "2", "3"),
		}},
		{"khorgos_kk.tsv", []Question{q("Хоргос қай жерде?", 1, "", "Каспийде", "Қазақстан мен Қытай шекарасында")}},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join("testdata", "import", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		if got, probs := parse(t, tt.file, data); probs != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseQuestions(%q) =\n%+v, %+v\nwant\n%+v", tt.file, got, probs, tt.want)
		}
	}
}

// block is a valid text question with n options, the first one right.
func block(n int) string {
	var b strings.Builder
	b.WriteString("Which one?\n*Option 1\n")
	for i := 2; i <= n; i++ {
		fmt.Fprintf(&b, "Option %d\n", i)
	}
	return b.String()
}

func TestParseQuestionsProblems(t *testing.T) {
	long := func(n int) string { return strings.Repeat("ж", n) }
	tests := []struct {
		name, file, data string
		want             []Problem
	}{
		{"empty", "q.txt", "", []Problem{{Kind: ProblemNoQuestions}}},
		{"blank lines", "q.txt", "\n \n\t\n", []Problem{{Kind: ProblemNoQuestions}}},
		{"csv header only", "q.csv", "Question,Option 1,Option 2\n,,\n", []Problem{{Kind: ProblemNoQuestions}}},
		{"html", "q.txt", "\n  <!DOCTYPE html>\n<html><body>Quiz</body></html>", []Problem{{Kind: ProblemHTML}}},
		{"html without doctype", "q.csv", "<HTML lang=ru>", []Problem{{Kind: ProblemHTML}}},
		{"pdf", "q.txt", "%PDF-1.7\n", []Problem{{Kind: ProblemBinary}}},
		{"old excel", "q.csv", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", []Problem{{Kind: ProblemBinary}}},
		{"nul", "q.txt", "Which?\n*A\x00\nB", []Problem{{Kind: ProblemBinary}}},
		{"bad utf-8", "q.txt", "Which?\n*A\nB\xff\n", []Problem{{Line: 3, Kind: ProblemEncoding}}},
		{"replacement character", "q.txt", "Which?\r\n*A\r\nB\r\n\r\nWh\uFFFDt?", []Problem{{Line: 5, Kind: ProblemEncoding}}},
		{"question empty", "q.txt", "\n1.\nA\n*B", []Problem{{Line: 2, Kind: ProblemQuestionEmpty}}},
		{"question long", "q.txt", long(301) + "\n*A\nB", []Problem{{Line: 1, Kind: ProblemQuestionLong, N: 301, Max: 300}}},
		{"question of 300", "q.txt", " " + long(300) + " \n*A\nB\n\nx", []Problem{{Line: 5, Kind: ProblemOptionsFew, N: 0, Max: 2}}},
		{"options few", "q.txt", "Which?\n*A", []Problem{{Line: 1, Kind: ProblemOptionsFew, N: 1, Max: 2}}},
		{"options many", "q.txt", "\n" + block(13), []Problem{{Line: 2, Kind: ProblemOptionsMany, N: 13, Max: 12}}},
		{"option empty", "q.txt", "Which?\nA)\n*B\nC", []Problem{{Line: 2, Kind: ProblemOptionEmpty}}},
		{"option long on line 7", "q.txt", block(2) + "\nWhich?\n*A\n" + long(101),
			[]Problem{{Line: 7, Kind: ProblemOptionLong, N: 101, Max: 100, Text: long(40)}}},
		{"option twice", "q.txt", "Which?\n*Astana\n astana ", []Problem{{Line: 3, Kind: ProblemOptionTwice, Text: "astana"}}},
		{"no right", "q.txt", "Which?\nA\nB", []Problem{{Line: 1, Kind: ProblemNoRight}}},
		{"many right", "q.txt", "Which?\n*A\n*B\nC", []Problem{{Line: 1, Kind: ProblemManyRight, N: 2}}},
		{"explanation long", "q.txt", "Which?\n*A\nB\n> " + long(201), []Problem{{Line: 4, Kind: ProblemExplanationLong, N: 201, Max: 200}}},
		{"explanation without question", "q.txt", "> Why\n*A\nB", []Problem{{Line: 1, Kind: ProblemQuestionEmpty}}},
		{"csv unclosed quote", "q.csv", "Which?,*A,B\n\nWhich?,\"*A,B\nWhich?,*A,B\n", []Problem{{Line: 3, Kind: ProblemCSV}}},
		{"csv question empty", "q.csv", "Which?,*A,B\n  ,*A,B", []Problem{{Line: 2, Kind: ProblemQuestionEmpty}}},
		{"csv option empty in the middle", "q.csv", "Question;Option 1;Option 2;Option 3;Option 4\nWhich?;*A;;B;;\n",
			[]Problem{{Line: 2, Kind: ProblemOptionEmpty}}},
		{"csv star alone", "q.csv", "Which?,*,B\n", []Problem{{Line: 1, Kind: ProblemOptionEmpty}}},
		{"csv right unknown", "q.csv", "Question,Option 1,Option 2,Option 3,Correct\nWhich?,A,B,C,4\nWhich?,A,B,C,D or E\n", []Problem{
			{Line: 2, Kind: ProblemRightUnknown, Text: "4"}, {Line: 3, Kind: ProblemRightUnknown, Text: "D or E"}}},
		{"csv no right", "q.csv", "Question,Option 1,Option 2,Correct\nWhich?,A,B,\n", []Problem{{Line: 2, Kind: ProblemNoRight}}},
		{"csv lines of a quoted newline", "q.csv", "Question,Option 1,Option 2,Correct\n\"Which\n\nis it?\",\"A\",\"a\n\",1\n",
			[]Problem{{Line: 4, Kind: ProblemOptionTwice, Text: "a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs := ParseQuestions(tt.file, []byte(tt.data))
			if got != nil || !reflect.DeepEqual(probs, tt.want) {
				t.Errorf("ParseQuestions(%q, %q) = %d questions, %+v; want %+v", tt.file, tt.data, len(got), probs, tt.want)
			}
		})
	}
}

// TestParseQuestionsEveryProblem checks that a teacher sees every
// problem of a file at once, in the order of its lines.
func TestParseQuestionsEveryProblem(t *testing.T) {
	data := "Capital of Kazakhstan?\nAlmaty\nAstana\n\n" + // no right answer
		"Port on the Caspian?\n*Aktau\n*Odesa\n*aktau\n\n" + // two right, one twice
		"Fine?\n*Yes\nNo\n\n" +
		"\n" + strings.Repeat("?", 301) + "\n*" + strings.Repeat("x", 120) + "\n> " + strings.Repeat("y", 250) + "\n"
	want := []Problem{
		{Line: 1, Kind: ProblemNoRight},
		{Line: 5, Kind: ProblemManyRight, N: 3},
		{Line: 8, Kind: ProblemOptionTwice, Text: "aktau"},
		{Line: 15, Kind: ProblemQuestionLong, N: 301, Max: 300},
		{Line: 15, Kind: ProblemOptionsFew, N: 1, Max: 2},
		{Line: 16, Kind: ProblemOptionLong, N: 120, Max: 100, Text: strings.Repeat("x", 40)},
		{Line: 17, Kind: ProblemExplanationLong, N: 250, Max: 200},
	}
	if got, probs := ParseQuestions("q.txt", []byte(data)); got != nil || !reflect.DeepEqual(probs, want) {
		t.Errorf("ParseQuestions(%q) = %d questions,\n%+v\nwant\n%+v", data, len(got), probs, want)
	}
}

func TestParseQuestionsEncodings(t *testing.T) {
	text := "Столица Казахстана?\r\nАлматы\r\n*Астана\r\n"
	want := []Question{q("Столица Казахстана?", 1, "", "Алматы", "Астана")}
	utf16 := func(order encunicode.Endianness) []byte {
		b, err := encunicode.UTF16(order, encunicode.UseBOM).NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for name, data := range map[string][]byte{
		"utf-8":        []byte(text),
		"utf-8 bom":    append([]byte("\xEF\xBB\xBF"), text...),
		"utf-16le bom": utf16(encunicode.LittleEndian),
		"utf-16be bom": utf16(encunicode.BigEndian),
	} {
		if got, probs := parse(t, "q.txt", data); probs != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ParseQuestions(% x) = %+v, %+v; want %+v", name, data, got, probs, want)
		}
	}
	// A Russian Excel file saved as Windows-1251: the teacher is told the
	// first line that is not UTF-8.
	cp1251, err := charmap.Windows1251.NewEncoder().Bytes([]byte("Capital?;Almaty;*Astana\nСтолица?;Алматы;*Астана\n"))
	if err != nil {
		t.Fatal(err)
	}
	want1251 := []Problem{{Line: 2, Kind: ProblemEncoding}}
	if got, probs := ParseQuestions("вопросы.csv", cp1251); got != nil || !reflect.DeepEqual(probs, want1251) {
		t.Errorf("ParseQuestions(Windows-1251) = %+v, %+v; want %+v", got, probs, want1251)
	}
}

func TestParseQuestionsRefused(t *testing.T) {
	var xlsx bytes.Buffer
	zw := zip.NewWriter(&xlsx)
	w, err := zw.Create("xl/workbook.xml")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(w, "<workbook/>")
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	huge := []byte(strings.Repeat(block(4)+"\n", 2<<20/40))[:2<<20]
	tests := []struct {
		name string
		data []byte
		want []Problem
	}{
		{"quiz.xlsx", xlsx.Bytes(), []Problem{{Kind: ProblemBinary}}},
		{"quiz.csv", xlsx.Bytes(), []Problem{{Kind: ProblemBinary}}},
		{"big.txt", huge, []Problem{{Kind: ProblemTooBig, N: 2 << 20, Max: MaxImportBytes}}},
		{"big.csv", huge[:MaxImportBytes+1], []Problem{{Kind: ProblemTooBig, N: MaxImportBytes + 1, Max: MaxImportBytes}}},
		{"quiz.rtf", []byte(`{\rtf1\ansi Which?\par *A\par B}`), []Problem{{Kind: ProblemBinary}}},
	}
	for _, tt := range tests {
		if got, probs := ParseQuestions(tt.name, tt.data); got != nil || !reflect.DeepEqual(probs, tt.want) {
			t.Errorf("ParseQuestions(%q, %d bytes) = %d questions, %+v; want %+v", tt.name, len(tt.data), len(got), probs, tt.want)
		}
	}
}

func TestParseQuestionsTooMany(t *testing.T) {
	for _, n := range []int{MaxImportQuestions, MaxImportQuestions + 1} {
		data := strings.Repeat(block(3)+"\n", n)
		got, probs := ParseQuestions("q.txt", []byte(data))
		if n <= MaxImportQuestions {
			if len(got) != n || probs != nil {
				t.Errorf("ParseQuestions(%d questions) = %d questions, %+v; want them all", n, len(got), probs)
			}
			continue
		}
		want := []Problem{{Kind: ProblemTooMany, N: n, Max: MaxImportQuestions}}
		if got != nil || !reflect.DeepEqual(probs, want) {
			t.Errorf("ParseQuestions(%d questions) = %d questions, %+v; want %+v", n, len(got), probs, want)
		}
	}
}

func TestNewQuestion(t *testing.T) {
	twelve := strings.Split(strings.TrimSpace(strings.ReplaceAll(block(12), "*", "")), "\n")[1:]
	tests := []struct {
		name        string
		text        string
		options     []string
		correct     int
		explanation string
		want        []Problem
	}{
		{"forwarded poll", " Capital? ", []string{"Almaty", " Astana "}, 1, "Since 1997.", nil},
		{"twelve options", "Which one?", twelve, 11, "", nil},
		{"thirteen options", "Which one?", append(twelve, "Option 13"), 0, "", []Problem{{Line: 4, Kind: ProblemOptionsMany, N: 13, Max: 12}}},
		{"someone else's quiz", "Capital?", []string{"Almaty", "Astana"}, -1, "", []Problem{{Line: 4, Kind: ProblemNoRight}}},
		{"correct out of range", "Capital?", []string{"Almaty", "Astana"}, 2, "", []Problem{{Line: 4, Kind: ProblemNoRight}}},
		{"every part wrong", "", []string{"", strings.Repeat("é", 101)}, 1, strings.Repeat("é", 201), []Problem{
			{Line: 4, Kind: ProblemQuestionEmpty},
			{Line: 4, Kind: ProblemOptionEmpty},
			{Line: 4, Kind: ProblemOptionLong, N: 101, Max: 100, Text: strings.Repeat("é", 40)},
			{Line: 4, Kind: ProblemExplanationLong, N: 201, Max: 200},
		}},
	}
	for _, tt := range tests {
		got, probs := NewQuestion(4, tt.text, tt.options, tt.correct, tt.explanation)
		if !reflect.DeepEqual(probs, tt.want) {
			t.Errorf("%s: NewQuestion(4, %q, %q, %d, %q) problems = %+v, want %+v", tt.name, tt.text, tt.options, tt.correct, tt.explanation, probs, tt.want)
		}
		if probs == nil && (got.Correct != tt.correct || got.Question != strings.TrimSpace(tt.text) || len(got.Options) != len(tt.options)) {
			t.Errorf("%s: NewQuestion(4, %q, %q, %d, %q) = %+v", tt.name, tt.text, tt.options, tt.correct, tt.explanation, got)
		}
	}
	// A question has one id wherever it comes from.
	poll, _ := NewQuestion(0, "Capital?", []string{"Almaty", "Astana"}, 1, "")
	file, _ := ParseQuestions("mine.csv", []byte("Capital?,Almaty,*Astana\n"))
	other, _ := NewQuestion(0, "Capital?", []string{"Astana", "Almaty"}, 0, "")
	if len(file) != 1 || poll.ID != file[0].ID || poll.ID == other.ID || !idPattern.MatchString(poll.ID) {
		t.Errorf("ids: poll %q, file %+v, other order %q; want the first two equal", poll.ID, file, other.ID)
	}
}

// FuzzParseQuestions checks that ParseQuestions takes any bytes, and that
// a file it accepts gives questions Telegram can send as quiz polls.
func FuzzParseQuestions(f *testing.F) {
	samples, _ := filepath.Glob(filepath.Join("testdata", "import", "*"))
	for _, name := range samples {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(strings.HasSuffix(name, "sv"), data)
		}
	}
	f.Add(false, []byte("Q1: Which?\nA) *a\n- b\n> why\n\n2. Which?\n* c\n• d"))
	f.Add(true, []byte("Question;Option 1;Option 2;Correct\n\"Which?\";a;\"b\"\"\";2\n"))
	f.Add(true, []byte("Which?,\"*a,b\n"))
	f.Add(false, []byte("\xFF\xFEW\x00h\x00?\x00\n\x00*\x00a\x00\n\x00b\x00"))
	f.Fuzz(func(t *testing.T, csv bool, data []byte) {
		name := "quiz.txt"
		if csv {
			name = "quiz.csv"
		}
		qs, probs := ParseQuestions(name, data)
		if probs != nil {
			if qs != nil {
				t.Errorf("ParseQuestions(%q) = %d questions and problems %+v", data, len(qs), probs)
			}
			lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r"))
			if !slices.IsSortedFunc(probs, func(a, b Problem) int { return a.Line - b.Line }) || probs[len(probs)-1].Line > lines {
				t.Errorf("ParseQuestions(%q) problems %+v are not in order of its %d lines", data, probs, lines)
			}
			return
		}
		if len(qs) == 0 || len(qs) > MaxImportQuestions {
			t.Fatalf("ParseQuestions(%q) = %d questions and no problem", data, len(qs))
		}
		for _, q := range qs {
			if bad := importLimits(q); bad != "" {
				t.Errorf("ParseQuestions(%q) accepted %+v: %s", data, q, bad)
			}
		}
	})
}

// importLimits says how q breaks Telegram's quiz poll limits, or "".
func importLimits(q Question) string {
	runes := utf8.RuneCountInString
	switch {
	case q.Question == "" || runes(q.Question) > MaxQuestionLen || q.Question != strings.TrimSpace(q.Question):
		return "question text"
	case len(q.Options) < MinOptions || len(q.Options) > MaxSetOptions:
		return "option count"
	case q.Correct < 0 || q.Correct >= len(q.Options):
		return "right option out of range"
	case runes(q.Explanation) > MaxExplanationLen:
		return "explanation"
	case !idPattern.MatchString(q.ID) || !utf8.ValidString(q.Question+q.Explanation):
		return "id or encoding"
	}
	seen := map[string]bool{}
	for _, o := range q.Options {
		if o == "" || runes(o) > MaxOptionLen || seen[strings.ToLower(o)] || !utf8.ValidString(o) {
			return fmt.Sprintf("option %q", o)
		}
		seen[strings.ToLower(o)] = true
	}
	return ""
}

func ExampleParseQuestions() {
	file := "Where is the Khorgos border centre?\nA) On the Caspian Sea\n*B) On the Kazakh–Chinese border\n\n" +
		"What does the Lianyungang base handle?\n- Only passengers\n"
	qs, probs := ParseQuestions("geography.txt", []byte(file))
	fmt.Println(len(qs), "questions")
	for _, p := range probs {
		fmt.Printf("line %d: %s n=%d max=%d\n", p.Line, p.Kind, p.N, p.Max)
	}
	// Output:
	// 0 questions
	// line 5: options_few n=1 max=2
	// line 5: no_right n=0 max=0
}
