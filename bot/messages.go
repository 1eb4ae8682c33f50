package bot

import (
	"fmt"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Langs lists the languages the bot can speak, English first.
var Langs = []string{"en", "ru", "kk", "zh"}

// catalogue holds every user-visible string of the bot, keyed by the msg*
// constants. English is registered in messages_en.go, also as the root
// language, so that a key missing in another language falls back to
// English. Other languages add themselves in messages_<lang>.go with
// setStrings from an init function.
var catalogue = catalog.NewBuilder(catalog.Fallback(language.English))

// setStrings registers the strings of one language. Each value is a
// fmt-style format string. It panics on a malformed entry, which only a
// programming mistake can cause, caught by the package tests.
func setStrings(tag language.Tag, strs map[string]string) {
	for key, s := range strs {
		if err := catalogue.SetString(tag, key, s); err != nil {
			panic(fmt.Sprintf("bot: catalogue %s %s: %v", tag, key, err))
		}
		if tag == language.English {
			if err := catalogue.SetString(language.Und, key, s); err != nil {
				panic(fmt.Sprintf("bot: catalogue und %s: %v", key, err))
			}
		}
	}
}

// printer formats catalogue messages for one language.
type printer struct {
	lang string
	p    *message.Printer
}

// newPrinter returns a printer for lang ("en", "ru", "kk", "zh").
func newPrinter(lang string) printer {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	return printer{lang: lang, p: message.NewPrinter(tag, message.Catalog(catalogue))}
}

// T formats the message key with args. Callers escape args for HTML
// themselves where the message is HTML.
func (p printer) T(key string, args ...any) string {
	return p.p.Sprintf(key, args...)
}

// Message keys. A key names a message, not its English text, so that
// wording can change without touching translations' keys.
const (
	msgNoToken          = "no_token"
	msgConsoleHello     = "console.hello"
	msgConsoleChoice    = "console.choice"
	msgConsoleBadChoice = "console.bad_choice"

	msgWelcome      = "start.welcome"
	msgHelp         = "help"
	msgAbout        = "about"
	msgCancel       = "cancel"
	msgUnknownCmd   = "command.unknown"
	msgError        = "error"
	msgNotText      = "other.not_text"
	msgEdited       = "other.edited"
	msgExpired      = "button.expired"
	msgDontKnow     = "answer.dont_know"
	msgEmptyAsk     = "answer.empty"
	msgSource       = "card.source"
	msgBtnMore      = "button.more"
	msgBtnProject   = "button.project"
	msgBtnAnother   = "button.another"
	msgBtnMap       = "button.map"
	msgBtnPrev      = "button.prev"
	msgBtnNext      = "button.next"
	msgNoMore       = "answer.no_more"
	msgRelated      = "card.related"
	msgNoRelated    = "card.no_related"
	msgProjectFacts = "project.facts"
	msgSearchUsage  = "search.usage"
	msgSearchHits   = "search.hits"
	msgSearchNone   = "search.none"
	msgProjectsHead = "projects.head"
	msgProjectNone  = "project.none"
	msgFiguresHead  = "figures.head"
	msgTimelineHead = "timeline.head"
	msgPage         = "page"
	msgKhorgosHead  = "khorgos.head"
	msgKhorgosVisit = "khorgos.visit"
	msgCategoryHead = "category.head"
	msgDateDay      = "date.day"
	msgDateMonth    = "date.month"
	msgDateYear     = "date.year"
	msgDateRange    = "date.range"
	msgInlineEmpty  = "inline.empty"
	msgSuggestHead  = "suggest.head"

	// Command descriptions for setMyCommands.
	msgCmdStart    = "cmd.start"
	msgCmdHelp     = "cmd.help"
	msgCmdSearch   = "cmd.search"
	msgCmdProjects = "cmd.projects"
	msgCmdProject  = "cmd.project"
	msgCmdFigures  = "cmd.figures"
	msgCmdTimeline = "cmd.timeline"
	msgCmdKhorgos  = "cmd.khorgos"
	msgCmdFact     = "cmd.fact"
	msgCmdAbout    = "cmd.about"
	msgCmdCancel   = "cmd.cancel"
)

// monthKey is the key of a month's name, 1 to 12.
func monthKey(m int) string { return fmt.Sprintf("month.%d", m) }

// categoryKey is the key of a category's display name.
func categoryKey(c string) string { return "category." + c }

// NoTokenHint is the one line printed when silkroad starts without a
// token: how to get one, and that a console chat follows.
func NoTokenHint() string { return newPrinter("en").T(msgNoToken) }
