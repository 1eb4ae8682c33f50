package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// DetectLang guesses the language of text from its script: Kazakh-specific
// letters (ә ғ қ ң ө ұ ү һ і) mean Kazakh, other Cyrillic means Russian,
// Han characters mean Chinese, and Latin letters mean English. Cyrillic
// text without Kazakh letters counts as Kazakh when it holds common
// Kazakh words. It returns "" when the text has no letters at all.
func DetectLang(text string) string {
	var cyr, han, kk, latin int
	for _, r := range text {
		switch {
		case strings.ContainsRune("әғқңөұүһіӘҒҚҢӨҰҮҺІ", r):
			kk++
			cyr++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Han, r):
			han++
		case r < utf8.RuneSelf && unicode.IsLetter(r):
			latin++
		}
	}
	if kk == 0 && cyr > 0 {
		for w := range strings.FieldsFuncSeq(text, notLetter) {
			if kkMarkers[kkFold(strings.ToLower(w))] {
				kk++
			}
		}
	}
	switch {
	case han > 0 && han*2 >= cyr && han >= latin/4:
		return "zh"
	case kk > 0:
		return "kk"
	case cyr > 0 && cyr >= latin/2:
		return "ru"
	case latin > 0:
		return "en"
	}
	return ""
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// kkMarkers are common Kazakh words written without Kazakh-specific
// letters, which tell a Kazakh question from a Russian one.
var kkMarkers = foldSet(strings.Fields(`деген немен болып жатыр туралы неше нешеу айтшы ма ме ба бе па пе
қанша қандай қашан қайда қалай үшін арқылы қазір кім неге
берші бере бар жоқ жыл жылы бойынша мен және бен пен деп дейді болады болды керек осы сол ол олар
баса басқа арасында арасындағы мемлекет елдер ел`))

// kkSuffixName is the name of the Kazakh suffix-stripping token filter.
const kkSuffixName = "kk_suffix"

// kkCase, kkPossessive and kkPlural are Kazakh endings, longest first,
// in the order they are stripped from the end of a word (a Kazakh word is
// stem + plural + possessive + case).
var (
	kkAdjective = []string{"ндағы", "ндегі", "дағы", "дегі", "тағы", "тегі", "қы", "кі"}
	kkCase      = []string{
		"сында", "сінде", // possessive, then the locative after its н
		"ның", "нің", "дың", "дің", "тың", "тің",
		"сын", "сін", // possessive, then the accusative
		"дан", "ден", "тан", "тен", "нан", "нен",
		"мен", "бен", "пен",
		"ға", "ге", "қа", "ке", "на", "не",
		"ны", "ні", "ды", "ді", "ты", "ті",
		"да", "де", "та", "те",
		"ын", "ін",
	}
	kkPossessive = []string{"сы", "сі", "ы", "і"}
	kkPlural     = []string{"лар", "лер", "дар", "дер", "тар", "тер"}
)

// kkEndings are the endings kkStem strips, folded, group by group.
var kkEndings = func() [][]string {
	var out [][]string
	for _, g := range [][]string{kkAdjective, kkCase, kkPossessive, kkPlural} {
		f := make([]string, len(g))
		for i, s := range g {
			f[i] = kkFold(s)
		}
		out = append(out, f)
	}
	return out
}()

// kkFolder writes the letters of Kazakh that Russian lacks as the
// Russian letters people type for them.
var kkFolder = strings.NewReplacer("қ", "к", "ғ", "г", "ң", "н", "ө", "о", "ұ", "у", "ү", "у",
	"һ", "х", "і", "и", "ә", "а", "Қ", "К", "Ғ", "Г", "Ң", "Н", "Ө", "О", "Ұ", "У", "Ү", "У",
	"Һ", "Х", "І", "И", "Ә", "А")

// kkFold is w with Kazakh letters folded (kkFolder): Қорғас is коргас.
func kkFold(w string) string { return kkFolder.Replace(w) }

// foldSet is toSet of the folded words.
func foldSet(ws []string) map[string]bool {
	for i, w := range ws {
		ws[i] = kkFold(w)
	}
	return toSet(ws)
}

// kkStemLen is how many letters of a Kazakh word are kept after its
// endings are stripped. Cutting long words to a fixed length makes
// forms that the light stripper handles differently meet again:
// Қазақстан and Қазақстанда both become қазақс.
const kkStemLen = 6

// kkStem maps a lower-case Kazakh word to a stem shared by its inflected
// forms, so that Қорғасқа and Қорғаста find Қорғас. Documents and
// questions go through the same function, so stems only have to agree
// with each other, not be linguistically exact. Stems are folded
// (kkFold), so that a word typed without Kazakh letters, as on a
// Russian keyboard (Коргаста), finds the same stem.
func kkStem(w string) string {
	w = kkFold(w)
	for _, group := range kkEndings {
		n := utf8.RuneCountInString(w)
		for _, s := range group {
			if strings.HasSuffix(w, s) && n-utf8.RuneCountInString(s) >= 2 {
				w = strings.TrimSuffix(w, s)
				break
			}
		}
	}
	// ғ/қ (folded г/к) alternate before a vowel: жолдағы, ұзындығы.
	if strings.HasSuffix(w, "г") {
		w = strings.TrimSuffix(w, "г") + "к"
	}
	if r := []rune(w); len(r) > kkStemLen {
		w = string(r[:kkStemLen])
	}
	return w
}

