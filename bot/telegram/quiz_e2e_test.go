package telegram

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"html"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/quiz"
	"github.com/silkroad-bot/silkroad/store"
)

const quizToken = "123456:quiz-test-token"

var (
	quizIxOnce sync.Once
	quizIx     *index.Index
	quizBank   *quiz.Bank
	quizIxErr  error
)

// quizDeps builds the index and the bank once for all quiz tests.
func quizDeps(t *testing.T) (*index.Index, *quiz.Bank) {
	t.Helper()
	quizIxOnce.Do(func() {
		base, err := knowledge.Default()
		if err != nil {
			quizIxErr = err
			return
		}
		if quizBank, quizIxErr = quiz.NewBank(base); quizIxErr != nil {
			return
		}
		quizIx, quizIxErr = index.Build(base)
	})
	if quizIxErr != nil {
		t.Fatal(quizIxErr)
	}
	return quizIx, quizBank
}

// fakeClock is a Clock that moves only when the test says so.
type fakeClock struct {
	mu      sync.Mutex // guards the fields below
	now     time.Time
	waiters []clockWaiter
	slept   chan struct{} // closed and replaced when a timer is set
}

type clockWaiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), slept: make(chan struct{})}
}

// forget drops the timers of a bot that has stopped.
func (c *fakeClock) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waiters = nil
}

// waitTimer waits until someone waits on the clock: after a restart, the
// quiz loop has resumed and sleeps until the next deadline.
func (c *fakeClock) waitTimer(t *testing.T) {
	t.Helper()
	ctx := waitCtx(t)
	for {
		c.mu.Lock()
		n, slept := len(c.waiters), c.slept
		c.mu.Unlock()
		if n > 0 {
			return
		}
		select {
		case <-slept:
		case <-ctx.Done():
			t.Fatal("nobody waits on the clock")
		}
	}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, clockWaiter{c.now.Add(d), ch})
	close(c.slept)
	c.slept = make(chan struct{})
	return ch
}

// Advance moves the clock on by d and fires the timers that are due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !w.at.After(c.now) {
			w.ch <- c.now
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
}

// quizBot is a running bot with quizzes, talking to a fake Bot API.
type quizBot struct {
	t      *testing.T
	srv    *telegramtest.Server
	clock  *fakeClock
	dir    string
	db     *store.DB
	cancel context.CancelFunc
	done   sync.WaitGroup
}

func startQuizBot(t *testing.T, srv *telegramtest.Server, clock *fakeClock, dir string) *quizBot {
	t.Helper()
	ix, bank := quizDeps(t)
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	h := bot.NewHandler(ix)
	q := bot.EnableQuiz(h, bot.QuizOptions{Bank: bank, Store: db, Clock: clock, Seed: 7})
	ctx, cancel := context.WithCancel(context.Background())
	tg, err := New(ctx, h, Options{Token: quizToken, BaseURL: srv.URL, Grace: time.Second})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	b := &quizBot{t: t, srv: srv, clock: clock, dir: dir, db: db, cancel: cancel}
	b.done.Add(2)
	go func() { defer b.done.Done(); tg.Run(ctx) }()
	go func() { defer b.done.Done(); q.Run(ctx, tg) }()
	t.Cleanup(b.stop)
	return b
}

