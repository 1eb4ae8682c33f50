package quiz

import (
	"errors"
	"time"
)

// Practice is a self-paced quiz for one person in a private chat: one
// question at a time, each answered with immediate feedback. Homework
// attempts are practices too, with Homework set to the homework's code.
// Like Class, it is a plain value the caller saves after every change.
type Practice struct {
	// ID tells this practice from the user's earlier ones, so that a
	// button left over from an old practice is not taken for this one.
	ID       string `json:"id,omitempty"`
	UserID   int64  `json:"user_id"`
	Homework string `json:"homework,omitempty"` // the homework code, if this is homework
	// Lang is the language the practice is asked in ("ru"); empty means
	// the language of each request.
	Lang      string     `json:"lang,omitempty"`
	Questions []Question `json:"questions"`
	// Answers holds the chosen option of each answered question, in order;
	// len(Answers) is the index of the current question.
	Answers []int     `json:"answers"`
	Started time.Time `json:"started"`
	Updated time.Time `json:"updated"`
}

// ErrStale means an answer to a question other than the current one,
// such as a second tap on an old button.
var ErrStale = errors.New("that question is no longer current")

// NewPractice starts a practice over qs for user at now.
func NewPractice(userID int64, qs []Question, now time.Time) (*Practice, error) {
	if len(qs) == 0 {
		return nil, ErrNoQuestion
	}
	return &Practice{UserID: userID, Questions: qs, Answers: []int{}, Started: now, Updated: now}, nil
}

// Current returns the index of the question to answer next and the
// question, or false when every question has been answered.
func (p *Practice) Current() (int, *Question, bool) {
	i := len(p.Answers)
	if i >= len(p.Questions) {
		return i, nil, false
	}
	return i, &p.Questions[i], true
}

// Done reports whether every question has been answered.
func (p *Practice) Done() bool { return len(p.Answers) >= len(p.Questions) }

// Feedback is what a practice says after an answer.
type Feedback struct {
	Index    int       // the answered question
	Question *Question // the answered question
	Chosen   int       // the option chosen
	Correct  bool      // whether it was right
	Done     bool      // whether that was the last question
	Score    int       // correct answers so far
	Total    int       // questions in the practice
}

// Answer answers question i with option at now. i must be the current
// question: an answer to any other is ErrStale, and changes nothing.
func (p *Practice) Answer(i, option int, now time.Time) (Feedback, error) {
	cur, q, ok := p.Current()
	if !ok || i != cur {
		return Feedback{}, ErrStale
	}
	if option < 0 || option >= len(q.Options) {
		return Feedback{}, ErrBadOption
	}
	p.Answers = append(p.Answers, option)
	p.Updated = now
	return Feedback{Index: i, Question: q, Chosen: option, Correct: q.IsCorrect(option),
		Done: p.Done(), Score: p.Score(), Total: len(p.Questions)}, nil
}

// Score returns the number of correct answers so far.
func (p *Practice) Score() int {
	n := 0
	for i, o := range p.Answers {
		if i < len(p.Questions) && p.Questions[i].IsCorrect(o) {
			n++
		}
	}
	return n
}
