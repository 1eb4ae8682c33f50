package bot

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Console carries a Handler over a terminal: it reads questions and
// commands line by line and prints the same replies Telegram users get, as
// plain text, with buttons as numbered choices that typing the number
// presses.
type Console struct {
	h   *Handler
	out io.Writer
	// LangCode plays the part of Telegram's language_code.
	LangCode string
	// PictureDir is where the pictures the bot draws are saved as PNG
	// files, for the user to open; empty means they are not drawn.
	PictureDir string

	buttons  []Button // the choices of the last turn, numbered from 1
	msgID    int
	pictures int // pictures without a key saved so far
}

// consoleChat is the chat and user id of the console.
const consoleChat = 1

// NewConsole returns a console chat over h, printing to out.
func NewConsole(h *Handler, out io.Writer) *Console {
	return &Console{h: h, out: out}
}

// Run reads lines from in until it ends or ctx is done. Each line is a
// button number, a command or a question.
func (c *Console) Run(ctx context.Context, in io.Reader) error {
	lines := make(chan string)
	errc := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		errc <- sc.Err()
		close(lines)
	}()
	p := newPrinter(chooseLang("", "", c.LangCode))
	fmt.Fprintln(c.out, p.T(msgConsoleHello)+" "+p.T(msgConsoleChoice))
	c.prompt()
	for {
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok {
				if err := <-errc; err != nil {
					return fmt.Errorf("read console input: %w", err)
				}
				return nil
			}
			fmt.Fprintln(c.out)
			c.Say(ctx, line)
			c.prompt()
		}
	}
}

func (c *Console) prompt() { fmt.Fprint(c.out, "> ") }

// savePicture draws r's picture into PictureDir and returns r's caption
// with a line that says where the picture is.
func (c *Console) savePicture(r Reply) string {
	p := newPrinter(chooseLang("", "", c.LangCode))
	if c.PictureDir == "" {
		return r.HTML
	}
	png, err := r.Photo.Draw()
	if err != nil {
		c.h.log.Error("a picture could not be drawn", "key", r.Photo.Key, "err", err)
		return r.HTML
	}
	name := r.Photo.Key
	if name == "" {
		c.pictures++
		name = "picture-" + strconv.Itoa(c.pictures)
	}
	name = strings.NewReplacer("/", "-", "\\", "-", "..", "-").Replace(name) + ".png"
	path := filepath.Join(c.PictureDir, name)
	if err := os.MkdirAll(c.PictureDir, 0o700); err != nil {
		c.h.log.Error("the picture folder could not be made", "dir", c.PictureDir, "err", err)
		return r.HTML
	}
	if err := os.WriteFile(path, png, 0o600); err != nil {
		c.h.log.Error("a picture could not be saved", "path", path, "err", err)
		return r.HTML
	}
	return r.HTML + "\n" + esc(p.T(msgConsolePicture, path))
}

// Say handles one line of input and prints the replies.
func (c *Console) Say(ctx context.Context, line string) {
	line = strings.TrimSpace(line)
	if line == "" {
		return
	}
	c.msgID++
	req := &Request{
		UpdateID: c.msgID, ChatID: consoleChat, ChatType: ChatPrivate,
		UserID: consoleChat, UserName: "console", LangCode: c.LangCode, MessageID: c.msgID,
	}
	if n, err := strconv.Atoi(line); err == nil && len(c.buttons) > 0 {
		if n < 1 || n > len(c.buttons) {
			fmt.Fprintln(c.out, newPrinter(chooseLang("", "", c.LangCode)).T(msgConsoleBadChoice, n))
			return
		}
		b := c.buttons[n-1]
		req.Kind, req.Data, req.CallbackID = KindCallback, b.Data, "console"
	} else {
		req.Kind, req.Text = KindMessage, line
		req.Command, req.Args, req.ForOtherBot = ParseCommand(line, c.h.Username())
	}
	c.render(c.h.Handle(ctx, req))
}

// render prints replies as plain text and remembers their buttons; a
// picture is saved in PictureDir, and its place printed.
func (c *Console) render(replies []Reply) {
	for i, r := range replies {
		if r.Photo != nil {
			replies[i].HTML = c.savePicture(r)
			replies[i].Photo = nil
		}
	}
	if buttons := WritePlain(c.out, replies, true); len(buttons) > 0 {
		c.buttons = buttons
	}
}

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
			fmt.Fprintf(w, "📎 %s (%d bytes): %s\n%s\n", r.Document.Name, len(r.Document.Data), plainText(r.HTML), r.Document.Data)
		case r.HTML != "":
			if !first {
				fmt.Fprintln(w)
			}
			first = false
			fmt.Fprintln(w, plainText(r.HTML))
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
