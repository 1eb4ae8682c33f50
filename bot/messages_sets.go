package bot

import "golang.org/x/text/language"

// Keys of the teacher's own question sets: the file and poll imports,
// their problems (one key per quiz.ProblemKind, "import." + the kind),
// and /sets.
const (
	msgImportLine        = "import.line"     // the line, then the problem
	msgImportFailed      = "import.failed"   // HTML: the file name, how many problems
	msgImportMore        = "import.more"     // how many problems are not listed
	msgImportFix         = "import.fix"      // HTML: how to fix and send again
	msgImportSaved       = "import.saved"    // HTML: the set's name, its questions
	msgImportReplaced    = "import.replaced" // HTML: the set's name
	msgImportUse         = "import.use"      // HTML: the set's name, five times
	msgImportDownload    = "import.download" // the file could not be fetched
	msgImportNoTrans     = "import.no_transport"
	msgImportTooManySets = "import.too_many_sets" // HTML: the most sets
	msgImportPollType    = "import.poll_type"
	msgImportPollRight   = "import.poll_right"
	msgImportPollAdded   = "import.poll_added" // HTML: questions in the draft
	msgImportDraftFull   = "import.draft_full" // the most questions
	msgImportGroup       = "import.group"      // HTML: the bot's username

	msgSetsNone    = "sets.none"    // HTML
	msgSetsList    = "sets.list"    // HTML: how many sets
	msgSetsRow     = "sets.row"     // HTML: the name, its questions
	msgSetsDraft   = "sets.draft"   // HTML: questions in the draft
	msgSetsUsage   = "sets.usage"   // HTML
	msgSetsUnknown = "sets.unknown" // the name
	msgSetsNoDraft = "sets.no_draft"
	msgSetsBadName = "sets.bad_name" // the most characters
	msgSetsExists  = "sets.exists"   // the name
	msgSetsRenamed = "sets.renamed"  // HTML: old, new
	msgSetsDeleted = "sets.deleted"  // HTML: the name
	msgSetsPrivate = "sets.private"  // the bot's username
	msgCmdSets     = "cmd.sets"
)

