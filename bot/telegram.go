package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math"
	"net"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// DefaultAPIBaseURL is the real Bot API server.
const DefaultAPIBaseURL = "https://api.telegram.org"

// TelegramOptions configures the Telegram transport.
type TelegramOptions struct {
	// Token is the bot token from @BotFather. Required.
	Token string
	// BaseURL is the Bot API server; empty means DefaultAPIBaseURL.
	BaseURL string
	// WebhookURL, when set, selects webhook mode: Telegram posts updates
	// to it. Empty means long polling.
	WebhookURL string
	// Listen is the webhook server's address (":8080"); Listener, when
	// set, is used instead, for tests.
	Listen   string
	Listener net.Listener
	// Secret is the webhook's secret_token; empty means a random one.
	Secret string
	// MaxConns is how many connections the webhook server keeps open at
	// once before it closes strangers' (see connGuard); 0 means 256.
	MaxConns int
	// PollTimeout is the getUpdates long-poll timeout; 0 means 30 s.
	PollTimeout time.Duration
	// RetryMin is the first wait after a failed getUpdates, doubled on
	// each further failure up to 30 s; 0 means 500 ms.
	RetryMin time.Duration
	// Grace is how long in-flight updates may run after shutdown starts;
	// 0 means 8 s.
	Grace time.Duration
	// Limits are the outgoing rate limits; the zero value means none.
	// Use DefaultLimits against the real Telegram.
	Limits Limits
	// Retry says how failed calls are retried; the zero value means the
	// RetryPolicy defaults.
	Retry RetryPolicy
	// TypingDelay is how long handling a message may take before the
	// bot shows "typing…" in its chat; 0 means DefaultTypingDelay, and a
	// negative value shows it before every answer.
	TypingDelay time.Duration
	// Workers is how many chats are handled at once; 0 means 8. Each
	// chat's updates are handled one at a time, in order.
	Workers int
	// Updates, when set, remembers handled update ids, so that updates
	// Telegram sends again after a crash or restart are not answered
	// twice.
	Updates UpdateLog
	// HTTPClient makes the requests; nil means a fresh http.Client.
	HTTPClient *http.Client
	// Logger receives the transport's logs, with the token redacted;
	// nil discards them.
	Logger *slog.Logger
	// Hello, when set, is a getMe already under way (Greet); nil means
	// NewTelegram calls getMe itself.
	Hello *Hello
}

// Hello is the bot's first call to the Bot API, getMe, which checks the
// token and tells the bot its username. Greet starts it before the
// handler is ready, so that the round trip to Telegram overlaps building
// the index; NewTelegram finishes it.
type Hello struct {
	done   chan struct{}
	api    *tgbotapi.BotAPI
	client tgbotapi.HTTPClient
	err    error
}

// Greet starts getMe with the token, base URL, HTTP client and workers
// of opts, and returns at once. Give the result to NewTelegram in
// opts.Hello, with the same options.
func Greet(ctx context.Context, opts TelegramOptions) *Hello {
	opts = withDefaults(opts)
	// The library's own logger may print request URLs, which hold the
	// token: route it through the redacting logger before any call.
	setLibLogger(transportLogger(opts, ""))
	h := &Hello{done: make(chan struct{}), client: newClient(opts)}
	go func() {
		defer close(h.done)
		h.api, h.err = getMe(ctx, opts, h.client)
	}()
	return h
}

// transportLogger is opts.Logger with the token and secret redacted.
func transportLogger(opts TelegramOptions, secret string) *slog.Logger {
	base := opts.Logger
	if base == nil {
		base = slog.New(slog.DiscardHandler)
	}
	return slog.New(RedactHandler(base.Handler(), opts.Token, secret))
}

// withDefaults fills in the options left zero.
func withDefaults(opts TelegramOptions) TelegramOptions {
	if opts.BaseURL == "" {
		opts.BaseURL = DefaultAPIBaseURL
	}
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	if opts.PollTimeout <= 0 {
		opts.PollTimeout = 30 * time.Second
	}
	if opts.RetryMin <= 0 {
		opts.RetryMin = 500 * time.Millisecond
	}
	if opts.Grace <= 0 {
		opts.Grace = 8 * time.Second
	}
	if opts.Workers <= 0 {
		opts.Workers = DefaultWorkers
	}
	if opts.TypingDelay == 0 {
		opts.TypingDelay = DefaultTypingDelay
	}
	return opts
}

// newClient returns opts.HTTPClient, or a client for the Bot API.
func newClient(opts TelegramOptions) tgbotapi.HTTPClient {
	if opts.HTTPClient != nil {
		return opts.HTTPClient
	}
	// Every worker may have a call in flight; the default transport
	// keeps only two idle connections per host, so the others would be
	// closed and dialled (and TLS-handshaken) again on each call.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 2*opts.Workers + 2
	return &http.Client{Transport: tr}
}

// getMe connects to the Bot API, within 30 seconds.
func getMe(ctx context.Context, opts TelegramOptions, client tgbotapi.HTTPClient) (*tgbotapi.BotAPI, error) {
	gctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	api, err := tgbotapi.NewBotAPIWithClient(opts.Token, opts.BaseURL+"/bot%s/%s", ctxClient{ctx: gctx, c: client})
	if err != nil {
		return nil, fmt.Errorf("connect to the bot API: %w", scrub(err, opts.Token))
	}
	api.Client = client
	return api, nil
}

