// Package store keeps silkroad's state in an embedded bbolt database in
// DATA_DIR: quiz sessions, homework, language choices, handled update ids
// and counters. Values are JSON; every write is a committed, synced
// transaction, so a crash loses nothing that a method reported saved.
package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/silkroad-bot/silkroad/quiz"
)

// FileName is the database file's name inside the data directory.
const FileName = "silkroad.db"

// File and directory modes: the database holds users' names and answers,
// so only the bot's own user may read it.
const (
	FileMode os.FileMode = 0o600
	DirMode  os.FileMode = 0o700
)

var (
	bucketClass      = []byte("class")        // chat id -> running quiz.Class
	bucketLastClass  = []byte("class_last")   // chat id -> last finished quiz.Class
	bucketHomework   = []byte("homework")     // code -> quiz.Homework
	bucketSubmission = []byte("submission")   // code "/" user id -> quiz.Submission
	bucketPractice   = []byte("practice")     // user id -> quiz.Practice
	bucketDeck       = []byte("deck")         // user id -> quiz.Deck, for /review
	bucketLang       = []byte("lang")         // user id -> language code
	bucketUpdate     = []byte("update")       // update id (8 bytes, big-endian) -> unix seconds handled
	bucketPending    = []byte("pending")      // update id (8 bytes, big-endian) -> the update's JSON
	bucketCounter    = []byte("counter")      // name -> int64 (8 bytes, big-endian)
	bucketDue        = []byte("homework_due") // due unix seconds (8 bytes, big-endian) + code -> nothing, until reminded
	bucketReminded   = []byte("reminded")     // homework code -> unix seconds its reminder was claimed
	bucketSet        = []byte("set")          // owner id "/" set key -> quiz.Set
	buckets          = [][]byte{bucketClass, bucketLastClass, bucketHomework, bucketSubmission,
		bucketPractice, bucketDeck, bucketLang, bucketUpdate, bucketPending, bucketCounter, bucketTopic,
		bucketDue, bucketReminded, bucketSet}
)

// DB is silkroad's database. It is safe for concurrent use.
type DB struct {
	bolt *bolt.DB
	// maxMarked is at least every update id marked handled, committed or
	// not: Handled answers no to a larger id without a transaction. As
	// Telegram numbers updates in increasing order, that is nearly every
	// update the bot checks.
	maxMarked atomic.Int64

	topicMu      sync.Mutex // guards topicPending
	topicPending map[int64]topicRecord
	topicKick    chan struct{} // wakes the topic writer
	topicStop    chan struct{} // closed by Close
	topicDone    chan struct{} // closed when the topic writer has returned
	topicErr     atomic.Value  // the last error writing topics
	closeOnce    sync.Once
}

// MarkDelay is how long MarkHandled waits for other marks to share its
// commit. The bot marks an update after answering it, without waiting
// for the mark, so the delay costs users nothing; it turns thousands of
// commits a second under load into one per MarkDelay, each with a disk
// sync that costs the bot ~0.5 ms of CPU on a virtual disk (20 ms: 50
// a second; 5 ms took 11% of the bot's CPU at 5,000 updates/s). A crash
// forgets at most the marks of the last MarkDelay: Telegram sends those
// updates again if their offset was not confirmed yet, and they are
// answered twice.
const MarkDelay = 20 * time.Millisecond

// Store is everything silkroad keeps: the quizzes, the language
// choices, the chats' topics, which updates were handled, and counters.
// DB (bbolt, one process) and postgres.DB (PostgreSQL, any number of
// replicas) implement it, and storetest runs the same suite on both.
type Store interface {
	quiz.Store
	// Lang returns the language the user chose with /lang.
	Lang(userID int64) (string, bool, error)
	// SetLang stores the user's language choice; an empty lang forgets it.
	SetLang(userID int64, lang string) error
	// Topic returns the fact last given in the chat and when, or "".
	Topic(ctx context.Context, chatID int64) (string, time.Time, error)
	// SetTopic records the fact last given in the chat.
	SetTopic(ctx context.Context, chatID int64, factID string, at time.Time) error
	// Handled reports whether update id has been marked handled.
	Handled(id int64) (bool, error)
	// MarkHandled records that update id was handled at now and reports
	// whether it is the first time.
	MarkHandled(id int64, now time.Time) (first bool, err error)
	// PruneHandled forgets the updates handled before cutoff.
	PruneHandled(cutoff time.Time) (int, error)
	// SavePending keeps updates received and not yet handled, by id;
	// MarkHandled forgets them. Pending returns those kept.
	SavePending(updates map[int64][]byte) error
	Pending() (map[int64][]byte, error)
	// Add adds delta to the named counter and returns its new value.
	Add(name string, delta int64) (int64, error)
	// Counters returns every counter by name.
	Counters() (map[string]int64, error)
	Close() error
}

var _ Store = (*DB)(nil)

