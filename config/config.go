// Package config reads silkroad's settings from the environment and an
// optional .env file, and checks them before anything starts.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"
	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/telegram"
)

// Defaults of the settings that have one and that only this package
// uses; the Bot API's address, the workers, the rate limits and the
// flood guard default to what packages telegram and bot define
// (telegram.DefaultAPIBaseURL,
// telegram.DefaultWorkers, telegram.DefaultLimits; bot.DefaultFloodLimit and
// bot.DefaultFloodMute).
const (
	DefaultWebhookListen = ":8080"
	DefaultDataDir       = "./data"
	DefaultLogLevel      = "info"
	// DefaultAnswerCache is how many recent questions' answers are kept:
	// at most about 4 MB.
	DefaultAnswerCache = 4096
)

// Config is silkroad's configuration. The zero value is not valid; use
// Load or FromMap, which fill in defaults and validate.
type Config struct {
	// Token is the bot token from @BotFather; empty means no Telegram bot.
	Token string
	// APIBaseURL is the Bot API server, without a trailing slash; the bot
	// calls APIBaseURL + "/bot<token>/<method>".
	APIBaseURL string
	// WebhookURL is the public HTTPS URL Telegram posts updates to; empty
	// means long polling.
	WebhookURL string
	// WebhookListen is the address the webhook HTTP server listens on.
	WebhookListen string
	// WebhookSecret is the secret_token Telegram sends back in the
	// X-Telegram-Bot-Api-Secret-Token header; empty means generate one.
	WebhookSecret string
	// DataDir is a writable directory for the bot's state (with
	// DatabaseURL set, only the built index is kept there).
	DataDir string
	// DatabaseURL, when set, keeps the state in PostgreSQL instead of
	// DataDir, so that several replicas can share it.
	DatabaseURL string
	// AdminIDs are the Telegram user ids allowed to run admin commands.
	AdminIDs []int64
	// LogLevel is the minimum level logged.
	LogLevel slog.Level

	// RateLimitsOff turns the outgoing rate limits off, for load tests
	// against a fake Bot API server.
	RateLimitsOff bool
	// RateChat, RateGroup and RateGlobal are the outgoing rate limits in
	// messages per second: per private chat, per group (negative chat
	// id), and overall. The Burst fields are how many may go at once.
	RateChat, RateGroup, RateGlobal                float64
	RateChatBurst, RateGroupBurst, RateGlobalBurst int
	// Workers is how many chats are handled at once.
	Workers int
	// FloodLimit is how many messages a user may send in a minute; one
	// more gets a "slow down" and FloodMute of silence. 0 turns flood
	// protection off.
	FloodLimit int
	FloodMute  time.Duration
	// AnswerCache is how many recent questions' answers are kept in
	// memory, to answer them again without searching; 0 turns it off.
	AnswerCache int
}

// Error is a setting with a bad value. Its message is one line that names
// the variable, without echoing secrets.
type Error struct {
	Var string // the environment variable, such as "TELEGRAM_BOT_TOKEN"
	Msg string
}

func (e *Error) Error() string { return e.Var + ": " + e.Msg }

var (
	tokenRE = regexp.MustCompile(`^\d+:[A-Za-z0-9_-]{30,}$`)
	// secretRE is `^[A-Za-z0-9_-]+$`; the length (1 to 256) is checked
	// apart, as a {1,256} repetition compiles to 256 copies of the class
	// and took 3–8 ms of every start.
	secretRE = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
)

// Vars lists every variable Load reads, in the order .env.example gives them.
var Vars = []string{
	"TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "WEBHOOK_URL", "WEBHOOK_LISTEN",
	"WEBHOOK_SECRET", "DATA_DIR", "DATABASE_URL", "ADMIN_IDS", "LOG_LEVEL",
	"RATE_LIMITS", "RATE_CHAT", "RATE_CHAT_BURST", "RATE_GROUP", "RATE_GROUP_BURST",
	"RATE_GLOBAL", "RATE_GLOBAL_BURST", "WORKERS", "FLOOD_LIMIT", "FLOOD_MUTE",
	"ANSWER_CACHE",
}

