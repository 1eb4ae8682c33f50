package bot

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/silkroad-bot/silkroad/knowledge"
	"github.com/silkroad-bot/silkroad/quiz"
)

// quizArgs are the parsed arguments of /quiz and /homework.
type quizArgs struct {
	cat     knowledge.Category // empty for all
	count   int
	seconds int
	// How a class quiz scores: points=speed (the default) or
	// points=simple, and streak=on (the default) or streak=off.
	simple, noStreak bool
	// counted says the count was given, not the default.
	counted bool
	// due is a homework's due date as typed ("3d", "2026-12-20").
	due string
	// set is the teacher's own question set named instead of a topic.
	set *quiz.Set
}

// scoringArg reads a scoring setting among /quiz's arguments
// ("points=simple", "streak=off") into a, and reports whether f is one.
// A setting with a value it does not know is an error.
func scoringArg(f string, a *quizArgs) (bool, error) {
	name, value, ok := strings.Cut(strings.ToLower(f), "=")
	if !ok {
		return false, nil
	}
	switch {
	case name == "points" && (value == "speed" || value == "simple"):
		a.simple = value == "simple"
	case name == "streak" && (value == "on" || value == "off"):
		a.noStreak = value == "off"
	default:
		return true, errQuizArgs
	}
	return true, nil
}

// errQuizArgs means /quiz or /homework arguments that do not parse.
var errQuizArgs = errors.New("bad quiz arguments")

// parseQuizArgs reads "[category] [count] [seconds]" in any order of
// words and numbers: the category is a category id or its name in any
// language, or "all"; the first number is the count, the second the
// seconds. Numbers are clamped to the allowed range.
func parseQuizArgs(args string) (quizArgs, error) {
	a := quizArgs{count: DefaultQuizCount, seconds: DefaultQuizSeconds}
	var words, nums []string
	for _, f := range strings.Fields(args) {
		if setting, err := scoringArg(f, &a); err != nil {
			return a, err
		} else if setting {
			continue
		}
		if _, err := strconv.Atoi(f); err == nil {
			nums = append(nums, f)
		} else if quiz.LooksLikeDue(f) && a.due == "" {
			a.due = f
		} else {
			words = append(words, f)
		}
	}
	if len(nums) > 2 || len(strings.Join(words, " ")) > 64 {
		return a, errQuizArgs
	}
	if len(nums) > 0 {
		n, _ := strconv.Atoi(nums[0])
		a.count, a.counted = min(max(n, 1), MaxQuizCount), true
	}
	if len(nums) > 1 {
		n, _ := strconv.Atoi(nums[1])
		a.seconds = min(max(n, MinQuizSeconds), MaxQuizSeconds)
	}
	if len(words) > 0 {
		c, ok := categoryNamed(strings.Join(words, " "))
		if !ok {
			return a, errQuizArgs
		}
		a.cat = c
	}
	return a, nil
}

// topicArgs reads the quiz arguments with the topic named through the
// index's category words. A topic named in Kazakh starts a Kazakh quiz
// for a user who has not chosen a language, even when the words could
// pass for Russian ("/quiz сауда 2").
func (q *Quiz) topicArgs(ctx context.Context, in *Input) (quizArgs, error) {
	var words, rest []string
	for _, f := range strings.Fields(in.Args) {
		if _, err := strconv.Atoi(f); err == nil || strings.Contains(f, "=") || quiz.LooksLikeDue(f) {
			rest = append(rest, f)
		} else {
			words = append(words, f)
		}
	}
	c, lang, ok := q.h.idx().Category(strings.Join(words, " "))
	if !ok {
		return quizArgs{}, errQuizArgs
	}
	args, err := parseQuizArgs(string(c) + " " + strings.Join(rest, " "))
	if err != nil {
		return args, err
	}
	q.h.speakIn(ctx, in, lang)
	return args, nil
}

// setArgs reads the quiz arguments with the words naming one of the
// user's own question sets. A name may hold numbers ("Grade 7"): the
// whole of the words and numbers is tried as a name first, then the
// words alone with the numbers as count and seconds. Without a count, a
// set is asked whole, up to MaxQuizCount.
func (q *Quiz) setArgs(in *Input) (quizArgs, error) {
	var all, words, rest []string
	for _, f := range strings.Fields(in.Args) {
		switch _, err := strconv.Atoi(f); {
		case strings.Contains(f, "=") || quiz.LooksLikeDue(f):
			rest = append(rest, f)
		case err == nil:
			all = append(all, f)
		default:
			all, words = append(all, f), append(words, f)
		}
	}
	tries := []struct{ name, rest []string }{{all, rest}, {words, append(slices.DeleteFunc(slices.Clone(all), func(f string) bool { return slices.Contains(words, f) }), rest...)}}
	for _, try := range tries {
		if len(try.name) == 0 {
			continue
		}
		set, found, err := q.store.LoadSet(in.UserID, strings.Join(try.name, " "))
		if err != nil {
			return quizArgs{}, err
		}
		if !found || len(set.Questions) == 0 {
			continue
		}
		args, err := parseQuizArgs(strings.Join(try.rest, " "))
		if err != nil {
			return args, err
		}
		args.set = set
		if !args.counted {
			args.count = min(len(set.Questions), MaxQuizCount)
		}
		return args, nil
	}
	return quizArgs{}, errQuizArgs
}

// allWords name every category at once, in the bot's languages.
var allWords = []string{"all", "все", "всё", "барлығы", "бәрі", "全部", "所有"}

// categoryNamed finds the category whose id or display name (in any
// language) is name; "all" gives the empty category.
func categoryNamed(name string) (knowledge.Category, bool) {
	name = unquoted(name)
	if slices.Contains(allWords, name) {
		return "", true
	}
	for _, c := range knowledge.Categories {
		if name == string(c) {
			return c, true
		}
		for _, l := range Langs {
			if unquoted(newPrinter(l).T(categoryKey(string(c)))) == name {
				return c, true
			}
		}
	}
	return "", false
}

// unquoted lowers name and drops the quotation marks around it or its
// words, so "«Один пояс, один путь»" and "один пояс, один путь" compare
// equal.
func unquoted(name string) string {
	return strings.ToLower(strings.TrimSpace(strings.NewReplacer("«", "", "»", "", "“", "", "”", "", "\"", "").Replace(name)))
}
