package picture

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"sync"

	"golang.org/x/image/vector"
)

// Width is the width of every picture: a phone shows it sharp, and a
// class screen too.
const Width = 1280

// margin is the space around the content.
const margin = 64

// maxHeight bounds a picture's height, whatever the data.
const maxHeight = 6000

// The palette.
var (
	background = color.RGBA{0xF7, 0xF5, 0xF0, 0xFF}
	ink        = color.RGBA{0x1F, 0x29, 0x33, 0xFF}
	muted      = color.RGBA{0x6B, 0x72, 0x80, 0xFF}
	accent     = color.RGBA{0xC0, 0x39, 0x2B, 0xFF} // silk red
	blue       = color.RGBA{0x2E, 0x86, 0xAB, 0xFF}
	gold       = color.RGBA{0xD4, 0xA0, 0x17, 0xFF}
	silver     = color.RGBA{0x9A, 0xA5, 0xB1, 0xFF}
	bronze     = color.RGBA{0xB0, 0x6D, 0x3B, 0xFF}
	rule       = color.RGBA{0xE2, 0xDE, 0xD6, 0xFF}
	tile       = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
)

// Text styles.
var (
	titleStyle  = style{size: 52, bold: true, color: ink}
	headStyle   = style{size: 36, bold: true, color: ink}
	bodyStyle   = style{size: 32, color: ink}
	boldStyle   = style{size: 32, bold: true, color: ink}
	smallStyle  = style{size: 28, color: muted}
	footerStyle = style{size: 24, color: muted}
)

// errNoItems is the error of a picture given nothing to draw.
var errNoItems = errors.New("picture: nothing to draw")

// page is a picture being laid out: layout is called twice, first to
// measure (img nil) and then to draw, and returns the height it used.
type page struct {
	img *image.RGBA
}

// drawing reports whether the page draws, rather than only measures.
func (p *page) drawing() bool { return p.img != nil }

func (p *page) text(x, y int, s string, st style) int {
	if !p.drawing() {
		return width(s, st)
	}
	return text(p.img, x, y, s, st)
}

// lines draws wrapped text whose first line's top is at y, and returns
// the y below it.
func (p *page) lines(x, y, max int, s string, st style) int {
	lh := lineHeight(st)
	for _, l := range wrap(s, st, max) {
		p.text(x, y+int(st.size), l, st)
		y += lh
	}
	return y
}

func (p *page) rect(r image.Rectangle, c color.Color) {
	if p.drawing() {
		draw.Draw(p.img, r, image.NewUniform(c), image.Point{}, draw.Over)
	}
}

// roundRect fills r with corners of radius rad.
func (p *page) roundRect(r image.Rectangle, rad float32, c color.Color) {
	if !p.drawing() {
		return
	}
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	w, h := float32(r.Dx()), float32(r.Dy())
	rad = min(rad, w/2, h/2)
	const k = 0.5523 // control point of a quarter circle
	z.MoveTo(rad, 0)
	z.LineTo(w-rad, 0)
	z.CubeTo(w-rad+k*rad, 0, w, rad-k*rad, w, rad)
	z.LineTo(w, h-rad)
	z.CubeTo(w, h-rad+k*rad, w-rad+k*rad, h, w-rad, h)
	z.LineTo(rad, h)
	z.CubeTo(rad-k*rad, h, 0, h-rad+k*rad, 0, h-rad)
	z.LineTo(0, rad)
	z.CubeTo(0, rad-k*rad, rad-k*rad, 0, rad, 0)
	z.ClosePath()
	z.Draw(p.img, r, image.NewUniform(c), image.Point{})
}

// circle fills a circle of radius rad around (x, y).
func (p *page) circle(x, y int, rad float64, c color.Color) {
	if !p.drawing() {
		return
	}
	n := int(math.Ceil(rad)) + 1
	r := image.Rect(x-n, y-n, x+n, y+n)
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	cx, cy := float64(n), float64(n)
	const steps = 48
	for i := 0; i <= steps; i++ {
		a := 2 * math.Pi * float64(i) / steps
		px, py := float32(cx+rad*math.Cos(a)), float32(cy+rad*math.Sin(a))
		if i == 0 {
			z.MoveTo(px, py)
		} else {
			z.LineTo(px, py)
		}
	}
	z.ClosePath()
	z.Draw(p.img, r, image.NewUniform(c), image.Point{})
}

// polygon fills the polygon of points.
func (p *page) polygon(pts []image.Point, c color.Color) {
	if !p.drawing() || len(pts) < 3 {
		return
	}
	b := image.Rectangle{Min: pts[0], Max: pts[0].Add(image.Pt(1, 1))}
	for _, pt := range pts[1:] {
		b = b.Union(image.Rectangle{Min: pt, Max: pt.Add(image.Pt(1, 1))})
	}
	z := vector.NewRasterizer(b.Dx(), b.Dy())
	z.MoveTo(float32(pts[0].X-b.Min.X), float32(pts[0].Y-b.Min.Y))
	for _, pt := range pts[1:] {
		z.LineTo(float32(pt.X-b.Min.X), float32(pt.Y-b.Min.Y))
	}
	z.ClosePath()
	z.Draw(p.img, b, image.NewUniform(c), image.Point{})
}

// header draws the title and returns the y below it.
func (p *page) header(title string) int {
	y := p.lines(margin, margin, Width-2*margin, title, titleStyle)
	p.rect(image.Rect(margin, y+12, margin+120, y+18), accent)
	return y + 48
}

// footer draws the footer line below y and returns the picture's height.
func (p *page) footer(y int, s string) int {
	y += 24
	p.rect(image.Rect(margin, y, Width-margin, y+2), rule)
	y = p.lines(margin, y+16, Width-2*margin, s, footerStyle)
	return y + margin/2
}

// drawMu lets one picture be laid out at a time: the font faces, kept
// for all pictures, are not safe for concurrent use.
var drawMu sync.Mutex

// render lays out with layout, measuring first, and encodes the PNG.
func render(layout func(p *page) int) ([]byte, error) {
	if _, err := loadFonts(); err != nil {
		return nil, err
	}
	drawMu.Lock()
	defer drawMu.Unlock()
	h := min(layout(&page{}), maxHeight)
	img := image.NewRGBA(image.Rect(0, 0, Width, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(background), image.Point{}, draw.Src)
	layout(&page{img: img})
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
