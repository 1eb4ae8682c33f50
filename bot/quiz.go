package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

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

// QuizTransport is what class quizzes need from a transport besides
// replies: a class quiz moves on by the clock, not only in answer to a
// request. Telegram provides one (Telegram.QuizTransport).
type QuizTransport interface {
	SendHTML(ctx context.Context, chatID int64, html string) error
	// SendPoll sends a quiz poll and returns its poll id and message id.
	SendPoll(ctx context.Context, chatID int64, p Poll) (pollID string, messageID int, err error)
	StopPoll(ctx context.Context, chatID int64, messageID int) error
	SendDocument(ctx context.Context, chatID int64, name string, data []byte, caption string) error
	// Member returns a chat member's display name and whether they are
	// an administrator or the creator of the chat.
	Member(ctx context.Context, chatID, userID int64) (name string, admin bool, err error)
}

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

	mu        sync.Mutex            // guards the fields below
	tr        QuizTransport         // nil until Run
	chats     map[int64]*sync.Mutex // one lock per chat, held while its quiz changes
	polls     map[string]int64      // poll id -> chat of a running class quiz
	votes     map[int64][]vote      // chat -> votes waiting for its lock (recordVote)
	deadlines map[int64]time.Time   // chat -> when its open question closes
	wake      chan struct{}         // nudges Run when deadlines change
}

