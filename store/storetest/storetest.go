// Package storetest is the test suite every silkroad store must pass:
// the bbolt store and the PostgreSQL one run the same checks.
package storetest

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/quiz"
	"github.com/silkroad-bot/silkroad/store"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// Opener makes a new, empty store for a test and returns the function
// that opens it: called again after Close, it opens the same data.
type Opener func(t *testing.T) (open func() store.Store)

// Run runs the suite on the stores open makes.
func Run(t *testing.T, open Opener) {
	for _, c := range []struct {
		name string
		test func(*testing.T, Opener)
	}{
		{"ReopenKeepsData", reopenKeepsData},
		{"HandledUpdates", handledUpdates},
		{"HandledAcrossRestarts", handledAcrossRestarts},
		{"ConcurrentUse", concurrentUse},
		{"MarkHandledConcurrent", markHandledConcurrent},
		{"PendingUpdates", pendingUpdates},
		{"Topics", topics},
		{"HomeworkReminders", homeworkReminders},
		{"QuestionSets", questionSets},
	} {
		t.Run(c.name, func(t *testing.T) { c.test(t, open) })
	}
}

func question(id string) quiz.Question {
	return quiz.Question{ID: id, Question: "?", Options: []string{"a", "b"}, Correct: 1, Explanation: "b"}
}

// topics: a chat's topic is kept across a reopen, and a newer one wins.
func topics(t *testing.T, open Opener) {
	reopen := open(t)
	db := reopen()
	ctx := context.Background()
	if f, _, err := db.Topic(ctx, 5); f != "" || err != nil {
		t.Errorf("Topic in a new store = %q, %v", f, err)
	}
	db.SetTopic(ctx, 5, "khorgos", t0)
	db.SetTopic(ctx, 5, "lianyungang", t0.Add(time.Minute))
	db.SetTopic(ctx, 6, "energy", t0)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = reopen()
	defer db.Close()
	if f, at, err := db.Topic(ctx, 5); f != "lianyungang" || !at.Equal(t0.Add(time.Minute)) || err != nil {
		t.Errorf("Topic(5) after reopen = %q, %v, %v; want lianyungang at %v", f, at, err, t0.Add(time.Minute))
	}
	if f, _, _ := db.Topic(ctx, 6); f != "energy" {
		t.Errorf("Topic(6) after reopen = %q, want energy", f)
	}
}

