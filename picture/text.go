// Package picture draws silkroad's pictures: the timeline, the headline
// figures, a quiz's podium, bar charts and the Khorgos map. It turns
// data into PNG images and knows nothing of Telegram or of languages:
// every word arrives translated. Text is drawn with fonts embedded in
// the binary, DejaVu Sans for Latin and Cyrillic (Kazakh's letters
// included) and WenQuanYi Micro Hei for Chinese, each a subset (see
// fonts/README.md).
package picture

import (
	"embed"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

//go:embed fonts/*.ttf
var fontFiles embed.FS

// fonts are the parsed fonts, in the order a rune is looked for.
type fonts struct {
	regular, bold, han *opentype.Font
}

var (
	fontsOnce sync.Once
	fontsVal  fonts
	fontsErr  error
)

func loadFonts() (fonts, error) {
	fontsOnce.Do(func() {
		parse := func(name string) *opentype.Font {
			raw, err := fontFiles.ReadFile("fonts/" + name)
			if err == nil {
				var f *opentype.Font
				if f, err = opentype.Parse(raw); err == nil {
					return f
				}
			}
			if fontsErr == nil {
				fontsErr = fmt.Errorf("picture: font %s: %w", name, err)
			}
			return nil
		}
		fontsVal = fonts{
			regular: parse("DejaVuSans-subset.ttf"),
			bold:    parse("DejaVuSans-Bold-subset.ttf"),
			han:     parse("WenQuanYiMicroHei-subset.ttf"),
		}
	})
	return fontsVal, fontsErr
}

// has reports whether f has a glyph for r.
func has(f *sfnt.Font, r rune) bool {
	var b sfnt.Buffer
	i, err := f.GlyphIndex(&b, r)
	return err == nil && i != 0
}

// coverage caches, per rune, which font draws it: 1 the Latin one, 2
// the Chinese one, 0 neither.
var coverage sync.Map // rune -> int

func fontOf(r rune) int {
	if v, ok := coverage.Load(r); ok {
		return v.(int)
	}
	fs, err := loadFonts()
	which := 0
	switch {
	case err != nil:
	case has(fs.regular, r):
		which = 1
	case has(fs.han, r):
		which = 2
	}
	coverage.Store(r, which)
	return which
}

// drawable returns r, or what stands for it when no font has it: its
// base letter without accents ("ǿ" → "o"); nothing (-1) for an emoji
// or another symbol, which a name can do without; else "*".
func drawable(r rune) rune {
	if unicode.IsSpace(r) || fontOf(r) != 0 {
		return r
	}
	for _, d := range norm.NFD.String(string(r)) {
		if fontOf(d) != 0 {
			return d
		}
		break
	}
	if unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || unicode.In(r, unicode.Variation_Selector, unicode.Join_Control) || r >= 0x1F000 {
		return -1
	}
	return '*'
}

// Missing returns the runes of s that no embedded font draws, even
// without their accents: a name in a script the fonts lack (drawn as
// "*"), or emoji (left out).
func Missing(s string) []rune {
	var out []rune
	for _, r := range s {
		if d := drawable(r); !unicode.IsSpace(r) && !unicode.IsControl(r) && (d == -1 || d == '*' && r != '*') {
			out = append(out, r)
		}
	}
	return out
}

// faceKey names a face of a size: bold or not, Chinese or not.
type faceKey struct {
	size      float64
	bold, han bool
}

var faces sync.Map // faceKey -> font.Face

func face(k faceKey) font.Face {
	if f, ok := faces.Load(k); ok {
		return f.(font.Face)
	}
	fs, _ := loadFonts()
	src := fs.regular
	switch {
	case k.han:
		src = fs.han
	case k.bold:
		src = fs.bold
	}
	f, err := opentype.NewFace(src, &opentype.FaceOptions{Size: k.size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(fmt.Sprintf("picture: face of a parsed font: %v", err)) // only for a bad size, which the package never asks
	}
	v, _ := faces.LoadOrStore(k, f)
	return v.(font.Face)
}

// style is how a piece of text looks.
type style struct {
	size  float64
	bold  bool
	color color.Color
}

// run is a stretch of text drawn with one face.
type run struct {
	text string
	han  bool
}

// runs splits s by the font each rune is drawn with.
func runs(s string) []run {
	var out []run
	for _, r := range s {
		if r = drawable(r); r < 0 {
			continue
		}
		han := fontOf(r) == 2
		if n := len(out); n > 0 && (out[n-1].han == han || unicode.IsSpace(r)) {
			out[n-1].text += string(r)
			continue
		}
		out = append(out, run{string(r), han})
	}
	return out
}

// width measures s in st, in pixels.
func width(s string, st style) int {
	var w fixed.Int26_6
	for _, r := range runs(s) {
		w += font.MeasureString(face(faceKey{st.size, st.bold, r.han}), r.text)
	}
	return w.Ceil()
}

// lineHeight is the distance between two lines of text in st.
func lineHeight(st style) int { return int(st.size*1.3 + 0.5) }

// wrap breaks s into lines no wider than max: by words, and inside a
// word that is wider than a line (or a Chinese sentence, which has no
// spaces) by characters.
func wrap(s string, st style, max int) []string {
	var lines []string
	line := ""
	flush := func() {
		if line != "" {
			lines = append(lines, line)
		}
		line = ""
	}
	for _, word := range splitWords(s) {
		try := line + word
		if line == "" {
			try = trimLeft(word)
		}
		if width(try, st) <= max {
			line = try
			continue
		}
		flush()
		word = trimLeft(word)
		for width(word, st) > max {
			cut := 0
			for i := range word {
				if i > 0 && width(word[:i], st) > max {
					break
				}
				cut = i
			}
			if cut == 0 {
				cut = len(string([]rune(word)[0]))
			}
			lines = append(lines, word[:cut])
			word = word[cut:]
		}
		line = word
	}
	flush()
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// splitWords splits s into words that keep their leading space, and
// each Han character apart, as Chinese breaks between characters.
func splitWords(s string) []string {
	var out []string
	cur := ""
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			if cur != "" {
				out = append(out, cur)
			}
			cur = " "
		case unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana):
			if cur != "" && cur != " " {
				out = append(out, cur)
				cur = ""
			}
			out = append(out, cur+string(r))
			cur = ""
		default:
			cur += string(r)
		}
	}
	if cur != "" && cur != " " {
		out = append(out, cur)
	}
	return out
}

func trimLeft(s string) string {
	for len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	return s
}

// text draws s with its baseline at (x, y) and returns its width.
func text(dst draw.Image, x, y int, s string, st style) int {
	dot := fixed.P(x, y)
	src := image.NewUniform(st.color)
	for _, r := range runs(s) {
		d := font.Drawer{Dst: dst, Src: src, Face: face(faceKey{st.size, st.bold, r.han}), Dot: dot}
		d.DrawString(r.text)
		dot = d.Dot
	}
	return (dot.X - fixed.I(x)).Ceil()
}
