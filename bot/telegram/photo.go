package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/silkroad-bot/silkroad/bot"
)

// recentPhotos is how many pictures' file_ids the sender remembers.
const recentPhotos = 1024

// photoIDs remembers the file_id Telegram gave each picture by its key.
type photoIDs = lru.Cache[string, string]

func newPhotoIDs() *photoIDs {
	c, _ := lru.New[string, string](recentPhotos) // fails only for a size ≤ 0
	return c
}

// sendPhoto sends a picture with an HTML caption and buttons. A picture
// with a key that Telegram has had goes by its file_id; otherwise it is
// drawn and uploaded, and the file_id of the biggest size it comes back
// in is kept for next time.
func (s *Sender) sendPhoto(ctx context.Context, chatID int64, threadID int, pic *bot.Picture, caption string, markup json.RawMessage, protect bool) error {
	req := sendPhotoRequest{ChatID: chatID, MessageThreadID: threadID, ProtectContent: protect, ReplyMarkup: markup}
	if caption != "" {
		req.Caption, req.ParseMode = bot.TruncateHTML(caption, bot.MaxCaption), "HTML"
	}
	if pic.Key != "" {
		if id, ok := s.photos.Get(pic.Key); ok {
			req.Photo = id
			err := callTyped(ctx, s, chatID, "sendPhoto", req)
			var ae *APIError
			if !errors.As(err, &ae) || ae.Code != 400 {
				return err
			}
			// Telegram no longer knows the file: upload it again.
			s.photos.Remove(pic.Key)
			req.Photo = ""
		}
	}
	png, err := pic.Draw()
	if err != nil {
		return fmt.Errorf("draw %s: %w", pic.Key, err)
	}
	params, err := params(req)
	if err != nil {
		return fmt.Errorf("sendPhoto: %w", err)
	}
	raw, err := s.uploadFile(ctx, "sendPhoto", "photo", bot.Document{Name: "picture.png", Data: png}, params)
	if err != nil {
		return err
	}
	var m struct {
		Photo []tgbotapi.PhotoSize `json:"photo"`
	}
	if json.Unmarshal(raw, &m) == nil && len(m.Photo) > 0 && pic.Key != "" {
		biggest := m.Photo[0]
		for _, p := range m.Photo {
			if p.Width*p.Height > biggest.Width*biggest.Height {
				biggest = p
			}
		}
		s.photos.Add(pic.Key, biggest.FileID)
	}
	return nil
}
