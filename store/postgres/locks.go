package postgres

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

var (
	osHostname = os.Hostname
	osGetpid   = os.Getpid
)

// LockChat takes the chat's lock, shared by every replica, waiting as
// long as ctx allows, and returns the function that lets it go. Quizzes
// hold it while they change a chat's quiz, so that a vote, a /next and
// the clock never change one quiz at once on two replicas. A replica
// that dies lets its locks go with its connections.
func (d *DB) LockChat(ctx context.Context, chatID int64) (unlock func(), err error) {
	deadline := time.Now().Add(RetryFor)
	wait := 50 * time.Millisecond
	for {
		c, err := d.lockOnce(ctx, chatID)
		if err == nil {
			return func() { d.unlock(c, `SELECT pg_advisory_unlock($1)`, chatID) }, nil
		}
		if !retryable(err) || ctx.Err() != nil || time.Now().After(deadline) {
			return nil, fmt.Errorf("lock chat %d: %w", chatID, err)
		}
		d.log.Warn("database call failed; retrying", "op", "lock chat", "retry_in", wait, "err", err)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil, fmt.Errorf("lock chat %d: %w", chatID, ctx.Err())
		}
		wait = min(wait*2, 2*time.Second)
	}
}

func (d *DB) lockOnce(ctx context.Context, chatID int64) (*pgxpool.Conn, error) {
	c, err := d.locks.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := c.Exec(ctx, `SELECT pg_advisory_lock($1)`, chatID); err != nil {
		// The wait may have been cut short with the lock granted on the
		// server: only closing the connection surely lets it go.
		c.Conn().Close(context.Background())
		c.Release()
		return nil, err
	}
	d.keep(c)
	return c, nil
}

// keep records c as holding a lock until unlock gives it back.
func (d *DB) keep(c *pgxpool.Conn) {
	d.mu.Lock()
	d.held[c] = true
	d.mu.Unlock()
}

// unlock runs the unlocking sql on c and gives c back; if that fails, c
// is closed, which lets go of every lock it held.
func (d *DB) unlock(c *pgxpool.Conn, sql string, args ...any) {
	d.mu.Lock()
	held := d.held[c]
	delete(d.held, c)
	d.mu.Unlock()
	if !held {
		return // closed with the store
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	if _, err := c.Exec(ctx, sql, args...); err != nil {
		c.Conn().Close(ctx)
	}
	c.Release()
}

// Lead waits until this replica is the one that polls Telegram for
// updates, or ctx is done. lost is closed if the lead is lost (the
// database connection holding it failed); release gives it up.
func (d *DB) Lead(ctx context.Context) (lost <-chan struct{}, release func(), err error) {
	logged := false
	for {
		c, err := d.locks.Acquire(ctx)
		if err == nil {
			var got bool
			err = c.QueryRow(ctx, `SELECT pg_try_advisory_lock($1, $2)`, lockSpace, lockPollLead).Scan(&got)
			if err == nil && got {
				d.keep(c)
				return d.hold(c)
			}
			c.Release()
		}
		if err != nil && ctx.Err() == nil {
			d.log.Warn("asking for the polling lead failed; retrying", "err", err)
		} else if !logged {
			d.log.Info("another replica polls Telegram; waiting to take over")
			logged = true
		}
		select {
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		case <-time.After(heartbeat / 2):
		}
	}
}

// hold keeps the lead held on c, checking the connection every
// heartbeat, until released.
func (d *DB) hold(c *pgxpool.Conn) (<-chan struct{}, func(), error) {
	lost, stop, stopped := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(heartbeat)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			ctx, cancel := context.WithTimeout(context.Background(), heartbeat)
			err := c.Ping(ctx)
			cancel()
			if err != nil {
				d.log.Error("lost the polling lead: its database connection failed", "err", err)
				close(lost)
				return
			}
		}
	}()
	release := func() {
		close(stop)
		<-stopped
		d.unlock(c, `SELECT pg_advisory_unlock($1, $2)`, lockSpace, lockPollLead)
	}
	return lost, release, nil
}

// heartbeat keeps this replica in the replica table until Close.
func (d *DB) heartbeat() {
	defer close(d.done)
	t := time.NewTicker(heartbeat)
	defer t.Stop()
	for {
		select {
		case <-d.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), heartbeat)
		if err := d.beat(ctx); err != nil {
			d.log.Warn("replica heartbeat failed", "err", err)
		}
		cancel()
	}
}

func (d *DB) beat(ctx context.Context) error {
	_, err := d.pool.Exec(ctx, `WITH gone AS (DELETE FROM replica WHERE seen < now() - $2::interval)
		INSERT INTO replica (id, seen) VALUES ($1, now()) ON CONFLICT (id) DO UPDATE SET seen = now()`,
		d.id, replicaExpiry.String())
	if err != nil {
		return fmt.Errorf("replica heartbeat: %w", err)
	}
	return nil
}

// Replicas returns how many replicas are alive, this one included: each
// takes that share of the bot's send limits.
func (d *DB) Replicas() (int, error) {
	var n int
	err := d.do("count replicas", func(ctx context.Context) error {
		return d.pool.QueryRow(ctx, `SELECT count(*) FROM replica WHERE seen >= now() - $1::interval`, replicaExpiry.String()).Scan(&n)
	})
	return max(n, 1), err
}
