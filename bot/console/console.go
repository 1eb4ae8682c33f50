// Package console carries the bot over a terminal, beside the Telegram
// transport: the same Handler, the same replies, printed as plain text,
// with buttons and quiz polls as numbered choices that typing the number
// presses. It implements bot.Pusher, so a class quiz runs here too: with
// Group set, the console plays a class group chat.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/silkroad-bot/silkroad/bot"
)

// chatID and groupID are the console's chats: a private chat with its one
// user, or (Group) a class group that user is in.
const (
	chatID  = 1
	groupID = -1
)

// Console carries a Handler over a terminal.
type Console struct {
	h *bot.Handler
	// LangCode plays the part of Telegram's language_code.
	LangCode string
	// PictureDir is where the pictures the bot draws are saved as PNG
	// files, for the user to open; empty means they are not drawn.
	PictureDir string
	// Group makes the console a class group chat: /quiz runs a class
	// quiz, its polls answered by typing an option's number.
	Group bool

	mu       sync.Mutex // guards out and the fields below; pushes come from the quiz's goroutine
	out      io.Writer
	choices  []choice // of the last turn, numbered from 1
	msgID    int
	polls    int // polls sent so far
	pictures int // pictures without a key saved so far
}

// choice is one numbered choice: a button, or an option of a poll.
type choice struct {
	button bot.Button
	poll   string // the poll's id, for an option
	option int
	text   string // the option's text
	msgID  int    // the message the poll or button is on
}

// New returns a console chat over h, printing to out.
func New(h *bot.Handler, out io.Writer) *Console {
	return &Console{h: h, out: out}
}

func (c *Console) lang() string { return bot.LangOf(c.LangCode) }

// Run reads lines from in until it ends or ctx is done. Each line is a
// choice's number, a command or a question.
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
	c.print(bot.T(c.lang(), "console.hello") + " " + bot.T(c.lang(), "console.choice") + "\n> ")
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
			c.print("\n")
			c.Say(ctx, line)
			c.print("> ")
		}
	}
}

func (c *Console) print(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprint(c.out, s)
}

// Say handles one line of input and prints the replies.
func (c *Console) Say(ctx context.Context, line string) {
	line = strings.TrimSpace(line)
	if line == "" {
		return
	}
	c.mu.Lock()
	c.msgID++
	req := &bot.Request{
		UpdateID: c.msgID, ChatID: chatID, ChatType: bot.ChatPrivate,
		UserID: chatID, UserName: "console", FullName: "Console", LangCode: c.LangCode, MessageID: c.msgID,
	}
	if c.Group {
		req.ChatID, req.ChatType, req.Addressed = groupID, bot.ChatGroup, true
	}
	n, err := strconv.Atoi(line)
	switch {
	case err == nil && len(c.choices) > 0:
		if n < 1 || n > len(c.choices) {
			fmt.Fprintln(c.out, bot.T(c.lang(), "console.bad_choice", n))
			c.mu.Unlock()
			return
		}
		ch := c.choices[n-1]
		if ch.poll != "" {
			// A vote, shown as Telegram shows one: a tick by the option.
			req.Kind, req.PollID, req.Options, req.ChatID, req.ChatType = bot.KindPollAnswer, ch.poll, []int{ch.option}, 0, ""
			fmt.Fprintf(c.out, "✓ %s\n", ch.text)
		} else {
			req.Kind, req.Data, req.CallbackID, req.MessageID = bot.KindCallback, ch.button.Data, "console", ch.msgID
		}
	default:
		req.Kind, req.Text = bot.KindMessage, line
		req.Command, req.Args, req.ForOtherBot = bot.ParseCommand(line, c.h.Username())
	}
	c.mu.Unlock()
	replies := c.h.Handle(ctx, req)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.render(replies)
}

// Push prints a reply the bot sends on its own, such as a class quiz's
// next poll. It makes the console a bot.Pusher.
func (c *Console) Push(_ context.Context, _ int64, r bot.Reply) (bot.Sent, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.msgID++
	sent := bot.Sent{MessageID: c.msgID}
	switch {
	case r.Poll != nil:
		c.polls++
		sent.PollID = "console-poll-" + strconv.Itoa(c.polls)
		fmt.Fprintf(c.out, "\n📊 %s\n", r.Poll.Question)
		c.choices = c.choices[:0]
		for i, o := range r.Poll.Options {
			c.choices = append(c.choices, choice{poll: sent.PollID, option: i, text: o, msgID: c.msgID})
			fmt.Fprintf(c.out, "  [%d] %s\n", i+1, o)
		}
	case r.StopPoll != 0:
		if len(c.choices) > 0 && c.choices[0].poll != "" && c.choices[0].msgID == r.StopPoll {
			c.choices = nil
		}
	default:
		fmt.Fprintln(c.out)
		c.render([]bot.Reply{r})
	}
	fmt.Fprint(c.out, "> ")
	return sent, nil
}

// Member names the console's one user, who runs the chat.
func (c *Console) Member(context.Context, int64, int64) (string, bool, error) {
	return "Console", true, nil
}

// errNoFiles is Download's answer: nobody sends files in a terminal.
var errNoFiles = errors.New("the console chat cannot receive files")

// Download fails: the console has no files to fetch.
func (c *Console) Download(context.Context, string, int) ([]byte, error) {
	return nil, errNoFiles
}

// render prints replies as plain text and remembers their buttons; a
// picture is saved in PictureDir, and its place printed. c.mu must be
// held.
func (c *Console) render(replies []bot.Reply) {
	for i, r := range replies {
		if r.Photo != nil {
			replies[i].HTML = c.savePicture(r)
			replies[i].Photo = nil
		}
	}
	if buttons := bot.WritePlain(c.out, replies, true); len(buttons) > 0 {
		c.choices = c.choices[:0]
		for _, b := range buttons {
			c.choices = append(c.choices, choice{button: b, msgID: c.msgID})
		}
	}
}

// savePicture draws r's picture into PictureDir and returns r's caption
// with a line that says where the picture is.
func (c *Console) savePicture(r bot.Reply) string {
	if c.PictureDir == "" {
		return r.HTML
	}
	log := c.h.Logger()
	png, err := r.Photo.Draw()
	if err != nil {
		log.Error("a picture could not be drawn", "key", r.Photo.Key, "err", err)
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
		log.Error("the picture folder could not be made", "dir", c.PictureDir, "err", err)
		return r.HTML
	}
	if err := os.WriteFile(path, png, 0o600); err != nil {
		log.Error("a picture could not be saved", "path", path, "err", err)
		return r.HTML
	}
	return r.HTML + "\n" + html.EscapeString(bot.T(c.lang(), "console.picture", path))
}
