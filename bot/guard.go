package bot

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
)

// Message keys of the guards and admin commands.
const (
	msgSlowDown     = "flood.slow_down"
	msgStats        = "admin.stats"
	msgReloaded     = "admin.reloaded"
	msgReloadFailed = "admin.reload_failed"
)

// corpus is what the handler answers from: a knowledge base and its
// index, swapped together by /reload.
type corpus struct {
	base *knowledge.Base
	ix   *index.Index
	// cards holds each fact's card as rendered in each language
	// (cardKey → string): a card depends on nothing else, and most
	// questions are answered by a few hundred cards.
	cards sync.Map
	// pictures holds the pictures drawn from it, by key (*drawn).
	pictures sync.Map
	// gen tells corpora apart in picture keys, so that a picture of the
	// knowledge base before a /reload is not sent for the new one.
	gen uint64
}

// drawn is a picture drawn once: its PNG, or why it could not be drawn.
type drawn struct {
	once sync.Once
	png  []byte
	err  error
}

// corpusGen numbers corpora.
var corpusGen atomic.Uint64

func newCorpus(base *knowledge.Base, ix *index.Index) *corpus {
	return &corpus{base: base, ix: ix, gen: corpusGen.Add(1)}
}

// picture returns the picture of kind, in lang, that draw draws from the
// knowledge base: drawn once per corpus and language, however many ask.
func (h *Handler) picture(kind, lang string, draw func() ([]byte, error)) *Picture {
	c := h.kb.Load()
	key := fmt.Sprintf("%s/%s/%d", kind, lang, c.gen)
	return &Picture{Key: key, Draw: func() ([]byte, error) {
		v, _ := c.pictures.LoadOrStore(key, &drawn{})
		d := v.(*drawn)
		d.once.Do(func() { d.png, d.err = draw() })
		return d.png, d.err
	}}
}

type cardKey struct {
	f    *knowledge.Fact
	lang string
}

// card renders fact f in p's language, once per corpus.
func (h *Handler) card(p printer, f *knowledge.Fact) string {
	c := h.kb.Load()
	if i, ok := c.base.FactIndex(f.ID); !ok || &c.base.Facts[i] != f {
		// A fact of the knowledge base before a /reload: rendered, but
		// not kept, so that the old base can be collected.
		return factCard(p, f)
	}
	k := cardKey{f, p.lang}
	if s, ok := c.cards.Load(k); ok {
		return s.(string)
	}
	s := factCard(p, f)
	c.cards.Store(k, s)
	return s
}

// base returns the knowledge base answers come from now.
func (h *Handler) base() *knowledge.Base { return h.kb.Load().base }

// idx returns the index answers come from now.
func (h *Handler) idx() *index.Index { return h.kb.Load().ix }

// ReloadFunc builds a fresh index from the knowledge files, for /reload.
type ReloadFunc func(ctx context.Context) (*index.Index, error)

// A ReloadHook prepares what else /reload must renew from the new
// knowledge base. It returns the change to make once every hook has
// succeeded, or an error that cancels the reload: then nothing changes.
type ReloadHook func(base *knowledge.Base) (commit func(), err error)

// OnReload adds a hook that /reload runs on the new knowledge base.
// Call it before the first Handle.
func (h *Handler) OnReload(hook ReloadHook) { h.onReload = append(h.onReload, hook) }

// WithAdmins sets the Telegram user ids allowed to run admin commands
// (/stats, /reload). To everyone else those commands do not exist.
func WithAdmins(ids ...int64) Option {
	return func(h *Handler) {
		for _, id := range ids {
			h.admins[id] = true
		}
	}
}

// WithReload sets how /reload builds a new index; the default rebuilds
// it from the embedded knowledge base.
func WithReload(f ReloadFunc) Option { return func(h *Handler) { h.reload = f } }

// WithFlood turns flood protection on: a user who sends more than
// perMinute messages in a minute gets one "slow down" and is then ignored
// for mute. perMinute <= 0 leaves it off, as it is by default;
// DefaultFloodLimit and DefaultFloodMute are the settings' defaults.
func WithFlood(perMinute int, mute time.Duration) Option {
	return func(h *Handler) { h.flood = newFloodGuard(perMinute, mute) }
}

// WithClock sets the handler's clock, for flood protection and uptime in
// tests.
func WithClock(now func() time.Time) Option { return func(h *Handler) { h.now = now } }

// The defaults of the flood settings (FLOOD_LIMIT, FLOOD_MUTE).
const (
	DefaultFloodLimit = 20
	DefaultFloodMute  = time.Minute
)

// Stats are the handler's counters since it was made, for /stats.
type Stats struct {
	Uptime  time.Duration
	Updates int64 // requests handled
	Errors  int64 // requests whose handling failed or panicked, and failed deliveries
	Users   int   // distinct users seen
}

// counters are the live counters behind Stats.
type counters struct {
	start   time.Time
	updates atomic.Int64
	errors  atomic.Int64

	mu    sync.Mutex // guards users
	users map[int64]struct{}
}

func (c *counters) seen(userID int64) {
	if userID == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.users[userID] = struct{}{}
}

// Stats returns the handler's counters.
func (h *Handler) Stats() Stats {
	h.stats.mu.Lock()
	users := len(h.stats.users)
	h.stats.mu.Unlock()
	return Stats{
		Uptime:  h.now().Sub(h.stats.start),
		Updates: h.stats.updates.Load(),
		Errors:  h.stats.errors.Load(),
		Users:   users,
	}
}

