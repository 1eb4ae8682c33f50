package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/silkroad-bot/silkroad/quiz"
)

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
func (q *Quiz) adopt(ctx context.Context, tr Pusher) {
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
	q.sched.Keep(func(chat int64) bool { return running[chat] })
}

// transport returns the transport Run was given, or nil before Run.
func (q *Quiz) transport() Pusher {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.tr
}

// transportWait is how long a group command waits for Run to start, for
// updates that arrive while the bot is starting.
const transportWait = 3 * time.Second

// waitTransport returns the transport, waiting a little for Run to
// start; nil means there is none (the console) or ctx ended.
func (q *Quiz) waitTransport(ctx context.Context) Pusher {
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
	q.mu.Unlock()
	if d, ok := c.Deadline(); ok {
		q.sched.Set(c.ChatID, d)
	} else {
		q.sched.Clear(c.ChatID)
	}
}

// untrack forgets a finished quiz.
func (q *Quiz) untrack(c *quiz.Class) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, r := range c.Rounds {
		delete(q.polls, r.Ref)
	}
	q.sched.Clear(c.ChatID)
}

// advanceChat moves on the quiz in chatID if its question's time is up.
func (q *Quiz) advanceChat(ctx context.Context, tr Pusher, chatID int64) error {
	unlock := q.lockChat(chatID)
	defer unlock()
	c, found, err := q.store.LoadClass(chatID)
	if err != nil || !found {
		q.sched.Clear(chatID)
		return err
	}
	if !c.Due(q.clock.Now()) {
		q.track(c)
		return nil
	}
	return q.advance(ctx, tr, c, false)
}

// resume picks up the running class quizzes after a restart.
func (q *Quiz) resume(ctx context.Context, tr Pusher) error {
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
func (q *Quiz) pickUp(ctx context.Context, tr Pusher, c *quiz.Class) error {
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
