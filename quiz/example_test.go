package quiz_test

import (
	"fmt"
	"time"

	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/quiz"
)

func ExampleDistractors() {
	fig := knowledge.Figure{Value: "8445", Unit: "km", Measure: "length of the corridor",
		Kind: knowledge.KindLength, Display: "8,445 km"}
	wrong, err := quiz.Distractors(fig, 3, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(wrong), "distractors like", fig.Display)
	// Output: 3 distractors like 8,445 km
}

func ExampleClass() {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	qs := []quiz.Question{{ID: "q1", Question: "Where is Khorgos?", Options: []string{"On the Kazakhstan–China border", "In Siberia"}, Correct: 0}}
	teacher := quiz.Player{ID: 1, Name: "Teacher"}
	c, _ := quiz.NewClass(-100, teacher, "", qs, 30*time.Second, start)

	c.Ask(start)
	c.Record(0, quiz.Player{ID: 2, Name: "Aigerim"}, 0, start.Add(4*time.Second))
	c.Record(0, quiz.Player{ID: 3, Name: "Li Wei"}, 0, start.Add(3*time.Second))
	c.Record(0, quiz.Player{ID: 4, Name: "Daniyar"}, 1, start.Add(2*time.Second))
	c.Record(0, quiz.Player{ID: 5, Name: "Late"}, 0, start.Add(31*time.Second)) // ErrLate
	st, _ := c.Close(start.Add(30 * time.Second))
	fmt.Printf("%d of %d answered correctly\n", st.Correct, st.Answered)
	c.Finish(start.Add(30*time.Second), false)
	for _, s := range c.Leaderboard() {
		fmt.Println(s.Rank, s.Player.Name, s.Score, s.Time)
	}
	// Output:
	// 2 of 3 answered correctly
	// 1 Li Wei 1 3s
	// 2 Aigerim 1 4s
	// 3 Daniyar 0 2s
}
