package quiz

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/silkroad-bot/silkroad/internal/clock"
)

// Schedule keeps when each running class quiz's open question closes,
// and calls back as each time comes, by its clock: a fake one in tests,
// which move it on instead of sleeping.
type Schedule struct {
	clock clock.Clock

	mu        sync.Mutex // guards deadlines
	deadlines map[int64]time.Time
	wake      chan struct{} // nudges Run when deadlines change
}

// NewSchedule returns an empty schedule on c (nil means the system
// clock).
func NewSchedule(c clock.Clock) *Schedule {
	if c == nil {
		c = clock.System{}
	}
	return &Schedule{clock: c, deadlines: map[int64]time.Time{}, wake: make(chan struct{}, 1)}
}

// Set says that the quiz in chatID is due at at.
func (s *Schedule) Set(chatID int64, at time.Time) {
	s.mu.Lock()
	s.deadlines[chatID] = at
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Clear forgets chatID's deadline.
func (s *Schedule) Clear(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.deadlines, chatID)
}

// Keep forgets the deadlines of every chat keep says no to.
func (s *Schedule) Keep(keep func(chatID int64) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for chat := range s.deadlines {
		if !keep(chat) {
			delete(s.deadlines, chat)
		}
	}
}

// Next returns the earliest deadline, if there is one.
func (s *Schedule) Next() (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var next time.Time
	for _, d := range s.deadlines {
		if next.IsZero() || d.Before(next) {
			next = d
		}
	}
	return next, !next.IsZero()
}

// Due returns the chats whose deadline has come, in order.
func (s *Schedule) Due() []int64 {
	now := s.clock.Now()
	s.mu.Lock()
	var due []int64
	for chat, d := range s.deadlines {
		if !now.Before(d) {
			due = append(due, chat)
		}
	}
	s.mu.Unlock()
	slices.Sort(due)
	return due
}

// Run calls due for each chat whose deadline has come, until ctx is
// done. On every tick of scan (nil for none) it first calls tick, for a
// caller that looks for work of its own then (replicas adopting quizzes
// whose process died). Both are called from Run's goroutine alone, one
// call at a time.
func (s *Schedule) Run(ctx context.Context, scan <-chan time.Time, tick func(ctx context.Context), due func(ctx context.Context, chatID int64)) {
	for {
		var fire <-chan time.Time
		if next, ok := s.Next(); ok {
			fire = s.clock.After(next.Sub(s.clock.Now()))
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-fire:
		case <-scan:
			tick(ctx)
		}
		for _, chat := range s.Due() {
			due(ctx, chat)
		}
	}
}
