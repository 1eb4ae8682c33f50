package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/bot/console"
	"github.com/silkroad-bot/silkroad/bot/telegram"
	"github.com/silkroad-bot/silkroad/config"
	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/quiz"
)

// knowledgeDir is the folder inside DATA_DIR whose files, when present,
// replace the embedded knowledge base; /reload rereads it.
const knowledgeDir = "knowledge"

// loadBase loads the knowledge base from DATA_DIR/knowledge if that
// folder exists, else the embedded one.
func loadBase(dataDir string) (*knowledge.Base, error) {
	dir := filepath.Join(dataDir, knowledgeDir)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		base, err := knowledge.Default()
		if err != nil {
			return nil, fmt.Errorf("load knowledge: %w", err)
		}
		return base, nil
	}
	base, err := knowledge.Load(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("load knowledge from %s: %w", dir, err)
	}
	return base, nil
}

func buildIndex(base *knowledge.Base, opts ...index.Option) (*index.Index, error) {
	ix, err := index.Build(base, opts...)
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	return ix, nil
}

// indexDir is the folder inside DATA_DIR where the built index is kept
// between starts (index.WithStore).
const indexDir = "index"

// storedIndex builds the index kept in DATA_DIR (opening it when the
// knowledge has not changed), or in memory when DATA_DIR cannot hold it.
func storedIndex(base *knowledge.Base, dataDir string, log *slog.Logger, opts ...index.Option) (*index.Index, error) {
	ix, err := index.Build(base, append(opts, index.WithStore(filepath.Join(dataDir, indexDir)))...)
	if err == nil {
		return ix, nil
	}
	log.Warn("cannot keep the index in DATA_DIR; building it in memory", "err", err)
	return buildIndex(base, opts...)
}

// envFile is the optional file of settings read at start.
const envFile = ".env"

// runBot runs the Telegram bot (serve), the console chat (chat), or
// chooses between them by whether a token is configured (no command).
func runBot(ctx context.Context, cmd string, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	group := false
	if cmd == "chat" {
		fs := newFlags("chat")
		fs.BoolVar(&group, "group", false, "play a class group chat, where /quiz runs a class quiz")
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		args = fs.Args()
	}
	if len(args) > 0 {
		return usageError{Msg: fmt.Sprintf("%s: unexpected arguments %q (see silkroad --help)", name(cmd), args)}
	}
	cfg, err := config.Load(envFile)
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			return usageError{Msg: "config: " + ce.Error()}
		}
		return usageError{Msg: err.Error()}
	}
	if cfg.Token == "" && cmd == "serve" {
		return usageError{Msg: "serve: TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather on Telegram and put it in .env"}
	}
	log := slog.New(bot.RedactHandler(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}), cfg.Token, cfg.WebhookSecret))
	base, err := loadBase(cfg.DataDir)
	if err != nil {
		return err
	}
	// Building the index is most of the start; the store opens, the
	// quiz bank is made and Telegram is asked who the bot is meanwhile.
	online := cmd != "chat" && cfg.Token != ""
	var limits telegram.Limits
	if !cfg.RateLimitsOff {
		limits = telegram.Limits{
			Chat: rate.Limit(cfg.RateChat), ChatBurst: cfg.RateChatBurst,
			Group: rate.Limit(cfg.RateGroup), GroupBurst: cfg.RateGroupBurst,
			Global: rate.Limit(cfg.RateGlobal), GlobalBurst: cfg.RateGlobalBurst,
		}
	}
	tgOpts := telegram.Options{
		Token:      cfg.Token,
		BaseURL:    cfg.APIBaseURL,
		WebhookURL: cfg.WebhookURL,
		Listen:     cfg.WebhookListen,
		Secret:     cfg.WebhookSecret,
		Limits:     limits,
		Workers:    cfg.Workers,
		Logger:     log,
	}
	if online {
		tgOpts.Hello = telegram.Greet(ctx, tgOpts)
	}
	// Building the index allocates about 25 MB, most of it garbage by
	// the end: collecting rarely meanwhile, and then at the usual pace,
	// saves a dozen collections of a growing heap at start.
	gcPercent := debug.SetGCPercent(400)
	var ix *index.Index
	built := make(chan error, 1)
	go func() {
		var err error
		ix, err = storedIndex(base, cfg.DataDir, log, index.WithCache(cfg.AnswerCache))
		built <- err
	}()
	// One store for the process: bbolt allows one open at a time.
	db, dbErr := openStore(ctx, cfg.DataDir, cfg.DatabaseURL, log)
	bank, bankErr := quiz.NewBank(base)
	ixErr := <-built
	debug.SetGCPercent(gcPercent)
	// The build's garbage stays mapped, a quarter of the bot's memory,
	// until given back: then the bot idles at about 30 MB, not 40. A
	// second later, so as not to slow the start.
	time.AfterFunc(time.Second, debug.FreeOSMemory)
	if ix != nil {
		defer ix.Close()
	}
	if db != nil {
		defer db.Close()
	}
	if bankErr != nil {
		bankErr = fmt.Errorf("build quiz bank: %w", bankErr)
	}
	if err := cmp.Or(ixErr, dbErr, bankErr); err != nil {
		return err
	}
	floodLimit := cfg.FloodLimit
	if !online {
		floodLimit = 0 // one person at a keyboard
	}
	reload := func(ctx context.Context) (*index.Index, error) {
		base, err := loadBase(cfg.DataDir)
		if err != nil {
			return nil, err
		}
		return storedIndex(base, cfg.DataDir, log, index.WithCache(cfg.AnswerCache))
	}
	h := bot.NewHandler(ix, bot.WithLogger(log), bot.WithAdmins(cfg.AdminIDs...),
		bot.WithReload(reload), bot.WithFlood(floodLimit, cfg.FloodMute), bot.WithTopics(db))
	q := bot.EnableQuiz(h, bot.QuizOptions{Bank: bank, Store: db})

	// The console chat keeps its language choice and its topic in
	// DATA_DIR, as Telegram chats do.
	bot.EnableLang(h, db)
	if !online {
		c := console.New(h, stdout)
		c.PictureDir = filepath.Join(cfg.DataDir, "pictures")
		c.Group = group
		if cmd != "chat" {
			fmt.Fprintln(stdout, bot.NoTokenHint())
			c.LangCode = os.Getenv("LANG")
		}
		return runConsole(ctx, c, q, stdin, log)
	}
	tgOpts.Updates = db
	tg, err := telegram.New(ctx, h, tgOpts)
	if err != nil {
		return err
	}
	return runTelegram(ctx, tg, q, log)
}

// runConsole runs the console chat and, beside it, the class quizzes'
// clock, until the input ends or ctx is done.
func runConsole(ctx context.Context, c *console.Console, q *bot.Quiz, stdin io.Reader, log *slog.Logger) error {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := q.Run(ctx, c); err != nil {
			log.ErrorContext(ctx, "quiz loop", "err", err)
		}
	}()
	err := c.Run(ctx, stdin)
	cancel()
	<-done
	return err
}

// runTelegram runs the Telegram transport and, beside it, the class
// quizzes' clock, until ctx is done or the transport fails; it returns
// once both have stopped, so that the store can be closed.
func runTelegram(ctx context.Context, tg *telegram.Transport, q *bot.Quiz, log *slog.Logger) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := q.Run(ctx, tg); err != nil {
			log.ErrorContext(ctx, "quiz loop", "err", err)
		}
	}()
	err := tg.Run(ctx)
	cancel()
	wg.Wait()
	return err
}

func name(cmd string) string {
	if cmd == "" {
		return "silkroad"
	}
	return cmd
}
