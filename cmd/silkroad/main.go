// Command silkroad is a Telegram bot that answers questions about
// Kazakhstan–China cooperation under the Belt and Road initiative.
//
// Usage:
//
//	silkroad                 run the bot (or a console chat without a token)
//	silkroad serve           run the Telegram bot
//	silkroad chat            chat with the bot in the terminal
//	silkroad ask [--json] [--lang xx] [question]
//	silkroad facts --json    print the knowledge base
//	silkroad quiz --json     print the quiz question bank
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
