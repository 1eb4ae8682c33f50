package telegram

import (
	"encoding/json"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/quiz"
)

// bankQuestion finds the question of the bank whose text in lang ends
// the poll or message text s, and returns it with that text.
func bankQuestion(t *testing.T, lang, s string) (*quiz.Question, quiz.Text) {
	t.Helper()
	_, bank := quizDeps(t)
	for i := range bank.Questions {
		q := &bank.Questions[i]
		if tr, ok := q.I18n[lang]; ok && strings.HasSuffix(s, tr.Question) {
			return q, tr
		}
	}
	t.Fatalf("no question of the bank reads %q in %s", s, lang)
	return nil, quiz.Text{}
}

var tags = regexp.MustCompile(`<[^>]*>`)

// plain returns s, a message in Telegram's HTML, as the user reads it.
func plain(s string) string { return html.UnescapeString(tags.ReplaceAllString(s, "")) }

// plainText waits for a message to chat that, as the user reads it,
// contains want, and returns it so.
func (b *quizBot) plainText(chat int64, want string) string {
	b.t.Helper()
	c, err := b.srv.WaitFor(waitCtx(b.t), "sendMessage", func(c telegramtest.Call) bool {
		return c.Int64("chat_id") == chat && strings.Contains(plain(c.Params["text"]), want)
	})
	if err != nil {
		b.t.Fatalf("no message to %d reading %q: %v\nsent: %q", chat, want, err, b.srv.Texts(chat))
	}
	return plain(c.Params["text"])
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestClassQuizInStartersLanguage runs a group quiz started by a user
// whose Telegram speaks Russian, Kazakh or Chinese: the polls (question,
// options, explanation), the round reports and the results are in that
// language.
func TestClassQuizInStartersLanguage(t *testing.T) {
	tests := []struct {
		lang, stat, over string
	}{
		{"ru", "Верно ответили: 1 из 1. Правильный ответ: ", "Викторина окончена!"},
		{"kk", "Жауап бергендер: 1, оның ішінде дұрысы: 1. Дұрыс жауап: ", "Викторина аяқталды!"},
		{"zh", "1 人作答，1 人答对。正确答案：", "测验结束！"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			srv := telegramtest.New(t, quizToken)
			clock := newFakeClock()
			b := startQuizBot(t, srv, clock, t.TempDir())
			b.push(telegramtest.InLanguage(telegramtest.Command(classChat, teacher, "quiz", "all", "2", "30"), tt.lang))

			for n := 1; n <= 2; n++ {
				pollID, correct := b.poll(n)
				call := srv.CallsTo("sendPoll")[n-1]
				q, tr := bankQuestion(t, tt.lang, call.Params["question"])
				var opts []string
				if err := json.Unmarshal([]byte(call.Params["options"]), &opts); err != nil {
					t.Fatal(err)
				}
				if !sameSet(opts, tr.Options) {
					t.Errorf("poll %d options = %q, want the %s options %q", n, opts, tt.lang, tr.Options)
				}
				if got, want := opts[correct], tr.Options[q.Correct]; got != want {
					t.Errorf("poll %d correct option = %q, want %q", n, got, want)
				}
				if got := call.Params["explanation"]; got != tr.Explanation {
					t.Errorf("poll %d explanation = %q, want %q", n, got, tr.Explanation)
				}
				b.push(telegramtest.PollAnswer(pollID, alice, correct))
				clock.Advance(30 * time.Second)
				b.plainText(classChat, tt.stat+tr.Options[q.Correct])
			}
			res := b.plainText(classChat, tt.over)
			if !strings.Contains(res, "User11") {
				t.Errorf("results lack the player:\n%s", res)
			}
		})
	}
}

// TestPracticeInUsersLanguage takes a private practice as a user whose
// Telegram speaks Russian: the question, its buttons and the feedback
// are Russian, even for a button press whose language_code says English.
func TestPracticeInUsersLanguage(t *testing.T) {
	srv := telegramtest.New(t, quizToken)
	b := startQuizBot(t, srv, newFakeClock(), t.TempDir())
	const user = 40
	b.push(telegramtest.InLanguage(telegramtest.Command(user, user, "quiz", "energy", "2"), "ru"))
	b.text(user, "Тренировка")
	c, err := srv.WaitFor(waitCtx(t), "sendMessage", func(c telegramtest.Call) bool {
		return c.Int64("chat_id") == user && c.Params["reply_markup"] != ""
	})
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := c.Message()
	text := plain(c.Params["text"])
	if !strings.HasPrefix(text, "Вопрос 1 из 2") {
		t.Errorf("question message %q, want it to start with \"Вопрос 1 из 2\"", text)
	}
	q, tr := bankQuestion(t, "ru", text)
	var buttons []string
	for _, row := range msg.ReplyMarkup.InlineKeyboard {
		for _, btn := range row {
			buttons = append(buttons, btn.Text)
		}
	}
	if !sameSet(buttons, tr.Options) {
		t.Errorf("buttons = %q, want the Russian options %q", buttons, tr.Options)
	}
	press := telegramtest.InLanguage(telegramtest.Callback(user, user, msg.MessageID, *msg.ReplyMarkup.InlineKeyboard[0][0].CallbackData), "en")
	b.push(press)
	edit, err := srv.WaitFor(waitCtx(t), "editMessageText", nil)
	if err != nil {
		t.Fatal(err)
	}
	fb := plain(edit.Params["text"])
	want := []string{"Ваш ответ: " + buttons[0], tr.Explanation}
	if buttons[0] == tr.Options[q.Correct] {
		want = append(want, "Верно!")
	} else {
		want = append(want, "Правильный ответ: "+tr.Options[q.Correct])
	}
	for _, w := range want {
		if !strings.Contains(fb, w) {
			t.Errorf("feedback lacks %q:\n%s", w, fb)
		}
	}
	b.text(user, "Вопрос 2 из 2")
}
