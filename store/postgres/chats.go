package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// Lang returns the language the user chose with /lang.
func (d *DB) Lang(userID int64) (string, bool, error) {
	var lang string
	err := d.do("load lang", func(ctx context.Context) error {
		err := d.pool.QueryRow(ctx, `SELECT lang FROM lang WHERE user_id = $1`, userID).Scan(&lang)
		if errors.Is(err, pgx.ErrNoRows) {
			lang = ""
			return nil
		}
		return err
	})
	return lang, lang != "", err
}

// SetLang stores the user's language choice; an empty lang forgets it.
func (d *DB) SetLang(userID int64, lang string) error {
	return d.do("save lang", func(ctx context.Context) error {
		var err error
		if lang == "" {
			_, err = d.pool.Exec(ctx, `DELETE FROM lang WHERE user_id = $1`, userID)
		} else {
			_, err = d.pool.Exec(ctx, `INSERT INTO lang (user_id, lang) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET lang = EXCLUDED.lang`, userID, lang)
		}
		return err
	})
}

// Topic returns the fact last given in the chat and when, or "".
func (d *DB) Topic(_ context.Context, chatID int64) (string, time.Time, error) {
	var fact string
	var at time.Time
	err := d.do("load topic", func(ctx context.Context) error {
		err := d.pool.QueryRow(ctx, `SELECT fact, at FROM topic WHERE chat_id = $1`, chatID).Scan(&fact, &at)
		if errors.Is(err, pgx.ErrNoRows) {
			fact, at = "", time.Time{}
			return nil
		}
		return err
	})
	return fact, at, err
}

// SetTopic records the fact last given in the chat. Topics set while
// one is being written share the next statement.
func (d *DB) SetTopic(_ context.Context, chatID int64, factID string, at time.Time) error {
	_, err := d.topics.do(topicSet{chatID, factID, at})
	return err
}

type topicSet struct {
	chat int64
	fact string
	at   time.Time
}

// writeTopics writes batch in one statement; of a chat set twice, the
// latest setting stays.
func (d *DB) writeTopics(batch []topicSet) ([]struct{}, error) {
	last := map[int64]topicSet{}
	for _, t := range batch {
		if old, ok := last[t.chat]; !ok || !t.at.Before(old.at) {
			last[t.chat] = t
		}
	}
	var chats []int64
	var facts []string
	var ats []time.Time
	for _, t := range last {
		chats, facts, ats = append(chats, t.chat), append(facts, t.fact), append(ats, t.at)
	}
	err := d.do("save topics", func(ctx context.Context) error {
		_, err := d.pool.Exec(ctx, `INSERT INTO topic (chat_id, fact, at)
			SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[])
			ON CONFLICT (chat_id) DO UPDATE SET fact = EXCLUDED.fact, at = EXCLUDED.at`, chats, facts, ats)
		return err
	})
	if err != nil {
		return nil, err
	}
	return make([]struct{}, len(batch)), nil
}

// Add adds delta to the named counter and returns its new value.
func (d *DB) Add(name string, delta int64) (int64, error) {
	var n int64
	err := d.do("add to counter", func(ctx context.Context) error {
		return d.pool.QueryRow(ctx, `INSERT INTO counter (name, n) VALUES ($1, $2)
			ON CONFLICT (name) DO UPDATE SET n = counter.n + EXCLUDED.n RETURNING n`, name, delta).Scan(&n)
	})
	return n, err
}

// Counters returns every counter by name.
func (d *DB) Counters() (map[string]int64, error) {
	out := map[string]int64{}
	err := d.do("load counters", func(ctx context.Context) error {
		rows, err := d.pool.Query(ctx, `SELECT name, n FROM counter`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var name string
			var n int64
			if err := rows.Scan(&name, &n); err != nil {
				return err
			}
			out[name] = n
		}
		return rows.Err()
	})
	return out, err
}
