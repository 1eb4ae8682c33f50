package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	_ "image/jpeg" // photos sent as JPEG
	_ "image/png"  // and as PNG
	"mime"
	"path"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

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

// correctOption reads a quiz's right option: Bot API 9.6's
// correct_option_ids (one, as a quiz that counts one right answer has),
// or the older correct_option_id; given both, they must agree.
func correctOption(c *Call) (int, bool) {
	old, oldErr := strconv.Atoi(c.Params["correct_option_id"])
	raw, ok := c.Params["correct_option_ids"]
	if !ok {
		return old, oldErr == nil
	}
	var ids []int
	if json.Unmarshal([]byte(raw), &ids) != nil || len(ids) != 1 {
		return 0, false
	}
	if _, given := c.Params["correct_option_id"]; given && (oldErr != nil || old != ids[0]) {
		return 0, false
	}
	return ids[0], true
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
		id, ok := correctOption(c)
		if !ok || id < 0 || id >= len(options) {
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
	cp, err := s.captioned(c)
	if err != nil {
		return nil, err
	}
	id, name, size, err := s.fileParam(c, "document")
	if err != nil {
		return nil, err
	}
	m := s.newMessage(c, cp.chat)
	m.Caption, m.CaptionEntities, m.ReplyMarkup = cp.caption, cp.entities, cp.markup
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
	cp, err := s.captioned(c)
	if err != nil {
		return nil, err
	}
	w, h := 800, 800
	var id string
	var size int
	if data, ok := c.Files["photo"]; ok {
		// Telegram decodes what it is sent: a file that is no image is
		// refused, and an image keeps its size.
		cfg, _, derr := image.DecodeConfig(bytes.NewReader(data))
		if derr != nil {
			return nil, badRequest("IMAGE_PROCESS_FAILED")
		}
		w, h = cfg.Width, cfg.Height
		if id, _, size, err = s.fileParam(c, "photo"); err != nil {
			return nil, err
		}
		s.photos[id] = [2]int{w, h}
	} else {
		id = c.Params["photo"]
		dims, known := s.photos[id]
		switch {
		case id == "":
			return nil, badRequest("there is no photo in the request")
		case !known && !strings.HasPrefix(id, "http"):
			return nil, badRequest("wrong file identifier/HTTP URL specified")
		}
		if known {
			w, h = dims[0], dims[1]
		}
	}
	m := s.newMessage(c, cp.chat)
	m.Caption, m.CaptionEntities, m.ReplyMarkup = cp.caption, cp.entities, cp.markup
	m.Photo = []tgbotapi.PhotoSize{
		{FileID: id + "_s", FileUniqueID: "u" + id + "_s", Width: 90, Height: 90 * h / max(w, 1)},
		{FileID: id, FileUniqueID: "u" + id, Width: w, Height: h, FileSize: size},
	}
	s.photos[id+"_s"] = [2]int{90, 90 * h / max(w, 1)}
	return m, nil
}

// captionedParams are what every send with a caption reads first.
type captionedParams struct {
	chat     tgbotapi.Chat
	caption  string
	entities []tgbotapi.MessageEntity
	markup   *tgbotapi.InlineKeyboardMarkup
}

// captioned reads the chat, the caption and the keyboard of a send.
func (s *Server) captioned(c *Call) (captionedParams, *apiError) {
	var cp captionedParams
	var err *apiError
	if cp.chat, err = s.chatParam(c, "chat_id"); err != nil {
		return cp, err
	}
	if cp.caption, cp.entities, err = captionParam(c); err != nil {
		return cp, err
	}
	cp.markup, err = replyMarkup(c)
	return cp, err
}

func captionParam(c *Call) (string, []tgbotapi.MessageEntity, *apiError) {
	if c.Params["caption"] == "" {
		return "", nil, nil
	}
	return textParam(c, "caption", maxCaptionLen)
}