// UpdateLog remembers which updates were handled. *store.DB implements it.
type UpdateLog interface {
	// Handled reports whether update id was marked handled.
	Handled(id int64) (bool, error)
	// MarkHandled records that update id was handled at now.
	MarkHandled(id int64, now time.Time) (first bool, err error)
	// PruneHandled forgets the updates handled before cutoff.
	PruneHandled(cutoff time.Time) (int, error)
	// SavePending keeps updates received and not yet handled, by id, so
	// that they may be confirmed to Telegram before they are handled;
	// MarkHandled forgets them. Pending returns those kept.
	SavePending(updates map[int64][]byte) error
	Pending() (map[int64][]byte, error)
}

// DefaultTypingDelay is how long handling a message may take before
// the Telegram transport shows "typing…". Most answers take about a
// millisecond and reach the chat before the action would, so sending it
// first would only double the calls per update; a slow answer (a
// /reload, a loaded machine) still shows it.
const DefaultTypingDelay = 200 * time.Millisecond

// DefaultWorkers is how many chats the Telegram transport handles at once
// unless TelegramOptions.Workers says otherwise.
const DefaultWorkers = 8

// Telegram carries a Handler over the Telegram Bot API, by long polling
// or a webhook.
type Telegram struct {
	h      *Handler
	api    *tgbotapi.BotAPI
	send   *Sender
	opts   TelegramOptions
	log    *slog.Logger
	secret string
	slots  chan struct{} // one token per webhook request being handled
	// marks counts update-log writes in flight; Run waits for them.
	marks sync.WaitGroup
	// hooks counts webhook requests being handled; once closed is set,
	// under hooksMu, no more start, and Run waits for the rest.
	hooksMu sync.Mutex
	closed  bool
	hooks   sync.WaitGroup
}

// NewTelegram connects to the Bot API (calling getMe to learn the bot's
// username, which it gives to h) and returns the transport. The token
// never appears in its errors or logs.
func NewTelegram(ctx context.Context, h *Handler, opts TelegramOptions) (*Telegram, error) {
	opts = withDefaults(opts)
	hello := opts.Hello
	if hello == nil {
		hello = Greet(ctx, opts)
	}
	select {
	case <-hello.done:
	case <-ctx.Done():
		return nil, fmt.Errorf("connect to the bot API: %w", ctx.Err())
	}
	if hello.err != nil {
		return nil, hello.err
	}
	api, client := hello.api, hello.client
	secret := opts.Secret
	if secret == "" && opts.WebhookURL != "" {
		b := make([]byte, 24)
		_, _ = rand.Read(b)
		secret = hex.EncodeToString(b)
	}
	log := transportLogger(opts, secret)
	setLibLogger(log)
	h.SetUsername(api.Self.UserName)
	send := newSender(api, client, opts.Limits, opts.Retry)
	send.log = log
	return &Telegram{h: h, api: api, send: send, opts: opts, log: log,
		secret: secret, slots: make(chan struct{}, opts.Workers)}, nil
}

// Username returns the bot's username as getMe reported it.
func (t *Telegram) Username() string { return t.api.Self.UserName }

// Sender returns the sender all calls go through.
func (t *Telegram) Sender() *Sender { return t.send }

// Run registers the commands, then takes updates until ctx is done: by
// webhook when WebhookURL is set, else by long polling. On shutdown it
// stops taking updates, lets those in flight finish (within Grace), and
// returns nil.
func (t *Telegram) Run(ctx context.Context) error {
	defer t.marks.Wait() // last: the store closes after Run returns
	// Neither the menu nor pruning the update log need hold up the first
	// getUpdates: they run beside it, and Run waits for them to finish.
	var side sync.WaitGroup
	defer side.Wait()
	side.Go(func() { t.prune(ctx) })
	side.Go(func() { t.setCommands(ctx) })
	side.Go(func() { t.shareLimits(ctx) })
	// work outlives ctx by Grace, so that updates in flight finish.
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() {
		time.AfterFunc(t.opts.Grace, cancel)
	})
	defer stop()
	if t.opts.WebhookURL != "" {
		// Updates saved pending while the bot last polled are confirmed
		// already: Telegram will not send them to the webhook.
		d := newDispatcher(t)
		d.restore(ctx, work)
		side.Go(d.stop)
		err := t.serveWebhook(ctx, work)
		// The server is down (after Grace, on shutdown), but a request
		// it read last may still be in its handler: refuse any more, cut
		// the rest short, and wait for them before the update-log writes
		// they may start.
		t.hooksMu.Lock()
		t.closed = true
		t.hooksMu.Unlock()
		cancel()
		t.hooks.Wait()
		return err
	}
	if l, ok := t.opts.Updates.(PollLeader); ok {
		return t.pollAsLeader(ctx, work, l)
	}
	return t.poll(ctx, work)
}

// PollLeader is an update log shared by replicas (store/postgres) that
// elects the one replica that polls Telegram, so that two never ask
// getUpdates with different offsets.
type PollLeader interface {
	// Lead waits until this replica leads or ctx is done. lost is
	// closed if the lead is lost; release gives it up.
	Lead(ctx context.Context) (lost <-chan struct{}, release func(), err error)
}

