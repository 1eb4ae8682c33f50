package index

import (
	"maps"
	"slices"
	"testing"
)

// TestTermSetsAreTheAnalyzersTerms checks that the term sets read back
// from bleve's analysis of each fact are what the field's analyzer makes
// of its text: if a bleve upgrade stopped leaving the analysis in the
// documents, coverage would silently see no terms at all.
func TestTermSetsAreTheAnalyzersTerms(t *testing.T) {
	ix := realIndex(t)
	for i := range ix.base.Facts {
		f := &ix.base.Facts[i]
		d := factDoc(f, ix.projectOf(f))
		for _, fld := range textFields() {
			text, _ := d[fld].(string)
			want := map[string]bool{}
			for _, term := range ix.analyze(ix.m.FieldAnalyzer(fld), text) {
				want[term] = true
			}
			if got := ix.terms[fld][i]; !maps.Equal(got, want) {
				t.Errorf("%s %s: terms %v, want %v", f.ID, fld, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
			}
		}
	}
	if len(ix.df[titleField("en")]) == 0 {
		t.Error("no English title terms at all")
	}
}
