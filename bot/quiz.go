package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/silkroad-bot/silkroad/internal/clock"
	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/quiz"
)

// Quiz limits for the command arguments.
const (
	DefaultQuizCount   = 10
	DefaultQuizSeconds = 30
	MaxQuizCount       = 30
	MinQuizSeconds     = 10  // shorter than this and few can read the question
	MaxQuizSeconds     = 600 // Telegram's longest open_period
)

// resumeGrace is how long a question whose time ran out while the bot was
// down stays open after a restart, for the answers queued meanwhile.
const resumeGrace = 5 * time.Second

// cbQuizAnswer is the callback kind of a practice answer button:
// "1|qa|<practice id>|<question>|<option>".
const cbQuizAnswer = "qa"

// Poll is a native quiz poll for a class quiz.
type Poll struct {
	Question    string
	Options     []string
	Correct     int
	Explanation string
	OpenPeriod  time.Duration
}

// Pusher is how the bot speaks on its own, not in answer to a request:
// a class quiz moves on by the clock, homework reminders go out the day
// before. Both transports implement it: Telegram, and the console.
type Pusher interface {
	// Push carries out r in a chat, as if it answered a message there,
	// and says what it sent: the message, and the poll of a QuizPoll.
	Push(ctx context.Context, chatID int64, r Reply) (Sent, error)
	// Member returns a chat member's display name and whether they are
	// an administrator or the creator of the chat.
	Member(ctx context.Context, chatID, userID int64) (name string, admin bool, err error)
	// Download fetches a file a user sent, of at most max bytes
	// (ErrFileTooBig for a bigger one).
	Download(ctx context.Context, fileID string, max int) ([]byte, error)
}

// Sent is what a transport reports of a reply it pushed.
type Sent struct {
	MessageID int
	PollID    string // the poll's id, for a QuizPoll
}

// ErrFileTooBig means a file is larger than the caller would read.
var ErrFileTooBig = errors.New("the file is too big")

// QuizOptions configures EnableQuiz.
type QuizOptions struct {
	Bank  *quiz.Bank // required
	Store quiz.Store // required
	// Rebuild makes the bank anew from the knowledge base after /reload;
	// nil means quiz.NewBank. A bank that does not build cancels the
	// reload.
	Rebuild func(*knowledge.Base) (*quiz.Bank, error)
	// Clock is the time source; nil means the system clock.
	Clock Clock
	// Seed, when not zero, makes the drawn questions repeatable.
	Seed uint64
	// Codes is the source of homework codes; nil means crypto/rand.
	Codes io.Reader
}

// Quiz runs class quizzes in groups, self-paced practice in private chats
// and homework. EnableQuiz registers its commands on a Handler; Run moves
// class quizzes on by the clock. Every change to a quiz is saved in the
// store before anything is sent, so a restart loses no recorded answer.
type Quiz struct {
	h      *Handler
	bank   atomic.Pointer[quiz.Bank] // /reload swaps it; quizzes hold copies of their questions
	store  quiz.Store
	shared SharedQuizStore // the store, when several replicas share it; else nil
	clock  Clock
	codes  io.Reader

	rngMu sync.Mutex // guards rng
	rng   *rand.Rand

	ready chan struct{} // closed when Run has set tr

	sched *quiz.Schedule // when each running class quiz's open question closes

	mu    sync.Mutex            // guards the fields below
	tr    Pusher                // nil until Run
	chats map[int64]*sync.Mutex // one lock per chat, held while its quiz changes
	polls map[string]int64      // poll id -> chat of a running class quiz
	votes map[int64][]vote      // chat -> votes waiting for its lock (recordVote)
}

// EnableQuiz adds quizzes to h: the commands /quiz, /next, /stop,
// /results and /homework, the poll-answer hook, the answer buttons and
// homework deep links (/start hw_<code>). Call it before the first Handle.
func EnableQuiz(h *Handler, opts QuizOptions) *Quiz {
	q := &Quiz{
		h: h, store: opts.Store, clock: opts.Clock, codes: opts.Codes,
		chats: map[int64]*sync.Mutex{},
		polls: map[string]int64{},
		votes: map[int64][]vote{},
		ready: make(chan struct{}),
	}
	q.bank.Store(opts.Bank)
	q.shared, _ = opts.Store.(SharedQuizStore)
	if q.shared == nil {
		// This process alone changes the quizzes: keep them in memory
		// too, rather than decode a class of 300 for every vote.
		q.store = &classCache{Store: opts.Store, classes: map[int64]*quiz.Class{}}
	}
	rebuild := opts.Rebuild
	if rebuild == nil {
		rebuild = quiz.NewBank
	}
	h.OnReload(func(base *knowledge.Base) (func(), error) {
		bank, err := rebuild(base)
		if err != nil {
			return nil, fmt.Errorf("quiz questions: %w", err)
		}
		return func() { q.bank.Store(bank) }, nil
	})
	if q.clock == nil {
		q.clock = clock.System{}
	}
	q.sched = quiz.NewSchedule(q.clock)
	seed := opts.Seed
	if seed == 0 {
		seed = rand.Uint64()
	}
	q.rng = rand.New(rand.NewPCG(seed, seed^0x5bd1e995))
	h.Register(Command{Name: "quiz", Description: msgCmdQuiz, Func: q.cmdQuiz})
	h.Register(Command{Name: "next", Func: q.cmdNext})
	h.Register(Command{Name: "stop", Func: q.cmdStop})
	h.Register(Command{Name: "results", Description: msgCmdResults, Func: q.cmdResults})
	h.Register(Command{Name: "homework", Description: msgCmdHomework, Func: q.cmdHomework})
	h.Register(Command{Name: "review", Description: msgCmdReview, Func: q.cmdReview})
	h.Register(Command{Name: "progress", Description: msgCmdProgress, Func: q.cmdProgress})
	h.Register(Command{Name: "sets", Description: msgCmdSets, Func: q.cmdSets})
	h.OnUpload(q.onUpload)
	h.RegisterCallback(cbQuizAnswer, q.cbAnswer)
	h.OnPollAnswer(q.onPollAnswer, q.knownPollChat)
	h.OnStartPayload(q.onStart)
	// Votes that waited through a restart line up with their chat's
	// messages from the first update on: the running quizzes' polls are
	// known before Run resumes them.
	if classes, err := q.store.RunningClasses(); err != nil {
		h.log.Warn("the running class quizzes could not be read; their votes wait apart until Run resumes them", "err", err)
	} else {
		for _, c := range classes {
			q.track(c)
		}
	}
	return q
}

