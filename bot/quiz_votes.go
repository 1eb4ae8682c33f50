package bot

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/silkroad-bot/silkroad/quiz"
)

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
