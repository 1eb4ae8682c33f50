package index

import (
	"context"
	"strings"
	"testing"
)

// TestFollowUps checks that a question too thin to answer alone ("and
// when was that?") is read with the fact the chat was talking about, in
// every language, and that a question that names its own subject is
// not pulled towards the topic.
func TestFollowUps(t *testing.T) {
	ix := realIndex(t)
	tests := []struct {
		topic, q, want string
	}{
		{"khorgos-icbc-outlets", "and how many visitors?", "khorgos-icbc-visitors"},
		{"china-central-asia-summit-2023", "when was that?", "china-central-asia-summit-2023"},
		{"khorgos-icbc-outlets", "а сколько там посетителей?", "khorgos-icbc-visitors"},
		{"khorgos-icbc-outlets", "ал келушілер саны қанша?", "khorgos-icbc-visitors"},
		{"khorgos-icbc-outlets", "那游客有多少？", "khorgos-icbc-visitors"},
		{"vehicle-plant-almaty-2022", "ол қашан болды?", "vehicle-plant-almaty-2022"},
		// A question complete on its own keeps its own answer.
		{"khorgos-icbc-outlets", "How long is the Western Europe–Western China corridor?", "wewc-corridor-length"},
	}
	for _, tt := range tests {
		res, err := ix.Ask(context.Background(), Query{Text: tt.q, Topic: tt.topic})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Answered || res.Hits[0].Fact.ID != tt.want {
			t.Errorf("Ask(%q, topic %s) = %v (answered %v), want %s", tt.q, tt.topic, ids(res.Hits), res.Answered, tt.want)
		}
	}
	// Without the topic, the thin question has no answer.
	res, err := ix.Ask(context.Background(), Query{Text: "when was that?"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Answered {
		t.Errorf("Ask(when was that?) with no topic answered %s", res.Hits[0].Fact.ID)
	}
}

func ids(hs []Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Fact.ID)
	}
	return out
}

// TestWhatElse checks that "what else?" about a topic lists the rest of
// its project and its related facts.
func TestWhatElse(t *testing.T) {
	ix := realIndex(t)
	res, err := ix.Ask(context.Background(), Query{Text: "what else is there?", Topic: "khorgos-icbc-outlets"})
	if err != nil {
		t.Fatal(err)
	}
	got := ids(res.List)
	if res.Kind != KindList || !strings.Contains(strings.Join(got, " "), "khorgos-icbc-visitors") {
		t.Errorf("what else after the outlets = %s %v, want a list with the visitors", res.Kind, got)
	}
	for _, id := range got {
		if id == "khorgos-icbc-outlets" {
			t.Errorf("what else lists the topic itself: %v", got)
		}
	}
}