// pollAsLeader polls while this replica leads: it waits for the lead,
// polls until ctx is done or the lead is lost, and then waits again.
func (t *Telegram) pollAsLeader(ctx, work context.Context, l PollLeader) error {
	for {
		lost, release, err := l.Lead(ctx)
		if err != nil {
			return nil // ctx done while waiting
		}
		t.log.InfoContext(ctx, "this replica polls Telegram for updates")
		pctx, cancel := context.WithCancel(ctx)
		go func() {
			select {
			case <-lost:
				cancel()
			case <-pctx.Done():
			}
		}()
		err = t.poll(pctx, work)
		cancel()
		release()
		if err != nil || ctx.Err() != nil {
			return err
		}
		t.log.WarnContext(ctx, "lost the lead in polling Telegram; waiting to take it again")
	}
}

// shareLimits keeps the send limits and the flood guard divided among
// the live replicas,
// when the update log knows them (store/postgres), until ctx is done.
func (t *Telegram) shareLimits(ctx context.Context) {
	r, ok := t.opts.Updates.(interface{ Replicas() (int, error) })
	if !ok {
		return
	}
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	last := 1
	for {
		n, err := r.Replicas()
		if err != nil {
			t.log.WarnContext(ctx, "counting the replicas failed; keeping the send limits as they are", "err", err)
		} else if n != last {
			t.log.InfoContext(ctx, "sharing the send limits", "replicas", n)
			t.send.ShareLimits(n)
			t.h.flood.setShare(n)
			last = n
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// prune forgets handled update ids older than Telegram keeps updates.
func (t *Telegram) prune(ctx context.Context) {
	if t.opts.Updates == nil {
		return
	}
	// Telegram keeps an unconfirmed update for 24 hours at most.
	if n, err := t.opts.Updates.PruneHandled(time.Now().Add(-48 * time.Hour)); err != nil {
		t.log.WarnContext(ctx, "pruning handled update ids failed", "err", err)
	} else if n > 0 {
		t.log.DebugContext(ctx, "pruned handled update ids", "n", n)
	}
}

// setCommands registers the command menu: the English one as the
// default, and one for each other language under its language_code, so
// that Telegram shows each user the menu in their app's language. The
// languages' calls go out at once. A failure is only logged.
func (t *Telegram) setCommands(ctx context.Context) {
	type cmd struct {
		Command     string `json:"command"`
		Description string `json:"description"`
	}
	var wg sync.WaitGroup
	for _, lang := range Langs {
		var cmds []cmd
		for _, c := range t.h.Menu(lang) {
			cmds = append(cmds, cmd{c.Name, c.Description})
		}
		params := tgbotapi.Params{}
		if lang != "en" {
			params["language_code"] = lang
		}
		raw, err := json.Marshal(cmds)
		if err != nil {
			t.log.WarnContext(ctx, "setMyCommands failed; the command menu may be stale", "lang", lang, "err", err)
			continue
		}
		params["commands"] = string(raw)
		wg.Go(func() {
			if _, err := t.send.Call(ctx, 0, "setMyCommands", params); err != nil {
				t.log.WarnContext(ctx, "setMyCommands failed; the command menu may be stale", "lang", lang, "err", err)
			}
		})
	}
	wg.Wait()
}

// poll runs the getUpdates loop. Each chat's updates are handled in
// order, different chats at once on at most Workers goroutines (see
// dispatcher). The loop waits for a batch to be handled before it asks
// for more, but for batchWait at most: a chat that waits longer (for its
// rate limit, say) holds up no other. The offset confirms only updates
// that are handled, or saved in the update log's pending list (save);
// the first one in flight and not saved, and any after it, stay
// unconfirmed, so Telegram sends them again after a crash, and
// getUpdates returns them again until then; they are skipped. Updates
// saved pending are handled at the next start (restore).
func (t *Telegram) poll(ctx, work context.Context) error {
	if _, err := t.send.Call(ctx, 0, "deleteWebhook", nil); err != nil && ctx.Err() == nil {
		t.log.WarnContext(ctx, "deleteWebhook failed", "err", err)
	}
	t.log.InfoContext(ctx, "polling for updates", "bot", t.Username())
	offset := 0
	bo := backoff{min: t.opts.RetryMin, max: 30 * time.Second}
	secs := int(t.opts.PollTimeout / time.Second)
	d := newDispatcher(t)
	d.restore(ctx, work)
	for ctx.Err() == nil {
		d.save(ctx)
		offset = d.confirmable(offset)
		pctx, cancel := context.WithTimeout(ctx, t.opts.PollTimeout+15*time.Second)
		raw, err := t.send.call(pctx, "getUpdates", tgbotapi.Params{
			"offset":  strconv.Itoa(offset),
			"timeout": strconv.Itoa(secs),
		})
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			d := bo.next()
			var ae *APIError
			if errors.As(err, &ae) && ae.RetryAfter > 0 {
				d = t.send.capRetryAfter(ctx, "getUpdates", ae.RetryAfter)
			}
			t.log.WarnContext(ctx, "getUpdates failed", "err", err, "retry_in", d)
			sleep(ctx, t.send.clock, d)
			continue
		}
		bo.reset()
		var batch []json.RawMessage
		if err := json.Unmarshal(raw, &batch); err != nil {
			t.log.ErrorContext(ctx, "getUpdates: bad result", "err", err)
			sleep(ctx, t.send.clock, bo.next())
			continue
		}
		ins := make([]*incoming, len(batch))
		for i, raw := range batch {
			ins[i] = decodeUpdate(raw)
		}
		d.dispatch(work, ins...)
		d.settle(ctx, batchWait)
	}
	d.stop() // every dispatched update handled or cut short
	t.confirm(work, d.confirmable(offset))
	t.log.InfoContext(work, "stopped polling")
	return nil
}

// batchWait is how long the polling loop waits for the updates in flight
// before it asks for new ones anyway.
const batchWait = 50 * time.Millisecond

// dispatcher hands polled updates to at most Workers goroutines, made
// as needed and kept until polling stops. Chats with updates waiting
// take turns: a worker handles one update of the chat first in line and
// puts the chat back at the end of the line if it has more, so each
// chat's updates are handled in order, one at a time, and a chat with
// many holds up no other. It tracks which update ids are in flight or
// handled until the offset confirms them.
type dispatcher struct {
	t  *Telegram
	wg sync.WaitGroup

	mu       sync.Mutex
	work     *sync.Cond             // signalled when a chat joins ready, or on stop
	queues   map[string][]*incoming // by chat key, not yet started
	ready    []string               // chats with updates waiting and no worker, in turn
	busy     map[string]bool        // chats in ready or with a worker
	workers  int                    // goroutines made
	waiting  int                    // workers waiting for a chat and not signalled
	stopping bool                   // no more dispatches: workers finish what is left and exit
	seen     map[int64]seenUpdate   // ids not yet confirmed
	inFlight int                    // updates dispatched and not yet handled
	idle     chan struct{}          // closed when inFlight falls to 0
}

func newDispatcher(t *Telegram) *dispatcher {
	d := &dispatcher{t: t, queues: map[string][]*incoming{}, busy: map[string]bool{},
		seen: map[int64]seenUpdate{}}
	d.work = sync.NewCond(&d.mu)
	return d
}

// dispatch queues in for handling under ctx, unless it is an update
// polled again while in flight, or handled but not yet confirmed.
// dispatch queues updates for the workers, all of them before any
// worker may take one, so that the chats of one batch take turns from
// the first update on.
func (d *dispatcher) dispatch(ctx context.Context, ins ...*incoming) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, in := range ins {
		d.queue(ctx, in)
	}
}

// queue queues one update. d.mu must be held.
func (d *dispatcher) queue(ctx context.Context, in *incoming) {
	if in.id != nil {
		if _, seen := d.seen[*in.id]; seen {
			return
		}
		// The update log is read here, in id order, not by the worker:
		// every update this process marked was dispatched before, so has
		// a smaller id, and the log answers from memory unless the update
		// is from before a restart.
		if d.t.opts.Updates != nil {
			if d.t.handledBefore(ctx, *in.id) {
				d.seen[*in.id] = seenUpdate{state: updateDone}
				return
			}
			in.logChecked = true
		}
		st := updateInFlight
		if in.pending {
			st = updateSaved
		}
		d.seen[*in.id] = seenUpdate{state: st, raw: in.raw}
	}
	k := in.chatKey(d.t.h.PollChat)
	// A class's votes come all at once and each must count: they are
	// never dropped for backlog, nor count towards it.
	if in.u.PollAnswer == nil && len(d.queues[k]) >= maxBacklog && backlog(d.queues[k]) >= maxBacklog {
		// A chat sending faster than its rate limit lets the bot answer
		// (a group over 20 replies a minute, say): answers this late
		// would only be noise. Deliberately silent, and logged.
		d.t.log.WarnContext(ctx, "chat backlog full; not answering an update", "chat", k, "update", in.u.UpdateID, "waiting", len(d.queues[k]))
		if in.id != nil {
			d.seen[*in.id] = seenUpdate{state: updateDone}
		}
		return
	}
	if d.inFlight == 0 {
		d.idle = make(chan struct{})
	}
	d.inFlight++
	d.queues[k] = append(d.queues[k], in)
	if d.busy[k] {
		return
	}
	d.busy[k] = true
	d.ready = append(d.ready, k)
	switch {
	case d.waiting > 0:
		// Counted off here, not when it wakes: the next chat of this
		// batch needs another worker.
		d.waiting--
		d.work.Signal()
	case d.workers < d.t.opts.Workers:
		d.workers++
		d.wg.Go(func() { d.run(ctx) })
	}
}

// maxBacklog is how many updates of one chat may wait to be handled;
// more are not answered.
const maxBacklog = 100

// run is a worker: it handles updates of the chats in ready, in turn,
// until stop.
func (d *dispatcher) run(ctx context.Context) {
	d.mu.Lock()
	for {
		for len(d.ready) == 0 {
			if d.stopping {
				d.mu.Unlock()
				return
			}
			d.waiting++ // until dispatch signals it
			d.work.Wait()
		}
		k := d.ready[0]
		d.ready = d.ready[1:]
		in := d.queues[k][0]
		d.queues[k] = d.queues[k][1:]
		d.mu.Unlock()

		if ctx.Err() == nil { // else shut down: leave it for the next start
			d.t.handleUpdate(ctx, in)
		}

		d.mu.Lock()
		if in.id != nil && ctx.Err() == nil { // else cut short: leave it to the next start
			d.seen[*in.id] = seenUpdate{state: updateDone}
		}
		d.inFlight--
		if d.inFlight == 0 {
			close(d.idle)
		}
		if len(d.queues[k]) > 0 {
			d.ready = append(d.ready, k)
		} else {
			delete(d.queues, k)
			delete(d.busy, k)
		}
	}
}

// stop lets the workers exit once every update dispatched has been
// handled (or skipped, when ctx is done), and waits for them.
func (d *dispatcher) stop() {
	d.mu.Lock()
	d.stopping = true
	d.waiting = 0
	d.work.Broadcast()
	d.mu.Unlock()
	d.wg.Wait()
}

// settle waits until no update is in flight, or max has passed.
func (d *dispatcher) settle(ctx context.Context, max time.Duration) {
	d.mu.Lock()
	busy, idle := d.inFlight > 0, d.idle
	d.mu.Unlock()
	if !busy {
		return
	}
	deadline := time.NewTimer(max)
	defer deadline.Stop()
	select {
	case <-idle:
	case <-deadline.C:
	case <-ctx.Done():
	}
}

// confirmable returns the offset that confirms every update below the
// first one in flight and not saved (at least offset), and forgets those.
func (d *dispatcher) confirmable(offset int) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	low := int64(math.MaxInt64) // the first update in flight and not saved
	for id, u := range d.seen {
		if u.state == updateInFlight {
			low = min(low, id)
		}
	}
	next := offset
	if low < math.MaxInt64 {
		// Updates come in id order: all below the first one in flight
		// are handled or saved, or were confirmed before.
		next = max(next, int(low))
	} else {
		for id := range d.seen {
			next = max(next, int(id)+1)
		}
	}
	for id := range d.seen {
		if int(id) < next {
			delete(d.seen, id)
		}
	}
	return next
}