// CountError counts a failure outside the handler, such as a reply that
// could not be delivered, for /stats.
func (h *Handler) CountError() { h.stats.errors.Add(1) }

// ShareFlood makes the flood guard allow each user 1/n of their limit,
// for n replicas that each see a share of the updates.
func (h *Handler) ShareFlood(n int) { h.flood.setShare(n) }

// lookup returns the command name as user may run it: admin commands
// exist only for admins.
func (h *Handler) lookup(name string, userID int64) (Command, bool) {
	c, ok := h.commands[name]
	if !ok || (h.adminOnly[name] && !h.admins[userID]) {
		return Command{}, false
	}
	return c, true
}

func (h *Handler) cmdStats(ctx context.Context, in *Input) ([]Reply, error) {
	s := h.Stats()
	return []Reply{Message(in.T(msgStats, s.Uptime.Round(time.Second).String(), s.Updates, s.Errors, s.Users))}, nil
}

func (h *Handler) cmdReload(ctx context.Context, in *Input) ([]Reply, error) {
	h.reloadMu.Lock()
	defer h.reloadMu.Unlock()
	ix, err := h.reload(ctx)
	var commits []func()
	if err == nil {
		if commits, err = h.prepareReload(ix.Base()); err != nil {
			ix.Close()
		}
	}
	if err != nil {
		h.log.ErrorContext(ctx, "reload failed", "user", in.UserID, "err", err)
		return []Reply{Message(esc(in.T(msgReloadFailed, err.Error())))}, nil
	}
	old := h.kb.Swap(newCorpus(ix.Base(), ix))
	for _, commit := range commits {
		commit()
	}
	// Requests in flight may still be using the old index: close it once
	// they are surely done.
	time.AfterFunc(time.Minute, func() { old.ix.Close() })
	b := ix.Base()
	h.log.InfoContext(ctx, "knowledge reloaded", "user", in.UserID, "facts", len(b.Facts), "projects", len(b.Projects))
	return []Reply{Message(esc(in.T(msgReloaded, len(b.Facts), len(b.Projects))))}, nil
}

// prepareReload runs the reload hooks on base and returns their commits,
// or the first error.
func (h *Handler) prepareReload(base *knowledge.Base) ([]func(), error) {
	var commits []func()
	for _, hook := range h.onReload {
		commit, err := hook(base)
		if err != nil {
			return nil, err
		}
		commits = append(commits, commit)
	}
	return commits, nil
}

// defaultReload rebuilds the index from the embedded knowledge base.
func defaultReload(ctx context.Context) (*index.Index, error) { return index.Default() }

// floodVerdict is what the flood guard says about one message.
type floodVerdict int

const (
	floodAllow floodVerdict = iota // handle it
	floodWarn                      // the limit was just crossed: say "slow down" once
	floodDrop                      // the user is muted: ignore it
)

// floodGuard counts each user's messages and mutes those who send too
// many. A nil *floodGuard allows everything.
type floodGuard struct {
	rate  rate.Limit
	burst int
	mute  time.Duration

	mu    sync.Mutex // guards users and share
	users map[int64]*floodUser
	share int // the replicas the load is spread over; this one counts 1/share
}

// setShare makes the guard allow 1/n of its limit, for n replicas that
// each see about 1/n of a user's messages (behind a round-robin
// balancer): together they let a user send about the limit.
func (g *floodGuard) setShare(n int) {
	if g == nil {
		return
	}
	n = max(n, 1)
	g.mu.Lock()
	defer g.mu.Unlock()
	g.share = n
	for _, u := range g.users {
		u.lim.SetLimit(g.rate / rate.Limit(n))
		u.lim.SetBurst(g.shareBurst())
	}
}

// shareBurst is this replica's share of the burst. g.mu must be held.
func (g *floodGuard) shareBurst() int { return max(1, g.burst/max(g.share, 1)) }

// newLimiter returns a user's limiter at this replica's share.
func (g *floodGuard) newLimiter() *rate.Limiter {
	return rate.NewLimiter(g.rate/rate.Limit(max(g.share, 1)), g.shareBurst())
}

// floodUser is one user's flood state.
type floodUser struct {
	lim   *rate.Limiter
	until time.Time // muted before this time
}

// maxFloodUsers is how many users are tracked before idle ones are swept.
const maxFloodUsers = 10000

func newFloodGuard(perMinute int, mute time.Duration) *floodGuard {
	if perMinute <= 0 {
		return nil
	}
	return &floodGuard{rate: rate.Limit(float64(perMinute) / 60), burst: perMinute, mute: mute, users: make(map[int64]*floodUser)}
}

// check counts one message from userID at now.
func (g *floodGuard) check(userID int64, now time.Time) floodVerdict {
	if g == nil || userID == 0 {
		return floodAllow
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	u, ok := g.users[userID]
	if !ok {
		if len(g.users) >= maxFloodUsers {
			for id, o := range g.users {
				if now.After(o.until) && o.lim.TokensAt(now) >= float64(o.lim.Burst()) {
					delete(g.users, id)
				}
			}
		}
		u = &floodUser{lim: g.newLimiter()}
		g.users[userID] = u
	}
	if now.Before(u.until) {
		return floodDrop
	}
	if !u.until.IsZero() { // the mute is over: start afresh
		u.until = time.Time{}
		u.lim = g.newLimiter()
	}
	if u.lim.AllowN(now, 1) {
		return floodAllow
	}
	u.until = now.Add(g.mute)
	return floodWarn
}