// Open opens the database in dir, creating dir (mode 0700) and the file
// (mode 0600) when they do not exist, and tightening their modes when
// they do. Only one process may have the database open: Open waits up
// to a second for another to let go. The caller should call Close when
// finished.
func Open(dir string) (*DB, error) {
	if dir == "" {
		return nil, errors.New("open store: no data directory")
	}
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	if err := os.Chmod(dir, DirMode); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	path := filepath.Join(dir, FileName)
	// The free-page list is rebuilt by scanning the file at open rather
	// than written at every commit: the file is small, and commits are
	// most of what the bot writes.
	b, err := openChecked(path)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(path, FileMode); err != nil {
		b.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	maxMarked := int64(math.MinInt64)
	err = b.Update(func(tx *bolt.Tx) error {
		for _, name := range buckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		// Keys sort as unsigned numbers, so the last is the largest id,
		// unless negative ids were marked: then no id is known unmarked.
		if k, _ := tx.Bucket(bucketUpdate).Cursor().Last(); k != nil {
			maxMarked = int64(binary.BigEndian.Uint64(k))
			if maxMarked < 0 {
				maxMarked = math.MaxInt64
			}
		}
		return nil
	})
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("open store %s: create buckets: %w", path, err)
	}
	b.MaxBatchDelay = MarkDelay
	d := &DB{bolt: b, topicPending: map[int64]topicRecord{}, topicKick: make(chan struct{}, 1),
		topicStop: make(chan struct{}), topicDone: make(chan struct{})}
	d.maxMarked.Store(maxMarked)
	go d.writeTopics(d.topicStop)
	return d, nil
}

// ErrDamaged means the database file is damaged: bbolt cannot read it,
// or its consistency check fails. The only way on is to move the file
// aside.
var ErrDamaged = errors.New("is damaged: move it aside to start afresh (quiz history and language choices will be lost)")

// DamagedError names the damaged database file and what was found.
type DamagedError struct {
	Path   string
	Detail string // what bbolt reported, for the log
}

func (e *DamagedError) Error() string { return e.Path + " " + ErrDamaged.Error() }

// Unwrap makes errors.Is(err, ErrDamaged) hold.
func (e *DamagedError) Unwrap() error { return ErrDamaged }

// openChecked opens the bbolt file at path and checks its consistency,
// turning whatever a damaged file makes bbolt do (an error, a failed
// check, or a panic while rebuilding its free list) into a
// *DamagedError.
func openChecked(path string) (b *bolt.DB, err error) {
	defer func() {
		if v := recover(); v != nil {
			b, err = nil, &DamagedError{Path: path, Detail: fmt.Sprint(v)}
		}
	}()
	b, err = bolt.Open(path, FileMode, &bolt.Options{Timeout: time.Second, NoFreelistSync: true, FreelistType: bolt.FreelistMapType})
	if err != nil {
		if errors.Is(err, bolt.ErrInvalid) || errors.Is(err, bolt.ErrChecksum) || errors.Is(err, bolt.ErrVersionMismatch) ||
			strings.Contains(err.Error(), "invalid") || strings.Contains(err.Error(), "file size too small") {
			return nil, &DamagedError{Path: path, Detail: err.Error()}
		}
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	var problems []string
	err = b.View(func(tx *bolt.Tx) error {
		for e := range tx.Check() {
			problems = append(problems, e.Error())
		}
		return nil
	})
	if err == nil && len(problems) > 0 {
		err = &DamagedError{Path: path, Detail: strings.Join(problems[:min(len(problems), 3)], "; ")}
	}
	if err != nil {
		b.Close()
		var de *DamagedError
		if !errors.As(err, &de) {
			err = &DamagedError{Path: path, Detail: err.Error()}
		}
		return nil, err
	}
	return b, nil
}

// Close closes the database.
// It first writes the topics still pending.
func (d *DB) Close() error {
	d.closeOnce.Do(func() { close(d.topicStop) })
	<-d.topicDone
	return d.bolt.Close()
}

func idKey(id int64) []byte { return []byte(strconv.FormatInt(id, 10)) }

func put(bucket, key []byte, v any) func(tx *bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		raw, err := json.Marshal(v)
		if err != nil {
			return err
		}
		return tx.Bucket(bucket).Put(key, raw)
	}
}

func (d *DB) save(bucket, key []byte, v any) error {
	if err := d.bolt.Update(put(bucket, key, v)); err != nil {
		return fmt.Errorf("save %s %s: %w", bucket, key, err)
	}
	return nil
}

// load decodes the value at key into v and reports whether there was one.
func (d *DB) load(bucket, key []byte, v any) (bool, error) {
	found := false
	err := d.bolt.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucket).Get(key)
		if raw == nil {
			return nil
		}
		found = true
		return json.Unmarshal(raw, v)
	})
	if err != nil {
		return false, fmt.Errorf("load %s %s: %w", bucket, key, err)
	}
	return found, nil
}

