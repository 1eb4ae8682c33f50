package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/silkroad-bot/silkroad/bot"
	"github.com/silkroad-bot/silkroad/internal/clock"
)

// handleUpdate handles one update and delivers the replies, unless the
// update log says it was handled before (when the dispatcher has not
// asked it already); then it marks it handled.
// Updates that do not decode are logged and dropped. A panic is logged
// with the update id and answered with an apology.
func (t *Transport) handleUpdate(ctx context.Context, in *incoming) {
	if in.id != nil && t.opts.Updates != nil {
		id := *in.id
		if !in.logChecked && t.handledBefore(ctx, id) {
			return
		}
		defer func() {
			if ctx.Err() != nil {
				return // cut short by shutdown: let a restart handle it again
			}
			// The worker goes on to its next update while the mark is
			// committed: marks queued meanwhile share one commit and one
			// disk sync. A crash before it lands lets a restart answer
			// this update again; nothing is lost.
			at := time.Now()
			t.marks.Go(func() {
				if _, err := t.opts.Updates.MarkHandled(id, at); err != nil {
					t.log.ErrorContext(ctx, "marking an update handled failed", "update", id, "err", err)
				}
			})
		}()
	}
	if in.err != nil {
		t.log.WarnContext(ctx, "dropping an update that does not decode", "err", in.err, "bytes", len(in.raw))
		return
	}
	req := toRequest(in.u, in.thread, t.api.Self)
	if req == nil {
		t.log.DebugContext(ctx, "ignoring update", "update", in.u.updateID())
		return
	}
	defer func() {
		if v := recover(); v != nil {
			t.log.ErrorContext(ctx, "panic while serving an update", "update", req.UpdateID, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			t.apologize(ctx, req)
		}
	}()
	t.serve(ctx, req)
}

// handledBefore reports whether the update log says update id was
// handled before. An update it cannot tell about is handled again.
func (t *Transport) handledBefore(ctx context.Context, id int64) bool {
	done, err := t.opts.Updates.Handled(id)
	if err != nil {
		t.log.ErrorContext(ctx, "checking the update log failed; handling the update anyway", "update", id, "err", err)
	}
	if done {
		t.log.InfoContext(ctx, "skipping an update handled before", "update", id)
	}
	return done
}

// apologize tells the user something went wrong, as well as it can.
func (t *Transport) apologize(ctx context.Context, req *bot.Request) {
	for _, r := range t.h.Apology(ctx, req) {
		if err := t.deliver(ctx, req, r); err != nil {
			t.log.WarnContext(ctx, "sending an apology failed", "update", req.UpdateID, "err", err)
		}
	}
}

// serve handles req and carries out the replies.
func (t *Transport) serve(ctx context.Context, req *bot.Request) {
	stopTyping := t.typing(ctx, req)
	replies := t.h.Handle(ctx, req)
	stopTyping()
	for _, r := range replies {
		err := t.deliver(ctx, req, r)
		// A reply that failed for a temporary reason (the Bot API down,
		// a long 429, retries run out) is tried again, after a growing
		// wait, until it is delivered, refused for good, or the bot stops;
		// meanwhile its update is neither confirmed nor marked handled,
		// so a restart answers it too.
		bo := backoff{min: t.send.retry.Base, max: t.send.retry.Max}
		for err != nil && !errors.Is(err, ErrPermanent) && ctx.Err() == nil {
			t.log.WarnContext(ctx, "sending a reply failed; trying again", "update", req.UpdateID, "chat", req.ChatID, "err", err)
			if !clock.Sleep(ctx, t.send.clock, bo.next()) {
				break
			}
			err = t.deliver(ctx, req, r)
		}
		if err != nil {
			t.h.CountError()
			level := slog.LevelWarn
			if errors.Is(err, ErrPermanent) {
				level = slog.LevelInfo // blocked, chat gone: nothing to retry
			}
			t.log.Log(ctx, level, "sending a reply failed; dropped", "update", req.UpdateID, "chat", req.ChatID, "err", err)
		}
	}
}

// typing shows "typing…" in the chat of a message the bot answers,
// once handling it has taken TypingDelay (at once if TypingDelay is
// negative). The stop function it returns, called when the replies are
// ready, cancels the action if it has not gone out yet, or else waits
// for its call to finish, so that it never arrives after the answer.
func (t *Transport) typing(ctx context.Context, req *bot.Request) (stop func()) {
	if req.Kind != bot.KindMessage || req.ChatID == 0 || !t.h.Wants(req) {
		return func() {}
	}
	done := make(chan struct{})
	send := func() {
		defer close(done)
		a := sendChatAction{ChatID: req.ChatID, MessageThreadID: req.ThreadID, Action: "typing"}
		if err := t.call(ctx, req.ChatID, "sendChatAction", a); err != nil {
			t.log.DebugContext(ctx, "sendChatAction failed", "err", err)
		}
	}
	if t.opts.TypingDelay < 0 {
		send()
		return func() {}
	}
	timer := time.AfterFunc(t.opts.TypingDelay, send)
	return func() {
		if !timer.Stop() {
			<-done
		}
	}
}

// keyboard encodes button rows as reply_markup JSON, or nil for none.
func keyboard(rows [][]bot.Button) json.RawMessage {
	type button struct {
		Text         string `json:"text"`
		CallbackData string `json:"callback_data,omitempty"`
		URL          string `json:"url,omitempty"`
	}
	var kb [][]button
	for _, row := range rows {
		var r []button
		for _, b := range row {
			r = append(r, button{b.Text, b.Data, b.URL})
		}
		if len(r) > 0 {
			kb = append(kb, r)
		}
	}
	if len(kb) == 0 {
		return nil
	}
	raw, _ := json.Marshal(struct {
		InlineKeyboard [][]button `json:"inline_keyboard"`
	}{kb})
	return raw
}

// deliver carries out one reply to req.
func (t *Transport) deliver(ctx context.Context, req *bot.Request, r bot.Reply) error {
	_, err := t.carry(ctx, req, r)
	return err
}

// carry carries out one reply, in answer to req or, when req holds only
// a chat, pushed to that chat, and says what it sent.
func (t *Transport) carry(ctx context.Context, req *bot.Request, r bot.Reply) (bot.Sent, error) {
	none := bot.Sent{}
	switch {
	case r.Noticed():
		return none, t.call(ctx, 0, "answerCallbackQuery", answerCallbackQuery{CallbackQueryID: req.CallbackID, Text: r.Notice, ShowAlert: r.Alert})
	case r.Articles != nil:
		return none, t.answerInline(ctx, req, r)
	case req.ChatID == 0:
		return none, nil // the rest go to a chat
	case r.Venue != nil:
		return none, t.call(ctx, req.ChatID, "sendVenue", sendVenue{
			ChatID: req.ChatID, MessageThreadID: req.ThreadID,
			Latitude: r.Venue.Lat, Longitude: r.Venue.Lon, Title: r.Venue.Title, Address: r.Venue.Address,
		})
	case r.Photo != nil:
		return none, t.send.sendPhoto(ctx, req.ChatID, req.ThreadID, r.Photo, r.HTML, keyboard(r.Buttons), r.Protect)
	case r.Document != nil:
		return none, t.send.upload(ctx, req.ChatID, req.ThreadID, *r.Document, r.HTML, true, r.Protect)
	case r.Poll != nil:
		return t.sendPoll(ctx, req.ChatID, req.ThreadID, r.Poll)
	case r.StopPoll != 0:
		return none, t.call(ctx, req.ChatID, "stopPoll", stopPoll{ChatID: req.ChatID, MessageID: r.StopPoll})
	case r.HTML == "":
		return none, nil
	case r.Edit && req.Kind == bot.KindCallback && (req.MessageID != 0 || req.InlineMessageID != ""):
		return none, t.edit(ctx, req, r)
	}
	parts := bot.SplitHTML(r.HTML, bot.MaxMessage)
	for i, part := range parts {
		m := sendMessage{
			ChatID: req.ChatID, MessageThreadID: req.ThreadID,
			Text: part, ParseMode: "HTML", LinkPreviewOptions: noPreview, ProtectContent: r.Protect,
		}
		// In a group, the first part quotes the question it answers.
		if i == 0 && req.Kind == bot.KindMessage && !req.Private() && req.MessageID != 0 {
			m.ReplyParameters = &replyParameters{MessageID: req.MessageID, AllowSendingWithoutReply: true}
		}
		if i == len(parts)-1 {
			m.ReplyMarkup = keyboard(r.Buttons)
		}
		if err := t.call(ctx, req.ChatID, "sendMessage", m); err != nil {
			return none, err
		}
	}
	return none, nil
}

// edit replaces the message the request's button was on.
func (t *Transport) edit(ctx context.Context, req *bot.Request, r bot.Reply) error {
	edit := editMessageText{
		InlineMessageID: req.InlineMessageID,
		Text:            bot.TruncateHTML(r.HTML, bot.MaxMessage), ParseMode: "HTML", LinkPreviewOptions: noPreview,
		ReplyMarkup: keyboard(r.Buttons),
	}
	if req.InlineMessageID == "" {
		edit.ChatID, edit.MessageID = req.ChatID, req.MessageID
	}
	err := t.call(ctx, req.ChatID, "editMessageText", edit)
	var ae *APIError
	if errors.As(err, &ae) && ae.NotModified() {
		return nil
	}
	return err
}

// call sends a typed request about chatID (0 for none).
func (t *Transport) call(ctx context.Context, chatID int64, method string, req any) error {
	return callTyped(ctx, t.send, chatID, method, req)
}

// callTyped sends a typed request through s and discards its result.
func callTyped(ctx context.Context, s *Sender, chatID int64, method string, req any) error {
	_, err := request(ctx, s, chatID, method, req)
	return err
}

// request sends a typed request through s, about chatID (0 for none),
// and returns its result.
func request(ctx context.Context, s *Sender, chatID int64, method string, req any) (json.RawMessage, error) {
	p, err := params(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	return s.Call(ctx, chatID, method, p)
}

// answerInline sends inline-mode results.
func (t *Transport) answerInline(ctx context.Context, req *bot.Request, r bot.Reply) error {
	results := []inlineArticle{}
	for _, a := range r.Articles {
		if len(results) == 10 {
			break
		}
		results = append(results, inlineArticle{"article", a.ID, a.Title, a.Description, messageContent{bot.TruncateHTML(a.HTML, bot.MaxMessage), "HTML"}})
	}
	return t.call(ctx, 0, "answerInlineQuery", answerInlineQuery{InlineQueryID: req.InlineID, Results: results, CacheTime: r.CacheTime})
}
