package bot

import "golang.org/x/text/language"

// Keys of the pictures: their titles (also their captions), the button
// that asks for one, and the words drawn in them.
const (
	msgBtnPicture     = "button.picture"
	msgPicTimeline    = "picture.timeline"
	msgPicFigures     = "picture.figures"
	msgPicKhorgos     = "picture.khorgos"
	msgPicPodium      = "picture.podium"
	msgPicRounds      = "picture.rounds"
	msgPicProgress    = "picture.progress"
	msgPicFooter      = "picture.footer"
	msgPicKm          = "picture.km"
	msgPicQuestion    = "picture.question" // the question's number
	msgPicScore       = "picture.score"    // right answers, questions
	msgPicPoints      = "picture.points"   // right answers, questions, points
	msgConsolePicture = "console.picture"  // the PNG file's path
)

func init() {
	setStrings(language.English, map[string]string{
		msgBtnPicture:     "🖼 As a picture",
		msgPicTimeline:    "The Belt and Road in Kazakhstan, year by year",
		msgPicFigures:     "Kazakhstan and China: the headline figures",
		msgPicKhorgos:     "Where Khorgos is",
		msgPicPodium:      "The winners",
		msgPicRounds:      "Right answers, question by question",
		msgPicProgress:    "Your right answers by topic",
		msgPicFooter:      "silkroad · facts from the article “The return of the Great Silk Road”",
		msgPicKm:          "km",
		msgPicQuestion:    "Question %d",
		msgPicScore:       "%d of %d right",
		msgPicPoints:      "%d of %d right · %[3]d {3|one:point|other:points}",
		msgConsolePicture: "🖼 The picture is saved in %s",
	})
	setStrings(language.Russian, map[string]string{
		msgBtnPicture:     "🖼 Картинкой",
		msgPicTimeline:    "Инициатива «Один пояс, один путь» в Казахстане: год за годом",
		msgPicFigures:     "Казахстан и Китай: главные цифры",
		msgPicKhorgos:     "Где находится Хоргос",
		msgPicPodium:      "Победители",
		msgPicRounds:      "Верные ответы по вопросам",
		msgPicProgress:    "Ваши верные ответы по темам",
		msgPicFooter:      "silkroad · факты из статьи «Возвращение Великого шёлкового пути»",
		msgPicKm:          "км",
		msgPicQuestion:    "Вопрос %d",
		msgPicScore:       "верно %d из %d",
		msgPicPoints:      "верно %d из %d · %[3]d {3|one:очко|few:очка|many:очков|other:очка}",
		msgConsolePicture: "🖼 Картинка сохранена в файл %s",
	})
	setStrings(language.Kazakh, map[string]string{
		msgBtnPicture:     "🖼 Сурет түрінде",
		msgPicTimeline:    "«Бір белдеу, бір жол» бастамасы Қазақстанда: жылдар бойынша",
		msgPicFigures:     "Қазақстан мен Қытай: негізгі көрсеткіштер",
		msgPicKhorgos:     "Қорғас қай жерде орналасқан",
		msgPicPodium:      "Жеңімпаздар",
		msgPicRounds:      "Сұрақтар бойынша дұрыс жауаптар",
		msgPicProgress:    "Тақырыптар бойынша дұрыс жауаптарыңыз",
		msgPicFooter:      "silkroad · деректер «Ұлы Жібек жолының қайта оралуы» мақаласынан алынған",
		msgPicKm:          "км",
		msgPicQuestion:    "%d-сұрақ",
		msgPicScore:       "%[2]d сұрақтан %[1]d дұрыс",
		msgPicPoints:      "%[2]d сұрақтан %[1]d дұрыс · %[3]d ұпай",
		msgConsolePicture: "🖼 Сурет мына жерге сақталды: %s",
	})
	setStrings(language.Chinese, map[string]string{
		msgBtnPicture:     "🖼 以图片查看",
		msgPicTimeline:    "“一带一路”倡议在哈萨克斯坦：逐年回顾",
		msgPicFigures:     "哈萨克斯坦与中国：关键数据",
		msgPicKhorgos:     "霍尔果斯在哪里",
		msgPicPodium:      "优胜者",
		msgPicRounds:      "每道题的答对人数",
		msgPicProgress:    "你在各主题的答对情况",
		msgPicFooter:      "silkroad · 资料来源：《伟大丝绸之路的回归》一文",
		msgPicKm:          "公里",
		msgPicQuestion:    "第 %d 题",
		msgPicScore:       "答对 %d/%d",
		msgPicPoints:      "答对 %d/%d · %d 分",
		msgConsolePicture: "🖼 图片已保存到 %s",
	})
}
