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
