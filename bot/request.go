// Package bot is silkroad's chat front end: it turns what users send into
// answer cards, command replies, buttons and inline results, and carries
// them over Telegram or a console.
//
// The core is transport-neutral: a Handler takes a Request and returns
// Replies. Telegram (long polling or a webhook) and Console are the two
// transports; both use the same Handler, so tests, the console chat and
// Telegram users see the same answers.
package bot

// Kind says what a Request is.
type Kind int

// The kinds of requests a Handler understands.
const (
	KindMessage    Kind = iota + 1 // a new text message (question or command)
	KindCallback                   // a button press
	KindInline                     // an inline query (@bot words)
	KindPollAnswer                 // a vote in a poll the bot sent
	KindOther                      // anything else: stickers, photos, edits, channel posts
)

// Chat types, as Telegram names them.
const (
	ChatPrivate    = "private"
	ChatGroup      = "group"
	ChatSupergroup = "supergroup"
	ChatChannel    = "channel"
)

// Request is one thing a user did, in transport-neutral form.
type Request struct {
	// UpdateID is the transport's id of the update, for logs.
	UpdateID int
	Kind     Kind
	// ChatID and ChatType say where the request came from; both are zero
	// for inline queries and poll answers.
	ChatID   int64
	ChatType string
	// ThreadID is the forum topic the message belongs to, or 0.
	ThreadID int
	// MessageID is the user's message, or for a callback the bot's
	// message that carried the button.
	MessageID int
	// UserID, UserName and LangCode describe the sender; LangCode is
	// Telegram's language_code ("ru", "en-US"), possibly empty.
	UserID   int64
	UserName string
	LangCode string
	// FullName is the sender's first and last name, as the update gives
	// them, for leaderboards.
	FullName string
	// Lang, when set, forces the answer language ("ru"), as `silkroad ask
	// --lang` does.
	Lang string
	// Text is the message text, the inline query, or empty.
	Text string
	// Addressed is true when, in a group, the message mentions the bot
	// or replies to one of its messages. Private messages ignore it.
	Addressed bool
	// Command is the command without the slash and bot name ("start"),
	// and Args the rest of the text, for messages that are commands.
	// ForOtherBot is true for "/cmd@otherbot".
	Command     string
	Args        string
	ForOtherBot bool
	// Other describes a KindOther request: "sticker", "photo", "voice",
	// "edited", "channel_post", ...
	Other string
	// CallbackID and Data are set for KindCallback; InlineMessageID is set
	// when the button was on a message sent in inline mode.
	CallbackID      string
	Data            string
	InlineMessageID string
	// InlineID is the inline query id, for KindInline.
	InlineID string
	// PollID and Options are set for KindPollAnswer.
	PollID  string
	Options []int
	// File is the document a KindOther "document" message carries, and
	// Poll the poll of a "poll" one (a teacher forwarding quiz polls).
	File *FileRef
	Poll *PollRef
}

// FileRef is a file a user sent: the transport fetches its bytes by ID.
type FileRef struct {
	ID      string
	Name    string
	Size    int // bytes, as the transport reports it; 0 when unknown
	Caption string
}

// PollRef is a poll a user sent or forwarded.
type PollRef struct {
	Quiz        bool // a quiz-mode poll, with one right answer
	Question    string
	Options     []string
	Correct     int // the right option, -1 when the transport did not say
	Explanation string
}

// Private reports whether the request came from a private chat (or the
// console).
func (r *Request) Private() bool { return r.ChatType == ChatPrivate }

// Button is one inline keyboard button: Data is the callback data, or URL
// a link.
type Button struct {
	Text string
	Data string
	URL  string
}

// Venue is a map pin.
type Venue struct {
	Lat, Lon float64
	Title    string
	Address  string
}

// Document is a file to send, such as a results spreadsheet.
type Document struct {
	Name string
	Data []byte
}

// File returns a reply that sends data as a file named name, with an
// HTML caption.
func File(name string, data []byte, caption string) Reply {
	return Reply{HTML: caption, Document: &Document{Name: name, Data: data}}
}

// Picture is an image the bot draws. A Key names its content and
// language: a picture with a key is drawn once, and Telegram receives
// it once, later sends going by the file_id Telegram gave it. A picture
// of one moment (a quiz's podium) has no key.
type Picture struct {
	Key  string
	Draw func() ([]byte, error) // a PNG
}

// Photo returns a reply that sends a picture with an HTML caption.
func Photo(p *Picture, caption string, rows ...[]Button) Reply {
	return Reply{HTML: caption, Photo: p, Buttons: rows}
}

// QuizPoll returns a reply that sends a class quiz's question as a quiz
// poll.
func QuizPoll(p Poll) Reply { return Reply{Poll: &p} }

// ClosePoll returns a reply that closes the poll of message messageID.
func ClosePoll(messageID int) Reply { return Reply{StopPoll: messageID} }

// Article is one inline-mode result: a card the user can send to any chat.
type Article struct {
	ID          string
	Title       string
	Description string
	HTML        string // the message sent when the user picks the result
}

// Reply is one thing the bot does, in answer to a Request or pushed
// (Pusher). The fields that are set say what: at most one of HTML,
// Venue, Document, Photo, Poll, StopPoll, Articles and Notice, with
// Buttons belonging to HTML (and to Photo), and HTML the caption of
// Document and Photo.
type Reply struct {
	// HTML is a message in Telegram's HTML subset, every piece of dynamic
	// text escaped. Transports split it if it is too long.
	HTML    string
	Buttons [][]Button
	// Edit says to replace the message the request's button was on,
	// instead of sending a new one. Only meaningful for callbacks.
	Edit bool
	// Protect keeps the message from being forwarded or saved (Telegram's
	// protect_content), as homework's questions are.
	Protect bool
	// Venue sends a map pin.
	Venue *Venue
	// Document sends a file, with HTML as its caption.
	Document *Document
	// Photo sends a picture the bot draws, with HTML as its caption.
	Photo *Picture
	// Poll sends a class quiz's question as a native quiz poll, and
	// StopPoll closes the poll of that message before its time.
	Poll     *Poll
	StopPoll int
	// Articles answers an inline query; CacheTime is in seconds.
	Articles  []Article
	CacheTime int
	// Notice answers a callback query: a short toast, or an alert when
	// Alert is set. Every callback request gets exactly one, added by the
	// Handler if the command did not.
	Notice string
	Alert  bool
	notice bool // an answer to the callback query, even with empty Notice
}

// Noticed reports whether the reply answers a callback query.
func (r Reply) Noticed() bool { return r.notice }

// Answer returns a reply that answers a callback query with a toast text,
// or silently when text is empty.
func Answer(text string) Reply { return Reply{Notice: text, notice: true} }

// Alert returns a reply that answers a callback query with an alert box.
func Alert(text string) Reply { return Reply{Notice: text, Alert: true, notice: true} }

// Message returns a reply that sends html with keyboard rows.
func Message(html string, rows ...[]Button) Reply { return Reply{HTML: html, Buttons: rows} }

// EditMessage returns a reply that replaces the message the button was on.
func EditMessage(html string, rows ...[]Button) Reply {
	return Reply{HTML: html, Buttons: rows, Edit: true}
}
