// Package quiz runs silkroad's quizzes: the question bank, class quizzes in
// group chats, self-paced practice and homework. It is pure logic: it knows
// nothing of Telegram, reads no clock and keeps no files, so the bot, the
// console chat and the tests drive it the same way.
package quiz

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// Difficulty says how hard a question is.
type Difficulty string

// The known difficulties.
const (
	Easy   Difficulty = "easy"
	Medium Difficulty = "medium"
	Hard   Difficulty = "hard"
)

// Limits every question in the bank keeps. They follow Telegram's limits
// for quiz polls, so any question can be sent as a native poll.
const (
	MaxQuestionLen    = 300 // characters of question text
	MaxOptionLen      = 100 // characters of one option
	MaxExplanationLen = 200 // characters of the explanation
	MinOptions        = 2
	MaxOptions        = 10
)

// Text is a question's wording in one language.
type Text struct {
	Question    string   `json:"question"`
	Options     []string `json:"options"` // same order as Question.Options
	Explanation string   `json:"explanation"`
}

// Question is one multiple-choice question with exactly one correct option.
type Question struct {
	ID         string             `json:"id"`
	Category   knowledge.Category `json:"category"`
	Difficulty Difficulty         `json:"difficulty"`
	// Question, Options and Explanation are the English text.
	Question    string   `json:"question"`
	Options     []string `json:"options"`
	Correct     int      `json:"correct"` // index into Options
	Explanation string   `json:"explanation"`
	// FactIDs names the knowledge base facts the question tests.
	FactIDs []string `json:"fact_ids"`
	// I18n holds the question in other languages, keyed by language code
	// ("ru", "kk", "zh"). A translation's Options follow Options' order.
	I18n map[string]Text `json:"i18n,omitempty"`
}

// In returns the question's text in lang, falling back to English for a
// language it has not been translated into, or translated incompletely.
func (q *Question) In(lang string) Text {
	en := Text{Question: q.Question, Options: q.Options, Explanation: q.Explanation}
	t, ok := q.I18n[lang]
	if !ok || t.Question == "" || len(t.Options) != len(q.Options) {
		return en
	}
	if t.Explanation == "" {
		t.Explanation = q.Explanation
	}
	return t
}

// IsCorrect reports whether option is the correct one.
func (q *Question) IsCorrect(option int) bool { return option == q.Correct }

// permute returns a copy of q whose options (and translated options) are
// in the order perm gives: option i of the copy is option perm[i] of q.
func (q Question) permute(perm []int) Question {
	out := q
	out.Options = make([]string, len(perm))
	for i, p := range perm {
		out.Options[i] = q.Options[p]
		if p == q.Correct {
			out.Correct = i
		}
	}
	if q.I18n != nil {
		out.I18n = make(map[string]Text, len(q.I18n))
		for lang, t := range q.I18n {
			nt := t
			if len(t.Options) == len(perm) {
				nt.Options = make([]string, len(perm))
				for i, p := range perm {
					nt.Options[i] = t.Options[p]
				}
			}
			out.I18n[lang] = nt
		}
	}
	out.FactIDs = append([]string(nil), q.FactIDs...)
	return out
}

// check returns every way q breaks the bank's rules. base, when not nil,
// is used to check the fact ids.
func (q *Question) check(base *knowledge.Base) []string {
	var bad []string
	add := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	if q.ID == "" {
		add("id is required")
	}
	if !q.Category.Known() {
		add("unknown category %q", q.Category)
	}
	switch q.Difficulty {
	case Easy, Medium, Hard:
	default:
		add("unknown difficulty %q", q.Difficulty)
	}
	checkText := func(where string, t Text) {
		if strings.TrimSpace(t.Question) == "" {
			add("%squestion is empty", where)
		}
		if n := utf8.RuneCountInString(t.Question); n > MaxQuestionLen {
			add("%squestion has %d characters, at most %d allowed", where, n, MaxQuestionLen)
		}
		if n := len(t.Options); n < MinOptions || n > MaxOptions {
			add("%shas %d options, want %d to %d", where, n, MinOptions, MaxOptions)
		}
		seen := map[string]bool{}
		for i, o := range t.Options {
			if strings.TrimSpace(o) == "" {
				add("%soption %d is empty", where, i)
			}
			if n := utf8.RuneCountInString(o); n > MaxOptionLen {
				add("%soption %d has %d characters, at most %d allowed", where, i, n, MaxOptionLen)
			}
			key := strings.ToLower(strings.TrimSpace(o))
			if seen[key] {
				add("%soption %q appears twice", where, o)
			}
			seen[key] = true
		}
		if strings.TrimSpace(t.Explanation) == "" {
			add("%sexplanation is empty", where)
		}
		if n := utf8.RuneCountInString(t.Explanation); n > MaxExplanationLen {
			add("%sexplanation has %d characters, at most %d allowed", where, n, MaxExplanationLen)
		}
	}
	checkText("", Text{Question: q.Question, Options: q.Options, Explanation: q.Explanation})
	if q.Correct < 0 || q.Correct >= len(q.Options) {
		add("correct option %d is out of range", q.Correct)
	}
	for lang, t := range q.I18n {
		if len(t.Options) != len(q.Options) {
			add("i18n %s: has %d options, want %d", lang, len(t.Options), len(q.Options))
			continue
		}
		checkText("i18n "+lang+": ", t)
	}
	if len(q.FactIDs) == 0 {
		add("fact_ids: needs at least one fact")
	}
	if base != nil {
		for _, id := range q.FactIDs {
			if _, ok := base.Fact(id); !ok {
				add("fact_ids: unknown fact %q", id)
			}
		}
	}
	return bad
}
