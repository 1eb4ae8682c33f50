package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"time"

	bolt "go.etcd.io/bbolt"
)

func updateKey(id int64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], uint64(id))
	return k[:]
}

// MarkHandled records that update id was handled at now. It reports
// whether this is the first time, so that a caller can claim an update
// and skip it when it comes again after a restart.
//
// Like every write it returns once the mark is committed and synced, but
// calls within MarkDelay of each other share one commit (bbolt's Batch),
// so that marking many updates costs one disk sync, not one each.
func (d *DB) MarkHandled(id int64, now time.Time) (first bool, err error) {
	// Raised before the commit, so that Handled never answers no to an
	// id already committed.
	// Negative ids sort above the rest on disk; none is known unmarked
	// after one.
	raise := id
	if id < 0 {
		raise = math.MaxInt64
	}
	for {
		m := d.maxMarked.Load()
		if raise <= m || d.maxMarked.CompareAndSwap(m, raise) {
			break
		}
	}
	err = d.bolt.Batch(func(tx *bolt.Tx) error {
		// Batch may run this again if the shared commit fails; it must
		// decide first afresh each time.
		b := tx.Bucket(bucketUpdate)
		k := updateKey(id)
		if err := tx.Bucket(bucketPending).Delete(k); err != nil {
			return err
		}
		first = b.Get(k) == nil
		if !first {
			return nil
		}
		var v [8]byte
		binary.BigEndian.PutUint64(v[:], uint64(now.Unix()))
		return b.Put(k, v[:])
	})
	if err != nil {
		return false, fmt.Errorf("mark update %d: %w", id, err)
	}
	return first, nil
}

// SavePending records updates received but not yet handled, by id, in
// one commit, so that the bot may confirm them to Telegram before they
// are handled: after a restart it handles them from here. MarkHandled
// forgets an update's pending copy in the commit that marks it.
func (d *DB) SavePending(updates map[int64][]byte) error {
	err := d.bolt.Update(func(tx *bolt.Tx) error {
		b, marked := tx.Bucket(bucketPending), tx.Bucket(bucketUpdate)
		for id, raw := range updates {
			k := updateKey(id)
			if marked.Get(k) != nil {
				continue // marked handled meanwhile
			}
			if err := b.Put(k, raw); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save pending updates: %w", err)
	}
	return nil
}

// Pending returns the updates saved by SavePending and not marked
// handled since, by id.
func (d *DB) Pending() (map[int64][]byte, error) {
	out := map[int64][]byte{}
	err := d.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPending).ForEach(func(k, v []byte) error {
			if len(k) == 8 {
				out[int64(binary.BigEndian.Uint64(k))] = bytes.Clone(v)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("load pending updates: %w", err)
	}
	return out, nil
}

// Handled reports whether update id has been marked handled.
func (d *DB) Handled(id int64) (bool, error) {
	if id > d.maxMarked.Load() {
		return false, nil
	}
	var ok bool
	err := d.bolt.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketUpdate).Get(updateKey(id)) != nil
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("check update %d: %w", id, err)
	}
	return ok, nil
}

// PruneHandled forgets the updates handled before cutoff and returns how
// many it forgot. Telegram keeps an unconfirmed update for 24 hours, so
// a cutoff a day or more ago is safe.
func (d *DB) PruneHandled(cutoff time.Time) (int, error) {
	n := 0
	err := d.bolt.Update(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketUpdate).Cursor()
		for k, v := c.First(); k != nil; {
			if len(v) == 8 && int64(binary.BigEndian.Uint64(v)) >= cutoff.Unix() {
				k, v = c.Next()
				continue
			}
			key := append([]byte(nil), k...)
			if err := c.Delete(); err != nil {
				return err
			}
			n++
			// Seek past the deleted key: Next after Delete can skip one.
			k, v = c.Seek(key)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("prune updates: %w", err)
	}
	return n, nil
}

// Add adds delta to the named counter and returns its new value.
func (d *DB) Add(name string, delta int64) (int64, error) {
	var n int64
	err := d.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCounter)
		if v := b.Get([]byte(name)); len(v) == 8 {
			n = int64(binary.BigEndian.Uint64(v))
		}
		n += delta
		var v [8]byte
		binary.BigEndian.PutUint64(v[:], uint64(n))
		return b.Put([]byte(name), v[:])
	})
	if err != nil {
		return 0, fmt.Errorf("add to counter %s: %w", name, err)
	}
	return n, nil
}

// Counters returns every counter by name.
func (d *DB) Counters() (map[string]int64, error) {
	out := map[string]int64{}
	err := d.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCounter).ForEach(func(k, v []byte) error {
			if len(v) == 8 {
				out[string(k)] = int64(binary.BigEndian.Uint64(v))
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("load counters: %w", err)
	}
	return out, nil
}
