package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"path"
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
		{"setChatMenuButton", returnTrue},
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
	if id, err := strconv.Atoi(c.Params["reply_to_message_id"]); err == nil && id > 0 {
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
	text, entities, err := textParam(c, "text", maxTextLen)
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
	if m.Text == text && sameMarkup(m.ReplyMarkup, markup) {
		return nil, errNotModified
	}
	m.Text, m.Entities, m.ReplyMarkup = text, entities, markup
	m.EditDate = int(time.Now().Unix())
	return m, nil
}

func (s *Server) editMessageCaption(c *Call) (any, *apiError) {
	caption, entities, err := textParam(c, "caption", maxCaptionLen)
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
	if m.Caption == caption && sameMarkup(m.ReplyMarkup, markup) {
		return nil, errNotModified
	}
	m.Caption, m.CaptionEntities, m.ReplyMarkup = caption, entities, markup
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

func floatParam(c *Call, name string) (float64, *apiError) {
	f, err := strconv.ParseFloat(c.Params[name], 64)
	if err != nil {
		return 0, badRequest("invalid %s specified", name)
	}
	return f, nil
}

func locationParams(c *Call) (tgbotapi.Location, *apiError) {
	lat, err := floatParam(c, "latitude")
	if err != nil {
		return tgbotapi.Location{}, err
	}
	lon, err := floatParam(c, "longitude")
	if err != nil {
		return tgbotapi.Location{}, err
	}
	if lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return tgbotapi.Location{}, badRequest("wrong latitude or longitude specified")
	}
	return tgbotapi.Location{Latitude: lat, Longitude: lon}, nil
}

func (s *Server) sendLocation(c *Call) (any, *apiError) {
	chat, err := s.chatParam(c, "chat_id")
	if err != nil {
		return nil, err
	}
	loc, err := locationParams(c)
	if err != nil {
		return nil, err
	}
	markup, err := replyMarkup(c)
	if err != nil {
		return nil, err
	}
	m := s.newMessage(c, chat)
	m.Location, m.ReplyMarkup = &loc, markup
	return m, nil
}

func (s *Server) sendVenue(c *Call) (any, *apiError) {
	chat, err := s.chatParam(c, "chat_id")
	if err != nil {
		return nil, err
	}
	loc, err := locationParams(c)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(c.Params["title"]) == "" {
		return nil, badRequest("venue title is empty")
	}
	if strings.TrimSpace(c.Params["address"]) == "" {
		return nil, badRequest("venue address is empty")
	}
	markup, err := replyMarkup(c)
	if err != nil {
		return nil, err
	}
	m := s.newMessage(c, chat)
	m.Location, m.ReplyMarkup = &loc, markup
	m.Venue = &tgbotapi.Venue{
		Location:     loc,
		Title:        c.Params["title"],
		Address:      c.Params["address"],
		FoursquareID: c.Params["foursquare_id"],
	}
	return m, nil
}

// pollOptions decodes sendPoll's options: a JSON array of strings, or of
// InputPollOption objects in newer API versions.
func pollOptions(raw string) ([]string, bool) {
	var texts []string
	if json.Unmarshal([]byte(raw), &texts) == nil {
		return texts, true
	}
	var objs []struct {
		Text string `json:"text"`
	}
	if json.Unmarshal([]byte(raw), &objs) != nil {
		return nil, false
	}
	for _, o := range objs {
		texts = append(texts, o.Text)
	}
	return texts, true
}

func boolParam(c *Call, name string, def bool) bool {
	b, err := strconv.ParseBool(c.Params[name])
	if err != nil {
		return def
	}
	return b
}

