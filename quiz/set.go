package quiz

import (
	"errors"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxSetName is the longest name of a teacher's question set, in characters.
const MaxSetName = 40

// MaxSets is how many question sets one teacher may keep.
const MaxSets = 50

// Set is a teacher's own questions, saved under a name, for /quiz and
// /homework. The set with the empty name is the teacher's draft: the
// quiz polls they forward gather there until they name it.
type Set struct {
	Owner     int64      `json:"owner"`
	Name      string     `json:"name"`
	Questions []Question `json:"questions"`
	Created   time.Time  `json:"created"`
	Updated   time.Time  `json:"updated"`
}

// Errors about set names.
var (
	ErrSetName   = errors.New("a set name is 1 to 40 characters of one line")
	ErrSetExists = errors.New("a set with that name exists")
	ErrNoSet     = errors.New("no such set")
)

// SetName returns the name a teacher typed, cleaned: spaces trimmed and
// runs of them made one. A name must have a letter, fit MaxSetName and
// hold no control characters.
func SetName(s string) (string, error) {
	name := strings.Join(strings.Fields(s), " ")
	if name == "" || utf8.RuneCountInString(name) > MaxSetName || !utf8.ValidString(name) {
		return "", ErrSetName
	}
	letter := false
	for _, r := range name {
		if unicode.IsControl(r) {
			return "", ErrSetName
		}
		letter = letter || unicode.IsLetter(r)
	}
	if !letter {
		return "", ErrSetName
	}
	return name, nil
}

// SetKey is what tells set names apart: case and spacing do not.
func SetKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// Draw returns count of the set's questions, in the set's order and
// with their options as the teacher wrote them: all of them when count
// is at least the set's size, else count picked at random.
func (s *Set) Draw(count int, rng interface{ Perm(int) []int }) []Question {
	pick := rng.Perm(len(s.Questions))
	if count > 0 && count < len(pick) {
		pick = pick[:count]
	}
	slices.Sort(pick)
	out := make([]Question, 0, len(pick))
	for _, i := range pick {
		out = append(out, s.Questions[i])
	}
	return out
}
