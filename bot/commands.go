package bot

import (
	"context"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
)

// pageSize is how many items a paginated list shows.
const pageSize = 8

// Callback kinds of the built-in buttons.
const (
	cbFact         = "f"  // f|factID: send the fact's card
	cbMore         = "m"  // m|factID: facts related to it
	cbProject      = "p"  // p|projectID: send the project card
	cbMap          = "v"  // v|projectID: send the project's map pin
	cbAnother      = "a"  // a|key|i: replace the card with hit i of a cached answer
	cbCategory     = "c"  // c|category: list a category's facts
	cbCategoryPage = "cp" // cp|category|page: page through it in place
	cbProjectsPage = "pp" // pp|page: page through /projects in place
	cbTimelinePage = "tp" // tp|page: page through /timeline in place
	cbFiguresPage  = "gp" // gp|page: page through /figures in place
	cbHelpPart     = "h"  // h|t or h|v: the help for teachers or for visitors
	cbKhorgos      = "k"  // k: the /khorgos card
)

func (h *Handler) registerBuiltins() {
	for _, c := range []Command{
		{"start", msgCmdStart, h.cmdStart},
		{"help", msgCmdHelp, h.cmdHelp},
		{"search", msgCmdSearch, h.cmdSearch},
		{"projects", msgCmdProjects, h.cmdProjects},
		{"project", msgCmdProject, h.cmdProject},
		{"figures", msgCmdFigures, h.cmdFigures},
		{"timeline", msgCmdTimeline, h.cmdTimeline},
		{"khorgos", msgCmdKhorgos, h.cmdKhorgos},
		{"fact", msgCmdFact, h.cmdFact},
		{"about", msgCmdAbout, h.cmdAbout},
		{"cancel", msgCmdCancel, h.cmdCancel},
	} {
		h.Register(c)
	}
	h.RegisterAdmin(Command{Name: "stats", Func: h.cmdStats})
	h.RegisterAdmin(Command{Name: "reload", Func: h.cmdReload})
	h.RegisterCallback(cbFact, h.cbFact)
	h.RegisterCallback(cbMore, h.cbMore)
	h.RegisterCallback(cbProject, h.cbProject)
	h.RegisterCallback(cbMap, h.cbMap)
	h.RegisterCallback(cbAnother, h.cbAnother)
	h.RegisterCallback(cbCategory, h.cbCategory)
	h.RegisterCallback(cbCategoryPage, h.cbCategory)
	h.RegisterCallback(cbProjectsPage, h.cbProjectsPage)
	h.RegisterCallback(cbTimelinePage, h.cbTimelinePage)
	h.RegisterCallback(cbFiguresPage, h.cbFiguresPage)
	h.RegisterCallback(cbHelpPart, h.cbHelp)
	h.RegisterCallback(cbKhorgos, h.cbKhorgosCard)
	h.RegisterCallback(cbPicture, h.cbPicture)
}

// button returns a callback button, and false if its data would be
// invalid (too long).
func button(text, kind string, args ...string) (Button, bool) {
	data, ok := NewCallback(kind, args...)
	return Button{Text: text, Data: data}, ok
}

// addButton appends a one-button row when the button is valid.
func addButton(rows [][]Button, text, kind string, args ...string) [][]Button {
	if b, ok := button(text, kind, args...); ok {
		rows = append(rows, []Button{b})
	}
	return rows
}

// --- questions ---

// cardButtons are the buttons under a fact card: "More like this",
// "About the project" when the fact has a card, and "Another answer"
// when there is a next hit (key non-empty, next a valid position).
func (h *Handler) cardButtons(in *Input, f *knowledge.Fact, key string, next int) [][]Button {
	var row []Button
	if len(f.Related) > 0 {
		if b, ok := button(in.T(msgBtnMore), cbMore, f.ID); ok {
			row = append(row, b)
		}
	}
	if _, ok := h.base().Project(f.Project); ok {
		if b, ok := button(in.T(msgBtnProject), cbProject, f.Project); ok {
			row = append(row, b)
		}
	}
	var rows [][]Button
	if len(row) > 0 {
		rows = append(rows, row)
	}
	if key != "" {
		if ids, ok := h.answers.Get(key); ok && next < len(ids) {
			rows = addButton(rows, in.T(msgBtnAnother), cbAnother, key, strconv.Itoa(next))
		}
	}
	return rows
}

