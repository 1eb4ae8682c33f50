package bot

import "golang.org/x/text/language"

func init() {
	setStrings(language.Chinese, map[string]string{
		msgHedged:       "我不太确定是否理解了你的问题。你可能想问的是：",
		msgHedgedOthers: "如果不是，也许是下面其中之一：",
		msgListHead:     "<b>关于这个，我知道这些：</b>",
		msgListCategory: "<b>%s：我知道的内容</b>",
		msgCheckHolds:   "没错：文章中给出的正是%s。",
		msgCheckWrong:   "不对：文章中给出的是%[2]s，而不是%[1]s。",
		msgTalkHello:    "你好！我是 silkroad，专门回答有关哈萨克斯坦与中国合作的问题：霍尔果斯、过境走廊、能源、贸易、科技、教育和文化。\n\n请直接用自己的话提问，或者选择一个主题：",
		msgTalkThanks:   "不客气！关于哈萨克斯坦和中国，还有什么想问的都可以问我。",
		msgTalkBye:      "再见！有新问题随时回来。",
		msgTalkWho:      "我是 silkroad，一个回答“一带一路”倡议下哈萨克斯坦与中国合作问题的机器人。我知道的一切都来自一篇文章，每个回答都会注明出自哪一部分。\n\n选择一个主题开始吧：",
		msgTalkCan:      "我可以用中文、英语、俄语和哈萨克语回答有关中哈合作的问题，例如：<i>霍尔果斯有多少家商铺？</i>老师可以用 /quiz 在班级里组织测验，游客可以看看 /khorgos。所有命令见 /help。\n\n选择一个主题开始吧：",
		msgTalkOK:       "有问题随时问我。",
	})
}
