package telegram

import (
	"html"
	"strings"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

// TestReviewLeitner: a student who got two of three class quiz
// questions wrong reviews those two first; the one answered right in the
// review waits a day, the one answered wrong again comes back at once;
// a day later all three are due, the wrong one first.
func TestReviewLeitner(t *testing.T) {
	srv := telegramtest.New(t, quizToken)
	clock := newFakeClock()
	b := startQuizBot(t, srv, clock, t.TempDir())

	b.push(telegramtest.Command(classChat, teacher, "quiz", "all", "3", "30"))
	texts := map[int]string{}   // question -> its text
	answers := map[int]string{} // question -> its right option's text
	for q := 1; q <= 3; q++ {
		p, c := b.poll(q)
		call := srv.CallsTo("sendPoll")[q-1]
		m, _ := call.Message()
		_, text, _ := strings.Cut(m.Poll.Question, "] ")
		texts[q], answers[q] = text, m.Poll.Options[c].Text
		opt := c
		if q > 1 {
			opt = wrong(c)
		}
		b.push(telegramtest.PollAnswer(p, alice, opt))
		clock.Advance(30 * time.Second)
	}
	b.text(classChat, "The quiz is over")

	// review asks /review and returns its first question's message.
	asked := 0
	review := func(want string) telegramtest.Call {
		t.Helper()
		b.push(telegramtest.Command(alice, alice, "review"))
		b.text(alice, want)
		return b.nextQuestion(alice, &asked)
	}
	// press answers the question in c, right or not.
	press := func(c telegramtest.Call, right bool) int {
		t.Helper()
		q := questionOf(t, c, texts)
		m, _ := c.Message()
		for _, row := range m.ReplyMarkup.InlineKeyboard {
			if (row[0].Text == answers[q]) == right {
				b.push(telegramtest.Callback(alice, alice, m.MessageID, *row[0].CallbackData))
				return q
			}
		}
		t.Fatalf("no option to press in %q", c.Params["text"])
		return 0
	}

	first := review("2 questions to go over")
	q1 := press(first, true)
	q2 := press(b.nextQuestion(alice, &asked), false)
	if q1 == 1 || q2 == 1 || q1 == q2 {
		t.Fatalf("the review asked questions %d and %d, want the two answered wrong (2 and 3)", q1, q2)
	}
	b.text(alice, "You got 1 of 2 right")

	// At once, only the one answered wrong again is due.
	if q := questionOf(t, review("1 question to go over"), texts); q != q2 {
		t.Errorf("the second review asked question %d, want %d (wrong again)", q, q2)
	}
	b.push(telegramtest.Command(alice, alice, "stop"))
	b.text(alice, "Quiz stopped")

	// A day later the two answered right are due too, after it.
	clock.Advance(25 * time.Hour)
	if q := questionOf(t, review("3 questions to go over"), texts); q != q2 {
		t.Errorf("a day later the review starts with question %d, want %d (box 1)", q, q2)
	}
	b.push(telegramtest.Command(alice, alice, "progress"))
	progress := b.text(alice, "Your progress")
	if !strings.Contains(progress, "right (") || !strings.Contains(progress, "due for review: /review") {
		t.Errorf("/progress:\n%s", progress)
	}
	// In the group, review is refused kindly.
	b.push(telegramtest.Command(classChat, alice, "review"))
	b.text(classChat, "Your review is private")
}

// nextQuestion waits for the next practice question sent to user (a
// message with answer buttons) after the *seen ones.
func (b *quizBot) nextQuestion(user int64, seen *int) telegramtest.Call {
	b.t.Helper()
	n := 0
	c, err := b.srv.WaitFor(waitCtx(b.t), "sendMessage", func(c telegramtest.Call) bool {
		if c.Int64("chat_id") != user || !strings.Contains(c.Params["reply_markup"], "|qa|") {
			return false
		}
		n++
		return n > *seen
	})
	if err != nil {
		b.t.Fatalf("no question %d for %d: %v", *seen+1, user, err)
	}
	*seen++
	return c
}

// questionOf tells which class quiz question a practice message asks.
func questionOf(t *testing.T, c telegramtest.Call, texts map[int]string) int {
	t.Helper()
	msg := html.UnescapeString(c.Params["text"])
	for q, text := range texts {
		if strings.Contains(msg, text) {
			return q
		}
	}
	t.Fatalf("the question %q is none of the quiz's", msg)
	return 0
}
