package bot

import "golang.org/x/text/language"

// Message keys of the quizzes.
const (
	msgCmdQuiz       = "cmd.quiz"
	msgCmdResults    = "cmd.results"
	msgCmdHomework   = "cmd.homework"
	msgCmdReview     = "cmd.review"
	msgCmdProgress   = "cmd.progress"
	msgReviewIntro   = "review.intro"   // HTML: how many questions
	msgReviewEmpty   = "review.empty"   // nothing answered yet
	msgReviewNothing = "review.nothing" // nothing due: the next date
	msgReviewPrivate = "review.private" // asked in a group: the bot's @username
	msgProgressHead  = "progress.head"  // HTML
	msgProgressRow   = "progress.row"   // HTML: topic, right, answers, percent
	msgProgressDue   = "progress.due"   // HTML: how many due

	msgQuizUsage       = "quiz.usage"
	msgQuizUnavailable = "quiz.unavailable"
	msgQuizRunning     = "quiz.running"
	msgQuizIntro       = "quiz.intro"
	msgQuizAllTopics   = "quiz.all_topics"
	msgQuizPollHead    = "quiz.poll_head"
	msgQuizRoundStat   = "quiz.round_stat"
	msgQuizOver        = "quiz.over"
	msgQuizStopped     = "quiz.stopped"
	msgQuizNobody      = "quiz.nobody"
	msgQuizRank        = "quiz.rank"
	// Speed points (quiz.ScoreSpeed): how they are earned, a player's
	// line, the longest streak and the class's accuracy.
	msgQuizScoring       = "quiz.scoring"
	msgQuizScoringFlat   = "quiz.scoring_flat"
	msgQuizScoringSimple = "quiz.scoring_simple"
	msgQuizTop           = "quiz.top"
	msgQuizTopRow        = "quiz.top_row"
	msgQuizTopRowSimple  = "quiz.top_row_simple"
	msgQuizRankPoints    = "quiz.rank_points"
	msgQuizStreak        = "quiz.streak"
	msgQuizAccuracy      = "quiz.accuracy"
	msgQuizHardest       = "quiz.hardest"
	msgQuizHardRow       = "quiz.hard_row"
	msgQuizCSVHint       = "quiz.csv_hint"
	msgQuizNone          = "quiz.none"
	msgQuizNotYours      = "quiz.not_yours"
	msgQuizGroupOnly     = "quiz.group_only"

	msgResultsUsage   = "results.usage"
	msgResultsNone    = "results.none"
	msgResultsCaption = "results.caption"

	msgPracticeIntro    = "practice.intro"
	msgPracticeQuestion = "practice.question"
	msgPracticeChosen   = "practice.chosen"
	msgPracticeRight    = "practice.right"
	msgPracticeWrong    = "practice.wrong"
	msgPracticeDone     = "practice.done"
	msgPracticeAnswered = "practice.answered"
	msgPracticeNone     = "practice.none"
	msgPracticeStopped  = "practice.stopped"
	msgToastRight       = "practice.toast_right"
	msgToastWrong       = "practice.toast_wrong"

	msgHomeworkUsage    = "homework.usage"
	msgHomeworkPrivate  = "homework.private"
	msgHomeworkSet      = "homework.set"
	msgHomeworkUnknown  = "homework.unknown"
	msgHomeworkAgain    = "homework.again"
	msgHomeworkIntro    = "homework.intro"
	msgHomeworkDone     = "homework.done"
	msgHomeworkNotYours = "homework.not_yours"
	msgHomeworkReport   = "homework.report"
	msgHomeworkNoOne    = "homework.no_one"
	msgHomeworkRowDone  = "homework.row_done"
	msgHomeworkRowOpen  = "homework.row_open"
	msgHomeworkAverage  = "homework.average"
)

