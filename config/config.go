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

	"github.com/joho/godotenv"
)

// Defaults of the settings that have one.
const (
	DefaultAPIBaseURL    = "https://api.telegram.org"
	DefaultWebhookListen = ":8080"
	DefaultDataDir       = "./data"
	DefaultLogLevel      = "info"
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
	// DataDir is a writable directory for the bot's state.
	DataDir string
	// AdminIDs are the Telegram user ids allowed to run admin commands.
	AdminIDs []int64
	// LogLevel is the minimum level logged.
	LogLevel slog.Level
}

// Error is a setting with a bad value. Its message is one line that names
// the variable, without echoing secrets.
type Error struct {
	Var string // the environment variable, such as "TELEGRAM_BOT_TOKEN"
	Msg string
}

func (e *Error) Error() string { return e.Var + ": " + e.Msg }

var (
	tokenRE  = regexp.MustCompile(`^\d+:[A-Za-z0-9_-]{30,}$`)
	secretRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
)

// Vars lists every variable Load reads, in the order .env.example gives them.
var Vars = []string{
	"TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "WEBHOOK_URL", "WEBHOOK_LISTEN",
	"WEBHOOK_SECRET", "DATA_DIR", "ADMIN_IDS", "LOG_LEVEL",
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
		APIBaseURL:    strings.TrimRight(get("TELEGRAM_API_BASE_URL", DefaultAPIBaseURL), "/"),
		WebhookURL:    get("WEBHOOK_URL", ""),
		WebhookListen: get("WEBHOOK_LISTEN", DefaultWebhookListen),
		WebhookSecret: get("WEBHOOK_SECRET", ""),
		DataDir:       get("DATA_DIR", DefaultDataDir),
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
	if c.WebhookSecret != "" && !secretRE.MatchString(c.WebhookSecret) {
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
	if err := checkDir(c.DataDir); err != nil {
		return Config{}, &Error{"DATA_DIR", err.Error()}
	}
	return c, nil
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
