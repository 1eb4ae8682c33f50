package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/config"
)

// envFile is the optional file of settings read at start.
const envFile = ".env"

// runBot runs the Telegram bot (serve), the console chat (chat), or
// chooses between them by whether a token is configured (no command).
func runBot(ctx context.Context, cmd string, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError{fmt.Sprintf("%s: unexpected arguments %q (see silkroad --help)", name(cmd), args)}
	}
	cfg, err := config.Load(envFile)
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			return usageError{"config: " + ce.Error()}
		}
		return usageError{err.Error()}
	}
	log := slog.New(bot.RedactHandler(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}), cfg.Token, cfg.WebhookSecret))
	ix, err := loadIndex()
	if err != nil {
		return err
	}
	defer ix.Close()
	h := bot.NewHandler(ix, bot.WithLogger(log))

	switch {
	case cmd == "chat":
		return bot.NewConsole(h, stdout).Run(ctx, stdin)
	case cfg.Token == "" && cmd == "serve":
		return usageError{"serve: TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather on Telegram and put it in .env"}
	case cfg.Token == "":
		fmt.Fprintln(stdout, bot.NoTokenHint())
		c := bot.NewConsole(h, stdout)
		c.LangCode = os.Getenv("LANG")
		return c.Run(ctx, stdin)
	}
	tg, err := bot.NewTelegram(ctx, h, bot.TelegramOptions{
		Token:      cfg.Token,
		BaseURL:    cfg.APIBaseURL,
		WebhookURL: cfg.WebhookURL,
		Listen:     cfg.WebhookListen,
		Secret:     cfg.WebhookSecret,
		Logger:     log,
	})
	if err != nil {
		return err
	}
	return tg.Run(ctx)
}

func name(cmd string) string {
	if cmd == "" {
		return "silkroad"
	}
	return cmd
}
