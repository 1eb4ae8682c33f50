package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/silkroad-bot/silkroad/quiz"
)

func setKey(owner int64, name string) []byte {
	return []byte(strconv.FormatInt(owner, 10) + "/" + quiz.SetKey(name))
}

// SaveSet saves a teacher's question set, replacing the one of the same name.
func (d *DB) SaveSet(s *quiz.Set) error { return d.save(bucketSet, setKey(s.Owner, s.Name), s) }

// LoadSet returns the owner's set of that name (any case), or the draft
// for the empty name.
func (d *DB) LoadSet(owner int64, name string) (*quiz.Set, bool, error) {
	var s quiz.Set
	found, err := d.load(bucketSet, setKey(owner, name), &s)
	if !found || err != nil {
		return nil, false, err
	}
	return &s, true, nil
}

// Sets returns the owner's named sets, by name.
func (d *DB) Sets(owner int64) ([]*quiz.Set, error) {
	var out []*quiz.Set
	prefix := []byte(strconv.FormatInt(owner, 10) + "/")
	err := d.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSet).Cursor()
		for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
			if len(k) == len(prefix) {
				continue // the draft
			}
			var s quiz.Set
			if err := json.Unmarshal(v, &s); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
			out = append(out, &s)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load sets of %d: %w", owner, err)
	}
	sort.Slice(out, func(i, j int) bool { return quiz.SetKey(out[i].Name) < quiz.SetKey(out[j].Name) })
	return out, nil
}

// RenameSet renames the owner's set from one name to another, in one step.
func (d *DB) RenameSet(owner int64, from, to string) error {
	err := d.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSet)
		old, key := setKey(owner, from), setKey(owner, to)
		raw := b.Get(old)
		if raw == nil {
			return quiz.ErrNoSet
		}
		if string(old) != string(key) && b.Get(key) != nil {
			return quiz.ErrSetExists
		}
		var s quiz.Set
		if err := json.Unmarshal(raw, &s); err != nil {
			return err
		}
		s.Name = to
		if err := b.Delete(old); err != nil {
			return err
		}
		return put(bucketSet, key, &s)(tx)
	})
	if errors.Is(err, quiz.ErrNoSet) || errors.Is(err, quiz.ErrSetExists) {
		return err
	}
	if err != nil {
		return fmt.Errorf("rename set %q: %w", from, err)
	}
	return nil
}

// DeleteSet deletes the owner's set of that name.
func (d *DB) DeleteSet(owner int64, name string) (bool, error) {
	found := false
	err := d.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSet)
		key := setKey(owner, name)
		found = b.Get(key) != nil
		return b.Delete(key)
	})
	if err != nil {
		return false, fmt.Errorf("delete set %q: %w", name, err)
	}
	return found, nil
}
