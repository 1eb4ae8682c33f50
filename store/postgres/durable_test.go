package postgres

import (
	"context"
	"testing"

	"github.com/silkroad-bot/silkroad/store/postgres/pgtest"
)

// TestOnlyClaimsSkipTheDisk: claims commit without waiting for the disk;
// everything else (marks, quizzes, votes, settings) keeps the server's
// setting. (The tests' server has synchronous_commit off for speed, so
// the check is on who set it.)
func TestOnlyClaimsSkipTheDisk(t *testing.T) {
	d, err := Open(context.Background(), pgtest.Start(t).NewDatabase(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	const q = `SELECT setting, source FROM pg_settings WHERE name = 'synchronous_commit'`
	show := func(name string, row interface{ Scan(...any) error }, bySession bool) {
		var setting, source string
		if err := row.Scan(&setting, &source); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := source == "client"; got != bySession || bySession && setting != "off" {
			t.Errorf("synchronous_commit on the %s = %q, set by %q; want off by the client: %v", name, setting, source, bySession)
		}
	}
	ctx := context.Background()
	show("claims' connections", d.claims.QueryRow(ctx, q), true)
	show("other queries' connections", d.pool.QueryRow(ctx, q), false)
	show("locks' connections", d.locks.QueryRow(ctx, q), false)
}
