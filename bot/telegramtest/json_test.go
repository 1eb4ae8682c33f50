package telegramtest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestDropNullMembers(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"no nulls", `{"a":1,"b":"x"}`, `{"a":1,"b":"x"}`},
		{"first", `{"a":null,"b":1}`, `{"b":1}`},
		{"last", `{"a":1,"b":null}`, `{"a":1}`},
		{"middle", `{"a":1,"b":null,"c":2}`, `{"a":1,"c":2}`},
		{"all", `{"a":null,"b":null}`, `{}`},
		{"nested", `{"a":{"x":null},"b":null,"c":[{"y":null,"z":0}]}`, `{"a":{},"c":[{"z":0}]}`},
		{"array nulls stay", `[null,{"a":null},null]`, `[null,{},null]`},
		{"top-level null", `null`, `null`},
		{"null in a string", `{"a":"\":null","b":"x:null"}`, `{"a":"\":null","b":"x:null"}`},
		{"escaped backslash before quote", `{"a":"\\","b":null}`, `{"a":"\\"}`},
		{"name with escapes", `{"a\"b":null,"c\\":null,"d":true}`, `{"d":true}`},
	}
	for _, tt := range tests {
		if got := dropNullMembers([]byte(tt.in)); string(got) != tt.want {
			t.Errorf("%s: dropNullMembers(%s) = %s, want %s", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestEncodeMatchesTree checks encode against dropping nulls from the decoded
// tree, for the values the server sends back.
func TestEncodeMatchesTree(t *testing.T) {
	s := NewServer("1:x")
	defer s.Close()
	bot := s.Bot()
	markup := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("null", ":null"),
		tgbotapi.NewInlineKeyboardButtonURL(`"quoted" \ <b>`, "https://example.com/?a=1&b=2"),
	))
	values := []any{
		true,
		bot,
		TextMessage(1, 1, "hello"),
		Callback(-5, 7, 3, "x"),
		InlineQuery(8, `a "query":null`),
		PollAnswer("p", 9),
		tgbotapi.Message{MessageID: 1, From: &bot, Chat: &tgbotapi.Chat{ID: 1, Type: "private"}, Text: "x:null", ReplyMarkup: &markup},
		tgbotapi.ChatMember{User: &bot, Status: "member"},
		[]tgbotapi.BotCommand{},
	}
	for _, v := range values {
		got, err := encode(v)
		if err != nil {
			t.Fatalf("encode(%T): %v", v, err)
		}
		raw, _ := json.Marshal(v)
		if want := withoutNulls(t, raw); !sameJSON(got, want) {
			t.Errorf("encode(%T) = %s, want %s", v, got, want)
		}
	}
}

func FuzzDropNullMembers(f *testing.F) {
	f.Add([]byte(`{"a":null,"b":[null,{"c":null,"d":"\":null"}],"e":{}}`))
	f.Add([]byte(`[{"x\\":null},"y",null]`))
	f.Add([]byte(`{"update_id":1,"message":{"text":"null","chat":null}}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		var tree any
		if json.Unmarshal(in, &tree) != nil {
			return
		}
		// What json.Marshal writes: compact, without repeated names.
		raw, err := json.Marshal(tree)
		if err != nil {
			return
		}
		want := withoutNulls(t, raw)
		if got := dropNullMembers(bytes.Clone(raw)); !sameJSON(got, want) {
			t.Errorf("dropNullMembers(%s) = %s, want %s", raw, got, want)
		}
	})
}

// withoutNulls drops the null members from raw the slow way, through a
// decoded tree, as the server once did for every response.
func withoutNulls(t *testing.T, raw []byte) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	var drop func(any)
	drop = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if e == nil {
					delete(v, k)
				} else {
					drop(e)
				}
			}
		case []any:
			for _, e := range v {
				drop(e)
			}
		}
	}
	drop(tree)
	out, err := json.Marshal(tree)
	if err != nil {
		t.Fatalf("encode %s: %v", raw, err)
	}
	return out
}

// sameJSON reports whether a and b are valid JSON of the same meaning,
// whatever the order of object members.
func sameJSON(a, b []byte) bool {
	decode := func(raw []byte) (any, bool) {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var v any
		return v, json.Valid(raw) && dec.Decode(&v) == nil
	}
	va, okA := decode(a)
	vb, okB := decode(b)
	return okA && okB && reflect.DeepEqual(va, vb)
}

func TestJSONMembers(t *testing.T) {
	tests := []struct {
		in   string
		want []string // name, value, name, value...
	}{
		{`{}`, nil},
		{` { } `[1:], nil},
		{`{"a":1,"b":"x,}]","c":{"d":[1,{"e":"}"}]},"f":null}`, []string{"a", "1", "b", `"x,}]"`, "c", `{"d":[1,{"e":"}"}]}`, "f", "null"}},
		{"{ \"a\" :\n true ,\t\"b\\u0022\":[ ] , \"c\":-1.5e3}", []string{"a", "true", `b"`, "[ ]", "c", "-1.5e3"}},
		{`{"a":"\\","b":"\""}`, []string{"a", `"\\"`, "b", `"\""`}},
	}
	for _, tt := range tests {
		var got []string
		for name, value := range jsonMembers(tt.in) {
			got = append(got, name, value)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("jsonMembers(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJSONElements(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`[]`, nil},
		{`[ ]`, nil},
		{`[1, "a]" ,[2,[3]],{"b":"]"} ,null,true]`, []string{"1", `"a]"`, "[2,[3]]", `{"b":"]"}`, "null", "true"}},
	}
	for _, tt := range tests {
		var got []string
		for e := range jsonElements(tt.in) {
			got = append(got, e)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("jsonElements(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJSONString(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{`"abc"`, "abc", true},
		{`""`, "", true},
		{`"a\nb\u00e9\""`, "a\nbé\"", true},
		{"\"a\xffb\"", "a\ufffdb", true},
		{`null`, "", false},
		{`12`, "", false},
		{``, "", false},
	}
	for _, tt := range tests {
		if got, ok := jsonString(tt.in); got != tt.want || ok != tt.wantOK {
			t.Errorf("jsonString(%s) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}
