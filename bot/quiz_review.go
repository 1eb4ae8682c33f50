package bot

import (
	"context"
	"strings"
	"time"

	"github.com/silkroad-bot/silkroad/quiz"
)

// reviewSize is how many due questions one /review asks.
const reviewSize = 10

// remember files answers in students' review decks: by student, each
// question and whether the answer was right. The decks are saved in one
// write. A failure only loses the review, not the answers, and is
// logged.
func (q *Quiz) remember(ctx context.Context, answers map[int64]map[*quiz.Question]bool) {
	now := q.clock.Now()
	var decks []*quiz.Deck
	for id, as := range answers {
		d, found, err := q.store.LoadDeck(id)
		if err != nil {
			q.h.log.WarnContext(ctx, "review deck not read", "user", id, "err", err)
			continue
		}
		if !found {
			d = quiz.NewDeck(id)
		}
		for qu, right := range as {
			d.Record(qu, right, now)
		}
		decks = append(decks, d)
	}
	if len(decks) == 0 {
		return
	}
	if err := q.store.SaveDecks(decks...); err != nil {
		q.h.log.WarnContext(ctx, "review decks not saved", "students", len(decks), "err", err)
	}
}

// rememberClass files every answer of a finished class quiz in its
// players' decks.
func (q *Quiz) rememberClass(ctx context.Context, c *quiz.Class) {
	byPlayer := map[int64]map[*quiz.Question]bool{}
	for i, r := range c.Rounds {
		for _, a := range r.Answers {
			if byPlayer[a.Player] == nil {
				byPlayer[a.Player] = map[*quiz.Question]bool{}
			}
			byPlayer[a.Player][&c.Questions[i]] = a.Correct
		}
	}
	q.remember(ctx, byPlayer)
}

// cmdReview starts a practice of the student's due questions, what they
// got wrong first.
func (q *Quiz) cmdReview(ctx context.Context, in *Input) ([]Reply, error) {
	d, refusal, err := q.deck(in)
	if d == nil {
		return refusal, err
	}
	now := q.clock.Now()
	var qs []quiz.Question
	for _, id := range d.Due(now, reviewSize) {
		if qu, ok := q.bank.Load().Question(id); ok {
			qs = append(qs, *qu)
		}
	}
	if len(qs) == 0 {
		next, _ := d.NextDue(now)
		return []Reply{Message(esc(in.T(msgReviewNothing, q.dateIn(in, next))))}, nil
	}
	p, err := q.beginPractice(in, qs)
	if err != nil {
		return nil, err
	}
	return []Reply{Message(in.T(msgReviewIntro, len(qs))), q.questionReply(in, p)}, nil
}

// deck loads the student's review deck for /review and /progress; when
// there is none to show (asked in a group, or nothing answered yet) it
// returns the reply to send instead.
func (q *Quiz) deck(in *Input) (*quiz.Deck, []Reply, error) {
	if !in.Private() {
		return nil, []Reply{Message(esc(in.T(msgReviewPrivate, q.h.username)))}, nil
	}
	d, found, err := q.store.LoadDeck(in.UserID)
	if err != nil {
		return nil, nil, err
	}
	if !found || len(d.Cards) == 0 {
		return nil, []Reply{Message(esc(in.T(msgReviewEmpty)))}, nil
	}
	return d, nil, nil
}

// cmdProgress shows the student's record per topic and what is due.
func (q *Quiz) cmdProgress(ctx context.Context, in *Input) ([]Reply, error) {
	d, refusal, err := q.deck(in)
	if d == nil {
		return refusal, err
	}
	now := q.clock.Now()
	var b strings.Builder
	b.WriteString(in.T(msgProgressHead))
	due := 0
	for _, t := range d.Progress(now) {
		pct := 100 * t.Right / max(t.Right+t.Wrong, 1)
		b.WriteString("\n" + in.T(msgProgressRow, esc(q.catName(in.p, t.Category)), t.Right, t.Right+t.Wrong, pct))
		due += t.Due
	}
	b.WriteString("\n\n")
	if due > 0 {
		b.WriteString(in.T(msgProgressDue, due))
	} else if next, ok := d.NextDue(now); ok {
		b.WriteString(esc(in.T(msgReviewNothing, q.dateIn(in, next))))
	}
	replies := []Reply{Message(b.String())}
	if len(d.Progress(now)) > 0 {
		replies = append(replies, Photo(q.progressPicture(in, d), esc(in.T(msgPicProgress))))
	}
	return replies, nil
}

// dateIn writes day t in the input's language, as the timeline does.
func (q *Quiz) dateIn(in *Input, t time.Time) string {
	return formatDate(in.p, t.Format("2006-01-02"))
}
