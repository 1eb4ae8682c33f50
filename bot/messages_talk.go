package bot

// Keys of the strings of hedged, list and check answers and of small
// talk.
const (
	msgHedged       = "answer.hedged"        // above a card the bot is not sure of
	msgHedgedOthers = "answer.hedged_others" // before the buttons of the other candidates
	msgListHead     = "answer.list"          // HTML: above a list answer
	msgListCategory = "answer.list_category" // HTML: above a category's list; the category
	msgCheckHolds   = "answer.check_holds"   // HTML: the figure stated is right; the figure
	msgCheckWrong   = "answer.check_wrong"   // HTML: it is not; the figure stated, the true one
	msgTalkHello    = "talk.hello"           // HTML
	msgTalkThanks   = "talk.thanks"
	msgTalkBye      = "talk.bye"
	msgTalkWho      = "talk.who" // HTML
	msgTalkCan      = "talk.can" // HTML
	msgTalkOK       = "talk.ok"
)
