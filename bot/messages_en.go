package bot

import "golang.org/x/text/language"

// English is the bot's first language and the fallback for the others.
// Strings marked HTML are sent in HTML parse mode: their arguments are
// escaped by the caller and their literal text must be valid HTML.
func init() {
	setStrings(language.English, map[string]string{
		msgNoToken:          "No TELEGRAM_BOT_TOKEN set: get one from @BotFather on Telegram (/newbot) and put it in .env. Meanwhile, chat with silkroad here (Ctrl-D to quit).",
		msgConsoleHello:     "Ask a question about Kazakhstan–China cooperation, or type /help.",
		msgConsoleChoice:    "Type a number to press a button.",
		msgConsoleBadChoice: "There is no button %d here.",

		// HTML.
		msgWelcome:      "<b>Hello! I'm silkroad.</b>\n\nI answer questions about Kazakhstan–China cooperation under the Belt and Road Initiative: trade and transit, Khorgos, energy, technology, education and culture.\n\nAsk me anything in plain words, for example <i>How many shops are in Khorgos?</i>, or pick a topic:",
		msgHelp:         "<b>How to use silkroad</b>\n\nAsk a question in plain words:\n• <i>How long is the Western Europe–Western China corridor?</i>\n• <i>When did the Belt and Road start?</i>\n• <i>What did CNPC build in Astana?</i>\n\nCommands:\n/search <i>words</i> – facts that mention them\n/projects – every project by category\n/project <i>name</i> – one project, e.g. /project Khorgos\n/figures – the headline numbers\n/timeline – events by date\n/khorgos – a visitor's card of Khorgos with a map pin\n/fact – a random fact\n/about – what I know and where it comes from\n/lang – choose the language: English, Русский, Қазақша, 中文\n\nIn groups, mention me (@%s) or reply to my message. In any chat, type @%s and a few words to share a card.",
		msgAbout:        "<b>About silkroad</b>\n\nI know %[1]d {1|one:fact|other:facts} and %[2]d project {2|one:card|other:cards} about Kazakhstan–China cooperation, in %[3]d {3|one:topic|other:topics}: %[4]s.\n\nEverything comes from the article <i>“The return of the Great Silk Road”</i> about ten years of the Belt and Road Initiative in Kazakhstan. Each answer names the section it comes from.",
		msgCancel:       "OK, cancelled. Ask me anything.",
		msgUnknownCmd:   "I don't know the command /%s. Try /help.",
		msgError:        "Sorry, something went wrong on my side. Please try again.",
		msgNotText:      "I can only read text. Ask me a question in words, for example: <i>What is Khorgos?</i>",
		msgEdited:       "I saw you edited a message. Send the question again as a new message and I'll answer it.",
		msgExpired:      "This button has expired. Ask the question again, please.",
		msgDontKnow:     "I don't know that, sorry: my knowledge is limited to Kazakhstan–China cooperation in the article I learned from.",
		msgEmptyAsk:     "Ask me a question in words, for example: <i>What is Khorgos?</i>",
		msgSource:       "Source: “The return of the Great Silk Road”, section “%s”",
		msgBtnMore:      "More like this",
		msgBtnProject:   "About the project",
		msgBtnAnother:   "Another answer",
		msgBtnMap:       "Show on map",
		msgBtnPrev:      "◀ Back",
		msgBtnNext:      "Next ▶",
		msgNoMore:       "That was the last answer I have.",
		msgRelated:      "<b>More like “%s”</b>",
		msgNoRelated:    "I have nothing closely related to that.",
		msgProjectFacts: "<b>Facts:</b>",
		msgSearchUsage:  "Write what to look for after the command, for example: /search Khorgos",
		msgSearchHits:   "<b>%[2]d {2|one:fact|other:facts} about “%[1]s”:</b>",
		msgSearchNone:   "I found nothing about “%s”. Try other words, or /projects.",
		msgProjectsHead: "<b>Projects</b>",
		msgProjectNone:  "I know no project called “%s”. Here are the ones I know:",
		msgFiguresHead:  "<b>The headline numbers</b>",
		msgTimelineHead: "<b>Timeline</b>",
		msgPage:         "Page %d of %d",
		msgKhorgosHead:  "<b>Visiting Khorgos</b>",
		msgCategoryHead: "<b>%s</b>",
		msgDateDay:      "%[1]s %[2]s %[3]s",
		msgDateMonth:    "%[1]s %[2]s",
		msgDateYear:     "%s",
		msgDateRange:    "%s – %s",
		msgInlineEmpty:  "Type a question about Kazakhstan–China cooperation",
		msgSuggestHead:  "You could ask me about:",
		msgListSep:      ", ",

		// Periods: a span of years, and months or days within one year.
		msgDateYearRange:  "%[1]s–%[2]s",
		msgDateMonthRange: "%[1]s–%[2]s %[3]s",
		msgDateDayRange:   "%[1]s %[2]s – %[3]s %[4]s %[5]s",

		msgSlowDown:     "You are sending messages too fast. Please slow down: I will read your messages again in a little while.",
		msgStats:        "<b>Stats</b>\nUptime: %s\nUpdates handled: %d\nErrors: %d\nUsers: %d",
		msgReloaded:     "Knowledge reloaded: %[1]d {1|one:fact|other:facts}, %[2]d {2|one:project|other:projects}.",
		msgReloadFailed: "Reload failed; still answering from the old knowledge: %s",

		msgCmdStart:    "Welcome and topics",
		msgCmdHelp:     "How to ask, with examples",
		msgCmdSearch:   "Find facts by words",
		msgCmdProjects: "All projects by category",
		msgCmdProject:  "One project by name",
		msgCmdFigures:  "The headline numbers",
		msgCmdTimeline: "Events by date",
		msgCmdKhorgos:  "Visiting Khorgos, with a map pin",
		msgCmdFact:     "A random fact",
		msgCmdAbout:    "What the bot knows and its source",
		msgCmdCancel:   "Cancel what is going on",
		msgCmdLang:     "Choose the language: English, Русский, Қазақша, 中文",

		msgBotName:  "silkroad · Kazakhstan–China",
		msgBotDesc:  "I answer questions about Kazakhstan–China cooperation under the Belt and Road Initiative: Khorgos, the Western Europe–Western China corridor, trade, energy, technology, education and culture, each answer with its source. Ask in English, Russian, Kazakh or Chinese. Teachers can run a class quiz in a group with /quiz.",
		msgBotShort: "Answers, with sources, about Kazakhstan–China cooperation on the Belt and Road. Class quizzes too.",

		msgLangPrompt:  "🌐 Choose the language I answer in (now: %s). /lang auto makes me answer in the language you write in.",
		msgLangSet:     "OK, from now on I answer in English.",
		msgLangAuto:    "OK, I'll answer in the language you write in.",
		msgLangUnknown: "I don't speak “%s”. Choose English, Русский, Қазақша or 中文 below.",

		"month.1": "January", "month.2": "February", "month.3": "March",
		"month.4": "April", "month.5": "May", "month.6": "June",
		"month.7": "July", "month.8": "August", "month.9": "September",
		"month.10": "October", "month.11": "November", "month.12": "December",

		"month_day.1": "January", "month_day.2": "February", "month_day.3": "March",
		"month_day.4": "April", "month_day.5": "May", "month_day.6": "June",
		"month_day.7": "July", "month_day.8": "August", "month_day.9": "September",
		"month_day.10": "October", "month_day.11": "November", "month_day.12": "December",

		"category.initiative":     "The Belt and Road",
		"category.transit":        "Transit",
		"category.diplomacy":      "Diplomacy",
		"category.infrastructure": "Infrastructure",
		"category.energy":         "Energy",
		"category.trade":          "Trade",
		"category.technology":     "Technology",
		"category.finance":        "Finance",
		"category.education":      "Education",
		"category.culture":        "Culture",

		// The sections of the source article, by their headings.
		"section.Introduction":                                    "Introduction",
		"section.How the project came to be":                      "How the project came to be",
		"section.“One Belt, One Road” – results and achievements": "“One Belt, One Road” – results and achievements",
		"section.Reliable neighbours and true friends":            "Reliable neighbours and true friends",
		"section.Infrastructure":                                  "Infrastructure",
		"section.Energy":                                          "Energy",
		"section.Trade and agriculture":                           "Trade and agriculture",
		"section.Technology":                                      "Technology",
		"section.Finances":                                        "Finances",
		"section.Education":                                       "Education",
		"section.Culture":                                         "Culture",
	})
}