func reopenKeepsData(t *testing.T, open Opener) {
	reopen := open(t)
	db := reopen()

	alice := quiz.Player{ID: 1, Name: "Alice", Username: "alice"}
	c, err := quiz.NewClass(-100, alice, "energy", []quiz.Question{question("q1"), question("q2")}, 30*time.Second, t0)
	if err != nil {
		t.Fatal(err)
	}
	c.Ask(t0)
	c.SetRef(0, "poll-1", 10)
	c.Record(0, quiz.Player{ID: 2, Name: "Bob"}, 1, t0.Add(4*time.Second))
	if err := db.SaveClass(c); err != nil {
		t.Fatal(err)
	}
	done, _ := quiz.NewClass(-200, alice, "", []quiz.Question{question("q1")}, time.Second, t0)
	done.Finish(t0, false)
	if err := db.SaveClass(done); err != nil {
		t.Fatal(err)
	}
	if err := db.FinishClass(done); err != nil {
		t.Fatal(err)
	}
	h, _ := quiz.NewHomework("ABC234", alice, "", []quiz.Question{question("q1")}, t0, time.Time{})
	if err := db.SaveHomework(h); err != nil {
		t.Fatal(err)
	}
	pr := h.Start(2, t0)
	pr.Answer(0, 1, t0)
	if err := db.SaveSubmission(h.Submission(quiz.Player{ID: 2, Name: "Bob"}, pr)); err != nil {
		t.Fatal(err)
	}
	// A submission of another homework whose code shares a prefix must not leak in.
	db.SaveSubmission(quiz.Submission{Code: "ABC2345", Student: alice})
	if err := db.SavePractice(pr); err != nil {
		t.Fatal(err)
	}
	deck := quiz.NewDeck(2)
	deck.Record(&quiz.Question{ID: "q1", Category: "trade"}, false, t0)
	deck.Record(&quiz.Question{ID: "q2", Category: "energy"}, true, t0)
	if err := db.SaveDecks(deck, quiz.NewDeck(5)); err != nil {
		t.Fatal(err)
	}
	db.SetLang(2, "kk")
	db.MarkHandled(42, t0)
	db.Add("updates", 3)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = reopen()
	defer db.Close()
	got, found, err := db.LoadClass(-100)
	if err != nil || !found {
		t.Fatalf("LoadClass after reopen = %v, %v, %v", got, found, err)
	}
	if i, ok := got.RoundByRef("poll-1"); !ok || len(got.Rounds[i].Answers) != 1 || got.Rounds[i].Answers[0].Elapsed != 4*time.Second {
		t.Errorf("reopened class lost its answer: %+v", got.Rounds)
	}
	running, err := db.RunningClasses()
	if err != nil || len(running) != 1 || running[0].ChatID != -100 {
		t.Errorf("RunningClasses = %v, %v; want only chat -100", running, err)
	}
	if _, found, _ := db.LoadClass(-200); found {
		t.Error("finished class still running")
	}
	if last, found, _ := db.LastClass(-200); !found || !last.Done() {
		t.Errorf("LastClass(-200) = %v, %v", last, found)
	}
	if _, found, _ := db.LastClass(-100); found {
		t.Error("LastClass of a chat whose quiz runs")
	}
	if hw, found, _ := db.LoadHomework("ABC234"); !found || hw.Teacher.Name != "Alice" {
		t.Errorf("LoadHomework = %+v, %v", hw, found)
	}
	subs, err := db.Submissions("ABC234")
	if err != nil || len(subs) != 1 || subs[0].Score != 1 || subs[0].Finished.IsZero() {
		t.Errorf("Submissions = %+v, %v", subs, err)
	}
	if p, found, _ := db.LoadPractice(2); !found || p.Homework != "ABC234" || !p.Done() {
		t.Errorf("LoadPractice = %+v, %v", p, found)
	}
	if k, found, err := db.LoadDeck(2); err != nil || !found || k.Cards["q1"].Box != 1 || k.Cards["q2"].Box != 2 || !k.Cards["q2"].Due.Equal(t0.Add(24*time.Hour)) {
		t.Errorf("LoadDeck(2) = %+v, %v, %v; want q1 in box 1 and q2 in box 2, due a day later", k, found, err)
	}
	if _, found, err := db.LoadDeck(3); found || err != nil {
		t.Errorf("LoadDeck of a student with no answers = %v, %v", found, err)
	}
	if err := db.DeletePractice(2); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := db.LoadPractice(2); found {
		t.Error("practice still there after DeletePractice")
	}
	if lang, ok, _ := db.Lang(2); !ok || lang != "kk" {
		t.Errorf("Lang(2) = %q, %v", lang, ok)
	}
	if _, ok, _ := db.Lang(3); ok {
		t.Error("Lang(3) found a language never set")
	}
	if ok, _ := db.Handled(42); !ok {
		t.Error("update 42 forgotten")
	}
	if n, _ := db.Add("updates", 1); n != 4 {
		t.Errorf("counter after reopen = %d, want 4", n)
	}
}

func handledUpdates(t *testing.T, open Opener) {
	db := open(t)()
	defer db.Close()
	for id := int64(1); id <= 10; id++ {
		first, err := db.MarkHandled(id, t0.Add(time.Duration(id)*time.Hour))
		if err != nil || !first {
			t.Fatalf("MarkHandled(%d) = %v, %v", id, first, err)
		}
	}
	if first, _ := db.MarkHandled(3, t0); first {
		t.Error("MarkHandled(3) again reported first")
	}
	n, err := db.PruneHandled(t0.Add(6 * time.Hour))
	if err != nil || n != 5 {
		t.Errorf("PruneHandled = %d, %v; want 5", n, err)
	}
	for id := int64(1); id <= 10; id++ {
		ok, _ := db.Handled(id)
		if want := id >= 6; ok != want {
			t.Errorf("Handled(%d) = %v after pruning, want %v", id, ok, want)
		}
	}
}

