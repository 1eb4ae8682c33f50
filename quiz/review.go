package quiz

import (
	"cmp"
	"slices"
	"time"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// Deck is one student's review cards: every question they have answered,
// in class quizzes, practice and homework, each in a Leitner box. A right
// answer moves a card up a box and so further off; a wrong one sends it
// back to box 1, due at once. /review asks the due cards, lowest box
// first. Like Class, it is a plain value the caller saves after every
// change.
type Deck struct {
	UserID int64            `json:"user_id"`
	Cards  map[string]*Card `json:"cards"` // by question id
}

// Card is one question in a student's deck.
type Card struct {
	Box      int                `json:"box"` // 1 to MaxBox
	Due      time.Time          `json:"due"`
	Right    int                `json:"right"`
	Wrong    int                `json:"wrong"`
	Category knowledge.Category `json:"category"`
}

// MaxBox is the last Leitner box.
const MaxBox = 5

// boxWait is how long a card waits in each box before it is due again:
// box 1 (a wrong answer) at once, then a day, three, a week, sixteen
// days.
var boxWait = [MaxBox + 1]time.Duration{0, 0, 24 * time.Hour, 3 * 24 * time.Hour, 7 * 24 * time.Hour, 16 * 24 * time.Hour}

// NewDeck returns an empty deck for user.
func NewDeck(userID int64) *Deck { return &Deck{UserID: userID, Cards: map[string]*Card{}} }

// Record files an answer to q at now: right moves its card up a box (a
// new card answered right starts in box 2), wrong sends it to box 1.
func (d *Deck) Record(q *Question, right bool, now time.Time) {
	if d.Cards == nil {
		d.Cards = map[string]*Card{}
	}
	c := d.Cards[q.ID]
	if c == nil {
		c = &Card{Box: 1, Category: q.Category}
		d.Cards[q.ID] = c
	}
	if right {
		c.Right++
		c.Box = min(c.Box+1, MaxBox)
	} else {
		c.Wrong++
		c.Box = 1
	}
	c.Due = now.Add(boxWait[c.Box])
}

// Due returns up to n ids of the cards due at now: the lowest box first
// (what the student got wrong), then the longest overdue, then by id.
func (d *Deck) Due(now time.Time, n int) []string {
	var ids []string
	for id, c := range d.Cards {
		if !c.Due.After(now) {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b string) int {
		x, y := d.Cards[a], d.Cards[b]
		return cmp.Or(cmp.Compare(x.Box, y.Box), x.Due.Compare(y.Due), cmp.Compare(a, b))
	})
	return ids[:min(n, len(ids))]
}

// NextDue is when the next card not due at now falls due; false when
// there is none.
func (d *Deck) NextDue(now time.Time) (time.Time, bool) {
	var next time.Time
	for _, c := range d.Cards {
		if c.Due.After(now) && (next.IsZero() || c.Due.Before(next)) {
			next = c.Due
		}
	}
	return next, !next.IsZero()
}

// TopicProgress is a student's record in one topic.
type TopicProgress struct {
	Category     knowledge.Category
	Right, Wrong int // answers
	Cards, Due   int // questions answered, and of them due at now
}

// Progress returns the student's record per topic, in the knowledge
// base's order of categories.
func (d *Deck) Progress(now time.Time) []TopicProgress {
	by := map[knowledge.Category]*TopicProgress{}
	for _, c := range d.Cards {
		p := by[c.Category]
		if p == nil {
			p = &TopicProgress{Category: c.Category}
			by[c.Category] = p
		}
		p.Right += c.Right
		p.Wrong += c.Wrong
		p.Cards++
		if !c.Due.After(now) {
			p.Due++
		}
	}
	var out []TopicProgress
	for _, cat := range knowledge.Categories {
		if p := by[cat]; p != nil {
			out = append(out, *p)
			delete(by, cat)
		}
	}
	rest := len(out)
	for _, p := range by { // a category the base no longer has
		out = append(out, *p)
	}
	slices.SortFunc(out[rest:], func(a, b TopicProgress) int { return cmp.Compare(a.Category, b.Category) })
	return out
}