// stop shuts the bot down and closes its store; stopping twice is harmless.
func (b *quizBot) stop() {
	if b.cancel == nil {
		return
	}
	b.cancel()
	b.done.Wait()
	b.clock.forget()
	b.db.Close()
	b.cancel = nil
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// push sends an update and waits until the bot has handled it, which it
// shows by asking getUpdates for what comes after.
func (b *quizBot) push(u tgbotapi.Update) {
	b.t.Helper()
	id := b.srv.PushUpdate(u)
	_, err := b.srv.WaitFor(waitCtx(b.t), "getUpdates", func(c telegramtest.Call) bool {
		return c.Int64("offset") > int64(id)
	})
	if err != nil {
		b.t.Fatalf("update %d not handled: %v", id, err)
	}
}

// poll waits for the n-th poll sent (from 1) and returns its id and
// correct option.
func (b *quizBot) poll(n int) (id string, correct int) {
	b.t.Helper()
	calls, err := b.srv.WaitN(waitCtx(b.t), "sendPoll", n)
	if err != nil {
		b.t.Fatalf("poll %d: %v", n, err)
	}
	c := calls[n-1]
	m, err := c.Message()
	if err != nil || m.Poll == nil {
		b.t.Fatalf("poll %d: %v", n, err)
	}
	return m.Poll.ID, m.Poll.CorrectOptionID
}

// text waits for a message to chat whose text, HTML entities decoded,
// contains want, and returns that text.
func (b *quizBot) text(chat int64, want string) string {
	b.t.Helper()
	c, err := b.srv.WaitFor(waitCtx(b.t), "sendMessage", func(c telegramtest.Call) bool {
		return c.Int64("chat_id") == chat && strings.Contains(html.UnescapeString(c.Params["text"]), want)
	})
	if err != nil {
		b.t.Fatalf("no message to %d containing %q: %v\nsent: %q", chat, want, err, b.srv.Texts(chat))
	}
	return html.UnescapeString(c.Params["text"])
}

const (
	classChat = -1001
	teacher   = 10
	alice     = 11
	bob       = 12
	carol     = 13
	dave      = 14 // never answers
	admin     = 15
)

func wrong(correct int) int { return (correct + 1) % 2 }

func TestClassQuizEndToEnd(t *testing.T) {
	srv := telegramtest.New(t, quizToken)
	clock := newFakeClock()
	b := startQuizBot(t, srv, clock, t.TempDir())

	b.push(telegramtest.Command(classChat, teacher, "quiz", "all", "3", "30"))
	b.text(classChat, "Quiz time!")
	p1, c1 := b.poll(1)
	call := srv.CallsTo("sendPoll")[0]
	for k, want := range map[string]string{"type": "quiz", "is_anonymous": "false", "open_period": "30",
		"correct_option_id": strconv.Itoa(c1), "correct_option_ids": "[" + strconv.Itoa(c1) + "]", "hide_results_until_closes": "true", "shuffle_options": "true"} {
		if got := call.Params[k]; got != want {
			t.Errorf("sendPoll %s = %q, want %q", k, got, want)
		}
	}
	if call.Params["explanation"] == "" {
		t.Error("sendPoll has no explanation")
	}
	var opts []string
	if err := json.Unmarshal([]byte(call.Params["options"]), &opts); err != nil || len(opts) < 2 {
		t.Errorf("sendPoll options = %s, want a JSON array", call.Params["options"])
	}

	// A second /quiz while one runs is refused.
	b.push(telegramtest.Command(classChat, alice, "quiz"))
	b.text(classChat, "already running")

	// Question 1: Bob wrong at 3 s, Alice right at 5 s, Carol right at 10 s.
	clock.Advance(3 * time.Second)
	b.push(telegramtest.PollAnswer(p1, bob, wrong(c1)))
	clock.Advance(2 * time.Second)
	b.push(telegramtest.PollAnswer(p1, alice, c1))
	b.push(telegramtest.PollAnswer(p1, alice, wrong(c1))) // a second vote does not count
	clock.Advance(5 * time.Second)
	b.push(telegramtest.PollAnswer(p1, carol, c1))
	clock.Advance(20 * time.Second) // time is up
	stat := b.text(classChat, "2 of 3 answered correctly")
	for _, w := range []string{"Standings:", "1. User11 — 917 points", "2. User13 — 833 points", "3. User12 — 0 points"} {
		if !strings.Contains(stat, w) {
			t.Errorf("standings after question 1 lack %q:\n%s", w, stat)
		}
	}
	if strings.ContainsAny(stat, "▲▼") {
		t.Errorf("standings after the first question show changes:\n%s", stat)
	}
	p2, c2 := b.poll(2)

	// Question 2: Bob right at 2 s, Alice wrong at 4 s, Carol right at 20 s;
	// Dave answers question 1 now, too late.
	clock.Advance(2 * time.Second)
	b.push(telegramtest.PollAnswer(p2, bob, c2))
	clock.Advance(2 * time.Second)
	b.push(telegramtest.PollAnswer(p2, alice, wrong(c2)))
	b.push(telegramtest.PollAnswer(p1, dave, c1))
	clock.Advance(16 * time.Second)
	b.push(telegramtest.PollAnswer(p2, carol, c2))
	clock.Advance(10 * time.Second)
	stat = b.text(classChat, "1. User13 — 1,600 points") // after question 2
	for _, w := range []string{"1. User13 — 1,600 points ▲1", "2. User12 — 967 points ▲1", "3. User11 — 917 points ▼2"} {
		if !strings.Contains(stat, w) {
			t.Errorf("standings after question 2 lack %q:\n%s", w, stat)
		}
	}
	p3, c3 := b.poll(3)

	// Question 3: only Bob, wrong at 1 s; then the teacher ends it early.
	clock.Advance(time.Second)
	b.push(telegramtest.PollAnswer(p3, bob, wrong(c3)))
	b.push(telegramtest.Command(classChat, dave, "next"))
	b.text(classChat, "Only the quiz's starter")
	b.push(telegramtest.Command(classChat, teacher, "next"))
	b.text(classChat, "0 of 1 answered correctly")
	if _, err := srv.WaitFor(waitCtx(t), "stopPoll", nil); err != nil {
		t.Errorf("the early-closed poll was not stopped: %v", err)
	}
	res := b.text(classChat, "The quiz is over")
	// Carol 2 right; Bob and Alice 1 each, Bob faster (6 s against 9 s).
	// With speed points (see the CSV below), the longest streak, and the
	// class's accuracy: 4 of 7 answers right, 45 s over 7 answers.
	// Each with the average answer time: Carol 30 s over 2, Bob 6 s over
	// 3, Alice 9 s over 2.
	want := []string{"🥇 User13 — 2 of 3 · 1,600 points · ⏱ 15.0 s 🔥2", "🥈 User12 — 1 of 3 · 967 points · ⏱ 2.0 s", "🥉 User11 — 1 of 3 · 917 points · ⏱ 4.5 s",
		"🔥 Longest streak: User13, 2 right in a row.", "📊 57% of the answers were right; an answer took 6.4 s on average.", "The hardest questions", "📖 It tests: "}
	last := -1
	for _, w := range want {
		i := strings.Index(res, w)
		if i < 0 || i < last {
			t.Errorf("results lack %q in order:\n%s", w, res)
		}
		last = i
	}
	if strings.Contains(res, "User14") {
		t.Errorf("results list Dave, who answered nothing in time:\n%s", res)
	}

	// /results is for the teacher and sends the CSV.
	b.push(telegramtest.Command(classChat, alice, "results"))
	b.text(classChat, "Only the quiz's starter")
	b.push(telegramtest.Command(classChat, teacher, "results"))
	doc, err := srv.WaitFor(waitCtx(t), "sendDocument", nil)
	if err != nil {
		t.Fatal(err)
	}
	if name := doc.FileNames["document"]; !strings.HasSuffix(name, ".csv") {
		t.Errorf("document name %q, want a .csv", name)
	}
	rows, err := csv.NewReader(bytes.NewReader(doc.Files["document"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Speed points: User13 right at 10 s and 20 s of 30 (833, then 667
	// and 100 for the streak), User12 at 2 s (967), User11 at 5 s (917).
	wantCSV := [][]string{
		{"rank", "name", "username", "q1", "q2", "q3", "score", "time_seconds", "accuracy_percent", "avg_seconds", "points", "longest_streak"},
		{"1", "User13", "user13", "right", "right", "", "2", "30.0", "67", "15.0", "1600", "2"},
		{"2", "User12", "user12", "wrong", "right", "wrong", "1", "6.0", "33", "2.0", "967", "1"},
		{"3", "User11", "user11", "right", "wrong", "", "1", "9.0", "33", "4.5", "917", "1"},
	}
	if got, want := csvString(rows), csvString(wantCSV); got != want {
		t.Errorf("CSV =\n%s\nwant\n%s", got, want)
	}
}

func csvString(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	return b.String()
}

func TestClassQuizSurvivesRestart(t *testing.T) {
	srv := telegramtest.New(t, quizToken)
	clock := newFakeClock()
	dir := t.TempDir()
	b := startQuizBot(t, srv, clock, dir)

	b.push(telegramtest.Command(classChat, teacher, "quiz", "2", "30"))
	p1, c1 := b.poll(1)
	clock.Advance(4 * time.Second)
	b.push(telegramtest.PollAnswer(p1, alice, c1))
	clock.Advance(4 * time.Second)
	b.push(telegramtest.PollAnswer(p1, bob, wrong(c1)))

	b.stop() // a restart in the middle of question 1
	clock.Advance(4 * time.Second)
	b = startQuizBot(t, srv, clock, dir)
	clock.waitTimer(t)
	b.push(telegramtest.PollAnswer(p1, carol, c1)) // still open: counts

	clock.Advance(18 * time.Second)
	b.text(classChat, "2 of 3 answered correctly")
	p2, c2 := b.poll(2)
	b.push(telegramtest.PollAnswer(p2, bob, c2))

	b.stop() // a restart after the last question's time ran out
	clock.Advance(time.Minute)
	b = startQuizBot(t, srv, clock, dir)
	clock.waitTimer(t)
	// Carol's answer was given in time but queued while the bot was down;
	// the question stays open a little after the restart to let it in.
	b.push(telegramtest.PollAnswer(p2, carol, c2))
	clock.Advance(5 * time.Second)
	b.text(classChat, "2 of 2 answered correctly")
	res := b.text(classChat, "The quiz is over")
	for _, w := range []string{"User13 — 2 of 2", "User12 — 1 of 2", "User11 — 1 of 2"} {
		if !strings.Contains(res, w) {
			t.Errorf("results after restarts lack %q:\n%s", w, res)
		}
	}
}

func TestOnlyStarterOrAdminControls(t *testing.T) {
	srv := telegramtest.New(t, quizToken)
	srv.SetChatMember(classChat, admin, "administrator")
	clock := newFakeClock()
	b := startQuizBot(t, srv, clock, t.TempDir())

	b.push(telegramtest.Command(classChat, alice, "stop"))
	b.text(classChat, "No quiz is running")

	b.push(telegramtest.Command(classChat, teacher, "quiz", "energy", "3"))
	b.poll(1)
	for _, u := range []int64{alice, bob} {
		b.push(telegramtest.Command(classChat, u, "stop"))
	}
	texts := srv.Texts(classChat)
	if n := countContaining(texts, "Only the quiz's starter"); n != 2 {
		t.Errorf("%d refusals, want 2: %q", n, texts)
	}
	if countContaining(texts, "stopped") != 0 {
		t.Fatal("a student stopped the quiz")
	}
	b.push(telegramtest.Command(classChat, admin, "stop"))
	b.text(classChat, "The quiz was stopped")

	// The chat is free again, and the starter can stop their own quiz.
	b.push(telegramtest.Command(classChat, bob, "quiz", "2"))
	b.poll(2)
	b.push(telegramtest.Command(classChat, bob, "stop"))
	if n := countContaining(srv.Texts(classChat), "The quiz was stopped"); n != 2 {
		t.Errorf("the starter's /stop: %d quizzes stopped, want 2", n)
	}
}

func countContaining(texts []string, s string) int {
	n := 0
	for _, t := range texts {
		if strings.Contains(html.UnescapeString(t), s) {
			n++
		}
	}
	return n
}

var codePattern = regexp.MustCompile(`start=hw_([A-Z0-9]+)`)

// answerAll presses the first option of every question sent to user and
// returns the final message.
func (b *quizBot) answerAll(user int64, questions int) string {
	b.t.Helper()
	b.answerRange(user, 1, questions, questions)
	return b.text(user, "done!")
}

// answerRange answers questions from to to (counted from 1) of a
// practice of n questions, each with its first option.
func (b *quizBot) answerRange(user int64, from, to, questions int) {
	b.t.Helper()
	for i := from; i <= to; i++ {
		head := "Question " + strconv.Itoa(i) + " of " + strconv.Itoa(questions)
		c, err := b.srv.WaitFor(waitCtx(b.t), "sendMessage", func(c telegramtest.Call) bool {
			return c.Int64("chat_id") == user && strings.Contains(c.Params["text"], head) && c.Params["reply_markup"] != ""
		})
		if err != nil {
			b.t.Fatalf("%s: %v", head, err)
		}
		m, _ := c.Message()
		data := *m.ReplyMarkup.InlineKeyboard[0][0].CallbackData
		if len(data) > bot.MaxCallbackData {
			b.t.Errorf("callback data %q is longer than %d bytes", data, bot.MaxCallbackData)
		}
		b.push(telegramtest.Callback(user, user, m.MessageID, data))
	}
}

func TestHomeworkByDeepLink(t *testing.T) {
	srv := telegramtest.New(t, quizToken)
	b := startQuizBot(t, srv, newFakeClock(), t.TempDir())
	const teacherID, s1, s2 = 20, 21, 22

	b.push(telegramtest.Command(teacherID, teacherID, "homework", "trade", "3"))
	set := b.text(teacherID, "Homework")
	m := codePattern.FindStringSubmatch(set)
	if m == nil || !strings.Contains(set, "https://t.me/"+srv.Bot().UserName+"?start=hw_") {
		t.Fatalf("no deep link in %q", set)
	}
	code := m[1]

	b.push(telegramtest.Command(s1, s1, "start", "hw_"+code))
	b.text(s1, "Homework "+code)
	b.answerAll(s1, 3)

	b.push(telegramtest.Command(s2, s2, "start", "hw_"+code))
	b.text(s2, "Question 1 of 3") // starts, never finishes
	// Homework questions cannot be forwarded; practice ones can.
	for _, c := range srv.Sent(s2) {
		if c.Params["protect_content"] != "true" {
			t.Errorf("a homework message is sent without protect_content: %v", c.Params)
		}
	}
	b.push(telegramtest.Command(teacherID, teacherID, "quiz", "trade", "1"))
	b.text(teacherID, "Question 1 of 1")
	for _, c := range srv.Sent(teacherID) {
		if strings.Contains(c.Params["text"], "Question 1 of 1") && c.Params["protect_content"] != "" {
			t.Errorf("a practice question is protected: %v", c.Params)
		}
	}

	b.push(telegramtest.Command(s1, s1, "start", "hw_"+code))
	b.text(s1, "already done this homework")

	b.push(telegramtest.Command(s1, s1, "results", code))
	b.text(s1, "Only the teacher")
	b.push(telegramtest.Command(teacherID, teacherID, "results", strings.ToLower(code)))
	report := b.text(teacherID, "1 of 2 students finished")
	for _, w := range []string{"User21 — ", "/3", "User22 — 0/3 so far, not finished"} {
		if !strings.Contains(report, w) {
			t.Errorf("report lacks %q:\n%s", w, report)
		}
	}

	b.push(telegramtest.Command(s2, s2, "start", "hw_ZZZZZZ"))
	b.text(s2, "can't find that homework")
}

func TestPracticeButtonsAndStaleAnswers(t *testing.T) {
	srv := telegramtest.New(t, quizToken)
	b := startQuizBot(t, srv, newFakeClock(), t.TempDir())
	const user = 30
	b.push(telegramtest.Command(user, user, "quiz", "culture", "2"))
	b.text(user, "Practice quiz")
	c, err := srv.WaitFor(waitCtx(t), "sendMessage", func(c telegramtest.Call) bool {
		return c.Int64("chat_id") == user && c.Params["reply_markup"] != ""
	})
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := c.Message()
	data := *msg.ReplyMarkup.InlineKeyboard[0][0].CallbackData
	b.push(telegramtest.Callback(user, user, msg.MessageID, data))
	edit, err := srv.WaitFor(waitCtx(t), "editMessageText", nil)
	if err != nil {
		t.Fatal(err)
	}
	if txt := edit.Params["text"]; !strings.Contains(txt, "Your answer") || !strings.Contains(txt, "<i>") {
		t.Errorf("feedback %q lacks the answer or the explanation", txt)
	}
	// Pressing the same button again changes nothing.
	b.push(telegramtest.Callback(user, user, msg.MessageID, data))
	ans, _ := srv.WaitN(waitCtx(t), "answerCallbackQuery", 2)
	if got := ans[1].Params["text"]; !strings.Contains(got, "already answered") {
		t.Errorf("second press answered %q, want already answered", got)
	}
	// A forged button is refused as expired.
	b.push(telegramtest.Callback(user, user, msg.MessageID, "1|qa|zzzzzz|0|0"))
	ans, _ = srv.WaitN(waitCtx(t), "answerCallbackQuery", 3)
	if ans[2].Params["show_alert"] != "true" {
		t.Errorf("forged button got %v, want an alert", ans[2].Params)
	}
	// /stop ends the practice with its score; its buttons then expire.
	b.push(telegramtest.Command(user, user, "stop"))
	b.text(user, "Quiz stopped: ")
	b.push(telegramtest.Command(user, user, "stop"))
	b.text(user, "There is no quiz to stop")
}

// TestClassQuizFullClasses runs a one-question quiz in three groups at
// once, and 150 students in each vote all at once, every vote pushed
// before the bot has handled the first: every vote counts.
func TestClassQuizFullClasses(t *testing.T) {
	srv := telegramtest.New(t, quizToken)
	clock := newFakeClock()
	b := startQuizBot(t, srv, clock, t.TempDir())
	const groups, students = 3, 150
	chats := []int64{-2001, -2002, -2003}
	for _, chat := range chats {
		b.push(telegramtest.Command(chat, teacher, "quiz", "all", "1", "30"))
	}
	type poll struct {
		id      string
		correct int
	}
	byChat := map[int64]poll{}
	for n := 1; n <= groups; n++ {
		calls, err := srv.WaitN(waitCtx(t), "sendPoll", n)
		if err != nil {
			t.Fatal(err)
		}
		m, err := calls[n-1].Message()
		if err != nil || m.Poll == nil {
			t.Fatalf("poll %d: %v", n, err)
		}
		byChat[calls[n-1].Int64("chat_id")] = poll{m.Poll.ID, m.Poll.CorrectOptionID}
	}
	last := 0
	for s := range students {
		for gi, chat := range chats {
			p := byChat[chat]
			option := p.correct
			if s%3 == 0 {
				option = wrong(p.correct) // a third answer wrong
			}
			last = srv.PushUpdate(telegramtest.PollAnswer(p.id, int64(100000+gi*1000+s), option))
		}
	}
	if _, err := srv.WaitFor(waitCtx(t), "getUpdates", func(c telegramtest.Call) bool {
		return c.Int64("offset") > int64(last)
	}); err != nil {
		t.Fatalf("votes not handled: %v", err)
	}
	clock.Advance(30 * time.Second)
	for _, chat := range chats {
		b.text(chat, strconv.Itoa(students-students/3)+" of "+strconv.Itoa(students)+" answered correctly")
	}
}

// TestClassQuizWithoutStreaks: "streak=off" among /quiz's arguments says
// so in the introduction and gives speed points alone.
func TestClassQuizWithoutStreaks(t *testing.T) {
	srv := telegramtest.New(t, quizToken)
	clock := newFakeClock()
	b := startQuizBot(t, srv, clock, t.TempDir())
	b.push(telegramtest.Command(classChat, teacher, "quiz", "all", "2", "30", "streak=off"))
	intro := b.text(classChat, "Quiz time!")
	if !strings.Contains(intro, "more the faster you answer.") || strings.Contains(intro, "in a row") {
		t.Errorf("intro of a quiz without streaks:\n%s", intro)
	}
	for q := 1; q <= 2; q++ {
		p, c := b.poll(q)
		b.push(telegramtest.PollAnswer(p, alice, c))
		clock.Advance(30 * time.Second)
		b.text(classChat, "1 of 1 answered correctly")
	}
	res := b.text(classChat, "The quiz is over")
	if !strings.Contains(res, "🥇 User11 — 2 of 2 · 2,000 points") || !strings.Contains(res, "Longest streak: User11, 2 right in a row") {
		t.Errorf("results without streaks (two right at once: 1,000 each, no bonus):\n%s", res)
	}
}
