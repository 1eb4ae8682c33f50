// Package telegramtest provides a fake Telegram Bot API server for end-to-end
// tests and load runs, in the manner of net/http/httptest.
//
// A Server listens on loopback, answers /bot<token>/<method> the way the real
// Bot API does for the methods the bot uses, records every accepted call, queues
// updates for getUpdates long polls, and can inject faults. Nothing in the core
// needs a *testing.T; New adds the testing conveniences.
//
// Like Telegram, the server refuses with 400 Bad Request what the bot most
// often gets wrong: empty or over-long texts and captions, parse_mode HTML
// with unsupported or unbalanced tags (such as a bare "a < b"), inline
// keyboards with text-only buttons or callback_data over 64 bytes, polls
// outside the Bot API's limits, and edits that change nothing ("message is
// not modified"). Markdown is not checked, allowed_updates is ignored, and
// concurrent getUpdates calls are not refused with 409 as on Telegram.
package telegramtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// DefaultBotUsername is the username getMe reports unless WithBotUsername
// says otherwise.
const DefaultBotUsername = "silkroad_test_bot"

// DefaultBotID is the user id getMe reports unless WithBotID says otherwise.
const DefaultBotID int64 = 7000000001

// maxUploadMemory is how much of a multipart body is kept in memory; the rest
// spills to temporary files that ParseMultipartForm removes for us.
const maxUploadMemory = 32 << 20

// ErrClosed is returned by WaitFor and WaitN when the server closes before the
// awaited calls arrive.
var ErrClosed = errors.New("telegramtest: server closed")

// Server is a fake Telegram Bot API server. Its methods are safe for
// concurrent use.
type Server struct {
	// URL is the base URL of the form http://127.0.0.1:port, without a
	// trailing slash. The bot calls URL + "/bot<token>/<method>".
	URL string

	token string
	bot   tgbotapi.User
	srv   *httptest.Server

	mu sync.Mutex // guards every field below
	// newCalls is closed when a call is recorded, waking WaitFor and WaitN,
	// and newUpdates when an update is queued, waking long polls. Both are
	// closed by Close too. Each is nil while nobody waits (see waitChan).
	newCalls   chan struct{}
	newUpdates chan struct{}
	closed     bool
	history    int    // if positive, how many calls and messages to keep
	calls      []Call // the most recent calls
	dropped    int    // calls dropped from the front of calls
	errs       []error
	injected   []InjectedFault
	limited    int // faults injected since SetFaults, for Faults.Limit
	faults     Faults
	rng        *rand.Rand // nil until SetFaults

	updates      []queuedUpdate // ascending update ids
	nextUpdateID int

	nextMessageID int
	nextPollID    int
	nextFileID    int
	chats         map[int64]tgbotapi.Chat
	messages      map[messageKey]*tgbotapi.Message
	order         map[int64][]int // message ids per chat, in sending order
	stored        []messageKey    // stored messages, oldest first, for eviction
	polls         map[string]messageKey
	members       map[memberKey]string
	commands      map[string][]tgbotapi.BotCommand // by commandsKey
	profile       map[string]string                // the bot's name and descriptions, by field "/" language_code
	webhookURL    string
	files         map[string]storedFile // by file_id (AddFile)
	photos        map[string][2]int     // file_id -> width and height of the photos sent
}

// Option configures a Server created by NewServer or New.
type Option func(*Server)

// WithBotUsername sets the username getMe reports, without the leading "@".
func WithBotUsername(username string) Option {
	return func(s *Server) { s.bot.UserName = strings.TrimPrefix(username, "@") }
}

// WithBotID sets the user id getMe reports.
func WithBotID(id int64) Option {
	return func(s *Server) { s.bot.ID = id }
}

// WithHistory bounds memory for long runs such as load tests: the server
// keeps only about the n most recent calls (between n and 2n) and as many sent
// messages. WaitFor and WaitN see only calls still kept; edits of an evicted
// message act on a stand-in. By default everything is kept.
func WithHistory(n int) Option {
	return func(s *Server) { s.history = n }
}

