package bot

// Keys of the help's sections for teachers and for visitors, and of the
// buttons that open them from /start.
const (
	msgHelpTeachers  = "help.teachers" // HTML
	msgHelpVisitors  = "help.visitors" // HTML
	msgBtnTeachers   = "button.teachers"
	msgBtnVisitors   = "button.visitors"
	msgQuizFewer     = "quiz.fewer"     // the topic has fewer questions than asked: count, topic
	msgHomeworkFewer = "homework.fewer" // likewise for homework
	// The startgroup link offered to teachers, and the welcome a class
	// group gets when the bot is added through it.
	msgBtnAddToGroup = "button.add_to_group"
	msgClassWelcome  = "class.welcome" // HTML: the bot's @username
)
