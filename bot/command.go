package bot

import "strings"

// ParseCommand splits "/name@bot args" into the lower-case name and the
// arguments. forOther is true when the command names another bot. Text
// that is not a command gives an empty name.
func ParseCommand(text, username string) (name, args string, forOther bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	head, rest, _ := strings.Cut(text[1:], " ")
	if i := strings.IndexAny(head, "\n\t"); i >= 0 {
		rest = head[i+1:] + " " + rest
		head = head[:i]
	}
	head, target, hasTarget := strings.Cut(head, "@")
	if head == "" || len(head) > 32 {
		return "", "", false
	}
	for _, r := range head {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return "", "", false
		}
	}
	if hasTarget && !strings.EqualFold(target, username) {
		forOther = true
	}
	return strings.ToLower(head), strings.TrimSpace(rest), forOther
}
