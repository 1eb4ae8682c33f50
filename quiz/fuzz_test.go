package quiz

import (
	"strings"
	"testing"
)

// FuzzParseCode checks that ParseCode accepts only canonical codes of
// the alphabet, and that a parsed code parses to itself.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"ABC234", " abc234 ", "ABCDE0", "hw_ABC234", "ÀBC234", "", "ZZZZZZZ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, err := ParseCode(s)
		if err != nil {
			return
		}
		if len(code) != CodeLen {
			t.Errorf("ParseCode(%q) = %q: length %d", s, code, len(code))
		}
		for _, r := range code {
			if !strings.ContainsRune(CodeAlphabet, r) {
				t.Errorf("ParseCode(%q) = %q: %q is not in the alphabet", s, code, r)
			}
		}
		if again, err := ParseCode(code); err != nil || again != code {
			t.Errorf("ParseCode(%q) = %q, %v; want it unchanged", code, again, err)
		}
	})
}