type kkSuffixFilter struct{}

func (kkSuffixFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		if tok.KeyWord {
			continue
		}
		tok.Term = []byte(kkStem(string(tok.Term)))
	}
	return in
}

func init() {
	registry.RegisterTokenFilter(kkSuffixName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return kkSuffixFilter{}, nil
	})
}

// kkStopWords are common Kazakh function words.
var kkStopWords = []string{
	"және", "мен", "бен", "пен", "да", "де", "та", "те", "бұл", "сол", "осы", "ол",
	"үшін", "туралы", "бойынша", "арқылы", "ретінде", "сияқты", "ал", "бірақ", "немесе",
	"екі", "бір", "еді", "болды", "болып", "болған", "болады", "бар", "жоқ", "ма", "ме",
	"ба", "бе", "па", "пе", "не", "ең", "өз", "оның", "олар", "біз", "сен", "мен",
	"жылы", "жыл",
}

// questionWords are words that shape a question without naming its
// subject: they are left out when judging whether the knowledge base
// covers a question. Lower-case, per language.
var questionWords = map[string][]string{
	"en": {"what", "whats", "which", "who", "whom", "whose", "when", "where", "why", "how",
		"many", "much", "long", "is", "are", "was", "were", "be", "been", "do", "does", "did",
		"the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about",
		"and", "or", "it", "its", "this", "that", "these", "those", "there", "their", "they",
		"tell", "me", "us", "please", "show", "explain", "describe", "give", "know", "i", "you",
		"can", "could", "would", "will", "should", "has", "have", "had", "some", "any", "more",
		"info", "information", "details", "detail", "happening", "happened", "happen", "going",
		"s", "get", "got", "find", "out", "all", "so", "far", "what's", "whats", "into", "as",
		"percentage", "percent", "share", "number", "total", "amount", "year", "date", "big",
		"large", "size", "far", "get", "now", "currently", "exactly", "approximately", "roughly",
		"located", "location", "situated", "lies", "list", "name", "mention",
		// what teachers, students and journalists say around a question
		"lesson", "lessons", "class", "classes", "classroom", "essay", "homework", "tomorrow",
		"tomorrow's", "double", "check", "verify", "true", "correct", "accurate", "remind",
		"remember", "recall", "heard", "keep", "seeing", "news", "pupils", "kids", "my", "our",
		"article", "say", "says", "write", "writes", "written", "text"},
	"ru": {"что", "такое", "кто", "какой", "какая", "какое", "какие", "каков", "какова", "каково",
		"каковы", "когда", "где", "куда", "откуда", "почему", "зачем", "как", "сколько", "ли",
		"это", "этот", "эта", "эти", "в", "во", "на", "о", "об", "про", "по", "с", "со", "у", "к",
		"из", "за", "от", "до", "и", "или", "а", "мне", "расскажи", "расскажите", "скажи",
		"скажите", "покажи", "объясни", "есть", "был", "была", "было", "были", "быть", "же",
		"ну", "пожалуйста", "информация", "подробнее", "году", "год", "чем", "чём", "какую",
		"каком", "какой-то", "всего", "вообще", "там", "тут", "здесь", "он", "она", "оно", "они",
		"его", "её", "их", "находится", "находятся", "расположен", "расположена", "расположено",
		"известно", "известен", "известна", "знаешь", "знаете", "можно", "найти", "посмотреть",
		"узнать", "увидеть", "каких", "каким", "какими", "какого", "какому", "какую", "кого",
		"чего", "чему", "кем", "чей", "чья", "чьё", "чьи", "скольких", "которые", "который",
		"которая", "которых", "скока", "скоко",
		"урок", "урока", "уроку", "классе", "класса", "класс", "сочинение", "доклад", "реферат",
		"проверить", "проверяю", "правда", "верно", "точно", "напомни", "помню", "слышал", "слышала",
		"читал", "новостях", "ученикам", "детям", "готовлю", "готовлюсь", "наш", "наша", "нашей",
		"наши", "мой", "моя", "моего", "статья", "статье", "статьи", "пишут", "пишется",
		"говорится", "сказано"},
	"kk": {"не", "деген", "кім", "қандай", "қай", "қашан", "қайда", "неше", "қанша", "нешe",
		"қалай", "неге", "ма", "ме", "ба", "бе", "па", "пе", "бар", "туралы", "айтып", "айтшы",
		"бер", "беріңіз", "және", "мен", "бұл", "осы", "сол", "ол", "жылы", "жыл", "нешеу",
		"қаншасы", "еді", "болды", "немен", "айналысады", "істейді", "жатыр", "болып",
		"айтылған", "айтылды", "жайлы", "жөнінде", "көруге", "табуға", "сабақ", "сабаққа",
		"сабақта", "білесің", "білесіз", "білесіздер", "дұрыс", "тексеру", "оқушыларға", "балаларға",
		"мақалада", "мақала", "жазылған", "айтылады"},
}

