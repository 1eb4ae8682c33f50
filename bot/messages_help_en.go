package bot

import "golang.org/x/text/language"

func init() {
	setStrings(language.English, map[string]string{
		msgHelpTeachers:  "<b>For teachers</b>\n/quiz <i>[topic] [questions] [seconds]</i> – a timed quiz for the class in a group, with native quiz polls and a leaderboard, e.g. /quiz energy 10 30; in a private chat, practice at your own pace\n/next, /stop – the quiz's starter moves on or ends it\n/results – the last quiz's results as a CSV file\n/homework <i>[topic] [questions] [due]</i> – a link students open in a private chat, with a due date such as 3d or 2026-12-20 if you like; /results <i>CODE</i> shows who did what, question by question, with a CSV\n/sets – your own questions: send me a CSV or text file, or forward quiz polls, then /quiz <i>set name</i> or /homework <i>set name</i>\n/review – for students: the questions they got wrong come back, spaced out over days; /progress – their results by topic\nTopics: initiative, transit, diplomacy, infrastructure, energy, trade, technology, finance, education, culture, or all.",
		msgHelpVisitors:  "<b>For visitors</b>\n/khorgos – what the Khorgos cross-border centre is, what you will find there, and where it is on the map\n/projects – every project, with a map pin where it has one\n/timeline – what happened when",
		msgBtnTeachers:   "For teachers",
		msgBtnVisitors:   "For visitors",
		msgBtnAddToGroup: "➕ Add me to a class group",
		msgClassWelcome:  "<b>Hello, class! I'm silkroad.</b>\nI run quizzes about Kazakhstan–China cooperation right here.\n\nTeacher: start one with /quiz, for example <code>/quiz trade 10 30</code> (10 questions, 30 seconds each). Students answer in the polls: the faster a right answer, the more points. /next moves on, /stop ends it, /results sends everyone's answers as a CSV file.\n\nAnyone can ask me a question: mention @%s or reply to my message.",
		msgQuizFewer:     "This topic has only %[1]d {1|one:question|other:questions}, so the quiz has all of {1|one:it|other:them}: %[2]s.",
		msgHomeworkFewer: "This topic has only %[1]d {1|one:question|other:questions}, so the homework has all of {1|one:it|other:them}: %[2]s.",
	})
}
