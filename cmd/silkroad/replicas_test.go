package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/quiz"
	"github.com/silkroad-bot/silkroad/store/postgres"
	"github.com/silkroad-bot/silkroad/store/postgres/pgtest"
)

const (
	replicaToken  = "7000000003:AAH-replica_test_token_0123456789abc"
	replicaSecret = "replica-test-secret"
)

// TestReplicas runs three replicas of the real binary in webhook mode
// behind a round-robin proxy, on one PostgreSQL database, against the
// fake Bot API injecting faults. The test plays Telegram: it posts 600
// updates from 300 private chats, each chat's in order, and runs a class
// quiz in each of 3 groups with 30 students, and it posts an update again
// until it gets 200, as Telegram does. Half way, one replica is killed
// with SIGKILL and started again. Every update must be answered, in
// order in its chat, at most 5 twice (those in flight on the killed
// replica), every vote counted and every leaderboard right.
func TestReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary three times")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	dbURL := pgtest.Start(t).NewDatabase(t)
	srv := telegramtest.New(t, replicaToken)
	srv.SetFaults(telegramtest.Faults{
		Methods: []string{"sendMessage", "sendPoll", "stopPoll"},
		Err500:  0.03, Drop: 0.01, TooMany: 0.01, RetryAfter: 1, Seed: 7,
	})
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()

	// The replicas.
	const n = 3
	addrs := make([]string, n)
	cmds := make([]*exec.Cmd, n)
	logs := make([]*lockedBuffer, n)
	for i := range n {
		addrs[i] = freeAddr(t)
	}
	start := func(i int) {
		if logs[i] == nil {
			logs[i] = &lockedBuffer{}
		}
		cmds[i] = startReplica(t, bin, tmp, logs[i], append(webhookEnv(srv, addrs[i], filepath.Join(tmp, fmt.Sprintf("replica%d", i))),
			"DATABASE_URL="+dbURL)...)
		waitHealthy(ctx, t, addrs[i], logs[i])
	}
	for i := range n {
		start(i)
	}
	defer stopReplicas(t, cmds, logs)

	// The proxy: each request to the next replica, 502 if it is down.
	var turn atomic.Uint64
	client := &http.Client{Timeout: webhookTimeout}
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		addr := addrs[turn.Add(1)%n]
		req, _ := http.NewRequestWithContext(r.Context(), r.Method, "http://"+addr+r.URL.Path, bytes.NewReader(body))
		req.Header = r.Header.Clone()
		resp, err := client.Do(req)
		if err != nil {
			http.Error(w, "bad gateway", http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}))
	defer proxy.Close()

	// Telegram's part: post an update until it is taken.
	tg := &webhookPoster{ctx: ctx, t: t, url: proxy.URL + "/hook", secret: replicaSecret, srv: srv}
	deliver := tg.deliver

	// The quizzes: 3 questions of 10 s in each group; the second is
	// closed by the teacher's /next once everyone voted, the others by
	// the clock.
	const groups, students, questions = 3, 30, 3
	firstVotes := sync.WaitGroup{}
	firstVotes.Add(groups)
	var quizzes sync.WaitGroup
	classes := make([]*classQuiz, groups)
	for g := range groups {
		classes[g] = &classQuiz{
			group: int64(-5001 - g), teacher: int64(7001 + g), students: students, questions: questions, seconds: 10,
			student: func(k int) int64 { return studentID(g, k) },
			next:    func(q int) bool { return q == 1 },
		}
		voted := sync.OnceFunc(firstVotes.Done)
		classes[g].voted = func(int) { voted() }
		quizzes.Go(func() {
			defer voted()
			classes[g].run(ctx, t, srv, deliver)
		})
	}

	// The private chats: two questions each, in order, 5 chats at once.
	const chats, senders = 300, 5
	private := askPrivate(60000, chats, senders, deliver)

	// Half way, with the first question's votes in, kill a replica and
	// start it again.
	firstVotes.Wait()
	if _, err := srv.WaitFor(ctx, "sendMessage", countTo(chats, func(c telegramtest.Call) bool { return c.Int64("chat_id") >= 60000 })); err != nil {
		t.Fatalf("half the private answers never came: %v", err)
	}
	victim := cmds[0]
	victim.Process.Signal(syscall.SIGKILL)
	victim.Wait()
	killedAt := len(srv.CallsTo("sendMessage"))
	start(0)

	private.Wait()
	quizzes.Wait()
	if t.Failed() {
		return
	}
	t.Logf("killed replica 0 after %d messages; %d posts retried", killedAt, tg.retries.Load())

	// Every private update answered, in order; at most 5 twice (those
	// in flight at the kill).
	checkPrivate(t, srv, 60000, chats, senders)

	// Every vote counted and every leaderboard right.
	for _, c := range classes {
		c.checkPostgres(ctx, t, srv, dbURL)
	}
}

