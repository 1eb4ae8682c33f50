package bot

import "golang.org/x/text/language"

func init() {
	setStrings(language.Chinese, map[string]string{
		msgHelpTeachers:  "<b>教师专区</b>\n/quiz <i>[主题] [题数] [秒数]</i> — 在群里为全班发起限时测验，使用 Telegram 原生测验投票并显示排行榜，例如 /quiz 能源 10 30；在私聊中则可按自己的节奏进行答题练习\n/next、/stop — 测验发起人进入下一题或结束测验\n/results — 以 CSV 文件获取上一次测验的成绩\n/homework <i>[主题] [题数] [截止时间]</i> — 生成学生在私聊中打开的作业链接，可设截止时间，如 3d 或 2026-12-20；/results <i>代码</i> 按题目查看每位学生的作答情况，并附 CSV 文件\n/sets — 你自己的题目：把 CSV 或文本文件发给我，或转发测验投票，然后使用 /quiz <i>题集名称</i> 或 /homework <i>题集名称</i>\n/review — 供学生使用：答错的题会隔几天再次出现；/progress — 按主题查看学生成绩\n主题：倡议、过境、外交、基础设施、能源、贸易、科技、金融、教育、文化，或全部。",
		msgHelpVisitors:  "<b>游客专区</b>\n/khorgos — 霍尔果斯国际边境合作中心是什么、有什么可看、在地图上的位置\n/projects — 所有项目，有位置的附地图定位\n/timeline — 大事记",
		msgBtnTeachers:   "教师专区",
		msgBtnVisitors:   "游客专区",
		msgBtnAddToGroup: "➕ 把我加入班级群",
		msgClassWelcome:  "<b>同学们好！我是 silkroad。</b>\n我可以在群里组织关于中哈合作的测验。\n\n老师：用 /quiz 开始测验，例如 <code>/quiz 贸易 10 30</code>（10 道题，每题 30 秒）。同学们在投票中作答，答对得越快，得分越高。/next 进入下一题，/stop 结束测验，/results 以 CSV 文件发送所有人的作答。\n\n任何人都可以向我提问：提及 @%s 或回复我的消息即可。",
		msgQuizFewer:     "这个主题只有 %[1]d 道题，本次测验将全部使用：%[2]s。",
		msgHomeworkFewer: "这个主题只有 %[1]d 道题，本次作业将全部使用：%[2]s。",
	})
}
