package bot

import "github.com/silkroad-bot/silkroad/internal/clock"

// Clock is the source of time of the quizzes; tests pass a fake one.
type Clock = clock.Clock