// seenUpdate is where a polled update stands until the offset confirms
// it.
type seenUpdate struct {
	state updateState
	raw   json.RawMessage // the update, while in flight and not saved
}

type updateState uint8

const (
	updateInFlight updateState = iota // dispatched, not handled yet
	updateSaved                       // in flight, and saved in the update log's pending list
	updateDone                        // handled, now or before a restart
)

// save keeps the updates in flight that are not saved yet in the update
// log's pending list, so that the offset may confirm them and polling go
// on past them. The poll loop calls it once the updates of a batch have
// had batchWait to be handled, so this costs nothing while answers are
// fast; an update that waits long (for its chat's rate limit, say) no
// longer keeps the next hundred from being fetched.
func (d *dispatcher) save(ctx context.Context) {
	if d.t.opts.Updates == nil {
		return
	}
	d.mu.Lock()
	batch := map[int64][]byte{}
	for id, u := range d.seen {
		if u.state == updateInFlight {
			batch[id] = u.raw
		}
	}
	d.mu.Unlock()
	if len(batch) == 0 {
		return
	}
	if err := d.t.opts.Updates.SavePending(batch); err != nil {
		d.t.log.WarnContext(ctx, "saving updates in flight failed; they stay unconfirmed", "updates", len(batch), "err", err)
		return
	}
	d.mu.Lock()
	for id := range batch {
		if d.seen[id].state == updateInFlight {
			d.seen[id] = seenUpdate{state: updateSaved}
		}
	}
	d.mu.Unlock()
}

