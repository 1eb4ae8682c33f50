package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
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
)

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
			return "", usageError{Msg: fmt.Sprintf("--bot %s: %v", bin, err)}
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
	return "", usageError{Msg: "no silkroad binary to load: build it (go build -o /tmp/silkroad ./cmd/silkroad) and give --bot /tmp/silkroad"}
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
