package bot

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/quiz"
)

func TestFloodGuard(t *testing.T) {
	g := newFloodGuard(3, time.Minute)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		at   time.Duration
		want floodVerdict
	}{
		{0, floodAllow}, {time.Second, floodAllow}, {2 * time.Second, floodAllow},
		{3 * time.Second, floodWarn},
		{4 * time.Second, floodDrop}, {50 * time.Second, floodDrop},
		{64 * time.Second, floodAllow}, // the mute is over
	}
	for _, tt := range tests {
		if got := g.check(7, t0.Add(tt.at)); got != tt.want {
			t.Errorf("check at %v = %v, want %v", tt.at, got, tt.want)
		}
	}
	if got := g.check(8, t0.Add(4*time.Second)); got != floodAllow {
		t.Errorf("another user = %v, want allowed", got)
	}
	var off *floodGuard
	if got := off.check(7, t0); got != floodAllow {
		t.Errorf("nil guard = %v, want allowed", got)
	}
}

func TestAdminCommands(t *testing.T) {
	const admin, user = 42, 7
	h := NewHandler(ownIndex(t), WithAdmins(admin))
	ctx := context.Background()
	ask := func(from int64, chatType, text string) []Reply {
		name, args, _ := ParseCommand(text, "")
		return h.Handle(ctx, &Request{Kind: KindMessage, ChatType: chatType, ChatID: from, UserID: from, Text: text, Command: name, Args: args})
	}
	h.Ask(ctx, "What is Khorgos?", "")

	got := ask(admin, ChatPrivate, "/stats")
	if len(got) != 1 || !strings.Contains(got[0].HTML, "Updates handled: 2") || !strings.Contains(got[0].HTML, "Users: 1") {
		t.Errorf("/stats from an admin = %+v", got)
	}
	checkReplies(t, "/stats", got)
	for _, cmd := range []string{"/stats", "/reload"} {
		if got := ask(user, ChatPrivate, cmd); len(got) != 1 || !strings.Contains(got[0].HTML, "know the command") {
			t.Errorf("%s from a user = %+v, want the unknown-command reply", cmd, got)
		}
		if got := ask(user, ChatGroup, cmd); got != nil {
			t.Errorf("%s from a user in a group = %+v, want silence", cmd, got)
		}
	}
	for _, c := range h.Menu("en") {
		if c.Name == "stats" || c.Name == "reload" {
			t.Errorf("admin command /%s is in the menu", c.Name)
		}
	}

	// /reload swaps the index while questions are being answered.
	before := h.idx()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if rs := h.Ask(ctx, "How long is the Western Europe–Western China corridor?", ""); len(rs) == 0 {
					t.Error("no answer during a reload")
					return
				}
			}
		})
	}
	got = ask(admin, ChatPrivate, "/reload")
	close(stop)
	wg.Wait()
	if len(got) != 1 || !strings.Contains(got[0].HTML, "Knowledge reloaded") {
		t.Errorf("/reload = %+v", got)
	}
	if h.idx() == before {
		t.Error("/reload kept the old index")
	}

	// A failed reload keeps the old index.
	h.reload = func(context.Context) (*index.Index, error) { return nil, errors.New("facts.json: bad <json>") }
	cur := h.idx()
	got = ask(admin, ChatPrivate, "/reload")
	if len(got) != 1 || !strings.Contains(got[0].HTML, "Reload failed") || !strings.Contains(got[0].HTML, "&lt;json&gt;") {
		t.Errorf("failed /reload = %+v", got)
	}
	if h.idx() != cur {
		t.Error("a failed /reload replaced the index")
	}
}

// TestFloodGuardShared: with two replicas, each mutes a user past half
// the limit, since it sees about half of the user's messages.
func TestFloodGuardShared(t *testing.T) {
	g := newFloodGuard(4, time.Minute)
	g.setShare(2)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, want := range []floodVerdict{floodAllow, floodAllow, floodWarn, floodDrop} {
		if got := g.check(7, t0.Add(time.Duration(i)*time.Millisecond)); got != want {
			t.Errorf("message %d with 2 replicas = %v, want %v", i+1, got, want)
		}
	}
}

