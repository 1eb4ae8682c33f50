package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
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
	return false, usageError{fmt.Sprintf("--%s %q is not on or off", name, v)}
}

// runBench parses the flags of `silkroad-bench`, runs it and prints the
// report.
func runBench(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("silkroad-bench")
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
		return usageError{"-n and --chats must be at least 1"}
	}
	if cfg.Replicas < 0 {
		return usageError{"--replicas must be 0 (one bot, long polling) or more"}
	}
	if cfg.Replicas > 1 && cfg.DatabaseURL == "" {
		return usageError{"--replicas above 1 share a PostgreSQL database: give one of its own with --database-url postgres://…"}
	}
	if *class < 0 || *groups < 1 {
		return usageError{"--class must be 0 (questions) or more, --groups at least 1"}
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

// startBench starts the fake Bot API and the bots of cfg against it, in
// a temporary folder. done stops and removes all of it; call it even on
// an error.
func startBench(ctx context.Context, cfg benchConfig) (srv *telegramtest.Server, b *bots, done func(), err error) {
	srv = telegramtest.NewServer(benchToken, telegramtest.WithHistory(2048))
	dir, err := os.MkdirTemp("", "silkroad-bench-*")
	if err != nil {
		srv.Close()
		return nil, nil, func() {}, fmt.Errorf("%w", err)
	}
	b, err = startBots(ctx, cfg, srv, dir)
	return srv, b, func() {
		if b != nil {
			b.stop()
		}
		os.RemoveAll(dir)
		srv.Close()
	}, err
}

// benchSecret is the webhook secret of the bots in webhook mode.
const benchSecret = "bench-webhook-secret"

// bots are the bot processes under load.
type bots struct {
	cmds    []*exec.Cmd
	exited  []chan struct{}
	addrs   []string // their webhooks, in webhook mode
	log     *tailBuffer
	ctx     context.Context // cancelled, with the cause, when a bot exits
	cancel  context.CancelCauseFunc
	readyMS float64
	srv     *telegramtest.Server
	turn    atomic.Uint64
	base    int // the first update id, new in every run: a database may remember older ones
	client  *http.Client
}

// startBots starts the bots of cfg against srv, in folders under dir,
// and waits until they are ready: the first getUpdates, or every
// webhook answering /healthz. A bot that exits cancels b.ctx.
func startBots(ctx context.Context, cfg benchConfig, srv *telegramtest.Server, dir string) (*bots, error) {
	n := max(cfg.Replicas, 1)
	b := &bots{log: &tailBuffer{max: 8 << 10}, srv: srv, client: &http.Client{Timeout: 30 * time.Second},
		base: int(time.Now().Unix()%100_000) * 100_000}
	b.ctx, b.cancel = context.WithCancelCause(ctx)
	start := time.Now()
	for i := range n {
		sub := filepath.Join(dir, strconv.Itoa(i))
		if err := os.MkdirAll(sub, 0o700); err != nil {
			return b, fmt.Errorf("%w", err)
		}
		cmd, err := botCommand(cfg, srv.URL, sub)
		if err != nil {
			return b, err
		}
		if cfg.Replicas > 0 {
			addr, err := freeLoopback()
			if err != nil {
				return b, err
			}
			b.addrs = append(b.addrs, addr)
			cmd.Env = append(cmd.Env, "WEBHOOK_URL=https://bench.invalid/hook", "WEBHOOK_LISTEN="+addr, "WEBHOOK_SECRET="+benchSecret)
		}
		if cfg.DatabaseURL != "" {
			cmd.Env = append(cmd.Env, "DATABASE_URL="+cfg.DatabaseURL)
		}
		cmd.Stderr = b.log
		if err := cmd.Start(); err != nil {
			return b, fmt.Errorf("start the bot: %w", err)
		}
		exited := make(chan struct{})
		b.cmds, b.exited = append(b.cmds, cmd), append(b.exited, exited)
		go func() {
			_ = cmd.Wait()
			close(exited)
			b.cancel(fmt.Errorf("a bot exited (%v); the log:\n%s", cmd.ProcessState, b.log.lastLines(5)))
		}()
	}
	rctx, rcancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer rcancel()
	if cfg.Replicas == 0 {
		if _, err := srv.WaitFor(rctx, "getUpdates", nil); err != nil {
			return b, b.failed(fmt.Errorf("the bot did not poll for updates: %w; its log:\n%s", err, b.log.lastLines(5)))
		}
	}
	for _, addr := range b.addrs {
		for {
			resp, err := b.client.Get("http://" + addr + "/healthz")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
			}
			select {
			case <-rctx.Done():
				return b, b.failed(fmt.Errorf("the bot at %s did not serve its webhook; the log:\n%s", addr, b.log.lastLines(5)))
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	b.readyMS = ms(time.Since(start))
	return b, nil
}

// failed returns why the bots' context ended, if a bot exited, or err.
func (b *bots) failed(err error) error {
	if c := context.Cause(b.ctx); c != nil && !errors.Is(c, context.Canceled) {
		return c
	}
	return err
}

// push delivers u: queued for getUpdates, or posted to the next bot's
// webhook, again until it is taken (200), as Telegram does.
func (b *bots) push(ctx context.Context, u tgbotapi.Update) {
	if len(b.addrs) == 0 {
		b.srv.PushUpdate(u)
		return
	}
	u.UpdateID = b.base + int(b.turn.Add(1))
	_, body := b.srv.WebhookUpdate(u)
	for ctx.Err() == nil {
		addr := b.addrs[b.turn.Add(1)%uint64(len(b.addrs))]
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/hook", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", benchSecret)
		resp, err := b.client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// cpu returns the CPU time the bots have used.
func (b *bots) cpu() (time.Duration, error) {
	var sum time.Duration
	for _, c := range b.cmds {
		d, err := procCPU(strconv.Itoa(c.Process.Pid))
		if err != nil {
			return 0, err
		}
		sum += d
	}
	return sum, nil
}

// stop stops every bot; their exit is expected from now on. It may be
// called more than once.
func (b *bots) stop() {
	b.cancel(nil)
	var wg sync.WaitGroup
	for i, c := range b.cmds {
		wg.Go(func() { stopBot(c, b.exited[i]) })
	}
	wg.Wait()
}

// freeLoopback returns a loopback address no one listens on.
func freeLoopback() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("%w", err)
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// chatID is the private chat (and user) id of load chat c.
func chatID(c int) int64 { return 100000 + int64(c) }

// botCommand prepares the bot's process: `silkroad serve` against the
// fake Bot API at apiURL, in dir.
func botCommand(cfg benchConfig, apiURL, dir string) (*exec.Cmd, error) {
	argv := cfg.Command
	if len(argv) == 0 {
		path, err := silkroadPath("")
		if err != nil {
			return nil, err
		}
		argv = []string{path, "serve"}
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir // no .env there
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(benchVars, k) {
			env = append(env, kv)
		}
	}
	env = append(env,
		"TELEGRAM_BOT_TOKEN="+benchToken,
		"TELEGRAM_API_BASE_URL="+apiURL,
		"DATA_DIR="+dir+"/data",
		"LOG_LEVEL=warn",
	)
	if cfg.RateLimitsOff {
		env = append(env, "RATE_LIMITS=off", "FLOOD_LIMIT=0")
	}
	if cfg.CacheOff {
		env = append(env, "ANSWER_CACHE=0")
	}
	for _, p := range []struct{ flag, file, env string }{
		{"cpuprofile", cfg.CPUProfile, cpuProfileVar},
		{"memprofile", cfg.MemProfile, memProfileVar},
	} {
		if p.file == "" {
			continue
		}
		abs, err := filepath.Abs(p.file)
		if err != nil {
			return nil, fmt.Errorf("--%s: %w", p.flag, err)
		}
		env = append(env, p.env+"="+abs)
	}
	cmd.Env = append(env, cfg.Env...)
	return cmd, nil
}

// silkroadPath finds the bot to load: bin if given, else the silkroad
// next to this program, else the one on PATH.
func silkroadPath(bin string) (string, error) {
	if bin != "" {
		if _, err := os.Stat(bin); err != nil {
			return "", usageError{fmt.Sprintf("--bot %s: %v", bin, err)}
		}
		return bin, nil
	}
	if exe, err := os.Executable(); err == nil {
		next := filepath.Join(filepath.Dir(exe), "silkroad")
		if fi, err := os.Stat(next); err == nil && !fi.IsDir() {
			return next, nil
		}
	}
	if path, err := exec.LookPath("silkroad"); err == nil {
		return path, nil
	}
	return "", usageError{"no silkroad binary to load: build it (go build -o /tmp/silkroad ./cmd/silkroad) and give --bot /tmp/silkroad"}
}

// benchVars are the settings the bench decides for the bot, whatever
// this process's environment says.
var benchVars = []string{
	"TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "WEBHOOK_URL", "WEBHOOK_LISTEN",
	"WEBHOOK_SECRET", "DATA_DIR", "DATABASE_URL", "LOG_LEVEL", "RATE_LIMITS", "FLOOD_LIMIT", "ANSWER_CACHE", cpuProfileVar, memProfileVar,
}

// stopBot asks the bot to stop and kills it if it has not exited within
// ten seconds. exited is closed when the process has been waited for.
// It may be called more than once.
func stopBot(cmd *exec.Cmd, exited <-chan struct{}) {
	select {
	case <-exited:
		return
	default:
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	t := time.NewTimer(10 * time.Second)
	defer t.Stop()
	select {
	case <-exited:
	case <-t.C:
		_ = cmd.Process.Kill()
		<-exited
	}
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

// rssSampler samples a process's resident set every 20 ms.
type rssSampler struct {
	pid  int
	done chan struct{}
	peak chan float64
}

func newRSSSampler(pid int) *rssSampler {
	s := &rssSampler{pid: pid, done: make(chan struct{}), peak: make(chan float64, 1)}
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		peak := 0.0
		for {
			if rss, err := procRSS(pid); err == nil {
				peak = max(peak, rss)
			}
			select {
			case <-s.done:
				s.peak <- peak
				return
			case <-t.C:
			}
		}
	}()
	return s
}

// stop ends the sampling and returns the peak resident set and the
// process's high-water mark, in MB.
func (s *rssSampler) stop() (peak, hwm float64) {
	close(s.done)
	peak = <-s.peak
	hwm, _ = procStatus(s.pid, "VmHWM")
	return peak, hwm
}

// procRSS reads the resident set of a process from /proc/<pid>/statm, in
// MB: a short line, far cheaper for the kernel to make than the status
// file, as the sampler reads it fifty times a second.
func procRSS(pid int) (float64, error) {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(raw))
	if len(f) < 2 {
		return 0, errors.New("/proc/" + strconv.Itoa(pid) + "/statm: unexpected format")
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0, err
	}
	return float64(pages*int64(os.Getpagesize())) / (1 << 20), nil
}

// procStatus reads a field given in kB from /proc/<pid>/status, in MB.
func procStatus(pid int, field string) (float64, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024, err
		}
	}
	return 0, errors.New(field + " not found")
}

// procCPU reads the CPU time (user and system) a process has used so
// far from /proc/<pid>/stat; pid may be "self".
func procCPU(pid string) (time.Duration, error) {
	raw, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0, err
	}
	// The command name in parentheses may hold spaces; the fields after
	// it are state, ppid, ... with utime and stime 12th and 13th.
	i := bytes.LastIndexByte(raw, ')')
	f := strings.Fields(string(raw[i+1:]))
	if i < 0 || len(f) < 13 {
		return 0, errors.New("/proc/" + pid + "/stat: unexpected format")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := cmp.Or(err1, err2); err != nil {
		return 0, err
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, nil
}

// clockTicks is the unit of /proc/<pid>/stat's times: USER_HZ, 100 on
// Linux on every architecture Go supports.
const clockTicks = 100

// roundTrip is the start and end of one round trip of the bare loop.
type roundTrip struct{ start, end time.Time }

type roundTrips []roundTrip

// elapsed is the time from the first start to the last end.
func (r roundTrips) elapsed() time.Duration {
	if len(r) == 0 {
		return time.Nanosecond
	}
	first, last := r[0].start, r[0].end
	for _, t := range r {
		if t.start.Before(first) {
			first = t.start
		}
		if t.end.After(last) {
			last = t.end
		}
	}
	return last.Sub(first)
}

func (r roundTrips) lat() []time.Duration {
	out := make([]time.Duration, len(r))
	for i, t := range r {
		out[i] = t.end.Sub(t.start)
	}
	return out
}

// bareHTTP times n round trips to an http.Server on loopback that
// answers a trivial JSON result, from conc goroutines each posting a
// small form as the bot posts its calls: about the most a Go HTTP client
// and server can do together on this machine.
func bareHTTP(ctx context.Context, conc, n int) (roundTrips, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("bare loop: %w", err)
	}
	body := []byte(`{"ok":true,"result":true}`)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})}
	go srv.Serve(ln)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc}}
	defer client.CloseIdleConnections()
	endpoint := "http://" + ln.Addr().String() + "/botx/sendMessage"
	form := url.Values{"chat_id": {"100000"}, "text": {"hello"}}.Encode()

	var next atomic.Int64
	per := make([]roundTrips, conc)
	errs := make([]error, conc)
	var wg sync.WaitGroup
	for c := range conc {
		wg.Go(func() {
			for next.Add(1) <= int64(n) {
				start := time.Now()
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form))
				if err != nil {
					errs[c] = err
					return
				}
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				resp, err := client.Do(req)
				if err != nil {
					errs[c] = err
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				per[c] = append(per[c], roundTrip{start, time.Now()})
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("bare loop: %w", err)
	}
	return slices.Concat(per...), nil
}

// percentiles returns the 50th and 99th percentiles and the maximum of
// lat, in milliseconds.
func percentiles(lat []time.Duration) (p50, p99, top float64) {
	if len(lat) == 0 {
		return 0, 0, 0
	}
	slices.Sort(lat)
	return ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]), ms(lat[len(lat)-1])
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// tailBuffer keeps the last max bytes written to it; it is safe for
// concurrent use.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = slices.Clone(t.b[len(t.b)-t.max:])
	}
	return len(p), nil
}

// lastLines returns the last n lines written.
func (t *tailBuffer) lastLines(n int) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	lines := strings.Split(strings.TrimSpace(string(t.b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
