package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/internal/cli"
	"github.com/silkroad-bot/silkroad/knowledge"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

const usage = `silkroad answers questions about Kazakhstan–China cooperation.

Usage:
  silkroad                      run the Telegram bot, or a console chat without a token
  silkroad serve                run the Telegram bot (needs TELEGRAM_BOT_TOKEN)
  silkroad chat [--group]       chat with the bot in this terminal; --group plays a
                                class group chat, where /quiz runs a class quiz
  silkroad ask [--json|--explain] [--lang en|ru|kk|zh] [question]
                                answer one question, or one per line of standard input;
                                --explain says why it got its answer
  silkroad train [--out FILE] SET.jsonl...
                                fit the answering model to labelled question sets
  silkroad facts --json         print the knowledge base as JSON
  silkroad quiz --json          print the quiz question bank as JSON

The load tool is apart: go run ./cmd/silkroad-bench --help.
`

// run is the whole program; main only wires signals and exits.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := ""
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "", "ask", "facts", "quiz", "serve", "chat", "train":
	default:
		if !strings.HasPrefix(cmd, "-") {
			fmt.Fprintf(stderr, "silkroad: unknown command %q\n\n%s", cmd, usage)
			return exitUsage
		}
	}
	err := profiled(func() error {
		switch cmd {
		case "ask":
			return runAsk(ctx, args, stdin, stdout)
		case "facts":
			return runFacts(args, stdout)
		case "quiz":
			return runQuiz(args, stdout)
		case "train":
			return runTrain(ctx, args, stdout)
		}
		return runBot(ctx, cmd, args, stdin, stdout, stderr)
	})
	if err == nil {
		return exitOK
	}
	var ue usageError
	var de damagedError
	if errors.As(err, &ue) || errors.As(err, &de) || errors.Is(err, flag.ErrHelp) {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "silkroad: %v\n", err)
		}
		return exitUsage
	}
	fmt.Fprintf(stderr, "silkroad: %v\n", err)
	return exitError
}

// usageError is a mistake in how silkroad was called or configured.
type usageError = cli.UsageError

func newFlags(name string) *flag.FlagSet { return cli.Flags(name) }

func parseFlags(fs *flag.FlagSet, args []string) error {
	return cli.Parse(fs, args, "see silkroad --help")
}

func loadIndex() (*index.Index, error) { return index.Default() }