// sendPoll creates a poll with a fresh id. It enforces the Bot API's limits
// on question, options (at most 10) and quiz explanations, since a quiz that
// breaks them fails on Telegram.
func (s *Server) sendPoll(c *Call) (any, *apiError) {
	chat, err := s.chatParam(c, "chat_id")
	if err != nil {
		return nil, err
	}
	question := c.Params["question"]
	switch n := runeLen(question); {
	case strings.TrimSpace(question) == "":
		return nil, badRequest("poll question must be non-empty")
	case n > maxPollQuestion:
		return nil, badRequest("poll question length must not exceed %d", maxPollQuestion)
	}
	options, valid := pollOptions(c.Params["options"])
	switch {
	case !valid:
		return nil, badRequest("can't parse options JSON object")
	case len(options) < 2:
		return nil, badRequest("poll must have at least 2 option")
	case len(options) > maxPollOptions:
		return nil, badRequest("poll can't have more than %d options", maxPollOptions)
	}
	poll := tgbotapi.Poll{
		Question:              question,
		IsAnonymous:           boolParam(c, "is_anonymous", true),
		Type:                  c.Params["type"],
		AllowsMultipleAnswers: boolParam(c, "allows_multiple_answers", false),
		Explanation:           c.Params["explanation"],
		IsClosed:              boolParam(c, "is_closed", false),
	}
	for _, o := range options {
		if strings.TrimSpace(o) == "" {
			return nil, badRequest("poll options must be non-empty")
		}
		if runeLen(o) > maxPollOption {
			return nil, badRequest("poll options length must not exceed %d", maxPollOption)
		}
		poll.Options = append(poll.Options, tgbotapi.PollOption{Text: o})
	}
	if poll.Type == "" {
		poll.Type = "regular"
	}
	switch poll.Type {
	case "regular":
	case "quiz":
		id, convErr := strconv.Atoi(c.Params["correct_option_id"])
		if convErr != nil || id < 0 || id >= len(options) {
			return nil, badRequest("wrong correct option ID specified")
		}
		if poll.AllowsMultipleAnswers {
			return nil, badRequest("quiz poll can't allow multiple answers")
		}
		poll.CorrectOptionID = id
	default:
		return nil, badRequest("wrong poll type specified")
	}
	if runeLen(poll.Explanation) > maxPollExplain {
		return nil, badRequest("explanation is too long")
	}
	if n, err := strconv.Atoi(c.Params["open_period"]); err == nil {
		poll.OpenPeriod = n
	}
	markup, err := replyMarkup(c)
	if err != nil {
		return nil, err
	}
	poll.ID = strconv.FormatInt(5000000000000000000+int64(s.nextPollID), 10)
	s.nextPollID++
	m := s.newMessage(c, chat)
	m.Poll, m.ReplyMarkup = &poll, markup
	s.polls[poll.ID] = messageKey{chat.ID, m.MessageID}
	return m, nil
}

// Poll returns the current state of a poll the bot sent, and whether it
// exists.
func (s *Server) Poll(pollID string) (tgbotapi.Poll, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, ok := s.polls[pollID]
	if !ok {
		return tgbotapi.Poll{}, false
	}
	m, ok := s.messages[key]
	if !ok || m.Poll == nil {
		return tgbotapi.Poll{}, false
	}
	return *m.Poll, true
}

func (s *Server) stopPoll(c *Call) (any, *apiError) {
	key, err := s.messageParam(c)
	if err != nil {
		return nil, err
	}
	m, ok := s.messages[key]
	if !ok || m.Poll == nil {
		return nil, badRequest("message with poll to stop not found")
	}
	if m.Poll.IsClosed {
		return nil, badRequest("poll has already been closed")
	}
	markup, err := replyMarkup(c)
	if err != nil {
		return nil, err
	}
	p := *m.Poll
	p.IsClosed = true
	m.Poll, m.ReplyMarkup = &p, markup
	return p, nil
}

// fileParam returns the file sent in field: an upload, or a file_id or URL
// given as a plain parameter. s.mu must be held.
func (s *Server) fileParam(c *Call, field string) (id, name string, size int, apiErr *apiError) {
	if data, ok := c.Files[field]; ok {
		id = fmt.Sprintf("BQACAgIAAxkBAAI%06d", s.nextFileID)
		s.nextFileID++
		return id, c.FileNames[field], len(data), nil
	}
	if v := c.Params[field]; v != "" {
		return v, path.Base(v), 0, nil
	}
	return "", "", 0, badRequest("there is no %s in the request", field)
}

