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
	u   tgbotapi.Update
	err error // why u did not decode, if it did not
	// id is the update_id, nil when the update has none; it is read
	// apart from u, so that an update that does not decode still has it.
	id *int64
	// thread is the message_thread_id of the update's message, which
	// tgbotapi v5.5.1 does not know.
	thread int
	// logChecked is set once the update log has said the update was not
	// handled before.
	logChecked bool
	// pending is set for an update read back from the update log's
	// pending list, already confirmed to Telegram.
	pending bool
}

// updateWire is an update as it comes over the wire: a tgbotapi.Update
// whose messages also carry message_thread_id, which tgbotapi v5.5.1 does
// not know, so that one pass of the decoder reads both. Its fields
// shadow the Update's of the same JSON name.
type updateWire struct {
	tgbotapi.Update
	// ID is read apart, so that an update that does not decode still
	// has its update_id, and one without any is told apart from 0.
	ID            *int64       `json:"update_id"`
	Message       *messageWire `json:"message"`
	EditedMessage *messageWire `json:"edited_message"`
	CallbackQuery *struct {
		tgbotapi.CallbackQuery
		Message *messageWire `json:"message"`
	} `json:"callback_query"`
}

type messageWire struct {
	tgbotapi.Message
	ThreadID threadID  `json:"message_thread_id"`
	Poll     *pollWire `json:"poll"`
}

// pollWire is a poll whose right option is told apart from none: in
// tgbotapi v5.5.1 an absent correct_option_id reads as option 0. Newer
// Bot APIs also give correct_option_ids.
type pollWire struct {
	tgbotapi.Poll
	CorrectOptionID  *int  `json:"correct_option_id"`
	CorrectOptionIDs []int `json:"correct_option_ids"`
}

// message returns the tgbotapi message, its poll's right option set to
// -1 when the update did not give exactly one.
func (m *messageWire) message() *tgbotapi.Message {
	if m.Poll != nil {
		p := m.Poll.Poll
		switch {
		case m.Poll.CorrectOptionID != nil:
			p.CorrectOptionID = *m.Poll.CorrectOptionID
		case len(m.Poll.CorrectOptionIDs) == 1:
			p.CorrectOptionID = m.Poll.CorrectOptionIDs[0]
		default:
			p.CorrectOptionID = -1
		}
		m.Message.Poll = &p
	}
	return &m.Message
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
	var w updateWire
	err := json.Unmarshal(raw, &w)
	in := &incoming{raw: raw, id: w.ID, err: err, u: w.Update}
	if w.ID != nil {
		in.u.UpdateID = int(*w.ID)
	}
	switch {
	case w.Message != nil:
		in.u.Message, in.thread = w.Message.message(), int(w.Message.ThreadID)
	case w.EditedMessage != nil:
		in.u.EditedMessage, in.thread = w.EditedMessage.message(), int(w.EditedMessage.ThreadID)
	}
	if q := w.CallbackQuery; q != nil {
		in.u.CallbackQuery = &q.CallbackQuery
		if q.Message != nil {
			q.CallbackQuery.Message, in.thread = q.Message.message(), int(q.Message.ThreadID)
		}
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
// has no use for. thread is the message_thread_id of its message, which
// tgbotapi v5.5.1 does not know.
func toRequest(u tgbotapi.Update, thread int, self tgbotapi.User) *bot.Request {
	req := &bot.Request{UpdateID: u.UpdateID}
	setUser := func(from *tgbotapi.User) {
		if from != nil {
			req.UserID, req.UserName, req.LangCode = from.ID, from.UserName, from.LanguageCode
			req.FullName = strings.TrimSpace(from.FirstName + " " + from.LastName)
		}
	}
	setChat := func(m *tgbotapi.Message) {
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
		setUser(&u.PollAnswer.User)
	default:
		return nil
	}
	return req
}

// mediaKind names what a message without text carries.
func mediaKind(m *tgbotapi.Message) string {
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

func fileRef(m *tgbotapi.Message) *bot.FileRef {
	if m.Document == nil {
		return nil
	}
	d := m.Document
	return &bot.FileRef{ID: d.FileID, Name: d.FileName, Size: d.FileSize, Caption: m.Caption}
}

// pollRef reads a message's poll. Telegram tells a quiz's right option
// only to its creator's chats, and in a private chat with the bot;
// decodeUpdate has set it to -1 when it did not.
func pollRef(m *tgbotapi.Message) *bot.PollRef {
	if m.Poll == nil {
		return nil
	}
	p := m.Poll
	ref := &bot.PollRef{Quiz: p.Type == "quiz", Question: p.Question, Correct: -1, Explanation: p.Explanation}
	for _, o := range p.Options {
		ref.Options = append(ref.Options, o.Text)
	}
	if ref.Quiz && p.CorrectOptionID >= 0 && p.CorrectOptionID < len(p.Options) {
		ref.Correct = p.CorrectOptionID
	}
	return ref
}