// Load reads the settings from the process environment, after loading
// envFile (usually ".env") if it exists. Variables already set in the
// environment win over the file. A missing file is not an error.
func Load(envFile string) (Config, error) {
	if envFile != "" {
		if err := godotenv.Load(envFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			return Config{}, fmt.Errorf("read %s: %w", envFile, err)
		}
	}
	env := make(map[string]string, len(Vars))
	for _, v := range Vars {
		if s, ok := os.LookupEnv(v); ok {
			env[v] = s
		}
	}
	return FromMap(env)
}

// FromMap builds a Config from variable values, filling in defaults and
// validating every value. The error, if any, is a *Error.
func FromMap(env map[string]string) (Config, error) {
	get := func(name, def string) string {
		if v := strings.TrimSpace(env[name]); v != "" {
			return v
		}
		return def
	}
	c := Config{
		Token:         get("TELEGRAM_BOT_TOKEN", ""),
		APIBaseURL:    strings.TrimRight(get("TELEGRAM_API_BASE_URL", telegram.DefaultAPIBaseURL), "/"),
		WebhookURL:    get("WEBHOOK_URL", ""),
		WebhookListen: get("WEBHOOK_LISTEN", DefaultWebhookListen),
		WebhookSecret: get("WEBHOOK_SECRET", ""),
		DataDir:       get("DATA_DIR", DefaultDataDir),
		DatabaseURL:   get("DATABASE_URL", ""),
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		// Never echo the value: it may hold a password.
		return Config{}, &Error{"DATABASE_URL", "want a PostgreSQL URL such as postgres://user:password@host:5432/silkroad, or leave it empty to keep the state in DATA_DIR"}
	}
	if c.Token != "" && !tokenRE.MatchString(c.Token) {
		// Never echo the value: it may be a real token with a typo.
		return Config{}, &Error{"TELEGRAM_BOT_TOKEN", "malformed token: want <digits>:<at least 30 letters, digits, _ or ->, as @BotFather gives it"}
	}
	if err := checkURL(c.APIBaseURL, false); err != nil {
		return Config{}, &Error{"TELEGRAM_API_BASE_URL", err.Error()}
	}
	if c.WebhookURL != "" {
		if err := checkURL(c.WebhookURL, true); err != nil {
			return Config{}, &Error{"WEBHOOK_URL", err.Error()}
		}
	}
	if c.WebhookSecret != "" && (len(c.WebhookSecret) > 256 || !secretRE.MatchString(c.WebhookSecret)) {
		return Config{}, &Error{"WEBHOOK_SECRET", "must be 1-256 letters, digits, _ or -"}
	}
	if c.WebhookListen != "" && !strings.Contains(c.WebhookListen, ":") {
		return Config{}, &Error{"WEBHOOK_LISTEN", fmt.Sprintf("%q is not host:port or :port", c.WebhookListen)}
	}
	for _, s := range strings.Split(get("ADMIN_IDS", ""), ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return Config{}, &Error{"ADMIN_IDS", fmt.Sprintf("%q is not a Telegram user id", s)}
		}
		c.AdminIDs = append(c.AdminIDs, id)
	}
	if err := c.LogLevel.UnmarshalText([]byte(get("LOG_LEVEL", DefaultLogLevel))); err != nil {
		return Config{}, &Error{"LOG_LEVEL", fmt.Sprintf("%q is not debug, info, warn or error", get("LOG_LEVEL", ""))}
	}
	switch strings.ToLower(get("RATE_LIMITS", "on")) {
	case "on":
	case "off":
		c.RateLimitsOff = true
	default:
		return Config{}, &Error{"RATE_LIMITS", fmt.Sprintf("%q is not on or off", get("RATE_LIMITS", ""))}
	}
	for _, r := range []struct {
		name string
		def  float64
		dst  *float64
	}{
		{"RATE_CHAT", float64(telegram.DefaultLimits.Chat), &c.RateChat},
		{"RATE_GROUP", float64(telegram.DefaultLimits.Group), &c.RateGroup},
		{"RATE_GLOBAL", float64(telegram.DefaultLimits.Global), &c.RateGlobal},
	} {
		*r.dst = r.def
		if v := get(r.name, ""); v != "" {
			rate, err := ParseRate(v)
			if err != nil {
				return Config{}, &Error{r.name, err.Error()}
			}
			*r.dst = rate
		}
	}
	for _, n := range []struct {
		name string
		def  int
		min  int
		dst  *int
	}{
		{"RATE_CHAT_BURST", telegram.DefaultLimits.ChatBurst, 1, &c.RateChatBurst},
		{"RATE_GROUP_BURST", telegram.DefaultLimits.GroupBurst, 1, &c.RateGroupBurst},
		{"RATE_GLOBAL_BURST", telegram.DefaultLimits.GlobalBurst, 1, &c.RateGlobalBurst},
		{"WORKERS", telegram.DefaultWorkers, 1, &c.Workers},
		{"FLOOD_LIMIT", bot.DefaultFloodLimit, 0, &c.FloodLimit},
		{"ANSWER_CACHE", DefaultAnswerCache, 0, &c.AnswerCache},
	} {
		s := get(n.name, strconv.Itoa(n.def))
		v, err := strconv.Atoi(s)
		if err != nil || v < n.min || v > 1_000_000 {
			return Config{}, &Error{n.name, fmt.Sprintf("%q is not a whole number from %d to 1000000", s, n.min)}
		}
		*n.dst = v
	}
	mute := get("FLOOD_MUTE", bot.DefaultFloodMute.String())
	if d, err := time.ParseDuration(mute); err != nil || d <= 0 {
		return Config{}, &Error{"FLOOD_MUTE", fmt.Sprintf("%q is not a positive duration such as 1m or 30s", mute)}
	} else {
		c.FloodMute = d
	}
	if err := checkDir(c.DataDir); err != nil {
		return Config{}, &Error{"DATA_DIR", err.Error()}
	}
	return c, nil
}

