package telegramtest

import "testing"

func TestCheckHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		ok   bool
	}{
		{"plain", "hello", true},
		{"bold", "<b>x</b> &amp; <i>y</i>", true},
		{"nested", "<b><i>x</i></b>", true},
		{"link", `<a href="https://t.me/x">x</a>`, true},
		{"numeric entity", "&#39;&#x27;", true},
		{"crossed", "<b><i>x</b></i>", false},
		{"unclosed", "<b>x", false},
		{"unknown tag", "<div>x</div>", false},
		{"attribute", `<b class="x">y</b>`, false},
		{"bare lt", "a < b", false},
		{"bare amp", "a & b", false},
		{"named entity", "&nbsp;", false},
		{"bare gt", "a > b", false},
	}
	for _, tt := range tests {
		err := CheckHTML(tt.in)
		if got := err == nil; got != tt.ok {
			t.Errorf("%s: CheckHTML(%q) = %v, want ok=%v", tt.name, tt.in, err, tt.ok)
		}
	}
}
