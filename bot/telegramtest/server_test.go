package telegramtest

import (
	"fmt"
	"mime"
	"net"
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

// TestUploadCutOffIsNoError: a client that hangs up halfway through a
// multipart upload, as a bot shutting down does, has asked nothing of
// Telegram, so the server records no error; a whole body that is not
// valid multipart is still refused.
func TestUploadCutOffIsNoError(t *testing.T) {
	const token = "123:cut"
	s := NewServer(token)
	head := "POST /bot" + token + "/sendPhoto HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=B\r\n"
	part := "--B\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n5\r\n--B\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\n\r\nPNGDATA"
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "%sContent-Length: %d\r\n\r\n%s", head, len(part)+1000, part)
	conn.Close()

	// A complete body whose parts never end is malformed.
	bad := part + "\r\n--"
	resp, err := http.Post(s.URL+"/bot"+token+"/sendPhoto", "multipart/form-data; boundary=B", strings.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	s.Close()
	errs := s.Errors()
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "parse multipart body") {
		t.Errorf("errors = %v, want one, for the malformed body only", errs)
	}
}
