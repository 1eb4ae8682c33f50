package console

import (
	"bytes"
	"context"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/quiz"
	"github.com/silkroad-bot/silkroad/store"
)

func TestConsoleScript(t *testing.T) {
	h := bot.NewHandler(testIndex(t), bot.WithSeed(1))
	var out strings.Builder
	script := strings.Join([]string{
		"/start",
		"1",  // the first topic
		"99", // no such button
		"How long is the Western Europe–Western China corridor?",
		"1", // More like this
		"/khorgos",
		"/projects",
		"5", // the fifth project... then paging:
		"/timeline",
		"9", // Next ▶
		"/nosuch",
	}, "\n")
	if err := New(h, &out).Run(context.Background(), strings.NewReader(script)); err != nil {
		t.Fatalf("Run: %v", err)
	}
	got := out.String()
	for _, want := range []string{
		"Type a number to press a button.",
		"[1] The Belt and Road",
		"The Belt and Road · Page 1 of",
		"There is no button 99 here.",
		"8,445 km",
		"[1] More like this",
		"More like “Western Europe–Western China: 8,445 km”",
		"📍 Khorgos International Centre",
		"Projects · Page 1 of",
		"Timeline · Page 2 of",
		"I don't know the command /nosuch",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("console output lacks %q", want)
		}
	}
	if strings.Contains(got, "<b>") || strings.Contains(got, "</") || strings.Contains(got, "&#") || strings.Contains(got, "&amp;") {
		t.Errorf("console output holds HTML:\n%s", got)
	}
}

func TestConsoleStopsOnCancel(t *testing.T) {
	h := bot.NewHandler(testIndex(t))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, w := ioPipe()
	defer w.Close()
	if err := New(h, &strings.Builder{}).Run(ctx, r); err != nil {
		t.Errorf("Run after cancel = %v, want nil", err)
	}
}

// ioPipe is io.Pipe, named so the test reads plainly: a reader that
// never ends until the writer closes.
func ioPipe() (*io.PipeReader, *io.PipeWriter) { return io.Pipe() }

var (
	ixOnce sync.Once
	ixVal  *index.Index
	ixErr  error
)

// testIndex is the real knowledge base's index, built once per test run.
func testIndex(t testing.TB) *index.Index {
	t.Helper()
	ixOnce.Do(func() {
		base, err := knowledge.Default()
		if err != nil {
			ixErr = err
			return
		}
		ixVal, ixErr = index.Build(base)
	})
	if ixErr != nil {
		t.Fatalf("build index: %v", ixErr)
	}
	return ixVal
}

// quizHandler is a handler with quizzes on the real question bank, kept
// in a store in a temporary folder, on clock.
func quizHandler(t *testing.T, clock bot.Clock) (*bot.Handler, *bot.Quiz) {
	t.Helper()
	ix := testIndex(t)
	bank, err := quiz.NewBank(ix.Base())
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h := bot.NewHandler(ix)
	return h, bot.EnableQuiz(h, bot.QuizOptions{Bank: bank, Store: db, Clock: clock, Seed: 3})
}

// fakeClock moves only when the test advances it.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []fakeTimer
}

type fakeTimer struct {
	at time.Time
	c  chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.timers = append(c.timers, fakeTimer{c.now.Add(d), ch})
	return ch
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.timers[:0]
	for _, t := range c.timers {
		if t.at.After(c.now) {
			kept = append(kept, t)
			continue
		}
		t.c <- c.now
	}
	c.timers = kept
}

// screen is the console's output, safe to read while the quiz's
// goroutine prints, with a wait for a text to appear.
type screen struct {
	mu      sync.Mutex
	b       strings.Builder
	changed chan struct{}
}

func newScreen() *screen { return &screen{changed: make(chan struct{}, 1)} }

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case s.changed <- struct{}{}:
	default:
	}
	return s.b.Write(p)
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// wait waits until the screen shows want count times.
func (s *screen) wait(t *testing.T, want string, count int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for strings.Count(s.String(), want) < count {
		select {
		case <-s.changed:
		case <-ctx.Done():
			t.Fatalf("the console never showed %q %d times:\n%s", want, count, s.String())
		}
	}
}

func TestConsolePractice(t *testing.T) {
	h, _ := quizHandler(t, newFakeClock())
	var out bytes.Buffer
	con := New(h, &out)
	ctx := context.Background()
	con.Say(ctx, "/quiz energy 2")
	if !strings.Contains(out.String(), "Question 1 of 2") || !strings.Contains(out.String(), "[1]") {
		t.Fatalf("console /quiz printed:\n%s", out.String())
	}
	con.Say(ctx, "1")
	con.Say(ctx, "2")
	if !strings.Contains(out.String(), "Done! You got") {
		t.Errorf("console practice did not finish:\n%s", out.String())
	}
}

// TestConsoleClassQuiz: with Group set, the console runs a class quiz
// as a group chat does: the quiz's polls print as numbered options,
// typing a number votes, the clock moves the quiz on, and the results
// name the console's user.
func TestConsoleClassQuiz(t *testing.T) {
	clock := newFakeClock()
	h, q := quizHandler(t, clock)
	out := newScreen()
	con := New(h, out)
	con.Group = true
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); q.Run(ctx, con) }()
	defer func() { cancel(); <-done }()

	con.Say(ctx, "/quiz energy 2 10")
	out.wait(t, "📊 ", 1)
	for _, want := range []string{"2 questions", "[1] ", "[2] "} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("the class quiz's start lacks %q:\n%s", want, out.String())
		}
	}
	con.Say(ctx, "1") // a vote, not a button
	clock.Advance(11 * time.Second)
	out.wait(t, "answered correctly", 1)
	out.wait(t, "📊 ", 2)
	con.Say(ctx, "2")
	con.Say(ctx, "/next") // the starter moves on before the time is up
	out.wait(t, "The quiz is over!", 1)
	if got := out.String(); !strings.Contains(got, "1 of 1 answered correctly") && !strings.Contains(got, "0 of 1 answered correctly") {
		t.Errorf("the vote typed in the console was not counted:\n%s", got)
	}
	if got := out.String(); !strings.Contains(got[strings.LastIndex(got, "The quiz is over!"):], "Console") {
		t.Errorf("the results do not name the console's user:\n%s", got)
	}
	if strings.Contains(out.String(), "<b>") {
		t.Errorf("the console printed HTML:\n%s", out.String())
	}
}

// TestConsoleSavesPictures: the console chat saves a picture as a PNG
// in its folder and says where.
func TestConsoleSavesPictures(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	c := New(bot.NewHandler(testIndex(t)), &out)
	c.PictureDir = filepath.Join(dir, "pictures")
	ctx := context.Background()
	c.Say(ctx, "/timeline")
	lines := strings.Split(out.String(), "\n")
	n := ""
	for _, l := range lines {
		if strings.Contains(l, "As a picture") {
			n = strings.TrimSpace(strings.Trim(strings.TrimSpace(l)[:3], "[]"))
		}
	}
	if n == "" {
		t.Fatalf("no picture button in:\n%s", out.String())
	}
	out.Reset()
	c.Say(ctx, n)
	if !strings.Contains(out.String(), "The picture is saved in "+c.PictureDir) {
		t.Fatalf("the console does not say where the picture is:\n%s", out.String())
	}
	files, _ := filepath.Glob(filepath.Join(c.PictureDir, "*.png"))
	if len(files) != 1 {
		t.Fatalf("pictures saved: %v", files)
	}
	data, _ := os.ReadFile(files[0])
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		t.Errorf("%s is not a PNG: %v", files[0], err)
	}
}
