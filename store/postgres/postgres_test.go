package postgres_test

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/store"
	"github.com/silkroad-bot/silkroad/store/postgres"
	"github.com/silkroad-bot/silkroad/store/postgres/pgtest"
	"github.com/silkroad-bot/silkroad/store/storetest"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func open(t *testing.T, url string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), url, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return db
}

// TestPostgres runs the store suite and the replicas' checks on one
// throwaway cluster, each in a database of its own.
func TestPostgres(t *testing.T) {
	srv := pgtest.Start(t)
	t.Run("Suite", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) func() store.Store {
			url := srv.NewDatabase(t)
			return func() store.Store { return open(t, url) }
		})
	})
	t.Run("MigrationsAtOnce", func(t *testing.T) { migrationsAtOnce(t, srv.NewDatabase(t)) })
	t.Run("ClaimOnce", func(t *testing.T) { claimOnce(t, srv.NewDatabase(t)) })
	t.Run("ChatLock", func(t *testing.T) { chatLock(t, srv.NewDatabase(t)) })
	t.Run("OneLeader", func(t *testing.T) { oneLeader(t, srv.NewDatabase(t)) })
	t.Run("Replicas", func(t *testing.T) { replicas(t, srv.NewDatabase(t)) })
	t.Run("BadLogin", func(t *testing.T) { badLogin(t, srv) })
	// Last: it restarts the server.
	t.Run("Restart", func(t *testing.T) { restart(t, srv, srv.NewDatabase(t)) })
}

// migrationsAtOnce: replicas starting together all open the store; the
// schema is made once.
func migrationsAtOnce(t *testing.T, url string) {
	const n = 5
	var wg sync.WaitGroup
	dbs := make([]*postgres.DB, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { dbs[i], errs[i] = postgres.Open(context.Background(), url, nil) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("replica %d: Open: %v", i, errs[i])
		}
		defer dbs[i].Close()
	}
	if err := dbs[0].SetLang(1, "kk"); err != nil {
		t.Fatal(err)
	}
	if lang, _, _ := dbs[n-1].Lang(1); lang != "kk" {
		t.Errorf("another replica reads lang %q, want kk", lang)
	}
}

