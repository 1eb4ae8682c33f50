package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/silkroad-bot/silkroad/bot"
)

// Download fetches a file a user sent, by its file_id: getFile gives its
// path, and the bytes come from the Bot API's file server. A file over
// max bytes is bot.ErrFileTooBig, and is not read to the end.
func (t *Transport) Download(ctx context.Context, fileID string, max int) ([]byte, error) {
	raw, err := request(ctx, t.send, 0, "getFile", getFile{FileID: fileID})
	if err != nil {
		return nil, err
	}
	var f struct {
		Path string `json:"file_path"`
		Size int    `json:"file_size"`
	}
	if err := json.Unmarshal(raw, &f); err != nil || f.Path == "" {
		return nil, fmt.Errorf("getFile: no file_path in %s", raw)
	}
	if f.Size > max {
		return nil, bot.ErrFileTooBig
	}
	ctx, cancel := context.WithTimeout(ctx, t.send.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.send.files+t.send.api.Token+"/"+f.Path, nil)
	if err != nil {
		return nil, fmt.Errorf("download a file: %w", scrub(err, t.send.api.Token))
	}
	resp, err := t.send.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download a file: %w", scrub(err, t.send.api.Token))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download a file: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, int64(max)+1))
	if err != nil {
		return nil, fmt.Errorf("download a file: %w", scrub(err, t.send.api.Token))
	}
	if len(data) > max {
		return nil, bot.ErrFileTooBig
	}
	return data, nil
}