// restore dispatches the updates saved pending and not handled before
// the last stop, in id order.
func (d *dispatcher) restore(ctx, work context.Context) {
	if d.t.opts.Updates == nil {
		return
	}
	pending, err := d.t.opts.Updates.Pending()
	if err != nil {
		d.t.log.ErrorContext(ctx, "reading the updates saved pending failed; they are not answered", "err", err)
		return
	}
	ids := slices.Sorted(maps.Keys(pending))
	if len(ids) > 0 {
		d.t.log.InfoContext(ctx, "handling updates saved pending before the last stop", "updates", len(ids))
	}
	ins := make([]*incoming, 0, len(ids))
	for _, id := range ids {
		in := decodeUpdate(pending[id])
		if in.id == nil || *in.id != id {
			in.id = &id // the log's id wins over a damaged copy
		}
		in.pending = true
		ins = append(ins, in)
	}
	d.dispatch(work, ins...)
}

// confirm tells Telegram the updates before offset are handled, so that a
// restart does not see them again.
func (t *Telegram) confirm(ctx context.Context, offset int) {
	if offset == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	_, _ = t.send.call(ctx, "getUpdates", tgbotapi.Params{"offset": strconv.Itoa(offset), "limit": "1", "timeout": "0"})
}

// incoming is one update as the transport reads it, decoded once.
type incoming struct {
	raw json.RawMessage
	u   tgbotapi.Update
	err error // why u did not decode, if it did not
	// id is the update_id, nil when the update has none; it is read
	// apart from u, so that an update that does not decode still has it.
	id *int64
	// thread is the message_thread_id of the update's message, which
	// tgbotapi v5.5.1 does not know.
	thread int
	// logChecked is set once the update log has said the update was not
	// handled before.
	logChecked bool
	// pending is set for an update read back from the update log's
	// pending list, already confirmed to Telegram.
	pending bool
}

// updateWire is an update as it comes over the wire: a tgbotapi.Update
// whose messages also carry message_thread_id, which tgbotapi v5.5.1 does
// not know, so that one pass of the decoder reads both. Its fields
// shadow the Update's of the same JSON name.
type updateWire struct {
	tgbotapi.Update
	// ID is read apart, so that an update that does not decode still
	// has its update_id, and one without any is told apart from 0.
	ID            *int64       `json:"update_id"`
	Message       *messageWire `json:"message"`
	EditedMessage *messageWire `json:"edited_message"`
	CallbackQuery *struct {
		tgbotapi.CallbackQuery
		Message *messageWire `json:"message"`
	} `json:"callback_query"`
}

type messageWire struct {
	tgbotapi.Message
	ThreadID threadID `json:"message_thread_id"`
}

