package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
)

// TopicTTL is how long a chat's topic lasts: a follow-up ("and when was
// that?") asked later than this is read on its own.
const TopicTTL = 10 * time.Minute

// TopicStore keeps what each chat was last talking about, so that a
// follow-up is read with it, across restarts when the store is durable.
type TopicStore interface {
	// Topic returns the chat's last fact and when it was given, or ""
	// when there is none.
	Topic(ctx context.Context, chatID int64) (factID string, at time.Time, err error)
	// SetTopic records the fact last given in the chat.
	SetTopic(ctx context.Context, chatID int64, factID string, at time.Time) error
}

// WithTopics keeps chats' topics in s instead of in memory.
func WithTopics(s TopicStore) Option { return func(h *Handler) { h.topics = s } }

// memTopics is the in-memory TopicStore, for a handler without a
// database (silkroad ask, tests).
type memTopics struct {
	mu  sync.Mutex
	lru *lru.Cache[int64, topic]
}

type topic struct {
	factID string
	at     time.Time
}

// recentTopics is how many chats' topics memTopics remembers.
const recentTopics = 10000

func newMemTopics() *memTopics {
	c, _ := lru.New[int64, topic](recentTopics) // fails only for a size ≤ 0
	return &memTopics{lru: c}
}

func (m *memTopics) Topic(_ context.Context, chatID int64) (string, time.Time, error) {
	t, _ := m.lru.Get(chatID)
	return t.factID, t.at, nil
}

func (m *memTopics) SetTopic(_ context.Context, chatID int64, factID string, at time.Time) error {
	m.lru.Add(chatID, topic{factID, at})
	return nil
}

// topicOf returns the fact the chat was talking about, if recent.
func (h *Handler) topicOf(ctx context.Context, in *Input) string {
	if in.ChatID == 0 {
		return ""
	}
	id, at, err := h.topics.Topic(ctx, in.ChatID)
	if err != nil {
		h.log.WarnContext(ctx, "read chat topic", "chat", in.ChatID, "err", err)
		return ""
	}
	if id == "" || h.now().Sub(at) > TopicTTL {
		return ""
	}
	return id
}

// setTopic records that fact f was just given in the chat.
func (h *Handler) setTopic(ctx context.Context, in *Input, f *knowledge.Fact) {
	if in.ChatID == 0 || f == nil {
		return
	}
	if err := h.topics.SetTopic(ctx, in.ChatID, f.ID, h.now()); err != nil {
		h.log.WarnContext(ctx, "save chat topic", "chat", in.ChatID, "err", err)
	}
}

// question answers free text: a card when the index is sure, "I think
// you mean" with the card and the next two as buttons when it is not, a
// list for a list question, a verdict for a check, or an honest "I don't
// know" with suggestions.
func (h *Handler) question(ctx context.Context, in *Input, text string) ([]Reply, error) {
	if !strings.ContainsFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		// Nothing to look up ("", "/", "???", an emoji): say how to ask
		// rather than "I don't know".
		return []Reply{Message(in.T(msgEmptyAsk))}, nil
	}
	if r, ok := h.smallTalk(ctx, in, text); ok {
		return r, nil
	}
	// The index reads the question in its own language (unless the
	// request forces one); the card is in the user's language.
	res, err := h.idx().Ask(ctx, index.Query{Text: text, Lang: in.Request.Lang, Limit: 5,
		LoadTopic: func() string { return h.topicOf(ctx, in) }})
	if err != nil {
		return nil, fmt.Errorf("answer: %w", err)
	}
	switch {
	case !res.Answered:
		return h.unanswered(in, res), nil
	case res.Kind == index.KindList:
		return []Reply{h.listReply(in, res)}, nil
	}
	f := res.Hits[0].Fact
	h.setTopic(ctx, in, f)
	var head string
	if res.Check != nil {
		head = checkLine(in, f, res.Check) + "\n\n"
	}
	if res.Outcome == index.Hedged {
		return []Reply{h.hedgedReply(in, res, head)}, nil
	}
	ids := make([]string, len(res.Hits))
	for i, hit := range res.Hits {
		ids[i] = hit.Fact.ID
	}
	key := ""
	if len(ids) > 1 {
		key = h.newKey()
		h.answers.Add(key, ids)
	}
	return []Reply{Message(head+h.card(in.p, f), h.cardButtons(in, f, key, 1)...)}, nil
}

