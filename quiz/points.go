package quiz

import (
	"math"
	"time"
)

// Scoring says how a class quiz gives points.
type Scoring string

const (
	// ScoreRight gives a point for each right answer; answer time only
	// breaks ties. It is the zero value: quizzes saved before speed
	// points keep it.
	ScoreRight Scoring = ""
	// ScoreSpeed gives points as Kahoot! does: a right answer earns
	// round((1 − t/T/2) × 1000), from 1,000 at once down to 500 at the
	// deadline T, and each right answer in a row after the first adds
	// StreakStep more, up to StreakMax (unless the class has NoStreak).
	ScoreSpeed Scoring = "speed"
)

// The points of ScoreSpeed.
const (
	MaxPoints  = 1000
	StreakStep = 100
	StreakMax  = 500
)

// Points is what a right answer given after elapsed earns with ScoreSpeed
// in a question open for period, streak being how many right answers in
// a row it makes (1 for the first). A wrong answer earns nothing.
func Points(elapsed, period time.Duration, streak int, withStreak bool) int {
	frac := 0.0
	if period > 0 {
		frac = math.Min(math.Max(float64(elapsed)/float64(period), 0), 1)
	}
	p := int(math.Round((1 - frac/2) * MaxPoints))
	if withStreak && streak > 1 {
		p += min(StreakStep*(streak-1), StreakMax)
	}
	return p
}

// tally adds up each player's right answers, answer time, points and
// streaks over the asked questions, in order: a wrong answer or none
// breaks a streak.
func (c *Class) tally(byID map[int64]*Standing) {
	streak := make(map[int64]int, len(byID))
	for _, r := range c.Rounds {
		answered := make(map[int64]Answer, len(r.Answers))
		for _, a := range r.Answers {
			answered[a.Player] = a
		}
		for id, s := range byID {
			a, ok := answered[id]
			if !ok {
				// Not answering breaks a streak once the question is over.
				if r.Closed || c.Done() {
					streak[id] = 0
				}
				continue
			}
			if !a.Correct {
				s.Answered++
				s.Time += a.Elapsed
				streak[id] = 0
				continue
			}
			s.Answered++
			s.Time += a.Elapsed
			s.Score++
			streak[id]++
			s.LongestStreak = max(s.LongestStreak, streak[id])
			if c.Scoring == ScoreSpeed {
				s.Points += Points(a.Elapsed, c.Period, streak[id], !c.NoStreak)
			}
		}
	}
}
