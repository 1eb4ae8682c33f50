package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
)

// Input is a Request being handled, with the language chosen for it.
type Input struct {
	*Request
	// Lang is the language to answer in: "en", "ru", "kk" or "zh".
	Lang string
	p    printer
}

// T formats a catalogue message in the input's language.
func (in *Input) T(key string, args ...any) string { return in.p.T(key, args...) }

// CommandFunc handles a command; in.Args holds the text after it.
type CommandFunc func(ctx context.Context, in *Input) ([]Reply, error)

// CallbackFunc handles a button press whose data decoded to cb.
type CallbackFunc func(ctx context.Context, in *Input, cb Callback) ([]Reply, error)

// StartFunc handles /start with a deep-link payload ("hw_abc123"). It
// reports false when it does not know the payload; the bot then sends
// its usual welcome.
type StartFunc func(ctx context.Context, in *Input, payload string) ([]Reply, bool, error)

// LangFunc returns the language a user chose (with /lang), or "".
type LangFunc func(ctx context.Context, userID int64) string

// Command is a slash command the bot knows.
type Command struct {
	// Name is the command without the slash: "search".
	Name string
	// Description is the catalogue key of the short text shown in
	// Telegram's command menu; empty hides the command from the menu.
	Description string
	Func        CommandFunc
}

// Handler is the bot's transport-neutral core: it turns Requests into
// Replies. Register commands and hooks before the first Handle; after
// that a Handler is safe for concurrent use.
type Handler struct {
	kb  atomic.Pointer[corpus] // what answers come from; /reload swaps it
	log *slog.Logger

	username string // the bot's @username without "@", for groups and help

	commands  map[string]Command
	order     []string // command names in registration order
	callbacks map[string]CallbackFunc
	onPoll    CommandFunc
	onUpload  CommandFunc // files and polls users send (OnUpload)
	pollChat  func(pollID string) (chatID int64, ok bool)
	onStart   StartFunc
	userLang  LangFunc
	topics    TopicStore // what each chat was last talking about

	admins    map[int64]bool  // user ids allowed to run admin commands
	adminOnly map[string]bool // names of the admin commands
	reload    ReloadFunc
	onReload  []ReloadHook
	reloadMu  sync.Mutex  // one /reload at a time, so the index and the hooks' data match
	flood     *floodGuard // nil: no flood protection
	now       func() time.Time
	stats     counters

	// answers holds the hits of recent answers by key, so that "Another
	// answer" can page through them; a button whose entry was evicted
	// has expired.
	answers *lru.Cache[string, []string]
	// spoken remembers the language each recent user last wrote in, so
	// that the buttons under a Russian answer answer in Russian.
	spoken *lru.Cache[int64, string]

	randMu sync.Mutex // guards rnd
	rnd    *rand.Rand

	extra     []Middleware // layers added with Use
	chainOnce sync.Once
	chain     Next // every layer around route, built at the first Handle
}

// Option configures a Handler.
type Option func(*Handler)

// WithLogger sets the logger for handler errors; the default discards.
func WithLogger(l *slog.Logger) Option { return func(h *Handler) { h.log = l } }

// WithUsername sets the bot's username, without "@".
func WithUsername(name string) Option { return func(h *Handler) { h.username = name } }

// WithSeed makes /fact's random choices repeatable, for tests.
func WithSeed(seed uint64) Option {
	return func(h *Handler) { h.rnd = rand.New(rand.NewPCG(seed, seed)) }
}

// WithUserLang sets how the handler learns a user's chosen language.
func WithUserLang(f LangFunc) Option { return func(h *Handler) { h.userLang = f } }

