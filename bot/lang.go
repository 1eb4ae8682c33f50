package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"
)

// LangStore keeps the language each user chose with /lang. store.DB
// implements it.
type LangStore interface {
	// Lang returns the user's chosen language, and false when there is
	// none.
	Lang(userID int64) (string, bool, error)
	// SetLang stores the user's choice; an empty lang forgets it.
	SetLang(userID int64, lang string) error
}

// MemLangStore is a LangStore in memory, for the console chat and tests:
// the choices last as long as the process.
type MemLangStore struct {
	mu    sync.Mutex // guards langs
	langs map[int64]string
}

// NewMemLangStore returns an empty MemLangStore.
func NewMemLangStore() *MemLangStore { return &MemLangStore{langs: map[int64]string{}} }

// Lang returns the user's chosen language.
func (m *MemLangStore) Lang(userID int64) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	l, ok := m.langs[userID]
	return l, ok, nil
}

// SetLang stores the user's choice; an empty lang forgets it.
func (m *MemLangStore) SetLang(userID int64, lang string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if lang == "" {
		delete(m.langs, userID)
	} else {
		m.langs[userID] = lang
	}
	return nil
}

// cbLang is the callback kind of a /lang button: "1|l|ru".
const cbLang = "l"

// langAuto is the /lang argument that forgets the user's choice.
const langAuto = "auto"

// langNames are the languages' own names, as /lang shows them.
var langNames = map[string]string{"en": "English", "ru": "Русский", "kk": "Қазақша", "zh": "中文"}

// langAliases are the other words /lang takes for each language, in
// lower case; a language's code and own name are always taken.
var langAliases = map[string][]string{
	"en":     {"eng", "english", "английский", "англ", "ағылшын", "ағылшынша", "英语", "英文"},
	"ru":     {"rus", "russian", "русский", "рус", "по-русски", "орыс", "орысша", "俄语", "俄文"},
	"kk":     {"kz", "kaz", "kazakh", "qazaq", "казахский", "каз", "по-казахски", "қазақ", "казакша", "哈萨克语", "哈萨克文"},
	"zh":     {"cn", "chinese", "китайский", "кит", "по-китайски", "қытай", "қытайша", "汉语", "中国话", "普通话"},
	langAuto: {"default", "reset", "авто", "автоматически", "сброс", "автоматты", "自动"},
}

// parseLang returns the language code /lang's argument names ("ru"), or
// langAuto, and false when it names none.
func parseLang(arg string) (string, bool) {
	arg = strings.ToLower(strings.TrimSpace(arg))
	for code, aliases := range langAliases {
		if arg != "" && (arg == code || strings.EqualFold(arg, langNames[code]) || slices.Contains(aliases, arg)) {
			return code, true
		}
	}
	return "", false
}

// langs is the /lang command and the per-user language it stores.
type langs struct {
	h  *Handler
	st LangStore
	// recent remembers the choices (or their absence, "") of recent
	// users, so that most updates need no read from the store. Only this
	// process writes the store, through set, which keeps it current.
	recent *lru.Cache[int64, string]
}

// chosenLangsKept is how many users' choices langs keeps in memory.
const chosenLangsKept = 8192

// EnableLang adds the /lang command and its buttons to h, and makes h
// answer each user in the language they chose there, before any guess
// from their text or Telegram's language_code. Call it before the first
// Handle.
func EnableLang(h *Handler, st LangStore) {
	recent, _ := lru.New[int64, string](chosenLangsKept) // fails only for a size ≤ 0
	l := &langs{h: h, st: st, recent: recent}
	h.userLang = l.get
	h.Register(Command{Name: "lang", Description: msgCmdLang, Func: l.cmd})
	h.RegisterCallback(cbLang, l.cb)
}

// get is the handler's LangFunc: the stored choice, or "" when there is
// none or the store fails (then the language is guessed as usual).
func (l *langs) get(ctx context.Context, userID int64) string {
	if userID == 0 {
		return ""
	}
	if lang, ok := l.recent.Get(userID); ok {
		return lang
	}
	lang, ok, err := l.st.Lang(userID)
	if err != nil {
		l.h.log.WarnContext(ctx, "load user language", "user", userID, "err", err)
		return "" // not remembered: the next update tries the store again
	}
	if !ok {
		lang = ""
	}
	// A choice set saves meanwhile is newer than what was read: keep it.
	if cur, found, _ := l.recent.PeekOrAdd(userID, lang); found {
		return cur
	}
	return lang
}

// keyboard is one button per language, the current one ticked.
func (l *langs) keyboard(current string) [][]Button {
	var row []Button
	for _, code := range Langs {
		text := langNames[code]
		if code == current {
			text = "✓ " + text
		}
		if b, ok := button(text, cbLang, code); ok {
			row = append(row, b)
		}
	}
	return [][]Button{row[:2], row[2:]}
}

func (l *langs) cmd(ctx context.Context, in *Input) ([]Reply, error) {
	arg := strings.TrimSpace(in.Args)
	if arg == "" {
		return []Reply{Message(esc(in.T(msgLangPrompt, langNames[in.Lang])), l.keyboard(in.Lang)...)}, nil
	}
	code, ok := parseLang(arg)
	if !ok {
		return []Reply{Message(esc(in.T(msgLangUnknown, echo(arg))), l.keyboard(in.Lang)...)}, nil
	}
	text, err := l.set(in, code)
	if err != nil {
		return nil, err
	}
	return []Reply{Message(esc(text))}, nil
}

func (l *langs) cb(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	if len(cb.Args) != 1 || !slices.Contains(Langs, cb.Args[0]) {
		return nil, ErrBadCallback
	}
	text, err := l.set(in, cb.Args[0])
	if err != nil {
		return nil, err
	}
	if !in.Private() {
		// In a group the menu stays for the others; each presser gets
		// their own confirmation.
		return []Reply{Answer(text)}, nil
	}
	return []Reply{Answer(text), EditMessage(esc(text))}, nil
}

// set stores the user's choice (code, or langAuto to forget it) and
// returns the confirmation in the language the user now gets.
func (l *langs) set(in *Input, code string) (string, error) {
	stored := code
	if code == langAuto {
		stored = ""
	}
	if err := l.st.SetLang(in.UserID, stored); err != nil {
		l.recent.Remove(in.UserID) // the store may or may not hold it now
		return "", fmt.Errorf("save language of user %d: %w", in.UserID, err)
	}
	l.recent.Add(in.UserID, stored)
	if code == langAuto {
		return newPrinter(chooseLang("", "", in.LangCode)).T(msgLangAuto), nil
	}
	return newPrinter(code).T(msgLangSet), nil
}
