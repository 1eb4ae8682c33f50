package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/silkroad-bot/silkroad/quiz"
)

// SaveHomework saves homework under its code, with its due date apart
// so that HomeworkDue finds it by an index.
func (d *DB) SaveHomework(h *quiz.Homework) error {
	raw, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("save homework %s: %w", h.Code, err)
	}
	var due *time.Time
	if !h.Due.IsZero() {
		due = &h.Due
	}
	return d.do("save homework", func(ctx context.Context) error {
		_, err := d.pool.Exec(ctx, `INSERT INTO homework (code, data, due) VALUES ($1, $2, $3)
			ON CONFLICT (code) DO UPDATE SET data = EXCLUDED.data, due = EXCLUDED.due`, h.Code, raw, due)
		return err
	})
}

// LoadHomework returns the homework with code.
func (d *DB) LoadHomework(code string) (*quiz.Homework, bool, error) {
	var h quiz.Homework
	found, err := d.load("homework", "code", code, &h)
	if !found || err != nil {
		return nil, false, err
	}
	return &h, true, nil
}

// HomeworkDue returns the homework due before t whose reminder is not
// yet claimed, soonest first.
func (d *DB) HomeworkDue(t time.Time) ([]*quiz.Homework, error) {
	return loadAll[quiz.Homework](d, "load homework due",
		`SELECT data FROM homework WHERE due IS NOT NULL AND NOT reminded AND due < $1 ORDER BY due, code`, t)
}

// ClaimReminder claims the homework's one reminder: true for the first
// caller of any replica, as the row changes for one of them only.
func (d *DB) ClaimReminder(code string) (bool, error) {
	claimed := false
	err := d.do("claim reminder", func(ctx context.Context) error {
		tag, err := d.pool.Exec(ctx, `UPDATE homework SET reminded = true WHERE code = $1 AND NOT reminded`, code)
		claimed = err == nil && tag.RowsAffected() == 1
		return err
	})
	return claimed, err
}

// SaveSet saves a teacher's question set, replacing the one of the same name.
func (d *DB) SaveSet(s *quiz.Set) error {
	raw, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("save set %q: %w", s.Name, err)
	}
	return d.do("save set", func(ctx context.Context) error {
		_, err := d.pool.Exec(ctx, `INSERT INTO question_set (owner, key, data) VALUES ($1, $2, $3)
			ON CONFLICT (owner, key) DO UPDATE SET data = EXCLUDED.data`, s.Owner, quiz.SetKey(s.Name), raw)
		return err
	})
}

// LoadSet returns the owner's set of that name (any case), or the draft
// for the empty name.
func (d *DB) LoadSet(owner int64, name string) (*quiz.Set, bool, error) {
	var raw []byte
	err := d.do("load set", func(ctx context.Context) error {
		err := d.pool.QueryRow(ctx, `SELECT data FROM question_set WHERE owner = $1 AND key = $2`, owner, quiz.SetKey(name)).Scan(&raw)
		if errors.Is(err, pgx.ErrNoRows) {
			raw = nil
			return nil
		}
		return err
	})
	if err != nil || raw == nil {
		return nil, false, err
	}
	var s quiz.Set
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, false, fmt.Errorf("load set %q: %w", name, err)
	}
	return &s, true, nil
}

// Sets returns the owner's named sets, by name.
func (d *DB) Sets(owner int64) ([]*quiz.Set, error) {
	return loadAll[quiz.Set](d, "load sets", `SELECT data FROM question_set WHERE owner = $1 AND key <> '' ORDER BY key`, owner)
}

// loadAll decodes the JSON data column of every row sql selects.
func loadAll[T any](d *DB, what, sql string, args ...any) ([]*T, error) {
	var out []*T
	err := d.do(what, func(ctx context.Context) error {
		out = nil
		rows, err := d.pool.Query(ctx, sql, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var raw []byte
			if err := rows.Scan(&raw); err != nil {
				return err
			}
			v := new(T)
			if err := json.Unmarshal(raw, v); err != nil {
				return err
			}
			out = append(out, v)
		}
		return rows.Err()
	})
	return out, err
}

// RenameSet renames the owner's set, in one transaction.
func (d *DB) RenameSet(owner int64, from, to string) error {
	var outcome error
	err := d.do("rename set", func(ctx context.Context) error {
		outcome = nil
		return pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error {
			var raw []byte
			err := tx.QueryRow(ctx, `SELECT data FROM question_set WHERE owner = $1 AND key = $2 FOR UPDATE`, owner, quiz.SetKey(from)).Scan(&raw)
			if errors.Is(err, pgx.ErrNoRows) {
				outcome = quiz.ErrNoSet
				return nil
			}
			if err != nil {
				return err
			}
			if quiz.SetKey(from) != quiz.SetKey(to) {
				var n int
				if err := tx.QueryRow(ctx, `SELECT count(*) FROM question_set WHERE owner = $1 AND key = $2`, owner, quiz.SetKey(to)).Scan(&n); err != nil {
					return err
				}
				if n > 0 {
					outcome = quiz.ErrSetExists
					return nil
				}
			}
			var s quiz.Set
			if err := json.Unmarshal(raw, &s); err != nil {
				return err
			}
			s.Name = to
			if raw, err = json.Marshal(&s); err != nil {
				return err
			}
			_, err = tx.Exec(ctx, `UPDATE question_set SET key = $3, data = $4 WHERE owner = $1 AND key = $2`, owner, quiz.SetKey(from), quiz.SetKey(to), raw)
			return err
		})
	})
	if err != nil {
		return err
	}
	return outcome
}

// DeleteSet deletes the owner's set of that name.
func (d *DB) DeleteSet(owner int64, name string) (bool, error) {
	found := false
	err := d.do("delete set", func(ctx context.Context) error {
		tag, err := d.pool.Exec(ctx, `DELETE FROM question_set WHERE owner = $1 AND key = $2`, owner, quiz.SetKey(name))
		found = err == nil && tag.RowsAffected() == 1
		return err
	})
	return found, err
}