// NewHandler returns a Handler answering from ix, with the built-in
// commands registered.
func NewHandler(ix *index.Index, opts ...Option) *Handler {
	h := &Handler{
		log:       slog.New(slog.DiscardHandler),
		username:  "silkroad_bot",
		commands:  make(map[string]Command),
		callbacks: make(map[string]CallbackFunc),
		rnd:       rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())),
		admins:    make(map[int64]bool),
		adminOnly: make(map[string]bool),
		reload:    defaultReload,
		now:       time.Now,
		topics:    newMemTopics(),
	}
	h.kb.Store(newCorpus(ix.Base(), ix))
	h.answers, _ = lru.New[string, []string](recentAnswers) // fails only for a size ≤ 0
	h.spoken, _ = lru.New[int64, string](recentSpeakers)
	for _, o := range opts {
		o(h)
	}
	h.stats.start = h.now()
	h.stats.users = make(map[int64]struct{})
	h.registerBuiltins()
	return h
}

// Register adds a command, replacing any command of the same name.
func (h *Handler) Register(c Command) {
	if _, ok := h.commands[c.Name]; !ok {
		h.order = append(h.order, c.Name)
	}
	h.commands[c.Name] = c
}

// RegisterAdmin adds a command only the admins (WithAdmins) may run; to
// anyone else it does not exist. It is never shown in the menu.
func (h *Handler) RegisterAdmin(c Command) {
	c.Description = ""
	h.Register(c)
	h.adminOnly[c.Name] = true
}

// RegisterCallback routes buttons whose callback data has the given kind
// ("q" for "1|q|...") to f, replacing any earlier route.
func (h *Handler) RegisterCallback(kind string, f CallbackFunc) { h.callbacks[kind] = f }

// OnUpload registers what answers a file or a poll a user sends, in
// place of the "I read only text" reply. Call it before the first Handle.
func (h *Handler) OnUpload(f CommandFunc) { h.onUpload = f }

// OnPollAnswer sets the handler of votes in polls the bot sent, and
// chat, which tells the chat of a poll the bot knows without waiting on
// anything, so that its votes wait in line with the chat's messages.
func (h *Handler) OnPollAnswer(f CommandFunc, chat func(pollID string) (chatID int64, ok bool)) {
	h.onPoll, h.pollChat = f, chat
}

// PollChat returns the chat of a poll whose votes are handled, when it
// is known without waiting on anything.
func (h *Handler) PollChat(pollID string) (int64, bool) {
	if h.pollChat == nil {
		return 0, false
	}
	return h.pollChat(pollID)
}

// OnStartPayload sets the handler of /start deep-link payloads.
func (h *Handler) OnStartPayload(f StartFunc) { h.onStart = f }

// SetUsername sets the bot's username, without "@". Call it before the
// first Handle.
func (h *Handler) SetUsername(name string) { h.username = name }

// Username returns the bot's username, without "@".
func (h *Handler) Username() string { return h.username }

// Logger is the handler's logger, for transports that log beside it.
func (h *Handler) Logger() *slog.Logger { return h.log }

// Base returns the knowledge base the handler answers from.
func (h *Handler) Base() *knowledge.Base { return h.base() }

// MenuCommand is a command as shown in Telegram's menu.
type MenuCommand struct {
	Name        string
	Description string
}

// Menu returns the visible commands with their descriptions in lang, in
// registration order, for setMyCommands.
func (h *Handler) Menu(lang string) []MenuCommand {
	p := newPrinter(lang)
	var out []MenuCommand
	for _, name := range h.order {
		c := h.commands[name]
		if c.Description != "" {
			out = append(out, MenuCommand{Name: name, Description: p.T(c.Description)})
		}
	}
	return out
}

// Profile is the bot's profile in a language: its name, the
// description an empty chat shows, and the short one of its profile.
type Profile struct{ Name, Description, Short string }

// Profile returns the bot's profile in lang.
func (h *Handler) Profile(lang string) Profile {
	p := newPrinter(lang)
	return Profile{p.T(msgBotName), p.T(msgBotDesc), p.T(msgBotShort)}
}

// Answer answers one question the way a private chat would, returning the
// index's result, for `silkroad ask --json`. lang forces the language;
// empty means detect it.
func (h *Handler) Answer(ctx context.Context, question, lang string) (index.Result, error) {
	res, err := h.idx().Answer(ctx, question, lang, 5)
	if err != nil {
		return res, fmt.Errorf("answer %q: %w", question, err)
	}
	return res, nil
}

