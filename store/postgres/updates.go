package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// Handled reports whether update id has been marked handled.
func (d *DB) Handled(id int64) (bool, error) {
	var done bool
	err := d.do("check update", func(ctx context.Context) error {
		err := d.pool.QueryRow(ctx, `SELECT done FROM handled_update WHERE id = $1`, id).Scan(&done)
		if errors.Is(err, pgx.ErrNoRows) {
			done = false
			return nil
		}
		return err
	})
	return done, err
}

// Claim takes update id for this replica for lease, so that no other
// handles it meanwhile. claimed says this replica should handle it; done
// says it was handled already. Neither means another replica holds it
// now: if that replica dies, its claim expires after lease and the
// update can be claimed again.
func (d *DB) Claim(id int64, now time.Time, lease time.Duration) (claimed, done bool, err error) {
	err = d.do("claim update", func(ctx context.Context) error {
		claimed, done = false, false
		err := d.claims.QueryRow(ctx, `INSERT INTO handled_update (id, at, done, until) VALUES ($1, $2, false, $3)
			ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at, until = EXCLUDED.until
			WHERE NOT handled_update.done AND handled_update.until < EXCLUDED.at
			RETURNING true`, id, now, now.Add(lease)).Scan(&claimed)
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		err = d.pool.QueryRow(ctx, `SELECT done FROM handled_update WHERE id = $1`, id).Scan(&done)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil // pruned meanwhile: let Telegram send it again
		}
		return err
	})
	return claimed, done, err
}

// Renew extends this replica's claim on update id until until, for an
// update whose handling outlasts the lease (replies waiting on the send
// limits).
func (d *DB) Renew(id int64, until time.Time) error {
	return d.do("renew claim", func(ctx context.Context) error {
		_, err := d.claims.Exec(ctx, `UPDATE handled_update SET until = $2 WHERE id = $1 AND NOT done`, id, until)
		return err
	})
}

// MarkHandled records that update id was handled at now and forgets its
// pending copy. It reports whether this is the first mark; a claim does
// not count as one. Marks that arrive while one is being written share
// the next statement (a group commit), so that under load a mark costs
// a fraction of a round trip.
func (d *DB) MarkHandled(id int64, now time.Time) (first bool, err error) {
	r, err := d.marks.do(mark{id: id, at: now})
	return r, err
}

type mark struct {
	id int64
	at time.Time
}

// batcher hands requests to one goroutine that writes all those waiting
// in one statement (a group commit): under load a write costs a fraction
// of a round trip, and alone it waits for nothing.
type batcher[Req, Res any] struct {
	reqs  chan batchReq[Req, Res]
	stop  <-chan struct{}
	done  chan struct{}
	write func([]Req) ([]Res, error)
}

type batchReq[Req, Res any] struct {
	req Req
	res chan batchRes[Res]
}

type batchRes[Res any] struct {
	res Res
	err error
}

// maxBatch is how many requests one statement writes at most.
const maxBatch = 512

func newBatcher[Req, Res any](stop <-chan struct{}, write func([]Req) ([]Res, error)) *batcher[Req, Res] {
	b := &batcher[Req, Res]{reqs: make(chan batchReq[Req, Res]), stop: stop, done: make(chan struct{}), write: write}
	go b.run()
	return b
}

// do writes req with whatever else is waiting and returns its result.
func (b *batcher[Req, Res]) do(req Req) (Res, error) {
	r := batchReq[Req, Res]{req: req, res: make(chan batchRes[Res], 1)}
	select {
	case b.reqs <- r:
	case <-b.stop:
		var zero Res
		return zero, errors.New("the store is closed")
	}
	out := <-r.res
	return out.res, out.err
}

// run writes the requests until stop, then the last ones.
func (b *batcher[Req, Res]) run() {
	defer close(b.done)
	for {
		var batch []batchReq[Req, Res]
		select {
		case r := <-b.reqs:
			batch = append(batch, r)
		case <-b.stop:
			for {
				select {
				case r := <-b.reqs:
					b.flush([]batchReq[Req, Res]{r})
				default:
					return
				}
			}
		}
	more:
		for len(batch) < maxBatch {
			select {
			case r := <-b.reqs:
				batch = append(batch, r)
			default:
				break more
			}
		}
		b.flush(batch)
	}
}

func (b *batcher[Req, Res]) flush(batch []batchReq[Req, Res]) {
	reqs := make([]Req, len(batch))
	for i, r := range batch {
		reqs[i] = r.req
	}
	res, err := b.write(reqs)
	for i, r := range batch {
		var out batchRes[Res]
		out.err = err
		if err == nil {
			out.res = res[i]
		}
		r.res <- out
	}
}

// writeMarks writes batch in one statement and reports, for each mark,
// whether it was the first.
func (d *DB) writeMarks(batch []mark) ([]bool, error) {
	ids := make([]int64, 0, len(batch))
	at := batch[0].at
	for _, m := range batch {
		ids = append(ids, m.id)
		if m.at.After(at) {
			at = m.at
		}
	}
	firsts := map[int64]bool{}
	err := d.do("mark updates", func(ctx context.Context) error {
		clear(firsts)
		rows, err := d.pool.Query(ctx, `WITH ids AS (SELECT DISTINCT unnest($1::bigint[]) AS id),
			gone AS (DELETE FROM pending_update WHERE id IN (SELECT id FROM ids))
			INSERT INTO handled_update (id, at, done) SELECT id, $2, true FROM ids
			ON CONFLICT (id) DO UPDATE SET done = true, at = EXCLUDED.at, until = NULL
			WHERE NOT handled_update.done
			RETURNING id`, ids, at)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			firsts[id] = true
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	out := make([]bool, len(batch))
	for i, m := range batch {
		// Of one id marked twice in a batch, the first mark is the first.
		out[i] = firsts[m.id]
		delete(firsts, m.id)
	}
	return out, nil
}

// PruneHandled forgets the updates handled or claimed before cutoff.
func (d *DB) PruneHandled(cutoff time.Time) (int, error) {
	var n int
	err := d.do("prune updates", func(ctx context.Context) error {
		tag, err := d.pool.Exec(ctx, `DELETE FROM handled_update WHERE at < $1`, cutoff)
		n = int(tag.RowsAffected())
		return err
	})
	return n, err
}

// SavePending records updates received but not yet handled, by id, in
// one transaction, skipping those marked handled meanwhile.
func (d *DB) SavePending(updates map[int64][]byte) error {
	if len(updates) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(updates))
	raws := make([][]byte, 0, len(updates))
	for id, raw := range updates {
		ids = append(ids, id)
		raws = append(raws, raw)
	}
	return d.do("save pending updates", func(ctx context.Context) error {
		_, err := d.pool.Exec(ctx, `INSERT INTO pending_update (id, data)
			SELECT u.id, u.data FROM unnest($1::bigint[], $2::bytea[]) AS u(id, data)
			WHERE NOT EXISTS (SELECT 1 FROM handled_update h WHERE h.id = u.id AND h.done)
			ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data`, ids, raws)
		return err
	})
}

// Pending returns the updates saved by SavePending and not marked
// handled since, by id.
func (d *DB) Pending() (map[int64][]byte, error) {
	var out map[int64][]byte
	err := d.do("load pending updates", func(ctx context.Context) error {
		out = map[int64][]byte{}
		rows, err := d.pool.Query(ctx, `SELECT id, data FROM pending_update`)
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
			out[id] = raw
		}
		return rows.Err()
	})
	return out, err
}
