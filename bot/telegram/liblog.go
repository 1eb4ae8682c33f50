package telegram

import (
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

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
