package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// APIError is an error the Bot API returned: ok=false with an error code.
type APIError struct {
	Method      string
	Code        int
	Description string
	// RetryAfter is how long to wait before retrying, from a 429.
	RetryAfter time.Duration
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s: telegram error %d: %s", e.Method, e.Code, e.Description)
}

// NotModified reports whether the error is Telegram's "message is not
// modified", which an edit that changes nothing gets.
func (e *APIError) NotModified() bool {
	return e.Code == http.StatusBadRequest && strings.Contains(e.Description, "message is not modified")
}

// Sender makes every call to the Bot API. It is the single place where
// rate limits and retries belong; for now it makes each call once, with
// the caller's context and a time limit. It never puts the token in an
// error.
type Sender struct {
	api     *tgbotapi.BotAPI
	client  tgbotapi.HTTPClient
	timeout time.Duration // limit of one ordinary call
}

// newSender returns a Sender over api, whose requests go through client.
func newSender(api *tgbotapi.BotAPI, client tgbotapi.HTTPClient) *Sender {
	return &Sender{api: api, client: client, timeout: 30 * time.Second}
}

// Call calls method with params and returns the result. chatID, when
// non-zero, names the chat the call is about, for per-chat limits.
func (s *Sender) Call(ctx context.Context, chatID int64, method string, params tgbotapi.Params) (json.RawMessage, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	return s.call(ctx, method, params)
}

// call makes one request under ctx, without a time limit of its own.
func (s *Sender) call(ctx context.Context, method string, params tgbotapi.Params) (json.RawMessage, error) {
	api := *s.api // a copy whose client carries this call's context
	api.Client = ctxClient{ctx: ctx, c: s.client}
	resp, err := api.MakeRequest(method, params)
	if err != nil {
		var te *tgbotapi.Error
		if errors.As(err, &te) {
			return nil, &APIError{Method: method, Code: te.Code, Description: te.Message, RetryAfter: time.Duration(te.RetryAfter) * time.Second}
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", method, ctx.Err())
		}
		return nil, fmt.Errorf("%s: %w", method, scrub(err, s.api.Token))
	}
	return resp.Result, nil
}

// ctxClient runs one request under a context. tgbotapi.MakeRequest takes
// no context, so each call gets its own copy of the BotAPI with a
// ctxClient made for that call alone.
type ctxClient struct {
	ctx context.Context
	c   tgbotapi.HTTPClient
}

func (c ctxClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.c.Do(req.WithContext(c.ctx))
	if err != nil {
		return nil, scrubURL(err)
	}
	return resp, nil
}

// scrubURL drops the URL, which holds the token, from an HTTP client
// error.
func scrubURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return &url.Error{Op: ue.Op, URL: "[bot api]", Err: ue.Err}
	}
	return err
}

// redactedError is an error whose text had the token removed.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// scrub removes token from err's text, keeping err in the chain.
func scrub(err error, token string) error {
	err = scrubURL(err)
	if token != "" && strings.Contains(err.Error(), token) {
		return &redactedError{msg: strings.ReplaceAll(err.Error(), token, "[redacted]"), err: errors.Unwrap(err)}
	}
	return err
}

// backoff computes waits between failed attempts: exponential, capped,
// with jitter.
type backoff struct {
	min, max time.Duration
	n        int
}

// next returns the next wait: between half and all of min·2ⁿ, capped.
func (b *backoff) next() time.Duration {
	d := b.min << min(b.n, 20)
	if d > b.max || d <= 0 {
		d = b.max
	}
	b.n++
	return d/2 + rand.N(d/2+1)
}

func (b *backoff) reset() { b.n = 0 }

// wait blocks for d or until ctx is done, and reports whether d passed.
func wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
