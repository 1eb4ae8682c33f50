package telegramtest

import (
	"bytes"
	"encoding/json"
	"iter"
	"strings"
	"unicode/utf8"
)

// encode marshals v as Telegram would, without the null members that
// tgbotapi's types write for absent fields.
func encode(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return dropNullMembers(raw), nil
}

// dropNullMembers removes every object member whose value is null from raw,
// which must be compact JSON such as json.Marshal writes, and returns the
// result in raw's memory. Nulls in arrays stay. In compact JSON a string
// followed by ':' is a member's name, and the only value that starts with
// 'n' is null.
func dropNullMembers(raw []byte) []byte {
	if !bytes.Contains(raw, []byte(":null")) {
		return raw
	}
	out := raw[:0] // out never grows past i, so it can reuse raw
	for i := 0; i < len(raw); {
		if raw[i] != '"' {
			out = append(out, raw[i])
			i++
			continue
		}
		end := stringEnd(raw, i)
		if !bytes.HasPrefix(raw[end:], []byte(":null")) {
			out = append(out, raw[i:end]...)
			i = end
			continue
		}
		// Drop the member and one comma next to it: the one before it, or
		// if it comes first in its object, the one after it.
		i = end + len(":null")
		if out[len(out)-1] == ',' {
			out = out[:len(out)-1]
		} else if i < len(raw) && raw[i] == ',' {
			i++
		}
	}
	return out
}

// The functions below walk JSON text that json.Valid has accepted, without
// decoding it: they find member names and values by position only.

// stringEnd returns the index just past the JSON string that starts at
// s[i], or len(s) if it is not closed.
func stringEnd[T string | []byte](s T, i int) int {
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(s)
}

func isJSONSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r'
}

// skipSpace returns the index of the first byte of s at or after i that is
// not JSON white space.
func skipSpace(s string, i int) int {
	for i < len(s) && isJSONSpace(s[i]) {
		i++
	}
	return i
}

// valueEnd returns the index just past the JSON value that starts at s[i].
func valueEnd(s string, i int) int {
	switch s[i] {
	case '"':
		return stringEnd(s, i)
	case '{', '[':
		depth := 0
		for ; i < len(s); i++ {
			switch s[i] {
			case '"':
				i = stringEnd(s, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return len(s)
	}
	// A number, true, false or null.
	for i < len(s) && s[i] != ',' && s[i] != '}' && s[i] != ']' && !isJSONSpace(s[i]) {
		i++
	}
	return i
}

// jsonElements yields the elements of the JSON array arr, which must start
// with '['.
func jsonElements(arr string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := skipSpace(arr, 1); i < len(arr) && arr[i] != ']'; {
			end := valueEnd(arr, i)
			if end == i || !yield(arr[i:end]) {
				return
			}
			i = skipSpace(arr, end)
			if i < len(arr) && arr[i] == ',' {
				i = skipSpace(arr, i+1)
			}
		}
	}
}

// jsonMembers yields the name, decoded, and the value of each member of the
// JSON object obj, which must start with '{', in order.
func jsonMembers(obj string) iter.Seq2[string, string] {
	return func(yield func(name, value string) bool) {
		for i := skipSpace(obj, 1); i < len(obj) && obj[i] == '"'; {
			end := stringEnd(obj, i)
			name, _ := jsonString(obj[i:end])
			i = skipSpace(obj, skipSpace(obj, end)+len(":"))
			if i >= len(obj) {
				return
			}
			valEnd := valueEnd(obj, i)
			if valEnd == i || !yield(name, obj[i:valEnd]) {
				return
			}
			i = skipSpace(obj, valEnd)
			if i < len(obj) && obj[i] == ',' {
				i = skipSpace(obj, i+1)
			}
		}
	}
}

// jsonString decodes the JSON value v as json.Unmarshal into a string
// does, and reports whether v is a string: null is not.
func jsonString(v string) (string, bool) {
	if len(v) < 2 || v[0] != '"' {
		return "", false
	}
	if s := v[1 : len(v)-1]; strings.IndexByte(s, '\\') < 0 && utf8.ValidString(s) {
		return s, true
	}
	var s string
	err := json.Unmarshal([]byte(v), &s)
	return s, err == nil
}
