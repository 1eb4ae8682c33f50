package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// RedactHandler wraps h so that every occurrence of the secrets (the bot
// token, the webhook secret) in a record's message or attributes is
// replaced by "[redacted]" before h sees it. Empty secrets are ignored.
func RedactHandler(h slog.Handler, secrets ...string) slog.Handler {
	var pairs []string
	for _, s := range secrets {
		if s != "" {
			pairs = append(pairs, s, "[redacted]")
		}
	}
	if len(pairs) == 0 {
		return h
	}
	return &redactHandler{h: h, r: strings.NewReplacer(pairs...)}
}

type redactHandler struct {
	h slog.Handler
	r *strings.Replacer
}

func (r *redactHandler) Enabled(ctx context.Context, l slog.Level) bool { return r.h.Enabled(ctx, l) }

func (r *redactHandler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, r.r.Replace(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(r.attr(a))
		return true
	})
	return r.h.Handle(ctx, out)
}

func (r *redactHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindGroup:
		as := v.Group()
		out := make([]any, len(as))
		for i, g := range as {
			out[i] = r.attr(g)
		}
		return slog.Group(a.Key, out...)
	case slog.KindString, slog.KindAny:
		return slog.String(a.Key, r.r.Replace(v.String()))
	}
	return slog.Attr{Key: a.Key, Value: v}
}

func (r *redactHandler) WithAttrs(as []slog.Attr) slog.Handler {
	out := make([]slog.Attr, len(as))
	for i, a := range as {
		out[i] = r.attr(a)
	}
	return &redactHandler{h: r.h.WithAttrs(out), r: r.r}
}

func (r *redactHandler) WithGroup(name string) slog.Handler {
	return &redactHandler{h: r.h.WithGroup(name), r: r.r}
}

// libLogger forwards the telegram library's log lines to the current
// bot's (redacting) slog logger. The library has one global logger, so
// it is installed once and pointed at the latest Telegram transport.
type libLogger struct{ cur atomic.Pointer[slog.Logger] }

var (
	libLog     libLogger
	libLogOnce sync.Once
)

// setLibLogger makes the telegram library log through l.
func setLibLogger(l *slog.Logger) {
	libLog.cur.Store(l)
	libLogOnce.Do(func() { _ = tgbotapi.SetLogger(&libLog) })
}

func (l *libLogger) Println(v ...any) { l.emit(strings.TrimSuffix(fmt.Sprintln(v...), "\n")) }

func (l *libLogger) Printf(format string, v ...any) {
	l.emit(strings.TrimSuffix(fmt.Sprintf(format, v...), "\n"))
}

func (l *libLogger) emit(s string) {
	if lg := l.cur.Load(); lg != nil {
		lg.Warn("telegram library", "msg", s)
	}
}
