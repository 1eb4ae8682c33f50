package quiz

import (
	"crypto/rand"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// CodeAlphabet holds the characters of homework codes: digits and
// capital letters without the look-alikes 0/O and 1/I. Its 32
// characters divide 256, so a random byte picks one without bias.
const CodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// CodeLen is the length of a homework code: 32⁶, about a billion codes.
const CodeLen = 6

// ErrBadCode means a string is not a well-formed homework code.
var ErrBadCode = errors.New("not a homework code")

// NewCode returns a random homework code read from r, or from
// crypto/rand when r is nil.
func NewCode(r io.Reader) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	b := make([]byte, CodeLen)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("homework code: %w", err)
	}
	for i := range b {
		b[i] = CodeAlphabet[int(b[i])%len(CodeAlphabet)]
	}
	return string(b), nil
}

// ParseCode returns the canonical form of a code a person typed. Case
// and surrounding space do not matter; a character outside CodeAlphabet
// is refused rather than guessed at.
func ParseCode(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != CodeLen {
		return "", ErrBadCode
	}
	for _, r := range s {
		if !strings.ContainsRune(CodeAlphabet, r) {
			return "", ErrBadCode
		}
	}
	return s, nil
}

// Homework is a fixed list of questions a teacher sets; every student
// who opens its code answers the same questions, at their own pace.
type Homework struct {
	Code      string             `json:"code"`
	Teacher   Player             `json:"teacher"`
	Category  knowledge.Category `json:"category,omitempty"`
	Questions []Question         `json:"questions"`
	Created   time.Time          `json:"created"`
	// Due is when it must be finished by; zero for no due date. An
	// attempt finished later is marked late.
	Due time.Time `json:"due,omitzero"`
	// Set names the teacher's own question set it was drawn from, if any.
	Set string `json:"set,omitempty"`
}

// NewHomework sets homework with the given code and questions, due by
// due (zero for none).
func NewHomework(code string, teacher Player, cat knowledge.Category, qs []Question, now, due time.Time) (*Homework, error) {
	if _, err := ParseCode(code); err != nil {
		return nil, err
	}
	if len(qs) == 0 {
		return nil, ErrNoQuestion
	}
	if !due.IsZero() && !due.After(now) {
		return nil, ErrDuePast
	}
	return &Homework{Code: code, Teacher: teacher, Category: cat, Questions: qs, Created: now, Due: due}, nil
}

// Overdue reports whether the homework's due date has passed at t.
func (h *Homework) Overdue(t time.Time) bool { return !h.Due.IsZero() && t.After(h.Due) }

// Resume returns a practice for student that goes on from their saved
// attempt s: only the first attempt counts, so the answers given stay
// given, however often the link is opened.
func (h *Homework) Resume(s Submission, now time.Time) *Practice {
	p := h.Start(s.Student.ID, now)
	p.Started = s.Started
	if len(s.Answers) <= len(h.Questions) {
		p.Answers = append(p.Answers, s.Answers...)
	}
	return p
}

// Start returns a practice over the homework's questions for student.
func (h *Homework) Start(student int64, now time.Time) *Practice {
	p, _ := NewPractice(student, h.Questions, now) // h has questions by construction
	p.Homework = h.Code
	return p
}

// Submission is one student's attempt at a homework.
type Submission struct {
	Code     string    `json:"code"`
	Student  Player    `json:"student"`
	Answers  []int     `json:"answers"`
	Score    int       `json:"score"`
	Total    int       `json:"total"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished,omitzero"` // zero while in progress
	// Late is set on an attempt finished after the due date.
	Late bool `json:"late,omitempty"`
	// Lang is the language the student does it in, for their reminder.
	Lang string `json:"lang,omitempty"`
}

// Open reports whether the attempt was started and not finished.
func (s Submission) Open() bool { return s.Finished.IsZero() }

// Submission returns the state of student's attempt p.
func (h *Homework) Submission(student Player, p *Practice) Submission {
	s := Submission{Code: h.Code, Student: student, Answers: append([]int{}, p.Answers...),
		Score: p.Score(), Total: len(h.Questions), Started: p.Started, Lang: p.Lang}
	if p.Done() {
		s.Finished = p.Updated
		s.Late = h.Overdue(s.Finished)
	}
	return s
}

// Report is the teacher's view of a homework: every student's score,
// best first, how many finished, and how each question went.
type Report struct {
	Homework *Homework
	Rows     []Submission // finished ones first, by score then finishing time
	Finished int
	Late     int     // finished after the due date
	Average  float64 // mean score of the finished submissions
	// Questions says, for each of the homework's questions in order, how
	// many answered it and how many of them rightly, over every attempt.
	Questions []QuestionStat
}

