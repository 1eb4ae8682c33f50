package telegram

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

// sendFile uploads data to the fake Bot API and sends it to the bot as
// user's document, then returns the bot's answer.
func (b *quizBot) sendFile(user int64, name string, data []byte, size int, caption string) string {
	b.t.Helper()
	before := len(b.srv.Texts(user))
	id := b.srv.AddFile(name, data, size)
	if size < len(data) {
		size = len(data)
	}
	b.push(telegramtest.DocumentMessage(user, id, name, size, caption))
	return b.nextText(user, before)
}

// nextText waits for the first message to chat after the first before
// and returns it, HTML entities decoded.
func (b *quizBot) nextText(chat int64, before int) string {
	b.t.Helper()
	seen := 0
	c, err := b.srv.WaitFor(waitCtx(b.t), "sendMessage", func(c telegramtest.Call) bool {
		if c.Int64("chat_id") != chat {
			return false
		}
		seen++
		return seen > before
	})
	if err != nil {
		b.t.Fatalf("no answer to %d: %v", chat, err)
	}
	return plain(c.Params["text"])
}

// pushRaw sends a raw update and waits until the bot has handled it.
func (b *quizBot) pushRaw(raw []byte) {
	b.t.Helper()
	id, err := b.srv.PushRaw(raw)
	if err != nil {
		b.t.Fatal(err)
	}
	if _, err := b.srv.WaitFor(waitCtx(b.t), "getUpdates", func(c telegramtest.Call) bool {
		return c.Int64("offset") > int64(id)
	}); err != nil {
		b.t.Fatalf("update %d not handled: %v", id, err)
	}
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

// TestTeacherQuestionSets follows a teacher who brings their own
// questions: a text file and a CSV with mistakes are refused with every
// problem by its line and nothing saved, then saved once fixed; bad
// files get a clear answer; forwarded quiz polls gather into a draft;
// the sets are listed, renamed and deleted, and one runs a class quiz
// and homework.
func TestTeacherQuestionSets(t *testing.T) {
	srv := telegramtest.New(t, quizToken)
	b := startQuizBot(t, srv, newFakeClock(), t.TempDir())
	const teach = 50

	broken := "Where is the Khorgos border centre?\n" + // line 1
		"On the Caspian Sea\n" +
		"On the Kazakh–Chinese border\n" + // no * anywhere: line 1
		"\n" +
		"2. What does the Lianyungang terminal ship?\n" + // line 5
		"A) " + strings.Repeat("x", 101) + "\n" + // line 6
		"*B) Kazakh goods to the Pacific\n"
	got := b.sendFile(teach, "khorgos.txt", []byte(broken), 0, "Khorgos trip")
	mustContain(t, "the broken text file's answer", got, "saved nothing from khorgos.txt", "2 problems",
		"Line 1: no option is marked right", "Line 6: the option", "101 characters; Telegram allows 100")

	fixed := "Where is the Khorgos border centre?\n" +
		"On the Caspian Sea\n" +
		"* On the Kazakh–Chinese border\n" +
		"> It lies on the border of the two countries.\n" +
		"\n" +
		"2. What does the Lianyungang terminal ship?\n" +
		"A) Only passengers\n" +
		"*B) Kazakh goods to the Pacific\n" +
		"C) Nothing <at all>\n"
	got = b.sendFile(teach, "khorgos.txt", []byte(fixed), 0, "Khorgos trip")
	mustContain(t, "the fixed text file's answer", got, "Saved the set Khorgos trip: 2 questions",
		"✅ On the Kazakh–Chinese border", "▫️ Nothing <at all>", "/quiz Khorgos trip")

	brokenCSV := "Question;Option 1;Option 2;Option 3;Correct\n" +
		"Which fuel does the Almaty plant switch to?;Coal;Gas;;2\n" +
		"Who built the data centre?;Huawei;ZTE;Lenovo;Apple\n" // line 3
	got = b.sendFile(teach, "energy_week.csv", []byte(brokenCSV), 0, "")
	mustContain(t, "the broken CSV's answer", got, "saved nothing", "Line 3: the right answer \"Apple\" is none of the options")
	fixedCSV := strings.Replace(brokenCSV, "Lenovo;Apple", "Lenovo;Huawei", 1)
	got = b.sendFile(teach, "energy_week.csv", []byte(fixedCSV), 0, "")
	mustContain(t, "the fixed CSV's answer", got, "Saved the set energy week: 2 questions", "✅ Gas")

	// Bad files: each gets its own clear answer, and nothing is saved.
	var many strings.Builder
	for i := range 201 {
		many.WriteString("Question " + strconv.Itoa(i) + "?\n*yes\nno\n\n")
	}
	for _, bad := range []struct {
		name string
		data []byte
		size int
		want string
	}{
		{"big.txt", []byte("x"), 10 << 20, "the file is 10.0 MB; the most I take is 1.0 MB"},
		{"class.xlsx", []byte("PK\x03\x04\x14\x00\x06\x00"), 0, "Save it as CSV"},
		{"cp1251.txt", []byte("\xc3\xe4\xe5 \xf5\xee\xf0\xe3\xee\xf1?\n*\xc4\xe0\n\xcd\xe5\xf2\n"), 0, "not in UTF-8"},
		{"page.html", []byte("<!DOCTYPE html><html><body>Quiz</body></html>"), 0, "a web page"},
		{"many.txt", []byte(many.String()), 0, "the file has 201 questions; one set holds at most 200"},
		{"empty.txt", []byte("\n\n  \n"), 0, "I found no questions"},
		{"options.txt", []byte("Which?\n*\n\nOther?\n*a\n"), 0, "needs at least 2"},
	} {
		got := b.sendFile(teach, bad.name, bad.data, bad.size, "bad "+bad.name)
		mustContain(t, bad.name, got, "saved nothing", bad.want)
	}

	// Forwarded quiz polls gather into a draft, named with /sets save.
	b.pushRaw(telegramtest.ForwardedQuizPoll(teach, "When did the grain train reach Lianyungang?", []string{"2017", "1999"}, 0, "In 2017."))
	b.text(teach, "Added to your draft: 1 question")
	b.pushRaw(telegramtest.ForwardedQuizPoll(teach, "Which corridor links Western Europe and Western China?", []string{"A highway", "A canal", "A pipeline"}, 0, ""))
	b.text(teach, "Added to your draft: 2 questions")
	b.pushRaw(telegramtest.ForwardedQuizPoll(teach, "A quiz from elsewhere?", []string{"a", "b"}, -1, ""))
	b.text(teach, "didn't tell me which answer")
	b.push(telegramtest.Command(teach, teach, "sets", "save", "Forwarded"))
	b.text(teach, "Saved the set <b>Forwarded</b>: 2 questions")

	b.push(telegramtest.Command(teach, teach, "sets"))
	list := plain(b.text(teach, "Your question sets"))
	mustContain(t, "/sets", list, "(3)", "energy week — 2 questions", "Forwarded — 2 questions", "Khorgos trip — 2 questions")
	for _, bad := range []string{"bad ", "big", "cp1251"} {
		if strings.Contains(list, bad) {
			t.Errorf("a refused file was saved (%q):\n%s", bad, list)
		}
	}
	b.push(telegramtest.Command(teach, teach, "sets", "rename", "khorgos trip", "|", "Khorgos day"))
	b.text(teach, "Renamed <b>Khorgos trip</b> to <b>Khorgos day</b>")
	b.push(telegramtest.Command(teach, teach, "sets", "rename", "forwarded", "|", "energy week"))
	b.text(teach, "already have a set named \"energy week\"")
	b.push(telegramtest.Command(teach, teach, "sets", "delete", "Forwarded"))
	b.text(teach, "Deleted the set <b>Forwarded</b>")

	// The set runs a class quiz: its questions, as the teacher wrote them.
	b.push(telegramtest.Command(classChat, teach, "quiz", "Khorgos", "day", "2", "20"))
	b.text(classChat, "«Khorgos day»")
	_, correct := b.poll(1)
	call := srv.CallsTo("sendPoll")[0]
	var opts []string
	json.Unmarshal([]byte(call.Params["options"]), &opts)
	if !strings.HasSuffix(call.Params["question"], "] Where is the Khorgos border centre?") || len(opts) != 2 || opts[correct] != "On the Kazakh–Chinese border" {
		t.Errorf("the class quiz's first poll is not the teacher's question: %q %q, right %d", call.Params["question"], opts, correct)
	}
	if call.Params["explanation"] != "It lies on the border of the two countries." || call.Params["open_period"] != "20" {
		t.Errorf("poll explanation %q, open_period %q", call.Params["explanation"], call.Params["open_period"])
	}
	b.push(telegramtest.Command(classChat, teach, "stop"))

	// And homework, due in three days.
	b.push(telegramtest.Command(teach, teach, "homework", "Khorgos", "day", "3d"))
	hw := b.text(teach, "Homework")
	mustContain(t, "the homework from a set", hw, "2 questions", "«Khorgos day»", "Due:")

	// A name with a number in it is a name, not a count; in the private
	// chat the set is practice.
	got = b.sendFile(teach, "g7.txt", []byte("Is Khorgos on the border?\n*Yes\nNo\n"), 0, "Grade 7 review")
	mustContain(t, "a set named with a number", got, "Saved the set Grade 7 review: 1 question")
	b.push(telegramtest.Command(teach, teach, "quiz", "grade", "7", "review"))
	b.text(teach, "«Grade 7 review»")
	b.text(teach, "Is Khorgos on the border?")

	// In a group, question files and /sets are for the private chat.
	b.push(telegramtest.Command(classChat, teach, "sets"))
	b.text(classChat, "private chat with me")
}
