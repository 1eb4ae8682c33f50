package telegram

import (
	"encoding/json"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/silkroad-bot/silkroad/bot"
)

// incoming is one update as the transport reads it, decoded once.
type incoming struct {
	raw json.RawMessage
	u   update
	err error // why u did not decode, if it did not
	// id is the update_id, nil when the update has none; an update
	// that does not decode still has it.
	id *int64
	// thread is the message_thread_id of the update's message.
	thread int
	// logChecked is set once the update log has said the update was not
	// handled before.
	logChecked bool
	// pending is set for an update read back from the update log's
	// pending list, already confirmed to Telegram.
	pending bool
}

// update is one Bot API update, decoded in one pass into the bot's own
// types: as much of it as the bot reads, on today's Bot API
// (message_thread_id, correct_option_ids), which tgbotapi v5.5.1 does
// not know. tgbotapi sends the bot's requests; it does not read updates.
type update struct {
	// ID is a pointer, so that an update without one is told apart
	// from update 0; json keeps it even when another field fails.
	ID                *int64         `json:"update_id"`
	Message           *message       `json:"message"`
	EditedMessage     *message       `json:"edited_message"`
	ChannelPost       *message       `json:"channel_post"`
	EditedChannelPost *message       `json:"edited_channel_post"`
	CallbackQuery     *callbackQuery `json:"callback_query"`
	InlineQuery       *inlineQuery   `json:"inline_query"`
	PollAnswer        *pollAnswer    `json:"poll_answer"`
}

// updateID is the update's id, 0 when it has none.
func (u *update) updateID() int {
	if u.ID == nil {
		return 0
	}
	return int(*u.ID)
}

type user struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	UserName     string `json:"username"`
	LanguageCode string `json:"language_code"`
}

type chat struct {
	ID   int64  `json:"id"`
	Type string `json:"type"`
}

// present is a part of a message the bot only notes the presence of.
type present struct{}

type message struct {
	MessageID      int       `json:"message_id"`
	ThreadID       threadID  `json:"message_thread_id"`
	From           *user     `json:"from"`
	Chat           *chat     `json:"chat"`
	Text           string    `json:"text"`
	Caption        string    `json:"caption"`
	ReplyToMessage *message  `json:"reply_to_message"`
	Document       *document `json:"document"`
	Poll           *poll     `json:"poll"`
	Sticker        *present  `json:"sticker"`
	Photo          []present `json:"photo"`
	Voice          *present  `json:"voice"`
	Video          *present  `json:"video"`
	Location       *present  `json:"location"`
}

type document struct {
	FileID   string `json:"file_id"`
	FileName string `json:"file_name"`
	FileSize int    `json:"file_size"`
}

// poll is a poll a user sent or forwarded. Its right option is a
// pointer, so that none (Telegram tells it only to the poll's creator)
// is told apart from option 0; newer Bot APIs give correct_option_ids.
type poll struct {
	Type     string `json:"type"`
	Question string `json:"question"`
	Options  []struct {
		Text string `json:"text"`
	} `json:"options"`
	CorrectOptionID  *int   `json:"correct_option_id"`
	CorrectOptionIDs []int  `json:"correct_option_ids"`
	Explanation      string `json:"explanation"`
}

// correct is the poll's one right option, or -1.
func (p *poll) correct() int {
	switch {
	case p.CorrectOptionID != nil:
		return *p.CorrectOptionID
	case len(p.CorrectOptionIDs) == 1:
		return p.CorrectOptionIDs[0]
	}
	return -1
}

type callbackQuery struct {
	ID              string   `json:"id"`
	From            *user    `json:"from"`
	Message         *message `json:"message"`
	InlineMessageID string   `json:"inline_message_id"`
	Data            string   `json:"data"`
}

type inlineQuery struct {
	ID    string `json:"id"`
	From  *user  `json:"from"`
	Query string `json:"query"`
}

type pollAnswer struct {
	PollID    string `json:"poll_id"`
	User      *user  `json:"user"`
	OptionIDs []int  `json:"option_ids"`
}

// threadID is a message_thread_id that, when it is not a number, reads
// as none: the message is still answered, outside any topic.
type threadID int

func (t *threadID) UnmarshalJSON(b []byte) error {
	var n int
	if json.Unmarshal(b, &n) == nil {
		*t = threadID(n)
	}
	return nil
}

// decodeUpdate reads raw in one pass. json keeps every field that
// decodes, so a malformed message still gives its update_id.
func decodeUpdate(raw json.RawMessage) *incoming {
	in := &incoming{raw: raw}
	in.err = json.Unmarshal(raw, &in.u)
	in.id = in.u.ID
	for _, m := range []*message{in.u.Message, in.u.EditedMessage} {
		if m != nil {
			in.thread = int(m.ThreadID)
		}
	}
	if q := in.u.CallbackQuery; q != nil && q.Message != nil {
		in.thread = int(q.Message.ThreadID)
	}
	return in
}

