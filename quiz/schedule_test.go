package quiz

import (
	"context"
	"sync"
	"testing"
	"time"
)

// stepClock is a clock whose time moves only when the test says so.
type stepClock struct {
	mu      sync.Mutex
	now     time.Time
	waiting []stepTimer
	asked   chan struct{} // gets a value each time After is called
}

type stepTimer struct {
	at time.Time
	c  chan time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *stepClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer func() { c.mu.Unlock(); c.asked <- struct{}{} }()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiting = append(c.waiting, stepTimer{c.now.Add(d), ch})
	return ch
}

func (c *stepClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiting[:0]
	for _, t := range c.waiting {
		if !t.at.After(c.now) {
			t.c <- c.now
			continue
		}
		kept = append(kept, t)
	}
	c.waiting = kept
}

// TestScheduleCallsDueChatsInOrder: chats come due by the clock, the
// earliest first and those due together in chat order; a cleared
// deadline and one Keep drops never come.
func TestScheduleCallsDueChatsInOrder(t *testing.T) {
	start := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	clk := &stepClock{now: start, asked: make(chan struct{}, 100)}
	s := NewSchedule(clk)
	s.Set(30, start.Add(20*time.Second))
	s.Set(20, start.Add(20*time.Second))
	s.Set(10, start.Add(10*time.Second))
	s.Set(40, start.Add(15*time.Second))
	s.Set(50, start.Add(5*time.Second))
	s.Clear(40)
	s.Keep(func(chat int64) bool { return chat != 50 })

	got := make(chan int64, 10)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Run(ctx, nil, nil, func(_ context.Context, chat int64) {
			s.Clear(chat) // as a quiz does once it moves on
			got <- chat
		})
	}()
	<-clk.asked // Run waits for the first deadline
	select {
	case c := <-got:
		t.Fatalf("chat %d came due before its time", c)
	default:
	}
	clk.advance(10 * time.Second)
	if c := <-got; c != 10 {
		t.Fatalf("first due chat = %d, want 10", c)
	}
	<-clk.asked
	clk.advance(10 * time.Second)
	if a, b := <-got, <-got; a != 20 || b != 30 {
		t.Fatalf("chats due together came as %d, %d; want 20, 30", a, b)
	}
	cancel()
	<-done
	if _, ok := s.Next(); ok {
		t.Errorf("deadlines left after every chat moved on")
	}
}