// interrogative holds the words that ask, in English, Russian and
// Kazakh: all that is left out of a question made of question words
// alone.
var interrogative = toSet(strings.Fields(`what whats which who whom whose when where why how many much
что кто где когда куда почему зачем как какой какая какое какие сколько ли
не кім қашан қайда неге қалай қандай қай қанша неше`))

// zhQuestionChars are Han characters that shape a Chinese question without
// naming its subject.
const zhQuestionChars = "是什么的了吗呢吧啊有多少几个怎样么哪里在和谁何时候请告诉我关于下长久大哪儿呀嘛吗位对去给被把从到为向让由将于其也还就而及年月日过着呢上钱啥搞玩想那准真听说这都涉"

func isQuestionWord(lang, w string) bool {
	if lang == "kk" {
		return kkQuestionWords[kkFold(w)]
	}
	return slices.Contains(questionWords[lang], w)
}

// kkQuestionWords are the Kazakh questionWords, folded, so that they are
// known typed without Kazakh letters too.
var kkQuestionWords = foldSet(slices.Clone(questionWords["kk"]))

// commonWords are everyday words that seldom name a question's subject.
// A common word the knowledge base does not hold weighs little when
// judging coverage, so "How much investment has the Belt and Road
// attracted?" is not turned away for "attracted", while a rare unknown
// word ("Germany", "bitcoin") still marks a question out of scope.
var commonWords = toSet(strings.Fields(`
a about above across act actually add after again against ago all almost along already also although always am among
an and another any anything anyway appear are area around as ask asked at away back bad be became because become
becoming been before began begin behind being believe below best better between beyond big both bring brought build
built but buy by call called came can cause certain change clear close come comes coming consider could count country
current day did different do does doing done down during each early either else end enough even ever every example
expect fact far feel felt few find first follow for found from full gave get gets getting give given giving go goes
going gone good got great had happen happened has have having hear held help her here high him his hold how however
important include including instead into involve involved is it its itself just keep kind knew know known large last
later lead least leave left less let like likely little look looking lot made main make makes making many may maybe
me mean meant might more most move much must my near need never new next nice no not nothing now number of off often
old on once one only open or other our out over own part particular pass passed people per perhaps place play point
possible put quite rather reach real really recent recently right run said same saw say says see seem seen set several
she should show side since so some something sometimes soon still such sure take taken takes taking talk tell than that
the their them then there these they thing things think this those though through thus to today together too took
toward try turn under until up upon us use used using usually very want wanted was way we well went were what whatever
while whole why will with within without work worked working would yes yet you your attract attracted attracting
involving regarding concerning related relate relating happening happens mentioned mention mentions note noted
stand stands called named name bring brings receive received receives get got gotten
choose chose chosen choice decide decided pick picked state states head heads games game true false kind sort type
becomes ever anyone someone everyone person thing ways times year years day days
ppl week weeks month months tomorrow yesterday places parts sides ends case cases points
facts group groups problem problems question questions answer answers idea ideas reason reasons result results
mark marked marks means matter matters remain remained stay stayed seemed appeared includes
involves allowed provide provided offer offered create created produce
produced begin started finish finished continue continued change changed grow grew
increase increased reduce reduced support supported helped plan planned hope hoped expected
considered described explain explained report reported announce announced counted measure measured total overall entire minor significant
special general common sometimes roughly exactly currently lately earlier previous
various fewer least small short high low young worst worse greatest
является являются находится находятся работает работают делает делают сделал сделали было будет будут стал стала
стали получил получила получили можно нужно очень ещё уже тоже также просто сейчас теперь который которая которые
хочу хотим хочется хотел хотела хотели съездить поехать поеду поедем сходить туда сюда выходные выходных
сегодня завтра вчера народу народ люди людей
жатыр болып береді айналысады келеді жалғасып айтылды істейді жасады жасалды болады тұр отыр жерде қай`))

// numberWords are numbers written in words. One the knowledge base does
// not use weighs as little as a number it does not state: "the first
// seven months" is January–July there.
var numberWords = toSet(strings.Fields(`
one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred
hundreds thousand thousands million millions billion billions half dozen
один одна одно два две три четыре пять шесть семь восемь девять десять двадцать тридцать сто сотня
сотни тысяча тысячи миллион миллиона миллионов миллиард миллиарда миллиардов половина
бір екі үш төрт бес алты жеті сегіз тоғыз он жиырма отыз жүз мың миллион миллиард жарты`))

func toSet(ws []string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
