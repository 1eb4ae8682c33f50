package store

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestDamagedDatabase damages a database file in three ways and checks
// that Open reports each as ErrDamaged, naming the file, and never
// panics.
func TestDamagedDatabase(t *testing.T) {
	damage := map[string]func(t *testing.T, path string){
		"truncated": func(t *testing.T, path string) {
			if err := os.Truncate(path, 6000); err != nil {
				t.Fatal(err)
			}
		},
		"garbage": func(t *testing.T, path string) {
			rng := rand.New(rand.NewPCG(1, 2))
			b := make([]byte, 64<<10)
			for i := range b {
				b[i] = byte(rng.UintN(256))
			}
			if err := os.WriteFile(path, b, FileMode); err != nil {
				t.Fatal(err)
			}
		},
		"bit flips in the data pages": func(t *testing.T, path string) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			const page = 4096
			// Every page but the two meta pages: flip bits of its header
			// (id, flags, count) and of its first elements.
			for off := 2 * page; off+64 < len(b); off += page {
				for _, k := range []int{0, 8, 10, 12, 20, 33} {
					b[off+k] ^= 0x5a
				}
			}
			if err := os.WriteFile(path, b, FileMode); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, hurt := range damage {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			db, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			// Enough state to fill a few pages, in one commit.
			pending := map[int64][]byte{}
			for i := range 300 {
				pending[int64(i)] = []byte(`{"update_id":` + strconv.Itoa(i) + `,"message":{"text":"how many shops are in khorgos?"}}`)
			}
			if err := db.SavePending(pending); err != nil {
				t.Fatal(err)
			}
			if err := db.SetLang(1, "ru"); err != nil {
				t.Fatal(err)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, FileName)
			hurt(t, path)
			db, err = Open(dir)
			if err == nil {
				db.Close()
				t.Fatalf("Open of a %s database succeeded, want ErrDamaged", name)
			}
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("Open of a %s database: %v, want ErrDamaged", name, err)
			}
			if want := path + " is damaged: move it aside"; len(err.Error()) < len(want) || err.Error()[:len(want)] != want {
				t.Errorf("error %q does not start %q", err, want)
			}
		})
	}
}
