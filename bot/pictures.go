package bot

import (
	"context"
	"fmt"
	"strconv"

	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/picture"
	"github.com/silkroad-bot/silkroad/quiz"
)

// cbPicture is the callback kind of the "as a picture" buttons:
// "1|pic|<kind>".
const cbPicture = "pic"

// The pictures the buttons ask for.
const (
	picTimeline = "timeline"
	picFigures  = "figures"
	picKhorgos  = "khorgos"
)

// pictureButton is the row with the button that sends kind as a picture.
func pictureButton(in *Input, kind string) [][]Button {
	return addButton(nil, in.T(msgBtnPicture), cbPicture, kind)
}

func (h *Handler) cbPicture(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	if len(cb.Args) != 1 {
		return nil, ErrBadCallback
	}
	var r Reply
	switch cb.Args[0] {
	case picTimeline:
		r = Photo(h.timelinePicture(in), esc(in.T(msgPicTimeline)))
	case picFigures:
		r = Photo(h.figuresPicture(in), esc(in.T(msgPicFigures)))
	case picKhorgos:
		pic := h.khorgosPicture(in, h.findProject(ctx, khorgosProject))
		if pic == nil {
			return nil, errStale
		}
		r = Photo(pic, esc(in.T(msgPicKhorgos)))
	default:
		return nil, errStale
	}
	return []Reply{Answer(""), r}, nil
}

// footer is the line at the foot of every picture: whose it is and
// where its facts come from.
func footer(p printer) string { return p.T(msgPicFooter) }

// timelinePicture draws the dated events, oldest first.
func (h *Handler) timelinePicture(in *Input) *Picture {
	p, lang := in.p, in.Lang
	return h.picture(picTimeline, lang, func() ([]byte, error) {
		var events []picture.Event
		for _, f := range h.base().Timeline() {
			events = append(events, picture.Event{When: formatDate(p, f.Date), Title: f.TitleIn(lang)})
		}
		return picture.Timeline(p.T(msgPicTimeline), footer(p), events)
	})
}

// figuresPicture draws every headline figure, by topic, each with what
// it measures.
func (h *Handler) figuresPicture(in *Input) *Picture {
	p, lang := in.p, in.Lang
	return h.picture(picFigures, lang, func() ([]byte, error) {
		var figs []picture.Figure
		for _, e := range h.figureEntries() {
			for i, fig := range e.fact.Figures {
				if !fig.Headline {
					continue
				}
				label := e.fact.MeasureIn(lang, i)
				if label == "" {
					label = e.fact.TitleIn(lang)
				}
				figs = append(figs, picture.Figure{Value: e.fact.FigureIn(lang, i), Label: label, Group: p.T(categoryKey(string(e.cat)))})
			}
		}
		return picture.Figures(p.T(msgPicFigures), footer(p), figs)
	})
}

// khorgosPicture draws where Khorgos, project k, is among the
// article's places in Kazakhstan, from their coordinates; nil when the
// data has none.
func (h *Handler) khorgosPicture(in *Input, k *knowledge.Project) *Picture {
	if k == nil || venueOf(in, k) == nil {
		return nil
	}
	p, lang := in.p, in.Lang
	return h.picture(picKhorgos, lang, func() ([]byte, error) {
		return picture.Map(p.T(msgPicKhorgos), footer(p), p.T(msgPicKm), mapPins(h.base(), k, lang))
	})
}

// mapPins are the places of the article's projects in and around
// Kazakhstan, each once, with the one of the project hi highlighted.
// Places far off the map (Lianyungang, St. Petersburg) are left out.
func mapPins(base *knowledge.Base, hi *knowledge.Project, lang string) []picture.Pin {
	seen := map[string]bool{}
	var pins []picture.Pin
	add := func(p *knowledge.Project, highlight bool) {
		for i, pl := range p.Places {
			if pl.Lat == nil || pl.Lon == nil || *pl.Lon < 45 || *pl.Lon > 90 || *pl.Lat < 38 || *pl.Lat > 56 {
				continue
			}
			key := strconv.FormatFloat(*pl.Lat, 'f', 1, 64) + "," + strconv.FormatFloat(*pl.Lon, 'f', 1, 64)
			if seen[key] {
				continue
			}
			seen[key] = true
			pins = append(pins, picture.Pin{Name: p.PlaceNameIn(lang, i), Lat: *pl.Lat, Lon: *pl.Lon, Highlight: highlight})
		}
	}
	if hi != nil {
		add(hi, true)
	}
	for i := range base.Projects {
		add(&base.Projects[i], false)
	}
	return pins
}

// podiumPicture draws the top three of a finished class quiz.
func podiumPicture(p printer, c *quiz.Class) *Picture {
	lb := c.Leaderboard()
	return &Picture{Draw: func() ([]byte, error) {
		var top []picture.Place
		for _, s := range lb[:min(len(lb), 3)] {
			score := p.T(msgPicScore, s.Score, len(c.Rounds))
			if c.Scoring == quiz.ScoreSpeed {
				score = p.T(msgPicPoints, s.Score, len(c.Rounds), s.Points)
			}
			top = append(top, picture.Place{Name: s.Player.Name, Score: score})
		}
		return picture.Podium(p.T(msgPicPodium), footer(p), top)
	}}
}

// roundsPicture draws how many got each question of a class quiz right.
func roundsPicture(p printer, c *quiz.Class) *Picture {
	return &Picture{Draw: func() ([]byte, error) {
		var bars []picture.Bar
		for i := range c.Rounds {
			st := c.Stat(i)
			bars = append(bars, picture.Bar{Label: p.T(msgPicQuestion, i+1), Value: float64(st.Correct),
				Max: float64(max(st.Answered, 1)), Text: fmt.Sprintf("%d/%d", st.Correct, st.Answered)})
		}
		return picture.Bars(p.T(msgPicRounds), footer(p), bars)
	}}
}

// progressPicture draws a student's share of right answers per topic.
func (q *Quiz) progressPicture(in *Input, d *quiz.Deck) *Picture {
	p := in.p
	progress := d.Progress(q.clock.Now())
	return &Picture{Draw: func() ([]byte, error) {
		var bars []picture.Bar
		for _, t := range progress {
			n := t.Right + t.Wrong
			bars = append(bars, picture.Bar{Label: q.catName(p, t.Category), Value: float64(t.Right), Max: float64(max(n, 1)),
				Text: strconv.Itoa(100*t.Right/max(n, 1)) + "%"})
		}
		return picture.Bars(p.T(msgPicProgress), footer(p), bars)
	}}
}
