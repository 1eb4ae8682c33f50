// Command silkroad-bench loads the silkroad bot against a fake Telegram
// Bot API on loopback and reports how fast it answers: updates per
// second, the latency of each reply, the bot's memory and CPU, and, with
// --class, how fast a class quiz's votes are counted.
//
// It is apart from silkroad so that the bot links no test code: the fake
// Bot API (bot/telegramtest) lives here. It starts the bot as
// `silkroad serve`, from --bot, or the silkroad next to this program, or
// the one on PATH.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/silkroad-bot/silkroad/internal/cli"
)

const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// The settings through which silkroad writes profiles of its run (see
// cmd/silkroad's run.go).
const (
	cpuProfileVar = "SILKROAD_CPUPROFILE"
	memProfileVar = "SILKROAD_MEMPROFILE"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// driverProfileVar names a file for a CPU profile of this process (the
// fake Bot API and the load driver), apart from the bot's (--cpuprofile).
const driverProfileVar = "SILKROAD_BENCH_CPUPROFILE"

// run is the whole program; main only wires signals and exits.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if path := os.Getenv(driverProfileVar); path != "" {
		f, err := os.Create(path)
		if err != nil {
			fmt.Fprintf(stderr, "silkroad-bench: %s: %v\n", driverProfileVar, err)
			return exitUsage
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "silkroad-bench: %s: %v\n", driverProfileVar, err)
			return exitError
		}
		defer pprof.StopCPUProfile()
	}
	err := runBench(ctx, args, stdout)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "silkroad-bench: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitError
}

const usage = `silkroad-bench loads the silkroad bot against a fake Bot API on loopback.

Usage:
  silkroad-bench [--bot PATH] [-n 20000] [--chats 64] [--rate-limits off|on] [--cache on|off]
                 [--replicas N] [--database-url URL] [--json]
  silkroad-bench --class 300 --groups 10 [--database-url URL]
                                measure class quiz votes instead of questions

--bot is the silkroad binary to load (default: the one next to this
program, else silkroad on PATH). See BENCHMARKS.md.
`

// usageError is a mistake in how silkroad-bench was called.
type usageError = cli.UsageError

func newFlags(name string) *flag.FlagSet { return cli.Flags(name) }

func parseFlags(fs *flag.FlagSet, args []string) error {
	return cli.Parse(fs, args, "see silkroad-bench --help")
}
