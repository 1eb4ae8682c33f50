package quiz

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"sort"
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
}

// NewHomework sets homework with the given code and questions.
func NewHomework(code string, teacher Player, cat knowledge.Category, qs []Question, now time.Time) (*Homework, error) {
	if _, err := ParseCode(code); err != nil {
		return nil, err
	}
	if len(qs) == 0 {
		return nil, ErrNoQuestion
	}
	return &Homework{Code: code, Teacher: teacher, Category: cat, Questions: qs, Created: now}, nil
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
}

// Submission returns the state of student's attempt p.
func (h *Homework) Submission(student Player, p *Practice) Submission {
	s := Submission{Code: h.Code, Student: student, Answers: append([]int{}, p.Answers...),
		Score: p.Score(), Total: len(h.Questions), Started: p.Started}
	if p.Done() {
		s.Finished = p.Updated
	}
	return s
}

// Report is the teacher's view of a homework: every student's score,
// best first, and how many finished.
type Report struct {
	Homework *Homework
	Rows     []Submission // finished ones first, by score then finishing time
	Finished int
	Average  float64 // mean score of the finished submissions
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
	r := Report{Homework: h, Rows: rows}
	sum := 0
	for _, s := range rows {
		if !s.Finished.IsZero() {
			r.Finished++
			sum += s.Score
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
}