// ParseRate parses a rate such as "1/s", "20/m" or "0.5/s" into events
// per second. The unit is s (second), m (minute) or h (hour).
func ParseRate(s string) (float64, error) {
	num, unit, ok := strings.Cut(strings.TrimSpace(s), "/")
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if !ok || err != nil || n <= 0 || n > 1e6 {
		return 0, fmt.Errorf("%q is not a rate such as 1/s or 20/m", s)
	}
	switch strings.TrimSpace(unit) {
	case "s":
		return n, nil
	case "m":
		return n / 60, nil
	case "h":
		return n / 3600, nil
	}
	return 0, fmt.Errorf("%q is not a rate such as 1/s or 20/m: the unit must be s, m or h", s)
}

// checkURL reports whether s is an absolute http(s) URL; a webhook must
// be https, as Telegram requires.
func checkURL(s string, webhook bool) error {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("%q is not an http or https URL", s)
	}
	if webhook && u.Scheme != "https" {
		return fmt.Errorf("%q must be https: Telegram only posts to HTTPS webhooks", s)
	}
	return nil
}

// checkDir creates dir (mode 0700) if needed and checks that a file can
// be written in it.
func checkDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create %s: %v", dir, errors.Unwrap(err))
	}
	f, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return fmt.Errorf("%s is not writable", dir)
	}
	name := f.Name()
	f.Close()
	if err := os.Remove(name); err != nil {
		return fmt.Errorf("cannot remove %s: %v", filepath.Base(name), errors.Unwrap(err))
	}
	return nil
}

// IsAdmin reports whether the Telegram user id is listed in AdminIDs.
func (c Config) IsAdmin(id int64) bool {
	for _, a := range c.AdminIDs {
		if a == id {
			return true
		}
	}
	return false
}
