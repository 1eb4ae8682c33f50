package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// rssSampler samples a process's resident set every 20 ms.
type rssSampler struct {
	pid  int
	done chan struct{}
	peak chan float64
}

func newRSSSampler(pid int) *rssSampler {
	s := &rssSampler{pid: pid, done: make(chan struct{}), peak: make(chan float64, 1)}
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		peak := 0.0
		for {
			if rss, err := procRSS(pid); err == nil {
				peak = max(peak, rss)
			}
			select {
			case <-s.done:
				s.peak <- peak
				return
			case <-t.C:
			}
		}
	}()
	return s
}

// stop ends the sampling and returns the peak resident set and the
// process's high-water mark, in MB.
func (s *rssSampler) stop() (peak, hwm float64) {
	close(s.done)
	peak = <-s.peak
	hwm, _ = procStatus(s.pid, "VmHWM")
	return peak, hwm
}

// procRSS reads the resident set of a process from /proc/<pid>/statm, in
// MB: a short line, far cheaper for the kernel to make than the status
// file, as the sampler reads it fifty times a second.
func procRSS(pid int) (float64, error) {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(raw))
	if len(f) < 2 {
		return 0, errors.New("/proc/" + strconv.Itoa(pid) + "/statm: unexpected format")
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0, err
	}
	return float64(pages*int64(os.Getpagesize())) / (1 << 20), nil
}

// procStatus reads a field given in kB from /proc/<pid>/status, in MB.
func procStatus(pid int, field string) (float64, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024, err
		}
	}
	return 0, errors.New(field + " not found")
}

// procCPU reads the CPU time (user and system) a process has used so
// far from /proc/<pid>/stat; pid may be "self".
func procCPU(pid string) (time.Duration, error) {
	raw, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0, err
	}
	// The command name in parentheses may hold spaces; the fields after
	// it are state, ppid, ... with utime and stime 12th and 13th.
	i := bytes.LastIndexByte(raw, ')')
	f := strings.Fields(string(raw[i+1:]))
	if i < 0 || len(f) < 13 {
		return 0, errors.New("/proc/" + pid + "/stat: unexpected format")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := cmp.Or(err1, err2); err != nil {
		return 0, err
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, nil
}

// clockTicks is the unit of /proc/<pid>/stat's times: USER_HZ, 100 on
// Linux on every architecture Go supports.
const clockTicks = 100

// roundTrip is the start and end of one round trip of the bare loop.
type roundTrip struct{ start, end time.Time }

type roundTrips []roundTrip

// elapsed is the time from the first start to the last end.
func (r roundTrips) elapsed() time.Duration {
	if len(r) == 0 {
		return time.Nanosecond
	}
	first, last := r[0].start, r[0].end
	for _, t := range r {
		if t.start.Before(first) {
			first = t.start
		}
		if t.end.After(last) {
			last = t.end
		}
	}
	return last.Sub(first)
}

func (r roundTrips) lat() []time.Duration {
	out := make([]time.Duration, len(r))
	for i, t := range r {
		out[i] = t.end.Sub(t.start)
	}
	return out
}

// bareHTTP times n round trips to an http.Server on loopback that
// answers a trivial JSON result, from conc goroutines each posting a
// small form as the bot posts its calls: about the most a Go HTTP client
// and server can do together on this machine.
func bareHTTP(ctx context.Context, conc, n int) (roundTrips, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("bare loop: %w", err)
	}
	body := []byte(`{"ok":true,"result":true}`)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})}
	go srv.Serve(ln)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc}}
	defer client.CloseIdleConnections()
	endpoint := "http://" + ln.Addr().String() + "/botx/sendMessage"
	form := url.Values{"chat_id": {"100000"}, "text": {"hello"}}.Encode()

	var next atomic.Int64
	per := make([]roundTrips, conc)
	errs := make([]error, conc)
	var wg sync.WaitGroup
	for c := range conc {
		wg.Go(func() {
			for next.Add(1) <= int64(n) {
				start := time.Now()
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form))
				if err != nil {
					errs[c] = err
					return
				}
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				resp, err := client.Do(req)
				if err != nil {
					errs[c] = err
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				per[c] = append(per[c], roundTrip{start, time.Now()})
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("bare loop: %w", err)
	}
	return slices.Concat(per...), nil
}

// percentiles returns the 50th and 99th percentiles and the maximum of
// lat, in milliseconds.
func percentiles(lat []time.Duration) (p50, p99, top float64) {
	if len(lat) == 0 {
		return 0, 0, 0
	}
	slices.Sort(lat)
	return ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]), ms(lat[len(lat)-1])
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// tailBuffer keeps the last max bytes written to it; it is safe for
// concurrent use.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = slices.Clone(t.b[len(t.b)-t.max:])
	}
	return len(p), nil
}

// lastLines returns the last n lines written.
func (t *tailBuffer) lastLines(n int) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	lines := strings.Split(strings.TrimSpace(string(t.b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
