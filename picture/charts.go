package picture

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"
)

// MaxItems is the most events, figures or bars one picture draws; the
// rest are left out, so that a picture stays one a phone can show.
const MaxItems = 60

// Event is one dated event of a timeline.
type Event struct {
	When  string // already written for the reader: "Sep 2013", "сентябрь 2013"
	Title string
}

// Timeline draws dated events along a line, oldest first as given, each
// with its date on the left.
func Timeline(title, footer string, events []Event) ([]byte, error) {
	if len(events) == 0 {
		return nil, fmt.Errorf("timeline: %w", errNoItems)
	}
	events = events[:min(len(events), MaxItems)]
	const whenW, lineX = 250, margin + 270
	textX := lineX + 36
	return render(func(p *page) int {
		y := p.header(title)
		for i, e := range events {
			rowTop := y
			yw := p.lines(margin, y, whenW, e.When, style{size: 30, bold: true, color: accent})
			yt := p.lines(textX, y, Width-margin-textX, e.Title, bodyStyle)
			p.circle(lineX, rowTop+20, 11, accent)
			y = max(yw, yt) + 28
			if i < len(events)-1 {
				p.rect(image.Rect(lineX-1, rowTop+32, lineX+2, y+8), rule)
			}
		}
		return p.footer(y, footer)
	})
}

// Figure is one headline number and what it measures.
type Figure struct {
	Value string // "$22 billion", "8 445 км"
	Label string // what it measures
	Group string // the topic it is shown under; tiles keep the order given
}

// Figures draws the numbers as tiles, two to a row, under their groups'
// headings: the number large, its meaning below.
func Figures(title, footer string, figs []Figure) ([]byte, error) {
	if len(figs) == 0 {
		return nil, fmt.Errorf("figures: %w", errNoItems)
	}
	figs = figs[:min(len(figs), MaxItems)]
	const gap, pad = 32, 24
	tileW := (Width - 2*margin - gap) / 2
	valueStyle := style{size: 46, bold: true, color: accent}
	labelStyle := style{size: 28, color: ink}
	return render(func(p *page) int {
		y := p.header(title)
		group := ""
		for i := 0; i < len(figs); {
			if g := figs[i].Group; g != "" && g != group {
				group = g
				y = p.lines(margin, y+8, Width-2*margin, g, headStyle) + 12
			}
			// A row holds two tiles of one group.
			row := []Figure{figs[i]}
			if i+1 < len(figs) && figs[i+1].Group == figs[i].Group {
				row = append(row, figs[i+1])
			}
			h := 0
			for _, f := range row {
				th := len(wrap(f.Value, valueStyle, tileW-2*pad))*lineHeight(valueStyle) +
					len(wrap(f.Label, labelStyle, tileW-2*pad))*lineHeight(labelStyle) + 2*pad + 8
				h = max(h, th)
			}
			for k, f := range row {
				x := margin + k*(tileW+gap)
				p.roundRect(image.Rect(x, y, x+tileW, y+h), 18, tile)
				ty := p.lines(x+pad, y+pad, tileW-2*pad, f.Value, valueStyle)
				p.lines(x+pad, ty+8, tileW-2*pad, f.Label, labelStyle)
			}
			y += h + gap
			i += len(row)
		}
		return p.footer(y, footer)
	})
}

// Place is one of a podium's winners.
type Place struct {
	Name  string
	Score string // "2 of 3 right · 1,600 points"
}

