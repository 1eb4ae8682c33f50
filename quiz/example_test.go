package quiz_test

import (
	"fmt"

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
