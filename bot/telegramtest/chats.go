package telegramtest

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

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

// setProfile serves setMyName, setMyDescription or
// setMyShortDescription: field, at most limit characters, kept for a
// language given as two letters or for every language.
func setProfile(field string, limit int) handler {
	return func(s *Server, c *Call) (any, *apiError) {
		v := c.Params[field]
		if runeLen(v) > limit {
			return nil, badRequest("%s is too long", strings.ReplaceAll(field, "_", " "))
		}
		lc := c.Params["language_code"]
		if lc != "" && len(lc) != 2 {
			return nil, badRequest("language code %q is invalid", lc)
		}
		if s.profile == nil {
			s.profile = map[string]string{}
		}
		s.profile[field+"/"+lc] = v
		return true, nil
	}
}

// getProfile serves getMyName, getMyDescription or
// getMyShortDescription: the language's own, else the default.
func getProfile(field string) handler {
	return func(s *Server, c *Call) (any, *apiError) {
		v, ok := s.profile[field+"/"+c.Params["language_code"]]
		if !ok {
			v = s.profile[field+"/"]
		}
		return map[string]string{field: v}, nil
	}
}

// Profile returns the bot's name, description or short description
// ("name", "description", "short_description") as a user whose app is
// in language lang sees it.
func (s *Server) Profile(field, lang string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.profile[field+"/"+lang]; ok {
		return v
	}
	return s.profile[field+"/"]
}

// setChatMenuButton checks the menu button's type.
func (s *Server) setChatMenuButton(c *Call) (any, *apiError) {
	raw, ok := c.Params["menu_button"]
	if !ok {
		return true, nil // back to the default
	}
	var b struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal([]byte(raw), &b); err != nil {
		return nil, badRequest("can't parse menu button JSON object")
	}
	switch b.Type {
	case "commands", "default", "web_app":
		return true, nil
	}
	return nil, badRequest("unsupported menu button type %q", b.Type)
}
