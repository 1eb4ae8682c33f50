package quiz

import (
	"slices"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/knowledge"
)

func TestDeckLeitner(t *testing.T) {
	day := 24 * time.Hour
	d := NewDeck(7)
	q := func(id, cat string) *Question { return &Question{ID: id, Category: knowledge.Category(cat)} }
	a, b, c := q("a", "trade"), q("b", "trade"), q("c", "energy")
	d.Record(a, true, t0)  // box 2, due in a day
	d.Record(b, false, t0) // box 1, due now
	d.Record(c, true, t0)
	d.Record(c, true, t0.Add(day)) // box 3, due 3 days after
	if got := d.Due(t0, 10); !slices.Equal(got, []string{"b"}) {
		t.Errorf("due at once = %v, want [b]", got)
	}
	if got := d.Due(t0.Add(day), 10); !slices.Equal(got, []string{"b", "a"}) {
		t.Errorf("due a day later = %v, want [b a]: the lower box first", got)
	}
	if next, ok := d.NextDue(t0.Add(day)); !ok || !next.Equal(t0.Add(4*day)) {
		t.Errorf("NextDue = %v, %v; want c's, 4 days after", next, ok)
	}
	for range 6 {
		d.Record(a, true, t0)
	}
	if d.Cards["a"].Box != MaxBox || !d.Cards["a"].Due.Equal(t0.Add(16*day)) {
		t.Errorf("after many right answers: %+v, want box %d due in 16 days", d.Cards["a"], MaxBox)
	}
	d.Record(a, false, t0.Add(day))
	if c := d.Cards["a"]; c.Box != 1 || !c.Due.Equal(t0.Add(day)) || c.Right != 7 || c.Wrong != 1 {
		t.Errorf("a wrong answer: %+v, want back in box 1, due at once", c)
	}
	if got := d.Due(t0.Add(day), 1); !slices.Equal(got, []string{"b"}) {
		t.Errorf("one due = %v, want the longest overdue of box 1", got)
	}
	p := d.Progress(t0.Add(day))
	// In the knowledge base's order of categories: energy before trade.
	if len(p) != 2 || p[1].Category != "trade" || p[1].Right != 7 || p[1].Wrong != 2 || p[1].Cards != 2 || p[1].Due != 2 ||
		p[0].Category != "energy" || p[0].Right != 2 || p[0].Due != 0 {
		t.Errorf("Progress = %+v", p)
	}
}