// chatKey groups updates that must be handled in order: by chat, or by
// user for updates without a chat. A vote goes with its poll's chat, as
// pollChat tells it, so that a vote Telegram sent before the teacher's
// /next is counted before the question closes.
func (in *incoming) chatKey(pollChat func(string) (int64, bool)) string {
	u := &in.u
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return "c" + strconv.FormatInt(u.Message.Chat.ID, 10)
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		return "c" + strconv.FormatInt(u.CallbackQuery.Message.Chat.ID, 10)
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return "u" + strconv.FormatInt(u.CallbackQuery.From.ID, 10)
	case u.InlineQuery != nil && u.InlineQuery.From != nil:
		return "u" + strconv.FormatInt(u.InlineQuery.From.ID, 10)
	case u.PollAnswer != nil:
		if chat, ok := pollChat(u.PollAnswer.PollID); ok {
			return "c" + strconv.FormatInt(chat, 10)
		}
		// A poll not known yet (its sending is still finishing, or
		// another replica sent it): its votes wait together, apart from
		// every other poll's and chat's.
		return "p" + u.PollAnswer.PollID
	}
	return "other"
}

// toRequest turns an update into a Request, or nil for updates the bot
// has no use for. thread is the message_thread_id of its message; self
// is the bot, as getMe described it.
func toRequest(u update, thread int, self tgbotapi.User) *bot.Request {
	req := &bot.Request{UpdateID: u.updateID()}
	setUser := func(from *user) {
		if from != nil {
			req.UserID, req.UserName, req.LangCode = from.ID, from.UserName, from.LanguageCode
			req.FullName = strings.TrimSpace(from.FirstName + " " + from.LastName)
		}
	}
	setChat := func(m *message) {
		if m.Chat != nil {
			req.ChatID, req.ChatType = m.Chat.ID, m.Chat.Type
		}
		req.MessageID = m.MessageID
	}
	switch {
	case u.Message != nil:
		m := u.Message
		setChat(m)
		setUser(m.From)
		req.ThreadID = thread
		if m.Text == "" {
			req.Kind, req.Other = bot.KindOther, mediaKind(m)
			req.File, req.Poll = fileRef(m), pollRef(m)
			return req
		}
		req.Kind, req.Text = bot.KindMessage, m.Text
		req.Command, req.Args, req.ForOtherBot = bot.ParseCommand(m.Text, self.UserName)
		if m.ReplyToMessage != nil && m.ReplyToMessage.From != nil && m.ReplyToMessage.From.ID == self.ID {
			req.Addressed = true
		}
		if self.UserName != "" && strings.Contains(strings.ToLower(m.Text), "@"+strings.ToLower(self.UserName)) {
			req.Addressed = true
		}
	case u.EditedMessage != nil:
		setChat(u.EditedMessage)
		setUser(u.EditedMessage.From)
		req.ThreadID = thread
		req.Kind, req.Other = bot.KindOther, "edited"
	case u.ChannelPost != nil || u.EditedChannelPost != nil:
		req.Kind, req.Other, req.ChatType = bot.KindOther, "channel_post", bot.ChatChannel
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		req.Kind, req.CallbackID, req.Data, req.InlineMessageID = bot.KindCallback, q.ID, q.Data, q.InlineMessageID
		setUser(q.From)
		if q.Message != nil {
			setChat(q.Message)
			req.ThreadID = thread
		}
	case u.InlineQuery != nil:
		req.Kind, req.InlineID, req.Text = bot.KindInline, u.InlineQuery.ID, u.InlineQuery.Query
		setUser(u.InlineQuery.From)
	case u.PollAnswer != nil:
		req.Kind, req.PollID, req.Options = bot.KindPollAnswer, u.PollAnswer.PollID, u.PollAnswer.OptionIDs
		setUser(u.PollAnswer.User)
	default:
		return nil
	}
	return req
}

// mediaKind names what a message without text carries.
func mediaKind(m *message) string {
	switch {
	case m.Sticker != nil:
		return "sticker"
	case m.Photo != nil:
		return "photo"
	case m.Voice != nil:
		return "voice"
	case m.Video != nil:
		return "video"
	case m.Document != nil:
		return "document"
	case m.Location != nil:
		return "location"
	case m.Poll != nil:
		return "poll"
	}
	return "other"
}

func fileRef(m *message) *bot.FileRef {
	if m.Document == nil {
		return nil
	}
	d := m.Document
	return &bot.FileRef{ID: d.FileID, Name: d.FileName, Size: d.FileSize, Caption: m.Caption}
}

// pollRef reads a message's poll. Telegram tells a quiz's right option
// only to its creator's chats, and in a private chat with the bot.
func pollRef(m *message) *bot.PollRef {
	if m.Poll == nil {
		return nil
	}
	p := m.Poll
	ref := &bot.PollRef{Quiz: p.Type == "quiz", Question: p.Question, Correct: -1, Explanation: p.Explanation}
	for _, o := range p.Options {
		ref.Options = append(ref.Options, o.Text)
	}
	if c := p.correct(); ref.Quiz && c >= 0 && c < len(p.Options) {
		ref.Correct = c
	}
	return ref
}
