package index

import (
	"strings"

	"github.com/silkroad-bot/silkroad/knowledge"
)

// Intent is the kind of answer a question asks for.
type Intent string

// The intents Answer recognises.
const (
	IntentAny     Intent = ""
	IntentCount   Intent = "count"   // how many
	IntentAmount  Intent = "amount"  // how much
	IntentPercent Intent = "percent" // what share, what percentage
	IntentWhen    Intent = "when"
	IntentWhere   Intent = "where"
	IntentWho     Intent = "who"
	IntentLength  Intent = "length" // how long, how far
	IntentWhat    Intent = "what"   // what is, tell me about: a definition
)

// intentCues lists, per intent, phrases that ask for it in each language.
// The first intent whose cue appears wins, so narrower intents come first.
var intentCues = []struct {
	intent Intent
	cues   []string
}{
	{IntentLength, []string{"how long", "how far", "length", "distance", "протяж", "длин", "как далеко", "ұзындығ", "ұзын", "қашықтығ", "多长", "长度", "多远", "距离"}},
	{IntentPercent, []string{"percent", "share", "proportion", "what part", "what fraction", "процент", "доля", "долю", "часть", "пайыз", "үлес", "百分", "比例", "占"}},
	{IntentWhen, []string{"when", "what year", "which year", "since when", "когда", "в каком году", "какого года", "қашан", "қай жылы", "什么时候", "何时", "哪一年", "哪年", "几年"}},
	{IntentWhere, []string{"where", "где", "куда", "откуда", "қайда", "哪里", "在哪", "哪儿"}},
	{IntentWho, []string{"who ", "who'", "whom", "кто", "кем", "кім", "谁"}},
	{IntentAmount, []string{"how much", "worth", "cost", "сколько денег", "стоимост", "на какую сумму", "қанша ақша", "құны", "多少钱", "金额"}},
	{IntentCount, []string{"how many", "number of", "сколько", "қанша", "неше", "多少", "几"}},
	{IntentWhat, []string{"what is", "what's", "what are", "tell me about", "about the", "что такое", "что это", "расскажи", "расскажите", "что за", "деген не", "туралы", "не деген", "是什么", "介绍", "什么是"}},
}

func detectIntent(lang, q string) Intent {
	lq := " " + strings.ToLower(q) + " "
	for _, ic := range intentCues {
		for _, c := range ic.cues {
			if strings.Contains(lq, c) {
				return ic.intent
			}
		}
	}
	return IntentAny
}

// fits reports whether fact f has the kind of answer the intent asks for.
func fits(in Intent, f *knowledge.Fact) bool {
	has := func(kinds ...knowledge.FigureKind) bool {
		for _, fig := range f.Figures {
			for _, k := range kinds {
				if fig.Kind == k {
					return true
				}
			}
		}
		return false
	}
	switch in {
	case IntentCount:
		return has(knowledge.KindCount, knowledge.KindMoney)
	case IntentAmount:
		return has(knowledge.KindMoney, knowledge.KindMultiple, knowledge.KindCount, knowledge.KindPercent)
	case IntentPercent:
		return has(knowledge.KindPercent, knowledge.KindShare)
	case IntentLength:
		return has(knowledge.KindLength, knowledge.KindDuration)
	case IntentWhen:
		return f.Date != "" || has(knowledge.KindDate)
	case IntentWhere:
		return len(f.Places) > 0
	case IntentWho:
		return len(f.People) > 0 || len(f.Orgs) > 0
	case IntentWhat:
		return f.Main
	}
	return false
}
