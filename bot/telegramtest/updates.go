package telegramtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// maxUpdatesLimit is the largest batch getUpdates returns, as on Telegram.
const maxUpdatesLimit = 100

// queuedUpdate is an update waiting to be confirmed by a getUpdates offset.
type queuedUpdate struct {
	id  int
	raw json.RawMessage
}

// PushUpdate queues u for getUpdates, wakes pending long polls, and returns
// the update's id. A zero UpdateID gets the next free id, and a message with a
// zero MessageID gets the next message id. A callback query about a message
// the bot sent carries that message as it now stands, as on Telegram.
func (s *Server) PushUpdate(u tgbotapi.Update) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.UpdateID == 0 {
		u.UpdateID = s.nextUpdateID
	}
	s.prepareUpdate(&u)
	raw, err := encode(u)
	if err != nil {
		// tgbotapi.Update holds only plain data, so this cannot happen.
		panic(fmt.Sprintf("telegramtest: encode update: %v", err))
	}
	s.enqueue(u.UpdateID, raw)
	return u.UpdateID
}

// WebhookUpdate prepares u as PushUpdate does (its ids and dates, the
// chats it names) and returns it as Telegram posts it to a webhook,
// without queueing it for getUpdates. The test then plays Telegram's
// part: it posts the body, and posts it again until the bot answers 200.
func (s *Server) WebhookUpdate(u tgbotapi.Update) (id int, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.UpdateID == 0 {
		u.UpdateID = s.nextUpdateID
	}
	s.nextUpdateID = max(s.nextUpdateID, u.UpdateID+1)
	s.prepareUpdate(&u)
	raw, err := encode(u)
	if err != nil {
		panic(fmt.Sprintf("telegramtest: encode update: %v", err))
	}
	return u.UpdateID, raw
}

// PushRaw queues an arbitrary JSON value as an update, for tests of updates
// the bot cannot or should not understand, and returns the id under which it
// is queued. An object without an "update_id" gets the next free id written
// into it; an object whose update_id is not an integer, and any other JSON
// value, is queued as it is under the next free id. PushRaw fails only if raw
// is not valid JSON, which would corrupt the whole getUpdates response.
func (s *Server) PushRaw(raw []byte) (int, error) {
	raw = bytes.TrimSpace(raw)
	if !json.Valid(raw) {
		return 0, errors.New("push raw update: invalid JSON")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextUpdateID
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) == nil && obj != nil {
		if v, ok := obj["update_id"]; ok {
			if n, err := strconv.Atoi(string(v)); err == nil {
				id = n
			}
		} else {
			body := bytes.TrimSpace(raw[1:])
			sep := ","
			if len(body) > 0 && body[0] == '}' {
				sep = ""
			}
			raw = fmt.Appendf(nil, `{"update_id":%d%s%s`, id, sep, body)
		}
	}
	s.enqueue(id, slices.Clone(raw))
	return id, nil
}

// enqueue inserts an update in id order and wakes long polls. s.mu must be
// held.
func (s *Server) enqueue(id int, raw json.RawMessage) {
	i, _ := slices.BinarySearchFunc(s.updates, id, func(q queuedUpdate, id int) int { return q.id - id })
	// Equal ids keep push order: insert after those already queued.
	for i < len(s.updates) && s.updates[i].id == id {
		i++
	}
	s.updates = slices.Insert(s.updates, i, queuedUpdate{id: id, raw: raw})
	s.nextUpdateID = max(s.nextUpdateID, id+1)
	wake(&s.newUpdates)
}

