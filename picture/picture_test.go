package picture

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// samples are the pictures the tests draw, in each language, with the
// article's content.
func samples() map[string]func() ([]byte, error) {
	return map[string]func() ([]byte, error){
		"timeline-ru": func() ([]byte, error) {
			return Timeline("Инициатива «Один пояс, один путь» в Казахстане: год за годом", "silkroad · факты из статьи «Возвращение Великого шёлкового пути»", []Event{
				{"7 сентября 2013", "В Астане Си Цзиньпин впервые говорит об Экономическом поясе Шёлкового пути"},
				{"февраль 2017", "В Ляньюньган приходит первый поезд с казахстанским зерном"},
				{"2019", "Банк CCB открывает филиал в Астане"},
				{"17–18 октября 2023", "Президент Токаев на форуме в Пекине к 10-летию инициативы; Қорғас шекара орталығы"},
			})
		},
		"figures-en": func() ([]byte, error) {
			return Figures("Kazakhstan and China: the headline figures", "silkroad · facts from the article", []Figure{
				{"$22 billion", "47 agreements signed in Beijing in October 2023", "Diplomacy"},
				{"8,445 km", "the Western Europe – Western China corridor", "Transit"},
				{"over 5,000", "container trains a year through Kazakhstan", "Transit"},
				{"3,500", "shops in the Khorgos centre", "Trade"},
			})
		},
		"podium-zh": func() ([]byte, error) {
			return Podium("优胜者", "silkroad · 事实取自文章《伟大丝绸之路的回归》", []Place{
				{"阿丽娅", "答对 3/3 · 2 850 分"}, {"Айгерім Сәрсенбаева", "答对 2/3 · 1 600 分"}, {"Qorǵas Bek 🥇", "答对 1/3 · 900 分"},
			})
		},
		"map-kk": func() ([]byte, error) {
			return Map("Қорғас қай жерде", "silkroad · деректер мақаладан", "км", []Pin{
				{"Қорғас", 44.2, 80.4, true}, {"Алматы", 43.24, 76.89, false}, {"Астана", 51.13, 71.43, false},
				{"Жаңатас", 43.57, 69.74, false}, {"Ақтоғай", 46.95, 79.66, false}, {"Ақтөбе", 50.28, 57.17, false},
			})
		},
		"bars-en": func() ([]byte, error) {
			return Bars("Right answers, question by question", "silkroad", []Bar{
				{"Question 1", 3, 5, "3/5"}, {"Question 2", 5, 5, "5/5"}, {"Question 3 with a long label that wraps onto a second line", 0, 5, "0/5"},
			})
		},
	}
}

func decode(t *testing.T, name string, raw []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return img
}

// TestPictures decodes every picture: wide enough for a phone, not
// blank, and nothing drawn in the right margin (long text wraps).
func TestPictures(t *testing.T) {
	for name, draw := range samples() {
		raw, err := draw()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		img := decode(t, name, raw)
		b := img.Bounds()
		if b.Dx() < 1080 || b.Dy() < 400 || b.Dy() > maxHeight {
			t.Errorf("%s is %v", name, b.Size())
		}
		inked, inMargin := 0, 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				br, bg, bb, _ := background.RGBA()
				if r != br || g != bg || bl != bb {
					inked++
					if x >= b.Max.X-20 {
						inMargin++
					}
				}
			}
		}
		if inked < b.Dx()*b.Dy()/100 {
			t.Errorf("%s is nearly blank: %d pixels drawn", name, inked)
		}
		if inMargin > 0 {
			t.Errorf("%s draws %d pixels in its right margin", name, inMargin)
		}
	}
}

// TestGlyphs: the fonts draw every letter of the four languages, and
// a Kazakh letter is drawn as itself, not as a stand-in.
func TestGlyphs(t *testing.T) {
	for _, s := range []string{
		"Khorgos, Lianyungang, $22 billion, 8,445 km — “quoted” «€ ₸ %»",
		"Хоргос: Ёё, «Один пояс, один путь», № 5",
		"ӘәҒғҚқҢңӨөҰұҮүҺһІі Қорғас шекара орталығы",
		"Qorǵas, Ańatas, äğıñöşçūü áǵńóúý",
		"霍尔果斯国际边境合作中心，连云港，哈萨克斯坦，习近平，托卡耶夫",
		"阿丽娅 王伟 李娜 张敏 刘洋 陈静",
	} {
		if m := Missing(s); len(m) > 0 {
			t.Errorf("Missing(%q) = %q", s, string(m))
		}
	}
	if m := Missing("🥇 ok"); string(m) != "🥇" {
		t.Errorf("Missing(emoji) = %q, want the emoji", string(m))
	}
	draw := func(s string) []byte {
		raw, err := Bars(s, "", []Bar{{s, 1, 1, s}})
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	for _, letter := range []string{"ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і", "霍"} {
		if bytes.Equal(draw(letter), draw("*")) || bytes.Equal(draw(letter), draw("")) {
			t.Errorf("%q is drawn like a stand-in or like nothing", letter)
		}
	}
}

// TestConcurrentDrawing: pictures drawn at once, as two chats ask for
// them, share the fonts safely (run with -race).
func TestConcurrentDrawing(t *testing.T) {
	var wg sync.WaitGroup
	for name, draw := range samples() {
		for range 2 {
			wg.Go(func() {
				if _, err := draw(); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			})
		}
	}
	wg.Wait()
}

func TestNothingToDraw(t *testing.T) {
	if _, err := Timeline("t", "f", nil); err == nil {
		t.Error("a timeline of no events drew")
	}
	if _, err := Map("t", "f", "km", []Pin{{"x", 200, 0, false}}); err == nil {
		t.Error("a map of a place off the globe drew")
	}
}

// TestWriteDocs writes the sample pictures to docs/pictures for the
// README: SILKROAD_WRITE_DOCS=1 go test ./picture -run TestWriteDocs.
func TestWriteDocs(t *testing.T) {
	if os.Getenv("SILKROAD_WRITE_DOCS") == "" {
		t.Skip("set SILKROAD_WRITE_DOCS=1 to write docs/pictures")
	}
	for name, draw := range samples() {
		raw, err := draw()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "docs", "pictures", name+".png"), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func benchmark(b *testing.B, name string) {
	draw := samples()[name]
	draw() // fonts parsed once, as in the bot
	b.ReportAllocs()
	for b.Loop() {
		if _, err := draw(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTimeline(b *testing.B) { benchmark(b, "timeline-ru") }
func BenchmarkFigures(b *testing.B)  { benchmark(b, "figures-en") }
func BenchmarkPodium(b *testing.B)   { benchmark(b, "podium-zh") }
func BenchmarkMap(b *testing.B)      { benchmark(b, "map-kk") }
func BenchmarkBars(b *testing.B)     { benchmark(b, "bars-en") }