// TestListQuestions checks questions that ask for several projects or
// facts: by category, by a company, by a city.
func TestListQuestions(t *testing.T) {
	ix := realIndex(t)
	tests := []struct {
		q    string
		want []string // facts the list must hold
	}{
		{"Which energy projects are there?", []string{"kashagan-cooperation", "zhanatas-wind-largest", "almaty-tpp2-coal-to-gas"}},
		{"What has Huawei done in Kazakhstan?", []string{"huawei-5g-stand-2022", "altynalmas-data-centre-aktogai"}},
		{"Какие проекты в Алматы?", []string{"vehicle-plant-almaty-2022", "almaty-tpp2-coal-to-gas"}},
		{"Қандай жобалар Алматыда бар?", []string{"vehicle-plant-almaty-2022"}},
		{"阿拉木图有哪些项目？", []string{"vehicle-plant-almaty-2022"}},
	}
	for _, tt := range tests {
		res, err := ix.Ask(context.Background(), Query{Text: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		got := " " + strings.Join(ids(res.List), " ") + " "
		if res.Kind != KindList || !res.Answered {
			t.Errorf("Ask(%q) kind %s, want a list", tt.q, res.Kind)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(got, " "+w+" ") {
				t.Errorf("Ask(%q) lists %s, want %s among them", tt.q, got, w)
			}
		}
	}
	// The fact that answers the question itself comes first, though
	// its topic lists a dozen facts before it.
	res, err := ix.Ask(context.Background(), Query{Text: "What kinds of sectors are Belt and Road projects in Kazakhstan in?"})
	if err != nil || res.Kind != KindList || len(res.List) == 0 || res.List[0].Fact.ID != "bri-sectors-kazakhstan" {
		t.Errorf("the sectors question lists %v (kind %s), want bri-sectors-kazakhstan first", ids(res.List), res.Kind)
	}
	// A single question with "what" is not a list.
	res, _ = ix.Ask(context.Background(), Query{Text: "What did Tokayev say after meeting Xi in Beijing in October 2023?"})
	if res.Kind == KindList {
		t.Errorf("a question about one meeting got a list: %v", ids(res.List))
	}
}

// TestCheckQuestions checks that a yes/no question stating a figure gets
// the fact with the true figure and a verdict on the one stated.
func TestCheckQuestions(t *testing.T) {
	ix := realIndex(t)
	tests := []struct {
		q, fact, claimed string
		holds            bool
	}{
		{"Is it true that 60% of road freight crosses Kazakhstan?", "kz-road-traffic-share", "60%", false},
		{"Is it true that 85% of China–Europe road traffic goes through Kazakhstan?", "kz-road-traffic-share", "85%", true},
		{"Is the Western Europe–Western China corridor 8000 km long?", "wewc-corridor-length", "8000 km", false},
		{"Was the Belt and Road launched in 2015?", "bri-launch-2013", "2015", false},
		{"Правда ли, что в Хоргосе 5000 магазинов?", "khorgos-icbc-outlets", "5000", false},
		{"霍尔果斯有3500多家商店，对吗？", "khorgos-icbc-outlets", "3500", true},
	}
	for _, tt := range tests {
		res, err := ix.Ask(context.Background(), Query{Text: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Answered || res.Hits[0].Fact.ID != tt.fact {
			t.Errorf("Ask(%q) = %v (answered %v), want %s", tt.q, ids(res.Hits), res.Answered, tt.fact)
			continue
		}
		if res.Check == nil {
			t.Errorf("Ask(%q): no verdict on the figure", tt.q)
			continue
		}
		if res.Check.Claimed != tt.claimed || res.Check.Holds != tt.holds {
			t.Errorf("Ask(%q) check = %+v, want claimed %q holds %v", tt.q, *res.Check, tt.claimed, tt.holds)
		}
	}
}

// TestSmallTalk checks that greetings and thanks are told apart from
// questions in every language, and never answered with a fact.
func TestSmallTalk(t *testing.T) {
	ix := realIndex(t)
	for _, tt := range []struct{ text, want string }{
		{"Hello!", "hello"}, {"hi there", "hello"}, {"Thanks a lot!", "thanks"}, {"who are you?", "who"},
		{"what can you do", "can"}, {"bye", "bye"},
		{"Привет", "hello"}, {"Спасибо!", "thanks"}, {"Что ты умеешь?", "can"},
		{"Сәлем!", "hello"}, {"Рақмет", "thanks"}, {"Salem", "hello"},
		{"你好", "hello"}, {"谢谢", "thanks"}, {"你是谁？", "who"},
		{"Hello, how many shops are in Khorgos?", ""}, {"Khorgos", ""}, {"thanks to the Belt and Road, how many jobs?", ""},
	} {
		if got, _ := ix.SmallTalk(tt.text); got != tt.want {
			t.Errorf("SmallTalk(%q) = %q, want %q", tt.text, got, tt.want)
		}
		if tt.want != "" {
			res, _ := ix.Answer(context.Background(), tt.text, "", 5)
			if res.Answered {
				t.Errorf("Answer(%q) answered with a fact", tt.text)
			}
		}
	}
}

// TestExplainEveryLanguage checks that --explain says, for a question in
// each language, its language, its words and how they matched, the
// candidates with their features, and the decision.
func TestExplainEveryLanguage(t *testing.T) {
	ix := realIndex(t)
	for _, tt := range []struct{ q, lang, word string }{
		{"How many shops are in Khorgos?", "en", "shops"},
		{"Сколько магазинов в Хоргосе?", "ru", "магазинов"},
		{"Қорғаста қанша дүкен бар?", "kk", "дүкен"},
		{"Qorǵasta qansha dúken bar?", "kk", "qansha"},
		{"霍尔果斯有多少商店？", "zh", "商"},
	} {
		out, err := ix.Explain(context.Background(), Query{Text: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"language: " + tt.lang, tt.word, "weight", "candidates", "cov_all", "decision:", "khorgos-icbc-outlets"} {
			if !strings.Contains(out, want) {
				t.Errorf("Explain(%q) lacks %q:\n%s", tt.q, want, out)
			}
		}
	}
}