// handledAcrossRestarts checks the answers Handled gives without a
// transaction, for ids above every mark, against what is on disk.
func handledAcrossRestarts(t *testing.T, open Opener) {
	reopen := open(t)
	db := reopen()
	if ok, err := db.Handled(1); ok || err != nil {
		t.Errorf("Handled(1) in a new database = %v, %v", ok, err)
	}
	for _, id := range []int64{10, 30} {
		if _, err := db.MarkHandled(id, t0); err != nil {
			t.Fatal(err)
		}
	}
	want := func(db store.Store, when string, marked ...int64) {
		t.Helper()
		for _, id := range []int64{-7, 9, 10, 20, 30, 31, 1 << 40} {
			if ok, err := db.Handled(id); err != nil || ok != slices.Contains(marked, id) {
				t.Errorf("%s: Handled(%d) = %v, %v", when, id, ok, err)
			}
		}
	}
	want(db, "after marking", 10, 30)
	db.Close()
	db = reopen()
	want(db, "after reopening", 10, 30)
	// A negative id sorts last on disk: it must not hide the others.
	if _, err := db.MarkHandled(-7, t0); err != nil {
		t.Fatal(err)
	}
	want(db, "after marking -7", -7, 10, 30)
	db.Close()
	db = reopen()
	defer db.Close()
	want(db, "after reopening with -7", -7, 10, 30)
	if _, err := db.MarkHandled(1<<40, t0); err != nil {
		t.Fatal(err)
	}
	want(db, "after marking 1<<40", -7, 10, 30, 1<<40)
}

func concurrentUse(t *testing.T, open Opener) {
	db := open(t)()
	defer db.Close()
	const workers, each = 8, 25
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				id := int64(w*each + i)
				db.Add("n", 1)
				db.MarkHandled(id, t0)
				db.SetLang(id, "ru")
				p, _ := quiz.NewPractice(id, []quiz.Question{question("q" + strconv.Itoa(i))}, t0)
				if err := db.SavePractice(p); err != nil {
					t.Error(err)
				}
				if _, found, err := db.LoadPractice(id); !found || err != nil {
					t.Errorf("LoadPractice(%d) = %v, %v", id, found, err)
				}
			}
		})
	}
	wg.Wait()
	counters, _ := db.Counters()
	if counters["n"] != workers*each {
		t.Errorf("counter n = %d, want %d", counters["n"], workers*each)
	}
	for id := range int64(workers * each) {
		if ok, _ := db.Handled(id); !ok {
			t.Errorf("update %d not marked", id)
		}
	}
}

// markHandledConcurrent marks the same updates from many goroutines
// at once, so that marks share commits: each update must be claimed
// exactly once, and every mark must be committed when its call returns.
func markHandledConcurrent(t *testing.T, open Opener) {
	db := open(t)()
	defer db.Close()
	const workers, ids = 8, 50
	var firsts [ids]atomic.Int32
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for id := range ids {
				first, err := db.MarkHandled(int64(id), t0)
				if err != nil {
					t.Errorf("MarkHandled(%d): %v", id, err)
					return
				}
				if first {
					firsts[id].Add(1)
				}
				if ok, err := db.Handled(int64(id)); !ok || err != nil {
					t.Errorf("Handled(%d) = %v, %v right after MarkHandled returned; want true", id, ok, err)
				}
			}
		})
	}
	wg.Wait()
	for id := range ids {
		if got := firsts[id].Load(); got != 1 {
			t.Errorf("update %d claimed %d times, want 1", id, got)
		}
	}
}

