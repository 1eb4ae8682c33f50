package main

import (
	"context"
	"io"
)

// runBot runs the Telegram bot (serve), the console chat (chat), or
// chooses between them by whether a token is configured (no command).
func runBot(ctx context.Context, cmd string, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return usageError{"the bot is not wired yet"}
}
