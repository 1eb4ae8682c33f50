package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Limits of the Bot API that the server enforces.
const (
	maxTextLen        = 4096 // message text, in UTF-16 units after entity parsing
	maxCaptionLen     = 1024 // media caption
	maxCallbackData   = 64   // callback_data, in bytes
	maxAlertLen       = 200  // answerCallbackQuery text
	maxInlineResults  = 50   // answerInlineQuery results
	maxPollQuestion   = 300
	maxPollOption     = 100
	maxPollOptions    = 10
	maxPollExplain    = 200
	maxCommandDescLen = 256
)

// handler serves one method with s.mu held and returns the result to send
// back, or the refusal. The result is encoded before s.mu is released, so it
// may point into the server's state, such as a stored message.
type handler func(s *Server, c *Call) (any, *apiError)

// method is a Bot API method the server knows.
type method struct {
	name string
	fn   handler
}

// methods maps lower-case method names to their handlers: the Bot API
// matches method names case-insensitively.
var methods = func() map[string]method {
	list := []method{
		{"getUpdates", nil}, // served by serveUpdates
		{"getMe", (*Server).getMe},
		{"sendMessage", (*Server).sendMessage},
		{"forwardMessage", (*Server).forwardMessage},
		{"copyMessage", (*Server).copyMessage},
		{"editMessageText", (*Server).editMessageText},
		{"editMessageCaption", (*Server).editMessageCaption},
		{"editMessageReplyMarkup", (*Server).editMessageReplyMarkup},
		{"deleteMessage", (*Server).deleteMessage},
		{"sendLocation", (*Server).sendLocation},
		{"sendVenue", (*Server).sendVenue},
		{"sendPoll", (*Server).sendPoll},
		{"stopPoll", (*Server).stopPoll},
		{"sendDocument", (*Server).sendDocument},
		{"getFile", (*Server).getFile},
		{"sendPhoto", (*Server).sendPhoto},
		{"answerCallbackQuery", (*Server).answerCallbackQuery},
		{"answerInlineQuery", (*Server).answerInlineQuery},
		{"sendChatAction", (*Server).sendChatAction},
		{"setMyCommands", (*Server).setMyCommands},
		{"getMyCommands", (*Server).getMyCommands},
		{"deleteMyCommands", (*Server).deleteMyCommands},
		{"setWebhook", (*Server).setWebhook},
		{"deleteWebhook", (*Server).deleteWebhook},
		{"getWebhookInfo", (*Server).getWebhookInfo},
		{"setMyName", setProfile("name", 64)},
		{"setMyDescription", setProfile("description", 512)},
		{"setMyShortDescription", setProfile("short_description", 120)},
		{"getMyName", getProfile("name")},
		{"getMyDescription", getProfile("description")},
		{"getMyShortDescription", getProfile("short_description")},
		{"setChatMenuButton", (*Server).setChatMenuButton},
		{"getChatMenuButton", (*Server).getChatMenuButton},
		{"pinChatMessage", returnTrue},
		{"unpinChatMessage", returnTrue},
		{"leaveChat", returnTrue},
		{"getChat", (*Server).getChat},
		{"getChatMember", (*Server).getChatMember},
		{"getChatAdministrators", (*Server).getChatAdministrators},
		{"getChatMemberCount", (*Server).getChatMemberCount},
		{"getChatMembersCount", (*Server).getChatMemberCount},
	}
	m := make(map[string]method, len(list))
	for _, h := range list {
		m[strings.ToLower(h.name)] = h
	}
	return m
}()

func lookupMethod(name string) (method, bool) {
	m, ok := methods[strings.ToLower(name)]
	return m, ok
}

// messageKey identifies a message: ids are unique within a chat.
type messageKey struct {
	chatID    int64
	messageID int
}

// memberKey identifies a user's membership of a chat.
type memberKey struct {
	chatID, userID int64
}

// SetChatMember sets the status getChatMember reports for userID in chatID:
// "creator", "administrator", "member" (the default), "restricted", "left"
// or "kicked". Creators and administrators are listed by
// getChatAdministrators.
func (s *Server) SetChatMember(chatID, userID int64, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.members[memberKey{chatID, userID}] = status
}

// returnTrue serves methods whose only effect the fake need not model.
func returnTrue(*Server, *Call) (any, *apiError) { return true, nil }

func (s *Server) getMe(*Call) (any, *apiError) { return s.bot, nil }

