package telegram

import (
	"context"
	"crypto/subtle"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// The webhook server's limits: a client without the secret cannot hold
// it. Headers must arrive within webhookHeaderTimeout and a body within
// webhookReadTimeout; an idle keep-alive connection lasts
// webhookIdleTimeout; headers are at most webhookMaxHeader bytes and a
// body at most maxUpdateBytes.
const (
	webhookHeaderTimeout = 5 * time.Second
	webhookReadTimeout   = 10 * time.Second
	webhookWriteTimeout  = 60 * time.Second
	webhookIdleTimeout   = 30 * time.Second
	webhookMaxHeader     = 16 << 10
	maxUpdateBytes       = 1 << 20
	// maxWebhookConns is how many connections the server keeps open at
	// once unless TelegramOptions.MaxConns says otherwise: past it, a new connection makes room by closing an idle one
	// or one that has not shown the secret yet, oldest first.
	maxWebhookConns = 256
	// maxWaiting is how many authenticated requests may wait for a
	// worker; more get 503, and Telegram sends them again.
	maxWaiting = 1024
)

// WebhookHandler returns the HTTP handler of webhook mode: POSTed updates
// carrying the secret in X-Telegram-Bot-Api-Secret-Token are handled under
// work; anything without the secret gets 403 before its body is read. A
// request takes a worker slot before its body is read, so that a flood of
// large bodies waits with nothing read. GET /healthz answers "ok".
func (t *Transport) WebhookHandler(work context.Context) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	waiting := make(chan struct{}, maxWaiting)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if t.secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(t.secret)) != 1 {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		trust(r.Context())
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		t.hooksMu.Lock()
		if t.closed {
			t.hooksMu.Unlock()
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		}
		t.hooks.Add(1)
		t.hooksMu.Unlock()
		defer t.hooks.Done()
		select {
		case waiting <- struct{}{}:
			defer func() { <-waiting }()
		default:
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		select {
		case t.slots <- struct{}{}:
		case <-r.Context().Done():
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		defer func() { <-t.slots }()
		raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpdateBytes))
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		in := decodeUpdate(raw)
		if c, ok := t.opts.Updates.(UpdateClaims); ok && in.id != nil {
			if status := t.handleClaimed(work, c, in); status != http.StatusOK {
				// Another replica has it, or the database cannot say:
				// Telegram sends it again later.
				http.Error(w, http.StatusText(status), status)
				return
			}
			w.WriteHeader(http.StatusOK)
			return
		}
		t.handleUpdate(work, in)
		w.WriteHeader(http.StatusOK)
	})
	return mux
}

// UpdateClaims is an update log shared by replicas behind one webhook
// (store/postgres): each update is claimed by one replica before it is
// handled, for a lease that the replica renews while it works. A replica
// that dies lets its claims expire, and Telegram's next try of the update
// is handled by another.
type UpdateClaims interface {
	UpdateLog
	// Claim takes update id until now+lease. claimed means handle it;
	// done means it was handled; neither means another replica holds it.
	Claim(id int64, now time.Time, lease time.Duration) (claimed, done bool, err error)
	// Renew extends this replica's claim on id until until.
	Renew(id int64, until time.Time) error
}

// claimLease is how long a replica's claim on an update lasts unless
// renewed: how soon an update in flight on a replica that died may be
// handled by another.
const claimLease = 6 * time.Second

// handleClaimed handles an update that came by webhook if this replica
// wins its claim, renewing the claim while it works, and returns the
// HTTP status for Telegram: 200 when it is handled (here or before), 503
// when another replica holds it or the database cannot be asked.
func (t *Transport) handleClaimed(work context.Context, c UpdateClaims, in *incoming) int {
	id := *in.id
	claimed, done, err := c.Claim(id, time.Now(), claimLease)
	switch {
	case err != nil:
		t.log.ErrorContext(work, "claiming an update failed; asking Telegram to send it again", "update", id, "err", err)
		return http.StatusServiceUnavailable
	case done:
		t.log.InfoContext(work, "skipping an update handled before", "update", id)
		return http.StatusOK
	case !claimed:
		t.log.DebugContext(work, "another replica is handling the update", "update", id)
		return http.StatusServiceUnavailable
	}
	stop := make(chan struct{})
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		tick := time.NewTicker(claimLease / 3)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case now := <-tick.C:
				if err := c.Renew(id, now.Add(claimLease)); err != nil {
					t.log.WarnContext(work, "renewing the claim on an update failed", "update", id, "err", err)
				}
			}
		}
	}()
	in.logChecked = true
	t.handleUpdate(work, in)
	close(stop)
	<-renewed
	return http.StatusOK
}