// threadID is a message_thread_id that, when it is not a number, reads
// as none: the message is still answered, outside any topic.
type threadID int

func (t *threadID) UnmarshalJSON(b []byte) error {
	var n int
	if json.Unmarshal(b, &n) == nil {
		*t = threadID(n)
	}
	return nil
}

// decodeUpdate reads raw in one pass. json keeps every field that
// decodes, so a malformed message still gives its update_id.
func decodeUpdate(raw json.RawMessage) *incoming {
	var w updateWire
	err := json.Unmarshal(raw, &w)
	in := &incoming{raw: raw, id: w.ID, err: err, u: w.Update}
	if w.ID != nil {
		in.u.UpdateID = int(*w.ID)
	}
	switch {
	case w.Message != nil:
		in.u.Message, in.thread = &w.Message.Message, int(w.Message.ThreadID)
	case w.EditedMessage != nil:
		in.u.EditedMessage, in.thread = &w.EditedMessage.Message, int(w.EditedMessage.ThreadID)
	}
	if q := w.CallbackQuery; q != nil {
		in.u.CallbackQuery = &q.CallbackQuery
		if q.Message != nil {
			q.CallbackQuery.Message, in.thread = &q.Message.Message, int(q.Message.ThreadID)
		}
	}
	return in
}

// backlog is how many of queue's updates are not votes.
func backlog(queue []*incoming) int {
	n := 0
	for _, in := range queue {
		if in.u.PollAnswer == nil {
			n++
		}
	}
	return n
}

// chatKey groups updates that must be handled in order: by chat, or by
// user for updates without a chat. A vote goes with its poll's chat, as
// pollChat tells it, so that a vote Telegram sent before the teacher's
// /next is counted before the question closes.
func (in *incoming) chatKey(pollChat func(string) (int64, bool)) string {
	u := &in.u
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return "c" + strconv.FormatInt(u.Message.Chat.ID, 10)
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		return "c" + strconv.FormatInt(u.CallbackQuery.Message.Chat.ID, 10)
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return "u" + strconv.FormatInt(u.CallbackQuery.From.ID, 10)
	case u.InlineQuery != nil && u.InlineQuery.From != nil:
		return "u" + strconv.FormatInt(u.InlineQuery.From.ID, 10)
	case u.PollAnswer != nil:
		if chat, ok := pollChat(u.PollAnswer.PollID); ok {
			return "c" + strconv.FormatInt(chat, 10)
		}
		// A poll not known yet (its sending is still finishing, or
		// another replica sent it): its votes wait together, apart from
		// every other poll's and chat's.
		return "p" + u.PollAnswer.PollID
	}
	return "other"
}