func init() {
	setStrings(language.English, map[string]string{
		"import.too_big":          "the file is %s; the most I take is %s. Split it into smaller files.",
		"import.binary":           "this is a spreadsheet, document or PDF, not text. Save it as CSV (in Excel: File → Save as → CSV UTF-8) or as a plain .txt file.",
		"import.encoding":         "the text is not in UTF-8. Save the file as \"CSV UTF-8\" or as UTF-8 text and send it again.",
		"import.html":             "this is a web page, not a question file. Copy the questions into a .txt or .csv file.",
		"import.no_questions":     "I found no questions. Write each question on a line, its options on the lines below with * before the right one, and a blank line between questions.",
		"import.too_many":         "the file has %d questions; one set holds at most %d.",
		"import.csv":              "a quotation mark opened here is never closed.",
		"import.question_empty":   "the question has no text.",
		"import.question_long":    "the question has %d characters; Telegram allows %d.",
		"import.options_few":      "the question has %[1]d {1|one:option|other:options}; it needs at least %[2]d.",
		"import.options_many":     "the question has %d options; Telegram allows %d.",
		"import.option_empty":     "an option is empty.",
		"import.option_long":      "the option \"%s\" has %d characters; Telegram allows %d.",
		"import.option_twice":     "the option \"%s\" is given twice.",
		"import.no_right":         "no option is marked right: put * before the right one.",
		"import.many_right":       "%d options are marked right; a quiz question has exactly one.",
		"import.right_unknown":    "the right answer \"%s\" is none of the options: give its number or its exact text.",
		"import.explanation_long": "the explanation has %d characters; Telegram allows %d.",

		msgImportLine:        "Line %d: %s",
		msgImportFailed:      "⚠️ I saved nothing from <b>%[1]s</b>: it has %[2]d {2|one:problem|other:problems}.",
		msgImportMore:        "…and %d more.",
		msgImportFix:         "Fix them and send the file again. The format: a question on one line, its options below it with <code>*</code> before the right one, an optional line starting with <code>&gt;</code> for the explanation, and a blank line between questions. A CSV has a column for the question, then the options.",
		msgImportSaved:       "✅ Saved the set <b>%s</b>: %d {2|one:question|other:questions}.",
		msgImportReplaced:    "It replaces your earlier set <b>%s</b>.",
		msgImportUse:         "Use it:\n/quiz %s — a class quiz in your group (here, to try it yourself)\n/homework %s 3d — homework due in three days\nRename: <code>/sets rename %s | new name</code>\nDelete: <code>/sets delete %s</code>\nAll your sets: /sets",
		msgImportDownload:    "I couldn't fetch that file from Telegram. Please send it again in a minute.",
		msgImportNoTrans:     "Files can be imported only through Telegram.",
		msgImportTooManySets: "You already have %d sets, the most I keep. Delete one with <code>/sets delete name</code> first.",
		msgImportPollType:    "That poll is not in quiz mode, so it has no right answer. Forward quiz polls, or send the questions as a file.",
		msgImportPollRight:   "Telegram didn't tell me which answer of that poll is right. Forward it from the chat where you made it, or send the questions as a file.",
		msgImportPollAdded:   "➕ Added to your draft: %d {1|one:question|other:questions} so far. Forward more quiz polls, then name the set with <code>/sets save name</code>.",
		msgImportDraftFull:   "Your draft already has %d questions, the most a set holds. Save it with <code>/sets save name</code> first.",
		msgImportGroup:       "To import questions, send the file to me in a private chat: @%s.",

		msgSetsNone:    "You have no question sets yet. Send me a file of questions (CSV or text) or forward quiz polls to me, and I'll keep them as a set for /quiz and /homework.",
		msgSetsList:    "<b>Your question sets</b> (%d):",
		msgSetsRow:     "• <b>%s</b> — %d {2|one:question|other:questions}",
		msgSetsDraft:   "Draft of forwarded polls: %d {1|one:question|other:questions}; save it with <code>/sets save name</code>.",
		msgSetsUsage:   "<code>/sets</code> — your sets\n<code>/sets save name</code> — name the draft of forwarded polls\n<code>/sets rename old name | new name</code>\n<code>/sets delete name</code>\nTo add a set, send me a CSV or text file of questions.",
		msgSetsUnknown: "You have no set named \"%s\". /sets lists yours.",
		msgSetsNoDraft: "Your draft is empty: forward me quiz polls first.",
		msgSetsBadName: "A set's name is one line of up to %d characters, with at least one letter.",
		msgSetsExists:  "You already have a set named \"%s\". Pick another name, or delete that one first.",
		msgSetsRenamed: "Renamed <b>%s</b> to <b>%s</b>.",
		msgSetsDeleted: "Deleted the set <b>%s</b>.",
		msgSetsPrivate: "Question sets are managed in a private chat with me: open @%s and send /sets there.",
		msgCmdSets:     "Your own question sets: list, rename, delete",
	})
	setStrings(language.Russian, map[string]string{
		"import.too_big":          "размер файла — %s, а я принимаю не больше %s. Разделите файл на части поменьше.",
		"import.binary":           "это таблица, документ или PDF, а не текст. Сохраните его как CSV (в Excel: Файл → Сохранить как → CSV UTF-8) или как обычный файл .txt.",
		"import.encoding":         "текст не в кодировке UTF-8. Сохраните файл как «CSV UTF-8» или как текст в UTF-8 и отправьте снова.",
		"import.html":             "это веб-страница, а не файл с вопросами. Скопируйте вопросы в файл .txt или .csv.",
		"import.no_questions":     "я не нашёл вопросов. Пишите каждый вопрос на отдельной строке, варианты ответа — на строках под ним, перед верным вариантом ставьте *, а между вопросами оставляйте пустую строку.",
		"import.too_many":         "в файле %[1]d {1|one:вопрос|few:вопроса|many:вопросов|other:вопроса}, а в одном наборе их может быть не больше %[2]d.",
		"import.csv":              "открытая здесь кавычка нигде не закрыта.",
		"import.question_empty":   "у вопроса нет текста.",
		"import.question_long":    "в вопросе %[1]d {1|one:символ|few:символа|many:символов|other:символа}, а Telegram допускает не больше %[2]d.",
		"import.options_few":      "у вопроса %[1]d {1|one:вариант|few:варианта|other:вариантов}, а нужно хотя бы %[2]d.",
		"import.options_many":     "у вопроса %[1]d {1|one:вариант|few:варианта|many:вариантов|other:варианта}, а Telegram допускает не больше %[2]d.",
		"import.option_empty":     "один из вариантов пуст.",
		"import.option_long":      "в варианте «%[1]s» %[2]d {2|one:символ|few:символа|many:символов|other:символа}, а Telegram допускает не больше %[3]d.",
		"import.option_twice":     "вариант «%s» повторяется.",
		"import.no_right":         "верный вариант не отмечен: поставьте * перед ним.",
		"import.many_right":       "{1|one:верным отмечен|other:верными отмечены} %d {1|one:вариант|few:варианта|many:вариантов|other:варианта}, а в вопросе викторины верный вариант может быть только один.",
		"import.right_unknown":    "верный ответ «%s» не совпадает ни с одним вариантом: укажите его номер или точный текст.",
		"import.explanation_long": "в пояснении %[1]d {1|one:символ|few:символа|many:символов|other:символа}, а Telegram допускает не больше %[2]d.",

		msgImportLine:        "Строка %d: %s",
		msgImportFailed:      "⚠️ Из файла <b>%s</b> я ничего не сохранил: в нём %[2]d {2|one:ошибка|few:ошибки|other:ошибок}.",
		msgImportMore:        "…и ещё %d.",
		msgImportFix:         "Исправьте ошибки и отправьте файл снова. Формат: вопрос на одной строке, варианты под ним, перед верным — <code>*</code>, по желанию строка пояснения, начинающаяся с <code>&gt;</code>, и пустая строка между вопросами. В CSV — столбец с вопросом, затем варианты.",
		msgImportSaved:       "✅ Набор <b>%s</b> сохранён: %d {2|one:вопрос|few:вопроса|other:вопросов}.",
		msgImportReplaced:    "Он заменяет ваш прежний набор <b>%s</b>.",
		msgImportUse:         "Как использовать:\n/quiz %s — викторина для класса в вашей группе (здесь — чтобы попробовать самостоятельно)\n/homework %s 3d — домашнее задание со сроком сдачи через три дня\nПереименовать: <code>/sets rename %s | новое имя</code>\nУдалить: <code>/sets delete %s</code>\nВсе ваши наборы: /sets",
		msgImportDownload:    "Не получилось скачать этот файл из Telegram. Отправьте его ещё раз через минуту.",
		msgImportNoTrans:     "Файлы можно загружать только через Telegram.",
		msgImportTooManySets: "У вас уже %d {1|one:набор|few:набора|many:наборов|other:набора} — больше я хранить не могу. Сначала удалите один командой <code>/sets delete имя</code>.",
		msgImportPollType:    "Этот опрос не в режиме викторины, поэтому верного ответа у него нет. Пересылайте опросы в режиме викторины или отправьте вопросы файлом.",
		msgImportPollRight:   "Telegram не сообщил мне, какой ответ в этом опросе верный. Перешлите его из чата, где вы его создали, или отправьте вопросы файлом.",
		msgImportPollAdded:   "➕ Добавлено в черновик: пока %[1]d {1|one:вопрос|few:вопроса|other:вопросов}. Перешлите ещё опросы-викторины, а потом дайте набору имя: <code>/sets save имя</code>.",
		msgImportDraftFull:   "В черновике уже %d {1|one:вопрос|few:вопроса|many:вопросов|other:вопроса} — больше в один набор не помещается. Сначала сохраните его: <code>/sets save имя</code>.",
		msgImportGroup:       "Чтобы загрузить вопросы, отправьте файл мне в личный чат: @%s.",

		msgSetsNone:    "У вас пока нет наборов вопросов. Пришлите мне файл с вопросами (CSV или текст) или перешлите опросы-викторины, и я сохраню их как набор для /quiz и /homework.",
		msgSetsList:    "<b>Ваши наборы вопросов</b> (%d):",
		msgSetsRow:     "• <b>%s</b> — %d {2|one:вопрос|few:вопроса|other:вопросов}",
		msgSetsDraft:   "Черновик из пересланных опросов: %[1]d {1|one:вопрос|few:вопроса|other:вопросов}; сохраните его: <code>/sets save имя</code>.",
		msgSetsUsage:   "<code>/sets</code> — ваши наборы\n<code>/sets save имя</code> — дать имя черновику из пересланных опросов\n<code>/sets rename старое имя | новое имя</code>\n<code>/sets delete имя</code>\nЧтобы добавить набор, пришлите мне файл CSV или текстовый файл с вопросами.",
		msgSetsUnknown: "У вас нет набора «%s». Список ваших наборов — /sets.",
		msgSetsNoDraft: "Черновик пуст: сначала перешлите мне опросы-викторины.",
		msgSetsBadName: "Имя набора — одна строка не длиннее %d {1|one:символа|few:символов|many:символов|other:символа}, в которой есть хотя бы одна буква.",
		msgSetsExists:  "У вас уже есть набор «%s». Выберите другое имя или сначала удалите существующий набор.",
		msgSetsRenamed: "Набор <b>%s</b> переименован в <b>%s</b>.",
		msgSetsDeleted: "Набор <b>%s</b> удалён.",
		msgSetsPrivate: "Управлять наборами вопросов можно в личном чате со мной: откройте @%s и отправьте там /sets.",
		msgCmdSets:     "Ваши наборы вопросов: список, переименование, удаление",
	})
	setStrings(language.Kazakh, map[string]string{
		"import.too_big":          "файлдың көлемі %s, ал мен қабылдайтын ең үлкен көлем — %s. Файлды бірнеше кішірек файлға бөліңіз.",
		"import.binary":           "бұл мәтін емес, кесте, құжат не PDF. Оны CSV түрінде (Excel-де: Файл → Басқаша сақтау → CSV UTF-8) немесе қарапайым .txt файлы етіп сақтаңыз.",
		"import.encoding":         "мәтін UTF-8 кодтауында емес. Файлды «CSV UTF-8» немесе UTF-8 мәтіні етіп сақтап, қайта жіберіңіз.",
		"import.html":             "бұл сұрақтар файлы емес, веб-бет. Сұрақтарды .txt немесе .csv файлына көшіріңіз.",
		"import.no_questions":     "бірде-бір сұрақ таппадым. Әр сұрақты бөлек жолға, нұсқаларын оның астындағы жолдарға жазып, дұрысының алдына * қойыңыз, сұрақтардың арасына бос жол қалдырыңыз.",
		"import.too_many":         "файлда %d сұрақ бар, ал бір жинаққа ең көбі %d сұрақ сыяды.",
		"import.csv":              "осы жерде ашылған тырнақша жабылмаған.",
		"import.question_empty":   "сұрақтың мәтіні жоқ.",
		"import.question_long":    "сұрақта %d таңба бар, ал Telegram ең көбі %d таңбаға рұқсат береді.",
		"import.options_few":      "сұрақта %d нұсқа бар, ал кемінде %d нұсқа керек.",
		"import.options_many":     "сұрақта %d нұсқа бар, ал Telegram ең көбі %d нұсқаға рұқсат береді.",
		"import.option_empty":     "бір нұсқа бос.",
		"import.option_long":      "«%s» нұсқасында %d таңба бар, ал Telegram ең көбі %d таңбаға рұқсат береді.",
		"import.option_twice":     "«%s» нұсқасы екі рет жазылған.",
		"import.no_right":         "дұрыс нұсқа белгіленбеген: оның алдына * қойыңыз.",
		"import.many_right":       "%d нұсқа дұрыс деп белгіленген, ал викторина сұрағында дұрыс жауап біреу ғана болады.",
		"import.right_unknown":    "«%s» деген дұрыс жауап бірде-бір нұсқаға сәйкес келмейді: оның нөмірін не дәл мәтінін жазыңыз.",
		"import.explanation_long": "түсініктемеде %d таңба бар, ал Telegram ең көбі %d таңбаға рұқсат береді.",

		msgImportLine:        "%d-жол: %s",
		msgImportFailed:      "⚠️ <b>%s</b> файлынан ештеңе сақтамадым: онда %[2]d қате бар.",
		msgImportMore:        "…және тағы %d.",
		msgImportFix:         "Қателерді түзетіп, файлды қайта жіберіңіз. Пішімі: сұрақ бір жолда, нұсқалары оның астында, дұрысының алдында <code>*</code>, қажет болса <code>&gt;</code> белгісінен басталатын түсініктеме жолы, сұрақтардың арасында бос жол. CSV файлында алдымен сұрақ бағаны, одан кейін нұсқалар бағандары келеді.",
		msgImportSaved:       "✅ <b>%s</b> жинағы сақталды: %d сұрақ.",
		msgImportReplaced:    "Ол бұрынғы <b>%s</b> жинағыңыздың орнын басты.",
		msgImportUse:         "Қалай қолдануға болады:\n/quiz %s — топтағы сыныпқа арналған викторина (мұнда — өзіңіз байқап көру үшін)\n/homework %s 3d — үш күннен кейін тапсырылатын үй тапсырмасы\nАтын өзгерту: <code>/sets rename %s | жаңа атау</code>\nЖою: <code>/sets delete %s</code>\nБарлық жинақтарыңыз: /sets",
		msgImportDownload:    "Бұл файлды Telegram-нан жүктей алмадым. Бір минуттан кейін қайта жіберіңізші.",
		msgImportNoTrans:     "Файлдарды тек Telegram арқылы жүктеуге болады.",
		msgImportTooManySets: "Сізде қазірдің өзінде %d жинақ бар — бұдан көп сақтай алмаймын. Алдымен біреуін <code>/sets delete атау</code> командасымен жойыңыз.",
		msgImportPollType:    "Бұл сауалнама викторина режимінде емес, сондықтан оның дұрыс жауабы жоқ. Викторина режиміндегі сауалнамаларды жолдаңыз немесе сұрақтарды файлмен жіберіңіз.",
		msgImportPollRight:   "Telegram бұл сауалнаманың қай жауабы дұрыс екенін хабарламады. Оны өзіңіз жасаған чаттан жолдаңыз немесе сұрақтарды файлмен жіберіңіз.",
		msgImportPollAdded:   "➕ Қараламаға қосылды: әзірге %d сұрақ. Тағы викторина сауалнамаларын жолдаңыз, содан соң жинаққа атау беріңіз: <code>/sets save атау</code>.",
		msgImportDraftFull:   "Қараламада %d сұрақ бар — бір жинаққа бұдан көп сыймайды. Алдымен оны сақтаңыз: <code>/sets save атау</code>.",
		msgImportGroup:       "Сұрақтарды жүктеу үшін файлды маған жеке чатта жіберіңіз: @%s.",

		msgSetsNone:    "Сізде әзірге сұрақ жинағы жоқ. Маған сұрақтар файлын (CSV немесе мәтін) жіберіңіз немесе викторина сауалнамаларын жолдаңыз, мен оларды /quiz пен /homework үшін жинақ етіп сақтаймын.",
		msgSetsList:    "<b>Сіздің сұрақ жинақтарыңыз</b> (%d):",
		msgSetsRow:     "• <b>%s</b> — %d сұрақ",
		msgSetsDraft:   "Жолданған сауалнамалардан құралған қаралама: %d сұрақ; оны сақтаңыз: <code>/sets save атау</code>.",
		msgSetsUsage:   "<code>/sets</code> — жинақтарыңыз\n<code>/sets save атау</code> — жолданған сауалнамалардан құралған қараламаға атау беру\n<code>/sets rename ескі атау | жаңа атау</code>\n<code>/sets delete атау</code>\nЖинақ қосу үшін маған сұрақтар жазылған CSV не мәтін файлын жіберіңіз.",
		msgSetsUnknown: "Сізде «%s» деген жинақ жоқ. Жинақтарыңыздың тізімі: /sets.",
		msgSetsNoDraft: "Қаралама бос: алдымен маған викторина сауалнамаларын жолдаңыз.",
		msgSetsBadName: "Жинақ атауы — ұзындығы %d таңбадан аспайтын, кемінде бір әрпі бар бір жол.",
		msgSetsExists:  "Сізде «%s» деген жинақ бар. Басқа атау таңдаңыз немесе алдымен бұрынғы жинақты жойыңыз.",
		msgSetsRenamed: "<b>%s</b> жинағының атауы <b>%s</b> болып өзгертілді.",
		msgSetsDeleted: "<b>%s</b> жинағы жойылды.",
		msgSetsPrivate: "Сұрақ жинақтары менімен жеке чатта басқарылады: @%s чатын ашып, /sets командасын сонда жіберіңіз.",
		msgCmdSets:     "Өз сұрақ жинақтарыңыз: тізім, атауын өзгерту, жою",
	})
	setStrings(language.Chinese, map[string]string{
		"import.too_big":          "文件大小为 %s，我最多接收 %s。请把它拆分成几个较小的文件。",
		"import.binary":           "这是电子表格、文档或 PDF，不是文本。请另存为 CSV（Excel 中：文件 → 另存为 → CSV UTF-8）或纯文本 .txt 文件。",
		"import.encoding":         "文本不是 UTF-8 编码。请把文件另存为“CSV UTF-8”或 UTF-8 文本后重新发送。",
		"import.html":             "这是一个网页，不是题目文件。请把题目复制到 .txt 或 .csv 文件中。",
		"import.no_questions":     "没有找到题目。每道题写一行，选项写在下面各行，正确选项前加 *，题目之间空一行。",
		"import.too_many":         "文件里有 %d 道题，一个题集最多 %d 道。",
		"import.csv":              "此处的引号没有闭合。",
		"import.question_empty":   "题干为空。",
		"import.question_long":    "题目有 %d 个字符，Telegram 最多允许 %d 个。",
		"import.options_few":      "这道题有 %d 个选项，至少需要 %d 个。",
		"import.options_many":     "这道题有 %d 个选项，Telegram 最多允许 %d 个。",
		"import.option_empty":     "有一个选项是空的。",
		"import.option_long":      "选项“%s”有 %d 个字符，Telegram 最多允许 %d 个。",
		"import.option_twice":     "选项“%s”重复了。",
		"import.no_right":         "没有标出正确选项：请在正确选项前加 *。",
		"import.many_right":       "有 %d 个选项被标为正确，而测验题只能有一个正确答案。",
		"import.right_unknown":    "正确答案“%s”与任何选项都不符：请写出它的序号或完整文字。",
		"import.explanation_long": "解析有 %d 个字符，Telegram 最多允许 %d 个。",

		msgImportLine:        "第 %d 行：%s",
		msgImportFailed:      "⚠️ 文件 <b>%s</b> 未保存任何内容：发现 %[2]d 处问题。",
		msgImportMore:        "……还有 %d 处。",
		msgImportFix:         "请改正后重新发送文件。格式：题目占一行，选项写在下面，正确选项前加 <code>*</code>，如需解析，可另起一行以 <code>&gt;</code> 开头书写，题目之间空一行。CSV 文件先是题目列，然后是各选项列。",
		msgImportSaved:       "✅ 已保存题集 <b>%s</b>：%d 道题。",
		msgImportReplaced:    "它替换了你之前的题集 <b>%s</b>。",
		msgImportUse:         "用法：\n/quiz %s — 在班级群里进行测验（在这里可以自己试做）\n/homework %s 3d — 布置三天后截止的作业\n改名：<code>/sets rename %s | 新名称</code>\n删除：<code>/sets delete %s</code>\n你的全部题集：/sets",
		msgImportDownload:    "没能从 Telegram 下载这个文件。请一分钟后再发一次。",
		msgImportNoTrans:     "只能通过 Telegram 导入文件。",
		msgImportTooManySets: "你已经有 %d 个题集，达到上限。请先用 <code>/sets delete 名称</code> 删除一个。",
		msgImportPollType:    "这个投票不是测验模式，没有正确答案。请转发测验模式的投票，或用文件发送题目。",
		msgImportPollRight:   "Telegram 没有告诉我这个投票的正确答案。请从你创建它的聊天中转发，或用文件发送题目。",
		msgImportPollAdded:   "➕ 已加入草稿：目前共 %d 道题。继续转发测验投票，然后用 <code>/sets save 名称</code> 给题集命名。",
		msgImportDraftFull:   "草稿里已有 %d 道题，一个题集放不下更多了。请先保存：<code>/sets save 名称</code>。",
		msgImportGroup:       "要导入题目，请在私聊中把文件发给我：@%s。",

		msgSetsNone:    "你还没有题集。把题目文件（CSV 或文本）发给我，或把测验投票转发给我，我会把它们存为题集，供 /quiz 和 /homework 使用。",
		msgSetsList:    "<b>你的题集</b>（%d 个）：",
		msgSetsRow:     "• <b>%s</b> — %d 道题",
		msgSetsDraft:   "转发投票的草稿：%d 道题；用 <code>/sets save 名称</code> 保存。",
		msgSetsUsage:   "<code>/sets</code> — 你的题集\n<code>/sets save 名称</code> — 给转发投票的草稿命名\n<code>/sets rename 旧名称 | 新名称</code>\n<code>/sets delete 名称</code>\n要添加题集，请把 CSV 或文本格式的题目文件发给我。",
		msgSetsUnknown: "你没有名为“%s”的题集。发送 /sets 可查看你的题集。",
		msgSetsNoDraft: "草稿是空的：请先把测验投票转发给我。",
		msgSetsBadName: "题集名称为一行，最多 %d 个字符，且至少含一个字母或汉字。",
		msgSetsExists:  "你已经有名为“%s”的题集。请换个名称，或先删除那个题集。",
		msgSetsRenamed: "已将 <b>%s</b> 改名为 <b>%s</b>。",
		msgSetsDeleted: "已删除题集 <b>%s</b>。",
		msgSetsPrivate: "题集要在与我的私聊中管理：打开 @%s，在那里发送 /sets。",
		msgCmdSets:     "你自己的题集：列表、改名、删除",
	})
}