// EnableQuiz adds quizzes to h: the commands /quiz, /next, /stop,
// /results and /homework, the poll-answer hook, the answer buttons and
// homework deep links (/start hw_<code>). Call it before the first Handle.
func EnableQuiz(h *Handler, opts QuizOptions) *Quiz {
	q := &Quiz{
		h: h, store: opts.Store, clock: opts.Clock, codes: opts.Codes,
		chats:     map[int64]*sync.Mutex{},
		polls:     map[string]int64{},
		votes:     map[int64][]vote{},
		deadlines: map[int64]time.Time{},
		wake:      make(chan struct{}, 1),
		ready:     make(chan struct{}),
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
		q.clock = systemClock{}
	}
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
func (q *Quiz) Run(ctx context.Context, tr QuizTransport) error {
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
	// With replicas, every one watches every class quiz's clock: the
	// first to take the chat's lock when a question's time is up moves
	// it on, and a quiz whose replica died is picked up by the next scan.
	var scan <-chan time.Time
	if q.shared != nil {
		t := time.NewTicker(adoptEvery)
		defer t.Stop()
		scan = t.C
	}
	for {
		var fire <-chan time.Time
		if next, ok := q.nextDeadline(); ok {
			fire = q.clock.After(next.Sub(q.clock.Now()))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-q.wake:
		case <-fire:
		case <-scan:
			q.adopt(ctx, tr)
		}
		q.advanceDue(ctx, tr)
	}
}

// adoptEvery is how often, with replicas, each one looks for the class
// quizzes the others run, and for those left halfway by a replica that
// died.
const adoptEvery = time.Second

// SharedQuizStore is a quiz store that several replicas share: a chat's
// lock there excludes the other replicas too, and a poll's chat can be
// looked up by any of them. store/postgres implements it.
type SharedQuizStore interface {
	quiz.Store
	// LockChat waits for the chat's lock across replicas and returns
	// the function that lets it go.
	LockChat(ctx context.Context, chatID int64) (unlock func(), err error)
	// PollChat returns the chat of a running class quiz's poll.
	PollChat(pollID string) (int64, bool, error)
}

// adopt tracks every running class quiz's clock, and moves on those
// that no replica is moving: a question asked but never sent, or closed
// with no next one asked, found so while holding the chat's lock, is one
// whose replica died halfway.
func (q *Quiz) adopt(ctx context.Context, tr QuizTransport) {
	classes, err := q.store.RunningClasses()
	if err != nil {
		q.h.log.WarnContext(ctx, "looking for class quizzes to watch failed", "err", err)
		return
	}
	running := map[int64]bool{}
	for _, c := range classes {
		running[c.ChatID] = true
		if i, open := c.Current(); open && c.Rounds[i].Ref != "" {
			q.track(c)
			continue
		}
		unlock := q.lockChat(c.ChatID)
		c, found, err := q.store.LoadClass(c.ChatID)
		if err == nil && found {
			if i, open := c.Current(); open && c.Rounds[i].Ref != "" {
				q.track(c)
			} else {
				q.h.log.InfoContext(ctx, "taking over a class quiz left halfway", "chat", c.ChatID)
				err = q.pickUp(ctx, tr, c)
			}
		}
		unlock()
		if err != nil {
			q.h.log.ErrorContext(ctx, "taking over a class quiz", "chat", c.ChatID, "err", err)
		}
	}
	q.mu.Lock()
	for chat := range q.deadlines {
		if !running[chat] {
			delete(q.deadlines, chat)
		}
	}
	q.mu.Unlock()
}

// transport returns the transport Run was given, or nil before Run.
func (q *Quiz) transport() QuizTransport {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.tr
}

// transportWait is how long a group command waits for Run to start, for
// updates that arrive while the bot is starting.
const transportWait = 3 * time.Second

// waitTransport returns the transport, waiting a little for Run to
// start; nil means there is none (the console) or ctx ended.
func (q *Quiz) waitTransport(ctx context.Context) QuizTransport {
	t := time.NewTimer(transportWait)
	defer t.Stop()
	select {
	case <-q.ready:
	case <-t.C:
	case <-ctx.Done():
	}
	return q.transport()
}

// lockChat locks the chat's quiz and returns the unlock function. With
// replicas the lock is the store's too, taken after this process's own,
// so that a process's goroutines queue here and not on the database.
// Whoever holds it loads the quiz afresh before changing it.
func (q *Quiz) lockChat(chatID int64) func() {
	q.mu.Lock()
	m, ok := q.chats[chatID]
	if !ok {
		m = &sync.Mutex{}
		q.chats[chatID] = m
	}
	q.mu.Unlock()
	m.Lock()
	if q.shared == nil {
		return m.Unlock
	}
	unlock, err := q.shared.LockChat(context.Background(), chatID)
	if err != nil {
		// The database was out of reach for longer than its retries:
		// go on under this process's lock alone rather than stall.
		q.h.log.Error("the chat's lock shared by the replicas could not be taken; going on without it", "chat", chatID, "err", err)
		return m.Unlock
	}
	return func() {
		unlock()
		m.Unlock()
	}
}

// track records c's polls and deadline, and wakes Run.
func (q *Quiz) track(c *quiz.Class) {
	q.mu.Lock()
	for _, r := range c.Rounds {
		if r.Ref != "" {
			q.polls[r.Ref] = c.ChatID
		}
	}
	if d, ok := c.Deadline(); ok {
		q.deadlines[c.ChatID] = d
	} else {
		delete(q.deadlines, c.ChatID)
	}
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// untrack forgets a finished quiz.
func (q *Quiz) untrack(c *quiz.Class) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, r := range c.Rounds {
		delete(q.polls, r.Ref)
	}
	delete(q.deadlines, c.ChatID)
}

func (q *Quiz) nextDeadline() (time.Time, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var next time.Time
	for _, d := range q.deadlines {
		if next.IsZero() || d.Before(next) {
			next = d
		}
	}
	return next, !next.IsZero()
}

// advanceDue closes every question whose time is up.
func (q *Quiz) advanceDue(ctx context.Context, tr QuizTransport) {
	now := q.clock.Now()
	q.mu.Lock()
	var due []int64
	for chat, d := range q.deadlines {
		if !now.Before(d) {
			due = append(due, chat)
		}
	}
	q.mu.Unlock()
	slices.Sort(due)
	for _, chat := range due {
		if err := q.advanceChat(ctx, tr, chat); err != nil {
			q.h.log.ErrorContext(ctx, "advance quiz", "chat", chat, "err", err)
		}
	}
}

func (q *Quiz) advanceChat(ctx context.Context, tr QuizTransport, chatID int64) error {
	unlock := q.lockChat(chatID)
	defer unlock()
	c, found, err := q.store.LoadClass(chatID)
	if err != nil || !found {
		q.mu.Lock()
		delete(q.deadlines, chatID)
		q.mu.Unlock()
		return err
	}
	if !c.Due(q.clock.Now()) {
		q.track(c)
		return nil
	}
	return q.advance(ctx, tr, c, false)
}

// resume picks up the running class quizzes after a restart.
func (q *Quiz) resume(ctx context.Context, tr QuizTransport) error {
	classes, err := q.store.RunningClasses()
	if err != nil {
		return err
	}
	var errs []error
	for _, c := range classes {
		unlock := q.lockChat(c.ChatID)
		if q.shared != nil {
			// Another replica may have moved it on meanwhile.
			var found bool
			if c, found, err = q.store.LoadClass(c.ChatID); err != nil || !found {
				unlock()
				if err != nil {
					errs = append(errs, err)
				}
				continue
			}
		}
		q.track(c)
		if i, open := c.Current(); open && c.Rounds[i].Ref != "" {
			// Telegram closed the poll on time; answers given before
			// that may still be queued. Let them in before closing.
			// (With replicas, the others took them meanwhile.)
			if q.shared == nil && c.Extend(q.clock.Now().Add(resumeGrace)) {
				err = q.store.SaveClass(c)
				q.track(c)
			}
		} else {
			err = q.pickUp(ctx, tr, c)
		}
		unlock()
		if err != nil {
			errs = append(errs, fmt.Errorf("chat %d: %w", c.ChatID, err))
		}
	}
	if len(classes) > 0 {
		q.h.log.InfoContext(ctx, "resumed class quizzes", "count", len(classes))
	}
	return errors.Join(errs...)
}

// pickUp moves on a class quiz that was left between two steps: ended
// but not reported, asked but not sent, or closed with no next question
// asked. The chat's lock must be held.
func (q *Quiz) pickUp(ctx context.Context, tr QuizTransport, c *quiz.Class) error {
	q.track(c)
	i, open := c.Current()
	switch {
	case c.Done():
		return q.finish(ctx, tr, c, c.Stopped)
	case open && c.Rounds[i].Ref == "":
		// Asked and saved, but the poll never went out.
		c.Reopen(q.clock.Now())
		return q.sendQuestion(ctx, tr, c)
	case !open:
		// Between a closed question and the next.
		return q.askOrFinish(ctx, tr, c)
	}
	return nil
}

// quizArgs are the parsed arguments of /quiz and /homework.
type quizArgs struct {
	cat     knowledge.Category // empty for all
	count   int
	seconds int
}

// errQuizArgs means /quiz or /homework arguments that do not parse.
var errQuizArgs = errors.New("bad quiz arguments")

// parseQuizArgs reads "[category] [count] [seconds]" in any order of
// words and numbers: the category is a category id or its name in any
// language, or "all"; the first number is the count, the second the
// seconds. Numbers are clamped to the allowed range.
func parseQuizArgs(args string) (quizArgs, error) {
	a := quizArgs{count: DefaultQuizCount, seconds: DefaultQuizSeconds}
	var words, nums []string
	for _, f := range strings.Fields(args) {
		if _, err := strconv.Atoi(f); err == nil {
			nums = append(nums, f)
		} else {
			words = append(words, f)
		}
	}
	if len(nums) > 2 || len(strings.Join(words, " ")) > 64 {
		return a, errQuizArgs
	}
	if len(nums) > 0 {
		n, _ := strconv.Atoi(nums[0])
		a.count = min(max(n, 1), MaxQuizCount)
	}
	if len(nums) > 1 {
		n, _ := strconv.Atoi(nums[1])
		a.seconds = min(max(n, MinQuizSeconds), MaxQuizSeconds)
	}
	if len(words) > 0 {
		c, ok := categoryNamed(strings.Join(words, " "))
		if !ok {
			return a, errQuizArgs
		}
		a.cat = c
	}
	return a, nil
}

// topicArgs reads the quiz arguments with the topic named through the
// index's category words. A topic named in Kazakh starts a Kazakh quiz
// for a user who has not chosen a language, even when the words could
// pass for Russian ("/quiz сауда 2").
func (q *Quiz) topicArgs(ctx context.Context, in *Input) (quizArgs, error) {
	var words, rest []string
	for _, f := range strings.Fields(in.Args) {
		if _, err := strconv.Atoi(f); err == nil {
			rest = append(rest, f)
		} else {
			words = append(words, f)
		}
	}
	c, lang, ok := q.h.idx().Category(strings.Join(words, " "))
	if !ok {
		return quizArgs{}, errQuizArgs
	}
	args, err := parseQuizArgs(string(c) + " " + strings.Join(rest, " "))
	if err != nil {
		return args, err
	}
	if lang != in.Lang && lang != "en" && q.h.chosenLang(ctx, in.UserID) == "" {
		in.Lang, in.p = lang, newPrinter(lang)
	}
	return args, nil
}

// allWords name every category at once, in the bot's languages.
var allWords = []string{"all", "все", "всё", "барлығы", "бәрі", "全部", "所有"}

// categoryNamed finds the category whose id or display name (in any
// language) is name; "all" gives the empty category.
func categoryNamed(name string) (knowledge.Category, bool) {
	name = unquoted(name)
	if slices.Contains(allWords, name) {
		return "", true
	}
	for _, c := range knowledge.Categories {
		if name == string(c) {
			return c, true
		}
		for _, l := range Langs {
			if unquoted(newPrinter(l).T(categoryKey(string(c)))) == name {
				return c, true
			}
		}
	}
	return "", false
}

// unquoted lowers name and drops the quotation marks around it or its
// words, so "«Один пояс, один путь»" and "один пояс, один путь" compare
// equal.
func unquoted(name string) string {
	return strings.ToLower(strings.TrimSpace(strings.NewReplacer("«", "", "»", "", "“", "", "”", "", "\"", "").Replace(name)))
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

func (q *Quiz) cmdQuiz(ctx context.Context, in *Input) ([]Reply, error) {
	args, err := parseQuizArgs(in.Args)
	if t, terr := q.topicArgs(ctx, in); err != nil || terr == nil {
		// A topic named in everyday words of any language ("сауда",
		// "торговля", "oil"), which also tells its language.
		args, err = t, terr
	}
	if err != nil {
		return []Reply{Message(q.usage(in, msgQuizUsage))}, nil
	}
	if in.Private() {
		return q.startPractice(ctx, in, args)
	}
	if !isGroup(in) {
		return nil, nil
	}
	tr := q.waitTransport(ctx)
	if tr == nil {
		return []Reply{Message(esc(in.T(msgQuizUnavailable)))}, nil
	}
	unlock := q.lockChat(in.ChatID)
	defer unlock()
	if _, found, err := q.store.LoadClass(in.ChatID); err != nil {
		return nil, err
	} else if found {
		return []Reply{Message(esc(in.T(msgQuizRunning)))}, nil
	}
	qs, err := q.draw(args.cat, args.count)
	if err != nil {
		return nil, err
	}
	now := q.clock.Now()
	starter := q.player(ctx, in.ChatID, in.UserID, in.UserName)
	c, err := quiz.NewClass(in.ChatID, starter, args.cat, qs, time.Duration(args.seconds)*time.Second, now)
	if err != nil {
		return nil, err
	}
	c.Lang = in.Lang
	if err := q.store.SaveClass(c); err != nil {
		return nil, err
	}
	intro := in.T(msgQuizIntro, esc(q.catName(in.p, args.cat)), len(qs), args.seconds, esc(starter.Name)) + q.fewer(in, msgQuizFewer, args, len(qs))
	if err := tr.SendHTML(ctx, in.ChatID, intro); err != nil {
		q.h.log.WarnContext(ctx, "quiz intro not sent", "chat", in.ChatID, "err", err)
	}
	return nil, q.askOrFinish(ctx, tr, c)
}

func (q *Quiz) catName(p printer, c knowledge.Category) string {
	if c == "" {
		return p.T(msgQuizAllTopics)
	}
	return p.T(categoryKey(string(c)))
}

// askOrFinish asks c's next question, or ends c when none is left. The
// chat's lock must be held.
func (q *Quiz) askOrFinish(ctx context.Context, tr QuizTransport, c *quiz.Class) error {
	if !c.HasNext() {
		return q.finish(ctx, tr, c, false)
	}
	if _, _, err := c.Ask(q.clock.Now()); err != nil {
		return err
	}
	if err := q.store.SaveClass(c); err != nil {
		return err
	}
	return q.sendQuestion(ctx, tr, c)
}

// sendQuestion sends c's open question as a quiz poll and saves its poll
// id. A failed send leaves the question open until its deadline.
func (q *Quiz) sendQuestion(ctx context.Context, tr QuizTransport, c *quiz.Class) error {
	defer q.track(c)
	i, open := c.Current()
	if !open {
		return nil
	}
	qu := &c.Questions[i]
	t := qu.In(c.Lang)
	p := newPrinter(c.Lang)
	poll := Poll{
		Question:    p.T(msgQuizPollHead, i+1, len(c.Questions)) + " " + t.Question,
		Options:     t.Options,
		Correct:     qu.Correct,
		Explanation: t.Explanation,
		OpenPeriod:  c.Rounds[i].Deadline.Sub(q.clock.Now()),
	}
	if len([]rune(poll.Question)) > quiz.MaxQuestionLen {
		poll.Question = t.Question
	}
	pollID, msgID, err := tr.SendPoll(ctx, c.ChatID, poll)
	if err != nil {
		return fmt.Errorf("send question %d: %w", i+1, err)
	}
	c.SetRef(i, pollID, msgID)
	return q.store.SaveClass(c)
}

// advance closes c's open question, reports how it went, and asks the
// next or ends the quiz. early means closed before its time, by /next.
// The chat's lock must be held.
func (q *Quiz) advance(ctx context.Context, tr QuizTransport, c *quiz.Class, early bool) error {
	i, open := c.Current()
	if !open {
		return q.askOrFinish(ctx, tr, c)
	}
	st, err := c.Close(q.clock.Now())
	if err != nil {
		return err
	}
	if err := q.store.SaveClass(c); err != nil {
		return err
	}
	if early && c.Rounds[i].MessageID != 0 {
		if err := tr.StopPoll(ctx, c.ChatID, c.Rounds[i].MessageID); err != nil {
			q.h.log.DebugContext(ctx, "stopPoll", "chat", c.ChatID, "err", err)
		}
	}
	p := newPrinter(c.Lang)
	t := st.Question.In(c.Lang)
	msg := p.T(msgQuizRoundStat, st.Correct, st.Answered, esc(t.Options[st.Question.Correct]))
	if err := tr.SendHTML(ctx, c.ChatID, msg); err != nil {
		q.h.log.WarnContext(ctx, "quiz round stat not sent", "chat", c.ChatID, "err", err)
	}
	return q.askOrFinish(ctx, tr, c)
}

// finish ends c, moves it to the chat's last results and sends the
// leaderboard. The chat's lock must be held.
func (q *Quiz) finish(ctx context.Context, tr QuizTransport, c *quiz.Class, stopped bool) error {
	c.Finish(q.clock.Now(), stopped)
	if err := q.store.FinishClass(c); err != nil {
		return err
	}
	q.untrack(c)
	return tr.SendHTML(ctx, c.ChatID, q.results(newPrinter(c.Lang), c))
}

// results renders the leaderboard and the hardest questions.
func (q *Quiz) results(p printer, c *quiz.Class) string {
	var b strings.Builder
	head := msgQuizOver
	if c.Stopped {
		head = msgQuizStopped
	}
	b.WriteString(p.T(head))
	lb := c.Leaderboard()
	if len(lb) == 0 {
		b.WriteString("\n" + esc(p.T(msgQuizNobody)))
		return b.String()
	}
	medals := []string{"🥇", "🥈", "🥉"}
	for _, s := range lb {
		place := strconv.Itoa(s.Rank) + "."
		if s.Rank <= len(medals) {
			place = medals[s.Rank-1]
		}
		b.WriteString("\n" + p.T(msgQuizRank, place, esc(s.Player.Name), s.Score, len(c.Rounds)))
	}
	if hard := c.Hardest(3); len(hard) > 0 {
		b.WriteString("\n\n" + p.T(msgQuizHardest))
		for _, st := range hard {
			b.WriteString("\n" + p.T(msgQuizHardRow, esc(st.Question.In(c.Lang).Question), st.Correct, st.Answered))
		}
	}
	b.WriteString("\n\n" + esc(p.T(msgQuizCSVHint)))
	return b.String()
}

// controlled loads the chat's running quiz and checks that the sender
// may control it: the starter or a chat administrator. It returns the
// reply to send instead when there is no quiz or the sender may not.
func (q *Quiz) controlled(ctx context.Context, tr QuizTransport, in *Input) (*quiz.Class, []Reply, error) {
	c, found, err := q.store.LoadClass(in.ChatID)
	if err != nil {
		return nil, nil, err
	}
	if !found {
		return nil, []Reply{Message(esc(in.T(msgQuizNone)))}, nil
	}
	if in.UserID != c.Starter.ID {
		_, admin, err := tr.Member(ctx, in.ChatID, in.UserID)
		if err != nil {
			return nil, nil, err
		}
		if !admin {
			return nil, []Reply{Message(esc(in.T(msgQuizNotYours, c.Starter.Name)))}, nil
		}
	}
	return c, nil, nil
}

func (q *Quiz) cmdNext(ctx context.Context, in *Input) ([]Reply, error) {
	return q.control(ctx, in, false, func(tr QuizTransport, c *quiz.Class) error { return q.advance(ctx, tr, c, true) })
}

func (q *Quiz) cmdStop(ctx context.Context, in *Input) ([]Reply, error) {
	return q.control(ctx, in, true, func(tr QuizTransport, c *quiz.Class) error { return q.finish(ctx, tr, c, true) })
}

func (q *Quiz) control(ctx context.Context, in *Input, stop bool, do func(QuizTransport, *quiz.Class) error) ([]Reply, error) {
	if in.Private() {
		return q.stopPractice(in, stop)
	}
	if !isGroup(in) {
		return nil, nil
	}
	tr := q.waitTransport(ctx)
	if tr == nil {
		return []Reply{Message(esc(in.T(msgQuizUnavailable)))}, nil
	}
	unlock := q.lockChat(in.ChatID)
	defer unlock()
	c, deny, err := q.controlled(ctx, tr, in)
	if c == nil {
		return deny, err
	}
	return nil, do(tr, c)
}

// stopPractice answers /next and /stop in a private chat: /stop ends the
// practice in progress with its score; /next only explains itself.
func (q *Quiz) stopPractice(in *Input, stop bool) ([]Reply, error) {
	if !stop {
		return []Reply{Message(esc(in.T(msgQuizGroupOnly)))}, nil
	}
	unlock := q.lockChat(in.UserID)
	defer unlock()
	p, found, err := q.store.LoadPractice(in.UserID)
	if err != nil {
		return nil, err
	}
	if !found {
		return []Reply{Message(esc(in.T(msgPracticeNone)))}, nil
	}
	if err := q.store.DeletePractice(in.UserID); err != nil {
		return nil, err
	}
	_, pr := practiceLang(in, p)
	return []Reply{Message(esc(pr.T(msgPracticeStopped, p.Score(), len(p.Answers))))}, nil
}

// onPollAnswer records a vote in a class quiz's poll.
func (q *Quiz) onPollAnswer(ctx context.Context, in *Input) ([]Reply, error) {
	if len(in.Options) != 1 {
		return nil, nil // a retracted vote
	}
	chatID, ok, err := q.pollChat(in.PollID)
	if err != nil || !ok {
		return nil, err // a poll of a finished quiz, or not ours
	}
	return nil, q.recordVote(ctx, chatID, vote{in: in, at: q.clock.Now(), done: make(chan error, 1)})
}

// classCache keeps the running class quizzes of a store that only this
// process changes in memory as well, as copies, so that loading one
// decodes nothing. Callers hold the chat's lock from load to save, as
// with any store.
type classCache struct {
	quiz.Store
	mu      sync.Mutex
	classes map[int64]*quiz.Class // chat -> the class as last saved or loaded
}

func (s *classCache) LoadClass(chatID int64) (*quiz.Class, bool, error) {
	s.mu.Lock()
	c, ok := s.classes[chatID]
	s.mu.Unlock()
	if ok {
		return c.Clone(), true, nil
	}
	c, found, err := s.Store.LoadClass(chatID)
	if err != nil || !found {
		return c, found, err
	}
	s.keep(c)
	return c, true, nil
}

func (s *classCache) SaveClass(c *quiz.Class) error {
	if err := s.Store.SaveClass(c); err != nil {
		return err
	}
	s.keep(c)
	return nil
}

func (s *classCache) FinishClass(c *quiz.Class) error {
	err := s.Store.FinishClass(c)
	s.mu.Lock()
	delete(s.classes, c.ChatID) // on error, the store says what holds
	s.mu.Unlock()
	return err
}

func (s *classCache) keep(c *quiz.Class) {
	s.mu.Lock()
	s.classes[c.ChatID] = c.Clone()
	s.mu.Unlock()
}

// vote is a poll answer waiting to be recorded.
type vote struct {
	in   *Input
	at   time.Time
	done chan error // gets the result of the write that holds it
}

// recordVote records v in chatID's quiz. Votes that wait for the chat's
// lock meanwhile are recorded together, with one write of the quiz (a
// group commit): a class voting at once costs a few writes, not one
// each.
func (q *Quiz) recordVote(ctx context.Context, chatID int64, v vote) error {
	q.mu.Lock()
	q.votes[chatID] = append(q.votes[chatID], v)
	q.mu.Unlock()
	unlock := q.lockChat(chatID)
	q.mu.Lock()
	batch := q.votes[chatID]
	delete(q.votes, chatID)
	q.mu.Unlock()
	if len(batch) > 0 {
		err := q.writeVotes(ctx, chatID, batch)
		for _, b := range batch {
			b.done <- err
		}
	}
	unlock()
	return <-v.done // written by this call or one before it
}

// writeVotes records batch in chatID's quiz and saves it once. The
// chat's lock must be held.
func (q *Quiz) writeVotes(ctx context.Context, chatID int64, batch []vote) error {
	c, found, err := q.store.LoadClass(chatID)
	if err != nil || !found {
		return err
	}
	counted := 0
	for _, v := range batch {
		i, ok := c.RoundByRef(v.in.PollID)
		if !ok {
			continue
		}
		var p quiz.Player
		if k := slices.IndexFunc(c.Players, func(p quiz.Player) bool { return p.ID == v.in.UserID }); k >= 0 {
			p = c.Players[k]
		} else {
			// The name comes with the vote: no Bot API call stands
			// between a vote and its record.
			p = votePlayer(v.in)
		}
		if _, err := c.Record(i, p, v.in.Options[0], v.at); err != nil {
			q.h.log.DebugContext(ctx, "poll answer not counted", "chat", chatID, "user", v.in.UserID, "question", i+1, "err", err)
			continue
		}
		counted++
	}
	if counted == 0 {
		return nil
	}
	return q.store.SaveClass(c)
}

// knownPollChat returns the chat of a running quiz's poll that this
// process has sent or resumed.
func (q *Quiz) knownPollChat(pollID string) (int64, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	chatID, ok := q.polls[pollID]
	return chatID, ok
}

// pollChat finds the chat of a running quiz's poll. A poll whose sending
// has not finished yet is not known in memory: its chat's lock is held by
// the sender, so pollChat waits on the lock of each running quiz and
// looks in the store.
func (q *Quiz) pollChat(pollID string) (int64, bool, error) {
	if chatID, ok := q.knownPollChat(pollID); ok {
		return chatID, true, nil
	}
	if q.shared != nil {
		// Another replica may have sent it.
		if chatID, ok, err := q.shared.PollChat(pollID); err != nil || ok {
			return chatID, ok, err
		}
	}
	classes, err := q.store.RunningClasses()
	if err != nil {
		return 0, false, err
	}
	for _, c := range classes {
		unlock := q.lockChat(c.ChatID)
		c, found, err := q.store.LoadClass(c.ChatID)
		unlock()
		if err != nil {
			return 0, false, err
		}
		if found {
			if _, ok := c.RoundByRef(pollID); ok {
				return c.ChatID, true, nil
			}
		}
	}
	return 0, false, nil
}

func (q *Quiz) cmdResults(ctx context.Context, in *Input) ([]Reply, error) {
	if arg := strings.TrimSpace(in.Args); arg != "" {
		return q.homeworkResults(ctx, in, arg)
	}
	if !isGroup(in) {
		if in.Private() {
			return []Reply{Message(esc(in.T(msgResultsUsage)))}, nil
		}
		return nil, nil
	}
	tr := q.waitTransport(ctx)
	if tr == nil {
		return []Reply{Message(esc(in.T(msgQuizUnavailable)))}, nil
	}
	c, found, err := q.store.LastClass(in.ChatID)
	if err != nil {
		return nil, err
	}
	if !found {
		return []Reply{Message(esc(in.T(msgResultsNone)))}, nil
	}
	if in.UserID != c.Starter.ID {
		if _, admin, err := tr.Member(ctx, in.ChatID, in.UserID); err != nil {
			return nil, err
		} else if !admin {
			return []Reply{Message(esc(in.T(msgQuizNotYours, c.Starter.Name)))}, nil
		}
	}
	var csv strings.Builder
	if err := c.WriteCSV(&csv); err != nil {
		return nil, err
	}
	name := "quiz-results-" + c.Started.UTC().Format("2006-01-02-1504") + ".csv"
	caption := in.T(msgResultsCaption, len(c.Players), len(c.Rounds))
	return nil, tr.SendDocument(ctx, in.ChatID, name, []byte(csv.String()), caption)
}

// --- practice and homework ---

func (q *Quiz) startPractice(ctx context.Context, in *Input, args quizArgs) ([]Reply, error) {
	qs, err := q.draw(args.cat, args.count)
	if err != nil {
		return nil, err
	}
	p, err := quiz.NewPractice(in.UserID, qs, q.clock.Now())
	if err != nil {
		return nil, err
	}
	p.ID, p.Lang = q.newID(), in.Lang
	unlock := q.lockChat(in.UserID)
	defer unlock()
	if err := q.store.SavePractice(p); err != nil {
		return nil, err
	}
	intro := in.T(msgPracticeIntro, esc(q.catName(in.p, args.cat)), len(qs)) + q.fewer(in, msgQuizFewer, args, len(qs))
	return []Reply{Message(intro), q.questionReply(in, p)}, nil
}

// fewer says, on a line of its own, that the topic had fewer questions
// than asked for; it is "" when it had enough.
func (q *Quiz) fewer(in *Input, key string, args quizArgs, got int) string {
	if got >= args.count {
		return ""
	}
	return "\n\n" + esc(in.T(key, got, midSentence(q.catName(in.p, args.cat))))
}

// practiceLang returns the language p is asked in: the one it started
// in, so that a button press from a client of another language_code
// does not switch languages halfway.
func practiceLang(in *Input, p *quiz.Practice) (string, printer) {
	if p.Lang == "" || p.Lang == in.Lang {
		return in.Lang, in.p
	}
	return p.Lang, newPrinter(p.Lang)
}

// questionReply shows p's current question with its options as buttons,
// in p's language.
func (q *Quiz) questionReply(in *Input, p *quiz.Practice) Reply {
	lang, pr := practiceLang(in, p)
	i, qu, ok := p.Current()
	if !ok {
		return Message(esc(pr.T(msgPracticeDone, p.Score(), len(p.Questions))))
	}
	t := qu.In(lang)
	var rows [][]Button
	for k, o := range t.Options {
		if data, ok := NewCallback(cbQuizAnswer, p.ID, strconv.Itoa(i), strconv.Itoa(k)); ok {
			rows = append(rows, []Button{{Text: o, Data: data}})
		}
	}
	return Message(pr.T(msgPracticeQuestion, i+1, len(p.Questions), esc(t.Question)), rows...)
}

// cbAnswer takes a practice or homework answer from a button.
func (q *Quiz) cbAnswer(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	if len(cb.Args) != 3 {
		return nil, ErrBadCallback
	}
	i, err := cb.Int(1)
	if err != nil {
		return nil, err
	}
	opt, err := cb.Int(2)
	if err != nil {
		return nil, err
	}
	unlock := q.lockChat(in.UserID)
	defer unlock()
	p, found, err := q.store.LoadPractice(in.UserID)
	if err != nil {
		return nil, err
	}
	if !found || p.ID != cb.Args[0] {
		return nil, errStale
	}
	lang, pr := practiceLang(in, p)
	fb, err := p.Answer(i, opt, q.clock.Now())
	if errors.Is(err, quiz.ErrStale) {
		return []Reply{Answer(pr.T(msgPracticeAnswered))}, nil
	}
	if err != nil {
		return nil, errStale
	}
	if fb.Done {
		err = q.store.DeletePractice(in.UserID)
	} else {
		err = q.store.SavePractice(p)
	}
	if err != nil {
		return nil, err
	}
	if p.Homework != "" {
		if err := q.submit(ctx, in, p); err != nil {
			return nil, err
		}
	}
	t := fb.Question.In(lang)
	verdict, toast := pr.T(msgPracticeWrong, esc(t.Options[fb.Question.Correct])), pr.T(msgToastWrong)
	if fb.Correct {
		verdict, toast = pr.T(msgPracticeRight), pr.T(msgToastRight)
	}
	shown := pr.T(msgPracticeQuestion, i+1, len(p.Questions), esc(t.Question)) +
		"\n\n" + pr.T(msgPracticeChosen, esc(t.Options[opt])) + "\n" + verdict + "\n<i>" + esc(t.Explanation) + "</i>"
	replies := []Reply{Answer(toast), EditMessage(shown)}
	if fb.Done {
		done := pr.T(msgPracticeDone, fb.Score, fb.Total)
		if p.Homework != "" {
			done = pr.T(msgHomeworkDone, fb.Score, fb.Total, esc(p.Homework))
		}
		return append(replies, Message(done)), nil
	}
	return append(replies, q.questionReply(in, p)), nil
}

// submit saves a homework attempt's progress.
func (q *Quiz) submit(ctx context.Context, in *Input, p *quiz.Practice) error {
	h, found, err := q.store.LoadHomework(p.Homework)
	if err != nil || !found {
		return err
	}
	return q.store.SaveSubmission(h.Submission(q.player(ctx, in.ChatID, in.UserID, in.UserName), p))
}

func (q *Quiz) cmdHomework(ctx context.Context, in *Input) ([]Reply, error) {
	if !in.Private() {
		return []Reply{Message(esc(in.T(msgHomeworkPrivate, q.h.username)))}, nil
	}
	args, err := parseQuizArgs(in.Args)
	if err != nil {
		return []Reply{Message(q.usage(in, msgHomeworkUsage))}, nil
	}
	qs, err := q.draw(args.cat, args.count)
	if err != nil {
		return nil, err
	}
	var code string
	for range 5 { // a clash is a one-in-a-billion event; retry a few times
		if code, err = quiz.NewCode(q.codes); err != nil {
			return nil, err
		}
		if _, taken, err := q.store.LoadHomework(code); err != nil {
			return nil, err
		} else if !taken {
			break
		}
		code = ""
	}
	if code == "" {
		return nil, errors.New("no free homework code")
	}
	teacher := q.player(ctx, in.ChatID, in.UserID, in.UserName)
	h, err := quiz.NewHomework(code, teacher, args.cat, qs, q.clock.Now())
	if err != nil {
		return nil, err
	}
	if err := q.store.SaveHomework(h); err != nil {
		return nil, err
	}
	link := "https://t.me/" + q.h.username + "?start=hw_" + code
	return []Reply{Message(in.T(msgHomeworkSet, code, len(qs), esc(midSentence(q.catName(in.p, args.cat))), esc(link), code) + q.fewer(in, msgHomeworkFewer, args, len(qs)))}, nil
}

// homeworkPrefix starts the /start payload of a homework deep link.
const homeworkPrefix = "hw_"

// onStart starts homework from a deep link: /start hw_<code>.
func (q *Quiz) onStart(ctx context.Context, in *Input, payload string) ([]Reply, bool, error) {
	rest, ok := strings.CutPrefix(payload, homeworkPrefix)
	if !ok {
		return nil, false, nil
	}
	if !in.Private() {
		return []Reply{Message(esc(in.T(msgHomeworkPrivate, q.h.username)))}, true, nil
	}
	code, err := quiz.ParseCode(rest)
	if err != nil {
		return []Reply{Message(esc(in.T(msgHomeworkUnknown)))}, true, nil
	}
	h, found, err := q.store.LoadHomework(code)
	if err != nil {
		return nil, true, err
	}
	if !found {
		return []Reply{Message(esc(in.T(msgHomeworkUnknown)))}, true, nil
	}
	subs, err := q.store.Submissions(code)
	if err != nil {
		return nil, true, err
	}
	for _, s := range subs {
		if s.Student.ID == in.UserID && !s.Finished.IsZero() {
			return []Reply{Message(esc(in.T(msgHomeworkAgain, s.Score, s.Total)))}, true, nil
		}
	}
	unlock := q.lockChat(in.UserID)
	defer unlock()
	p := h.Start(in.UserID, q.clock.Now())
	p.ID, p.Lang = q.newID(), in.Lang
	if err := q.store.SavePractice(p); err != nil {
		return nil, true, err
	}
	if err := q.submit(ctx, in, p); err != nil {
		return nil, true, err
	}
	intro := in.T(msgHomeworkIntro, esc(code), esc(h.Teacher.Name), len(h.Questions))
	return []Reply{Message(intro), q.questionReply(in, p)}, true, nil
}

// homeworkResults shows the teacher every student's score.
func (q *Quiz) homeworkResults(ctx context.Context, in *Input, arg string) ([]Reply, error) {
	code, err := quiz.ParseCode(strings.TrimPrefix(arg, homeworkPrefix))
	if err != nil {
		return []Reply{Message(esc(in.T(msgHomeworkUnknown)))}, nil
	}
	h, found, err := q.store.LoadHomework(code)
	if err != nil {
		return nil, err
	}
	if !found {
		return []Reply{Message(esc(in.T(msgHomeworkUnknown)))}, nil
	}
	if h.Teacher.ID != in.UserID {
		return []Reply{Message(esc(in.T(msgHomeworkNotYours)))}, nil
	}
	subs, err := q.store.Submissions(code)
	if err != nil {
		return nil, err
	}
	r := quiz.NewReport(h, subs)
	var b strings.Builder
	b.WriteString(in.T(msgHomeworkReport, esc(code), len(h.Questions), r.Finished, len(r.Rows)))
	if len(r.Rows) == 0 {
		b.WriteString("\n" + esc(in.T(msgHomeworkNoOne)))
	}
	for i, s := range r.Rows {
		row := msgHomeworkRowDone
		if s.Finished.IsZero() {
			row = msgHomeworkRowOpen
		}
		b.WriteString("\n" + in.T(row, i+1, esc(s.Student.Name), s.Score, s.Total))
	}
	if r.Finished > 0 {
		b.WriteString("\n\n" + in.T(msgHomeworkAverage, fmt.Sprintf("%.1f", r.Average), len(h.Questions)))
	}
	return []Reply{Message(b.String())}, nil
}

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