// Run resumes the class quizzes the store holds, then closes questions
// as their time runs out and asks the next, until ctx is done. Commands
// that need tr (group quizzes) answer "not available" until Run starts.
func (q *Quiz) Run(ctx context.Context, tr Pusher) error {
	q.mu.Lock()
	if q.tr != nil {
		q.mu.Unlock()
		return errors.New("quiz: Run called twice")
	}
	q.tr = tr
	q.mu.Unlock()
	close(q.ready)
	if err := q.resume(ctx, tr); err != nil {
		q.h.log.ErrorContext(ctx, "resume quizzes", "err", err)
	}
	reminders := make(chan struct{})
	go func() {
		defer close(reminders)
		q.remindLoop(ctx, tr)
	}()
	defer func() { <-reminders }()
	// With replicas, every one watches every class quiz's clock: the
	// first to take the chat's lock when a question's time is up moves
	// it on, and a quiz whose replica died is picked up by the next scan.
	var scan <-chan time.Time
	if q.shared != nil {
		t := time.NewTicker(adoptEvery)
		defer t.Stop()
		scan = t.C
	}
	q.sched.Run(ctx, scan, func(ctx context.Context) { q.adopt(ctx, tr) }, func(ctx context.Context, chat int64) {
		if err := q.advanceChat(ctx, tr, chat); err != nil {
			q.h.log.ErrorContext(ctx, "advance quiz", "chat", chat, "err", err)
		}
	})
	return nil
}

func (q *Quiz) draw(cat knowledge.Category, count int) ([]quiz.Question, error) {
	q.rngMu.Lock()
	defer q.rngMu.Unlock()
	return q.bank.Load().Draw(cat, count, q.rng)
}

// newID returns a short random id for a practice.
func (q *Quiz) newID() string {
	const digits = "abcdefghijkmnpqrstuvwxyz23456789"
	q.rngMu.Lock()
	defer q.rngMu.Unlock()
	b := make([]byte, 6)
	for i := range b {
		b[i] = digits[q.rng.IntN(len(digits))]
	}
	return string(b)
}

// player describes the user behind a request: the display name comes from
// the chat membership when a transport can tell it, else the username.
func (q *Quiz) player(ctx context.Context, chatID, userID int64, username string) quiz.Player {
	p := quiz.Player{ID: userID, Username: username}
	if tr := q.transport(); tr != nil && chatID != 0 {
		if name, _, err := tr.Member(ctx, chatID, userID); err == nil {
			p.Name = name
		}
	}
	if p.Name == "" {
		p.Name = username
	}
	if p.Name == "" {
		p.Name = "#" + strconv.FormatInt(userID, 10)
	}
	return p
}

// votePlayer is the player behind a vote, named from the update.
func votePlayer(in *Input) quiz.Player {
	p := quiz.Player{ID: in.UserID, Username: in.UserName, Name: in.FullName}
	if p.Name == "" {
		p.Name = in.UserName
	}
	if p.Name == "" {
		p.Name = "#" + strconv.FormatInt(in.UserID, 10)
	}
	return p
}

func isGroup(in *Input) bool { return in.ChatType == ChatGroup || in.ChatType == ChatSupergroup }

// --- class quizzes ---

// usage renders a usage message with the list of topics, named in the
// user's language; categoryNamed reads each of them back.
func (q *Quiz) usage(in *Input, key string) string {
	var names []string
	for _, c := range knowledge.Categories {
		if q.bank.Load().Count(c) > 0 {
			names = append(names, midSentence(in.T(categoryKey(string(c)))))
		}
	}
	return in.T(key, esc(strings.Join(names, in.T(msgListSep))))
}