// handleUpdate handles one update and delivers the replies, unless the
// update log says it was handled before (when the dispatcher has not
// asked it already); then it marks it handled.
// Updates that do not decode are logged and dropped. A panic is logged
// with the update id and answered with an apology.
func (t *Telegram) handleUpdate(ctx context.Context, in *incoming) {
	if in.id != nil && t.opts.Updates != nil {
		id := *in.id
		if !in.logChecked && t.handledBefore(ctx, id) {
			return
		}
		defer func() {
			if ctx.Err() != nil {
				return // cut short by shutdown: let a restart handle it again
			}
			// The worker goes on to its next update while the mark is
			// committed: marks queued meanwhile share one commit and one
			// disk sync. A crash before it lands lets a restart answer
			// this update again; nothing is lost.
			at := time.Now()
			t.marks.Go(func() {
				if _, err := t.opts.Updates.MarkHandled(id, at); err != nil {
					t.log.ErrorContext(ctx, "marking an update handled failed", "update", id, "err", err)
				}
			})
		}()
	}
	if in.err != nil {
		t.log.WarnContext(ctx, "dropping an update that does not decode", "err", in.err, "bytes", len(in.raw))
		return
	}
	req := toRequest(in.u, in.thread, t.api.Self)
	if req == nil {
		t.log.DebugContext(ctx, "ignoring update", "update", in.u.UpdateID)
		return
	}
	defer func() {
		if v := recover(); v != nil {
			t.h.countError()
			t.log.ErrorContext(ctx, "panic while serving an update", "update", req.UpdateID, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			t.apologize(ctx, req)
		}
	}()
	t.serve(ctx, req)
}

// handledBefore reports whether the update log says update id was
// handled before. An update it cannot tell about is handled again.
func (t *Telegram) handledBefore(ctx context.Context, id int64) bool {
	done, err := t.opts.Updates.Handled(id)
	if err != nil {
		t.log.ErrorContext(ctx, "checking the update log failed; handling the update anyway", "update", id, "err", err)
	}
	if done {
		t.log.InfoContext(ctx, "skipping an update handled before", "update", id)
	}
	return done
}

// apologize tells the user something went wrong, as well as it can.
func (t *Telegram) apologize(ctx context.Context, req *Request) {
	in := &Input{Request: req, Lang: t.h.lang(ctx, req)}
	in.p = newPrinter(in.Lang)
	for _, r := range t.h.failed(in) {
		if err := t.deliver(ctx, req, r); err != nil {
			t.log.WarnContext(ctx, "sending an apology failed", "update", req.UpdateID, "err", err)
		}
	}
}

// serve handles req and carries out the replies.
func (t *Telegram) serve(ctx context.Context, req *Request) {
	stopTyping := t.typing(ctx, req)
	replies := t.h.Handle(ctx, req)
	stopTyping()
	for _, r := range replies {
		err := t.deliver(ctx, req, r)
		// A reply that failed for a temporary reason (the Bot API down,
		// a long 429, retries run out) is tried again, after a growing
		// wait, until it is delivered, refused for good, or the bot stops;
		// meanwhile its update is neither confirmed nor marked handled,
		// so a restart answers it too.
		bo := backoff{min: t.send.retry.Base, max: t.send.retry.Max}
		for err != nil && !errors.Is(err, ErrPermanent) && ctx.Err() == nil {
			t.log.WarnContext(ctx, "sending a reply failed; trying again", "update", req.UpdateID, "chat", req.ChatID, "err", err)
			if !sleep(ctx, t.send.clock, bo.next()) {
				break
			}
			err = t.deliver(ctx, req, r)
		}
		if err != nil {
			t.h.countError()
			level := slog.LevelWarn
			if errors.Is(err, ErrPermanent) {
				level = slog.LevelInfo // blocked, chat gone: nothing to retry
			}
			t.log.Log(ctx, level, "sending a reply failed; dropped", "update", req.UpdateID, "chat", req.ChatID, "err", err)
		}
	}
}

// typing shows "typing…" in the chat of a message the bot answers,
// once handling it has taken TypingDelay (at once if TypingDelay is
// negative). The stop function it returns, called when the replies are
// ready, cancels the action if it has not gone out yet, or else waits
// for its call to finish, so that it never arrives after the answer.
func (t *Telegram) typing(ctx context.Context, req *Request) (stop func()) {
	if req.Kind != KindMessage || req.ChatID == 0 || !t.h.Wants(req) {
		return func() {}
	}
	done := make(chan struct{})
	send := func() {
		defer close(done)
		p := tgbotapi.Params{"chat_id": strconv.FormatInt(req.ChatID, 10), "action": "typing"}
		addThread(p, req)
		if _, err := t.send.Call(ctx, req.ChatID, "sendChatAction", p); err != nil {
			t.log.DebugContext(ctx, "sendChatAction failed", "err", err)
		}
	}
	if t.opts.TypingDelay < 0 {
		send()
		return func() {}
	}
	timer := time.AfterFunc(t.opts.TypingDelay, send)
	return func() {
		if !timer.Stop() {
			<-done
		}
	}
}

// addThread keeps a reply in the request's forum topic.
func addThread(p tgbotapi.Params, req *Request) {
	if req.ThreadID != 0 {
		p["message_thread_id"] = strconv.Itoa(req.ThreadID)
	}
}

// keyboard encodes button rows as reply_markup JSON, or "" for none.
func keyboard(rows [][]Button) string {
	type button struct {
		Text         string `json:"text"`
		CallbackData string `json:"callback_data,omitempty"`
		URL          string `json:"url,omitempty"`
	}
	var kb [][]button
	for _, row := range rows {
		var r []button
		for _, b := range row {
			r = append(r, button{b.Text, b.Data, b.URL})
		}
		if len(r) > 0 {
			kb = append(kb, r)
		}
	}
	if len(kb) == 0 {
		return ""
	}
	raw, _ := json.Marshal(struct {
		InlineKeyboard [][]button `json:"inline_keyboard"`
	}{kb})
	return string(raw)
}

// deliver carries out one reply.
func (t *Telegram) deliver(ctx context.Context, req *Request, r Reply) error {
	chat := strconv.FormatInt(req.ChatID, 10)
	switch {
	case r.Noticed():
		p := tgbotapi.Params{"callback_query_id": req.CallbackID}
		if r.Notice != "" {
			p["text"] = r.Notice
		}
		if r.Alert {
			p["show_alert"] = "true"
		}
		_, err := t.send.Call(ctx, 0, "answerCallbackQuery", p)
		return err
	case r.Articles != nil:
		return t.answerInline(ctx, req, r)
	case r.Venue != nil:
		if req.ChatID == 0 {
			return nil
		}
		p := tgbotapi.Params{
			"chat_id":   chat,
			"latitude":  strconv.FormatFloat(r.Venue.Lat, 'f', -1, 64),
			"longitude": strconv.FormatFloat(r.Venue.Lon, 'f', -1, 64),
			"title":     r.Venue.Title,
			"address":   r.Venue.Address,
		}
		addThread(p, req)
		_, err := t.send.Call(ctx, req.ChatID, "sendVenue", p)
		return err
	case r.HTML == "":
		return nil
	case r.Edit && req.Kind == KindCallback && (req.MessageID != 0 || req.InlineMessageID != ""):
		p := tgbotapi.Params{"text": truncateHTML(r.HTML, MaxMessage), "parse_mode": "HTML", "disable_web_page_preview": "true"}
		if req.InlineMessageID != "" {
			p["inline_message_id"] = req.InlineMessageID
		} else {
			p["chat_id"], p["message_id"] = chat, strconv.Itoa(req.MessageID)
		}
		if kb := keyboard(r.Buttons); kb != "" {
			p["reply_markup"] = kb
		}
		_, err := t.send.Call(ctx, req.ChatID, "editMessageText", p)
		var ae *APIError
		if errors.As(err, &ae) && ae.NotModified() {
			return nil
		}
		return err
	}
	if req.ChatID == 0 {
		return nil
	}
	parts := splitHTML(r.HTML, MaxMessage)
	for i, part := range parts {
		p := tgbotapi.Params{"chat_id": chat, "text": part, "parse_mode": "HTML", "disable_web_page_preview": "true"}
		addThread(p, req)
		if i == 0 && req.Kind == KindMessage && !req.Private() && req.MessageID != 0 {
			p["reply_to_message_id"] = strconv.Itoa(req.MessageID)
			p["allow_sending_without_reply"] = "true"
		}
		if i == len(parts)-1 {
			if kb := keyboard(r.Buttons); kb != "" {
				p["reply_markup"] = kb
			}
		}
		if _, err := t.send.Call(ctx, req.ChatID, "sendMessage", p); err != nil {
			return err
		}
	}
	return nil
}

// answerInline sends inline-mode results.
func (t *Telegram) answerInline(ctx context.Context, req *Request, r Reply) error {
	type content struct {
		MessageText string `json:"message_text"`
		ParseMode   string `json:"parse_mode"`
	}
	type article struct {
		Type        string  `json:"type"`
		ID          string  `json:"id"`
		Title       string  `json:"title"`
		Description string  `json:"description,omitempty"`
		Content     content `json:"input_message_content"`
	}
	results := []article{}
	for _, a := range r.Articles {
		if len(results) == 10 {
			break
		}
		results = append(results, article{"article", a.ID, a.Title, a.Description, content{truncateHTML(a.HTML, MaxMessage), "HTML"}})
	}
	raw, err := json.Marshal(results)
	if err != nil {
		return fmt.Errorf("encode inline results: %w", err)
	}
	_, err = t.send.Call(ctx, 0, "answerInlineQuery", tgbotapi.Params{
		"inline_query_id": req.InlineID,
		"results":         string(raw),
		"cache_time":      strconv.Itoa(r.CacheTime),
	})
	return err
}

// toRequest turns an update into a Request, or nil for updates the bot
// has no use for. thread is the message_thread_id of its message, which
// tgbotapi v5.5.1 does not know.
func toRequest(u tgbotapi.Update, thread int, self tgbotapi.User) *Request {
	req := &Request{UpdateID: u.UpdateID}
	setUser := func(from *tgbotapi.User) {
		if from != nil {
			req.UserID, req.UserName, req.LangCode = from.ID, from.UserName, from.LanguageCode
			req.FullName = strings.TrimSpace(from.FirstName + " " + from.LastName)
		}
	}
	setChat := func(m *tgbotapi.Message) {
		if m.Chat != nil {
			req.ChatID, req.ChatType = m.Chat.ID, m.Chat.Type
		}
		req.MessageID = m.MessageID
	}
	switch {
	case u.Message != nil:
		m := u.Message
		setChat(m)
		setUser(m.From)
		req.ThreadID = thread
		if m.Text == "" {
			req.Kind, req.Other = KindOther, mediaKind(m)
			return req
		}
		req.Kind, req.Text = KindMessage, m.Text
		req.Command, req.Args, req.ForOtherBot = parseCommand(m.Text, self.UserName)
		if m.ReplyToMessage != nil && m.ReplyToMessage.From != nil && m.ReplyToMessage.From.ID == self.ID {
			req.Addressed = true
		}
		if self.UserName != "" && strings.Contains(strings.ToLower(m.Text), "@"+strings.ToLower(self.UserName)) {
			req.Addressed = true
		}
	case u.EditedMessage != nil:
		setChat(u.EditedMessage)
		setUser(u.EditedMessage.From)
		req.ThreadID = thread
		req.Kind, req.Other = KindOther, "edited"
	case u.ChannelPost != nil || u.EditedChannelPost != nil:
		req.Kind, req.Other, req.ChatType = KindOther, "channel_post", ChatChannel
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		req.Kind, req.CallbackID, req.Data, req.InlineMessageID = KindCallback, q.ID, q.Data, q.InlineMessageID
		setUser(q.From)
		if q.Message != nil {
			setChat(q.Message)
			req.ThreadID = thread
		}
	case u.InlineQuery != nil:
		req.Kind, req.InlineID, req.Text = KindInline, u.InlineQuery.ID, u.InlineQuery.Query
		setUser(u.InlineQuery.From)
	case u.PollAnswer != nil:
		req.Kind, req.PollID, req.Options = KindPollAnswer, u.PollAnswer.PollID, u.PollAnswer.OptionIDs
		setUser(&u.PollAnswer.User)
	default:
		return nil
	}
	return req
}

// mediaKind names what a message without text carries.
func mediaKind(m *tgbotapi.Message) string {
	switch {
	case m.Sticker != nil:
		return "sticker"
	case m.Photo != nil:
		return "photo"
	case m.Voice != nil:
		return "voice"
	case m.Video != nil:
		return "video"
	case m.Document != nil:
		return "document"
	case m.Location != nil:
		return "location"
	}
	return "other"
}

// parseCommand splits "/name@bot args" into the lower-case name and the
// arguments. forOther is true when the command names another bot. Text
// that is not a command gives an empty name.
func parseCommand(text, username string) (name, args string, forOther bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	head, rest, _ := strings.Cut(text[1:], " ")
	if i := strings.IndexAny(head, "\n\t"); i >= 0 {
		rest = head[i+1:] + " " + rest
		head = head[:i]
	}
	head, target, hasTarget := strings.Cut(head, "@")
	if head == "" || len(head) > 32 {
		return "", "", false
	}
	for _, r := range head {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return "", "", false
		}
	}
	if hasTarget && !strings.EqualFold(target, username) {
		forOther = true
	}
	return strings.ToLower(head), strings.TrimSpace(rest), forOther
}
