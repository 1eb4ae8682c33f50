package bot

import (
	"context"
	"errors"
	"strconv"

	"github.com/silkroad-bot/silkroad/quiz"
)

// stopPractice answers /next and /stop in a private chat: /stop ends the
// practice in progress with its score; /next only explains itself.
func (q *Quiz) stopPractice(in *Input, stop bool) ([]Reply, error) {
	if !stop {
		return []Reply{Message(esc(in.T(msgQuizGroupOnly)))}, nil
	}
	unlock := q.lockChat(in.UserID)
	defer unlock()
	p, found, err := q.store.LoadPractice(in.UserID)
	if err != nil {
		return nil, err
	}
	if !found {
		return []Reply{Message(esc(in.T(msgPracticeNone)))}, nil
	}
	if err := q.store.DeletePractice(in.UserID); err != nil {
		return nil, err
	}
	_, pr := practiceLang(in, p)
	return []Reply{Message(esc(pr.T(msgPracticeStopped, p.Score(), len(p.Answers))))}, nil
}

func (q *Quiz) startPractice(ctx context.Context, in *Input, args quizArgs) ([]Reply, error) {
	qs, err := q.questions(args)
	if err != nil {
		return nil, err
	}
	p, err := q.beginPractice(in, qs)
	if err != nil {
		return nil, err
	}
	intro := in.T(msgPracticeIntro, esc(q.topicName(in.p, args)), len(qs)) + q.fewer(in, msgQuizFewer, args, len(qs))
	return []Reply{Message(intro), q.questionReply(in, p)}, nil
}

// beginPractice starts and saves the user's practice over qs, in the
// input's language, replacing any practice they had.
func (q *Quiz) beginPractice(in *Input, qs []quiz.Question) (*quiz.Practice, error) {
	p, err := quiz.NewPractice(in.UserID, qs, q.clock.Now())
	if err != nil {
		return nil, err
	}
	p.ID, p.Lang = q.newID(), in.Lang
	unlock := q.lockChat(in.UserID)
	defer unlock()
	if err := q.store.SavePractice(p); err != nil {
		return nil, err
	}
	return p, nil
}

// fewer says, on a line of its own, that the topic had fewer questions
// than asked for; it is "" when it had enough.
func (q *Quiz) fewer(in *Input, key string, args quizArgs, got int) string {
	if got >= args.count || args.set != nil {
		return ""
	}
	return "\n\n" + esc(in.T(key, got, midSentence(q.catName(in.p, args.cat))))
}

// practiceLang returns the language p is asked in: the one it started
// in, so that a button press from a client of another language_code
// does not switch languages halfway.
func practiceLang(in *Input, p *quiz.Practice) (string, printer) {
	if p.Lang == "" || p.Lang == in.Lang {
		return in.Lang, in.p
	}
	return p.Lang, newPrinter(p.Lang)
}

// questionReply shows p's current question with its options as buttons,
// in p's language.
func (q *Quiz) questionReply(in *Input, p *quiz.Practice) Reply {
	lang, pr := practiceLang(in, p)
	i, qu, ok := p.Current()
	if !ok {
		return Message(esc(pr.T(msgPracticeDone, p.Score(), len(p.Questions))))
	}
	t := qu.In(lang)
	var rows [][]Button
	for k, o := range t.Options {
		if data, ok := NewCallback(cbQuizAnswer, p.ID, strconv.Itoa(i), strconv.Itoa(k)); ok {
			rows = append(rows, []Button{{Text: o, Data: data}})
		}
	}
	r := Message(pr.T(msgPracticeQuestion, i+1, len(p.Questions), esc(t.Question)), rows...)
	// Homework's questions cannot be forwarded to a classmate.
	r.Protect = p.Homework != ""
	return r
}

// cbAnswer takes a practice or homework answer from a button.
func (q *Quiz) cbAnswer(ctx context.Context, in *Input, cb Callback) ([]Reply, error) {
	if len(cb.Args) != 3 {
		return nil, ErrBadCallback
	}
	i, err := cb.Int(1)
	if err != nil {
		return nil, err
	}
	opt, err := cb.Int(2)
	if err != nil {
		return nil, err
	}
	unlock := q.lockChat(in.UserID)
	defer unlock()
	p, found, err := q.store.LoadPractice(in.UserID)
	if err != nil {
		return nil, err
	}
	if !found || p.ID != cb.Args[0] {
		return nil, errStale
	}
	lang, pr := practiceLang(in, p)
	fb, err := p.Answer(i, opt, q.clock.Now())
	if errors.Is(err, quiz.ErrStale) {
		return []Reply{Answer(pr.T(msgPracticeAnswered))}, nil
	}
	if err != nil {
		return nil, errStale
	}
	if fb.Done {
		err = q.store.DeletePractice(in.UserID)
	} else {
		err = q.store.SavePractice(p)
	}
	if err != nil {
		return nil, err
	}
	q.remember(ctx, map[int64]map[*quiz.Question]bool{in.UserID: {fb.Question: fb.Correct}})
	late := false
	if p.Homework != "" {
		sub, err := q.submit(ctx, in, p)
		if err != nil {
			return nil, err
		}
		late = sub.Late
	}
	t := fb.Question.In(lang)
	verdict, toast := pr.T(msgPracticeWrong, esc(t.Options[fb.Question.Correct])), pr.T(msgToastWrong)
	if fb.Correct {
		verdict, toast = pr.T(msgPracticeRight), pr.T(msgToastRight)
	}
	shown := pr.T(msgPracticeQuestion, i+1, len(p.Questions), esc(t.Question)) +
		"\n\n" + pr.T(msgPracticeChosen, esc(t.Options[opt])) + "\n" + verdict
	if t.Explanation != "" { // a teacher's own question may have none
		shown += "\n<i>" + esc(t.Explanation) + "</i>"
	}
	replies := []Reply{Answer(toast), EditMessage(shown)}
	if fb.Done {
		done := pr.T(msgPracticeDone, fb.Score, fb.Total)
		if p.Homework != "" {
			done = pr.T(msgHomeworkDone, fb.Score, fb.Total, esc(p.Homework))
			if late {
				done += "\n" + esc(pr.T(msgHomeworkLateNote))
			}
		}
		return append(replies, Reply{HTML: done, Protect: p.Homework != ""}), nil
	}
	return append(replies, q.questionReply(in, p)), nil
}

// submit saves a homework attempt's progress and returns it.
func (q *Quiz) submit(ctx context.Context, in *Input, p *quiz.Practice) (quiz.Submission, error) {
	h, found, err := q.store.LoadHomework(p.Homework)
	if err != nil || !found {
		return quiz.Submission{}, err
	}
	s := h.Submission(q.player(ctx, in.ChatID, in.UserID, in.UserName), p)
	return s, q.store.SaveSubmission(s)
}
