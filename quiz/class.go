package quiz

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// Player is someone who takes a quiz: a student, or the teacher who
// started it.
type Player struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Username string `json:"username,omitempty"`
}

// Answer is one player's answer to one question of a class quiz.
type Answer struct {
	Player  int64         `json:"player"`
	Option  int           `json:"option"`
	Correct bool          `json:"correct"`
	Elapsed time.Duration `json:"elapsed"` // from the question's opening to the answer
}

// Round is one asked question of a class quiz and its answers.
type Round struct {
	// Ref is the transport's name for the asked question, such as a
	// Telegram poll id, so that incoming answers can find their round.
	Ref string `json:"ref,omitempty"`
	// MessageID is the transport's id of the message that carries it.
	MessageID int       `json:"message_id,omitempty"`
	Opened    time.Time `json:"opened"`
	Deadline  time.Time `json:"deadline"`
	Closed    bool      `json:"closed"`
	Answers   []Answer  `json:"answers"`
}

// Class is a timed quiz for a group: the teacher starts it, questions
// are asked one at a time, and every member may answer each question once
// before it closes. Class is a plain state machine: the caller passes in
// the time of every event, and saves the whole value (it marshals to
// JSON) after every change so that a restart loses nothing.
//
// A Class is not safe for concurrent use.
type Class struct {
	ChatID    int64              `json:"chat_id"`
	Starter   Player             `json:"starter"`
	Category  knowledge.Category `json:"category,omitempty"` // empty for all categories
	Lang      string             `json:"lang,omitempty"`     // the language the quiz is asked in
	Period    time.Duration      `json:"period"`             // how long each question stays open
	Questions []Question         `json:"questions"`
	// Rounds has one entry per question asked so far, in order; the last
	// is the current one. len(Rounds) <= len(Questions).
	Rounds []Round `json:"rounds"`
	// Players lists everyone who answered, in the order they first did.
	Players []Player  `json:"players"`
	Started time.Time `json:"started"`
	Ended   time.Time `json:"ended,omitzero"` // zero while the quiz runs
	Stopped bool      `json:"stopped,omitempty"`
	// Scoring is how answers earn points; NoStreak turns ScoreSpeed's
	// streak bonus off.
	Scoring  Scoring `json:"scoring,omitempty"`
	NoStreak bool    `json:"no_streak,omitempty"`
}

// Clone returns a copy of c that shares nothing c's methods change:
// its rounds, answers and players are copied; its questions, which never
// change once the quiz is made, are shared.
func (c *Class) Clone() *Class {
	d := *c
	d.Rounds = slices.Clone(c.Rounds)
	for i := range d.Rounds {
		d.Rounds[i].Answers = slices.Clone(c.Rounds[i].Answers)
	}
	d.Players = slices.Clone(c.Players)
	return &d
}

// Errors from recording answers and moving through a class quiz.
var (
	ErrEnded      = errors.New("the quiz has ended")
	ErrNotAsked   = errors.New("no such question has been asked")
	ErrLate       = errors.New("the question is closed")
	ErrAnswered   = errors.New("already answered")
	ErrBadOption  = errors.New("no such option")
	ErrStillOpen  = errors.New("the current question is still open")
	ErrNoMore     = errors.New("no questions left")
	ErrNoQuestion = errors.New("a quiz needs at least one question")
)

// NewClass starts a class quiz in chat with the given questions. No
// question is asked yet: call Ask.
func NewClass(chatID int64, starter Player, cat knowledge.Category, qs []Question, period time.Duration, now time.Time) (*Class, error) {
	if len(qs) == 0 {
		return nil, ErrNoQuestion
	}
	if period <= 0 {
		return nil, fmt.Errorf("question period %v: must be positive", period)
	}
	return &Class{ChatID: chatID, Starter: starter, Category: cat, Period: period,
		Questions: qs, Rounds: []Round{}, Players: []Player{}, Started: now}, nil
}

// Done reports whether the quiz has ended.
func (c *Class) Done() bool { return !c.Ended.IsZero() }

// Current returns the index of the current question, and whether one
// is open for answers.
func (c *Class) Current() (i int, open bool) {
	if len(c.Rounds) == 0 {
		return -1, false
	}
	i = len(c.Rounds) - 1
	return i, !c.Rounds[i].Closed && !c.Done()
}

// HasNext reports whether a question is left to ask.
func (c *Class) HasNext() bool { return !c.Done() && len(c.Rounds) < len(c.Questions) }

