package telegramtest

import (
	"mime"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

func TestParseFormMatchesRequestParseForm(t *testing.T) {
	tests := []struct {
		name, method, target, contentType, body string
	}{
		{"post", "POST", "/", "application/x-www-form-urlencoded", "chat_id=5&text=a%26b+c&text=second"},
		{"post with charset", "POST", "/", "application/x-www-form-urlencoded; charset=utf-8", "a=1"},
		{"post and query", "POST", "/?a=query&q=1", "application/x-www-form-urlencoded", "a=body"},
		{"empty body", "POST", "/", "application/x-www-form-urlencoded", ""},
		{"semicolon", "POST", "/", "application/x-www-form-urlencoded", "a=1;b=2"},
		{"bad escape", "POST", "/", "application/x-www-form-urlencoded", "a=%zz&b=2"},
		{"get", "GET", "/?offset=3&timeout=0", "", ""},
		{"put", "PUT", "/", "application/x-www-form-urlencoded", "a=1"},
		{"other type", "POST", "/?a=1", "text/plain", "b=2"},
	}
	for _, tt := range tests {
		newRequest := func() *http.Request {
			r := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			return r
		}
		r := newRequest()
		mediaType, _, _ := mime.ParseMediaType(tt.contentType)
		got, err := parseForm(r, mediaType)
		want := newRequest()
		wantErr := want.ParseForm()
		if (err != nil) != (wantErr != nil) || len(got) != len(want.Form) || (len(got) > 0 && !reflect.DeepEqual(got, want.Form)) {
			t.Errorf("%s: parseForm = %v, %v; want %v, %v", tt.name, got, err, want.Form, wantErr)
		}
	}
}