// unanswered says "I don't know that" and offers three questions the bot
// can answer: weak matches first, then headline facts of projects chosen
// by the question's hash, so different questions get different offers.
func (h *Handler) unanswered(in *Input, res index.Result) []Reply {
	var picks []*knowledge.Fact
	seen := map[string]bool{}
	add := func(f *knowledge.Fact) {
		if f != nil && !seen[f.ID] && len(picks) < 3 {
			seen[f.ID] = true
			picks = append(picks, f)
		}
	}
	for _, hit := range res.Hits {
		if hit.Coverage > 0 {
			add(hit.Fact)
		}
	}
	hs := fnv.New32a()
	hs.Write([]byte(res.Question))
	base := h.base()
	n := len(base.Projects)
	start := int(hs.Sum32() % uint32(max(n, 1)))
	for i := 0; i < n && len(picks) < 3; i++ {
		p := &base.Projects[(start+i*7)%n]
		if len(p.Facts) > 0 {
			f, _ := base.Fact(p.Facts[0])
			add(f)
		}
	}
	for i := 0; len(picks) < 3 && i < len(base.Facts); i++ {
		add(&base.Facts[i])
	}
	var rows [][]Button
	for _, f := range picks {
		rows = addButton(rows, f.TitleIn(in.Lang), cbFact, f.ID)
	}
	text := esc(in.T(msgDontKnow)) + "\n\n" + esc(in.T(msgSuggestHead))
	return []Reply{Message(text, rows...)}
}

