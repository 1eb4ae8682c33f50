package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/store/postgres/pgtest"
)

// TestDatabaseRestart restarts PostgreSQL under a replica of the real
// binary in webhook mode while 100 private chats ask and a class of 20
// votes. The replica must say in its log that the database went away
// and came back, and lose nothing: every update answered once, in order,
// every vote counted, the leaderboard right.
func TestDatabaseRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	pg := pgtest.Start(t)
	dbURL := pg.NewDatabase(t)
	srv := telegramtest.New(t, replicaToken)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()

	addr := freeAddr(t)
	logs := []*lockedBuffer{{}}
	cmds := []*exec.Cmd{startReplica(t, bin, tmp, logs[0],
		append(webhookEnv(srv, addr, filepath.Join(tmp, "replica")), "DATABASE_URL="+dbURL)...)}
	defer stopReplicas(t, cmds, logs)
	waitHealthy(ctx, t, addr, logs[0])
	tg := &webhookPoster{ctx: ctx, t: t, url: "http://" + addr + "/hook", secret: replicaSecret, srv: srv}

	// The class: 2 questions, each closed by the teacher's /next once
	// its votes are in, so that no clock runs out during the outage.
	// The database goes down once the first question's votes are in.
	down := make(chan struct{})
	class := &classQuiz{
		group: -6001, teacher: 7101, students: 20, questions: 2, seconds: 60,
		student: func(k int) int64 { return int64(9000 + k) },
		next:    func(int) bool { return true },
		voted: func(q int) {
			if q == 0 {
				<-down
			}
		},
	}
	quizDone := make(chan struct{})
	go func() {
		defer close(quizDone)
		class.run(ctx, t, srv, tg.deliver)
	}()
	const chats, senders = 100, 5
	private := askPrivate(80000, chats, senders, tg.deliver)

	// A third of the private answers in: stop PostgreSQL, and start it
	// again once the replica has noticed.
	if _, err := srv.WaitFor(ctx, "sendMessage", countTo(chats*2/3, func(c telegramtest.Call) bool { return c.Int64("chat_id") >= 80000 })); err != nil {
		t.Fatalf("the private answers never came: %v", err)
	}
	pg.Stop(t)
	before := len(logs[0].String())
	if !logs[0].waitFor(ctx, "failed", before) {
		t.Fatalf("the replica never noticed the database was down:\n%s", tail(logs[0].String(), 30))
	}
	pg.Start(t)
	close(down)

	private.Wait()
	<-quizDone
	if t.Failed() {
		return
	}
	for _, say := range []string{"database call failed; retrying", "database reachable again"} {
		if !strings.Contains(logs[0].String(), say) {
			t.Errorf("the replica's log never said %q", say)
		}
	}
	t.Logf("%d posts retried", tg.retries.Load())
	checkPrivate(t, srv, 80000, chats, 0)
	class.checkPostgres(ctx, t, srv, dbURL)
}
