package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/store"
)

// TestFullClassesSlowAPI runs class quizzes in 10 groups at once, one
// of 300 students and nine of 30, on the real binary with its state in
// bbolt, against a Bot API that takes 200 ms for every call. Every
// student votes on every question at once. Half way through the first
// question's votes the bot is killed with SIGKILL and started again.
// Every vote must count and every leaderboard be right.
func TestFullClassesSlowAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	srv := telegramtest.New(t, replicaToken)
	srv.SetFaults(telegramtest.Faults{
		Methods: []string{"sendMessage", "sendPoll", "stopPoll", "getChatMember", "editMessageText", "answerCallbackQuery", "setMyCommands"},
		Delay:   200 * time.Millisecond,
	})
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()
	dataDir := filepath.Join(tmp, "data")
	logs := []*lockedBuffer{{}}
	cmds := make([]*exec.Cmd, 1)
	start := func() {
		cmds[0] = startReplica(t, bin, tmp, logs[0], "TELEGRAM_API_BASE_URL="+srv.URL, "DATA_DIR="+dataDir)
	}
	start()
	defer stopReplicas(t, cmds, logs)

	// Telegram's part: updates wait in getUpdates.
	var last atomic.Int64
	deliver := func(u tgbotapi.Update) { last.Store(int64(srv.PushUpdate(u))) }

	// Each question is closed by the teacher's /next once its votes are
	// in, so that no clock runs out while the bot restarts. Every group
	// waits, its first question's votes sent, for the restart. Students
	// take a moment to read a question: a student asks the bot
	// something before the votes, and the votes start once it answers,
	// so that they come after the bot has finished sending the poll
	// (a vote within a millisecond of its poll, or a kill between
	// Telegram's taking a poll and the bot's saving it, is another
	// matter: see the README's reliability section).
	const groups, questions = 10, 2
	firstVotes := sync.WaitGroup{}
	firstVotes.Add(groups)
	restarted := make(chan struct{})
	classes := make([]*classQuiz, groups)
	var quizzes sync.WaitGroup
	for g := range groups {
		students := 30
		if g == 0 {
			students = 300
		}
		classes[g] = &classQuiz{
			group: int64(-7001 - g), teacher: int64(7201 + g), students: students, questions: questions, seconds: 600,
			student: func(k int) int64 { return int64(100000 + 1000*g + k) },
			next:    func(int) bool { return true },
			asked: func(q int) {
				group, student := int64(-7001-g), int64(100000+1000*g)
				before := len(srv.Sent(group))
				deliver(telegramtest.TextMessage(group, student, "@silkroad_test_bot what is Khorgos?"))
				if _, err := srv.WaitFor(ctx, "sendMessage", countTo(before+1, func(c telegramtest.Call) bool { return c.Int64("chat_id") == group })); err != nil {
					t.Errorf("group %d: the question before the votes was never answered: %v", group, err)
				}
			},
			voted: func(q int) {
				if q == 0 {
					firstVotes.Done()
					<-restarted
				}
			},
		}
		quizzes.Go(func() { classes[g].run(ctx, t, srv, deliver) })
	}

	// Half way through the first votes: kill the bot, start it again.
	firstVotes.Wait()
	sent := last.Load()
	half := sent - (300+9*30)/2
	if _, err := srv.WaitFor(ctx, "getUpdates", func(c telegramtest.Call) bool { return c.Int64("offset") > half }); err != nil {
		t.Fatalf("the votes were never fetched: %v", err)
	}
	cmds[0].Process.Signal(syscall.SIGKILL)
	cmds[0].Wait()
	start()
	close(restarted)
	quizzes.Wait()
	if t.Failed() {
		return
	}
	stopReplicas(t, cmds, logs)
	db, err := store.Open(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range classes {
		c.check(t, srv, db)
	}
}
