package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Call is one request the server accepted. Calls are recorded in arrival
// order; the maps are shared and must not be modified.
type Call struct {
	Method    string            // canonical method name, such as "sendMessage"
	Params    map[string]string // request parameters; JSON values as their JSON text
	Files     map[string][]byte // uploaded files by form field, such as "document"
	FileNames map[string]string // uploaded file names by form field
	// Result is the JSON result sent back. It is nil for getUpdates, which is
	// recorded when the poll arrives so that tests can wait for a poll to be
	// pending.
	Result json.RawMessage
	Time   time.Time // when the request arrived
}

// Int64 returns the named parameter as an integer, or 0 if it is absent or
// not an integer.
func (c Call) Int64(name string) int64 {
	n, _ := strconv.ParseInt(c.Params[name], 10, 64)
	return n
}

// Message decodes Result as a message, as sent back by sendMessage and the
// other send and edit methods.
func (c Call) Message() (tgbotapi.Message, error) {
	var m tgbotapi.Message
	if err := json.Unmarshal(c.Result, &m); err != nil {
		return m, fmt.Errorf("decode %s result as message: %w", c.Method, err)
	}
	return m, nil
}

// record appends c, drops the oldest calls beyond the history limit and
// wakes waiters. s.mu must be held.
func (s *Server) record(c Call) {
	s.calls = append(s.calls, c)
	if s.history > 0 && len(s.calls) >= 2*s.history {
		drop := len(s.calls) - s.history
		s.calls = slices.Clone(s.calls[drop:])
		s.dropped += drop
	}
	wake(&s.newCalls)
}

// callsFrom returns the kept calls from absolute index next on, and the
// absolute index of the first of them. s.mu must be held.
func (s *Server) callsFrom(next int) ([]Call, int) {
	next = max(next, s.dropped)
	return s.calls[next-s.dropped:], next
}

// Calls returns every accepted call so far, in arrival order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// CallsTo returns the accepted calls to method, in arrival order.
func (s *Server) CallsTo(method string) []Call {
	return s.filter(func(c Call) bool { return c.Method == method })
}

// Sent returns the sendMessage calls addressed to chatID, in arrival order.
func (s *Server) Sent(chatID int64) []Call {
	return s.filter(func(c Call) bool {
		return c.Method == "sendMessage" && c.Int64("chat_id") == chatID
	})
}

// Texts returns the text of every message sent to chatID with sendMessage,
// in arrival order.
func (s *Server) Texts(chatID int64) []string {
	var texts []string
	for _, c := range s.Sent(chatID) {
		texts = append(texts, c.Params["text"])
	}
	return texts
}

func (s *Server) filter(keep func(Call) bool) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}

// Errors returns every refused request so far, each a *RequestError, in
// arrival order. Left out are injected faults (see InjectedFaults) and the
// "message is not modified" refusal, which well-behaved bots get and handle
// in normal use.
func (s *Server) Errors() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.errs)
}

// Message returns the current state of a message the bot sent to chatID,
// including later edits, and whether it exists (it was sent and not deleted).
func (s *Server) Message(chatID int64, messageID int) (tgbotapi.Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[messageKey{chatID, messageID}]
	if !ok {
		return tgbotapi.Message{}, false
	}
	return *m, true
}

// Messages returns the current state of the messages the bot sent to chatID
// and has not deleted, in sending order.
func (s *Server) Messages(chatID int64) []tgbotapi.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []tgbotapi.Message
	for _, id := range s.order[chatID] {
		if m, ok := s.messages[messageKey{chatID, id}]; ok {
			out = append(out, *m)
		}
	}
	return out
}

// WaitFor returns the first accepted call to method for which match reports
// true, waiting for it if it has not arrived yet. An empty method matches
// every method and a nil match matches every call. WaitFor fails with the
// context's error when ctx is done, and with ErrClosed when the server closes
// first.
func (s *Server) WaitFor(ctx context.Context, method string, match func(Call) bool) (Call, error) {
	next := 0
	for {
		s.mu.Lock()
		calls, from := s.callsFrom(next)
		for i, c := range calls {
			if (method == "" || c.Method == method) && (match == nil || match(c)) {
				s.mu.Unlock()
				return c, nil
			}
			next = from + i + 1
		}
		if s.closed {
			s.mu.Unlock()
			return Call{}, fmt.Errorf("wait for %s: %w", describe(method), ErrClosed)
		}
		changed := waitChan(&s.newCalls)
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			return Call{}, fmt.Errorf("wait for %s: %w", describe(method), ctx.Err())
		case <-changed:
		}
	}
}

// WaitN returns the first n accepted calls to method, waiting until that many
// have arrived. An empty method counts every method. It fails like WaitFor.
func (s *Server) WaitN(ctx context.Context, method string, n int) ([]Call, error) {
	var got []Call
	next := 0
	for {
		s.mu.Lock()
		calls, from := s.callsFrom(next)
		for i, c := range calls {
			if len(got) >= n {
				break
			}
			if method == "" || c.Method == method {
				got = append(got, c)
			}
			next = from + i + 1
		}
		if len(got) >= n {
			s.mu.Unlock()
			return got, nil
		}
		if s.closed {
			s.mu.Unlock()
			return got, fmt.Errorf("wait for %d calls to %s, got %d: %w", n, describe(method), len(got), ErrClosed)
		}
		changed := waitChan(&s.newCalls)
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			return got, fmt.Errorf("wait for %d calls to %s, got %d: %w", n, describe(method), len(got), ctx.Err())
		case <-changed:
		}
	}
}

func describe(method string) string {
	if method == "" {
		return "any method"
	}
	return method
}
