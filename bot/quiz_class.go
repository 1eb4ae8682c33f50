package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/quiz"
)

func (q *Quiz) cmdQuiz(ctx context.Context, in *Input) ([]Reply, error) {
	args, err := q.args(ctx, in)
	if errors.Is(err, errQuizArgs) || err == nil && args.due != "" {
		return []Reply{Message(q.usage(in, msgQuizUsage))}, nil
	}
	if err != nil {
		return nil, err
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
	qs, err := q.questions(args)
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
	c.Scoring, c.NoStreak = quiz.ScoreSpeed, args.noStreak
	scoring := msgQuizScoring
	switch {
	case args.simple:
		c.Scoring, c.NoStreak, scoring = quiz.ScoreRight, false, msgQuizScoringSimple
	case args.noStreak:
		scoring = msgQuizScoringFlat
	}
	if err := q.store.SaveClass(c); err != nil {
		return nil, err
	}
	intro := in.T(msgQuizIntro, esc(q.topicName(in.p, args)), len(qs), args.seconds, esc(starter.Name)) +
		"\n" + esc(in.T(scoring)) + q.fewer(in, msgQuizFewer, args, len(qs))
	if _, err := tr.Push(ctx, in.ChatID, Message(intro)); err != nil {
		q.h.log.WarnContext(ctx, "quiz intro not sent", "chat", in.ChatID, "err", err)
	}
	return nil, q.askOrFinish(ctx, tr, c)
}

// args reads the arguments of /quiz and /homework: one of the user's
// own question sets, or a topic named by its name or in everyday words
// of any language ("сауда", "торговля", "oil"), which also tells its
// language. errQuizArgs means arguments that do not parse.
func (q *Quiz) args(ctx context.Context, in *Input) (quizArgs, error) {
	// The teacher's own set goes first: a set named "Khorgos trip" is
	// theirs, not the topic the words also call to mind.
	if args, err := q.setArgs(in); !errors.Is(err, errQuizArgs) {
		return args, err
	}
	args, err := parseQuizArgs(in.Args)
	if t, terr := q.topicArgs(ctx, in); err != nil || terr == nil {
		args, err = t, terr
	}
	return args, err
}

// questions draws the questions args ask for, from the topic or the set.
func (q *Quiz) questions(args quizArgs) ([]quiz.Question, error) {
	if args.set == nil {
		return q.draw(args.cat, args.count)
	}
	q.rngMu.Lock()
	defer q.rngMu.Unlock()
	return args.set.Draw(args.count, q.rng), nil
}

// topicName names what a quiz asks about: its topic, or the set's name.
func (q *Quiz) topicName(p printer, args quizArgs) string {
	if args.set != nil {
		return "«" + args.set.Name + "»"
	}
	return q.catName(p, args.cat)
}

func (q *Quiz) catName(p printer, c knowledge.Category) string {
	if c == "" {
		return p.T(msgQuizAllTopics)
	}
	return p.T(categoryKey(string(c)))
}

// askOrFinish asks c's next question, or ends c when none is left. The
// chat's lock must be held.
func (q *Quiz) askOrFinish(ctx context.Context, tr Pusher, c *quiz.Class) error {
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
func (q *Quiz) sendQuestion(ctx context.Context, tr Pusher, c *quiz.Class) error {
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
	sent, err := tr.Push(ctx, c.ChatID, QuizPoll(poll))
	if err != nil {
		return fmt.Errorf("send question %d: %w", i+1, err)
	}
	c.SetRef(i, sent.PollID, sent.MessageID)
	return q.store.SaveClass(c)
}

// advance closes c's open question, reports how it went, and asks the
// next or ends the quiz. early means closed before its time, by /next.
// The chat's lock must be held.
func (q *Quiz) advance(ctx context.Context, tr Pusher, c *quiz.Class, early bool) error {
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
		if _, err := tr.Push(ctx, c.ChatID, ClosePoll(c.Rounds[i].MessageID)); err != nil {
			q.h.log.DebugContext(ctx, "stopPoll", "chat", c.ChatID, "err", err)
		}
	}
	p := newPrinter(c.Lang)
	t := st.Question.In(c.Lang)
	msg := p.T(msgQuizRoundStat, st.Correct, st.Answered, esc(t.Options[st.Question.Correct]))
	if top := q.topAfter(p, c, i); top != "" {
		msg += "\n\n" + top
	}
	if _, err := tr.Push(ctx, c.ChatID, Message(msg)); err != nil {
		q.h.log.WarnContext(ctx, "quiz round stat not sent", "chat", c.ChatID, "err", err)
	}
	return q.askOrFinish(ctx, tr, c)
}

// finish ends c, moves it to the chat's last results and sends the
// leaderboard. The chat's lock must be held.
func (q *Quiz) finish(ctx context.Context, tr Pusher, c *quiz.Class, stopped bool) error {
	c.Finish(q.clock.Now(), stopped)
	if err := q.store.FinishClass(c); err != nil {
		return err
	}
	q.untrack(c)
	// The class's review decks are filed in one write before the results
	// go out, so that a student's /review after them finds the quiz.
	q.rememberClass(ctx, c)
	p := newPrinter(c.Lang)
	if _, err := tr.Push(ctx, c.ChatID, Message(q.results(p, c))); err != nil {
		return err
	}
	// The podium and the questions' chart follow the results; a picture
	// that does not go out is a loss to the eye only, not to the record.
	if len(c.Leaderboard()) > 0 {
		for _, pic := range []struct {
			p   *Picture
			key string
		}{{podiumPicture(p, c), msgPicPodium}, {roundsPicture(p, c), msgPicRounds}} {
			if _, err := tr.Push(ctx, c.ChatID, Photo(pic.p, esc(p.T(pic.key)))); err != nil {
				q.h.log.WarnContext(ctx, "a quiz picture was not sent", "chat", c.ChatID, "err", err)
			}
		}
	}
	return nil
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
	speed := c.Scoring == quiz.ScoreSpeed
	best := lb[0]
	var right, answered int
	var took time.Duration
	for _, s := range lb {
		place := strconv.Itoa(s.Rank) + "."
		if s.Rank <= len(medals) {
			place = medals[s.Rank-1]
		}
		if speed {
			avg := p.p.Sprintf("%.1f", s.AvgTime().Seconds())
			b.WriteString("\n" + p.T(msgQuizRankPoints, place, esc(s.Player.Name), s.Score, len(c.Rounds), s.Points, avg))
		} else {
			b.WriteString("\n" + p.T(msgQuizRank, place, esc(s.Player.Name), s.Score, len(c.Rounds)))
		}
		if s.LongestStreak >= 2 {
			b.WriteString(" " + p.T(msgQuizRowStreak, s.LongestStreak))
		}
		if s.LongestStreak > best.LongestStreak {
			best = s
		}
		right, answered, took = right+s.Score, answered+s.Answered, took+s.Time
	}
	if speed && answered > 0 {
		if best.LongestStreak >= 2 {
			b.WriteString("\n\n" + p.T(msgQuizStreak, esc(best.Player.Name), best.LongestStreak))
		}
		sep := "\n"
		if best.LongestStreak < 2 {
			sep = "\n\n"
		}
		avg := p.p.Sprintf("%.1f", (took / time.Duration(answered)).Seconds())
		b.WriteString(sep + p.T(msgQuizAccuracy, 100*right/answered, avg))
	}
	if hard := c.Hardest(3); len(hard) > 0 {
		b.WriteString("\n\n" + p.T(msgQuizHardest))
		for _, st := range hard {
			b.WriteString("\n" + p.T(msgQuizHardRow, esc(st.Question.In(c.Lang).Question), st.Correct, st.Answered))
			// The fact it tests, for going over it in class.
			if ids := st.Question.FactIDs; len(ids) > 0 {
				if f, ok := q.h.base().Fact(ids[0]); ok {
					b.WriteString("\n   " + p.T(msgQuizHardFact, esc(f.TitleIn(c.Lang))))
				}
			}
		}
	}
	b.WriteString("\n\n" + esc(p.T(msgQuizCSVHint)))
	return b.String()
}

// topShown is how many players the standings after a question show.
const topShown = 5

// topAfter is the top of the standings once question i has closed, with
// how each place changed since the question before (HTML): ▲ up, ▼
// down, 🆕 for a first answer. It is "" when nobody has answered yet and
// for a quiz of one question, whose results follow at once.
func (q *Quiz) topAfter(p printer, c *quiz.Class, i int) string {
	now := c.Leaderboard()
	if len(now) == 0 || len(c.Questions) < 2 {
		return ""
	}
	before := map[int64]int{}
	if i > 0 {
		prev := c.Clone()
		prev.Rounds = prev.Rounds[:i]
		for _, s := range prev.Leaderboard() {
			if s.Answered > 0 {
				before[s.Player.ID] = s.Rank
			}
		}
	}
	var b strings.Builder
	b.WriteString(p.T(msgQuizTop))
	for _, s := range now[:min(len(now), topShown)] {
		move := ""
		switch was, ok := before[s.Player.ID]; {
		case i > 0 && !ok:
			move = " 🆕"
		case ok && was > s.Rank:
			move = " ▲" + strconv.Itoa(was-s.Rank)
		case ok && was < s.Rank:
			move = " ▼" + strconv.Itoa(s.Rank-was)
		}
		score := s.Points
		key := msgQuizTopRow
		if c.Scoring != quiz.ScoreSpeed {
			score, key = s.Score, msgQuizTopRowSimple
		}
		b.WriteString("\n" + p.T(key, s.Rank, esc(s.Player.Name), score) + move)
	}
	return b.String()
}

// controlled loads the chat's running quiz and checks that the sender
// may control it: the starter or a chat administrator. It returns the
// reply to send instead when there is no quiz or the sender may not.
func (q *Quiz) controlled(ctx context.Context, tr Pusher, in *Input) (*quiz.Class, []Reply, error) {
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
	return q.control(ctx, in, false, func(tr Pusher, c *quiz.Class) error { return q.advance(ctx, tr, c, true) })
}

func (q *Quiz) cmdStop(ctx context.Context, in *Input) ([]Reply, error) {
	return q.control(ctx, in, true, func(tr Pusher, c *quiz.Class) error { return q.finish(ctx, tr, c, true) })
}

func (q *Quiz) control(ctx context.Context, in *Input, stop bool, do func(Pusher, *quiz.Class) error) ([]Reply, error) {
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
	caption := esc(in.T(msgResultsCaption, len(c.Players), len(c.Rounds)))
	return []Reply{File(name, []byte(csv.String()), caption)}, nil
}

// --- practice and homework ---
