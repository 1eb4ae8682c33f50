package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/quiz"
	"github.com/silkroad-bot/silkroad/store"
	"github.com/silkroad-bot/silkroad/store/postgres"
)

// enableQuiz adds the quizzes to h, keeping their state in db. The
// caller runs q.Run(ctx, tg) beside the Telegram
// transport (the console needs no Run) and waits for it to return
// before closing db.
func enableQuiz(h *bot.Handler, db quiz.Store) (*bot.Quiz, error) {
	bank, err := quiz.NewBank(h.Base())
	if err != nil {
		return nil, fmt.Errorf("build quiz bank: %w", err)
	}
	return bot.EnableQuiz(h, bot.QuizOptions{Bank: bank, Store: db}), nil
}

// openStore opens the state's store: PostgreSQL when databaseURL is set,
// else bbolt in dataDir, with an error that says what it is for and what
// to check. A database that cannot be reached or refuses the login is a
// setting to fix: one line, and exit code 2.
func openStore(ctx context.Context, dataDir, databaseURL string, log *slog.Logger) (store.Store, error) {
	if databaseURL != "" {
		db, err := postgres.Open(ctx, databaseURL, log)
		if err != nil {
			return nil, usageError{Msg: "DATABASE_URL: " + err.Error()}
		}
		return db, nil
	}
	db, err := store.Open(dataDir)
	if errors.Is(err, store.ErrDamaged) {
		return nil, damagedError{err}
	}
	if err != nil {
		return nil, fmt.Errorf("DATA_DIR %s holds quizzes and settings, but %w (is DATA_DIR writable, and no other silkroad using it?)", dataDir, err)
	}
	return db, nil
}

// damagedError is a damaged database: silkroad says so in one line and
// exits with exitUsage, as for a setting to fix, without a stack trace.
type damagedError struct{ err error }

func (e damagedError) Error() string { return e.err.Error() }
func (e damagedError) Unwrap() error { return e.err }

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
	// I18n holds the question in other languages, options in the same order.
	I18n map[string]quiz.Text `json:"i18n,omitempty"`
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
			Explanation: q.Explanation, FactIDs: q.FactIDs, I18n: q.I18n}
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
