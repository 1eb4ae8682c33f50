package bot

import (
	"errors"
	"strings"
	"testing"
)

func TestParseCallback(t *testing.T) {
	tests := []struct {
		in       string
		wantKind string
		wantArgs []string
		wantErr  bool
	}{
		{"1|f|khorgos-icbc-outlets", "f", []string{"khorgos-icbc-outlets"}, false},
		{"1|a|k3y|2", "a", []string{"k3y", "2"}, false},
		{"1|pp|0", "pp", []string{"0"}, false},
		{"1|q", "q", []string{}, false},
		{"", "", nil, true},
		{"2|f|x", "", nil, true},
		{"1", "", nil, true},
		{"1||x", "", nil, true},
		{"1|F|x", "", nil, true},
		{"1|f|", "", nil, true},
		{"1|f|a b", "", nil, true},
		{"1|f|<b>", "", nil, true},
		{"1|f|" + strings.Repeat("x", 61), "", nil, true},
		{"1|toolongkind|x", "", nil, true},
	}
	for _, tt := range tests {
		got, err := ParseCallback(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseCallback(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err != nil {
			if !errors.Is(err, ErrBadCallback) {
				t.Errorf("ParseCallback(%q) error = %v, want ErrBadCallback", tt.in, err)
			}
			continue
		}
		if got.Kind != tt.wantKind || strings.Join(got.Args, ",") != strings.Join(tt.wantArgs, ",") {
			t.Errorf("ParseCallback(%q) = %+v, want kind %q args %q", tt.in, got, tt.wantKind, tt.wantArgs)
		}
	}
}

func TestCallbackInt(t *testing.T) {
	tests := []struct {
		arg  string
		want int
		ok   bool
	}{
		{"0", 0, true}, {"12", 12, true}, {"012", 0, false}, {"-1", 0, false}, {"99999", 0, false}, {"x", 0, false},
	}
	for _, tt := range tests {
		got, err := Callback{Kind: "p", Args: []string{tt.arg}}.Int(0)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("Int(%q) = %d, %v; want %d, ok %v", tt.arg, got, err, tt.want, tt.ok)
		}
	}
}

func TestNewCallbackTooLong(t *testing.T) {
	if _, ok := NewCallback("f", strings.Repeat("x", 61)); ok {
		t.Errorf("NewCallback with 65 bytes of data reported ok")
	}
}

// FuzzParseCallback checks that whatever ParseCallback accepts fits in
// callback_data and encodes back to exactly the same bytes.
func FuzzParseCallback(f *testing.F) {
	for _, s := range []string{"1|f|khorgos-icbc", "1|a|abc123|1", "1|cp|energy|0", "2|f|x", "1||", "|||", "1|f|\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		c, err := ParseCallback(data)
		if err != nil {
			return
		}
		if len(data) > MaxCallbackData {
			t.Fatalf("ParseCallback accepted %d bytes", len(data))
		}
		if got := c.String(); got != data {
			t.Fatalf("ParseCallback(%q).String() = %q, want the input", data, got)
		}
	})
}
