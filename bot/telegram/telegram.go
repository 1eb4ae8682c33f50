package telegram

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/silkroad-bot/silkroad/bot"
)

// DefaultAPIBaseURL is the real Bot API server.
const DefaultAPIBaseURL = "https://api.telegram.org"

// TelegramOptions configures the Telegram transport.
type Options struct {
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
func Greet(ctx context.Context, opts Options) *Hello {
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
func transportLogger(opts Options, secret string) *slog.Logger {
	base := opts.Logger
	if base == nil {
		base = slog.New(slog.DiscardHandler)
	}
	return slog.New(bot.RedactHandler(base.Handler(), opts.Token, secret))
}

// withDefaults fills in the options left zero.
func withDefaults(opts Options) Options {
	if opts.BaseURL == "" {
		opts.BaseURL = DefaultAPIBaseURL
	}
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	orDefault(&opts.PollTimeout, 30*time.Second)
	orDefault(&opts.RetryMin, 500*time.Millisecond)
	orDefault(&opts.Grace, 8*time.Second)
	orDefault(&opts.Workers, DefaultWorkers)
	if opts.TypingDelay == 0 {
		opts.TypingDelay = DefaultTypingDelay
	}
	return opts
}

// newClient returns opts.HTTPClient, or a client for the Bot API.
func newClient(opts Options) tgbotapi.HTTPClient {
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
func getMe(ctx context.Context, opts Options, client tgbotapi.HTTPClient) (*tgbotapi.BotAPI, error) {
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
type Transport struct {
	h      *bot.Handler
	api    *tgbotapi.BotAPI
	send   *Sender
	opts   Options
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
func New(ctx context.Context, h *bot.Handler, opts Options) (*Transport, error) {
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
	send.files = opts.BaseURL + "/file/bot"
	send.log = log
	return &Transport{h: h, api: api, send: send, opts: opts, log: log,
		secret: secret, slots: make(chan struct{}, opts.Workers)}, nil
}

// Username returns the bot's username as getMe reported it.
func (t *Transport) Username() string { return t.api.Self.UserName }

// Sender returns the sender all calls go through.
func (t *Transport) Sender() *Sender { return t.send }

// Run registers the commands, then takes updates until ctx is done: by
// webhook when WebhookURL is set, else by long polling. On shutdown it
// stops taking updates, lets those in flight finish (within Grace), and
// returns nil.
func (t *Transport) Run(ctx context.Context) error {
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
func (t *Transport) pollAsLeader(ctx, work context.Context, l PollLeader) error {
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
func (t *Transport) shareLimits(ctx context.Context) {
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
			t.h.ShareFlood(n)
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
func (t *Transport) prune(ctx context.Context) {
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

// setCommands registers the command menu and the bot's profile (its
// name, description and short description): the English ones as the
// default, and one for each other language under its language_code, so
// that Telegram shows each user them in their app's language; and it
// makes the menu button open the commands. The calls go out at once. A
// failure is only logged.
func (t *Transport) setCommands(ctx context.Context) {
	var wg sync.WaitGroup
	set := func(method string, req any, lang string) {
		wg.Go(func() {
			if err := t.call(ctx, 0, method, req); err != nil {
				t.log.WarnContext(ctx, method+" failed; the bot's menu or profile may be stale", "lang", lang, "err", err)
			}
		})
	}
	for _, lang := range bot.Langs {
		code := lang
		if lang == "en" {
			code = "" // the default, for every language without its own
		}
		cmds := setMyCommands{Commands: []botCommand{}, LanguageCode: code}
		for _, c := range t.h.Menu(lang) {
			cmds.Commands = append(cmds.Commands, botCommand{c.Name, c.Description})
		}
		set("setMyCommands", cmds, lang)
		p := t.h.Profile(lang)
		for _, f := range []struct {
			name string
			text profileText
			get  func(profileText) string
		}{
			{"Name", profileText{Name: p.Name}, func(p profileText) string { return p.Name }},
			{"Description", profileText{Description: p.Description}, func(p profileText) string { return p.Description }},
			{"ShortDescription", profileText{ShortDescription: p.Short}, func(p profileText) string { return p.ShortDescription }},
		} {
			f.text.LanguageCode = code
			wg.Go(func() { t.setProfile(ctx, f.name, f.text, f.get) })
		}
	}
	// The menu button beside the message field opens the commands.
	set("setChatMenuButton", setChatMenuButton{MenuButton: menuButton{Type: "commands"}}, "")
	wg.Wait()
}

// setProfile sets one text of the bot's profile in a language (its
// LanguageCode, "" for the default) through setMy<name>, unless
// getMy<name> says it is already so: Telegram allows these calls only a
// few times a day. get reads the text from a getMy<name> result.
func (t *Transport) setProfile(ctx context.Context, name string, want profileText, get func(profileText) string) {
	if raw, err := request(ctx, t.send, 0, "getMy"+name, profileText{LanguageCode: want.LanguageCode}); err == nil {
		var got profileText
		if json.Unmarshal(raw, &got) == nil && get(got) == get(want) {
			return
		}
	}
	if err := t.call(ctx, 0, "setMy"+name, want); err != nil {
		t.log.WarnContext(ctx, "setMy"+name+" failed; the bot's profile may be stale", "lang", want.LanguageCode, "err", err)
	}
}
