package bot

import "golang.org/x/text/language"

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
	setStrings(language.Russian, map[string]string{
		msgHedged:       "Не уверен, что понял вопрос. Возможно, вы спрашиваете об этом:",
		msgHedgedOthers: "Если нет, то, может быть, об одном из этого:",
		msgListHead:     "<b>Вот что я об этом знаю:</b>",
		msgListCategory: "<b>%s: что я знаю</b>",
		msgCheckHolds:   "Да, верно: в статье указано %s.",
		msgCheckWrong:   "Не совсем так: в статье указано %[2]s, а не %[1]s.",
		msgTalkHello:    "Здравствуйте! Я silkroad и отвечаю на вопросы о сотрудничестве Казахстана и Китая: Хоргос, транзитные коридоры, энергетика, торговля, технологии, образование и культура.\n\nСпросите своими словами или выберите тему:",
		msgTalkThanks:   "Пожалуйста! Спрашивайте ещё о Казахстане и Китае.",
		msgTalkBye:      "До свидания! Возвращайтесь с новыми вопросами.",
		msgTalkWho:      "Я silkroad — бот, который отвечает на вопросы о сотрудничестве Казахстана и Китая в рамках инициативы «Один пояс, один путь». Всё, что я знаю, взято из одной статьи, и в каждом ответе указан её раздел.\n\nВыберите тему, чтобы начать:",
		msgTalkCan:      "Я отвечаю на вопросы о сотрудничестве Казахстана и Китая на русском, казахском, английском и китайском, например: <i>Сколько магазинов в Хоргосе?</i> Учителя могут провести викторину в классе командой /quiz, а путешественникам пригодится /khorgos. Все команды — в /help.\n\nВыберите тему, чтобы начать:",
		msgTalkOK:       "Спрашивайте, когда захотите.",
	})
	setStrings(language.Kazakh, map[string]string{
		msgHedged:       "Сұрағыңызды дұрыс түсіндім бе, білмеймін. Мүмкін, мынаны сұрап отырған шығарсыз:",
		msgHedgedOthers: "Олай болмаса, мыналардың бірі болар:",
		msgListHead:     "<b>Бұл туралы білетінім:</b>",
		msgListCategory: "<b>%s: білетінім</b>",
		msgCheckHolds:   "Иә, дұрыс: мақалада %s деп көрсетілген.",
		msgCheckWrong:   "Дұрыс емес: мақалада %[1]s емес, %[2]s деп көрсетілген.",
		msgTalkHello:    "Сәлеметсіз бе! Мен silkroad-пын. Қазақстан мен Қытай ынтымақтастығы туралы сұрақтарға жауап беремін: Қорғас, транзиттік дәліздер, энергетика, сауда, технология, білім және мәдениет.\n\nӨз сөзіңізбен сұраңыз немесе тақырып таңдаңыз:",
		msgTalkThanks:   "Оқасы жоқ! Қазақстан мен Қытай туралы тағы сұраңыз.",
		msgTalkBye:      "Сау болыңыз! Жаңа сұрақтарыңызбен қайта келіңіз.",
		msgTalkWho:      "Мен silkroad — «Бір белдеу, бір жол» бастамасы аясындағы Қазақстан мен Қытай ынтымақтастығы туралы сұрақтарға жауап беретін ботпын. Білетінімнің бәрі бір мақаладан алынған, әр жауапта оның бөлімі көрсетіледі.\n\nБастау үшін тақырып таңдаңыз:",
		msgTalkCan:      "Қазақстан мен Қытай ынтымақтастығы туралы сұрақтарға қазақ, орыс, ағылшын және қытай тілдерінде жауап беремін, мысалы: <i>Қорғаста қанша дүкен бар?</i> Мұғалімдер /quiz командасымен сыныпта викторина өткізе алады, ал саяхатшыларға /khorgos пайдалы. Барлық команда — /help ішінде.\n\nБастау үшін тақырып таңдаңыз:",
		msgTalkOK:       "Қалаған кезде сұрай беріңіз.",
	})
	setStrings(language.Chinese, map[string]string{
		msgHedged:       "我不太确定是否理解了您的问题。您可能想问的是：",
		msgHedgedOthers: "如果不是，也许是下面其中之一：",
		msgListHead:     "<b>关于这个，我知道这些：</b>",
		msgListCategory: "<b>%s：我知道的内容</b>",
		msgCheckHolds:   "对，没错：文章中给出的是%s。",
		msgCheckWrong:   "不对：文章中给出的是%[2]s，而不是%[1]s。",
		msgTalkHello:    "您好！我是 silkroad，专门回答有关哈萨克斯坦与中国合作的问题：霍尔果斯、过境走廊、能源、贸易、科技、教育和文化。\n\n请直接用自己的话提问，或者选择一个主题：",
		msgTalkThanks:   "不客气！关于哈萨克斯坦和中国，还有什么想问的都可以问我。",
		msgTalkBye:      "再见！有新问题随时回来。",
		msgTalkWho:      "我是 silkroad，一个回答“一带一路”倡议下哈萨克斯坦与中国合作问题的机器人。我知道的一切都来自一篇文章，每个回答都会注明出自哪一部分。\n\n选择一个主题开始吧：",
		msgTalkCan:      "我可以用中文、英语、俄语和哈萨克语回答有关哈中合作的问题，例如：<i>霍尔果斯有多少家商店？</i>老师可以用 /quiz 在班级里组织答题，游客可以看看 /khorgos。所有命令见 /help。\n\n选择一个主题开始吧：",
		msgTalkOK:       "有问题随时问我。",
	})
}
