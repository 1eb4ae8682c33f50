package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/silkroad-bot/silkroad/internal/clock"
	"golang.org/x/time/rate"
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

// Sender makes every call to the Bot API. It keeps Telegram's flood
// limits (per chat, per group and overall), retries what may succeed
// later (429 after retry_after; 5xx and network errors with exponential
// backoff and jitter, a bounded number of times), and gives up at once on
// permanent errors such as 403 "bot was blocked by the user" or 400
// "chat not found". Every wait ends when the caller's context does. It
// never puts the token in an error.
type Sender struct {
	api     *tgbotapi.BotAPI
	client  tgbotapi.HTTPClient
	timeout time.Duration // limit of one attempt
	limits  *limiter      // nil when limits are off
	retry   RetryPolicy
	// clock is what the rate limits and the waits between attempts go
	// by; tests give one that does not take real seconds.
	clock clock.Clock
	log   *slog.Logger
	// files is where files are downloaded from: files + token + "/" +
	// the file_path getFile gives.
	files string
	// photos holds the file_ids of the pictures sent, by key.
	photos *photoIDs
}

// newSender returns a Sender over api, whose requests go through client.
func newSender(api *tgbotapi.BotAPI, client tgbotapi.HTTPClient, limits Limits, retry RetryPolicy) *Sender {
	s := &Sender{api: api, client: client, timeout: 30 * time.Second, retry: retry.withDefaults(), clock: clock.System{}, log: slog.New(slog.DiscardHandler), photos: newPhotoIDs()}
	if limits != (Limits{}) {
		s.limits = newLimiter(limits.withDefaults())
	}
	return s
}

// Limits are the Sender's outgoing rate limits. Telegram allows about one
// message a second in a private chat, 20 a minute in a group and 30 a
// second overall; DefaultLimits follows those rules. The zero Limits
// means no limits at all, for tests and load runs against a fake server;
// in other Limits, zero fields take their values from DefaultLimits.
type Limits struct {
	// Chat and ChatBurst limit messages to one private chat (a positive
	// chat id).
	Chat      rate.Limit
	ChatBurst int
	// Group and GroupBurst limit messages to one group, supergroup or
	// channel (a negative chat id).
	Group      rate.Limit
	GroupBurst int
	// Global and GlobalBurst limit messages to all chats together.
	Global      rate.Limit
	GlobalBurst int
}

// DefaultLimits follows Telegram's published limits, with short bursts.
var DefaultLimits = Limits{
	Chat: 1, ChatBurst: 3,
	Group: rate.Limit(20.0 / 60), GroupBurst: 3,
	Global: 30, GlobalBurst: 30,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	orDefault(&l.Chat, d.Chat)
	orDefault(&l.ChatBurst, d.ChatBurst)
	orDefault(&l.Group, d.Group)
	orDefault(&l.GroupBurst, d.GroupBurst)
	orDefault(&l.Global, d.Global)
	orDefault(&l.GlobalBurst, d.GlobalBurst)
	return l
}

// orDefault sets *v to d when it is zero or less: an option left unset.
func orDefault[T ~int | ~float64 | ~int64](v *T, d T) {
	if *v <= 0 {
		*v = d
	}
}

// RetryPolicy says how the Sender retries failed calls. Zero fields take
// their defaults.
type RetryPolicy struct {
	// Attempts is the most calls made for one request, the first
	// included; 0 means 5.
	Attempts int
	// Base is the first backoff after a 5xx or network error, doubled on
	// each further failure up to Max, with jitter; 0 means 500 ms.
	Base time.Duration
	// Max caps one backoff; 0 means 30 s.
	Max time.Duration
	// MaxRetryAfter caps how long a 429's retry_after is waited, on
	// every method: a longer one is logged and waited only this long
	// before the call is tried again; 0 means 5 minutes.
	MaxRetryAfter time.Duration
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	orDefault(&p.Attempts, 5)
	orDefault(&p.Base, 500*time.Millisecond)
	orDefault(&p.Max, 30*time.Second)
	orDefault(&p.MaxRetryAfter, 5*time.Minute)
	return p
}

// ErrPermanent marks a call the Bot API refused in a way retrying cannot
// mend: the bot was blocked, the chat does not exist, the request is
// malformed. Test for it with errors.Is.
var ErrPermanent = errors.New("permanent error")

// Permanent reports whether retrying the call cannot help: a 4xx other
// than 429.
func (e *APIError) Permanent() bool {
	return e.Code >= 400 && e.Code < 500 && e.Code != http.StatusTooManyRequests
}

// Is makes errors.Is(err, ErrPermanent) true for permanent API errors.
func (e *APIError) Is(target error) bool { return target == ErrPermanent && e.Permanent() }