// Ask opens the next question at now, with a deadline Period later. The
// current question must be closed first.
func (c *Class) Ask(now time.Time) (int, *Question, error) {
	if c.Done() {
		return 0, nil, ErrEnded
	}
	if _, open := c.Current(); open {
		return 0, nil, ErrStillOpen
	}
	if !c.HasNext() {
		return 0, nil, ErrNoMore
	}
	c.Rounds = append(c.Rounds, Round{Opened: now, Deadline: now.Add(c.Period), Answers: []Answer{}})
	i := len(c.Rounds) - 1
	return i, &c.Questions[i], nil
}

// SetRef records the transport's name for question i and the id of the
// message that carries it.
func (c *Class) SetRef(i int, ref string, messageID int) {
	if i >= 0 && i < len(c.Rounds) {
		c.Rounds[i].Ref, c.Rounds[i].MessageID = ref, messageID
	}
}

// Extend moves the current question's deadline to until, if that is
// later, and reports whether it did. After a restart it gives the answers
// that were given in time, but queued while the bot was down, time to
// arrive.
func (c *Class) Extend(until time.Time) bool {
	i, open := c.Current()
	if !open || !until.After(c.Rounds[i].Deadline) {
		return false
	}
	c.Rounds[i].Deadline = until
	return true
}

// Reopen gives the current question a fresh deadline, Period from now,
// and forgets its transport reference, for a question that must be sent
// again (a restart came between asking it and sending it).
func (c *Class) Reopen(now time.Time) {
	if i, open := c.Current(); open {
		c.Rounds[i].Opened, c.Rounds[i].Deadline = now, now.Add(c.Period)
		c.Rounds[i].Ref, c.Rounds[i].MessageID = "", 0
	}
}

// RoundByRef returns the index of the asked question with ref.
func (c *Class) RoundByRef(ref string) (int, bool) {
	for i := range c.Rounds {
		if ref != "" && c.Rounds[i].Ref == ref {
			return i, true
		}
	}
	return -1, false
}

// Due reports whether the current question is open and its deadline has
// passed at now, so the caller should close it.
func (c *Class) Due(now time.Time) bool {
	i, open := c.Current()
	return open && !now.Before(c.Rounds[i].Deadline)
}

// Deadline returns when the current question closes, and false when no
// question is open.
func (c *Class) Deadline() (time.Time, bool) {
	i, open := c.Current()
	if !open {
		return time.Time{}, false
	}
	return c.Rounds[i].Deadline, true
}

// Close closes the current question and returns its statistics. Closing
// a closed question is harmless and returns the same statistics.
func (c *Class) Close(now time.Time) (Stat, error) {
	i, _ := c.Current()
	if i < 0 {
		return Stat{}, ErrNotAsked
	}
	c.Rounds[i].Closed = true
	return c.Stat(i), nil
}

// Record records player p choosing option on question i at time at. An
// answer after the question closed or after its deadline is ErrLate; a
// second answer by the same player is ErrAnswered.
func (c *Class) Record(i int, p Player, option int, at time.Time) (Answer, error) {
	if i < 0 || i >= len(c.Rounds) {
		return Answer{}, ErrNotAsked
	}
	r := &c.Rounds[i]
	if c.Done() && !r.Closed {
		return Answer{}, ErrEnded
	}
	if r.Closed || at.After(r.Deadline) {
		return Answer{}, ErrLate
	}
	for _, a := range r.Answers {
		if a.Player == p.ID {
			return Answer{}, ErrAnswered
		}
	}
	q := &c.Questions[i]
	if option < 0 || option >= len(q.Options) {
		return Answer{}, ErrBadOption
	}
	a := Answer{Player: p.ID, Option: option, Correct: q.IsCorrect(option), Elapsed: max(0, at.Sub(r.Opened))}
	r.Answers = append(r.Answers, a)
	c.addPlayer(p)
	return a, nil
}

func (c *Class) addPlayer(p Player) {
	for i := range c.Players {
		if c.Players[i].ID == p.ID {
			c.Players[i] = p // keep the latest name
			return
		}
	}
	c.Players = append(c.Players, p)
}

// Finish ends the quiz at now, closing any open question. stopped says
// whether it was ended early.
func (c *Class) Finish(now time.Time, stopped bool) {
	if c.Done() {
		return
	}
	if i, open := c.Current(); open {
		c.Rounds[i].Closed = true
	}
	c.Ended = now
	c.Stopped = stopped
}

