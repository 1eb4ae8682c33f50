package telegramtest

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// DefaultLanguage is the language_code of users made by User and the update
// builders; InLanguage changes it.
const DefaultLanguage = "en"

// queryIDs numbers callback and inline queries across all servers.
var queryIDs atomic.Int64

func nextQueryID() string {
	return strconv.FormatInt(4000000000000000000+queryIDs.Add(1), 10)
}

// User returns the test user with the given id: first name "User<id>",
// username "user<id>", language DefaultLanguage.
func User(userID int64) tgbotapi.User {
	return tgbotapi.User{
		ID:           userID,
		FirstName:    "User" + strconv.FormatInt(userID, 10),
		UserName:     "user" + strconv.FormatInt(userID, 10),
		LanguageCode: DefaultLanguage,
	}
}

// privateChat is the private chat of a user with the bot; its id is the
// user's id.
func privateChat(userID int64) *tgbotapi.Chat {
	u := User(userID)
	return &tgbotapi.Chat{ID: userID, Type: "private", FirstName: u.FirstName, UserName: u.UserName}
}

func groupChat(chatID int64) *tgbotapi.Chat {
	return &tgbotapi.Chat{ID: chatID, Type: "supergroup", Title: fmt.Sprintf("Group %d", chatID)}
}

// TextMessage returns an update with a text message from userID in chatID:
// the private chat with the bot when chatID == userID, a supergroup
// otherwise. As on Telegram, a leading "/command" gets a bot_command entity.
// The message id is left zero for PushUpdate to assign.
func TextMessage(chatID, userID int64, text string) tgbotapi.Update {
	if chatID == userID {
		return message(privateChat(userID), userID, text)
	}
	return GroupMessage(chatID, userID, text)
}

// GroupMessage returns an update with a text message from userID in the
// supergroup chatID.
func GroupMessage(chatID, userID int64, text string) tgbotapi.Update {
	return message(groupChat(chatID), userID, text)
}

func message(chat *tgbotapi.Chat, userID int64, text string) tgbotapi.Update {
	from := User(userID)
	m := &tgbotapi.Message{
		From:     &from,
		Date:     int(time.Now().Unix()),
		Chat:     chat,
		Text:     text,
		Entities: commandEntities(text),
	}
	return tgbotapi.Update{Message: m}
}

// commandEntities returns the bot_command entity Telegram attaches to a text
// starting with a command such as "/start" or "/start@bot".
func commandEntities(text string) []tgbotapi.MessageEntity {
	if !strings.HasPrefix(text, "/") {
		return nil
	}
	word, _, _ := strings.Cut(text, " ")
	word, _, _ = strings.Cut(word, "\n")
	name, bot, _ := strings.Cut(word[1:], "@")
	if !validCommandName(name) || strings.ContainsAny(bot, "@/") {
		return nil
	}
	return []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: utf16Len(word)}}
}

// validCommandName reports whether Telegram would mark name as a command:
// 1 to 32 Latin letters, digits and underscores.
func validCommandName(name string) bool {
	if len(name) == 0 || len(name) > 32 {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// Command returns an update with the command "/name args..." from userID in
// chatID, chosen as in TextMessage. The name may be given with or without its
// leading "/".
func Command(chatID, userID int64, name string, args ...string) tgbotapi.Update {
	text := "/" + strings.TrimPrefix(name, "/")
	if len(args) > 0 {
		text += " " + strings.Join(args, " ")
	}
	return TextMessage(chatID, userID, text)
}

// Callback returns an update with a callback query from userID, who pressed
// a button carrying data under message messageID in chatID. When the server
// knows that message, PushUpdate attaches it as it now stands.
func Callback(chatID, userID int64, messageID int, data string) tgbotapi.Update {
	from := User(userID)
	chat := privateChat(userID)
	if chatID != userID {
		chat = groupChat(chatID)
	}
	return tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{
		ID:   nextQueryID(),
		From: &from,
		Message: &tgbotapi.Message{
			MessageID: messageID,
			Date:      int(time.Now().Unix()),
			Chat:      chat,
		},
		ChatInstance: strconv.FormatInt(chatID, 10),
		Data:         data,
	}}
}

// InlineQuery returns an update with an inline query from userID typed in
// their private chat with someone.
func InlineQuery(userID int64, query string) tgbotapi.Update {
	from := User(userID)
	return tgbotapi.Update{InlineQuery: &tgbotapi.InlineQuery{
		ID:       nextQueryID(),
		From:     &from,
		Query:    query,
		ChatType: "sender",
	}}
}

// PollAnswer returns an update in which userID answers the poll pollID with
// the given options; no options means the vote was retracted.
func PollAnswer(pollID string, userID int64, optionIDs ...int) tgbotapi.Update {
	if optionIDs == nil {
		optionIDs = []int{}
	}
	return tgbotapi.Update{PollAnswer: &tgbotapi.PollAnswer{
		PollID:    pollID,
		User:      User(userID),
		OptionIDs: optionIDs,
	}}
}

// InLanguage returns u with the language_code of every user in it set to
// code, such as "ru", "kk" or "zh-hans". u itself is not modified.
func InLanguage(u tgbotapi.Update, code string) tgbotapi.Update {
	withLang := func(p *tgbotapi.User) *tgbotapi.User {
		if p == nil {
			return nil
		}
		c := *p
		c.LanguageCode = code
		return &c
	}
	for _, m := range []**tgbotapi.Message{&u.Message, &u.EditedMessage} {
		if *m != nil {
			c := **m
			c.From = withLang(c.From)
			*m = &c
		}
	}
	if u.CallbackQuery != nil {
		c := *u.CallbackQuery
		c.From = withLang(c.From)
		u.CallbackQuery = &c
	}
	if u.InlineQuery != nil {
		c := *u.InlineQuery
		c.From = withLang(c.From)
		u.InlineQuery = &c
	}
	if u.ChosenInlineResult != nil {
		c := *u.ChosenInlineResult
		c.From = withLang(c.From)
		u.ChosenInlineResult = &c
	}
	if u.PollAnswer != nil {
		c := *u.PollAnswer
		c.User.LanguageCode = code
		u.PollAnswer = &c
	}
	return u
}
