package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
	"github.com/silkroad-bot/silkroad/knowledge"
)

// benchToken is the token the bot under load and the fake Bot API agree on.
const benchToken = "123456789:bench-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

// benchConfig says how `silkroad-bench` loads the bot.
type benchConfig struct {
	Updates       int           // measured updates, in total
	Chats         int           // private chats sending at once, one update in flight each
	RateLimitsOff bool          // start the bot with RATE_LIMITS=off and FLOOD_LIMIT=0
	CacheOff      bool          // start the bot with ANSWER_CACHE=0: every question is searched
	Timeout       time.Duration // how long one update may wait for its reply
	// Replicas, when above 0, runs that many bot processes in webhook
	// mode, the driver posting each update to the next one in turn, as
	// Telegram and a load balancer would; 0 runs one that long-polls.
	Replicas int
	// DatabaseURL, when set, keeps the bots' state in that PostgreSQL
	// database (DATABASE_URL); else each keeps it in bbolt. More than one
	// replica needs it.
	DatabaseURL string
	// Command starts the bot: `silkroad serve` (see silkroadPath) unless set.
	// It runs in an empty folder (so no .env is read) with this
	// process's environment, the settings that point it at the fake Bot
	// API, and Env.
	Command []string
	Env     []string
	// CPUProfile, when set, is where the bot writes a CPU profile of its
	// whole run (SILKROAD_CPUPROFILE).
	CPUProfile string
	// MemProfile, when set, is where the bot writes the profile of its
	// allocations when it exits (SILKROAD_MEMPROFILE).
	MemProfile string
}

// benchReport is what one `silkroad-bench` run measured.
type benchReport struct {
	Updates    int    `json:"updates"`
	Chats      int    `json:"chats"`
	Mode       string `json:"mode"`         // "polling", or "webhook" with replicas
	Replicas   int    `json:"replicas"`     // bot processes
	Store      string `json:"store"`        // "bbolt" or "postgres"
	RateLimits string `json:"rate_limits"`  // "on" or "off"
	Cache      string `json:"answer_cache"` // "on" or "off"
	// ReadyMS is the time from starting the bot's process to its first
	// getUpdates call.
	ReadyMS float64 `json:"ready_ms"`
	// Replied counts updates whose reply arrived; the rest timed out.
	Replied int     `json:"replied"`
	Seconds float64 `json:"seconds"`
	PerSec  float64 `json:"updates_per_s"`
	// P50MS, P99MS and MaxMS are the time from pushing an update to the
	// fake server's receiving its sendMessage.
	P50MS    float64 `json:"p50_ms"`
	P99MS    float64 `json:"p99_ms"`
	MaxMS    float64 `json:"max_ms"`
	BotCalls int     `json:"bot_api_calls"` // calls the bot made while measured
	// PeakRSSMB is the largest resident set of the bot's process sampled
	// while serving; HWMMB is its high-water mark since start (VmHWM),
	// which includes building the index.
	PeakRSSMB float64 `json:"peak_rss_mb"`
	HWMMB     float64 `json:"hwm_mb"`
	// BotCPUUS and DriverCPUUS are the CPU time (user and system) per
	// measured update of the bot's process and of this one (the fake Bot
	// API and the load driver), in µs. With both on one machine, their
	// sum bounds the rate: 2 cores give at most 2e6 / (sum) updates/s.
	BotCPUUS    float64 `json:"bot_cpu_us_per_update"`
	DriverCPUUS float64 `json:"driver_cpu_us_per_update"`
	// BarePerSec, BareP50MS and BareP99MS measure a bare Go HTTP
	// round-trip loop on loopback with the same concurrency; Fraction is
	// PerSec / BarePerSec.
	BarePerSec float64 `json:"bare_http_per_s"`
	BareP50MS  float64 `json:"bare_p50_ms"`
	BareP99MS  float64 `json:"bare_p99_ms"`
	Fraction   float64 `json:"fraction_of_bare"`
}

// isOff reads the on/off value v of bench's flag --name.
func isOff(name, v string) (bool, error) {
	switch v {
	case "on":
		return false, nil
	case "off":
		return true, nil
	}
	return false, usageError{Msg: fmt.Sprintf("--%s %q is not on or off", name, v)}
}

