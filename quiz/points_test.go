package quiz

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestPoints(t *testing.T) {
	for _, tt := range []struct {
		elapsed    time.Duration
		streak     int
		withStreak bool
		want       int
	}{
		{0, 1, true, 1000},
		{sec(15), 1, true, 750},        // half the time: 1 − 0.5/2
		{sec(30), 1, true, 500},        // at the deadline
		{sec(40), 1, true, 500},        // a late clock counts as the deadline
		{sec(6), 1, true, 900},         // 1 − 0.2/2
		{0, 2, true, 1100},             // the second right answer in a row
		{0, 6, true, 1500},             // the bonus stops at +500
		{0, 9, true, 1500},             //
		{sec(15), 4, false, 750},       // streaks off
		{sec(10), 3, true, 833 + 200},  // round(833.33)
		{sec(20), 3, true, 667 + 200},  // round(666.67)
		{-sec(1), 1, true, MaxPoints},  // before the opening (clock skew)
		{sec(29.99), 1, true, 500 + 0}, // round(500.17)
	} {
		if got := Points(tt.elapsed, sec(30), tt.streak, tt.withStreak); got != tt.want {
			t.Errorf("Points(%v of 30s, streak %d, %v) = %d, want %d", tt.elapsed, tt.streak, tt.withStreak, got, tt.want)
		}
	}
}

// speedClass runs three 30-second questions (right options 0, 1, 2):
// Alice right fast, right fast, right fast; Bob right slow, wrong, right
// at once; Carol misses the first, then right, right.
func speedClass(t *testing.T, noStreak bool) *Class {
	t.Helper()
	c, err := NewClass(-5, Player{ID: 100, Name: "Teacher"}, "", threeQuestions(), sec(30), t0)
	if err != nil {
		t.Fatal(err)
	}
	c.Scoring, c.NoStreak = ScoreSpeed, noStreak
	answers := [][]struct {
		p   Player
		opt int
		at  float64
	}{
		{{alice, 0, 3}, {bob, 0, 24}},
		{{alice, 1, 3}, {bob, 0, 1}, {carol, 1, 15}},
		{{alice, 2, 3}, {bob, 2, 0}, {carol, 2, 6}},
	}
	for i, round := range answers {
		base := sec(float64(30 * i))
		if _, _, err := c.Ask(t0.Add(base)); err != nil {
			t.Fatal(err)
		}
		for _, a := range round {
			if _, err := c.Record(i, a.p, a.opt, t0.Add(base+sec(a.at))); err != nil {
				t.Fatal(err)
			}
		}
		c.Close(t0.Add(base + sec(30)))
	}
	c.Finish(t0.Add(sec(90)), false)
	return c
}

func TestLeaderboardSpeedAndStreaks(t *testing.T) {
	board := func(c *Class) string {
		var b strings.Builder
		for _, s := range c.Leaderboard() {
			fmt.Fprintf(&b, "%d %s %d right %d points streak %d avg %v; ", s.Rank, s.Player.Name, s.Score, s.Points, s.LongestStreak, s.AvgTime())
		}
		return b.String()
	}
	// Alice: 950 + 1050 + 1150. Carol: nothing, 750, 900 + 100.
	// Bob: 600, wrong (the streak breaks), 1000.
	want := "1 Alice 3 right 3150 points streak 3 avg 3s; 2 Carol 2 right 1750 points streak 2 avg 10.5s; 3 Bob 2 right 1600 points streak 1 avg 8.333333333s; "
	if got := board(speedClass(t, false)); got != want {
		t.Errorf("with streaks:\n got %s\nwant %s", got, want)
	}
	noStreak := board(speedClass(t, true))
	if !strings.HasPrefix(noStreak, "1 Alice 3 right 2850 points") || !strings.Contains(noStreak, "2 Carol 2 right 1650 points") || !strings.Contains(noStreak, "3 Bob 2 right 1600 points") {
		t.Errorf("without streaks: %s", noStreak)
	}
	var csv bytes.Buffer
	if err := speedClass(t, false).WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	if head, _, _ := strings.Cut(csv.String(), "\n"); head != "rank,name,username,q1,q2,q3,score,time_seconds,accuracy_percent,avg_seconds,points,longest_streak" {
		t.Errorf("CSV head = %q", head)
	}
	if !strings.Contains(csv.String(), "1,Alice,alice,right,right,right,3,9.0,100,3.0,3150,3") {
		t.Errorf("CSV lacks Alice's row with points and streak:\n%s", csv.String())
	}
}

// TestStreakWaitsForTheOpenQuestion: not having answered the question
// still open does not break a streak yet.
func TestStreakWaitsForTheOpenQuestion(t *testing.T) {
	c, _ := NewClass(-5, Player{ID: 100}, "", threeQuestions(), sec(30), t0)
	c.Scoring = ScoreSpeed
	c.Ask(t0)
	c.Record(0, alice, 0, t0)
	c.Close(t0.Add(sec(30)))
	c.Ask(t0.Add(sec(30)))
	c.Record(1, alice, 1, t0.Add(sec(30)))
	c.Close(t0.Add(sec(60)))
	c.Ask(t0.Add(sec(60))) // open, Alice has not answered yet
	if lb := c.Leaderboard(); len(lb) != 1 || lb[0].LongestStreak != 2 || lb[0].Points != 2100 {
		t.Errorf("Leaderboard = %+v, want a streak of 2 and 2100 points", lb)
	}
}
