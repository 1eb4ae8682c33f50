// Package postgres keeps silkroad's state in PostgreSQL, so that several
// replicas of the bot can share it: the quizzes, the language choices,
// the chats' topics, which updates were handled, and counters, as the
// bbolt store does for one process, plus what replicas need to agree on:
// claims on updates (Claim), a lock per chat (LockChat), a leader for
// long polling (Lead) and the live replicas that share the send limits
// (Replicas).
//
// Values are the same JSON the bbolt store writes, kept as bytea. Every
// call retries for up to RetryFor when the connection fails (a database
// restart, say), logging each failure, so that a short outage loses
// nothing.
package postgres

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/silkroad-bot/silkroad/quiz"
	"github.com/silkroad-bot/silkroad/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Lock spaces: PostgreSQL keeps the two-key advisory locks apart from the
// one-key ones, which LockChat uses with the chat id itself.
const (
	lockSpace     = 0x51_4b_52 // "SKR"
	lockMigrate   = 1
	lockPollLead  = 2
	opTimeout     = 10 * time.Second
	connectWait   = 5 * time.Second
	heartbeat     = 2 * time.Second
	replicaExpiry = 3 * heartbeat
)

// RetryFor is how long a call keeps retrying while the database cannot
// be reached, before it fails.
var RetryFor = 30 * time.Second

// DB is silkroad's state in PostgreSQL. It is safe for concurrent use,
// by goroutines and by processes.
type DB struct {
	pool *pgxpool.Pool // queries: never held while waiting
	// claims takes update claims. Its sessions commit without waiting
	// for the disk (synchronous_commit off): a claim is seen by every
	// replica at once all the same, and only a crash of PostgreSQL
	// itself can lose the last of them, which at worst lets an update
	// in flight be answered twice. Everything else waits for the disk.
	claims *pgxpool.Pool
	locks  *pgxpool.Pool // connections holding advisory locks
	log    *slog.Logger
	id     string // this replica, in the replica table
	stop   chan struct{}
	done   chan struct{}

	mu   sync.Mutex
	held map[*pgxpool.Conn]bool // lock connections not yet given back

	marks  *batcher[mark, bool]
	topics *batcher[topicSet, struct{}]
}

var _ store.Store = (*DB)(nil)

// Open connects to the database at url, runs the migrations it has not
// run yet (one replica at a time) and starts the replica's heartbeat.
// An unreachable database or a refused login fails within a few
// seconds, with an error that names the server but not the password.
func Open(ctx context.Context, url string, log *slog.Logger) (*DB, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL does not parse (want postgres://user:password@host:5432/dbname): %s", scrubURL(err.Error(), url))
	}
	where := describe(cfg.ConnConfig)
	cfg.ConnConfig.ConnectTimeout = connectWait
	cfg.MaxConns = max(cfg.MaxConns, 16)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL at %s: %w", where, err)
	}
	lcfg := cfg.Copy()
	lcfg.MaxConns = 64
	lcfg.MinConns = 0
	locks, err := pgxpool.NewWithConfig(ctx, lcfg)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("PostgreSQL at %s: %w", where, err)
	}
	ccfg := cfg.Copy()
	if ccfg.ConnConfig.RuntimeParams == nil {
		ccfg.ConnConfig.RuntimeParams = map[string]string{}
	}
	ccfg.ConnConfig.RuntimeParams["synchronous_commit"] = "off"
	claims, err := pgxpool.NewWithConfig(ctx, ccfg)
	if err != nil {
		pool.Close()
		locks.Close()
		return nil, fmt.Errorf("PostgreSQL at %s: %w", where, err)
	}
	d := &DB{pool: pool, claims: claims, locks: locks, log: log, stop: make(chan struct{}), done: make(chan struct{}),
		id: replicaID(), held: map[*pgxpool.Conn]bool{}}
	pctx, cancel := context.WithTimeout(ctx, connectWait+time.Second)
	defer cancel()
	if err := pool.Ping(pctx); err != nil {
		d.closePools()
		return nil, fmt.Errorf("cannot reach PostgreSQL at %s: %s (is it running, and are DATABASE_URL's user and password right?)", where, reason(err))
	}
	if err := d.migrate(ctx); err != nil {
		d.closePools()
		return nil, fmt.Errorf("PostgreSQL at %s: %w", where, err)
	}
	if err := d.beat(ctx); err != nil {
		d.closePools()
		return nil, fmt.Errorf("PostgreSQL at %s: %w", where, err)
	}
	go d.heartbeat()
	d.marks = newBatcher(d.stop, d.writeMarks)
	d.topics = newBatcher(d.stop, d.writeTopics)
	return d, nil
}

// describe names the server and database of cfg, without the password.
func describe(c *pgx.ConnConfig) string {
	host := c.Host
	if !strings.HasPrefix(host, "/") {
		host = net.JoinHostPort(host, strconv.Itoa(int(c.Port)))
	}
	return fmt.Sprintf("%s (database %s, user %s)", host, c.Database, c.User)
}

// scrubURL removes the URL, which may hold a password, from a message.
func scrubURL(msg, url string) string {
	if url == "" {
		return msg
	}
	return strings.ReplaceAll(msg, url, "DATABASE_URL")
}

// reason is the part of a connection error a person can act on.
func reason(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000":
			return "the password or user was refused"
		case "3D000":
			return "the database does not exist"
		}
		return pe.Message
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		if u := errors.Unwrap(ce); u != nil {
			err = u
		}
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && strings.Contains(msg, "dial") {
		msg = msg[i+2:]
	}
	return msg
}