func runFacts(args []string, stdout io.Writer) error {
	fs := newFlags("facts")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	base, err := knowledge.Default()
	if err != nil {
		return fmt.Errorf("load knowledge: %w", err)
	}
	if !*asJSON {
		for _, f := range base.Facts {
			fmt.Fprintf(stdout, "%-40s %s\n", f.ID, f.Title)
		}
		return nil
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(base.Facts)
}

// jsonAnswer is one answer line of `silkroad ask --json`.
type jsonAnswer struct {
	Question   string     `json:"question"`
	Lang       string     `json:"lang"`
	Answered   bool       `json:"answered"`
	Confidence float64    `json:"confidence"`
	Outcome    string     `json:"outcome"` // confident, hedged or unknown
	Kind       string     `json:"kind"`    // fact, list or check
	Check      *jsonCheck `json:"check,omitempty"`
	// Top is the best-ranked fact, answered or not.
	Top     string     `json:"top,omitempty"`
	Answers []jsonCard `json:"answers"`
}

// jsonCheck is the verdict on a figure a check question states.
type jsonCheck struct {
	Claimed string `json:"claimed"`
	Holds   bool   `json:"holds"`
	Actual  string `json:"actual"` // the fact's figure or date, as written in the answer's language
}

type jsonCard struct {
	ID      string       `json:"id"`
	Title   string       `json:"title"`
	Text    string       `json:"text"`
	Score   float64      `json:"score"`
	Figures []jsonFigure `json:"figures"`
}

type jsonFigure struct {
	knowledge.Figure
	Text string `json:"text"` // the figure as written in the answer's language
}

func runAsk(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := newFlags("ask")
	asJSON := fs.Bool("json", false, "print one JSON object per question")
	explain := fs.Bool("explain", false, "say why each question got its answer")
	lang := fs.String("lang", "", "answer in this language: en, ru, kk or zh")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch *lang {
	case "", "en", "ru", "kk", "zh":
	default:
		return usageError{Msg: fmt.Sprintf("ask: unknown language %q: use en, ru, kk or zh", *lang)}
	}
	ix, err := loadIndex()
	if err != nil {
		return err
	}
	defer ix.Close()
	h := bot.NewHandler(ix)
	answer := func(q string) error {
		if *explain {
			text, err := ix.Explain(ctx, index.Query{Text: q, Lang: *lang})
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(stdout, text)
			return err
		}
		if !*asJSON {
			return printText(ctx, stdout, h, q, *lang)
		}
		res, err := h.Answer(ctx, q, *lang)
		if err != nil {
			return err
		}
		return json.NewEncoder(stdout).Encode(toJSON(res))
	}
	if fs.NArg() > 0 {
		return answer(strings.Join(fs.Args(), " "))
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if err := answer(sc.Text()); err != nil {
			return err
		}
	}
	return sc.Err()
}

func toJSON(res index.Result) jsonAnswer {
	out := jsonAnswer{Question: res.Question, Lang: res.Lang, Answered: res.Answered, Confidence: res.Confidence,
		Outcome: string(res.Outcome), Kind: string(res.Kind), Answers: []jsonCard{}}
	if len(res.Hits) > 0 {
		out.Top = res.Hits[0].Fact.ID
	}
	if !res.Answered {
		return out
	}
	hits := res.Hits
	if res.Kind == index.KindList {
		hits = res.List
	}
	if c := res.Check; c != nil && len(hits) > 0 {
		f := hits[0].Fact
		actual := f.Date
		if c.Figure >= 0 {
			actual = f.FigureIn(res.Lang, c.Figure)
		}
		out.Check = &jsonCheck{Claimed: c.Claimed, Holds: c.Holds, Actual: actual}
	}
	for _, h := range hits {
		f := h.Fact
		c := jsonCard{ID: f.ID, Title: f.TitleIn(res.Lang), Text: f.TextIn(res.Lang), Score: h.Score, Figures: []jsonFigure{}}
		for i, fig := range f.Figures {
			c.Figures = append(c.Figures, jsonFigure{Figure: fig, Text: f.FigureIn(res.Lang, i)})
		}
		out.Answers = append(out.Answers, c)
	}
	return out
}

// printText prints the answer card the bot would send for q, as the
// console chat shows it, buttons as numbered choices.
func printText(ctx context.Context, w io.Writer, h *bot.Handler, q, lang string) error {
	bot.WritePlain(w, h.Ask(ctx, q, lang), true)
	return nil
}

// cpuProfileVar names the file, if any, where the bot writes a CPU
// profile of its whole run; `silkroad-bench --cpuprofile` sets it.
// memProfileVar likewise names a file for the profile of every
// allocation the run made (pprof's "allocs"); `silkroad-bench --memprofile` sets
// it.
const (
	cpuProfileVar = "SILKROAD_CPUPROFILE"
	memProfileVar = "SILKROAD_MEMPROFILE"
)

// profiled runs f, under the CPU profiler when cpuProfileVar is set, and
// writes the allocation profile when it returns if memProfileVar is set.
func profiled(f func() error) error {
	if path := os.Getenv(memProfileVar); path != "" {
		defer func() {
			if err := writeAllocs(path); err != nil {
				fmt.Fprintf(os.Stderr, "silkroad: %s: %v\n", memProfileVar, err)
			}
		}()
	}
	path := os.Getenv(cpuProfileVar)
	if path == "" {
		return f()
	}
	out, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("%s: %w", cpuProfileVar, err)
	}
	if err := pprof.StartCPUProfile(out); err != nil {
		out.Close()
		return fmt.Errorf("%s: %w", cpuProfileVar, err)
	}
	err = f()
	pprof.StopCPUProfile()
	return cmp.Or(err, out.Close())
}

// writeAllocs writes the profile of the allocations made so far to path.
func writeAllocs(path string) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	err = pprof.Lookup("allocs").WriteTo(out, 0)
	return cmp.Or(err, out.Close())
}
