package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/silkroad-bot/silkroad/bot/telegramtest"
)

// votesReport is what `silkroad-bench --class N` measured: a class quiz
// in each of Groups groups, Class students in each voting at once.
type votesReport struct {
	Groups   int    `json:"groups"`
	Class    int    `json:"class"` // students per group
	Votes    int    `json:"votes"`
	Senders  int    `json:"senders"` // votes in flight at once
	Replicas int    `json:"replicas"`
	Store    string `json:"store"`
	// Counted is how many votes the questions' results said were
	// answered, which must be Votes.
	Counted int     `json:"counted"`
	Seconds float64 `json:"seconds"`
	PerSec  float64 `json:"votes_per_s"`
	// P50MS, P99MS and MaxMS are the time from posting a vote to the
	// webhook's 200, which it answers once the vote is stored.
	P50MS    float64 `json:"p50_ms"`
	P99MS    float64 `json:"p99_ms"`
	MaxMS    float64 `json:"max_ms"`
	BotCPUUS float64 `json:"bot_cpu_us_per_vote"`
}

// benchVotes starts a one-question class quiz in each of groups groups,
// then has class students in each vote, cfg.Chats votes in flight at
// once, each posted to a bot's webhook (one bot unless cfg.Replicas says
// more), and measures votes/s and the time from a vote to its being
// stored. It checks every vote was counted by closing the questions.
func benchVotes(ctx context.Context, cfg benchConfig, groups, class int) (votesReport, error) {
	cfg.Replicas = max(cfg.Replicas, 1)
	rep := votesReport{Groups: groups, Class: class, Votes: groups * class, Senders: cfg.Chats, Replicas: cfg.Replicas, Store: "bbolt"}
	if cfg.DatabaseURL != "" {
		rep.Store = "postgres"
	}
	srv, bots, done, err := startBench(ctx, cfg)
	defer done()
	if err != nil {
		return rep, err
	}
	ctx = bots.ctx
	wctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()

	// The quizzes: one question each, open for long enough.
	type poll struct {
		id      string
		options int
		correct int
	}
	polls := make([]poll, groups)
	for g := range groups {
		group := groupID(g)
		bots.push(ctx, telegramtest.Command(group, teacherID, "quiz", "all", "1", "600"))
		call, err := srv.WaitFor(wctx, "sendPoll", func(c telegramtest.Call) bool { return c.Int64("chat_id") == group })
		if err != nil {
			return rep, fmt.Errorf("group %d's quiz never asked its question: %w; the bot's log:\n%s", group, err, bots.log.lastLines(5))
		}
		m, err := call.Message()
		if err != nil || m.Poll == nil {
			return rep, fmt.Errorf("group %d's poll: %v", group, err)
		}
		polls[g] = poll{m.Poll.ID, len(m.Poll.Options), m.Poll.CorrectOptionID}
	}

	// The votes, in an order that mixes the groups as a school's would.
	votes := make([]tgbotapi.Update, 0, rep.Votes)
	for k := range class {
		for g, p := range polls {
			option := (p.correct + k%2) % p.options // half of them right
			votes = append(votes, telegramtest.PollAnswer(p.id, int64(1_000_000+g*100_000+k), option))
		}
	}
	var next atomic.Int64
	lat := make([][]time.Duration, cfg.Chats)
	var wg sync.WaitGroup
	cpu0, _ := bots.cpu()
	begin := time.Now()
	for s := range cfg.Chats {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(votes) {
					return
				}
				sent := time.Now()
				bots.push(ctx, votes[i])
				lat[s] = append(lat[s], time.Since(sent))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(begin)
	cpu1, cpuErr := bots.cpu()
	if ctx.Err() != nil {
		return rep, context.Cause(ctx)
	}
	all := slices.Concat(lat...)
	rep.Seconds = elapsed.Seconds()
	rep.PerSec = float64(len(all)) / elapsed.Seconds()
	rep.P50MS, rep.P99MS, rep.MaxMS = percentiles(all)
	if cpuErr == nil && len(all) > 0 {
		rep.BotCPUUS = float64((cpu1 - cpu0).Microseconds()) / float64(len(all))
	}

	// Every vote counted: each question's result says how many answered.
	for g := range groups {
		group := groupID(g)
		bots.push(ctx, telegramtest.Command(group, teacherID, "next"))
		call, err := srv.WaitFor(wctx, "sendMessage", func(c telegramtest.Call) bool {
			return c.Int64("chat_id") == group && strings.Contains(c.Params["text"], "answered correctly")
		})
		if err != nil {
			return rep, fmt.Errorf("group %d's question never closed: %w", group, err)
		}
		rep.Counted += answeredIn(call.Params["text"])
	}
	if rep.Counted != rep.Votes {
		return rep, fmt.Errorf("%d of %d votes counted", rep.Counted, rep.Votes)
	}
	return rep, nil
}

// teacherID starts the bench's class quizzes.
const teacherID = 4242

func groupID(g int) int64 { return -1_000_000 - int64(g) }

// answeredIn reads y from a question's result, "✅ x of y answered
// correctly…": how many answered.
func answeredIn(text string) int {
	_, after, _ := strings.Cut(text, " of ")
	f := strings.Fields(after)
	if len(f) == 0 {
		return 0
	}
	n, _ := strconv.Atoi(f[0])
	return n
}

func printVotesReport(w io.Writer, r votesReport, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(w, "class quizzes under load: %d groups of %d students, %d votes, %d in flight at once\n", r.Groups, r.Class, r.Votes, r.Senders)
	fmt.Fprintf(w, "  bots             %8d, webhook, state in %s\n", r.Replicas, r.Store)
	fmt.Fprintf(w, "  counted          %8d of %d\n", r.Counted, r.Votes)
	fmt.Fprintf(w, "  throughput       %8.0f votes/s (%.2f s)\n", r.PerSec, r.Seconds)
	fmt.Fprintf(w, "  vote to stored   p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", r.P50MS, r.P99MS, r.MaxMS)
	fmt.Fprintf(w, "  CPU per vote     %8.0f µs in the bot\n", r.BotCPUUS)
	return nil
}