// pendingUpdates: updates saved pending survive a restart until they
// are marked handled.
func pendingUpdates(t *testing.T, open Opener) {
	reopen := open(t)
	db := reopen()
	if err := db.SavePending(map[int64][]byte{7: []byte(`{"update_id":7}`), 9: []byte(`{"update_id":9}`)}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.MarkHandled(7, t0); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = reopen()
	defer db.Close()
	got, err := db.Pending()
	if err != nil || len(got) != 1 || string(got[9]) != `{"update_id":9}` {
		t.Errorf("Pending after reopening = %v, %v; want update 9 only", got, err)
	}
	if _, err := db.MarkHandled(9, t0); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Pending(); len(got) != 0 {
		t.Errorf("Pending after marking 9 = %v, want none", got)
	}
}

// homeworkReminders: homework with a due date is found by HomeworkDue
// until its reminder is claimed, once, across a reopen.
func homeworkReminders(t *testing.T, open Opener) {
	reopen := open(t)
	db := reopen()
	qs := []quiz.Question{question("q1")}
	soon, _ := quiz.NewHomework("SQQN22", quiz.Player{ID: 1, Name: "Alice"}, "", qs, t0, t0.Add(48*time.Hour))
	later, _ := quiz.NewHomework("LATE22", quiz.Player{ID: 1, Name: "Alice"}, "", qs, t0, t0.Add(10*24*time.Hour))
	never, _ := quiz.NewHomework("NQNE22", quiz.Player{ID: 1, Name: "Alice"}, "", qs, t0, time.Time{})
	for _, h := range []*quiz.Homework{later, soon, never} {
		if err := db.SaveHomework(h); err != nil {
			t.Fatal(err)
		}
	}
	codes := func(at time.Time) []string {
		t.Helper()
		hs, err := db.HomeworkDue(at)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range hs {
			out = append(out, h.Code)
		}
		return out
	}
	if got := codes(t0.Add(24 * time.Hour)); len(got) != 0 {
		t.Errorf("HomeworkDue(t0+1d) = %v, want none", got)
	}
	if got := codes(t0.Add(30 * 24 * time.Hour)); !slices.Equal(got, []string{"SQQN22", "LATE22"}) {
		t.Errorf("HomeworkDue(t0+30d) = %v, want [SQQN22 LATE22]", got)
	}
	if ok, err := db.ClaimReminder("SQQN22"); !ok || err != nil {
		t.Fatalf("first ClaimReminder = %v, %v; want true", ok, err)
	}
	if ok, err := db.ClaimReminder("SQQN22"); ok || err != nil {
		t.Errorf("second ClaimReminder = %v, %v; want false", ok, err)
	}
	db.SaveHomework(soon) // saved again: still reminded
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = reopen()
	defer db.Close()
	if got := codes(t0.Add(30 * 24 * time.Hour)); !slices.Equal(got, []string{"LATE22"}) {
		t.Errorf("HomeworkDue after the claim and a reopen = %v, want [LATE22]", got)
	}
	if ok, _ := db.ClaimReminder("SQQN22"); ok {
		t.Error("a reminder was claimed twice across a reopen")
	}
	if h, found, _ := db.LoadHomework("SQQN22"); !found || !h.Due.Equal(soon.Due) {
		t.Errorf("LoadHomework lost the due date: %+v", h)
	}
}

// questionSets: a teacher's sets are saved, listed by name apart from
// the draft and other teachers' sets, renamed and deleted.
func questionSets(t *testing.T, open Opener) {
	reopen := open(t)
	db := reopen()
	set := func(owner int64, name string, ids ...string) *quiz.Set {
		s := &quiz.Set{Owner: owner, Name: name, Created: t0, Updated: t0}
		for _, id := range ids {
			s.Questions = append(s.Questions, question(id))
		}
		return s
	}
	for _, s := range []*quiz.Set{set(1, "Khorgos", "a", "b"), set(1, "energy week", "c"), set(1, "", "d"), set(2, "Mine", "e")} {
		if err := db.SaveSet(s); err != nil {
			t.Fatal(err)
		}
	}
	names := func(owner int64) []string {
		t.Helper()
		ss, err := db.Sets(owner)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range ss {
			out = append(out, s.Name)
		}
		return out
	}
	if got := names(1); !slices.Equal(got, []string{"energy week", "Khorgos"}) {
		t.Errorf("Sets(1) = %v, want [energy week Khorgos]", got)
	}
	if s, found, err := db.LoadSet(1, "  KHORGOS "); !found || err != nil || len(s.Questions) != 2 {
		t.Errorf("LoadSet in other case = %+v, %v, %v", s, found, err)
	}
	if s, found, _ := db.LoadSet(1, ""); !found || s.Questions[0].ID != "d" {
		t.Errorf("the draft = %+v, %v", s, found)
	}
	if err := db.RenameSet(1, "khorgos", "Energy Week"); !errors.Is(err, quiz.ErrSetExists) {
		t.Errorf("renaming onto another set = %v, want ErrSetExists", err)
	}
	if err := db.RenameSet(1, "nothing", "x"); !errors.Is(err, quiz.ErrNoSet) {
		t.Errorf("renaming a missing set = %v, want ErrNoSet", err)
	}
	if err := db.RenameSet(1, "khorgos", "Khorgos trip"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = reopen()
	defer db.Close()
	if got := names(1); !slices.Equal(got, []string{"energy week", "Khorgos trip"}) {
		t.Errorf("Sets(1) after rename and reopen = %v", got)
	}
	if _, found, _ := db.LoadSet(1, "Khorgos"); found {
		t.Error("the old name still loads after a rename")
	}
	if ok, err := db.DeleteSet(1, "ENERGY WEEK"); !ok || err != nil {
		t.Errorf("DeleteSet = %v, %v", ok, err)
	}
	if ok, _ := db.DeleteSet(1, "energy week"); ok {
		t.Error("deleted a set twice")
	}
	if got := names(1); !slices.Equal(got, []string{"Khorgos trip"}) {
		t.Errorf("Sets(1) after delete = %v", got)
	}
	if got := names(2); !slices.Equal(got, []string{"Mine"}) {
		t.Errorf("Sets(2) = %v, want [Mine]", got)
	}
}
