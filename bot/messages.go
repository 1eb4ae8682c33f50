package bot

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/silkroad-bot/silkroad/knowledge"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Langs lists the languages the bot can speak, English first: those of
// the knowledge base.
var Langs = knowledge.Langs

// sources keeps every catalogue string as written, by language and key.
// English is registered in messages_en.go; other languages add
// themselves in messages_<lang>.go with setStrings from an init function.
// Tests check each translation against the English.
var sources = map[language.Tag]map[string]string{}

// setStrings registers the strings of one language. Each value is a
// fmt-style format string, which may hold plural groups (see
// pluralGroup). It panics on a key set twice; a malformed entry panics
// when the catalogue is compiled. Both are programming mistakes, caught
// by the package tests.
func setStrings(tag language.Tag, strs map[string]string) {
	if sources[tag] == nil {
		sources[tag] = map[string]string{}
	}
	for key, s := range strs {
		if _, dup := sources[tag][key]; dup {
			panic(fmt.Sprintf("bot: catalogue %s %s: set twice", tag, key))
		}
		sources[tag][key] = s
	}
}

var (
	catalogueOnce sync.Once
	catalogueVal  *catalog.Builder
)

// catalogue holds every user-visible string of the bot, keyed by the msg*
// constants, compiled from sources on first use rather than at start:
// the bot is polling before it has anything to say. English is also the
// root language, so that a key missing in another language falls back
// to English.
func catalogue() *catalog.Builder {
	catalogueOnce.Do(func() {
		c := catalog.NewBuilder(catalog.Fallback(language.English))
		set := func(tag language.Tag, key, s string, root bool) {
			msgs, err := compile(s, root)
			if err == nil {
				err = c.Set(tag, key, msgs...)
			}
			if err != nil {
				panic(fmt.Sprintf("bot: catalogue %s %s: %v", tag, key, err))
			}
		}
		for tag, strs := range sources {
			for key, s := range strs {
				set(tag, key, s, false)
				if tag == language.English {
					// The root language has no plural forms but "other",
					// so English's "one" becomes the exact number 1 there.
					set(language.Und, key, s, true)
				}
			}
		}
		catalogueVal = c
	})
	return catalogueVal
}

// pluralGroup matches a plural group in a catalogue string:
// "{2|one:вопрос|few:вопроса|many:вопросов|other:вопроса}" is the word
// for the count in argument 2 (1-based, as in %[2]d), in the form CLDR's
// plural rules of the message's language choose. The cases are those of
// plural.Selectf: zero, one, two, few, many, other, or "=N" for an exact
// number ("=0:no questions"); other is required. A form may itself hold verbs such as %[2]d.
var pluralGroup = regexp.MustCompile(`\{([0-9]+)((?:\|[^{}|]*)+)\}`)

// compile turns a catalogue string into catalogue messages: each plural
// group becomes a variable chosen with plural.Selectf, and the string
// refers to it as ${pN}. For the root language (root set) only the
// cases "other" and "=N" are kept, "one" becoming "=1".
func compile(s string, root bool) ([]catalog.Message, error) {
	var msgs []catalog.Message
	var err error
	n := 0
	text := pluralGroup.ReplaceAllStringFunc(s, func(group string) string {
		m := pluralGroup.FindStringSubmatch(group)
		arg, aerr := strconv.Atoi(m[1])
		if aerr != nil || arg < 1 {
			err = fmt.Errorf("plural group %q: bad argument number", group)
			return group
		}
		var cases []any
		hasOther := false
		for _, c := range strings.Split(m[2][1:], "|") {
			sel, form, ok := strings.Cut(c, ":")
			if !ok {
				err = fmt.Errorf("plural group %q: case %q is not selector:form", group, c)
				return group
			}
			hasOther = hasOther || sel == "other"
			if root && sel == "one" {
				sel = "=1"
			}
			if root && sel != "other" && !strings.HasPrefix(sel, "=") {
				continue
			}
			cases = append(cases, sel, form)
		}
		if !hasOther {
			err = fmt.Errorf("plural group %q: no other: case", group)
			return group
		}
		n++
		name := "p" + strconv.Itoa(n)
		msgs = append(msgs, catalog.Var(name, plural.Selectf(arg, "%d", cases...)))
		return "${" + name + "}"
	})
	if err != nil {
		return nil, err
	}
	return append(msgs, catalog.String(text)), nil
}

