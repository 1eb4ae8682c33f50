package bot

import (
	"context"
	"time"
)

// Clock is the source of time of the quizzes, the Sender's rate limits
// and its waits between attempts. Tests pass a fake one and move it on
// explicitly instead of sleeping.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives once d has passed; at once
	// when d <= 0.
	After(d time.Duration) <-chan time.Time
}

type systemClock struct{}

func (systemClock) Now() time.Time                         { return time.Now() }
func (systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// sleep waits for d by clock, or until ctx is done, and reports whether
// d passed.
func sleep(ctx context.Context, clock Clock, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-clock.After(d):
		return true
	}
}