// hedges is how many other facts a hedged answer offers as buttons.
const hedges = 2

// hedgedReply says "I think you mean…" above the best card and offers the
// next facts as buttons.
func (h *Handler) hedgedReply(in *Input, res index.Result, head string) Reply {
	f := res.Hits[0].Fact
	var rows [][]Button
	for _, hit := range res.Hits[1:min(len(res.Hits), hedges+1)] {
		rows = addButton(rows, hit.Fact.TitleIn(in.Lang), cbFact, hit.Fact.ID)
	}
	text := "<i>" + esc(in.T(msgHedged)) + "</i>\n\n" + head + h.card(in.p, f)
	if len(rows) > 0 {
		text += "\n\n" + esc(in.T(msgHedgedOthers))
	}
	return Message(text, append(rows, h.cardButtons(in, f, "", 0)...)...)
}

// listReply lists the projects and facts of a list answer, each a
// button: a project once for all its facts.
func (h *Handler) listReply(in *Input, res index.Result) Reply {
	base := h.base()
	var b strings.Builder
	if res.Category != "" {
		b.WriteString(in.T(msgListCategory, esc(in.T(categoryKey(string(res.Category))))))
	} else {
		b.WriteString(in.T(msgListHead))
	}
	var rows [][]Button
	seen := map[string]bool{}
	n := 0
	for _, hit := range res.List {
		f := hit.Fact
		if p, ok := base.Project(f.Project); ok {
			if seen[p.ID] {
				continue
			}
			seen[p.ID] = true
			n++
			fmt.Fprintf(&b, "\n%d. %s", n, esc(p.NameIn(in.Lang)))
			rows = addButton(rows, p.NameIn(in.Lang), cbProject, p.ID)
			continue
		}
		n++
		fmt.Fprintf(&b, "\n%d. %s", n, esc(f.TitleIn(in.Lang)))
		rows = addButton(rows, f.TitleIn(in.Lang), cbFact, f.ID)
	}
	return Message(b.String(), rows...)
}

// checkLine is the verdict on the figure a check question states: "Not
// 60%: the article gives about 85%."
func checkLine(in *Input, f *knowledge.Fact, c *index.Check) string {
	actual := formatDate(in.p, f.Date)
	if c.Figure >= 0 && c.Figure < len(f.Figures) {
		actual = f.FigureIn(in.Lang, c.Figure)
	}
	if c.Holds {
		return "✅ " + in.T(msgCheckHolds, "<b>"+esc(actual)+"</b>")
	}
	return "❌ " + in.T(msgCheckWrong, esc(c.Claimed), "<b>"+esc(actual)+"</b>")
}

// smallTalk answers a greeting, thanks, a goodbye, "who are you" or
// "what can you do" briefly and kindly, never with a fact card, in the
// language of its words unless the user chose one: "сау бол" has no
// Kazakh letter but is Kazakh.
func (h *Handler) smallTalk(ctx context.Context, in *Input, text string) ([]Reply, bool) {
	kind, lang := h.idx().SmallTalk(text)
	if kind != "" {
		h.speakIn(ctx, in, lang)
	}
	switch kind {
	case "hello":
		return []Reply{Message(in.T(msgTalkHello), h.topicRows(in)...)}, true
	case "who":
		return []Reply{Message(in.T(msgTalkWho), h.topicRows(in)...)}, true
	case "can":
		return []Reply{Message(in.T(msgTalkCan), h.topicRows(in)...)}, true
	case "thanks":
		return []Reply{Message(esc(in.T(msgTalkThanks)))}, true
	case "bye":
		return []Reply{Message(esc(in.T(msgTalkBye)))}, true
	case "ok":
		return []Reply{Message(esc(in.T(msgTalkOK)))}, true
	}
	return nil, false
}
