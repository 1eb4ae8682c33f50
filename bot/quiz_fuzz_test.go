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
		{"", quizArgs{cat: "", count: 10, seconds: 30}, false},
		{"energy", quizArgs{cat: "energy", count: 10, seconds: 30}, false},
		{"energy 5 20", quizArgs{cat: "energy", count: 5, seconds: 20, counted: true}, false},
		{"5 20 Energy", quizArgs{cat: "energy", count: 5, seconds: 20, counted: true}, false},
		{"all 3", quizArgs{cat: "", count: 3, seconds: 30, counted: true}, false},
		{"все 3", quizArgs{cat: "", count: 3, seconds: 30, counted: true}, false},
		{"The Belt and Road 4", quizArgs{cat: "initiative", count: 4, seconds: 30, counted: true}, false},
		{"0 1", quizArgs{cat: "", count: 1, seconds: MinQuizSeconds, counted: true}, false},
		{"1000 100000", quizArgs{cat: "", count: MaxQuizCount, seconds: MaxQuizSeconds, counted: true}, false},
		{"-3", quizArgs{cat: "", count: 1, seconds: 30, counted: true}, false},
		{"trade 5 20 streak=off", quizArgs{cat: "trade", count: 5, seconds: 20, noStreak: true, counted: true}, false},
		{"Points=Simple energy", quizArgs{cat: "energy", count: 10, seconds: 30, simple: true}, false},
		{"points=speed streak=on 4", quizArgs{cat: "", count: 4, seconds: 30, counted: true}, false},
		{"trade 8 3d", quizArgs{cat: "trade", count: 8, seconds: 30, counted: true, due: "3d"}, false},
		{"20.12.2026 energy", quizArgs{cat: "energy", count: 10, seconds: 30, due: "20.12.2026"}, false},
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