// prepareUpdate fills in ids and dates and learns the chats the update
// mentions. s.mu must be held.
func (s *Server) prepareUpdate(u *tgbotapi.Update) {
	for _, m := range []**tgbotapi.Message{&u.Message, &u.EditedMessage, &u.ChannelPost, &u.EditedChannelPost} {
		if *m == nil {
			continue
		}
		msg := **m
		if msg.MessageID == 0 {
			msg.MessageID = s.nextMessageID
			s.nextMessageID++
		}
		if msg.Date == 0 {
			msg.Date = int(time.Now().Unix())
		}
		s.learnChat(msg.Chat)
		*m = &msg
	}
	if cq := u.CallbackQuery; cq != nil {
		q := *cq
		if q.ID == "" {
			q.ID = nextQueryID()
		}
		if q.Message != nil && q.Message.Chat != nil {
			s.learnChat(q.Message.Chat)
			if sent, ok := s.messages[messageKey{q.Message.Chat.ID, q.Message.MessageID}]; ok {
				m := *sent
				q.Message = &m
			}
		}
		u.CallbackQuery = &q
	}
	if iq := u.InlineQuery; iq != nil && iq.ID == "" {
		q := *iq
		q.ID = nextQueryID()
		u.InlineQuery = &q
	}
}

// learnChat remembers a chat's type and title for later responses. s.mu must
// be held.
func (s *Server) learnChat(c *tgbotapi.Chat) {
	if c != nil && c.ID != 0 && c.Type != "" {
		s.chats[c.ID] = *c
	}
}

// serveUpdates answers getUpdates. With offset > 0 it first confirms, that is
// forgets, every update with a smaller id; a negative offset keeps only the
// last -offset updates. It then returns up to limit queued updates, or with a
// timeout waits for one until the timeout elapses, the request is cancelled
// or the server closes.
func (s *Server) serveUpdates(w http.ResponseWriter, r *http.Request, c Call) {
	offset, err1 := intParam(c.Params, "offset", 0)
	limit, err2 := intParam(c.Params, "limit", maxUpdatesLimit)
	timeout, err3 := intParam(c.Params, "timeout", 0)
	if err := errors.Join(err1, err2, err3); err != nil {
		s.refuse(w, c.Method, c.Params, badRequest("%v", err))
		return
	}
	limit = min(max(limit, 1), maxUpdatesLimit)

	s.mu.Lock()
	if s.webhookURL != "" {
		s.mu.Unlock()
		s.refuse(w, c.Method, c.Params, &apiError{
			code:        http.StatusConflict,
			description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
		})
		return
	}
	s.record(c)
	switch {
	case offset < 0:
		if drop := len(s.updates) + offset; drop > 0 {
			s.updates = slices.Delete(s.updates, 0, drop)
		}
	case offset > 0:
		n := 0
		for n < len(s.updates) && s.updates[n].id < offset {
			n++
		}
		s.updates = slices.Delete(s.updates, 0, n)
	}

	wait := timeout > 0
	var timer *time.Timer // started when the poll first has to wait
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		if len(s.updates) > 0 || !wait || s.closed {
			body := updatesJSON(s.updates[:min(limit, len(s.updates))])
			s.mu.Unlock()
			writeResult(w, body)
			return
		}
		if timer == nil {
			timer = time.NewTimer(time.Duration(timeout) * time.Second)
		}
		changed := waitChan(&s.newUpdates)
		s.mu.Unlock()
		select {
		case <-changed:
		case <-timer.C:
			wait = false
		case <-r.Context().Done():
			return
		}
		s.mu.Lock()
	}
}

// updatesJSON returns the JSON array of the updates in batch.
func updatesJSON(batch []queuedUpdate) []byte {
	n := len("[]")
	for _, u := range batch {
		n += len(u.raw) + len(",")
	}
	body := make([]byte, 0, n)
	body = append(body, '[')
	for i, u := range batch {
		if i > 0 {
			body = append(body, ',')
		}
		body = append(body, u.raw...)
	}
	return append(body, ']')
}

// intParam parses an optional integer parameter.
func intParam(params map[string]string, name string, def int) (int, error) {
	v, ok := params[name]
	if !ok || v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("invalid %s %q", name, v)
	}
	return n, nil
}