// topicRows are the category buttons, two a row.
func (h *Handler) topicRows(in *Input) [][]Button {
	var rows [][]Button
	var row []Button
	for _, c := range knowledge.Categories {
		if len(h.base().FactsIn(c)) == 0 {
			continue
		}
		b, ok := button(in.T(categoryKey(string(c))), cbCategory, string(c))
		if !ok {
			continue
		}
		row = append(row, b)
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// --- commands ---

// startGroupPayload is the /start payload of the link that adds the bot
// to a class group: t.me/<bot>?startgroup=quiz.
const startGroupPayload = "quiz"

func (h *Handler) cmdStart(ctx context.Context, in *Input) ([]Reply, error) {
	if strings.TrimSpace(in.Args) == startGroupPayload && !in.Private() {
		return []Reply{Message(in.T(msgClassWelcome, esc(h.username)))}, nil
	}
	if payload := strings.TrimSpace(in.Args); payload != "" && h.onStart != nil {
		replies, ok, err := h.onStart(ctx, in, payload)
		if err != nil || ok {
			return replies, err
		}
	}
	rows := h.topicRows(in)
	var row []Button
	for _, b := range []struct{ key, arg string }{{msgBtnTeachers, "t"}, {msgBtnVisitors, "v"}} {
		if btn, ok := button(in.T(b.key), cbHelpPart, b.arg); ok {
			row = append(row, btn)
		}
	}
	return []Reply{Message(in.T(msgWelcome), append(rows, row)...)}, nil
}

func (h *Handler) cmdHelp(ctx context.Context, in *Input) ([]Reply, error) {
	name := esc(h.username)
	return []Reply{Message(in.T(msgHelp, name, name) + "\n\n" + in.T(msgHelpTeachers) + "\n\n" + in.T(msgHelpVisitors))}, nil
}

// cbHelp answers the /start buttons "For teachers" and "For visitors".
func (h *Handler) cbHelp(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	if len(cb.Args) != 1 {
		return nil, ErrBadCallback
	}
	switch cb.Args[0] {
	case "t":
		// The startgroup link adds the bot to a class group, which then
		// gets the class welcome (cmdStart).
		add := [][]Button{{{Text: in.T(msgBtnAddToGroup), URL: "https://t.me/" + h.username + "?startgroup=" + startGroupPayload}}}
		return []Reply{Answer(""), Message(in.T(msgHelpTeachers), add...)}, nil
	case "v":
		var rows [][]Button
		rows = addButton(rows, "📍 Khorgos", cbKhorgos)
		return []Reply{Answer(""), Message(in.T(msgHelpVisitors), rows...)}, nil
	}
	return nil, errStale
}

// cbKhorgosCard answers the visitors' Khorgos button as /khorgos does.
func (h *Handler) cbKhorgosCard(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	replies, err := h.cmdKhorgos(ctx, in)
	return append([]Reply{Answer("")}, replies...), err
}

func (h *Handler) cmdAbout(ctx context.Context, in *Input) ([]Reply, error) {
	var cats []string
	for _, c := range knowledge.Categories {
		if len(h.base().FactsIn(c)) > 0 {
			cats = append(cats, midSentence(in.T(categoryKey(string(c)))))
		}
	}
	text := in.T(msgAbout, len(h.base().Facts), len(h.base().Projects), len(cats), esc(strings.Join(cats, in.T(msgListSep))))
	return []Reply{Message(text)}, nil
}

func (h *Handler) cmdCancel(ctx context.Context, in *Input) ([]Reply, error) {
	return []Reply{Message(esc(in.T(msgCancel)))}, nil
}

func (h *Handler) cmdSearch(ctx context.Context, in *Input) ([]Reply, error) {
	q := strings.TrimSpace(in.Args)
	if q == "" {
		return []Reply{Message(esc(in.T(msgSearchUsage)))}, nil
	}
	res, err := h.idx().Answer(ctx, q, in.Request.Lang, pageSize)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	p := in.p
	var hits []*knowledge.Fact
	for _, hit := range res.Hits {
		if hit.Coverage > 0 {
			hits = append(hits, hit.Fact)
		}
	}
	if len(hits) == 0 {
		return []Reply{Message(esc(p.T(msgSearchNone, echo(q))))}, nil
	}
	var b strings.Builder
	b.WriteString(p.T(msgSearchHits, esc(echo(q)), len(hits)))
	var rows [][]Button
	for i, f := range hits {
		fmt.Fprintf(&b, "\n\n%d. <b>%s</b>\n%s", i+1, esc(f.TitleIn(p.lang)), esc(firstSentence(f.TextIn(p.lang), 160)))
		rows = addButton(rows, fmt.Sprintf("%d. %s", i+1, f.TitleIn(p.lang)), cbFact, f.ID)
	}
	return []Reply{Message(b.String(), rows...)}, nil
}

func (h *Handler) cmdFact(ctx context.Context, in *Input) ([]Reply, error) {
	base := h.base()
	f := &base.Facts[h.randIntN(len(base.Facts))]
	return []Reply{Message(h.card(in.p, f), h.cardButtons(in, f, "", 0)...)}, nil
}

// --- buttons ---

// factArg resolves argument 0 of cb as a fact id.
func (h *Handler) factArg(cb Callback) (*knowledge.Fact, error) { return idArg(cb, h.base().Fact) }

// idArg resolves cb's one argument by find: ErrBadCallback when cb does
// not have exactly one, errStale when find no longer knows it (the
// knowledge base was reloaded since the button was made).
func idArg[T any](cb Callback, find func(id string) (T, bool)) (T, error) {
	var none T
	if len(cb.Args) != 1 {
		return none, ErrBadCallback
	}
	v, ok := find(cb.Args[0])
	if !ok {
		return none, errStale
	}
	return v, nil
}

func (h *Handler) cbFact(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	f, err := h.factArg(cb)
	if err != nil {
		return nil, err
	}
	h.setTopic(ctx, in, f)
	return []Reply{Answer(""), Message(h.card(in.p, f), h.cardButtons(in, f, "", 0)...)}, nil
}

func (h *Handler) cbMore(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	f, err := h.factArg(cb)
	if err != nil {
		return nil, err
	}
	var rows [][]Button
	for _, id := range f.Related {
		if r, ok := h.base().Fact(id); ok {
			rows = addButton(rows, r.TitleIn(in.Lang), cbFact, r.ID)
		}
	}
	if len(rows) == 0 {
		return []Reply{Answer(in.T(msgNoRelated))}, nil
	}
	return []Reply{Answer(""), Message(in.T(msgRelated, esc(f.TitleIn(in.Lang))), rows...)}, nil
}

func (h *Handler) cbAnother(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	if len(cb.Args) != 2 {
		return nil, ErrBadCallback
	}
	i, err := cb.Int(1)
	if err != nil {
		return nil, err
	}
	ids, ok := h.answers.Get(cb.Args[0])
	if !ok || i >= len(ids) {
		return nil, errStale
	}
	f, ok := h.base().Fact(ids[i])
	if !ok {
		return nil, errStale
	}
	return []Reply{Answer(""), EditMessage(h.card(in.p, f), h.cardButtons(in, f, cb.Args[0], i+1)...)}, nil
}

func (h *Handler) cbCategory(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	if len(cb.Args) < 1 || len(cb.Args) > 2 || (cb.Kind == cbCategoryPage) != (len(cb.Args) == 2) {
		return nil, ErrBadCallback
	}
	cat := knowledge.Category(cb.Args[0])
	if !cat.Known() {
		return nil, errStale
	}
	page := 0
	if len(cb.Args) == 2 {
		var err error
		if page, err = cb.Int(1); err != nil {
			return nil, err
		}
	}
	facts := h.base().FactsIn(cat)
	total, _ := pages(len(facts), 0)
	if page >= total {
		return nil, errStale
	}
	var b strings.Builder
	b.WriteString(in.T(msgCategoryHead, esc(in.T(categoryKey(string(cat))))) + " · " + esc(in.T(msgPage, page+1, total)))
	var rows [][]Button
	for i, f := range facts[page*pageSize : min((page+1)*pageSize, len(facts))] {
		fmt.Fprintf(&b, "\n%d. %s", page*pageSize+i+1, esc(f.TitleIn(in.Lang)))
		rows = addButton(rows, f.TitleIn(in.Lang), cbFact, f.ID)
	}
	rows = append(rows, navRow(in, page, total, cbCategoryPage, string(cat))...)
	if cb.Kind == cbCategory {
		return []Reply{Answer(""), Message(b.String(), rows...)}, nil
	}
	return []Reply{Answer(""), EditMessage(b.String(), rows...)}, nil
}

// --- inline mode ---

// inlineCacheTime is how long Telegram may cache inline results, in
// seconds.
const inlineCacheTime = 60

func (h *Handler) inline(ctx context.Context, in *Input) ([]Reply, error) {
	var facts []*knowledge.Fact
	q := strings.TrimSpace(in.Text)
	if q == "" {
		base := h.base()
		for i := range base.Projects {
			p := &base.Projects[i]
			if len(p.Facts) == 0 || len(facts) == 10 {
				continue
			}
			if f, ok := base.Fact(p.Facts[0]); ok {
				facts = append(facts, f)
			}
		}
	} else {
		res, err := h.idx().Answer(ctx, q, in.Request.Lang, 10)
		if err != nil {
			return nil, fmt.Errorf("inline: %w", err)
		}
		for _, hit := range res.Hits {
			if hit.Coverage > 0 {
				facts = append(facts, hit.Fact)
			}
		}
	}
	arts := []Article{}
	for _, f := range facts {
		arts = append(arts, Article{
			ID:          f.ID,
			Title:       f.TitleIn(in.Lang),
			Description: firstSentence(f.TextIn(in.Lang), 100),
			HTML:        h.card(in.p, f),
		})
	}
	return []Reply{{Articles: arts, CacheTime: inlineCacheTime}}, nil
}
