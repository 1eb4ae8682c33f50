package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/silkroad-bot/silkroad/bot"
)

// Push carries out r in a chat, not in answer to a message: a class
// quiz's polls, round results, podium and homework reminders. It makes
// the Transport a bot.Pusher.
func (t *Transport) Push(ctx context.Context, chatID int64, r bot.Reply) (bot.Sent, error) {
	return t.carry(ctx, &bot.Request{ChatID: chatID}, r)
}

// sendPoll sends a native quiz poll, its right answer both as
// correct_option_id and as Bot API 9.6's correct_option_ids, the class's
// votes hidden until it closes and its options shuffled per student.
func (t *Transport) sendPoll(ctx context.Context, chatID int64, threadID int, p *bot.Poll) (bot.Sent, error) {
	secs := min(max(int(p.OpenPeriod.Seconds()+0.5), 5), bot.MaxQuizSeconds)
	params, err := params(sendPoll{
		ChatID: chatID, MessageThreadID: threadID, Question: p.Question, Options: p.Options,
		Type: "quiz", IsAnonymous: false, CorrectOptionID: p.Correct, CorrectOptionIDs: []int{p.Correct},
		Explanation: p.Explanation, OpenPeriod: secs, HideResultsUntilCloses: true, ShuffleOptions: true,
	})
	if err != nil {
		return bot.Sent{}, fmt.Errorf("sendPoll: %w", err)
	}
	raw, err := t.send.Call(ctx, chatID, "sendPoll", params)
	if err != nil {
		return bot.Sent{}, err
	}
	var m struct {
		MessageID int `json:"message_id"`
		Poll      *struct {
			ID string `json:"id"`
		} `json:"poll"`
	}
	if err := json.Unmarshal(raw, &m); err != nil || m.Poll == nil || m.Poll.ID == "" {
		return bot.Sent{}, fmt.Errorf("sendPoll: no poll in the result")
	}
	return bot.Sent{MessageID: m.MessageID, PollID: m.Poll.ID}, nil
}

// Member returns a chat member's display name and whether they are an
// administrator or the creator of the chat.
func (t *Transport) Member(ctx context.Context, chatID, userID int64) (string, bool, error) {
	raw, err := request(ctx, t.send, chatID, "getChatMember", getChatMember{ChatID: chatID, UserID: userID})
	if err != nil {
		return "", false, err
	}
	var m struct {
		Status string `json:"status"`
		User   struct {
			FirstName string `json:"first_name"`
			LastName  string `json:"last_name"`
		} `json:"user"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return "", false, fmt.Errorf("getChatMember: %w", err)
	}
	name := strings.TrimSpace(m.User.FirstName + " " + m.User.LastName)
	return name, m.Status == "administrator" || m.Status == "creator", nil
}

// upload sends a document to a chat (and forum topic), with a caption in
// HTML when html is set, else plain.
func (s *Sender) upload(ctx context.Context, chatID int64, threadID int, doc bot.Document, caption string, html, protect bool) error {
	req := sendDocument{ChatID: chatID, MessageThreadID: threadID, Caption: caption, ProtectContent: protect}
	if html && caption != "" {
		req.Caption, req.ParseMode = bot.TruncateHTML(caption, bot.MaxCaption), "HTML"
	}
	p, err := params(req)
	if err != nil {
		return fmt.Errorf("sendDocument: %w", err)
	}
	_, err = s.uploadFile(ctx, "sendDocument", "document", doc, p)
	return err
}

// uploadFile sends doc as the multipart field of method, with the form
// fields params (a typed request encoded, chat_id among them), and
// returns the message Telegram sent.
func (s *Sender) uploadFile(ctx context.Context, method, field string, doc bot.Document, params tgbotapi.Params) (json.RawMessage, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	api := *s.api
	api.Client = ctxClient{ctx: ctx, c: s.client}
	resp, err := api.UploadFiles(method, params, []tgbotapi.RequestFile{
		{Name: field, Data: tgbotapi.FileBytes{Name: doc.Name, Bytes: doc.Data}},
	})
	if err != nil {
		var te *tgbotapi.Error
		if errors.As(err, &te) {
			return nil, &APIError{Method: method, Code: te.Code, Description: te.Message}
		}
		return nil, fmt.Errorf("%s: %w", method, scrub(err, s.api.Token))
	}
	return resp.Result, nil
}
