package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// MaxCallbackData is the most bytes Telegram allows in callback_data.
const MaxCallbackData = 64

// callbackVersion is the first field of every callback_data. Changing the
// layout of a kind means bumping it, so old buttons read as expired rather
// than doing something else.
const callbackVersion = "1"

// ErrBadCallback is returned by ParseCallback for data the bot did not
// make, or made under another version.
var ErrBadCallback = errors.New("bad callback data")

// Callback is decoded callback_data: "1|<kind>|<arg>|<arg>...".
type Callback struct {
	Kind string
	Args []string
}

// String encodes c as callback_data.
func (c Callback) String() string {
	return callbackVersion + "|" + c.Kind + strings.Join(prefixEach("|", c.Args), "")
}

func prefixEach(p string, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = p + s
	}
	return out
}

// Int returns argument i as a non-negative integer.
func (c Callback) Int(i int) (int, error) {
	if i >= len(c.Args) {
		return 0, fmt.Errorf("%w: no argument %d", ErrBadCallback, i)
	}
	n, err := strconv.Atoi(c.Args[i])
	if err != nil || n < 0 || n > 9999 || strconv.Itoa(n) != c.Args[i] {
		return 0, fmt.Errorf("%w: argument %d is not a small number", ErrBadCallback, i)
	}
	return n, nil
}

// ParseCallback decodes and checks callback_data: at most
// MaxCallbackData bytes, the current version, a kind of lower-case
// letters, and arguments made only of lower-case letters, digits, '-' and
// '_'. It does not check that the ids exist: a stale button passes here
// and is caught by its handler.
func ParseCallback(data string) (Callback, error) {
	if len(data) == 0 || len(data) > MaxCallbackData {
		return Callback{}, fmt.Errorf("%w: %d bytes", ErrBadCallback, len(data))
	}
	parts := strings.Split(data, "|")
	if len(parts) < 2 || parts[0] != callbackVersion {
		return Callback{}, fmt.Errorf("%w: not version %s", ErrBadCallback, callbackVersion)
	}
	c := Callback{Kind: parts[1], Args: parts[2:]}
	if c.Kind == "" || len(c.Kind) > 8 || strings.Trim(c.Kind, "abcdefghijklmnopqrstuvwxyz") != "" {
		return Callback{}, fmt.Errorf("%w: bad kind", ErrBadCallback)
	}
	for i, a := range c.Args {
		if !validArg(a) {
			return Callback{}, fmt.Errorf("%w: bad argument %d", ErrBadCallback, i)
		}
	}
	return c, nil
}

// validArg reports whether a is a non-empty id-like argument.
func validArg(a string) bool {
	if a == "" {
		return false
	}
	for i := 0; i < len(a); i++ {
		b := a[i]
		if !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '_') {
			return false
		}
	}
	return true
}

// NewCallback builds callback data for kind and args. It reports false
// when the result would not parse back, for example because it is longer
// than MaxCallbackData; callers then leave the button out.
func NewCallback(kind string, args ...string) (string, bool) {
	c := Callback{Kind: kind, Args: args}
	s := c.String()
	if _, err := ParseCallback(s); err != nil {
		return "", false
	}
	return s, true
}