// QuestionStat is how one question of a homework went.
type QuestionStat struct {
	Answered, Right int
}

// NewReport summarises the submissions of homework h.
func NewReport(h *Homework, subs []Submission) Report {
	rows := append([]Submission(nil), subs...)
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Finished.IsZero() != b.Finished.IsZero() {
			return !a.Finished.IsZero()
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if !a.Finished.Equal(b.Finished) {
			return a.Finished.Before(b.Finished)
		}
		return a.Student.Name < b.Student.Name
	})
	r := Report{Homework: h, Rows: rows, Questions: make([]QuestionStat, len(h.Questions))}
	sum := 0
	for _, s := range rows {
		if !s.Finished.IsZero() {
			r.Finished++
			sum += s.Score
		}
		if s.Late {
			r.Late++
		}
		for i, o := range s.Answers {
			if i < len(h.Questions) {
				r.Questions[i].Answered++
				if h.Questions[i].IsCorrect(o) {
					r.Questions[i].Right++
				}
			}
		}
	}
	if r.Finished > 0 {
		r.Average = float64(sum) / float64(r.Finished)
	}
	return r
}

// Store keeps quiz state across restarts: running class quizzes, the
// last finished one per chat, homework with its submissions, and
// practices. Lookups report found=false, with a nil error, for what
// does not exist. store.DB implements it.
type Store interface {
	// SaveClass saves a running class quiz, replacing the chat's previous state.
	SaveClass(c *Class) error
	LoadClass(chatID int64) (c *Class, found bool, err error)
	// RunningClasses returns every saved running quiz, to resume after a restart.
	RunningClasses() ([]*Class, error)
	// FinishClass saves c as the chat's last finished quiz and removes it
	// from the running ones, in one step.
	FinishClass(c *Class) error
	LastClass(chatID int64) (c *Class, found bool, err error)

	SaveHomework(h *Homework) error
	LoadHomework(code string) (h *Homework, found bool, err error)
	// HomeworkDue returns the homework whose due date is before t and
	// whose reminder is not yet claimed.
	HomeworkDue(t time.Time) ([]*Homework, error)
	// ClaimReminder claims the one reminder of the homework with code:
	// it reports true to the first caller only, of any replica.
	ClaimReminder(code string) (bool, error)
	SaveSubmission(s Submission) error
	Submissions(code string) ([]Submission, error)

	SavePractice(p *Practice) error
	LoadPractice(userID int64) (p *Practice, found bool, err error)
	DeletePractice(userID int64) error

	// SaveDecks saves students' review decks, all at once (a class's at
	// the end of a quiz); LoadDeck finds none for a student who has
	// answered nothing yet.
	SaveDecks(ds ...*Deck) error
	LoadDeck(userID int64) (d *Deck, found bool, err error)

	// SaveSet saves a teacher's question set, replacing the one of the
	// same SetKey.
	SaveSet(s *Set) error
	LoadSet(owner int64, name string) (s *Set, found bool, err error)
	// Sets returns the owner's named sets (not the draft), by name.
	Sets(owner int64) ([]*Set, error)
	// RenameSet renames a set; ErrNoSet if it does not exist, and
	// ErrSetExists if another has the new name.
	RenameSet(owner int64, from, to string) error
	// DeleteSet deletes a set and reports whether there was one.
	DeleteSet(owner int64, name string) (bool, error)
}

// WriteCSV writes the report as a spreadsheet: a row per student with
// each question's mark ("right", "wrong", or empty when not reached),
// then a row of how many got each question right.
func (r Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"rank", "name", "username", "status"}
	for i := range r.Homework.Questions {
		head = append(head, "q"+strconv.Itoa(i+1))
	}
	head = append(head, "score", "total", "started", "finished", "late")
	if err := cw.Write(head); err != nil {
		return err
	}
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(DueZone).Format("2006-01-02 15:04")
	}
	for i, s := range r.Rows {
		status := "finished"
		if s.Open() {
			status = "in progress"
		}
		row := []string{strconv.Itoa(i + 1), cell(s.Student.Name), cell(s.Student.Username), status}
		for k, q := range r.Homework.Questions {
			mark := ""
			if k < len(s.Answers) {
				mark = "wrong"
				if q.IsCorrect(s.Answers[k]) {
					mark = "right"
				}
			}
			row = append(row, mark)
		}
		row = append(row, strconv.Itoa(s.Score), strconv.Itoa(s.Total), stamp(s.Started), stamp(s.Finished), strconv.FormatBool(s.Late))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	right := []string{"", "right answers", "", ""}
	for _, st := range r.Questions {
		right = append(right, strconv.Itoa(st.Right)+"/"+strconv.Itoa(st.Answered))
	}
	right = append(right, make([]string, len(head)-len(right))...)
	if err := cw.Write(right); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
