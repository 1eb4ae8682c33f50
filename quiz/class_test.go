package quiz

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func sec(n float64) time.Duration { return time.Duration(n * float64(time.Second)) }

// threeQuestions has correct options 0, 1 and 2.
func threeQuestions() []Question {
	var qs []Question
	for i := range 3 {
		qs = append(qs, Question{ID: "q" + string(rune('1'+i)), Question: "Q?",
			Options: []string{"a", "b", "c"}, Correct: i, Explanation: "x"})
	}
	return qs
}

var (
	alice = Player{ID: 1, Name: "Alice", Username: "alice"}
	bob   = Player{ID: 2, Name: "Bob"}
	carol = Player{ID: 3, Name: "Carol", Username: "carol"}
	dave  = Player{ID: 4, Name: "Dave"}
)

func TestClassFlow(t *testing.T) {
	teacher := Player{ID: 100, Name: "Teacher"}
	c, err := NewClass(-5, teacher, "", threeQuestions(), sec(30), t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Record(0, alice, 0, t0); !errors.Is(err, ErrNotAsked) {
		t.Errorf("Record before Ask = %v, want ErrNotAsked", err)
	}
	i, q, err := c.Ask(t0)
	if err != nil || i != 0 || q.ID != "q1" {
		t.Fatalf("Ask = %d, %v, %v", i, q, err)
	}
	c.SetRef(0, "poll-1", 10)
	if _, _, err := c.Ask(t0); !errors.Is(err, ErrStillOpen) {
		t.Errorf("second Ask = %v, want ErrStillOpen", err)
	}
	record := func(i int, p Player, opt int, at time.Duration, want error) {
		t.Helper()
		if _, err := c.Record(i, p, opt, t0.Add(at)); !errors.Is(err, want) {
			t.Errorf("Record(q%d, %s, %d, +%v) = %v, want %v", i+1, p.Name, opt, at, err, want)
		}
	}
	// Question 1 (correct 0): Alice right in 5s, Bob wrong in 3s, Carol right in 10s.
	record(0, alice, 0, sec(5), nil)
	record(0, bob, 1, sec(3), nil)
	record(0, carol, 0, sec(10), nil)
	record(0, alice, 1, sec(6), ErrAnswered)
	record(0, dave, 7, sec(6), ErrBadOption)
	record(0, dave, 0, sec(31), ErrLate) // after the deadline
	if c.Due(t0.Add(sec(29))) || !c.Due(t0.Add(sec(30))) {
		t.Error("Due is wrong around the deadline")
	}
	if got, ok := c.RoundByRef("poll-1"); !ok || got != 0 {
		t.Errorf("RoundByRef(poll-1) = %d, %v", got, ok)
	}
	st, err := c.Close(t0.Add(sec(30)))
	if err != nil || st.Answered != 3 || st.Correct != 2 {
		t.Errorf("Close = %+v, %v; want 2 of 3", st, err)
	}
	record(0, dave, 0, sec(12), ErrLate) // closed early, then a slow update arrives

	// Question 2 (correct 1), opened at +30s: Alice wrong, Bob right, Carol right.
	base := sec(30)
	if _, _, err := c.Ask(t0.Add(base)); err != nil {
		t.Fatal(err)
	}
	record(1, alice, 0, base+sec(4), nil)
	record(1, bob, 1, base+sec(2), nil)
	record(1, carol, 1, base+sec(20), nil)
	c.Close(t0.Add(base + sec(30)))

	// Question 3 (correct 2): only Bob, wrong; then the teacher stops.
	base = sec(60)
	c.Ask(t0.Add(base))
	record(2, bob, 0, base+sec(1), nil)
	c.Finish(t0.Add(base+sec(5)), true)
	record(2, alice, 2, base+sec(6), ErrLate)
	if !c.Done() || c.HasNext() {
		t.Error("quiz not done after Finish")
	}
	if _, _, err := c.Ask(t0.Add(base + sec(7))); !errors.Is(err, ErrEnded) {
		t.Errorf("Ask after Finish = %v, want ErrEnded", err)
	}

	// Carol 2 right (30s), Alice 1 right (9s), Bob 1 right (6s): Bob is faster than Alice.
	got := ""
	for _, s := range c.Leaderboard() {
		got += fmt.Sprintf("%s:%d/%d/%v ", s.Player.Name, s.Rank, s.Score, s.Time)
	}
	if wantLB := "Carol:1/2/30s Bob:2/1/6s Alice:3/1/9s "; got != wantLB {
		t.Errorf("Leaderboard = %q, want %q", got, wantLB)
	}

	hard := c.Hardest(2)
	if len(hard) != 2 || hard[0].Index != 2 || hard[1].Index != 0 && hard[1].Index != 1 {
		t.Errorf("Hardest = %+v, want q3 (0 of 1) first", hard)
	}

	var buf bytes.Buffer
	if err := c.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	wantCSV := "rank,name,username,q1,q2,q3,score,time_seconds,accuracy_percent,avg_seconds\n" +
		"1,Carol,carol,right,right,,2,30.0,67,15.0\n" +
		"2,Bob,,wrong,right,wrong,1,6.0,33,2.0\n" +
		"3,Alice,alice,right,wrong,,1,9.0,33,4.5\n"
	if buf.String() != wantCSV {
		t.Errorf("WriteCSV =\n%s\nwant\n%s", buf.String(), wantCSV)
	}

	// The whole state survives a JSON round trip, as the store keeps it.
	raw, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var back Class
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	var buf2 bytes.Buffer
	back.WriteCSV(&buf2)
	if buf2.String() != wantCSV || !back.Done() || !back.Stopped {
		t.Errorf("after JSON round trip CSV =\n%s", buf2.String())
	}
}

func TestLeaderboardTies(t *testing.T) {
	c, _ := NewClass(1, alice, "", threeQuestions(), sec(30), t0)
	c.Ask(t0)
	c.Record(0, alice, 0, t0.Add(sec(5)))
	c.Record(0, bob, 0, t0.Add(sec(5)))
	c.Record(0, carol, 0, t0.Add(sec(4)))
	c.Record(0, dave, 2, t0.Add(sec(1)))
	lb := c.Leaderboard()
	var got []string
	for _, s := range lb {
		got = append(got, s.Player.Name+strconv.Itoa(s.Rank))
	}
	if strings.Join(got, " ") != "Carol1 Alice2 Bob2 Dave4" {
		t.Errorf("Leaderboard = %v, want Carol1 Alice2 Bob2 Dave4", got)
	}
}

func TestCSVDefusesFormulas(t *testing.T) {
	c, _ := NewClass(1, alice, "", threeQuestions(), sec(30), t0)
	c.Ask(t0)
	c.Record(0, Player{ID: 9, Name: "=HYPERLINK(\"http://x\")", Username: "x"}, 0, t0.Add(sec(1)))
	var buf bytes.Buffer
	c.WriteCSV(&buf)
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[1][1]; !strings.HasPrefix(got, "'=") {
		t.Errorf("name cell = %q, want it defused with a leading quote", got)
	}
}

func TestClassRunsOut(t *testing.T) {
	c, _ := NewClass(1, alice, "", threeQuestions()[:1], sec(10), t0)
	c.Ask(t0)
	c.Close(t0.Add(sec(10)))
	if c.HasNext() {
		t.Error("HasNext after the only question")
	}
	if _, _, err := c.Ask(t0.Add(sec(10))); !errors.Is(err, ErrNoMore) {
		t.Errorf("Ask = %v, want ErrNoMore", err)
	}
	if _, err := NewClass(1, alice, "", nil, sec(10), t0); !errors.Is(err, ErrNoQuestion) {
		t.Errorf("NewClass(no questions) = %v, want ErrNoQuestion", err)
	}
}

func TestPractice(t *testing.T) {
	p, err := NewPractice(7, threeQuestions(), t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Answer(1, 1, t0); !errors.Is(err, ErrStale) {
		t.Errorf("answer to a future question = %v, want ErrStale", err)
	}
	fb, err := p.Answer(0, 0, t0)
	if err != nil || !fb.Correct || fb.Done || fb.Score != 1 {
		t.Errorf("Answer(0, 0) = %+v, %v", fb, err)
	}
	if _, err := p.Answer(0, 1, t0); !errors.Is(err, ErrStale) {
		t.Errorf("second answer to question 0 = %v, want ErrStale", err)
	}
	if _, err := p.Answer(1, 5, t0); !errors.Is(err, ErrBadOption) {
		t.Errorf("Answer(1, 5) = %v, want ErrBadOption", err)
	}
	fb, _ = p.Answer(1, 0, t0)
	if fb.Correct {
		t.Error("wrong answer judged correct")
	}
	fb, _ = p.Answer(2, 2, t0.Add(sec(9)))
	if !fb.Done || fb.Score != 2 || fb.Total != 3 {
		t.Errorf("last answer = %+v, want done with 2 of 3", fb)
	}
	if _, _, ok := p.Current(); ok {
		t.Error("Current after the last answer")
	}
}

type zeros struct{}

func (zeros) Read(b []byte) (int, error) { clear(b); return len(b), nil }

func TestHomework(t *testing.T) {
	code, err := NewCode(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ParseCode(" " + strings.ToLower(code) + "\n"); err != nil || got != code {
		t.Errorf("ParseCode(lower %q) = %q, %v", code, got, err)
	}
	if c, _ := NewCode(zeros{}); c != "222222" {
		t.Errorf("NewCode(zeros) = %q, want 222222", c)
	}
	for _, bad := range []string{"", "ABC", "ABCDEFG", "ABCDE0", "ABCDEI", "ABCDÉ2", "hw_ABCDEF"} {
		if _, err := ParseCode(bad); !errors.Is(err, ErrBadCode) {
			t.Errorf("ParseCode(%q) = %v, want ErrBadCode", bad, err)
		}
	}
	teacher := Player{ID: 100, Name: "Teacher"}
	h, err := NewHomework(code, teacher, "", threeQuestions(), t0, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	run := func(p Player, opts []int, at time.Duration) Submission {
		pr := h.Start(p.ID, t0)
		for i, o := range opts {
			if _, err := pr.Answer(i, o, t0.Add(at)); err != nil {
				t.Fatal(err)
			}
		}
		return h.Submission(p, pr)
	}
	subs := []Submission{
		run(alice, []int{0, 1, 0}, sec(60)), // 2, finished
		run(bob, []int{0, 1, 2}, sec(90)),   // 3, finished
		run(carol, []int{0, 1}, sec(30)),    // in progress
		run(dave, []int{0, 1, 1}, sec(50)),  // 2, finished earlier than Alice
	}
	r := NewReport(h, subs)
	var got []string
	for _, s := range r.Rows {
		got = append(got, s.Student.Name)
	}
	if strings.Join(got, " ") != "Bob Dave Alice Carol" {
		t.Errorf("report order = %v, want Bob Dave Alice Carol", got)
	}
	if r.Finished != 3 || r.Average < 2.33 || r.Average > 2.34 {
		t.Errorf("report finished %d average %.2f, want 3 and 2.33", r.Finished, r.Average)
	}
}

func TestClassExtend(t *testing.T) {
	c, _ := NewClass(1, alice, "", threeQuestions(), sec(30), t0)
	if c.Extend(t0.Add(sec(60))) {
		t.Error("Extend with no open question reported true")
	}
	c.Ask(t0)
	if c.Extend(t0.Add(sec(10))) {
		t.Error("Extend to an earlier time reported true")
	}
	if !c.Extend(t0.Add(sec(40))) {
		t.Fatal("Extend to a later time reported false")
	}
	if _, err := c.Record(0, bob, 0, t0.Add(sec(35))); err != nil {
		t.Errorf("answer within the extended time: %v", err)
	}
	if _, err := c.Record(0, carol, 0, t0.Add(sec(41))); !errors.Is(err, ErrLate) {
		t.Errorf("answer after the extended time = %v, want ErrLate", err)
	}
}

// TestCloneIsApart: what happens to a clone, the votes, the closing and
// the next question, leaves the original as it was.
func TestCloneIsApart(t *testing.T) {
	c, _ := NewClass(1, alice, "", threeQuestions(), sec(30), t0)
	c.Ask(t0)
	c.Record(0, alice, 0, t0.Add(sec(5)))
	d := c.Clone()
	d.Record(0, bob, 1, t0.Add(sec(6)))
	d.Close(t0.Add(sec(7)))
	d.Ask(t0.Add(sec(8)))
	if len(c.Rounds) != 1 || len(c.Rounds[0].Answers) != 1 || c.Rounds[0].Closed || len(c.Players) != 1 {
		t.Errorf("the original changed with its clone: %d rounds, %d answers, closed %v, %d players",
			len(c.Rounds), len(c.Rounds[0].Answers), c.Rounds[0].Closed, len(c.Players))
	}
	if len(d.Rounds) != 2 || len(d.Rounds[0].Answers) != 2 || len(d.Players) != 2 {
		t.Errorf("the clone did not change: %d rounds, %d answers, %d players", len(d.Rounds), len(d.Rounds[0].Answers), len(d.Players))
	}
}
