package bot

import "golang.org/x/text/language"

// Keys of homework's due dates, reminders and per-question results.
const (
	msgHomeworkDue         = "homework.due"          // HTML: the due date
	msgHomeworkDuePast     = "homework.due_past"     // the date as typed
	msgHomeworkDueBad      = "homework.due_bad"      // the date as typed, the most days ahead
	msgHomeworkIntroDue    = "homework.intro_due"    // HTML: the due date
	msgHomeworkIntroLate   = "homework.intro_late"   // HTML: the due date, passed
	msgHomeworkResumed     = "homework.resumed"      // HTML: the question to go on with, of how many
	msgHomeworkRowLate     = "homework.row_late"     // after a student's row
	msgHomeworkLateCount   = "homework.late_count"   // how many finished late
	msgHomeworkByQuestion  = "homework.by_question"  // HTML heading
	msgHomeworkQuestionRow = "homework.question_row" // HTML: number, right, answered, the question
	msgHomeworkCSV         = "homework.csv"          // the code
	msgHomeworkLateNote    = "homework.late_note"
	msgHomeworkReminder    = "homework.reminder" // HTML: code, teacher, due, answered, total
	msgQuizHardFact        = "quiz.hard_fact"    // HTML: the title of the fact a hard question tests
	msgQuizRowStreak       = "quiz.row_streak"   // a student's longest run of right answers, on their row
)

