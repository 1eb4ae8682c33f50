package bot

import (
	"testing"
)

func TestParseQuizArgs(t *testing.T) {
	tests := []struct {
		in      string
		want    quizArgs
		wantErr bool
	}{
		{"", quizArgs{"", 10, 30, false, false}, false},
		{"energy", quizArgs{"energy", 10, 30, false, false}, false},
		{"energy 5 20", quizArgs{"energy", 5, 20, false, false}, false},
		{"5 20 Energy", quizArgs{"energy", 5, 20, false, false}, false},
		{"all 3", quizArgs{"", 3, 30, false, false}, false},
		{"все 3", quizArgs{"", 3, 30, false, false}, false},
		{"The Belt and Road 4", quizArgs{"initiative", 4, 30, false, false}, false},
		{"0 1", quizArgs{"", 1, MinQuizSeconds, false, false}, false},
		{"1000 100000", quizArgs{"", MaxQuizCount, MaxQuizSeconds, false, false}, false},
		{"-3", quizArgs{"", 1, 30, false, false}, false},
		{"trade 5 20 streak=off", quizArgs{"trade", 5, 20, false, true}, false},
		{"Points=Simple energy", quizArgs{"energy", 10, 30, true, false}, false},
		{"points=speed streak=on 4", quizArgs{"", 4, 30, false, false}, false},
		{"points=fast", quizArgs{}, true},
		{"streak=maybe", quizArgs{}, true},
		{"sport", quizArgs{}, true},
		{"1 2 3", quizArgs{}, true},
	}
	for _, tt := range tests {
		got, err := parseQuizArgs(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("parseQuizArgs(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if !tt.wantErr && got != tt.want {
			t.Errorf("parseQuizArgs(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// FuzzQuizArgs checks that whatever follows /quiz, the parsed request
// stays within the limits and names a known category.
func FuzzQuizArgs(f *testing.F) {
	for _, s := range []string{"", "energy 5 20", "all", "9999999999999999999999 5", "Трансфер 3", "全部 2 600", "\x00 \u200b 7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := parseQuizArgs(s)
		if err != nil {
			return
		}
		if a.count < 1 || a.count > MaxQuizCount {
			t.Errorf("parseQuizArgs(%q): count %d out of range", s, a.count)
		}
		if a.seconds < MinQuizSeconds || a.seconds > MaxQuizSeconds {
			t.Errorf("parseQuizArgs(%q): seconds %d out of range", s, a.seconds)
		}
		if a.cat != "" && !a.cat.Known() {
			t.Errorf("parseQuizArgs(%q): unknown category %q", s, a.cat)
		}
	})
}