// NewServer starts and returns a fake Bot API server that accepts token.
// The caller should call Close when finished, to shut it down.
func NewServer(token string, opts ...Option) *Server {
	s := &Server{
		token: token,
		bot: tgbotapi.User{
			ID:                    DefaultBotID,
			IsBot:                 true,
			FirstName:             "Silkroad Test Bot",
			UserName:              DefaultBotUsername,
			CanJoinGroups:         true,
			SupportsInlineQueries: true,
		},
		nextUpdateID:  1,
		nextMessageID: 1,
		nextPollID:    1,
		nextFileID:    1,
		chats:         make(map[int64]tgbotapi.Chat),
		messages:      make(map[messageKey]*tgbotapi.Message),
		order:         make(map[int64][]int),
		polls:         make(map[string]messageKey),
		members:       make(map[memberKey]string),
		photos:        map[string][2]int{},
	}
	for _, opt := range opts {
		opt(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.URL = s.srv.URL
	return s
}

// New starts a server like NewServer and ties it to t: the server closes when
// the test ends, and every request in Errors (unknown method, wrong token,
// parameters Telegram would refuse) is then reported with t.Errorf.
func New(t testing.TB, token string, opts ...Option) *Server {
	t.Helper()
	s := NewServer(token, opts...)
	t.Cleanup(func() {
		s.Close()
		for _, err := range s.Errors() {
			t.Errorf("telegramtest: unexpected request: %v", err)
		}
	})
	return s
}

// Endpoint returns the endpoint format that tgbotapi.NewBotAPIWithClient
// expects for this server: URL + "/bot%s/%s".
func (s *Server) Endpoint() string {
	return s.URL + "/bot%s/%s"
}

// Bot returns the bot user that getMe reports.
func (s *Server) Bot() tgbotapi.User {
	return s.bot
}

// Close releases pending long polls and waiters, then shuts the server down
// and blocks until all outstanding requests have completed. Close is
// idempotent.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	wake(&s.newCalls)
	wake(&s.newUpdates)
	s.mu.Unlock()
	s.srv.Close()
}

// waitChan returns a channel that is closed at the next wake(ch), making it
// if nobody waits on *ch yet. s.mu must be held.
func waitChan(ch *chan struct{}) <-chan struct{} {
	if *ch == nil {
		*ch = make(chan struct{})
	}
	return *ch
}

// wake closes *ch, if anybody waits on it, waking them all. s.mu must be
// held.
func wake(ch *chan struct{}) {
	if *ch != nil {
		close(*ch)
		*ch = nil
	}
}

// apiError is a refusal in the shape of the Bot API's error responses.
type apiError struct {
	code        int
	description string
	retryAfter  *int
	// routine marks a refusal that well-behaved bots get in normal use and
	// handle, such as "message is not modified"; it is not kept for Errors.
	routine bool
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{code: http.StatusBadRequest, description: "Bad Request: " + fmt.Sprintf(format, args...)}
}

// RequestError describes a request the server refused as a client mistake:
// an unknown method, a wrong token, or parameters the real Bot API rejects.
// Injected faults are not RequestErrors.
type RequestError struct {
	Method      string            // the method named in the path; empty if the path had none
	Code        int               // the HTTP status and error_code sent back
	Description string            // the description sent back
	Params      map[string]string // the request parameters, if they could be read
}

// Error reports the method and the Bot API's description of the refusal.
func (e *RequestError) Error() string {
	return fmt.Sprintf("%s: %d %s", e.Method, e.Code, e.Description)
}

// errorResponse is the Bot API's envelope of a refusal; tgbotapi decodes it
// into APIResponse. writeResult writes the envelope of a success.
type errorResponse struct {
	OK          bool                `json:"ok"`
	ErrorCode   int                 `json:"error_code,omitempty"`
	Description string              `json:"description,omitempty"`
	Parameters  *responseParameters `json:"parameters,omitempty"`
}

type responseParameters struct {
	RetryAfter int `json:"retry_after"`
}

// writeResult answers a successful call with result, which must be valid
// JSON. It writes the envelope around result itself, which json.Marshal
// would copy and check once more.
func writeResult(w http.ResponseWriter, result []byte) {
	const prefix, suffix = `{"ok":true,"result":`, `}`
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(prefix)+len(result)+len(suffix)))
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, prefix)
	_, _ = w.Write(result)
	_, _ = io.WriteString(w, suffix)
}

