package config

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/bot/telegram"
)

const goodToken = "123456789:AAH-abcdefghijklmnopqrstuvwxyz_0123"

func TestFromMapDefaults(t *testing.T) {
	dir := t.TempDir()
	c, err := FromMap(map[string]string{"DATA_DIR": dir})
	if err != nil {
		t.Fatalf("FromMap: %v", err)
	}
	if c.APIBaseURL != telegram.DefaultAPIBaseURL || c.WebhookListen != DefaultWebhookListen || c.LogLevel != slog.LevelInfo || c.Token != "" {
		t.Errorf("defaults = %+v", c)
	}
	if c.RateLimitsOff || c.RateChat != 1 || c.RateChatBurst != 3 || c.RateGroup != 20.0/60 || c.RateGroupBurst != 3 ||
		c.RateGlobal != 30 || c.RateGlobalBurst != 30 || c.Workers != 8 || c.FloodLimit != 20 || c.FloodMute != time.Minute || c.AnswerCache != 4096 {
		t.Errorf("limit defaults = %+v", c)
	}
}

func TestFromMap(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		env     map[string]string
		wantVar string // the variable the error names; "" for success
	}{
		{"all good", map[string]string{"TELEGRAM_BOT_TOKEN": goodToken, "WEBHOOK_URL": "https://example.com/hook", "WEBHOOK_SECRET": "abc_DEF-1", "ADMIN_IDS": "1, 2,3", "LOG_LEVEL": "debug"}, ""},
		{"self-hosted api", map[string]string{"TELEGRAM_API_BASE_URL": "http://localhost:8081/"}, ""},
		{"short token", map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc"}, "TELEGRAM_BOT_TOKEN"},
		{"token without id", map[string]string{"TELEGRAM_BOT_TOKEN": "AAH-abcdefghijklmnopqrstuvwxyz_0123"}, "TELEGRAM_BOT_TOKEN"},
		{"token with spaces", map[string]string{"TELEGRAM_BOT_TOKEN": "123:AAH abcdefghijklmnopqrstuvwxyz_0123"}, "TELEGRAM_BOT_TOKEN"},
		{"bad base url", map[string]string{"TELEGRAM_API_BASE_URL": "api.telegram.org"}, "TELEGRAM_API_BASE_URL"},
		{"ftp base url", map[string]string{"TELEGRAM_API_BASE_URL": "ftp://x"}, "TELEGRAM_API_BASE_URL"},
		{"http webhook", map[string]string{"WEBHOOK_URL": "http://example.com/hook"}, "WEBHOOK_URL"},
		{"bad webhook", map[string]string{"WEBHOOK_URL": "::"}, "WEBHOOK_URL"},
		{"bad secret", map[string]string{"WEBHOOK_SECRET": "has space"}, "WEBHOOK_SECRET"},
		{"longest secret", map[string]string{"WEBHOOK_SECRET": strings.Repeat("a", 256)}, ""},
		{"too long secret", map[string]string{"WEBHOOK_SECRET": strings.Repeat("a", 257)}, "WEBHOOK_SECRET"},
		{"bad listen", map[string]string{"WEBHOOK_LISTEN": "8080"}, "WEBHOOK_LISTEN"},
		{"bad admin", map[string]string{"ADMIN_IDS": "1,bob"}, "ADMIN_IDS"},
		{"bad level", map[string]string{"LOG_LEVEL": "loud"}, "LOG_LEVEL"},
		{"database", map[string]string{"DATABASE_URL": "postgres://bot:pw@db:5432/silkroad"}, ""},
		{"database not a URL", map[string]string{"DATABASE_URL": "host=db password=s3cret"}, "DATABASE_URL"},
		{"data dir is a file", map[string]string{"DATA_DIR": file}, "DATA_DIR"},
		{"limits off", map[string]string{"RATE_LIMITS": "off", "WORKERS": "1", "FLOOD_LIMIT": "0"}, ""},
		{"custom limits", map[string]string{"RATE_CHAT": "2/s", "RATE_GROUP": "30/m", "RATE_GLOBAL": "1000/h", "RATE_GLOBAL_BURST": "5", "FLOOD_MUTE": "30s"}, ""},
		{"bad limits switch", map[string]string{"RATE_LIMITS": "maybe"}, "RATE_LIMITS"},
		{"rate without unit", map[string]string{"RATE_CHAT": "1"}, "RATE_CHAT"},
		{"rate with bad unit", map[string]string{"RATE_GROUP": "20/d"}, "RATE_GROUP"},
		{"zero rate", map[string]string{"RATE_GLOBAL": "0/s"}, "RATE_GLOBAL"},
		{"zero burst", map[string]string{"RATE_CHAT_BURST": "0"}, "RATE_CHAT_BURST"},
		{"zero workers", map[string]string{"WORKERS": "0"}, "WORKERS"},
		{"negative flood limit", map[string]string{"FLOOD_LIMIT": "-1"}, "FLOOD_LIMIT"},
		{"bad mute", map[string]string{"FLOOD_MUTE": "soon"}, "FLOOD_MUTE"},
		{"answer cache off", map[string]string{"ANSWER_CACHE": "0"}, ""},
		{"negative answer cache", map[string]string{"ANSWER_CACHE": "-5"}, "ANSWER_CACHE"},
		{"answer cache in words", map[string]string{"ANSWER_CACHE": "lots"}, "ANSWER_CACHE"},
		{"data dir under a file", map[string]string{"DATA_DIR": filepath.Join(file, "sub")}, "DATA_DIR"},
	}
	for _, tt := range tests {
		env := map[string]string{"DATA_DIR": filepath.Join(dir, "data")}
		for k, v := range tt.env {
			env[k] = v
		}
		_, err := FromMap(env)
		var ce *Error
		switch {
		case tt.wantVar == "" && err != nil:
			t.Errorf("%s: FromMap = %v, want success", tt.name, err)
		case tt.wantVar != "" && !errors.As(err, &ce):
			t.Errorf("%s: FromMap error = %v, want a *Error about %s", tt.name, err, tt.wantVar)
		case tt.wantVar != "" && ce.Var != tt.wantVar:
			t.Errorf("%s: error names %s, want %s", tt.name, ce.Var, tt.wantVar)
		case err != nil && strings.Contains(err.Error(), "\n"):
			t.Errorf("%s: error %q is more than one line", tt.name, err)
		case err != nil && tt.env["TELEGRAM_BOT_TOKEN"] != "" && strings.Contains(err.Error(), tt.env["TELEGRAM_BOT_TOKEN"]):
			t.Errorf("%s: error echoes the token", tt.name)
		case err != nil && strings.Contains(err.Error(), "s3cret"):
			t.Errorf("%s: error echoes a password", tt.name)
		}
	}
}

func TestLoadReadsEnvFile(t *testing.T) {
	dir := t.TempDir()
	for _, v := range Vars {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	env := filepath.Join(dir, ".env")
	content := "TELEGRAM_BOT_TOKEN=" + goodToken + "\nDATA_DIR=" + filepath.Join(dir, "d") + "\nADMIN_IDS=42\n"
	if err := os.WriteFile(env, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ADMIN_IDS", "7") // the environment wins over the file
	c, err := Load(env)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.Token != goodToken || !c.IsAdmin(7) || c.IsAdmin(42) {
		t.Errorf("Load = token ok %v, admins %v; want the file's token and the environment's admins", c.Token == goodToken, c.AdminIDs)
	}
	if _, err := Load(filepath.Join(dir, "missing.env")); err != nil {
		t.Errorf("Load with a missing file = %v, want nil", err)
	}
}