// chat returns what the server knows of chatID: the chat as last seen in a
// pushed update, or else a private chat for positive ids and a supergroup for
// negative ones. s.mu must be held.
func (s *Server) chat(chatID int64) tgbotapi.Chat {
	if c, ok := s.chats[chatID]; ok {
		return c
	}
	if chatID > 0 {
		u := User(chatID)
		return tgbotapi.Chat{ID: chatID, Type: "private", FirstName: u.FirstName, UserName: u.UserName}
	}
	return tgbotapi.Chat{ID: chatID, Type: "supergroup", Title: fmt.Sprintf("Group %d", chatID)}
}

// chatParam resolves the chat named by the parameter (usually "chat_id").
func (s *Server) chatParam(c *Call, name string) (tgbotapi.Chat, *apiError) {
	v := c.Params[name]
	if v == "" {
		return tgbotapi.Chat{}, badRequest("%s is empty", name)
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id == 0 {
		return tgbotapi.Chat{}, badRequest("chat not found")
	}
	return s.chat(id), nil
}

// messageParam resolves chat_id and message_id.
func (s *Server) messageParam(c *Call) (messageKey, *apiError) {
	chat, err := s.chatParam(c, "chat_id")
	if err != nil {
		return messageKey{}, err
	}
	id, convErr := strconv.Atoi(c.Params["message_id"])
	if convErr != nil || id <= 0 {
		return messageKey{}, badRequest("message identifier is not specified")
	}
	return messageKey{chat.ID, id}, nil
}

// newMessage creates and stores a message from the bot to chat.
// s.mu must be held.
func (s *Server) newMessage(c *Call, chat tgbotapi.Chat) *tgbotapi.Message {
	bot := s.bot
	m := &tgbotapi.Message{
		MessageID: s.nextMessageID,
		From:      &bot,
		Date:      int(time.Now().Unix()),
		Chat:      &chat,
	}
	s.nextMessageID++
	if id := replyTo(c); id > 0 {
		if orig, ok := s.messages[messageKey{chat.ID, id}]; ok {
			r := *orig
			r.ReplyToMessage = nil
			m.ReplyToMessage = &r
		} else {
			m.ReplyToMessage = &tgbotapi.Message{MessageID: id, Date: m.Date, Chat: &chat}
		}
	}
	s.storeMessage(messageKey{chat.ID, m.MessageID}, m)
	return m
}

// replyTo is the message a sent message replies to: Bot API 7.0's
// reply_parameters, or the older reply_to_message_id; 0 for none.
func replyTo(c *Call) int {
	if raw, ok := c.Params["reply_parameters"]; ok {
		var rp struct {
			MessageID int `json:"message_id"`
		}
		if json.Unmarshal([]byte(raw), &rp) == nil {
			return rp.MessageID
		}
		return 0
	}
	id, _ := strconv.Atoi(c.Params["reply_to_message_id"])
	return id
}

// storeMessage keeps m for edits and for Message and Messages, evicting the
// oldest messages beyond the history limit. s.mu must be held.
func (s *Server) storeMessage(key messageKey, m *tgbotapi.Message) {
	s.messages[key] = m
	s.order[key.chatID] = append(s.order[key.chatID], key.messageID)
	s.stored = append(s.stored, key)
	if s.history <= 0 || len(s.stored) < 2*s.history {
		return
	}
	evict := len(s.stored) - s.history
	for _, k := range s.stored[:evict] {
		s.forgetMessage(k)
		if order := s.order[k.chatID]; len(order) > 1 {
			s.order[k.chatID] = order[1:]
		} else {
			delete(s.order, k.chatID)
		}
	}
	s.stored = slices.Clone(s.stored[evict:])
}

// forgetMessage drops a stored message and its poll. s.mu must be held.
func (s *Server) forgetMessage(key messageKey) {
	if m, ok := s.messages[key]; ok && m.Poll != nil {
		delete(s.polls, m.Poll.ID)
	}
	delete(s.messages, key)
}

func (s *Server) sendMessage(c *Call) (any, *apiError) {
	chat, err := s.chatParam(c, "chat_id")
	if err != nil {
		return nil, err
	}
	text, entities, err := textParam(c, "text", maxTextLen)
	if err != nil {
		return nil, err
	}
	markup, err := replyMarkup(c)
	if err != nil {
		return nil, err
	}
	m := s.newMessage(c, chat)
	m.Text, m.Entities, m.ReplyMarkup = text, entities, markup
	return m, nil
}

func (s *Server) forwardMessage(c *Call) (any, *apiError) {
	chat, err := s.chatParam(c, "chat_id")
	if err != nil {
		return nil, err
	}
	from, err := s.chatParam(c, "from_chat_id")
	if err != nil {
		return nil, err
	}
	id, _ := strconv.Atoi(c.Params["message_id"])
	orig, ok := s.messages[messageKey{from.ID, id}]
	if !ok {
		return nil, badRequest("message to forward not found")
	}
	m := s.newMessage(c, chat)
	m.Text, m.Entities, m.Caption = orig.Text, orig.Entities, orig.Caption
	m.ForwardFromChat, m.ForwardFromMessageID, m.ForwardDate = &from, id, orig.Date
	return m, nil
}

func (s *Server) copyMessage(c *Call) (any, *apiError) {
	chat, err := s.chatParam(c, "chat_id")
	if err != nil {
		return nil, err
	}
	from, err := s.chatParam(c, "from_chat_id")
	if err != nil {
		return nil, err
	}
	id, convErr := strconv.Atoi(c.Params["message_id"])
	if convErr != nil {
		return nil, badRequest("message identifier is not specified")
	}
	m := s.newMessage(c, chat)
	if orig, ok := s.messages[messageKey{from.ID, id}]; ok {
		m.Text, m.Entities, m.Caption = orig.Text, orig.Entities, orig.Caption
	}
	return tgbotapi.MessageID{MessageID: m.MessageID}, nil
}

// editTarget finds the message an edit method names, creating a stand-in for
// a message the server has not seen (such as one from a pushed callback).
// It returns nil for an inline message. s.mu must be held.
func (s *Server) editTarget(c *Call) (*tgbotapi.Message, *apiError) {
	if c.Params["inline_message_id"] != "" {
		return nil, nil
	}
	key, err := s.messageParam(c)
	if err != nil {
		return nil, err
	}
	if m, ok := s.messages[key]; ok {
		return m, nil
	}
	chat := s.chat(key.chatID)
	bot := s.bot
	m := &tgbotapi.Message{MessageID: key.messageID, From: &bot, Date: int(time.Now().Unix()), Chat: &chat}
	s.storeMessage(key, m)
	return m, nil
}

// errNotModified answers an edit that changes nothing. Bots meet it in normal
// use, as when a user presses the same button twice, so it is routine.
var errNotModified = &apiError{
	code:        http.StatusBadRequest,
	description: "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a content and reply markup of the current message",
	routine:     true,
}

func (s *Server) editMessageText(c *Call) (any, *apiError) {
	return s.editWords(c, "text", maxTextLen, func(m *tgbotapi.Message) (*string, *[]tgbotapi.MessageEntity) {
		return &m.Text, &m.Entities
	})
}

func (s *Server) editMessageCaption(c *Call) (any, *apiError) {
	return s.editWords(c, "caption", maxCaptionLen, func(m *tgbotapi.Message) (*string, *[]tgbotapi.MessageEntity) {
		return &m.Caption, &m.CaptionEntities
	})
}

// editWords edits a message's text or caption (param, at most limit
// long), which field picks, and its keyboard; the same words and
// keyboard again are refused as Telegram refuses them.
func (s *Server) editWords(c *Call, param string, limit int, field func(*tgbotapi.Message) (*string, *[]tgbotapi.MessageEntity)) (any, *apiError) {
	words, entities, err := textParam(c, param, limit)
	if err != nil {
		return nil, err
	}
	markup, err := replyMarkup(c)
	if err != nil {
		return nil, err
	}
	m, err := s.editTarget(c)
	if err != nil {
		return nil, err
	}
	if m == nil {
		return true, nil
	}
	text, ents := field(m)
	if *text == words && sameMarkup(m.ReplyMarkup, markup) {
		return nil, errNotModified
	}
	*text, *ents, m.ReplyMarkup = words, entities, markup
	m.EditDate = int(time.Now().Unix())
	return m, nil
}

func (s *Server) editMessageReplyMarkup(c *Call) (any, *apiError) {
	markup, err := replyMarkup(c)
	if err != nil {
		return nil, err
	}
	m, err := s.editTarget(c)
	if err != nil {
		return nil, err
	}
	if m == nil {
		return true, nil
	}
	if sameMarkup(m.ReplyMarkup, markup) {
		return nil, errNotModified
	}
	m.ReplyMarkup = markup
	m.EditDate = int(time.Now().Unix())
	return m, nil
}

func sameMarkup(a, b *tgbotapi.InlineKeyboardMarkup) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// deleteMessage forgets the message. Like the other lenient spots of the fake,
// it succeeds for messages the server has not seen, such as the user's own.
func (s *Server) deleteMessage(c *Call) (any, *apiError) {
	key, err := s.messageParam(c)
	if err != nil {
		return nil, err
	}
	s.forgetMessage(key)
	return true, nil
}
