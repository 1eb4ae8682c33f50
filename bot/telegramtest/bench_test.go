package telegramtest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

const benchToken = "123456:bench-token"

// benchReply is a sendMessage as the bot sends its answers: HTML text with
// entities and an inline keyboard of two buttons.
var benchReply = url.Values{
	"chat_id":                  {"100000"},
	"parse_mode":               {"HTML"},
	"disable_web_page_preview": {"true"},
	"text": {"<b>Belt and Road: a modern Silk Road</b>\n\nChina&#39;s global Belt and Road Initiative is often called " +
		"the modern &#34;Silk Road&#34;. Its results were achieved within just <b>a decade</b>.\n" +
		"<i>Source: “The return of the Great Silk Road”, section “Introduction”</i>"},
	"reply_markup": {`{"inline_keyboard":[[{"text":"More like this","callback_data":"1|m|bri-modern-silk-road"}],` +
		`[{"text":"Another answer","callback_data":"1|a|31kq4ww4|1"}]]}`},
}.Encode()

// serve runs one request through the server's handler, without a network,
// and fails b unless it is answered with 200 OK.
func serve(b *testing.B, s *Server, method, form string) {
	r := httptest.NewRequest(http.MethodPost, "/bot"+benchToken+"/"+method, strings.NewReader(benchReply))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	s.serveHTTP(w, r)
	if w.Code != http.StatusOK {
		b.Fatalf("%s = %d %s, want 200", method, w.Code, w.Body)
	}
}

// BenchmarkSendMessage measures the server's own cost of a sendMessage:
// parsing, checking the text and keyboard, storing, recording and encoding
// the result.
func BenchmarkSendMessage(b *testing.B) {
	s := NewServer(benchToken, WithHistory(1024))
	defer s.Close()
	b.ReportAllocs()
	for b.Loop() {
		serve(b, s, "sendMessage", benchReply)
	}
}

// BenchmarkGetUpdates measures pushing one text message and receiving it
// with getUpdates, which confirms the one before.
func BenchmarkGetUpdates(b *testing.B) {
	s := NewServer(benchToken, WithHistory(1024))
	defer s.Close()
	b.ReportAllocs()
	for b.Loop() {
		id := s.PushUpdate(InLanguage(TextMessage(100000, 100000, "What is the Belt and Road Initiative?"), "ru"))
		serve(b, s, "getUpdates", "offset="+strconv.Itoa(id)+"&timeout=30")
	}
}

// BenchmarkSendMessageHTTP measures a sendMessage round trip over loopback,
// client included, as the bot makes it.
func BenchmarkSendMessageHTTP(b *testing.B) {
	s := NewServer(benchToken, WithHistory(1024))
	defer s.Close()
	client := &http.Client{}
	defer client.CloseIdleConnections()
	endpoint := s.URL + "/bot" + benchToken + "/sendMessage"
	b.ReportAllocs()
	for b.Loop() {
		resp, err := client.Post(endpoint, "application/x-www-form-urlencoded", strings.NewReader(benchReply))
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("sendMessage = %d, want 200", resp.StatusCode)
		}
	}
}
