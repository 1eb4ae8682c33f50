package bot

import (
	"context"
	"time"

	"github.com/silkroad-bot/silkroad/internal/clock"
	"github.com/silkroad-bot/silkroad/quiz"
)

// remindEvery is how often Run looks for homework due within
// quiz.RemindBefore, to remind the students who started it but have not
// finished.
const remindEvery = 10 * time.Minute

// remindLoop sends homework reminders until ctx is done.
func (q *Quiz) remindLoop(ctx context.Context, tr Pusher) {
	for {
		q.remindDue(ctx, tr)
		if !clock.Sleep(ctx, q.clock, remindEvery) {
			return
		}
	}
}

// remindDue reminds, once per homework, every student whose attempt is
// open, when its due date is less than quiz.RemindBefore away. The
// store's claim makes it once across replicas too; a homework whose due
// date passed while the bot was down gets no reminder any more.
func (q *Quiz) remindDue(ctx context.Context, tr Pusher) {
	now := q.clock.Now()
	due, err := q.store.HomeworkDue(now.Add(quiz.RemindBefore))
	if err != nil {
		q.h.log.WarnContext(ctx, "looking for homework to remind of failed", "err", err)
		return
	}
	for _, h := range due {
		if now.Before(remindAt(h)) {
			continue
		}
		claimed, err := q.store.ClaimReminder(h.Code)
		if err != nil {
			q.h.log.WarnContext(ctx, "claiming a homework reminder failed", "code", h.Code, "err", err)
			continue
		}
		if !claimed || h.Overdue(now) {
			continue
		}
		subs, err := q.store.Submissions(h.Code)
		if err != nil {
			q.h.log.WarnContext(ctx, "homework reminder: submissions not read", "code", h.Code, "err", err)
			continue
		}
		sent := 0
		for _, s := range subs {
			if !s.Open() {
				continue
			}
			p := newPrinter(s.Lang)
			text := p.T(msgHomeworkReminder, esc(h.Code), esc(h.Teacher.Name), esc(dueText(s.Lang, h.Due)), len(s.Answers), s.Total) +
				"\n" + esc(q.homeworkLink(h.Code))
			if _, err := tr.Push(ctx, s.Student.ID, Message(text)); err != nil {
				q.h.log.WarnContext(ctx, "homework reminder not sent", "code", h.Code, "student", s.Student.ID, "err", err)
				continue
			}
			sent++
		}
		q.h.log.InfoContext(ctx, "homework reminders sent", "code", h.Code, "students", sent)
	}
}

// remindAt is when homework's reminder is due: quiz.RemindBefore before
// its due date, or halfway to it for homework set less than that ahead,
// so that nobody is reminded minutes after it was set.
func remindAt(h *quiz.Homework) time.Time {
	at := h.Due.Add(-quiz.RemindBefore)
	if half := h.Created.Add(h.Due.Sub(h.Created) / 2); half.After(at) {
		return half
	}
	return at
}