// The quizzes' English strings. Like messages_en.go, the ones marked HTML
// take arguments the caller has escaped; the others are plain text.
func init() {
	setStrings(language.English, map[string]string{
		msgCmdQuiz:     "A quiz: timed in groups, at your pace in private",
		msgCmdResults:  "Results of the last quiz, or of homework by code",
		msgCmdHomework: "Set homework and get a link for students",

		// HTML.
		msgQuizUsage:         "Start a quiz with <code>/quiz [topic] [questions] [seconds]</code>, for example <code>/quiz energy 5 20</code>.\nTopics: %s, or all.\nAdd <code>streak=off</code> to leave out the bonus for right answers in a row, or <code>points=simple</code> for a point per right answer.",
		msgQuizIntro:         "<b>Quiz time!</b> %[1]s: %[2]d {2|one:question|other:questions}, %[3]d {3|one:second|other:seconds} each.\n%[4]s can move on with /next or end it with /stop.",
		msgQuizPollHead:      "[%d/%d]",
		msgQuizRoundStat:     "✅ %d of %d answered correctly. The answer: <b>%s</b>",
		msgQuizOver:          "<b>🏁 The quiz is over!</b>",
		msgQuizStopped:       "<b>🏁 The quiz was stopped.</b>",
		msgQuizRank:          "%s %s — %d of %d",
		msgQuizScoring:       "Answer in the polls: a right answer earns up to 1,000 points, more the faster you answer, and each right answer in a row adds 100 more (up to +500).",
		msgQuizScoringSimple: "Answer in the polls; a point for each right answer, the faster the better on a tie.",
		msgQuizScoringFlat:   "Answer in the polls: a right answer earns up to 1,000 points, more the faster you answer.",
		msgQuizRankPoints:    "%[1]s %[2]s — %[3]d of %[4]d · %[5]d {5|one:point|other:points} · ⏱ %[6]s s",
		msgQuizStreak:        "🔥 Longest streak: %[1]s, %[2]d right in a row.",
		msgQuizAccuracy:      "📊 %[1]d%% of the answers were right; an answer took %[2]s s on average.",
		msgQuizTop:           "<b>Standings:</b>",
		msgQuizTopRow:        "%[1]d. %[2]s — %[3]d {3|one:point|other:points}",
		msgQuizTopRowSimple:  "%[1]d. %[2]s — %[3]d right",
		msgCmdReview:         "Go over the questions you got wrong",
		msgCmdProgress:       "Your results by topic",
		msgReviewIntro:       "<b>Review</b>: %[1]d {1|one:question|other:questions} to go over, the ones you got wrong first. A right answer puts a question off for longer; a wrong one brings it back soon.",
		msgReviewEmpty:       "There is nothing to review yet: answer some quiz questions first (/quiz), and the ones you get wrong come back here.",
		msgReviewNothing:     "Nothing is due for review now. The next questions come back on %s.",
		msgReviewPrivate:     "Your review is private: open @%s and send the command there.",
		msgProgressHead:      "<b>Your progress</b>",
		msgProgressRow:       "%[1]s: %[2]d of %[3]d right (%[4]d%%)",
		msgProgressDue:       "%[1]d {1|one:question is|other:questions are} due for review: /review",
		msgQuizHardest:       "<b>The hardest questions:</b>",
		msgQuizHardRow:       "• %s — %d of %d right",
		msgResultsUsage:      "In a group, /results sends the last quiz's results as a CSV file. For homework, write its code: /results CODE",
		msgPracticeIntro:     "<b>Practice quiz</b>: %[1]s, %[2]d {2|one:question|other:questions}. Tap an answer; take your time.",
		msgPracticeQuestion:  "<b>Question %d of %d</b>\n%s",
		msgPracticeChosen:    "Your answer: %s",
		msgPracticeRight:     "✅ <b>Right!</b>",
		msgPracticeWrong:     "❌ <b>Not quite.</b> The answer is: <b>%s</b>",
		msgPracticeDone:      "<b>Done!</b> You got %d of %d right. Another round? /quiz",
		msgHomeworkUsage:     "Set homework with <code>/homework [topic] [questions] [due]</code>, for example <code>/homework trade 8 3d</code>: due in three days (or on a date, 2026-12-20).\nTopics: %s, or all, or the name of one of your own /sets.",
		msgHomeworkSet:       "📚 Homework <b>%[1]s</b> is set: %[2]d {2|one:question|other:questions} (%[3]s).\n\nSend your students this link:\n%[4]s\n\nSee their scores with /results %[5]s",
		msgHomeworkIntro:     "📚 <b>Homework %[1]s</b> from %[2]s: %[3]d {3|one:question|other:questions}. Tap an answer for each.",
		msgHomeworkDone:      "<b>Homework done!</b> You got %d of %d right. Your teacher will see your score (homework %s).",
		msgHomeworkReport:    "<b>Homework %[1]s</b> (%[2]d {2|one:question|other:questions}): %[3]d of %[4]d {4|one:student|other:students} finished.",
		msgHomeworkRowDone:   "%d. %s — %d/%d",
		msgHomeworkRowOpen:   "%d. %s — %d/%d so far, not finished",
		msgHomeworkAverage:   "Average: %s of %d.",

		// Plain text (escaped by the caller, or not HTML at all).
		msgQuizUnavailable:  "Quizzes in groups are not available right now. Please try again in a minute.",
		msgQuizRunning:      "A quiz is already running in this chat. Its starter or an admin can end it with /stop.",
		msgQuizAllTopics:    "All topics",
		msgQuizNobody:       "Nobody answered this time.",
		msgQuizCSVHint:      "Teacher: send /results for a CSV file of everyone's answers.",
		msgQuizNone:         "No quiz is running here. Start one with /quiz.",
		msgQuizNotYours:     "Only the quiz's starter (%s) or a chat admin can do that.",
		msgQuizGroupOnly:    "That works in a group quiz. Here, just tap your answers.",
		msgResultsNone:      "There are no quiz results in this chat yet. Start a quiz with /quiz.",
		msgResultsCaption:   "Quiz results: %[1]d {1|one:student|other:students}, %[2]d {2|one:question|other:questions}.",
		msgPracticeAnswered: "You have already answered that one.",
		msgPracticeNone:     "There is no quiz to stop. Start one with /quiz.",
		msgPracticeStopped:  "Quiz stopped: %d of %d answered right so far. Start another with /quiz.",
		msgToastRight:       "Right!",
		msgToastWrong:       "Not quite",
		msgHomeworkPrivate:  "Homework works in a private chat with me: open @%s and send the command there.",
		msgHomeworkUnknown:  "I can't find that homework. Check the link or the code with your teacher.",
		msgHomeworkAgain:    "You have already done this homework: %d of %d right.",
		msgHomeworkNotYours: "Only the teacher who set this homework can see its results.",
		msgHomeworkNoOne:    "Nobody has started it yet.",
	})
}