// serveWebhook registers the webhook and serves it until ctx is done.
func (t *Transport) serveWebhook(ctx, work context.Context) error {
	ln := t.opts.Listener
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", t.opts.Listen); err != nil {
			return fmt.Errorf("webhook: %w", err)
		}
	}
	guard := newConnGuard(cmpOr(t.opts.MaxConns, maxWebhookConns))
	srv := &http.Server{
		Handler:           t.WebhookHandler(work),
		ReadHeaderTimeout: webhookHeaderTimeout,
		ReadTimeout:       webhookReadTimeout,
		WriteTimeout:      webhookWriteTimeout,
		IdleTimeout:       webhookIdleTimeout,
		MaxHeaderBytes:    webhookMaxHeader,
		ConnState:         guard.state,
		ConnContext:       guard.context,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	err := t.call(ctx, 0, "setWebhook", setWebhook{URL: t.opts.WebhookURL, SecretToken: t.secret})
	if err != nil {
		srv.Close()
		<-errc
		return fmt.Errorf("register webhook: %w", err)
	}
	t.log.InfoContext(ctx, "serving webhook", "addr", ln.Addr().String(), "bot", t.Username())
	select {
	case <-ctx.Done():
	case err := <-errc:
		srv.Close() // and its open connections
		return fmt.Errorf("webhook server: %w", err)
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), t.opts.Grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		t.log.WarnContext(sctx, "webhook shutdown", "err", err)
	}
	<-errc
	t.log.InfoContext(sctx, "stopped webhook server")
	return nil
}

func cmpOr(a, b int) int {
	if a > 0 {
		return a
	}
	return b
}

// connGuard keeps the webhook server's open connections under a limit
// without refusing Telegram: when a new connection takes it over the
// limit, the guard closes the connection most likely a stranger's, one
// idle or not yet past the secret check, oldest first. Connections that
// showed the secret are closed last.
type connGuard struct {
	max   int
	mu    sync.Mutex // guards conns
	conns map[net.Conn]*connInfo
}

type connInfo struct {
	state   http.ConnState
	since   time.Time
	trusted bool // a request on it carried the secret
}

func newConnGuard(max int) *connGuard {
	return &connGuard{max: max, conns: map[net.Conn]*connInfo{}}
}

// connKey is the context key of a request's connection info.
type connKey struct{}

// context puts the connection's info into its requests' context, so that
// the handler can mark it trusted.
func (g *connGuard) context(ctx context.Context, c net.Conn) context.Context {
	g.mu.Lock()
	info := &connInfo{state: http.StateNew, since: time.Now()}
	g.conns[c] = info
	g.mu.Unlock()
	return context.WithValue(ctx, connKey{}, &trustMark{g: g, info: info})
}

// trustMark lets a handler mark its connection trusted.
type trustMark struct {
	g    *connGuard
	info *connInfo
}

// trust marks the connection of the request whose context is ctx as one
// that showed the webhook secret.
func trust(ctx context.Context) {
	if m, ok := ctx.Value(connKey{}).(*trustMark); ok {
		m.g.mu.Lock()
		m.info.trusted = true
		m.g.mu.Unlock()
	}
}

// state follows each connection and makes room when a new one takes the
// server over its limit.
func (g *connGuard) state(c net.Conn, s http.ConnState) {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch s {
	case http.StateClosed, http.StateHijacked:
		delete(g.conns, c)
		return
	}
	info, ok := g.conns[c]
	if !ok {
		info = &connInfo{since: time.Now()}
		g.conns[c] = info
	}
	if info.state != s {
		info.state, info.since = s, time.Now()
	}
	if s != http.StateNew || len(g.conns) <= g.max {
		return
	}
	// Over the limit: close the likeliest stranger.
	var victim net.Conn
	var vi *connInfo
	rank := func(i *connInfo) int {
		switch {
		case !i.trusted && i.state == http.StateIdle:
			return 0
		case !i.trusted:
			return 1 // new or reading a request that has not shown the secret
		case i.state == http.StateIdle:
			return 2
		}
		return 3 // handling an update: never closed
	}
	for oc, oi := range g.conns {
		if oc == c || rank(oi) == 3 {
			continue
		}
		if vi == nil || rank(oi) < rank(vi) || rank(oi) == rank(vi) && oi.since.Before(vi.since) {
			victim, vi = oc, oi
		}
	}
	if victim != nil {
		victim.Close()
		delete(g.conns, victim)
	}
}