// claimOnce: of replicas claiming one update at once, one gets it; the
// others hear it is taken, then that it is done; a claim whose replica
// died expires and is claimed again.
func claimOnce(t *testing.T, url string) {
	a, b := open(t, url), open(t, url)
	defer a.Close()
	defer b.Close()
	var wins atomic.Int32
	var wg sync.WaitGroup
	for _, db := range []*postgres.DB{a, b, a, b} {
		wg.Go(func() {
			claimed, done, err := db.Claim(7, t0, time.Minute)
			if err != nil {
				t.Error(err)
			}
			if done {
				t.Error("update 7 done before anyone handled it")
			}
			if claimed {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("update 7 claimed %d times, want once", wins.Load())
	}
	if ok, _ := b.Handled(7); ok {
		t.Error("a claim counts as handled")
	}
	if first, err := a.MarkHandled(7, t0); !first || err != nil {
		t.Errorf("MarkHandled(7) after claiming = %v, %v; want first", first, err)
	}
	if claimed, done, _ := b.Claim(7, t0.Add(time.Hour), time.Minute); claimed || !done {
		t.Errorf("Claim of a handled update = %v, %v; want done", claimed, done)
	}
	// Many claims at once, sharing statements, a few for the same id in
	// one statement: each id is still won once.
	var wonBy [200]atomic.Int32
	for _, db := range []*postgres.DB{a, b, a, b} {
		for i := range wonBy {
			wg.Go(func() {
				claimed, _, err := db.Claim(int64(1000+i), t0, time.Minute)
				if err != nil {
					t.Error(err)
				}
				if claimed {
					wonBy[i].Add(1)
				}
			})
		}
	}
	wg.Wait()
	for i := range wonBy {
		if n := wonBy[i].Load(); n != 1 {
			t.Errorf("update %d claimed %d times by replicas claiming at once, want once", 1000+i, n)
		}
	}
	// A replica that claims and dies: after the lease, another may.
	if claimed, _, _ := a.Claim(8, t0, time.Minute); !claimed {
		t.Fatal("Claim(8) refused")
	}
	if claimed, done, _ := b.Claim(8, t0.Add(30*time.Second), time.Minute); claimed || done {
		t.Errorf("Claim(8) inside the lease = %v, %v; want taken, not done", claimed, done)
	}
	if claimed, _, _ := b.Claim(8, t0.Add(2*time.Minute), time.Minute); !claimed {
		t.Error("Claim(8) after the lease expired refused")
	}
	// A claim renewed while its update is handled slowly holds.
	if claimed, _, _ := a.Claim(9, t0, time.Minute); !claimed {
		t.Fatal("Claim(9) refused")
	}
	if err := a.Renew(9, t0.Add(5*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if claimed, _, _ := b.Claim(9, t0.Add(3*time.Minute), time.Minute); claimed {
		t.Error("Claim(9) granted inside a renewed lease")
	}
}

// chatLock: the chat's lock excludes other replicas until it is let go,
// or until its holder's connections close.
func chatLock(t *testing.T, url string) {
	a, b := open(t, url), open(t, url)
	defer b.Close()
	ctx := context.Background()
	unlock, err := a.LockChat(ctx, -100)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan func())
	go func() {
		u, err := b.LockChat(ctx, -100)
		if err != nil {
			t.Error(err)
		}
		got <- u
	}()
	// Another chat is free meanwhile.
	other, err := b.LockChat(ctx, -200)
	if err != nil {
		t.Fatal(err)
	}
	other()
	select {
	case <-got:
		t.Fatal("replica b took chat -100's lock while a held it")
	default:
	}
	unlock()
	(<-got)()

	// A holder that goes away lets go.
	if _, err := a.LockChat(ctx, -300); err != nil {
		t.Fatal(err)
	}
	a.Close()
	u, err := b.LockChat(ctx, -300)
	if err != nil {
		t.Fatalf("lock of a closed replica not released: %v", err)
	}
	u()
}

// oneLeader: one replica polls; when it lets go, another takes over.
func oneLeader(t *testing.T, url string) {
	a, b := open(t, url), open(t, url)
	defer a.Close()
	defer b.Close()
	ctx := context.Background()
	_, release, err := a.Lead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	led := make(chan func())
	go func() {
		_, r, err := b.Lead(ctx)
		if err != nil {
			t.Error(err)
		}
		led <- r
	}()
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, _, err := a.Lead(short); err == nil {
		t.Error("a second lead was granted while one is held")
	}
	release()
	(<-led)()
}

// replicas: each open store counts as a replica until it closes.
func replicas(t *testing.T, url string) {
	a, b := open(t, url), open(t, url)
	defer a.Close()
	if n, err := a.Replicas(); n != 2 || err != nil {
		t.Errorf("Replicas with two open = %d, %v", n, err)
	}
	b.Close()
	if n, _ := a.Replicas(); n != 1 {
		t.Errorf("Replicas after one closed = %d, want 1", n)
	}
}

// badLogin: a refused password and an unreachable server fail at once
// with one line that names the server and not the password.
func badLogin(t *testing.T, srv *pgtest.Server) {
	srv.SQL(t, "CREATE ROLE teacher LOGIN PASSWORD 'right'")
	srv.SQL(t, "CREATE DATABASE school OWNER teacher")
	for _, c := range []struct{ name, url, want string }{
		{"wrong password", srv.URL("school", "teacher", "s3cret-wrong"), "password or user was refused"},
		{"nobody listening", "postgres://silkroad:s3cret-wrong@127.0.0.1:1/silkroad?sslmode=disable&connect_timeout=2", "cannot reach PostgreSQL at 127.0.0.1:1"},
		{"not a URL", "postgres://silkroad:s3cret-wrong@[::1/x", "does not parse"},
	} {
		_, err := postgres.Open(context.Background(), c.url, nil)
		if err == nil {
			t.Errorf("%s: Open succeeded", c.name)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, c.want) || strings.Contains(msg, "s3cret") || strings.Contains(msg, "\n") {
			t.Errorf("%s: error %q; want one line with %q and no password", c.name, msg, c.want)
		}
	}
	if db, err := postgres.Open(context.Background(), srv.URL("school", "teacher", "right"), nil); err != nil {
		t.Errorf("the right password refused: %v", err)
	} else {
		db.Close()
	}
}

// restart: the server restarts while a replica writes; every write
// made through it is there afterwards.
func restart(t *testing.T, srv *pgtest.Server, url string) {
	db := open(t, url)
	defer db.Close()
	const n = 40
	written := make(chan error, n)
	stopped := make(chan struct{})
	go func() {
		for i := range n {
			if i == n/4 {
				close(stopped)
			}
			_, err := db.MarkHandled(int64(i), t0)
			written <- err
		}
	}()
	<-stopped
	srv.Stop(t)
	srv.Start(t)
	for range n {
		if err := <-written; err != nil {
			t.Errorf("a write across the restart failed: %v", err)
		}
	}
	for i := range int64(n) {
		if ok, err := db.Handled(i); !ok || err != nil {
			t.Errorf("update %d lost across the restart: %v, %v", i, ok, err)
		}
	}
}
