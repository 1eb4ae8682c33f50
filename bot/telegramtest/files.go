package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// MaxDownload is the largest file the Bot API lets a bot download; getFile
// refuses bigger ones, as Telegram does.
const MaxDownload = 20 << 20

// storedFile is a file users sent, served by getFile and /file/bot<token>/.
type storedFile struct {
	id, path string
	data     []byte
	size     int // what getFile reports; len(data) unless AddFile said more
}

// AddFile stores data as a file a user could send, and returns its
// file_id, for DocumentMessage. size, when larger than len(data), is the
// size Telegram reports for it, so that a test of a 10 MB upload need not
// hold 10 MB.
func (s *Server) AddFile(name string, data []byte, size int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := fmt.Sprintf("BQACAgIAAxkBAAI%06d", s.nextFileID)
	s.nextFileID++
	if size < len(data) {
		size = len(data)
	}
	if s.files == nil {
		s.files = map[string]storedFile{}
	}
	s.files[id] = storedFile{id: id, path: "documents/file_" + strconv.Itoa(s.nextFileID) + path.Ext(name), data: data, size: size}
	return id
}

func (s *Server) getFile(c *Call) (any, *apiError) {
	f, ok := s.files[c.Params["file_id"]]
	if !ok {
		return nil, badRequest("invalid file_id")
	}
	if f.size > MaxDownload {
		return nil, badRequest("file is too big")
	}
	return tgbotapi.File{FileID: f.id, FileUniqueID: "u" + f.id, FileSize: f.size, FilePath: f.path}, nil
}

// serveFile answers /file/bot<token>/<file_path>, as the Bot API's file
// server does.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, rest string) {
	token, p, _ := strings.Cut(rest, "/")
	if token != s.token {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	s.mu.Lock()
	var data []byte
	found := false
	for _, f := range s.files {
		if f.path == p {
			data, found = f.data, true
		}
	}
	s.mu.Unlock()
	if !found {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// DocumentMessage returns an update with a document a user sends in the
// private chat with the bot: fileID from AddFile, the file's name and an
// optional caption.
func DocumentMessage(userID int64, fileID, name string, size int, caption string) tgbotapi.Update {
	from := User(userID)
	return tgbotapi.Update{Message: &tgbotapi.Message{
		From: &from, Date: int(time.Now().Unix()), Chat: privateChat(userID), Caption: caption,
		Document: &tgbotapi.Document{FileID: fileID, FileUniqueID: "u" + fileID, FileName: name, FileSize: size},
	}}
}

// ForwardedQuizPoll returns, as JSON for PushRaw, an update with a quiz
// poll a user forwards to the bot's private chat. Telegram gives the
// right option there; correct < 0 leaves it out, as in other chats.
func ForwardedQuizPoll(userID int64, question string, options []string, correct int, explanation string) []byte {
	type option struct {
		Text       string `json:"text"`
		VoterCount int    `json:"voter_count"`
	}
	poll := map[string]any{
		"id": "5" + strconv.FormatInt(time.Now().UnixNano()%1e12, 10), "question": question, "type": "quiz",
		"total_voter_count": 0, "is_closed": true, "is_anonymous": false, "allows_multiple_answers": false,
	}
	opts := make([]option, len(options))
	for i, o := range options {
		opts[i] = option{Text: o}
	}
	poll["options"] = opts
	if correct >= 0 {
		poll["correct_option_id"] = correct
	}
	if explanation != "" {
		poll["explanation"] = explanation
	}
	from := User(userID)
	raw, _ := json.Marshal(map[string]any{"message": map[string]any{
		"message_id": 0, "date": time.Now().Unix(), "from": from, "chat": privateChat(userID),
		"forward_origin": map[string]any{"type": "user", "date": time.Now().Unix(), "sender_user": User(userID + 1)},
		"poll":           poll,
	}})
	return raw
}