// TestReloadRendersNewCards: cards are rendered once and kept, but a
// /reload that changes a fact's text shows the new text at once.
func TestReloadRendersNewCards(t *testing.T) {
	const admin = 42
	ctx := context.Background()
	h := NewHandler(ownIndex(t), WithAdmins(admin))
	const q = "How long is the Western Europe–Western China corridor?"
	first := h.Ask(ctx, q, "en")
	if len(first) == 0 || !strings.Contains(first[0].HTML, "km") {
		t.Fatalf("%q = %+v, want a card with the corridor's length", q, first)
	}
	h.reload = func(context.Context) (*index.Index, error) {
		base, err := knowledge.Default()
		if err != nil {
			return nil, err
		}
		for i := range base.Facts {
			base.Facts[i].Text += " Edited after reload."
		}
		return index.Build(base)
	}
	got := h.Handle(ctx, &Request{Kind: KindMessage, ChatType: ChatPrivate, ChatID: admin, UserID: admin, Text: "/reload", Command: "reload"})
	if len(got) != 1 || !strings.Contains(got[0].HTML, "Knowledge reloaded") {
		t.Fatalf("/reload = %+v", got)
	}
	defer h.idx().Close()
	again := h.Ask(ctx, q, "en")
	if len(again) == 0 || !strings.Contains(again[0].HTML, "Edited after reload.") {
		t.Errorf("after /reload the card is still the old one: %+v", again)
	}
	if strings.Contains(first[0].HTML, "Edited") {
		t.Error("the first card already had the edit")
	}
}

// TestReloadRenewsQuizBank: /reload makes the quiz questions anew from
// the new knowledge base, and a knowledge base the questions do not fit
// cancels the whole reload.
func TestReloadRenewsQuizBank(t *testing.T) {
	const admin = 42
	ctx := context.Background()
	ix := ownIndex(t)
	bank := testBank(t, ix)
	db := testStore(t)
	h := NewHandler(ix, WithAdmins(admin))
	var rebuiltFrom *knowledge.Base
	EnableQuiz(h, QuizOptions{Bank: bank, Store: db, Seed: 3, Rebuild: func(base *knowledge.Base) (*quiz.Bank, error) {
		// The new bank: the questions of one topic only.
		rebuiltFrom = base
		b, err := quiz.NewBank(base)
		if err != nil {
			return nil, err
		}
		var energy []quiz.Question
		for _, q := range b.Questions {
			if q.Category == knowledge.Category("energy") {
				energy = append(energy, q)
			}
		}
		return &quiz.Bank{Questions: energy}, nil
	}})
	say := func(text string) string {
		name, args, _ := ParseCommand(text, "")
		var all strings.Builder
		for _, r := range h.Handle(ctx, &Request{Kind: KindMessage, ChatType: ChatPrivate, ChatID: admin, UserID: admin, Text: text, Command: name, Args: args, Lang: "en"}) {
			all.WriteString(r.HTML + "\n")
		}
		return all.String()
	}
	if got := say("/quiz nonsense"); !strings.Contains(got, "transit") || !strings.Contains(got, "energy") {
		t.Fatalf("/quiz usage before the reload = %q, want every topic", got)
	}
	if got := say("/reload"); !strings.Contains(got, "Knowledge reloaded") {
		t.Fatalf("/reload = %q", got)
	}
	if rebuiltFrom != h.base() {
		t.Error("the quiz bank was not rebuilt from the reloaded knowledge base")
	}
	if got := say("/quiz nonsense"); strings.Contains(got, "transit") || !strings.Contains(got, "energy") {
		t.Errorf("/quiz usage after the reload = %q, want only the energy topic", got)
	}

	// Without Rebuild the bank is quiz.NewBank's, which refuses a base
	// that lacks a fact a question is about: nothing changes.
	h2 := NewHandler(ownIndex(t), WithAdmins(admin))
	EnableQuiz(h2, QuizOptions{Bank: bank, Store: db, Seed: 3})
	h2.reload = func(context.Context) (*index.Index, error) {
		base, err := knowledge.Default()
		if err != nil {
			return nil, err
		}
		base.Facts = slices.DeleteFunc(base.Facts, func(f knowledge.Fact) bool { return f.ID == "bri-launch-2013" })
		return index.Build(base)
	}
	before := h2.idx()
	got := h2.Handle(ctx, &Request{Kind: KindMessage, ChatType: ChatPrivate, ChatID: admin, UserID: admin, Text: "/reload", Command: "reload"})
	if len(got) != 1 || !strings.Contains(got[0].HTML, "Reload failed") || !strings.Contains(got[0].HTML, "quiz questions") {
		t.Errorf("/reload with a fact missing = %+v, want a failure naming the quiz questions", got)
	}
	if h2.idx() != before {
		t.Error("a reload the quiz questions refused replaced the index")
	}
}
