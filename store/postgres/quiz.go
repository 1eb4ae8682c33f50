package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/silkroad-bot/silkroad/quiz"
)

// SaveClass saves a running class quiz, replacing the chat's previous
// state, and records its polls so that any replica finds the chat of a
// vote (PollChat).
func (d *DB) SaveClass(c *quiz.Class) error {
	raw, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("save class %d: %w", c.ChatID, err)
	}
	var polls []string
	for _, r := range c.Rounds {
		if r.Ref != "" {
			polls = append(polls, r.Ref)
		}
	}
	return d.do("save class", func(ctx context.Context) error {
		b := &pgx.Batch{}
		b.Queue(`INSERT INTO class (chat_id, data) VALUES ($1, $2) ON CONFLICT (chat_id) DO UPDATE SET data = EXCLUDED.data`, c.ChatID, raw)
		if len(polls) > 0 {
			b.Queue(`INSERT INTO class_poll (poll_id, chat_id) SELECT unnest($1::text[]), $2 ON CONFLICT (poll_id) DO NOTHING`, polls, c.ChatID)
		}
		return d.pool.SendBatch(ctx, b).Close()
	})
}

// LoadClass returns the chat's running class quiz.
func (d *DB) LoadClass(chatID int64) (*quiz.Class, bool, error) {
	var c quiz.Class
	found, err := d.load("class", "chat_id", chatID, &c)
	if !found || err != nil {
		return nil, false, err
	}
	return &c, true, nil
}

// RunningClasses returns every saved running class quiz.
func (d *DB) RunningClasses() ([]*quiz.Class, error) {
	return loadAll[quiz.Class](d, "load running classes", `SELECT data FROM class ORDER BY chat_id`)
}

// PollChat returns the chat of a running class quiz's poll.
func (d *DB) PollChat(pollID string) (int64, bool, error) {
	var chat int64
	found := false
	err := d.do("find poll", func(ctx context.Context) error {
		err := d.pool.QueryRow(ctx, `SELECT p.chat_id FROM class_poll p JOIN class c USING (chat_id) WHERE p.poll_id = $1`, pollID).Scan(&chat)
		if errors.Is(err, pgx.ErrNoRows) {
			found = false
			return nil
		}
		found = err == nil
		return err
	})
	return chat, found, err
}

// FinishClass saves c as its chat's last finished quiz and removes the
// chat's running quiz, in one transaction.
func (d *DB) FinishClass(c *quiz.Class) error {
	raw, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("finish class %d: %w", c.ChatID, err)
	}
	return d.do("finish class", func(ctx context.Context) error {
		return pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO class_last (chat_id, data) VALUES ($1, $2) ON CONFLICT (chat_id) DO UPDATE SET data = EXCLUDED.data`, c.ChatID, raw); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `DELETE FROM class WHERE chat_id = $1`, c.ChatID); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `DELETE FROM class_poll WHERE chat_id = $1`, c.ChatID)
			return err
		})
	})
}

// LastClass returns the chat's last finished class quiz.
func (d *DB) LastClass(chatID int64) (*quiz.Class, bool, error) {
	var c quiz.Class
	found, err := d.load("class_last", "chat_id", chatID, &c)
	if !found || err != nil {
		return nil, false, err
	}
	return &c, true, nil
}

// SaveSubmission saves a student's attempt at a homework, replacing an
// earlier state of the same attempt.
func (d *DB) SaveSubmission(s quiz.Submission) error {
	raw, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("save submission %s: %w", s.Code, err)
	}
	return d.do("save submission", func(ctx context.Context) error {
		_, err := d.pool.Exec(ctx, `INSERT INTO submission (code, user_id, data) VALUES ($1, $2, $3)
			ON CONFLICT (code, user_id) DO UPDATE SET data = EXCLUDED.data`, s.Code, s.Student.ID, raw)
		return err
	})
}

// Submissions returns every attempt at the homework with code.
func (d *DB) Submissions(code string) ([]quiz.Submission, error) {
	subs, err := loadAll[quiz.Submission](d, "load submissions", `SELECT data FROM submission WHERE code = $1 ORDER BY user_id`, code)
	out := make([]quiz.Submission, len(subs))
	for i, s := range subs {
		out[i] = *s
	}
	return out, err
}

// SavePractice saves a user's practice or homework attempt in progress.
func (d *DB) SavePractice(p *quiz.Practice) error { return d.save("practice", "user_id", p.UserID, p) }

// LoadPractice returns the user's practice in progress.
func (d *DB) LoadPractice(userID int64) (*quiz.Practice, bool, error) {
	var p quiz.Practice
	found, err := d.load("practice", "user_id", userID, &p)
	if !found || err != nil {
		return nil, false, err
	}
	return &p, true, nil
}

// DeletePractice removes the user's practice; removing none is not an error.
func (d *DB) DeletePractice(userID int64) error {
	return d.do("delete practice", func(ctx context.Context) error {
		_, err := d.pool.Exec(ctx, `DELETE FROM practice WHERE user_id = $1`, userID)
		return err
	})
}

// SaveDecks saves students' review decks in one transaction.
func (d *DB) SaveDecks(ks ...*quiz.Deck) error {
	raws := make([][]byte, len(ks))
	for i, k := range ks {
		raw, err := json.Marshal(k)
		if err != nil {
			return fmt.Errorf("save review deck %d: %w", k.UserID, err)
		}
		raws[i] = raw
	}
	return d.do("save review decks", func(ctx context.Context) error {
		tx, err := d.pool.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		for i, k := range ks {
			if _, err := tx.Exec(ctx, `INSERT INTO deck (user_id, data) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET data = EXCLUDED.data`, k.UserID, raws[i]); err != nil {
				return err
			}
		}
		return tx.Commit(ctx)
	})
}

// LoadDeck returns a student's review deck.
func (d *DB) LoadDeck(userID int64) (*quiz.Deck, bool, error) {
	var k quiz.Deck
	found, err := d.load("deck", "user_id", userID, &k)
	if !found || err != nil {
		return nil, false, err
	}
	return &k, true, nil
}
