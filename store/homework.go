package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/silkroad-bot/silkroad/quiz"
)

// dueKey orders homework by due date: 8 bytes of unix seconds, then the code.
func dueKey(h *quiz.Homework) []byte {
	k := binary.BigEndian.AppendUint64(nil, uint64(h.Due.Unix()))
	return append(k, h.Code...)
}

// SaveHomework saves homework under its code, and a homework with a due
// date in the order of due dates until its reminder is claimed.
func (d *DB) SaveHomework(h *quiz.Homework) error {
	err := d.bolt.Update(func(tx *bolt.Tx) error {
		if err := put(bucketHomework, []byte(h.Code), h)(tx); err != nil {
			return err
		}
		if h.Due.IsZero() || tx.Bucket(bucketReminded).Get([]byte(h.Code)) != nil {
			return nil
		}
		return tx.Bucket(bucketDue).Put(dueKey(h), nil)
	})
	if err != nil {
		return fmt.Errorf("save homework %s: %w", h.Code, err)
	}
	return nil
}

// LoadHomework returns the homework with code.
func (d *DB) LoadHomework(code string) (*quiz.Homework, bool, error) {
	var h quiz.Homework
	found, err := d.load(bucketHomework, []byte(code), &h)
	if !found || err != nil {
		return nil, false, err
	}
	return &h, true, nil
}

// HomeworkDue returns the homework due before t whose reminder is not
// yet claimed, soonest first.
func (d *DB) HomeworkDue(t time.Time) ([]*quiz.Homework, error) {
	var out []*quiz.Homework
	err := d.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketDue).Cursor()
		for k, _ := c.First(); k != nil && len(k) > 8; k, _ = c.Next() {
			if int64(binary.BigEndian.Uint64(k)) >= t.Unix() {
				break
			}
			raw := tx.Bucket(bucketHomework).Get(k[8:])
			if raw == nil {
				continue
			}
			var h quiz.Homework
			if err := json.Unmarshal(raw, &h); err != nil {
				return fmt.Errorf("%s: %w", k[8:], err)
			}
			out = append(out, &h)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load homework due: %w", err)
	}
	return out, nil
}

// ClaimReminder claims the homework's one reminder: true the first time.
func (d *DB) ClaimReminder(code string) (bool, error) {
	claimed := false
	err := d.bolt.Update(func(tx *bolt.Tx) error {
		done := tx.Bucket(bucketReminded)
		if done.Get([]byte(code)) != nil {
			return nil
		}
		claimed = true
		if err := done.Put([]byte(code), binary.BigEndian.AppendUint64(nil, uint64(time.Now().Unix()))); err != nil {
			return err
		}
		var h quiz.Homework
		if raw := tx.Bucket(bucketHomework).Get([]byte(code)); raw != nil && json.Unmarshal(raw, &h) == nil && !h.Due.IsZero() {
			return tx.Bucket(bucketDue).Delete(dueKey(&h))
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("claim reminder %s: %w", code, err)
	}
	return claimed, nil
}