// Stat is how one question went.
type Stat struct {
	Index    int       // position in the quiz, from 0
	Question *Question // the question as asked
	Answered int       // how many answered
	Correct  int       // how many answered correctly
}

// Stat returns the statistics of asked question i.
func (c *Class) Stat(i int) Stat {
	s := Stat{Index: i, Question: &c.Questions[i]}
	for _, a := range c.Rounds[i].Answers {
		s.Answered++
		if a.Correct {
			s.Correct++
		}
	}
	return s
}

// Hardest returns up to n asked questions, hardest first: the lowest
// share of correct answers, then the most answers. Questions nobody
// answered are left out.
func (c *Class) Hardest(n int) []Stat {
	var stats []Stat
	for i := range c.Rounds {
		if s := c.Stat(i); s.Answered > 0 {
			stats = append(stats, s)
		}
	}
	sort.SliceStable(stats, func(a, b int) bool {
		x, y := stats[a], stats[b]
		// x.Correct/x.Answered < y.Correct/y.Answered, without division.
		if l, r := x.Correct*y.Answered, y.Correct*x.Answered; l != r {
			return l < r
		}
		return x.Answered > y.Answered
	})
	return stats[:min(n, len(stats))]
}

// Standing is one player's place on the leaderboard.
type Standing struct {
	Rank     int // from 1; players level on points, score and time share a rank
	Player   Player
	Score    int           // right answers
	Answered int           // questions answered
	Time     time.Duration // total answer time over every answered question
	// Points is the ScoreSpeed total (0 with ScoreRight), and
	// LongestStreak the most right answers in a row.
	Points        int
	LongestStreak int
}

// AvgTime is the player's mean answer time.
func (s Standing) AvgTime() time.Duration {
	if s.Answered == 0 {
		return 0
	}
	return s.Time / time.Duration(s.Answered)
}

// Leaderboard ranks the players by points (with ScoreSpeed), then by
// right answers, then by total answer time (faster first), then by
// name.
func (c *Class) Leaderboard() []Standing {
	byID := make(map[int64]*Standing, len(c.Players))
	out := make([]Standing, len(c.Players))
	for i, p := range c.Players {
		out[i] = Standing{Player: p}
		byID[p.ID] = &out[i]
	}
	c.tally(byID)
	level := func(a, b Standing) bool { return a.Points == b.Points && a.Score == b.Score && a.Time == b.Time }
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Points != b.Points:
			return a.Points > b.Points
		case a.Score != b.Score:
			return a.Score > b.Score
		case a.Time != b.Time:
			return a.Time < b.Time
		}
		return a.Player.Name < b.Player.Name
	})
	for i := range out {
		out[i].Rank = i + 1
		if i > 0 && level(out[i], out[i-1]) {
			out[i].Rank = out[i-1].Rank
		}
	}
	return out
}

// WriteCSV writes the results as CSV: one row per player with name,
// username, "right", "wrong" or empty (no answer) for each asked
// question, score and total answer time in seconds, and with ScoreSpeed
// the points and the longest streak. Rows follow the leaderboard.
func (c *Class) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"rank", "name", "username"}
	for i := range c.Rounds {
		head = append(head, "q"+strconv.Itoa(i+1))
	}
	head = append(head, "score", "time_seconds", "accuracy_percent", "avg_seconds")
	speed := c.Scoring == ScoreSpeed
	if speed {
		head = append(head, "points", "longest_streak")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, s := range c.Leaderboard() {
		row := []string{strconv.Itoa(s.Rank), cell(s.Player.Name), cell(s.Player.Username)}
		for _, r := range c.Rounds {
			mark := ""
			for _, a := range r.Answers {
				if a.Player == s.Player.ID {
					mark = "wrong"
					if a.Correct {
						mark = "right"
					}
				}
			}
			row = append(row, mark)
		}
		accuracy := 0
		if len(c.Rounds) > 0 {
			accuracy = int(math.Round(100 * float64(s.Score) / float64(len(c.Rounds))))
		}
		row = append(row, strconv.Itoa(s.Score), strconv.FormatFloat(s.Time.Seconds(), 'f', 1, 64),
			strconv.Itoa(accuracy), strconv.FormatFloat(s.AvgTime().Seconds(), 'f', 1, 64))
		if speed {
			row = append(row, strconv.Itoa(s.Points), strconv.Itoa(s.LongestStreak))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell defuses text that a spreadsheet would run as a formula: a user
// named "=HYPERLINK(...)" stays text.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