// printer formats catalogue messages for one language.
type printer struct {
	lang string
	p    *message.Printer
	// fixed memoises messages without arguments (button labels, most
	// replies), which read the same each time; nil for a language outside
	// Langs.
	fixed *sync.Map
}

// newPrinter returns a printer for lang ("en", "ru", "kk", "zh").
func newPrinter(lang string) printer {
	if p, ok := printers()[lang]; ok {
		return p
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	return printer{lang: lang, p: message.NewPrinter(tag, message.Catalog(catalogue()))}
}

// printers holds one printer for each of Langs, made once and shared by
// every update: a message.Printer is only read once made. Parsing the
// tag and making a Printer for each update cost more than a cached
// answer does.
var printers = sync.OnceValue(func() map[string]printer {
	m := make(map[string]printer, len(Langs))
	for _, l := range Langs {
		m[l] = printer{lang: l, p: message.NewPrinter(language.MustParse(l), message.Catalog(catalogue())), fixed: new(sync.Map)}
	}
	return m
})

// T formats the catalogue message key ("button.teachers") in lang, for
// transports that print the bot's own words (the console's greeting)
// and for tests that check them. Callers escape args for HTML
// themselves where the message is HTML.
func T(lang, key string, args ...any) string { return newPrinter(lang).T(key, args...) }

// T formats the message key with args. Callers escape args for HTML
// themselves where the message is HTML.
func (p printer) T(key string, args ...any) string {
	if len(args) > 0 || p.fixed == nil {
		return p.p.Sprintf(key, args...)
	}
	if s, ok := p.fixed.Load(key); ok {
		return s.(string)
	}
	s := p.p.Sprintf(key)
	p.fixed.Store(key, s)
	return s
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
	msgCategoryHead = "category.head"
	msgDateDay      = "date.day"
	msgDateMonth    = "date.month"
	msgDateYear     = "date.year"
	msgDateRange    = "date.range" // from, to: any two dates
	msgInlineEmpty  = "inline.empty"
	msgSuggestHead  = "suggest.head"
	msgListSep      = "list.sep" // between the items of a list in running text

	// Periods: a span of years, and months or days within one year.
	msgDateYearRange  = "date.year_range"  // from year, to year
	msgDateMonthRange = "date.month_range" // from month, to month, year
	msgDateDayRange   = "date.day_range"   // day, month, day, month, year

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
	msgCmdLang     = "cmd.lang"

	// The bot's profile: its name, the description an empty chat shows
	// and the short one its profile page shows.
	msgBotName  = "bot.name"
	msgBotDesc  = "bot.description"
	msgBotShort = "bot.short"

	// The /lang command.
	msgLangPrompt  = "lang.prompt"
	msgLangSet     = "lang.set"
	msgLangAuto    = "lang.auto"
	msgLangUnknown = "lang.unknown"
)

// monthKey is the key of a month's name, 1 to 12, as it stands alone or
// with a year ("сентябрь 2023 г.").
func monthKey(m int) string { return fmt.Sprintf("month.%d", m) }

// monthDayKey is the key of a month's name, 1 to 12, as it stands after a
// day of the month ("25 сентября").
func monthDayKey(m int) string { return fmt.Sprintf("month_day.%d", m) }

// sectionKey is the key of the name of a section of the source article,
// given by its English heading.
func sectionKey(heading string) string { return "section." + heading }

// sectionName is the heading of a section of the source article in p's
// language, or the English heading when the catalogue lacks it.
func sectionName(p printer, heading string) string {
	key := sectionKey(heading)
	if s := p.T(key); s != key {
		return s
	}
	return heading
}

// categoryKey is the key of a category's display name.
func categoryKey(c string) string { return "category." + c }

// NoTokenHint is the one line printed when silkroad starts without a
// token: how to get one, and that a console chat follows.
func NoTokenHint() string { return newPrinter("en").T(msgNoToken) }
