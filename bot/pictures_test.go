package bot

import (
	"testing"

	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/picture"
)

// TestPictureTextHasGlyphs: every word a picture draws, in every
// language, has a glyph in the embedded fonts: the titles and footers,
// the timeline's dates and titles, the figures with what they measure,
// the topics and the map's places.
func TestPictureTextHasGlyphs(t *testing.T) {
	h := NewHandler(testIndex(t))
	base := h.base()
	for _, lang := range Langs {
		p := newPrinter(lang)
		var texts []string
		for _, key := range []string{msgPicTimeline, msgPicFigures, msgPicKhorgos, msgPicPodium, msgPicRounds, msgPicProgress, msgPicFooter, msgPicKm} {
			texts = append(texts, p.T(key))
		}
		texts = append(texts, p.T(msgPicQuestion, 12), p.T(msgPicScore, 2, 3), p.T(msgPicPoints, 2, 3, 1600))
		for _, c := range knowledge.Categories {
			texts = append(texts, p.T(categoryKey(string(c))))
		}
		for _, f := range base.Timeline() {
			texts = append(texts, formatDate(p, f.Date), f.TitleIn(lang))
		}
		for _, e := range h.figureEntries() {
			for i := range e.fact.Figures {
				texts = append(texts, e.fact.FigureIn(lang, i), e.fact.MeasureIn(lang, i), e.fact.TitleIn(lang))
			}
		}
		for i := range base.Projects {
			pr := &base.Projects[i]
			for k := range pr.Places {
				texts = append(texts, pr.PlaceNameIn(lang, k))
			}
		}
		for _, s := range texts {
			if m := picture.Missing(s); len(m) > 0 {
				t.Errorf("%s: no glyph for %q in %q", lang, string(m), s)
			}
		}
	}
}

// TestPicturesDrawInEveryLanguage draws each picture of the knowledge
// base in each language, and the map's places are those in Kazakhstan.
func TestPicturesDrawInEveryLanguage(t *testing.T) {
	h := NewHandler(testIndex(t))
	for _, lang := range Langs {
		in := &Input{Request: &Request{Lang: lang}, Lang: lang, p: newPrinter(lang)}
		for name, pic := range map[string]*Picture{"timeline": h.timelinePicture(in), "figures": h.figuresPicture(in), "khorgos": h.khorgosPicture(in, h.findProject(t.Context(), khorgosProject))} {
			if pic == nil {
				t.Fatalf("%s %s: no picture", lang, name)
			}
			raw, err := pic.Draw()
			if err != nil || len(raw) < 10_000 {
				t.Errorf("%s %s: %d bytes, %v", lang, name, len(raw), err)
			}
			again, _ := pic.Draw()
			if &again[0] != &raw[0] {
				t.Errorf("%s %s is drawn again rather than kept", lang, name)
			}
		}
	}
	k := h.findProject(t.Context(), khorgosProject)
	pins := mapPins(h.base(), k, "en")
	if len(pins) < 4 || !pins[0].Highlight {
		t.Errorf("map pins = %+v, want Khorgos highlighted first and the places around", pins)
	}
	for _, pn := range pins {
		if pn.Lon < 45 || pn.Lon > 90 {
			t.Errorf("pin %q is off the map of Kazakhstan", pn.Name)
		}
	}
}