// privateQuestions are the two questions each private chat asks, in
// order; privateSecond is in the answer to the second alone.
var privateQuestions = []string{"What is Khorgos?", "How long is the Western Europe–Western China highway?"}

const privateSecond = "8,445"

// askPrivate has chats private chats from first on ask privateQuestions
// in order, senders chats at once, and returns what to wait on.
func askPrivate(first int64, chats, senders int, deliver func(tgbotapi.Update)) *sync.WaitGroup {
	chatIDs := make(chan int64)
	var private sync.WaitGroup
	for range senders {
		private.Go(func() {
			for chat := range chatIDs {
				for _, q := range privateQuestions {
					deliver(telegramtest.TextMessage(chat, chat, q))
				}
			}
		})
	}
	go func() {
		defer close(chatIDs)
		for i := range chats {
			chatIDs <- first + int64(i)
		}
	}()
	return &private
}

// checkPrivate checks that each of chats private chats from first on
// had both privateQuestions answered, in order, and that at most
// maxTwice updates in all were answered twice.
func checkPrivate(t *testing.T, srv *telegramtest.Server, first int64, chats, maxTwice int) {
	t.Helper()
	twice := 0
	for i := range chats {
		chat := first + int64(i)
		sent := srv.Sent(chat)
		if len(sent) < 2 {
			t.Errorf("chat %d answered %d times, want both questions answered", chat, len(sent))
			continue
		}
		twice += len(sent) - 2
		seenSecond := false
		for _, c := range sent {
			second := strings.Contains(c.Params["text"], privateSecond)
			if seenSecond && !second {
				t.Errorf("chat %d: the answers came out of order", chat)
			}
			seenSecond = seenSecond || second
		}
	}
	t.Logf("answered twice: %d", twice)
	if twice > maxTwice {
		t.Errorf("%d updates answered twice, want at most %d", twice, maxTwice)
	}
}

// classQuiz is a class quiz a test runs through the webhook: the teacher
// starts it in group; student k answers question q right when bit q of
// k is set.
type classQuiz struct {
	group, teacher               int64
	students, questions, seconds int
	student                      func(k int) int64
	asked                        func(q int)      // called once question q's poll is seen, before its votes, if set
	next                         func(q int) bool // the teacher closes question q with /next once its votes are in
	voted                        func(q int)      // called once question q's votes are in, if set
}

// run plays the quiz: start, every question's votes, the results.
func (c *classQuiz) run(ctx context.Context, t *testing.T, srv *telegramtest.Server, deliver func(tgbotapi.Update)) {
	deliver(telegramtest.Command(c.group, c.teacher, "quiz", fmt.Sprint(c.questions), fmt.Sprint(c.seconds)))
	for q := range c.questions {
		head := fmt.Sprintf("[%d/%d]", q+1, c.questions)
		call, err := srv.WaitFor(ctx, "sendPoll", func(call telegramtest.Call) bool {
			return call.Int64("chat_id") == c.group && strings.HasPrefix(call.Params["question"], head)
		})
		if err != nil {
			t.Errorf("group %d: question %d never asked: %v", c.group, q+1, err)
			return
		}
		msg, err := call.Message()
		if err != nil || msg.Poll == nil {
			t.Errorf("group %d: sendPoll result: %v", c.group, err)
			return
		}
		if c.asked != nil {
			c.asked(q)
		}
		correct := msg.Poll.CorrectOptionID
		var votes sync.WaitGroup
		for k := range c.students {
			option := (correct + 1) % len(msg.Poll.Options)
			if k>>q&1 == 1 {
				option = correct
			}
			votes.Go(func() { deliver(telegramtest.PollAnswer(msg.Poll.ID, c.student(k), option)) })
		}
		votes.Wait()
		if c.voted != nil {
			c.voted(q)
		}
		if c.next != nil && c.next(q) {
			deliver(telegramtest.Command(c.group, c.teacher, "next"))
		}
	}
	if _, err := srv.WaitFor(ctx, "sendMessage", func(call telegramtest.Call) bool {
		return call.Int64("chat_id") == c.group && strings.Contains(call.Params["text"], "quiz is over")
	}); err != nil {
		t.Errorf("group %d: no results: %v", c.group, err)
	}
}

// lastClasses is the part of a store the class checks read.
type lastClasses interface {
	LastClass(chatID int64) (*quiz.Class, bool, error)
}

