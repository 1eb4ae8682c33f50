// Package clock is the source of time that silkroad's timed parts take
// from outside: the quizzes' deadlines, the Telegram sender's rate limits
// and its waits between attempts. Tests pass a fake one and move it on
// explicitly instead of sleeping.
package clock

import (
	"context"
	"time"
)

// Clock tells the time and waits.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives once d has passed; at once
	// when d <= 0.
	After(d time.Duration) <-chan time.Time
}

// System is the real clock.
type System struct{}

func (System) Now() time.Time                         { return time.Now() }
func (System) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Sleep waits for d by c, or until ctx is done, and reports whether d
// passed.
func Sleep(ctx context.Context, c Clock, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-c.After(d):
		return true
	}
}