// Podium draws the first three, the first in the middle and highest;
// with fewer than three the empty steps stay bare.
func Podium(title, footer string, top []Place) ([]byte, error) {
	if len(top) == 0 {
		return nil, fmt.Errorf("podium: %w", errNoItems)
	}
	top = top[:min(len(top), 3)]
	const gap = 28
	colW := (Width - 2*margin - 2*gap) / 3
	// Columns left to right: second, first, third.
	order := []int{1, 0, 2}
	heights := []int{340, 250, 190}
	colors := []color.Color{gold, silver, bronze}
	nameStyle := style{size: 34, bold: true, color: ink}
	return render(func(p *page) int {
		y := p.header(title)
		// The names stand above the steps, all on one level line.
		labelH := 0
		for _, pl := range top {
			h := len(wrap(pl.Name, nameStyle, colW))*lineHeight(nameStyle) + len(wrap(pl.Score, smallStyle, colW))*lineHeight(smallStyle)
			labelH = max(labelH, h)
		}
		base := y + heights[0] + labelH + 40
		for col, rank := range order {
			x := margin + col*(colW+gap)
			stepTop := base - heights[rank]
			p.roundRect(image.Rect(x, stepTop, x+colW, base), 14, colors[rank])
			num := strconv.Itoa(rank + 1)
			numStyle := style{size: 96, bold: true, color: tile}
			p.text(x+(colW-width(num, numStyle))/2, stepTop+110, num, numStyle)
			if rank >= len(top) {
				continue
			}
			ly := stepTop - labelH - 16
			ly = p.lines(x, ly, colW, top[rank].Name, nameStyle)
			p.lines(x, ly, colW, top[rank].Score, smallStyle)
		}
		return p.footer(base+16, footer)
	})
}

// Bar is one bar of a bar chart: Value of Max, with Text at its end.
type Bar struct {
	Label      string
	Value, Max float64
	Text       string // "3/5", "60%"
}

// Bars draws a horizontal bar chart: a label, a bar as long as
// Value/Max of the track, and the bar's text.
func Bars(title, footer string, bars []Bar) ([]byte, error) {
	if len(bars) == 0 {
		return nil, fmt.Errorf("bars: %w", errNoItems)
	}
	bars = bars[:min(len(bars), MaxItems)]
	const labelW, gap, barH, textW = 340, 24, 40, 140
	trackX := margin + labelW + gap
	trackW := Width - margin - textW - trackX
	return render(func(p *page) int {
		y := p.header(title)
		for _, b := range bars {
			share := 0.0
			if b.Max > 0 && !math.IsNaN(b.Value) {
				share = math.Min(math.Max(b.Value/b.Max, 0), 1)
			}
			ly := p.lines(margin, y, labelW, b.Label, bodyStyle)
			mid := y + lineHeight(bodyStyle)/2
			p.roundRect(image.Rect(trackX, mid-barH/2, trackX+trackW, mid+barH/2), 10, rule)
			if w := int(share * float64(trackW)); w > 0 {
				p.roundRect(image.Rect(trackX, mid-barH/2, trackX+max(w, 20), mid+barH/2), 10, blue)
			}
			p.text(trackX+trackW+16, mid+11, b.Text, boldStyle)
			y = max(ly, mid+barH/2) + 22
		}
		return p.footer(y, footer)
	})
}

// Pin is a place on a map.
type Pin struct {
	Name      string
	Lat, Lon  float64
	Highlight bool
}

