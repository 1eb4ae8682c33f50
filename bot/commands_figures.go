package bot

import (
	"context"
	"slices"
	"strings"

	"github.com/silkroad-bot/silkroad/knowledge"
)

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
	return b.String(), append(append(rows, navRow(in, page, total, cbFiguresPage)...), pictureButton(in, picFigures)...)
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
	if !slices.ContainsFunc(f.Figures, func(fig knowledge.Figure) bool { return fig.Headline }) {
		return ""
	}
	var bold []knowledge.Span
	stated := make([]bool, len(f.Figures))
	for _, s := range f.TitleSpansIn(lang) {
		if f.Figures[s.Figure].Headline {
			bold = append(bold, s)
			stated[s.Figure] = true
		}
	}
	line := boldFigures(f.TitleIn(lang), bold)
	for i, fig := range f.Figures {
		if !fig.Headline || stated[i] {
			continue
		}
		line += " · <b>" + esc(f.FigureIn(lang, i)) + "</b>"
		if m := f.MeasureIn(lang, i); m != "" {
			line += " (" + esc(m) + ")"
		}
	}
	return "• " + line
}

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
	return b.String(), append(append(rows, navRow(in, page, total, cbTimelinePage)...), pictureButton(in, picTimeline)...)
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