// Ask answers question as a private chat would and returns the replies;
// lang forces the language, empty means choose it from the question.
func (h *Handler) Ask(ctx context.Context, question, lang string) []Reply {
	return h.Handle(ctx, &Request{Kind: KindMessage, ChatType: ChatPrivate, Text: question, Lang: lang})
}

// Wants reports whether the handler will answer req at all: in groups
// only known commands for this bot, mentions and replies to the bot;
// never in channels. Transports use it to decide whether to show "typing…".
func (h *Handler) Wants(req *Request) bool {
	switch req.Kind {
	case KindMessage:
		if req.ForOtherBot || req.ChatType == ChatChannel {
			return false
		}
		if req.Private() {
			return true
		}
		if req.Command != "" {
			_, known := h.lookup(req.Command, req.UserID)
			return known // unknown commands in groups may be for other bots
		}
		return req.Addressed
	case KindOther:
		return req.Private()
	}
	return true
}

// Handle answers one request through the layers (see layers and Use).
// It never fails: an error or a panic in a command becomes one friendly
// reply and one log line. A callback request always gets exactly one
// answer to the callback query.
func (h *Handler) Handle(ctx context.Context, req *Request) []Reply {
	replies, _ := h.handler()(ctx, &Input{Request: req})
	return replies
}

// route hands a request to what answers its kind.
func (h *Handler) route(ctx context.Context, in *Input) ([]Reply, error) {
	switch in.Kind {
	case KindMessage:
		return h.message(ctx, in)
	case KindCallback:
		return h.callback(ctx, in)
	case KindInline:
		return h.inline(ctx, in)
	case KindPollAnswer:
		if h.onPoll != nil {
			return h.onPoll(ctx, in)
		}
	case KindOther:
		if h.onUpload != nil && (in.File != nil || in.Poll != nil) {
			return h.onUpload(ctx, in)
		}
		return h.other(in), nil
	}
	return nil, nil
}

// Apology is what a transport sends when serving req went wrong outside
// Handle (a panic in the transport): the one reply that says so, in the
// user's language. It counts the error.
func (h *Handler) Apology(ctx context.Context, req *Request) []Reply {
	h.CountError()
	in := &Input{Request: req, Lang: h.lang(ctx, req)}
	in.p = newPrinter(in.Lang)
	return h.failed(in)
}

// failed is the one reply to a request whose handling went wrong.
func (h *Handler) failed(in *Input) []Reply {
	switch in.Kind {
	case KindCallback:
		return []Reply{Alert(in.T(msgError))}
	case KindInline, KindPollAnswer:
		return nil
	}
	return []Reply{Message(esc(in.T(msgError)))}
}

// lang chooses the answer language: the user's stored choice, then the
// script of the text, then Telegram's language_code, then English.
func (h *Handler) lang(ctx context.Context, req *Request) string {
	if slices.Contains(Langs, req.Lang) {
		return req.Lang
	}
	if h.userLang != nil {
		if l := h.userLang(ctx, req.UserID); slices.Contains(Langs, l) {
			return l
		}
	}
	text := req.Text
	if req.Command != "" {
		text = req.Args
	}
	if strings.TrimSpace(text) == "" {
		// A button press or a bare command carries no words: answer in
		// the language the user last wrote in.
		if l, ok := h.spoken.Get(req.UserID); ok {
			return l
		}
		return chooseLang("", "", req.LangCode)
	}
	l := chooseLang("", text, req.LangCode)
	if req.UserID != 0 {
		h.spoken.Add(req.UserID, l)
	}
	return l
}

// chosenLang is the language the user chose with /lang, or "".
func (h *Handler) chosenLang(ctx context.Context, userID int64) string {
	if h.userLang == nil {
		return ""
	}
	if l := h.userLang(ctx, userID); slices.Contains(Langs, l) {
		return l
	}
	return ""
}

