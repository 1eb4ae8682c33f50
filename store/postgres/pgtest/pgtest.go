// Package pgtest starts a throwaway PostgreSQL cluster for tests, from
// the binaries of Debian's postgresql package (initdb and pg_ctl), in a
// temporary folder, listening only on a unix socket there. Without the
// binaries a test is skipped, or fails when CI=true.
package pgtest

import (
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// Superuser is the cluster's superuser, trusted on the socket.
const Superuser = "silkroad"

// Server is a running throwaway cluster.
type Server struct {
	Dir  string // data directory and socket folder
	bin  string
	cred *syscall.Credential // the user postgres runs as, when the test runs as root
	opts string              // the server's options
	next atomic.Int64
}

// Bin finds the folder of initdb and pg_ctl: on PATH, or the newest
// under /usr/lib/postgresql.
func Bin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("pg_ctl"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	slices.SortFunc(found, func(a, b string) int {
		va, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(a))))
		vb, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(b))))
		return vb - va
	})
	if len(found) == 0 {
		return "", fmt.Errorf("no initdb on PATH or in /usr/lib/postgresql/*/bin: install Debian's postgresql package (apt-get install postgresql)")
	}
	return filepath.Dir(found[0]), nil
}

// Start initialises and starts a cluster, stopped and removed when the
// test ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	bin, err := Bin()
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatal(err)
		}
		tb.Skip(err)
	}
	dir, err := os.MkdirTemp("", "silkroad-pg-")
	if err != nil {
		tb.Fatal(err)
	}
	s := &Server{Dir: dir, bin: bin}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root: run it as the package's
		// postgres user, who must own the folder.
		u, err := user.Lookup("postgres")
		if err != nil {
			tb.Fatalf("running as root, and no postgres user to run PostgreSQL as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		s.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			tb.Fatal(err)
		}
	}
	hba := filepath.Join(dir, "hba.conf")
	s.run(tb, "initdb", "-D", s.data(), "-U", Superuser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync")
	// The superuser is trusted; any other role must give its password,
	// so that a test can be refused.
	conf := "local all " + Superuser + " trust\nlocal all all scram-sha-256\n"
	if err := os.WriteFile(hba, []byte(conf), 0o644); err != nil {
		tb.Fatal(err)
	}
	if s.cred != nil {
		os.Chown(hba, int(s.cred.Uid), int(s.cred.Gid))
	}
	s.opts = fmt.Sprintf("-c listen_addresses='' -k %s -c hba_file=%s -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", dir, hba)
	s.Start(tb)
	tb.Cleanup(func() { s.pgctl(tb, false, "stop", "-m", "immediate") })
	return s
}

func (s *Server) data() string { return filepath.Join(s.Dir, "data") }

// Start starts the cluster again after Stop.
func (s *Server) Start(tb testing.TB) {
	tb.Helper()
	s.pgctl(tb, true, "start", "-o", s.opts, "-l", filepath.Join(s.Dir, "log"))
}

// Stop stops the cluster, cutting its connections.
func (s *Server) Stop(tb testing.TB) {
	tb.Helper()
	s.pgctl(tb, true, "stop", "-m", "fast")
}

func (s *Server) pgctl(tb testing.TB, must bool, args ...string) {
	tb.Helper()
	args = append([]string{"-D", s.data(), "-w", "-t", "120"}, args...)
	out, err := s.command("pg_ctl", args...).CombinedOutput()
	if err != nil && must {
		log, _ := os.ReadFile(filepath.Join(s.Dir, "log"))
		tb.Fatalf("pg_ctl %s: %v\n%s\n%s", strings.Join(args, " "), err, out, log)
	}
}

func (s *Server) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(s.bin, name), args...)
	cmd.Dir = s.Dir
	if s.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	return cmd
}

func (s *Server) run(tb testing.TB, name string, args ...string) {
	tb.Helper()
	if out, err := s.command(name, args...).CombinedOutput(); err != nil {
		tb.Fatalf("%s: %v\n%s", name, err, out)
	}
}

// URL returns the URL of database name as role (the superuser when
// empty), with password when given.
func (s *Server) URL(name, role, password string) string {
	if role == "" {
		role = Superuser
	}
	u := url.URL{Scheme: "postgres", User: url.User(role), Path: "/" + name,
		RawQuery: url.Values{"host": {s.Dir}, "sslmode": {"disable"}}.Encode()}
	if password != "" {
		u.User = url.UserPassword(role, password)
	}
	return u.String()
}

// NewDatabase creates an empty database and returns its URL.
func (s *Server) NewDatabase(tb testing.TB) string {
	tb.Helper()
	name := "t" + strconv.FormatInt(s.next.Add(1), 10)
	s.SQL(tb, "CREATE DATABASE "+name)
	return s.URL(name, "", "")
}

// SQL runs statements as the superuser with psql.
func (s *Server) SQL(tb testing.TB, sql string) {
	tb.Helper()
	psql, err := exec.LookPath("psql")
	if err != nil {
		psql = filepath.Join(s.bin, "psql")
	}
	cmd := exec.Command(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", s.Dir, "-U", Superuser, "-d", "postgres", "-c", sql)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("psql %q: %v\n%s", sql, err, out)
	}
}
