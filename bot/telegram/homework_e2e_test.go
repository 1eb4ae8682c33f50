package telegram

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

// TestHomeworkDueLateAndReminder follows homework with a due date: the
// student who started but did not finish gets one reminder the day
// before, reopening the link goes on from the first attempt, and work
// finished after the due date is marked late in the report and its CSV.
func TestHomeworkDueLateAndReminder(t *testing.T) {
	srv := telegramtest.New(t, quizToken)
	clock := newFakeClock() // 2026-03-02 09:00 UTC
	b := startQuizBot(t, srv, clock, t.TempDir())
	const teacherID, done, halfway, never, latecomer = 40, 41, 42, 43, 44

	b.push(telegramtest.Command(teacherID, teacherID, "homework", "trade", "3", "yesterday"))
	b.text(teacherID, "Set homework with")
	b.push(telegramtest.Command(teacherID, teacherID, "homework", "trade", "3", "2020-01-01"))
	b.text(teacherID, "has already passed")
	b.push(telegramtest.Command(teacherID, teacherID, "homework", "trade", "3", "31.02.2026"))
	b.text(teacherID, "can't read 31.02.2026 as a due date")

	b.push(telegramtest.Command(teacherID, teacherID, "homework", "trade", "3", "3d"))
	set := b.text(teacherID, "Homework")
	if !strings.Contains(set, "Due: <b>2026-03-05 14:00 (UTC+5)</b>") {
		t.Errorf("the homework message does not give the due date:\n%s", set)
	}
	code := codePattern.FindStringSubmatch(set)[1]

	b.push(telegramtest.Command(done, done, "start", "hw_"+code))
	if intro := b.text(done, "Homework "+code); !strings.Contains(intro, "Due: <b>2026-03-05 14:00") {
		t.Errorf("the student is not told the due date:\n%s", intro)
	}
	b.answerAll(done, 3)
	b.push(telegramtest.Command(halfway, halfway, "start", "hw_"+code))
	b.answerRange(halfway, 1, 1, 3)
	b.text(halfway, "Question 2 of 3")
	b.push(telegramtest.Command(never, never, "start", "hw_"+code)) // opens it, answers nothing
	b.text(never, "Question 1 of 3")

	// Only the first attempt counts: the link opened again goes on.
	b.push(telegramtest.Command(halfway, halfway, "start", "hw_"+code))
	b.text(halfway, "carry on from question 2 of 3")

	// The day before the due date, the open attempts get one reminder.
	clock.waitTimer(t)
	clock.Advance(49 * time.Hour)
	reminder := b.text(halfway, "Reminder")
	if !strings.Contains(reminder, "answered 1 of 3") || !strings.Contains(reminder, "?start=hw_"+code) {
		t.Errorf("the reminder lacks the progress or the link:\n%s", reminder)
	}
	b.text(never, "answered 0 of 3")
	for i := 0; i < 3; i++ {
		clock.waitTimer(t)
		clock.Advance(20 * time.Minute)
	}
	clock.waitTimer(t)
	reminders := func(chat int64) (n int) {
		for _, s := range srv.Texts(chat) {
			if strings.Contains(s, "Reminder") {
				n++
			}
		}
		return n
	}
	if n := reminders(halfway); n != 1 {
		t.Errorf("the halfway student got %d reminders, want 1", n)
	}
	if n := reminders(done); n != 0 {
		t.Errorf("the student who finished got %d reminders, want none", n)
	}

	// After the due date: finishing, or starting, is late.
	clock.Advance(24 * time.Hour)
	b.answerRange(halfway, 2, 3, 3)
	b.text(halfway, "marked late")
	b.push(telegramtest.Command(latecomer, latecomer, "start", "hw_"+code))
	b.text(latecomer, "it will be marked late")
	b.answerAll(latecomer, 3)

	b.push(telegramtest.Command(teacherID, teacherID, "results", code))
	report := b.text(teacherID, "3 of 4 students finished")
	for _, w := range []string{"Due: <b>2026-03-05 14:00", "2 students finished late", "By question", "User43 — 0/3 so far"} {
		if !strings.Contains(report, w) {
			t.Errorf("report lacks %q:\n%s", w, report)
		}
	}
	for _, line := range strings.Split(report, "\n") {
		late := strings.Contains(line, "(late)")
		switch {
		case strings.Contains(line, "User41"), strings.Contains(line, "User43"):
			if late {
				t.Errorf("on time, marked late: %q", line)
			}
		case strings.Contains(line, "User42"), strings.Contains(line, "User44"):
			if !late {
				t.Errorf("late, not marked: %q", line)
			}
		}
	}
	doc, err := srv.WaitFor(waitCtx(t), "sendDocument", func(c telegramtest.Call) bool { return c.Int64("chat_id") == teacherID })
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(doc.Files["document"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(rows[0], ",")
	if head != "rank,name,username,status,q1,q2,q3,score,total,started,finished,late" {
		t.Errorf("CSV header = %s", head)
	}
	late := map[string]string{}
	for _, r := range rows[1 : len(rows)-1] {
		late[r[1]] = r[len(r)-1]
	}
	if late["User41"] != "false" || late["User42"] != "true" || late["User44"] != "true" || late["User43"] != "false" {
		t.Errorf("CSV late column = %v", late)
	}
	if last := rows[len(rows)-1]; last[1] != "right answers" || !strings.HasSuffix(last[4], "/3") { // three of the four answered it
		t.Errorf("CSV has no per-question row: %v", last)
	}
}
