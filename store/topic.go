package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bucketTopic holds each chat's topic: chat id -> topicRecord.
var bucketTopic = []byte("topic")

// topicRecord is a chat's topic as stored.
type topicRecord struct {
	Fact string    `json:"fact"`
	At   time.Time `json:"at"`
}

// TopicFlush is how long a chat's new topic may wait in memory before it
// is written: topics change with nearly every answer, so they are written
// behind, many in one commit, rather than each with its own disk sync. A
// crash forgets at most the topics of the last TopicFlush; Close writes
// the rest.
const TopicFlush = 200 * time.Millisecond

// Topic returns the fact last given in the chat and when, or "".
func (d *DB) Topic(_ context.Context, chatID int64) (string, time.Time, error) {
	d.topicMu.Lock()
	t, ok := d.topicPending[chatID]
	d.topicMu.Unlock()
	if ok {
		return t.Fact, t.At, nil
	}
	var rec topicRecord
	found, err := d.load(bucketTopic, idKey(chatID), &rec)
	if err != nil || !found {
		return "", time.Time{}, err
	}
	return rec.Fact, rec.At, nil
}

// SetTopic records the fact last given in the chat. It returns at once;
// the topic is written within TopicFlush.
func (d *DB) SetTopic(_ context.Context, chatID int64, factID string, at time.Time) error {
	d.topicMu.Lock()
	d.topicPending[chatID] = topicRecord{factID, at}
	d.topicMu.Unlock()
	select {
	case d.topicKick <- struct{}{}:
	default:
	}
	return nil
}

// writeTopics writes the pending topics until done is closed, then once
// more.
func (d *DB) writeTopics(done <-chan struct{}) {
	defer close(d.topicDone)
	for {
		select {
		case <-done:
			d.flushTopics()
			return
		case <-d.topicKick:
		}
		select {
		case <-done:
		case <-time.After(TopicFlush):
		}
		d.flushTopics()
	}
}

// flushTopics writes the pending topics in one commit.
func (d *DB) flushTopics() {
	d.topicMu.Lock()
	pending := d.topicPending
	d.topicPending = map[int64]topicRecord{}
	d.topicMu.Unlock()
	if len(pending) == 0 {
		return
	}
	err := d.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketTopic)
		for id, t := range pending {
			raw, err := json.Marshal(t)
			if err != nil {
				return err
			}
			if err := b.Put(idKey(id), raw); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		// Topics are a convenience: losing some costs a follow-up its
		// context, nothing more. Keep them for the next try.
		d.topicMu.Lock()
		for id, t := range pending {
			if _, newer := d.topicPending[id]; !newer {
				d.topicPending[id] = t
			}
		}
		d.topicMu.Unlock()
		d.topicErr.Store(fmt.Errorf("save topics: %w", err))
	}
}
