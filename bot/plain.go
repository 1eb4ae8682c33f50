package bot

import (
	"fmt"
	"io"
)

// WritePlain writes replies to w as plain text: HTML without tags, map
// pins as a line, callback notices in parentheses. With buttons, it lists
// the callback buttons numbered from 1 and returns them in that order.
func WritePlain(w io.Writer, replies []Reply, buttons bool) []Button {
	var out []Button
	first := true
	for _, r := range replies {
		switch {
		case r.Noticed():
			if r.Notice != "" {
				fmt.Fprintf(w, "(%s)\n", r.Notice)
			}
		case r.Venue != nil:
			fmt.Fprintf(w, "📍 %s — %s (%.4f, %.4f)\n", r.Venue.Title, r.Venue.Address, r.Venue.Lat, r.Venue.Lon)
		case r.Document != nil:
			fmt.Fprintf(w, "📎 %s (%d bytes): %s\n%s\n", r.Document.Name, len(r.Document.Data), PlainText(r.HTML), r.Document.Data)
		case r.HTML != "":
			if !first {
				fmt.Fprintln(w)
			}
			first = false
			fmt.Fprintln(w, PlainText(r.HTML))
			if !buttons {
				continue
			}
			for _, row := range r.Buttons {
				for _, b := range row {
					if b.URL != "" {
						fmt.Fprintf(w, "  🔗 %s: %s\n", b.Text, b.URL)
						continue
					}
					if b.Data == "" {
						continue
					}
					out = append(out, b)
					fmt.Fprintf(w, "  [%d] %s\n", len(out), b.Text)
				}
			}
		}
	}
	return out
}