func (d *DB) delete(bucket, key []byte) error {
	err := d.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucket).Delete(key) })
	if err != nil {
		return fmt.Errorf("delete %s %s: %w", bucket, key, err)
	}
	return nil
}

// SaveClass saves a running class quiz, replacing the chat's previous state.
func (d *DB) SaveClass(c *quiz.Class) error { return d.save(bucketClass, idKey(c.ChatID), c) }

// LoadClass returns the chat's running class quiz.
func (d *DB) LoadClass(chatID int64) (*quiz.Class, bool, error) {
	var c quiz.Class
	found, err := d.load(bucketClass, idKey(chatID), &c)
	if !found || err != nil {
		return nil, false, err
	}
	return &c, true, nil
}

// RunningClasses returns every saved running class quiz.
func (d *DB) RunningClasses() ([]*quiz.Class, error) {
	var out []*quiz.Class
	err := d.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketClass).ForEach(func(k, v []byte) error {
			var c quiz.Class
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("chat %s: %w", k, err)
			}
			out = append(out, &c)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("load running classes: %w", err)
	}
	return out, nil
}

// FinishClass saves c as its chat's last finished quiz and removes the
// chat's running quiz, in one transaction.
func (d *DB) FinishClass(c *quiz.Class) error {
	key := idKey(c.ChatID)
	err := d.bolt.Update(func(tx *bolt.Tx) error {
		if err := put(bucketLastClass, key, c)(tx); err != nil {
			return err
		}
		return tx.Bucket(bucketClass).Delete(key)
	})
	if err != nil {
		return fmt.Errorf("finish class %s: %w", key, err)
	}
	return nil
}

// LastClass returns the chat's last finished class quiz.
func (d *DB) LastClass(chatID int64) (*quiz.Class, bool, error) {
	var c quiz.Class
	found, err := d.load(bucketLastClass, idKey(chatID), &c)
	if !found || err != nil {
		return nil, false, err
	}
	return &c, true, nil
}

func submissionKey(code string, userID int64) []byte {
	return []byte(code + "/" + strconv.FormatInt(userID, 10))
}

// SaveSubmission saves a student's attempt at a homework, replacing an
// earlier state of the same attempt.
func (d *DB) SaveSubmission(s quiz.Submission) error {
	return d.save(bucketSubmission, submissionKey(s.Code, s.Student.ID), s)
}

// Submissions returns every attempt at the homework with code.
func (d *DB) Submissions(code string) ([]quiz.Submission, error) {
	var out []quiz.Submission
	prefix := []byte(code + "/")
	err := d.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSubmission).Cursor()
		for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
			var s quiz.Submission
			if err := json.Unmarshal(v, &s); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
			out = append(out, s)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load submissions %s: %w", code, err)
	}
	return out, nil
}

func hasPrefix(b, prefix []byte) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == string(prefix)
}

// SavePractice saves a user's practice or homework attempt in progress.
func (d *DB) SavePractice(p *quiz.Practice) error { return d.save(bucketPractice, idKey(p.UserID), p) }

// LoadPractice returns the user's practice in progress.
func (d *DB) LoadPractice(userID int64) (*quiz.Practice, bool, error) {
	var p quiz.Practice
	found, err := d.load(bucketPractice, idKey(userID), &p)
	if !found || err != nil {
		return nil, false, err
	}
	return &p, true, nil
}

// DeletePractice removes the user's practice; removing none is not an error.
func (d *DB) DeletePractice(userID int64) error { return d.delete(bucketPractice, idKey(userID)) }

// SaveDecks saves students' review decks in one transaction.
func (d *DB) SaveDecks(ks ...*quiz.Deck) error {
	err := d.bolt.Update(func(tx *bolt.Tx) error {
		for _, k := range ks {
			if err := put(bucketDeck, idKey(k.UserID), k)(tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save %d review decks: %w", len(ks), err)
	}
	return nil
}

// LoadDeck returns a student's review deck.
func (d *DB) LoadDeck(userID int64) (*quiz.Deck, bool, error) {
	var k quiz.Deck
	found, err := d.load(bucketDeck, idKey(userID), &k)
	if !found || err != nil {
		return nil, false, err
	}
	return &k, true, nil
}

// Lang returns the language the user chose with /lang.
func (d *DB) Lang(userID int64) (string, bool, error) {
	var lang string
	err := d.bolt.View(func(tx *bolt.Tx) error {
		lang = string(tx.Bucket(bucketLang).Get(idKey(userID)))
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("load lang %d: %w", userID, err)
	}
	return lang, lang != "", nil
}

// SetLang stores the user's language choice; an empty lang forgets it.
func (d *DB) SetLang(userID int64, lang string) error {
	err := d.bolt.Update(func(tx *bolt.Tx) error {
		if lang == "" {
			return tx.Bucket(bucketLang).Delete(idKey(userID))
		}
		return tx.Bucket(bucketLang).Put(idKey(userID), []byte(lang))
	})
	if err != nil {
		return fmt.Errorf("save lang %d: %w", userID, err)
	}
	return nil
}
