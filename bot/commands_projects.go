package bot

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
)

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

// khorgosProject is the name /khorgos looks up.
const khorgosProject = "Khorgos"

func (h *Handler) cmdKhorgos(ctx context.Context, in *Input) ([]Reply, error) {
	p := h.findProject(ctx, khorgosProject)
	if p == nil {
		return nil, fmt.Errorf("khorgos: no project matches %q", khorgosProject)
	}
	// The summary already tells what the facts tell; they are offered as
	// buttons rather than repeated below it.
	var rows [][]Button
	for _, id := range p.Facts {
		if f, ok := h.base().Fact(id); ok {
			rows = addButton(rows, f.TitleIn(in.Lang), cbFact, f.ID)
		}
	}
	var b strings.Builder
	b.WriteString(in.T(msgKhorgosHead) + "\n\n")
	b.WriteString("<b>" + esc(p.NameIn(in.Lang)) + "</b>\n")
	b.WriteString(boldFigures(p.SummaryIn(in.Lang), p.SummarySpansIn(in.Lang)))
	replies := []Reply{Message(b.String(), rows...)}
	if pic := h.khorgosPicture(in, p); pic != nil {
		replies = append(replies, Photo(pic, esc(in.T(msgPicKhorgos))))
	}
	if v := venueOf(in, p); v != nil {
		replies = append(replies, Reply{Venue: v})
	}
	return replies, nil
}

// projectArg resolves argument 0 of cb as a project id.
func (h *Handler) projectArg(cb Callback) (*knowledge.Project, error) {
	return idArg(cb, h.base().Project)
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