func writeError(w http.ResponseWriter, e *apiError) {
	resp := errorResponse{ErrorCode: e.code, Description: e.description}
	if e.retryAfter != nil {
		resp.Parameters = &responseParameters{RetryAfter: *e.retryAfter}
	}
	writeJSON(w, e.code, resp)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"ok":false,"error_code":500,"description":"Internal Server Error"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// refuse answers with e and remembers the refusal for Errors.
func (s *Server) refuse(w http.ResponseWriter, method string, params map[string]string, e *apiError) {
	if !e.routine {
		s.mu.Lock()
		s.errs = append(s.errs, &RequestError{Method: method, Code: e.code, Description: e.description, Params: params})
		s.mu.Unlock()
	}
	writeError(w, e)
}

// serveHTTP routes /bot<token>/<method>, and the file server's
// /file/bot<token>/<path>.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if file, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		s.serveFile(w, r, file)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, name, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || name == "" || strings.Contains(name, "/") {
		s.refuse(w, "", nil, &apiError{code: http.StatusNotFound, description: "Not Found"})
		return
	}
	if token != s.token {
		// The token itself is never recorded: it may be a real secret.
		s.refuse(w, name, nil, &apiError{code: http.StatusUnauthorized, description: "Unauthorized"})
		return
	}
	h, ok := lookupMethod(name)
	if !ok {
		s.refuse(w, name, nil, &apiError{code: http.StatusNotFound, description: "Not Found: method not found"})
		return
	}
	body := &cutBody{ReadCloser: r.Body}
	r.Body = body
	call, err := parseCall(r)
	if err != nil && body.cut {
		// The client hung up halfway through its body, as a bot
		// shutting down does with an upload in flight: nobody is
		// left to answer, and nothing was asked of Telegram.
		return
	}
	if err != nil {
		s.refuse(w, h.name, nil, badRequest("%v", err))
		return
	}
	call.Method = h.name
	if s.injectFault(w, r, h.name) {
		return
	}
	if h.name == "getUpdates" {
		s.serveUpdates(w, r, call)
		return
	}

	s.mu.Lock()
	result, apiErr := h.fn(s, &call)
	if apiErr != nil {
		s.mu.Unlock()
		s.refuse(w, h.name, call.Params, apiErr)
		return
	}
	raw, err := encode(result)
	if err != nil {
		s.mu.Unlock()
		writeError(w, &apiError{code: http.StatusInternalServerError, description: "Internal Server Error: " + err.Error()})
		return
	}
	call.Result = raw
	s.record(call)
	s.mu.Unlock()
	writeResult(w, raw)
}

// cutBody is a request body that notes whether the connection broke
// before the body ended (a read error other than its end).
type cutBody struct {
	io.ReadCloser
	cut bool
}

func (b *cutBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		b.cut = true
	}
	return n, err
}

// parseCall reads the parameters and uploaded files of r, which may be a query
// string, an application/x-www-form-urlencoded or multipart/form-data body, or
// a JSON object.
func parseCall(r *http.Request) (Call, error) {
	c := Call{Params: make(map[string]string), Time: time.Now()}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "multipart/form-data":
		if err := r.ParseMultipartForm(maxUploadMemory); err != nil {
			return c, fmt.Errorf("parse multipart body: %w", err)
		}
		defer r.MultipartForm.RemoveAll()
		for key, values := range r.Form {
			c.Params[key] = values[0]
		}
		for field, headers := range r.MultipartForm.File {
			if len(headers) == 0 {
				continue
			}
			data, err := readFile(headers[0])
			if err != nil {
				return c, fmt.Errorf("read uploaded %s: %w", field, err)
			}
			if c.Files == nil {
				c.Files = make(map[string][]byte)
				c.FileNames = make(map[string]string)
			}
			c.Files[field] = data
			c.FileNames[field] = headers[0].Filename
		}
	case "application/json":
		for key, values := range r.URL.Query() {
			c.Params[key] = values[0]
		}
		if err := parseJSONParams(r.Body, c.Params); err != nil {
			return c, err
		}
	default:
		form, err := parseForm(r, mediaType)
		if err != nil {
			return c, fmt.Errorf("parse form: %w", err)
		}
		for key, values := range form {
			c.Params[key] = values[0]
		}
	}
	return c, nil
}

// maxFormSize is the largest form body that Request.ParseForm reads.
const maxFormSize = 10 << 20

// parseForm returns the form values of r as Request.ParseForm does. A form
// posted with a known length and no query string, as bots post them, it
// reads into one buffer of that length, instead of the growing buffers and
// three maps that ParseForm uses.
func parseForm(r *http.Request, mediaType string) (url.Values, error) {
	if r.Method != http.MethodPost || mediaType != "application/x-www-form-urlencoded" ||
		r.URL.RawQuery != "" || r.ContentLength < 0 || r.ContentLength > maxFormSize {
		err := r.ParseForm()
		return r.Form, err
	}
	body := make([]byte, r.ContentLength)
	if _, err := io.ReadFull(r.Body, body); err != nil {
		return nil, err
	}
	return url.ParseQuery(string(body))
}

func readFile(h *multipart.FileHeader) ([]byte, error) {
	f, err := h.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// parseJSONParams flattens a JSON object into params the way the Bot API sees
// form values: strings as they are, everything else as its JSON text.
func parseJSONParams(body io.Reader, params map[string]string) error {
	dec := json.NewDecoder(body)
	dec.UseNumber()
	var obj map[string]json.RawMessage
	if err := dec.Decode(&obj); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return fmt.Errorf("parse JSON body: %w", err)
	}
	for key, raw := range obj {
		var str string
		switch {
		case string(raw) == "null":
			continue
		case json.Unmarshal(raw, &str) == nil:
			params[key] = str
		default:
			params[key] = string(raw)
		}
	}
	return nil
}