// runBench parses the flags of `silkroad-bench`, runs it and prints the
// report.
func runBench(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("flags")
	cfg := benchConfig{}
	fs.IntVar(&cfg.Updates, "n", 20000, "measured updates in total")
	fs.IntVar(&cfg.Chats, "chats", 64, "private chats sending at once, one update in flight each")
	limits := fs.String("rate-limits", "off", "the bot's outgoing rate limits and flood guard: on or off")
	cache := fs.String("cache", "on", "the bot's answer cache: on (as deployed) or off (every question searched)")
	fs.DurationVar(&cfg.Timeout, "timeout", 10*time.Second, "how long one update may wait for its reply")
	fs.IntVar(&cfg.Replicas, "replicas", 0, "run this many bots in webhook mode, each update posted to the next; 0: one bot, long polling")
	fs.StringVar(&cfg.DatabaseURL, "database-url", os.Getenv("DATABASE_URL"), "keep the bots' state in this PostgreSQL database (use one of its own); empty: bbolt")
	class := fs.Int("class", 0, "instead of questions, measure class quiz votes: this many students in each group vote at once, posted to the webhook (--replicas 1 unless set)")
	groups := fs.Int("groups", 10, "with --class: how many groups run a quiz at once")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	fs.StringVar(&cfg.CPUProfile, "cpuprofile", "", "have the bot write a CPU profile of its run to this file (for go tool pprof)")
	bin := fs.String("bot", "", "the silkroad binary to load (default: the one next to this program, else silkroad on PATH)")
	fs.StringVar(&cfg.MemProfile, "memprofile", "", "have the bot write the profile of its allocations to this file when it exits")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var err error
	if cfg.RateLimitsOff, err = isOff("rate-limits", *limits); err != nil {
		return err
	}
	if cfg.CacheOff, err = isOff("cache", *cache); err != nil {
		return err
	}
	if cfg.Updates < 1 || cfg.Chats < 1 {
		return usageError{Msg: "-n and --chats must be at least 1"}
	}
	if cfg.Replicas < 0 {
		return usageError{Msg: "--replicas must be 0 (one bot, long polling) or more"}
	}
	if cfg.Replicas > 1 && cfg.DatabaseURL == "" {
		return usageError{Msg: "--replicas above 1 share a PostgreSQL database: give one of its own with --database-url postgres://…"}
	}
	if *class < 0 || *groups < 1 {
		return usageError{Msg: "--class must be 0 (questions) or more, --groups at least 1"}
	}
	path, err := silkroadPath(*bin)
	if err != nil {
		return err
	}
	cfg.Command = []string{path, "serve"}
	if *class > 0 {
		rep, err := benchVotes(ctx, cfg, *groups, *class)
		if err != nil {
			return err
		}
		return printVotesReport(stdout, rep, *asJSON)
	}
	rep, err := bench(ctx, cfg)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	printReport(stdout, rep)
	return nil
}

func printReport(w io.Writer, r benchReport) {
	fmt.Fprintf(w, "bot under load: %d updates from %d chats, rate limits %s, answer cache %s\n", r.Updates, r.Chats, r.RateLimits, r.Cache)
	fmt.Fprintf(w, "  bots             %8d, %s, state in %s\n", r.Replicas, r.Mode, r.Store)
	fmt.Fprintf(w, "  start to ready   %8.1f ms (exec to first getUpdates, or to every webhook up)\n", r.ReadyMS)
	fmt.Fprintf(w, "  replied          %8d of %d\n", r.Replied, r.Updates)
	fmt.Fprintf(w, "  throughput       %8.0f updates/s (%.2f s, %d Bot API calls)\n", r.PerSec, r.Seconds, r.BotCalls)
	fmt.Fprintf(w, "  update to reply  p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", r.P50MS, r.P99MS, r.MaxMS)
	fmt.Fprintf(w, "  resident memory  %8.1f MB peak while serving, %.1f MB high-water mark\n", r.PeakRSSMB, r.HWMMB)
	fmt.Fprintf(w, "  CPU per update   %8.0f µs in the bot, %.0f µs in the fake Bot API and driver\n", r.BotCPUUS, r.DriverCPUUS)
	fmt.Fprintf(w, "bare HTTP loop, same concurrency:\n")
	fmt.Fprintf(w, "  throughput       %8.0f round trips/s, p50 %.2f ms, p99 %.2f ms\n", r.BarePerSec, r.BareP50MS, r.BareP99MS)
	fmt.Fprintf(w, "bot / bare HTTP    %8.3f\n", r.Fraction)
}