func init() {
	setStrings(language.English, map[string]string{
		msgQuizRowStreak:       "🔥%d",
		msgQuizHardFact:        "📖 It tests: <i>%s</i>",
		msgHomeworkDue:         "⏰ Due: <b>%s</b>. Attempts finished after that are marked late.",
		msgHomeworkDuePast:     "The due date %s has already passed. Give a later one, such as 3d (three days from now) or a date like 2026-12-20.",
		msgHomeworkDueBad:      "I can't read %s as a due date. Write it as 3d (three days from now), 36h, or a date like 2026-12-20 or 20.12.2026, at most %d days ahead.",
		msgHomeworkIntroDue:    "⏰ Due: <b>%s</b>.",
		msgHomeworkIntroLate:   "⏰ It was due on <b>%s</b>: you can still do it, but it will be marked late.",
		msgHomeworkResumed:     "You carry on from question %d of %d: your first answers stay as they were.",
		msgHomeworkRowLate:     "(late)",
		msgHomeworkLateCount:   "%[1]d {1|one:student|other:students} finished late.",
		msgHomeworkByQuestion:  "<b>By question</b> (right of answered):",
		msgHomeworkQuestionRow: "%d. %d/%d — %s",
		msgHomeworkCSV:         "Homework %s: every student's answers, question by question.",
		msgHomeworkLateNote:    "It was handed in after the due date, so your teacher sees it marked late.",
		msgHomeworkReminder:    "⏰ <b>Reminder:</b> homework <b>%s</b> from %s is due on %s. You have answered %d of %d questions. Open the link to carry on where you stopped:",
	})
	setStrings(language.Russian, map[string]string{
		msgQuizRowStreak:       "🔥%d",
		msgQuizHardFact:        "📖 Вопрос проверяет знание факта: <i>%s</i>",
		msgHomeworkDue:         "⏰ Срок сдачи: <b>%s</b>. Работы, законченные позже, будут отмечены как сданные с опозданием.",
		msgHomeworkDuePast:     "Срок %s уже прошёл. Укажите более поздний, например 3d (через три дня) или дату вида 20.12.2026.",
		msgHomeworkDueBad:      "Не могу распознать срок %s. Укажите его в виде 3d (через три дня), 36h или даты вида 20.12.2026 либо 2026-12-20 — не более чем на %d {2|one:день|few:дня|many:дней|other:дня} вперёд.",
		msgHomeworkIntroDue:    "⏰ Срок сдачи: <b>%s</b>.",
		msgHomeworkIntroLate:   "⏰ Срок сдачи истёк <b>%s</b>: задание ещё можно выполнить, но оно будет отмечено как сданное с опозданием.",
		msgHomeworkResumed:     "Вы продолжаете с вопроса %d из %d: ваши прежние ответы сохраняются без изменений.",
		msgHomeworkRowLate:     "(с опозданием)",
		msgHomeworkLateCount:   "С опозданием {1|one:сдал|other:сдали} %[1]d {1|one:ученик|few:ученика|many:учеников|other:ученика}.",
		msgHomeworkByQuestion:  "<b>По вопросам</b> (ответили верно / всего ответили):",
		msgHomeworkQuestionRow: "%d. %d/%d — %s",
		msgHomeworkCSV:         "Домашнее задание %s: ответы всех учеников по каждому вопросу.",
		msgHomeworkLateNote:    "Работа сдана после срока, поэтому учитель увидит её с отметкой «с опозданием».",
		msgHomeworkReminder:    "⏰ <b>Напоминание:</b> домашнее задание <b>%s</b> (учитель: %s) нужно выполнить до %s. Вы ответили на %d из %d {5|one:вопроса|few:вопросов|many:вопросов|other:вопроса}. Откройте ссылку, чтобы продолжить с того места, где вы остановились:",
	})
	setStrings(language.Kazakh, map[string]string{
		msgQuizRowStreak:       "🔥%d",
		msgQuizHardFact:        "📖 Сұрақ тексеретін дерек: <i>%s</i>",
		msgHomeworkDue:         "⏰ Тапсыру мерзімі: <b>%s</b>. Одан кейін аяқталған жұмыстар кешіккен деп белгіленеді.",
		msgHomeworkDuePast:     "%s мерзімі өтіп кеткен. Кейінірек мерзімді көрсетіңіз, мысалы, 3d (үш күннен кейін) немесе 20.12.2026 сияқты күнді.",
		msgHomeworkDueBad:      "%s мерзімін түсінбедім. Мерзімді 3d (үш күннен кейін), 36h түрінде немесе 20.12.2026 не 2026-12-20 сияқты күн түрінде жазыңыз; ол алдағы %d күннен аспауы керек.",
		msgHomeworkIntroDue:    "⏰ Тапсыру мерзімі: <b>%s</b>.",
		msgHomeworkIntroLate:   "⏰ Тапсыру мерзімі (<b>%s</b>) өтіп кетті: тапсырманы әлі де орындауға болады, бірақ ол кешіккен деп белгіленеді.",
		msgHomeworkResumed:     "%d-сұрақтан жалғастырасыз (барлығы %d): алғашқы жауаптарыңыз өзгеріссіз қалады.",
		msgHomeworkRowLate:     "(кешіккен)",
		msgHomeworkLateCount:   "%d оқушы кешігіп тапсырды.",
		msgHomeworkByQuestion:  "<b>Сұрақтар бойынша</b> (дұрыс жауап бергендер / жауап бергендер):",
		msgHomeworkQuestionRow: "%d. %d/%d — %s",
		msgHomeworkCSV:         "%s үй тапсырмасы: әр оқушының әр сұраққа берген жауаптары.",
		msgHomeworkLateNote:    "Жұмыс тапсыру мерзімі өткен соң тапсырылды, сондықтан мұғаліміңіз оны «кешіккен» белгісімен көреді.",
		msgHomeworkReminder:    "⏰ <b>Еске салу:</b> %[2]s берген <b>%[1]s</b> үй тапсырмасының мерзімі — %[3]s. Сіз %[5]d сұрақтың %[4]d сұрағына жауап бердіңіз. Тоқтаған жеріңізден жалғастыру үшін сілтемені ашыңыз:",
	})
	setStrings(language.Chinese, map[string]string{
		msgQuizRowStreak:       "🔥%d",
		msgQuizHardFact:        "📖 本题考查：<i>%s</i>",
		msgHomeworkDue:         "⏰ 截止时间：<b>%s</b>。截止后完成的作答将标记为迟交。",
		msgHomeworkDuePast:     "截止时间 %s 已过。请设置更晚的时间，例如 3d（三天后）或 2026-12-20 这样的日期。",
		msgHomeworkDueBad:      "无法识别截止时间 %s。请写成 3d（三天后）、36h，或 2026-12-20、20.12.2026 这样的日期，最远可设在 %d 天后。",
		msgHomeworkIntroDue:    "⏰ 截止时间：<b>%s</b>。",
		msgHomeworkIntroLate:   "⏰ 截止时间 <b>%s</b> 已过：仍可完成作业，但会标记为迟交。",
		msgHomeworkResumed:     "从第 %d 题继续（共 %d 题）：之前的回答保持不变。",
		msgHomeworkRowLate:     "（迟交）",
		msgHomeworkLateCount:   "有 %d 名学生迟交。",
		msgHomeworkByQuestion:  "<b>按题目</b>（答对人数/作答人数）：",
		msgHomeworkQuestionRow: "%d. %d/%d — %s",
		msgHomeworkCSV:         "作业 %s：每名学生逐题的作答情况。",
		msgHomeworkLateNote:    "作业在截止时间之后提交，老师会看到迟交标记。",
		msgHomeworkReminder:    "⏰ <b>提醒：</b>%[2]s 布置的作业 <b>%[1]s</b> 截止时间为 %[3]s。共 %[5]d 题，你已回答 %[4]d 题。打开链接，从上次停下的地方继续：",
	})
}