// check checks the quiz as kept in db and as shown in the results
// messages srv got: every vote counted, every score right.
func (c *classQuiz) check(t *testing.T, srv *telegramtest.Server, db lastClasses) {
	t.Helper()
	class, found, err := db.LastClass(c.group)
	if err != nil || !found {
		t.Fatalf("group %d: no finished quiz: %v", c.group, err)
	}
	for q, r := range class.Rounds {
		if len(r.Answers) != c.students {
			t.Errorf("group %d: question %d has %d votes, want %d", c.group, q+1, len(r.Answers), c.students)
		}
	}
	score := map[int64]int{}
	for _, s := range class.Leaderboard() {
		score[s.Player.ID] = s.Score
	}
	// A long leaderboard comes in several messages.
	all := strings.Join(srv.Texts(c.group), "\n")
	results := all[max(0, strings.LastIndex(all, "quiz is over")):]
	for k := range c.students {
		want := 0
		for q := range c.questions {
			want += k >> q & 1
		}
		id := c.student(k)
		if score[id] != want {
			t.Errorf("group %d: student %d scored %d, want %d", c.group, id, score[id], want)
		}
		row := fmt.Sprintf("%s — %d of %d", telegramtest.User(id).FirstName, want, c.questions)
		if !strings.Contains(results, row) {
			t.Errorf("group %d: the leaderboard lacks %q", c.group, row)
		}
	}
}