func (s *Server) sendDocument(c *Call) (any, *apiError) {
	chat, err := s.chatParam(c, "chat_id")
	if err != nil {
		return nil, err
	}
	caption, entities, err := captionParam(c)
	if err != nil {
		return nil, err
	}
	markup, err := replyMarkup(c)
	if err != nil {
		return nil, err
	}
	id, name, size, err := s.fileParam(c, "document")
	if err != nil {
		return nil, err
	}
	m := s.newMessage(c, chat)
	m.Caption, m.CaptionEntities, m.ReplyMarkup = caption, entities, markup
	m.Document = &tgbotapi.Document{
		FileID:       id,
		FileUniqueID: "u" + id,
		FileName:     name,
		MimeType:     mime.TypeByExtension(path.Ext(name)),
		FileSize:     size,
	}
	return m, nil
}

func (s *Server) sendPhoto(c *Call) (any, *apiError) {
	chat, err := s.chatParam(c, "chat_id")
	if err != nil {
		return nil, err
	}
	caption, entities, err := captionParam(c)
	if err != nil {
		return nil, err
	}
	markup, err := replyMarkup(c)
	if err != nil {
		return nil, err
	}
	id, _, size, err := s.fileParam(c, "photo")
	if err != nil {
		return nil, err
	}
	m := s.newMessage(c, chat)
	m.Caption, m.CaptionEntities, m.ReplyMarkup = caption, entities, markup
	m.Photo = []tgbotapi.PhotoSize{
		{FileID: id + "_s", FileUniqueID: "u" + id + "_s", Width: 90, Height: 90},
		{FileID: id, FileUniqueID: "u" + id, Width: 800, Height: 800, FileSize: size},
	}
	return m, nil
}

func captionParam(c *Call) (string, []tgbotapi.MessageEntity, *apiError) {
	if c.Params["caption"] == "" {
		return "", nil, nil
	}
	return textParam(c, "caption", maxCaptionLen)
}

