package bot

import "golang.org/x/text/language"

func init() {
	setStrings(language.English, map[string]string{
		msgHedged:       "I'm not sure I understood. I think you mean this:",
		msgHedgedOthers: "If not, perhaps one of these:",
		msgListHead:     "<b>Here is what I know about that:</b>",
		msgListCategory: "<b>%s: what I know</b>",
		msgCheckHolds:   "Yes, that's right: the article gives %s.",
		msgCheckWrong:   "Not quite: the article gives %[2]s, not %[1]s.",
		msgTalkHello:    "Hello! I'm silkroad. I answer questions about Kazakhstan–China cooperation: Khorgos, the transit corridors, energy, trade, technology, education and culture.\n\nAsk me in your own words, or pick a topic:",
		msgTalkThanks:   "You're welcome! Ask me anything else about Kazakhstan and China.",
		msgTalkBye:      "Goodbye! Come back with more questions any time.",
		msgTalkWho:      "I'm silkroad, a bot that answers questions about Kazakhstan–China cooperation under the Belt and Road Initiative. Everything I know comes from one article, and every answer says which section it comes from.\n\nPick a topic to start:",
		msgTalkCan:      "I answer questions about Kazakhstan–China cooperation in English, Russian, Kazakh and Chinese, for example <i>How many shops are in Khorgos?</i> Teachers can run a class quiz with /quiz; visitors will like /khorgos. See /help for everything.\n\nPick a topic to start:",
		msgTalkOK:       "Ask me anything else whenever you like.",
	})
}
