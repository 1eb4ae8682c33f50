package telegram

import (
	"bytes"
	"encoding/json"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// The typed requests the bot sends. go-telegram-bot-api v5.5.1 stops at
// Bot API 5.5; these carry what came later (reply_parameters and
// link_preview_options of 7.0, the poll fields of 9.6) and are encoded
// by params into the form the library posts.

// linkPreviewOptions (Bot API 7.0) says how a message's link preview
// is shown; the bot turns previews off on its cards.
type linkPreviewOptions struct {
	IsDisabled bool `json:"is_disabled,omitempty"`
}

// noPreview turns link previews off.
var noPreview = &linkPreviewOptions{IsDisabled: true}

// replyParameters (Bot API 7.0) quotes the message a reply answers.
type replyParameters struct {
	MessageID                int  `json:"message_id"`
	AllowSendingWithoutReply bool `json:"allow_sending_without_reply,omitempty"`
}

type sendMessage struct {
	ChatID             int64               `json:"chat_id"`
	MessageThreadID    int                 `json:"message_thread_id,omitempty"`
	Text               string              `json:"text"`
	ParseMode          string              `json:"parse_mode,omitempty"`
	LinkPreviewOptions *linkPreviewOptions `json:"link_preview_options,omitempty"`
	ReplyParameters    *replyParameters    `json:"reply_parameters,omitempty"`
	ProtectContent     bool                `json:"protect_content,omitempty"`
	ReplyMarkup        json.RawMessage     `json:"reply_markup,omitempty"`
}

type editMessageText struct {
	ChatID             int64               `json:"chat_id,omitempty"`
	MessageID          int                 `json:"message_id,omitempty"`
	InlineMessageID    string              `json:"inline_message_id,omitempty"`
	Text               string              `json:"text"`
	ParseMode          string              `json:"parse_mode,omitempty"`
	LinkPreviewOptions *linkPreviewOptions `json:"link_preview_options,omitempty"`
	ReplyMarkup        json.RawMessage     `json:"reply_markup,omitempty"`
}

type answerCallbackQuery struct {
	CallbackQueryID string `json:"callback_query_id"`
	Text            string `json:"text,omitempty"`
	ShowAlert       bool   `json:"show_alert,omitempty"`
}

type sendVenue struct {
	ChatID          int64   `json:"chat_id"`
	MessageThreadID int     `json:"message_thread_id,omitempty"`
	Latitude        float64 `json:"latitude"`
	Longitude       float64 `json:"longitude"`
	Title           string  `json:"title"`
	Address         string  `json:"address"`
}

// sendPoll sends a quiz poll. CorrectOptionIDs is Bot API 9.6's list of
// right options, sent beside the older CorrectOptionID for servers
// before it; HideResultsUntilCloses (9.6) keeps a class from seeing how
// the others voted until the question closes, and ShuffleOptions (9.6)
// shows each student the options in an order of their own, so that a
// neighbour's screen gives nothing away. Votes still name the options
// by their place in Options.
type sendPoll struct {
	ChatID                 int64    `json:"chat_id"`
	MessageThreadID        int      `json:"message_thread_id,omitempty"`
	Question               string   `json:"question"`
	Options                []string `json:"options"`
	Type                   string   `json:"type"`
	IsAnonymous            bool     `json:"is_anonymous"`
	CorrectOptionID        int      `json:"correct_option_id"`
	CorrectOptionIDs       []int    `json:"correct_option_ids"`
	Explanation            string   `json:"explanation,omitempty"`
	OpenPeriod             int      `json:"open_period,omitempty"`
	HideResultsUntilCloses bool     `json:"hide_results_until_closes,omitempty"`
	ShuffleOptions         bool     `json:"shuffle_options,omitempty"`
	ProtectContent         bool     `json:"protect_content,omitempty"`
}

// sendPhotoRequest sends a picture: Photo is a file_id, or empty when
// the picture is uploaded as the multipart field "photo".
type sendPhotoRequest struct {
	ChatID          int64           `json:"chat_id"`
	MessageThreadID int             `json:"message_thread_id,omitempty"`
	Photo           string          `json:"photo,omitempty"`
	Caption         string          `json:"caption,omitempty"`
	ParseMode       string          `json:"parse_mode,omitempty"`
	ProtectContent  bool            `json:"protect_content,omitempty"`
	ReplyMarkup     json.RawMessage `json:"reply_markup,omitempty"`
}

type stopPoll struct {
	ChatID    int64 `json:"chat_id"`
	MessageID int   `json:"message_id"`
}

// menuButton is the chat menu button; type "commands" opens the
// command list.
type menuButton struct {
	Type string `json:"type"`
}

type setChatMenuButton struct {
	MenuButton menuButton `json:"menu_button"`
}

type sendChatAction struct {
	ChatID          int64  `json:"chat_id"`
	MessageThreadID int    `json:"message_thread_id,omitempty"`
	Action          string `json:"action"`
}

// sendDocument is the form fields of a document upload; the file goes
// beside them as the multipart field "document".
type sendDocument struct {
	ChatID          int64  `json:"chat_id"`
	MessageThreadID int    `json:"message_thread_id,omitempty"`
	Caption         string `json:"caption,omitempty"`
	ParseMode       string `json:"parse_mode,omitempty"`
	ProtectContent  bool   `json:"protect_content,omitempty"`
}

type getUpdates struct {
	Offset  int `json:"offset"`
	Limit   int `json:"limit,omitempty"`
	Timeout int `json:"timeout"`
}

type getFile struct {
	FileID string `json:"file_id"`
}

type getChatMember struct {
	ChatID int64 `json:"chat_id"`
	UserID int64 `json:"user_id"`
}

// inlineArticle is an inline query result of type "article".
type inlineArticle struct {
	Type        string         `json:"type"`
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Description string         `json:"description,omitempty"`
	Content     messageContent `json:"input_message_content"`
}

type messageContent struct {
	MessageText string `json:"message_text"`
	ParseMode   string `json:"parse_mode"`
}

type answerInlineQuery struct {
	InlineQueryID string          `json:"inline_query_id"`
	Results       []inlineArticle `json:"results"`
	CacheTime     int             `json:"cache_time"`
}

type botCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

type setMyCommands struct {
	Commands     []botCommand `json:"commands"`
	LanguageCode string       `json:"language_code,omitempty"`
}

// profileText is the request of getMyName, getMyDescription and
// getMyShortDescription (LanguageCode alone) and of their setMy…
// (with the one text each sets), and the result of the getMy… calls.
type profileText struct {
	LanguageCode     string `json:"language_code,omitempty"`
	Name             string `json:"name,omitempty"`
	Description      string `json:"description,omitempty"`
	ShortDescription string `json:"short_description,omitempty"`
}

// setWebhook's SecretToken (Bot API 6.0) comes back in every update's
// X-Telegram-Bot-Api-Secret-Token header.
type setWebhook struct {
	URL         string `json:"url"`
	SecretToken string `json:"secret_token,omitempty"`
}

// params encodes a typed request as the form fields the Bot API reads:
// strings as they are, numbers and booleans as written in JSON, and
// objects and lists as JSON text. Fields left out by omitempty are not
// sent.
func params(req any) (tgbotapi.Params, error) {
	raw, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("encode %T: %w", req, err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, fmt.Errorf("encode %T: %w", req, err)
	}
	p := make(tgbotapi.Params, len(fields))
	for k, v := range fields {
		if bytes.HasPrefix(v, []byte(`"`)) {
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, fmt.Errorf("encode %T.%s: %w", req, k, err)
			}
			p[k] = s
			continue
		}
		p[k] = string(v)
	}
	return p, nil
}