func (s *Server) answerCallbackQuery(c *Call) (any, *apiError) {
	if c.Params["callback_query_id"] == "" {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	if runeLen(c.Params["text"]) > maxAlertLen {
		return nil, badRequest("MESSAGE_TOO_LONG")
	}
	return true, nil
}

func (s *Server) answerInlineQuery(c *Call) (any, *apiError) {
	if c.Params["inline_query_id"] == "" {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	var results []struct {
		Type string `json:"type"`
		ID   string `json:"id"`
	}
	if err := json.Unmarshal([]byte(c.Params["results"]), &results); err != nil {
		return nil, badRequest("can't parse inline query results JSON object")
	}
	if len(results) > maxInlineResults {
		return nil, badRequest("RESULTS_TOO_MUCH")
	}
	seen := make(map[string]bool, len(results))
	for _, r := range results {
		switch {
		case r.Type == "":
			return nil, badRequest("can't parse InlineQueryResult: result type must be non-empty")
		case r.ID == "" || len(r.ID) > 64:
			return nil, badRequest("RESULT_ID_INVALID")
		case seen[r.ID]:
			return nil, badRequest("RESULT_ID_DUPLICATE")
		}
		seen[r.ID] = true
	}
	return true, nil
}

func (s *Server) sendChatAction(c *Call) (any, *apiError) {
	if _, err := s.chatParam(c, "chat_id"); err != nil {
		return nil, err
	}
	if c.Params["action"] == "" {
		return nil, badRequest("wrong parameter action in request")
	}
	return true, nil
}

// commandsKey identifies a command list by scope and language, as the Bot API
// keeps one list per pair.
func commandsKey(c *Call) string {
	scope := c.Params["scope"]
	if scope == `{"type":"default"}` {
		scope = ""
	}
	return scope + "\x00" + c.Params["language_code"]
}

func (s *Server) setMyCommands(c *Call) (any, *apiError) {
	var cmds []tgbotapi.BotCommand
	if err := json.Unmarshal([]byte(c.Params["commands"]), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	for _, cmd := range cmds {
		if !validCommand(cmd.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := runeLen(cmd.Description); n == 0 || n > maxCommandDescLen {
			return nil, badRequest("command description must be 1-%d characters", maxCommandDescLen)
		}
	}
	if s.commands == nil {
		s.commands = make(map[string][]tgbotapi.BotCommand)
	}
	s.commands[commandsKey(c)] = cmds
	return true, nil
}

func validCommand(cmd string) bool {
	if len(cmd) == 0 || len(cmd) > 32 {
		return false
	}
	for _, r := range cmd {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

func (s *Server) getMyCommands(c *Call) (any, *apiError) {
	cmds := s.commands[commandsKey(c)]
	if cmds == nil {
		cmds = []tgbotapi.BotCommand{}
	}
	return cmds, nil
}

func (s *Server) deleteMyCommands(c *Call) (any, *apiError) {
	delete(s.commands, commandsKey(c))
	return true, nil
}

func (s *Server) setWebhook(c *Call) (any, *apiError) {
	s.webhookURL = c.Params["url"]
	if boolParam(c, "drop_pending_updates", false) {
		s.updates = nil
	}
	return true, nil
}

func (s *Server) deleteWebhook(c *Call) (any, *apiError) {
	s.webhookURL = ""
	if boolParam(c, "drop_pending_updates", false) {
		s.updates = nil
	}
	return true, nil
}

func (s *Server) getWebhookInfo(*Call) (any, *apiError) {
	return tgbotapi.WebhookInfo{URL: s.webhookURL, PendingUpdateCount: len(s.updates)}, nil
}

func (s *Server) getChatMenuButton(*Call) (any, *apiError) {
	return map[string]string{"type": "commands"}, nil
}

func (s *Server) getChat(c *Call) (any, *apiError) {
	chat, err := s.chatParam(c, "chat_id")
	if err != nil {
		return nil, err
	}
	return chat, nil
}

// member returns userID's membership of chatID. s.mu must be held.
func (s *Server) member(chatID, userID int64) tgbotapi.ChatMember {
	status, ok := s.members[memberKey{chatID, userID}]
	if !ok {
		status = "member"
	}
	u := User(userID)
	if userID == s.bot.ID {
		u = s.bot
	}
	u.LanguageCode = ""
	return tgbotapi.ChatMember{User: &u, Status: status}
}

func (s *Server) getChatMember(c *Call) (any, *apiError) {
	chat, err := s.chatParam(c, "chat_id")
	if err != nil {
		return nil, err
	}
	userID, convErr := strconv.ParseInt(c.Params["user_id"], 10, 64)
	if convErr != nil || userID <= 0 {
		return nil, badRequest("invalid user_id specified")
	}
	return s.member(chat.ID, userID), nil
}

func (s *Server) getChatAdministrators(c *Call) (any, *apiError) {
	chat, err := s.chatParam(c, "chat_id")
	if err != nil {
		return nil, err
	}
	var ids []int64
	for k, status := range s.members {
		if k.chatID == chat.ID && (status == "creator" || status == "administrator") {
			ids = append(ids, k.userID)
		}
	}
	slices.Sort(ids)
	admins := []tgbotapi.ChatMember{}
	for _, id := range ids {
		admins = append(admins, s.member(chat.ID, id))
	}
	return admins, nil
}

func (s *Server) getChatMemberCount(c *Call) (any, *apiError) {
	chat, err := s.chatParam(c, "chat_id")
	if err != nil {
		return nil, err
	}
	if chat.Type == "private" {
		return 2, nil
	}
	n := 1 // the bot
	for k, status := range s.members {
		if k.chatID == chat.ID && status != "left" && status != "kicked" {
			n++
		}
	}
	return n, nil
}