// speakIn answers in in the language its words turned out to be in
// (a topic name, a greeting), when that is not English, which words of
// every language borrow, and neither the request nor the user chose one.
func (h *Handler) speakIn(ctx context.Context, in *Input, lang string) {
	if lang == in.Lang || lang == "en" || !slices.Contains(Langs, lang) || slices.Contains(Langs, in.Request.Lang) || h.chosenLang(ctx, in.UserID) != "" {
		return
	}
	in.Lang, in.p = lang, newPrinter(lang)
}

// recentAnswers and recentSpeakers are how many answers and users the
// handler remembers.
const recentAnswers, recentSpeakers = 4096, 10000

// LangOf is the answer language for a language_code ("ru", "en-US",
// "kk_KZ.UTF-8" from $LANG), English for any other.
func LangOf(langCode string) string { return chooseLang("", "", langCode) }

// chooseLang picks a language from a stored choice, the text's script and
// a language_code.
func chooseLang(chosen, text, langCode string) string {
	if slices.Contains(Langs, chosen) {
		return chosen
	}
	if l := index.DetectLang(text); l != "" && l != "en" {
		return l
	}
	code := strings.ToLower(langCode)
	if i := strings.IndexAny(code, "-_."); i >= 0 {
		code = code[:i]
	}
	if code != "en" && slices.Contains(Langs, code) {
		return code
	}
	return "en"
}

// message handles a text message: a command or a question.
func (h *Handler) message(ctx context.Context, in *Input) ([]Reply, error) {
	if in.Command != "" {
		c, ok := h.commands[in.Command]
		if !ok {
			return h.unknownCommand(in), nil
		}
		return c.Func(ctx, in)
	}
	return h.question(ctx, in, h.stripMention(in.Text))
}

// unknownCommand answers a command the bot does not have: in a private
// chat with a hint, in a group not at all (it may be another bot's).
func (h *Handler) unknownCommand(in *Input) []Reply {
	if !in.Private() {
		return nil
	}
	return []Reply{Message(esc(in.T(msgUnknownCmd, echo(in.Command))))}
}

// stripMention removes "@botname" from a group message.
func (h *Handler) stripMention(text string) string {
	if h.username == "" {
		return strings.TrimSpace(text)
	}
	lower := strings.ToLower(text)
	at := "@" + strings.ToLower(h.username)
	for {
		i := strings.Index(lower, at)
		if i < 0 {
			break
		}
		text = text[:i] + text[i+len(at):]
		lower = lower[:i] + lower[i+len(at):]
	}
	return strings.TrimSpace(text)
}

// other answers stickers, photos, edits and the like in private chats.
func (h *Handler) other(in *Input) []Reply {
	if in.Other == "edited" {
		return []Reply{Message(esc(in.T(msgEdited)))}
	}
	return []Reply{Message(in.T(msgNotText))}
}

// errStale marks a button whose target no longer exists.
var errStale = errors.New("stale button")

// callback routes a button press by its kind.
func (h *Handler) callback(ctx context.Context, in *Input) ([]Reply, error) {
	expired := []Reply{Alert(in.T(msgExpired))}
	cb, err := ParseCallback(in.Data)
	if err != nil {
		return expired, nil
	}
	f, ok := h.callbacks[cb.Kind]
	if !ok {
		return expired, nil
	}
	replies, err := f(ctx, in, cb)
	if errors.Is(err, errStale) || errors.Is(err, ErrBadCallback) {
		return expired, nil
	}
	return replies, err
}

// randIntN returns a random number in [0, n).
func (h *Handler) randIntN(n int) int {
	h.randMu.Lock()
	defer h.randMu.Unlock()
	return h.rnd.IntN(n)
}

// newKey returns a short random key for the answer cache.
func (h *Handler) newKey() string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	h.randMu.Lock()
	defer h.randMu.Unlock()
	b := make([]byte, 8)
	for i := range b {
		b[i] = digits[h.rnd.IntN(len(digits))]
	}
	return string(b)
}