// Map draws places by their coordinates on a plain grid of meridians
// and parallels, fitted to the places: a dot and a name for each, the
// highlighted one larger and in the accent colour, with a scale bar in
// km (written as km says) and an arrow to the north. It fetches no map
// tiles: it draws only what the data holds.
func Map(title, footer, km string, pins []Pin) ([]byte, error) {
	if len(pins) == 0 {
		return nil, fmt.Errorf("map: %w", errNoItems)
	}
	minLat, maxLat, minLon, maxLon := 90.0, -90.0, 180.0, -180.0
	for _, pn := range pins {
		if math.IsNaN(pn.Lat) || math.IsNaN(pn.Lon) || math.Abs(pn.Lat) > 90 || math.Abs(pn.Lon) > 180 {
			return nil, fmt.Errorf("map: %q has no valid coordinates (%v, %v)", pn.Name, pn.Lat, pn.Lon)
		}
		minLat, maxLat = math.Min(minLat, pn.Lat), math.Max(maxLat, pn.Lat)
		minLon, maxLon = math.Min(minLon, pn.Lon), math.Max(maxLon, pn.Lon)
	}
	// A margin of a fifth around the places, and at least 4 degrees.
	padLat, padLon := math.Max((maxLat-minLat)*0.2, 2), math.Max((maxLon-minLon)*0.2, 2)
	minLat, maxLat, minLon, maxLon = minLat-padLat, maxLat+padLat, minLon-padLon, maxLon+padLon
	kx := math.Cos((minLat + maxLat) / 2 * math.Pi / 180) // a degree of longitude is shorter
	plotW := Width - 2*margin
	scale := float64(plotW) / ((maxLon - minLon) * kx) // px per degree of latitude
	plotH := int((maxLat - minLat) * scale)
	if plotH > 900 {
		plotH = 900
		scale = float64(plotH) / (maxLat - minLat)
		plotW = int((maxLon - minLon) * kx * scale)
	}
	return render(func(p *page) int {
		top := p.header(title)
		left := margin + (Width-2*margin-plotW)/2
		at := func(lat, lon float64) (int, int) {
			return left + int((lon-minLon)*kx*scale), top + int((maxLat-lat)*scale)
		}
		p.roundRect(image.Rect(left, top, left+plotW, top+plotH), 12, tile)
		for lon := math.Ceil(minLon/5) * 5; lon <= maxLon; lon += 5 {
			x, _ := at(0, lon)
			p.rect(image.Rect(x, top, x+1, top+plotH), rule)
			if x+60 < left+plotW {
				p.text(x+6, top+plotH-10, strconv.Itoa(int(lon))+"°", footerStyle)
			}
		}
		for lat := math.Ceil(minLat/5) * 5; lat <= maxLat; lat += 5 {
			_, y := at(lat, 0)
			p.rect(image.Rect(left, y, left+plotW, y+1), rule)
			p.text(left+8, y-8, strconv.Itoa(int(lat))+"°", footerStyle)
		}
		// The others first, so that the highlighted place is on top.
		for _, hi := range []bool{false, true} {
			for _, pn := range pins {
				if pn.Highlight != hi {
					continue
				}
				x, y := at(pn.Lat, pn.Lon)
				st, rad, c := bodyStyle, 9.0, color.Color(blue)
				if hi {
					st, rad, c = style{size: 36, bold: true, color: accent}, 16, accent
					p.circle(x, y, rad+8, color.NRGBA{0xC0, 0x39, 0x2B, 0x40})
				}
				p.circle(x, y, rad, c)
				lx := x + int(rad) + 10
				if w := width(pn.Name, st); lx+w > left+plotW-8 {
					lx = x - int(rad) - 10 - w
				}
				p.text(lx, y+int(st.size/3), pn.Name, st)
			}
		}
		// A scale bar of a round distance, about a quarter of the map.
		kmPerPx := 111.32 / scale
		dist := niceDistance(kmPerPx * float64(plotW) / 4)
		barW := int(dist / kmPerPx)
		bx, by := left+24, top+plotH-56
		p.rect(image.Rect(bx, by, bx+barW, by+6), ink)
		p.text(bx, by-12, strconv.Itoa(int(dist))+" "+km, boldStyle)
		// North.
		nx, ny := left+plotW-56, top+28
		p.polygon([]image.Point{{nx, ny}, {nx - 16, ny + 44}, {nx, ny + 34}, {nx + 16, ny + 44}}, ink)
		p.text(nx-10, ny+78, "N", boldStyle)
		return p.footer(top+plotH, footer)
	})
}

// niceDistance rounds d down to 1, 2 or 5 times a power of ten.
func niceDistance(d float64) float64 {
	if d <= 1 {
		return 1
	}
	pow := math.Pow(10, math.Floor(math.Log10(d)))
	for _, m := range []float64{5, 2, 1} {
		if m*pow <= d {
			return m * pow
		}
	}
	return pow
}
