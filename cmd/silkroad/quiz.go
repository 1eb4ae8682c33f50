package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/quiz"
	"github.com/silkroad-bot/silkroad/store"
)

// enableQuiz opens the store in dataDir and adds the quizzes to h. The
// caller runs q.Run(ctx, tg.QuizTransport()) beside the Telegram
// transport (the console needs no Run), waits for it on shutdown, and
// then closes the returned store.
func enableQuiz(h *bot.Handler, dataDir string) (*bot.Quiz, io.Closer, error) {
	bank, err := quiz.NewBank(h.Base())
	if err != nil {
		return nil, nil, fmt.Errorf("build quiz bank: %w", err)
	}
	db, err := store.Open(dataDir)
	if err != nil {
		return nil, nil, err
	}
	return bot.EnableQuiz(h, bot.QuizOptions{Bank: bank, Store: db}), db, nil
}

// jsonQuestion is one question of `silkroad quiz --json`.
type jsonQuestion struct {
	ID          string   `json:"id"`
	Category    string   `json:"category"`
	Difficulty  string   `json:"difficulty"`
	Question    string   `json:"question"`
	Options     []string `json:"options"`
	Correct     int      `json:"correct"`
	Explanation string   `json:"explanation"`
	FactIDs     []string `json:"fact_ids"`
}

// runQuiz prints the quiz question bank.
func runQuiz(args []string, stdout io.Writer) error {
	fs := newFlags("quiz")
	asJSON := fs.Bool("json", false, "print the bank as a JSON array")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	base, err := knowledge.Default()
	if err != nil {
		return fmt.Errorf("load knowledge: %w", err)
	}
	bank, err := quiz.NewBank(base)
	if err != nil {
		return fmt.Errorf("build quiz bank: %w", err)
	}
	if !*asJSON {
		for _, q := range bank.Questions {
			fmt.Fprintf(stdout, "%-40s %-14s %-6s %s\n", q.ID, q.Category, q.Difficulty, q.Question)
		}
		return nil
	}
	out := make([]jsonQuestion, len(bank.Questions))
	for i, q := range bank.Questions {
		out[i] = jsonQuestion{ID: q.ID, Category: string(q.Category), Difficulty: string(q.Difficulty),
			Question: q.Question, Options: q.Options, Correct: q.Correct,
			Explanation: q.Explanation, FactIDs: q.FactIDs}
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