func replicaID() string {
	host, _ := osHostname()
	return fmt.Sprintf("%s-%d-%d", host, osGetpid(), time.Now().UnixNano()%1_000_000)
}

// migrate runs the migrations not yet run, in order, each in its own
// transaction, while holding a lock that makes replicas starting at once
// take turns.
func (d *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	slices.Sort(names)
	tx, err := d.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, $2)`, lockSpace, lockMigrate); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version int PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var have int
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&have); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, name := range names {
		v, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(name, "migrations/"), "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: no version number", name)
		}
		if v <= have {
			continue
		}
		sql, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, string(sql)); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, v); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		d.log.Info("database migrated", "version", v)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Close stops the heartbeat, forgets this replica and closes the
// connections; the advisory locks it held are released with them.
func (d *DB) Close() error {
	select {
	case <-d.stop:
		return nil
	default:
	}
	close(d.stop)
	<-d.done
	<-d.marks.done
	<-d.topics.done
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	d.pool.Exec(ctx, `DELETE FROM replica WHERE id = $1`, d.id)
	cancel()
	d.closePools()
	return nil
}

func (d *DB) closePools() {
	// A lock still held when the store closes is let go with its
	// connection; its holder's unlock then does nothing.
	d.mu.Lock()
	for c := range d.held {
		c.Conn().Close(context.Background())
		c.Release()
	}
	clear(d.held)
	d.mu.Unlock()
	d.locks.Close()
	d.claims.Close()
	d.pool.Close()
}

// retryable reports whether err is a connection failing rather than the
// query: worth trying again on a new connection.
func retryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// Class 08: connection exception; 57P0x: the server shutting
		// down or restarting; 40001/40P01: serialization or deadlock.
		return strings.HasPrefix(pe.Code, "08") || strings.HasPrefix(pe.Code, "57P") ||
			pe.Code == "40001" || pe.Code == "40P01"
	}
	var ne net.Error
	return pgconn.SafeToRetry(err) || errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) ||
		strings.Contains(err.Error(), "conn closed") || strings.Contains(err.Error(), "unexpected EOF")
}

// do runs f, again on connection failures for up to RetryFor, each try
// with its own timeout. what names the call in errors and logs.
func (d *DB) do(what string, f func(ctx context.Context) error) error {
	deadline := time.Now().Add(RetryFor)
	wait := 50 * time.Millisecond
	for try := 1; ; try++ {
		ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
		err := f(ctx)
		cancel()
		if err == nil {
			if try > 1 {
				d.log.Info("database reachable again", "op", what, "tries", try)
			}
			return nil
		}
		if !retryable(err) || time.Now().Add(wait).After(deadline) {
			return fmt.Errorf("%s: %w", what, err)
		}
		d.log.Warn("database call failed; retrying", "op", what, "try", try, "retry_in", wait, "err", err)
		select {
		case <-time.After(wait):
		case <-d.stop:
			return fmt.Errorf("%s: %w (store closing)", what, err)
		}
		wait = min(wait*2, 2*time.Second)
	}
}

// save writes v as JSON under key in table, replacing what was there.
func (d *DB) save(table, key string, arg any, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("save %s %v: %w", table, arg, err)
	}
	sql := `INSERT INTO ` + table + ` (` + key + `, data) VALUES ($1, $2) ON CONFLICT (` + key + `) DO UPDATE SET data = EXCLUDED.data`
	return d.do("save "+table, func(ctx context.Context) error {
		_, err := d.pool.Exec(ctx, sql, arg, raw)
		return err
	})
}

// load decodes the value under key in table into v and reports whether
// there was one.
func (d *DB) load(table, key string, arg any, v any) (bool, error) {
	var raw []byte
	err := d.do("load "+table, func(ctx context.Context) error {
		err := d.pool.QueryRow(ctx, `SELECT data FROM `+table+` WHERE `+key+` = $1`, arg).Scan(&raw)
		if errors.Is(err, pgx.ErrNoRows) {
			raw = nil
			return nil
		}
		return err
	})
	if err != nil || raw == nil {
		return false, err
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return false, fmt.Errorf("load %s %v: %w", table, arg, err)
	}
	return true, nil
}

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
	var out []*quiz.Class
	err := d.do("load running classes", func(ctx context.Context) error {
		out = nil
		rows, err := d.pool.Query(ctx, `SELECT chat_id, data FROM class ORDER BY chat_id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var raw []byte
			if err := rows.Scan(&id, &raw); err != nil {
				return err
			}
			var c quiz.Class
			if err := json.Unmarshal(raw, &c); err != nil {
				return fmt.Errorf("chat %d: %w", id, err)
			}
			out = append(out, &c)
		}
		return rows.Err()
	})
	return out, err
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

// SaveHomework saves homework under its code.
func (d *DB) SaveHomework(h *quiz.Homework) error { return d.save("homework", "code", h.Code, h) }

// LoadHomework returns the homework with code.
func (d *DB) LoadHomework(code string) (*quiz.Homework, bool, error) {
	var h quiz.Homework
	found, err := d.load("homework", "code", code, &h)
	if !found || err != nil {
		return nil, false, err
	}
	return &h, true, nil
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
	var out []quiz.Submission
	err := d.do("load submissions", func(ctx context.Context) error {
		out = nil
		rows, err := d.pool.Query(ctx, `SELECT data FROM submission WHERE code = $1 ORDER BY user_id`, code)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var raw []byte
			if err := rows.Scan(&raw); err != nil {
				return err
			}
			var s quiz.Submission
			if err := json.Unmarshal(raw, &s); err != nil {
				return err
			}
			out = append(out, s)
		}
		return rows.Err()
	})
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
