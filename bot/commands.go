package bot

import (
	"context"
	"fmt"
	"hash/fnv"
	"slices"
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

func (h *Handler) cmdStart(ctx context.Context, in *Input) ([]Reply, error) {
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
		return []Reply{Answer(""), Message(in.T(msgHelpTeachers))}, nil
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

func (h *Handler) cmdProjects(ctx context.Context, in *Input) ([]Reply, error) {
	text, rows := h.projectsPage(in, 0)
	return []Reply{Message(text, rows...)}, nil
}

// projectsInOrder lists the projects grouped by category.
func (h *Handler) projectsInOrder() []*knowledge.Project {
	var out []*knowledge.Project
	for _, c := range knowledge.Categories {
		out = append(out, h.base().ProjectsIn(c)...)
	}
	return out
}

// pages returns the number of pages for n items and clamps page.
func pages(n, page int) (int, int) {
	total := max((n+pageSize-1)/pageSize, 1)
	return total, min(max(page, 0), total-1)
}

// navRow is the "Back / Next" row of a paginated list.
func navRow(in *Input, page, total int, kind string, args ...string) [][]Button {
	var row []Button
	if page > 0 {
		if b, ok := button(in.T(msgBtnPrev), kind, append(slices.Clone(args), strconv.Itoa(page-1))...); ok {
			row = append(row, b)
		}
	}
	if page+1 < total {
		if b, ok := button(in.T(msgBtnNext), kind, append(slices.Clone(args), strconv.Itoa(page+1))...); ok {
			row = append(row, b)
		}
	}
	if len(row) == 0 {
		return nil
	}
	return [][]Button{row}
}

func (h *Handler) projectsPage(in *Input, page int) (string, [][]Button) {
	all := h.projectsInOrder()
	total, page := pages(len(all), page)
	var b strings.Builder
	b.WriteString(in.T(msgProjectsHead) + " · " + esc(in.T(msgPage, page+1, total)))
	var rows [][]Button
	var cat knowledge.Category
	for _, p := range all[page*pageSize : min((page+1)*pageSize, len(all))] {
		if p.Category != cat {
			cat = p.Category
			b.WriteString("\n\n<b>" + esc(in.T(categoryKey(string(cat)))) + "</b>")
		}
		b.WriteString("\n• " + esc(p.NameIn(in.Lang)))
		rows = addButton(rows, p.NameIn(in.Lang), cbProject, p.ID)
	}
	return b.String(), append(rows, navRow(in, page, total, cbProjectsPage)...)
}

func (h *Handler) cbProjectsPage(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	page, err := cb.Int(0)
	if err != nil {
		return nil, err
	}
	if total, _ := pages(len(h.base().Projects), 0); page >= total {
		return nil, errStale
	}
	text, rows := h.projectsPage(in, page)
	return []Reply{Answer(""), EditMessage(text, rows...)}, nil
}

func (h *Handler) cmdProject(ctx context.Context, in *Input) ([]Reply, error) {
	name := strings.TrimSpace(in.Args)
	if name == "" {
		return h.cmdProjects(ctx, in)
	}
	p := h.findProject(ctx, name)
	if p == nil {
		text, rows := h.projectsPage(in, 0)
		return []Reply{Message(esc(in.T(msgProjectNone, echo(name)))+"\n\n"+text, rows...)}, nil
	}
	return []Reply{h.projectReply(in, p)}, nil
}

// projectReply is a project card with buttons to its facts and its map
// pin.
func (h *Handler) projectReply(in *Input, p *knowledge.Project) Reply {
	var rows [][]Button
	for _, id := range p.Facts {
		if f, ok := h.base().Fact(id); ok {
			rows = addButton(rows, f.TitleIn(in.Lang), cbFact, f.ID)
		}
	}
	if venueOf(in, p) != nil {
		rows = addButton(rows, "📍 "+in.T(msgBtnMap), cbMap, p.ID)
	}
	return Message(projectCard(in.p, h.base(), p), rows...)
}

// venueOf is the map pin of the project's first place with coordinates.
func venueOf(in *Input, p *knowledge.Project) *Venue {
	for i, pl := range p.Places {
		if pl.Lat != nil && pl.Lon != nil {
			return &Venue{Lat: *pl.Lat, Lon: *pl.Lon, Title: p.NameIn(in.Lang), Address: p.PlaceNameIn(in.Lang, i)}
		}
	}
	return nil
}

// findProject finds the project a name names, in any language and with
// typos, through the index: the project of the best fact the name finds,
// or nil when it finds none.
func (h *Handler) findProject(ctx context.Context, name string) *knowledge.Project {
	if strings.TrimSpace(name) == "" {
		return nil
	}
	res, err := h.idx().Ask(ctx, index.Query{Text: name, Limit: 3})
	if err != nil {
		return nil
	}
	for _, hit := range res.Hits {
		if hit.Coverage < minProjectCoverage {
			continue
		}
		if p, ok := h.base().Project(hit.Fact.Project); ok {
			return p
		}
	}
	return nil
}

// minProjectCoverage is how much of a name a fact must hold to name its
// project.
const minProjectCoverage = 0.5

func (h *Handler) cmdFigures(ctx context.Context, in *Input) ([]Reply, error) {
	text, rows := h.figuresPage(in, 0)
	return []Reply{Message(text, rows...)}, nil
}

// figuresPerPage is how many facts' lines a /figures page shows.
const figuresPerPage = 10

// figureEntry is one line of /figures: a fact with headline figures,
// under its category.
type figureEntry struct {
	cat  knowledge.Category
	fact *knowledge.Fact
}

// figureEntries lists the facts with headline figures, by category.
func (h *Handler) figureEntries() []figureEntry {
	var out []figureEntry
	for _, c := range knowledge.Categories {
		for _, f := range h.base().FactsIn(c) {
			if slices.ContainsFunc(f.Figures, func(fig knowledge.Figure) bool { return fig.Headline }) {
				out = append(out, figureEntry{c, f})
			}
		}
	}
	return out
}

// figuresPage is one page of /figures: every headline figure of the
// knowledge base, grouped by topic.
func (h *Handler) figuresPage(in *Input, page int) (string, [][]Button) {
	all := h.figureEntries()
	total := max((len(all)+figuresPerPage-1)/figuresPerPage, 1)
	page = min(max(page, 0), total-1)
	var b strings.Builder
	b.WriteString(in.T(msgFiguresHead) + " · " + esc(in.T(msgPage, page+1, total)))
	var cat knowledge.Category
	var rows [][]Button
	for _, e := range all[page*figuresPerPage : min((page+1)*figuresPerPage, len(all))] {
		if e.cat != cat {
			cat = e.cat
			b.WriteString("\n\n<b>" + esc(in.T(categoryKey(string(cat)))) + "</b>")
		}
		b.WriteString("\n" + figureLine(in.Lang, e.fact))
	}
	return b.String(), append(rows, navRow(in, page, total, cbFiguresPage)...)
}

func (h *Handler) cbFiguresPage(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	page, err := cb.Int(0)
	if err != nil {
		return nil, err
	}
	if total := (len(h.figureEntries()) + figuresPerPage - 1) / figuresPerPage; page >= total {
		return nil, errStale
	}
	text, rows := h.figuresPage(in, page)
	return []Reply{Answer(""), EditMessage(text, rows...)}, nil
}

// figureLine is a fact's line on the /figures page: its title with its
// headline figures in bold where the title states them, and those it
// does not state after it, with what they measure. It is
// empty when the fact has no headline figure.
func figureLine(lang string, f *knowledge.Fact) string {
	var figs []string
	var idx []int
	for i, fig := range f.Figures {
		if fig.Headline {
			figs = append(figs, f.FigureIn(lang, i))
			idx = append(idx, i)
		}
	}
	if len(figs) == 0 {
		return ""
	}
	title := f.TitleIn(lang)
	line := boldFigures(title, figs)
	if !strings.Contains(line, "<b>") {
		line = esc(title)
	}
	for k, fd := range figs {
		fig := f.Figures[idx[k]]
		if start, _ := figureSpan(title, fd); start >= 0 || statesNumber(title, fig.Value) {
			continue
		}
		line += " · <b>" + esc(fd) + "</b>"
		if m := f.MeasureIn(lang, idx[k]); m != "" {
			line += " (" + esc(m) + ")"
		}
	}
	return "• " + line
}

// statesNumber reports whether text writes the number value in digits,
// as a whole number: "5 railways" states 5.
func statesNumber(text, value string) bool {
	for off := 0; ; {
		i := strings.Index(text[off:], value)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(value)
		if (i == 0 || !isDigitByte(text[i-1])) && (end == len(text) || !isDigitByte(text[end])) {
			return true
		}
		off = end
	}
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' || b == '.' || b == ',' }

func (h *Handler) cmdTimeline(ctx context.Context, in *Input) ([]Reply, error) {
	text, rows := h.timelinePage(in, 0)
	return []Reply{Message(text, rows...)}, nil
}

func (h *Handler) timelinePage(in *Input, page int) (string, [][]Button) {
	all := h.base().Timeline()
	total, page := pages(len(all), page)
	var b strings.Builder
	b.WriteString(in.T(msgTimelineHead) + " · " + esc(in.T(msgPage, page+1, total)))
	var rows [][]Button
	for _, f := range all[page*pageSize : min((page+1)*pageSize, len(all))] {
		b.WriteString("\n\n📅 <b>" + esc(formatDate(in.p, f.Date)) + "</b>\n" + esc(f.TitleIn(in.Lang)))
		rows = addButton(rows, f.TitleIn(in.Lang), cbFact, f.ID)
	}
	return b.String(), append(rows, navRow(in, page, total, cbTimelinePage)...)
}

func (h *Handler) cbTimelinePage(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	page, err := cb.Int(0)
	if err != nil {
		return nil, err
	}
	if total, _ := pages(len(h.base().Timeline()), 0); page >= total {
		return nil, errStale
	}
	text, rows := h.timelinePage(in, page)
	return []Reply{Answer(""), EditMessage(text, rows...)}, nil
}

// khorgosProject is the name /khorgos looks up.
const khorgosProject = "Khorgos"

func (h *Handler) cmdKhorgos(ctx context.Context, in *Input) ([]Reply, error) {
	p := h.findProject(ctx, khorgosProject)
	if p == nil {
		return nil, fmt.Errorf("khorgos: no project matches %q", khorgosProject)
	}
	// The summary already tells what the facts tell; they are offered as
	// buttons rather than repeated below it.
	var figures []string
	var rows [][]Button
	for _, id := range p.Facts {
		if f, ok := h.base().Fact(id); ok {
			figures = append(figures, factFigures(f, in.Lang)...)
			rows = addButton(rows, f.TitleIn(in.Lang), cbFact, f.ID)
		}
	}
	var b strings.Builder
	b.WriteString(in.T(msgKhorgosHead) + "\n\n")
	b.WriteString("<b>" + esc(p.NameIn(in.Lang)) + "</b>\n")
	b.WriteString(boldFigures(p.SummaryIn(in.Lang), figures))
	replies := []Reply{Message(b.String(), rows...)}
	if v := venueOf(in, p); v != nil {
		replies = append(replies, Reply{Venue: v})
	}
	return replies, nil
}

func (h *Handler) cmdFact(ctx context.Context, in *Input) ([]Reply, error) {
	base := h.base()
	f := &base.Facts[h.randIntN(len(base.Facts))]
	return []Reply{Message(h.card(in.p, f), h.cardButtons(in, f, "", 0)...)}, nil
}

// --- buttons ---

// factArg resolves argument 0 of cb as a fact id.
func (h *Handler) factArg(cb Callback) (*knowledge.Fact, error) {
	if len(cb.Args) != 1 {
		return nil, ErrBadCallback
	}
	f, ok := h.base().Fact(cb.Args[0])
	if !ok {
		return nil, errStale
	}
	return f, nil
}

// projectArg resolves argument 0 of cb as a project id.
func (h *Handler) projectArg(cb Callback) (*knowledge.Project, error) {
	if len(cb.Args) != 1 {
		return nil, ErrBadCallback
	}
	p, ok := h.base().Project(cb.Args[0])
	if !ok {
		return nil, errStale
	}
	return p, nil
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

func (h *Handler) cbProject(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	p, err := h.projectArg(cb)
	if err != nil {
		return nil, err
	}
	return []Reply{Answer(""), h.projectReply(in, p)}, nil
}

func (h *Handler) cbMap(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	p, err := h.projectArg(cb)
	if err != nil {
		return nil, err
	}
	v := venueOf(in, p)
	if v == nil {
		return nil, errStale
	}
	return []Reply{Answer(""), {Venue: v}}, nil
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