// checkPostgres runs check against the database at dbURL.
func (c *classQuiz) checkPostgres(ctx context.Context, t *testing.T, srv *telegramtest.Server, dbURL string) {
	t.Helper()
	db, err := postgres.Open(ctx, dbURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c.check(t, srv, db)
}

// webhookTimeout is how long Telegram waits for a webhook's answer in
// these tests.
const webhookTimeout = 60 * time.Second

// webhookPoster plays Telegram's side of a webhook: it posts each update
// to url until it gets 200, as Telegram does, and counts the posts it
// made again.
type webhookPoster struct {
	ctx     context.Context
	t       *testing.T
	url     string
	secret  string
	srv     *telegramtest.Server
	retries atomic.Int64
}

func (p *webhookPoster) deliver(u tgbotapi.Update) {
	client := &http.Client{Timeout: webhookTimeout}
	_, body := p.srv.WebhookUpdate(u)
	for {
		req, _ := http.NewRequestWithContext(p.ctx, http.MethodPost, p.url, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", p.secret)
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		p.retries.Add(1)
		// Telegram posts again after a pause; its length changes only
		// how many posts are made while a replica is down, not what the
		// test checks.
		select {
		case <-p.ctx.Done():
			p.t.Errorf("an update was never taken: %v", p.ctx.Err())
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// webhookEnv is the settings of a replica in webhook mode listening on
// addr, against srv, with its DATA_DIR in dataDir.
func webhookEnv(srv *telegramtest.Server, addr, dataDir string) []string {
	return []string{
		"TELEGRAM_API_BASE_URL=" + srv.URL,
		"WEBHOOK_URL=https://bot.example/hook",
		"WEBHOOK_LISTEN=" + addr,
		"WEBHOOK_SECRET=" + replicaSecret,
		"DATA_DIR=" + dataDir,
	}
}

// replicaStarts is the line startReplica writes to a replica's logs
// before it starts the process, so that a wait can tell a restarted
// replica's lines from the lines of its last run.
const replicaStarts = "--- the test starts the replica ---"

// startReplica starts `silkroad serve` with the replica test's token,
// unlimited sending and the settings in env, its logs going to logs.
func startReplica(t *testing.T, bin, dir string, logs *lockedBuffer, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	cmd.Dir = dir
	cmd.Env = append(settingsFree(), "TELEGRAM_BOT_TOKEN="+replicaToken, "LOG_LEVEL=info", "RATE_LIMITS=off", "FLOOD_LIMIT=0")
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = logs
	fmt.Fprintln(logs, replicaStarts)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start a replica: %v", err)
	}
	return cmd
}

// stopReplicas stops the replicas with SIGTERM, checks they stop and
// kept the token out of their logs, and shows the logs if the test
// failed.
func stopReplicas(t *testing.T, cmds []*exec.Cmd, logs []*lockedBuffer) {
	for i, cmd := range cmds {
		if cmd.ProcessState != nil {
			continue // killed and not started again
		}
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(time.Minute):
			cmd.Process.Kill()
			<-done
			t.Errorf("replica %d did not stop on SIGTERM", i)
		}
		if strings.Contains(logs[i].String(), replicaToken) {
			t.Errorf("the token appears in replica %d's logs", i)
		}
	}
	if t.Failed() {
		for i := range logs {
			t.Logf("replica %d:\n%s", i, tail(logs[i].String(), 60))
		}
	}
}

func studentID(group, k int) int64 { return int64(8000 + 100*group + k) }

// countTo matches the nth call that match accepts; a nil match accepts
// every call.
func countTo(n int, match func(telegramtest.Call) bool) func(telegramtest.Call) bool {
	seen := 0
	return func(c telegramtest.Call) bool {
		if match == nil || match(c) {
			seen++
		}
		return seen >= n
	}
}

// freeAddr returns a loopback address no one listens on.
func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitHealthy waits until the replica at addr, last started, says in its
// log that it serves the webhook, then checks that it answers /healthz.
func waitHealthy(ctx context.Context, t *testing.T, addr string, logs *lockedBuffer) {
	t.Helper()
	from := strings.LastIndex(logs.String(), replicaStarts)
	if !logs.waitFor(ctx, "serving webhook", max(from, 0)) {
		t.Fatalf("replica at %s never served its webhook:\n%s", addr, logs)
	}
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("replica at %s: /healthz: %v", addr, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("replica at %s: /healthz answered %s", addr, resp.Status)
	}
}

func tail(s string, lines int) string {
	all := strings.Split(s, "\n")
	return strings.Join(all[max(0, len(all)-lines):], "\n")
}

// TestPollingLeader: two replicas in long-polling mode on one database.
// Only one polls at a time, so that every update is answered once; when
// it is killed with SIGKILL, the other takes over and answers the rest.
func TestPollingLeader(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary twice")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	dbURL := pgtest.Start(t).NewDatabase(t)
	srv := telegramtest.New(t, replicaToken)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmds := make([]*exec.Cmd, 2)
	logs := []*lockedBuffer{{}, {}}
	for i := range cmds {
		cmds[i] = startReplica(t, bin, tmp, logs[i], "TELEGRAM_API_BASE_URL="+srv.URL, "DATABASE_URL="+dbURL,
			"DATA_DIR="+filepath.Join(tmp, fmt.Sprintf("replica%d", i)))
	}
	defer stopReplicas(t, cmds, logs)
	const leads = "this replica polls Telegram"
	leader := firstToSay(ctx, logs, leads, 0)
	if leader < 0 {
		t.Fatal("no replica took the lead")
	}
	// The other replica must be up and waiting for the lead before the
	// leader is killed; on a busy machine it may still be starting.
	if !logs[1-leader].waitFor(ctx, "another replica polls", 0) {
		t.Fatalf("the other replica never waited for the lead:\n%s", logs[1-leader])
	}
	const chats = 200
	ask := func(from, to int) {
		for i := from; i < to; i++ {
			srv.PushUpdate(telegramtest.TextMessage(int64(70000+i), int64(70000+i), "What is Khorgos?"))
		}
	}
	ask(0, chats/2)
	if _, err := srv.WaitFor(ctx, "sendMessage", countTo(chats/4, nil)); err != nil {
		t.Fatal(err)
	}
	cmds[leader].Process.Signal(syscall.SIGKILL)
	cmds[leader].Wait()
	killed := len(srv.CallsTo("sendMessage"))
	ask(chats/2, chats)
	for i := range chats {
		chat := int64(70000 + i)
		if _, err := srv.WaitFor(ctx, "sendMessage", func(c telegramtest.Call) bool { return c.Int64("chat_id") == chat }); err != nil {
			t.Fatalf("chat %d never answered: %v", chat, err)
		}
	}
	other := logs[1-leader].String()
	waited, led := strings.Index(other, "another replica polls"), strings.Index(other, leads)
	if waited < 0 || led < waited {
		t.Errorf("the other replica did not wait for the lead and then take it (waited at %d, led at %d)", waited, led)
	}
	// Only updates the killed leader had answered, but whose mark it had
	// not yet committed, may be answered again, by the new leader: never
	// twice by one replica, nor by both while both are alive.
	twice := 0
	at := map[int64][]int{} // chat -> indexes of its answers among all
	for i, c := range srv.CallsTo("sendMessage") {
		at[c.Int64("chat_id")] = append(at[c.Int64("chat_id")], i)
	}
	for chat, is := range at {
		switch {
		case len(is) > 2:
			t.Errorf("chat %d answered %d times", chat, len(is))
		case len(is) == 2 && (is[0] >= killed || is[1] < killed):
			t.Errorf("chat %d answered twice, not once by each leader (answers %v, the first leader's last %d)", chat, is, killed-1)
		}
		twice += len(is) - 1
	}
	t.Logf("answered twice: %d (of %d answered before the kill)", twice, killed)
}