// Call calls method with params and returns the result, waiting for the
// rate limits and retrying as the Sender's doc says. chatID, when
// non-zero, names the chat the call is about, for the per-chat limits.
func (s *Sender) Call(ctx context.Context, chatID int64, method string, params tgbotapi.Params) (json.RawMessage, error) {
	limited := s.limits != nil && chatID != 0 && limitedMethod(method)
	bo := backoff{min: s.retry.Base, max: s.retry.Max}
	for attempt := 1; ; attempt++ {
		if limited {
			if err := s.limits.wait(ctx, chatID, s.clock); err != nil {
				return nil, fmt.Errorf("%s: rate limit: %w", method, err)
			}
		}
		actx, cancel := context.WithTimeout(ctx, s.timeout)
		res, err := s.call(actx, method, params)
		cancel()
		if err == nil {
			return res, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", method, ctx.Err())
		}
		var d time.Duration
		var ae *APIError
		switch {
		case errors.As(err, &ae) && ae.Code == http.StatusTooManyRequests:
			d = ae.RetryAfter
			if d <= 0 {
				d = bo.next()
			}
			d = s.capRetryAfter(ctx, method, d)
		case errors.As(err, &ae) && ae.Permanent():
			return nil, err
		default: // a 5xx, a network error or a timed-out attempt
			d = bo.next()
		}
		if attempt >= s.retry.Attempts {
			return nil, fmt.Errorf("gave up after %d attempts: %w", attempt, err)
		}
		if !clock.Sleep(ctx, s.clock, d) {
			return nil, fmt.Errorf("%s: %w", method, ctx.Err())
		}
	}
}

// capRetryAfter caps a 429's wait at MaxRetryAfter, logging at warn
// when it does, so that no retry_after (an hour, say) stops the bot for
// longer.
func (s *Sender) capRetryAfter(ctx context.Context, method string, d time.Duration) time.Duration {
	if d <= s.retry.MaxRetryAfter {
		return d
	}
	s.log.WarnContext(ctx, "retry_after capped", "method", method, "retry_after", d, "wait", s.retry.MaxRetryAfter)
	return s.retry.MaxRetryAfter
}

// limitedMethod reports whether method sends or changes a message, which
// is what Telegram's flood limits count.
func limitedMethod(method string) bool {
	switch method {
	case "sendChatAction", "getChatMember", "getChat", "answerCallbackQuery", "answerInlineQuery":
		return false
	}
	return strings.HasPrefix(method, "send") || strings.HasPrefix(method, "edit") ||
		method == "copyMessage" || method == "forwardMessage" || method == "stopPoll"
}

// limiter holds the rate limiters: one overall and one per chat.
type limiter struct {
	lim    Limits
	global *rate.Limiter

	mu    sync.Mutex // guards chats and share
	chats map[int64]*rate.Limiter
	share int // the replicas sharing the limits; this one takes 1/share
}

// ShareLimits makes this Sender keep to 1/n of its limits, overall and
// per chat, for n replicas that send as one bot: together they keep to
// Telegram's. Each burst is cut too, to no less than 1.
func (s *Sender) ShareLimits(n int) {
	if s.limits != nil {
		s.limits.setShare(n)
	}
}

func (l *limiter) setShare(n int) {
	n = max(n, 1)
	l.mu.Lock()
	defer l.mu.Unlock()
	if n == l.share {
		return
	}
	l.share = n
	l.global.SetLimit(l.lim.Global / rate.Limit(n))
	l.global.SetBurst(max(1, l.lim.GlobalBurst/n))
	for id, r := range l.chats {
		l.shareChat(id, r)
	}
}

// shareChat sets chatID's limiter r to this replica's share. l.mu must
// be held.
func (l *limiter) shareChat(chatID int64, r *rate.Limiter) {
	n := max(l.share, 1)
	lim, burst := l.lim.Chat, l.lim.ChatBurst
	if chatID < 0 {
		lim, burst = l.lim.Group, l.lim.GroupBurst
	}
	r.SetLimit(lim / rate.Limit(n))
	r.SetBurst(max(1, burst/n))
}

// maxIdleChats is how many per-chat limiters are kept before the idle ones
// (those back at their full burst) are swept.
const maxIdleChats = 10000

func newLimiter(l Limits) *limiter {
	return &limiter{lim: l, global: rate.NewLimiter(l.Global, l.GlobalBurst), chats: make(map[int64]*rate.Limiter)}
}

// wait blocks until a message may go to chatID, by clock: first the
// chat's own limit, then the overall one.
func (l *limiter) wait(ctx context.Context, chatID int64, clk clock.Clock) error {
	for _, r := range []*rate.Limiter{l.chat(chatID, clk.Now()), l.global} {
		now := clk.Now()
		res := r.ReserveN(now, 1)
		if !res.OK() {
			return errors.New("rate limit: a burst of 0 lets nothing through")
		}
		if d := res.DelayFrom(now); d > 0 && !clock.Sleep(ctx, clk, d) {
			res.CancelAt(clk.Now())
			return ctx.Err()
		}
	}
	return nil
}

// chat returns chatID's limiter, making it if need be; now is the time,
// to tell the idle limiters.
func (l *limiter) chat(chatID int64, now time.Time) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	if r, ok := l.chats[chatID]; ok {
		return r
	}
	if len(l.chats) >= maxIdleChats {
		for id, r := range l.chats {
			if r.TokensAt(now) >= float64(r.Burst()) {
				delete(l.chats, id)
			}
		}
	}
	r := rate.NewLimiter(l.lim.Chat, l.lim.ChatBurst)
	if chatID < 0 {
		r = rate.NewLimiter(l.lim.Group, l.lim.GroupBurst)
	}
	if l.share > 1 {
		l.shareChat(chatID, r)
	}
	l.chats[chatID] = r
	return r
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
