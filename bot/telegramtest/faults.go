package telegramtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Faults describes failures the server injects, for reliability tests. Each
// matching request draws once from a generator seeded with Seed: with
// probability Drop its connection is closed without a response, with
// probability Err500 it gets HTTP 500, and with probability TooMany it gets
// HTTP 429 with retry_after set to RetryAfter. The probabilities should sum to
// at most 1. A faulted request is neither recorded as a call nor acted upon:
// it consumes no updates and creates no messages.
type Faults struct {
	// Methods lists the methods subject to faults; empty means all methods.
	Methods []string
	// Err500 is the probability of an HTTP 500 Internal Server Error.
	Err500 float64
	// TooMany is the probability of an HTTP 429 Too Many Requests.
	TooMany float64
	// RetryAfter is the retry_after, in seconds, sent with each 429.
	RetryAfter int
	// Drop is the probability that the connection is dropped unanswered.
	Drop float64
	// Seed seeds the generator, so that a run is repeatable for a given
	// order of requests.
	Seed int64
	// Delay holds each matching request this long before it is
	// answered or faulted: a slow Bot API. It counts for no Limit.
	Delay time.Duration
	// Limit, when above 0, is how many faults are injected at most:
	// Limit 1 with TooMany 1 gives the next matching request a 429 and
	// lets the rest through.
	Limit int
}

// FaultKind names a kind of injected fault.
type FaultKind int

// The kinds of faults the server injects.
const (
	FaultErr500  FaultKind = iota + 1 // HTTP 500 Internal Server Error
	FaultTooMany                      // HTTP 429 Too Many Requests
	FaultDrop                         // connection closed without a response
)

// String returns a short name of the fault kind.
func (k FaultKind) String() string {
	switch k {
	case FaultErr500:
		return "500"
	case FaultTooMany:
		return "429"
	case FaultDrop:
		return "drop"
	}
	return fmt.Sprintf("FaultKind(%d)", int(k))
}

// InjectedFault records one fault the server injected.
type InjectedFault struct {
	Method string    // the faulted method
	Kind   FaultKind // what the request got instead of an answer
	Time   time.Time // when the fault was injected
}

// SetFaults replaces the fault configuration and reseeds the generator.
// The zero Faults turns fault injection off.
func (s *Server) SetFaults(f Faults) {
	f.Methods = slices.Clone(f.Methods)
	seed := uint64(f.Seed)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = f
	s.limited = 0
	s.rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// InjectedFaults returns every fault injected so far, in order.
func (s *Server) InjectedFaults() []InjectedFault {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.injected)
}

// chooseFault decides whether a request to method is faulted.
func (s *Server) chooseFault(method string) (FaultKind, Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faults
	if s.rng == nil || f.Drop+f.Err500+f.TooMany <= 0 || !f.covers(method) {
		return 0, f
	}
	if f.Limit > 0 && s.limited >= f.Limit {
		return 0, f
	}
	var kind FaultKind
	switch p := s.rng.Float64(); {
	case p < f.Drop:
		kind = FaultDrop
	case p < f.Drop+f.Err500:
		kind = FaultErr500
	case p < f.Drop+f.Err500+f.TooMany:
		kind = FaultTooMany
	default:
		return 0, f
	}
	s.injected = append(s.injected, InjectedFault{Method: method, Kind: kind, Time: time.Now()})
	s.limited++
	wake(&s.newCalls)
	return kind, f
}

// covers reports whether the faults apply to method.
func (f Faults) covers(method string) bool {
	return len(f.Methods) == 0 || slices.ContainsFunc(f.Methods, func(m string) bool { return strings.EqualFold(m, method) })
}

// injectFault holds the request for the faults' Delay, then answers it
// with a fault if one is due, and reports whether it did.
func (s *Server) injectFault(w http.ResponseWriter, r *http.Request, method string) bool {
	s.mu.Lock()
	delay := s.faults.Delay
	if !s.faults.covers(method) {
		delay = 0
	}
	s.mu.Unlock()
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
		}
	}
	kind, f := s.chooseFault(method)
	switch kind {
	case FaultDrop:
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			// Aborting the handler also closes the connection unanswered.
			panic(http.ErrAbortHandler)
		}
		_ = conn.Close()
	case FaultErr500:
		writeError(w, &apiError{code: http.StatusInternalServerError, description: "Internal Server Error"})
	case FaultTooMany:
		retry := f.RetryAfter
		writeError(w, &apiError{
			code:        http.StatusTooManyRequests,
			description: fmt.Sprintf("Too Many Requests: retry after %d", retry),
			retryAfter:  &retry,
		})
	default:
		return false
	}
	return true
}

// WaitFaults waits until at least n faults have been injected since the
// server started, or ctx ends.
func (s *Server) WaitFaults(ctx context.Context, n int) error {
	for {
		s.mu.Lock()
		got := len(s.injected)
		if got >= n {
			s.mu.Unlock()
			return nil
		}
		if s.closed {
			s.mu.Unlock()
			return fmt.Errorf("wait for %d faults, got %d: %w", n, got, ErrClosed)
		}
		changed := waitChan(&s.newCalls)
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for %d faults, got %d: %w", n, got, ctx.Err())
		case <-changed:
		}
	}
}