// bench starts the fake Bot API, runs the bot against it in its own
// process, measures it under load, stops it, and then times a bare HTTP
// loop with the same concurrency.
func bench(ctx context.Context, cfg benchConfig) (benchReport, error) {
	rep := benchReport{Updates: cfg.Updates, Chats: cfg.Chats, RateLimits: "on", Cache: "on",
		Mode: "polling", Replicas: max(cfg.Replicas, 1), Store: "bbolt"}
	if cfg.Replicas > 0 {
		rep.Mode = "webhook"
	}
	if cfg.DatabaseURL != "" {
		rep.Store = "postgres"
	}
	if cfg.RateLimitsOff {
		rep.RateLimits = "off"
	}
	if cfg.CacheOff {
		rep.Cache = "off"
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	questions, err := benchQuestions()
	if err != nil {
		return rep, err
	}
	srv, bots, done, err := startBench(ctx, cfg)
	defer done()
	if err != nil {
		return rep, err
	}
	ctx = bots.ctx
	rep.ReadyMS = bots.readyMS

	// One channel per chat carries the arrival time of each sendMessage.
	// A single observer sees every recorded call once, in order: WaitFor
	// calls match on each call it has not looked at yet, and this match
	// never accepts, so the wait lasts until the observer is stopped.
	replies := make(map[int64]chan time.Time, cfg.Chats)
	for c := range cfg.Chats {
		replies[chatID(c)] = make(chan time.Time, 4)
	}
	var calls atomic.Int64
	octx, stopObserver := context.WithCancel(ctx)
	observed := make(chan struct{})
	go func() {
		defer close(observed)
		_, _ = srv.WaitFor(octx, "", func(c telegramtest.Call) bool {
			calls.Add(1)
			if c.Method != "sendMessage" {
				return false
			}
			if ch, ok := replies[c.Int64("chat_id")]; ok {
				select {
				case ch <- c.Time:
				default:
				}
			}
			return false
		})
	}()
	defer func() { stopObserver(); <-observed }()

	// Each chat's messages are copies of one per language, so that the
	// driver spends its time on pushing, not on building users and chats.
	templates := make([]map[string]*tgbotapi.Message, cfg.Chats)
	for c := range templates {
		id := chatID(c)
		templates[c] = map[string]*tgbotapi.Message{}
		for _, lang := range knowledge.Langs {
			templates[c][lang] = telegramtest.InLanguage(telegramtest.TextMessage(id, id, ""), lang).Message
		}
	}
	// ask pushes one question from chat c and waits for the reply.
	ask := func(c, i int) (time.Duration, bool) {
		id := chatID(c)
		q := questions[i%len(questions)]
		m := *templates[c][q.lang]
		m.Text = q.text
		pushed := time.Now()
		bots.push(ctx, tgbotapi.Update{Message: &m})
		t := time.NewTimer(cfg.Timeout)
		defer t.Stop()
		select {
		case at := <-replies[id]:
			return at.Sub(pushed), true
		case <-t.C:
			return 0, false
		case <-ctx.Done():
			return 0, false
		}
	}

	// Warm up: every chat asks once, unmeasured.
	var wg sync.WaitGroup
	for c := range cfg.Chats {
		wg.Go(func() { ask(c, c) })
	}
	wg.Wait()

	rss := newRSSSampler(bots.cmds[0].Process.Pid)
	var next atomic.Int64
	lat := make([][]time.Duration, cfg.Chats)
	calls.Store(0)
	botCPU0, _ := bots.cpu()
	driverCPU0, _ := procCPU("self")
	begin := time.Now()
	for c := range cfg.Chats {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= cfg.Updates {
					return
				}
				if d, ok := ask(c, i); ok {
					lat[c] = append(lat[c], d)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(begin)
	botCPU1, botErr := bots.cpu()
	driverCPU1, driverErr := procCPU("self")
	rep.BotCalls = int(calls.Load())
	rep.PeakRSSMB, rep.HWMMB = rss.stop()
	if ctx.Err() != nil {
		return rep, context.Cause(ctx)
	}
	all := slices.Concat(lat...)
	rep.Replied = len(all)
	rep.Seconds = elapsed.Seconds()
	rep.PerSec = float64(len(all)) / elapsed.Seconds()
	rep.P50MS, rep.P99MS, rep.MaxMS = percentiles(all)
	if botErr == nil && driverErr == nil && len(all) > 0 {
		rep.BotCPUUS = float64((botCPU1 - botCPU0).Microseconds()) / float64(len(all))
		rep.DriverCPUUS = float64((driverCPU1 - driverCPU0).Microseconds()) / float64(len(all))
	}

	stopObserver()
	<-observed
	bots.stop()

	bare, err := bareHTTP(context.WithoutCancel(ctx), cfg.Chats, cfg.Updates)
	if err != nil {
		return rep, err
	}
	rep.BarePerSec = float64(len(bare)) / bare.elapsed().Seconds()
	rep.BareP50MS, rep.BareP99MS, _ = percentiles(bare.lat())
	if rep.BarePerSec > 0 {
		rep.Fraction = rep.PerSec / rep.BarePerSec
	}
	if rep.Replied < rep.Updates {
		return rep, fmt.Errorf("%d of %d updates got no reply within %v; the bot's log:\n%s",
			rep.Updates-rep.Replied, rep.Updates, cfg.Timeout, bots.log.lastLines(5))
	}
	return rep, nil
}

// benchQuestion is one question the load chats ask.
type benchQuestion struct{ text, lang string }

// benchQuestions returns the title of every fact in every language, as
// the questions the load chats ask: each has an answer, and they come in
// four languages and three scripts.
func benchQuestions() ([]benchQuestion, error) {
	base, err := knowledge.Default()
	if err != nil {
		return nil, fmt.Errorf("load knowledge: %w", err)
	}
	var qs []benchQuestion
	for i := range base.Facts {
		for _, lang := range knowledge.Langs {
			qs = append(qs, benchQuestion{base.Facts[i].TitleIn(lang), lang})
		}
	}
	return qs, nil
}
