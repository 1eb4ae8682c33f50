package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/silkroad-bot/silkroad/quiz"
)

func (q *Quiz) cmdHomework(ctx context.Context, in *Input) ([]Reply, error) {
	if !in.Private() {
		return []Reply{Message(esc(in.T(msgHomeworkPrivate, q.h.username)))}, nil
	}
	args, err := parseQuizArgs(in.Args)
	if err != nil {
		return []Reply{Message(q.usage(in, msgHomeworkUsage))}, nil
	}
	qs, err := q.draw(args.cat, args.count)
	if err != nil {
		return nil, err
	}
	var code string
	for range 5 { // a clash is a one-in-a-billion event; retry a few times
		if code, err = quiz.NewCode(q.codes); err != nil {
			return nil, err
		}
		if _, taken, err := q.store.LoadHomework(code); err != nil {
			return nil, err
		} else if !taken {
			break
		}
		code = ""
	}
	if code == "" {
		return nil, errors.New("no free homework code")
	}
	teacher := q.player(ctx, in.ChatID, in.UserID, in.UserName)
	h, err := quiz.NewHomework(code, teacher, args.cat, qs, q.clock.Now(), time.Time{})
	if err != nil {
		return nil, err
	}
	if err := q.store.SaveHomework(h); err != nil {
		return nil, err
	}
	link := "https://t.me/" + q.h.username + "?start=hw_" + code
	return []Reply{Message(in.T(msgHomeworkSet, code, len(qs), esc(midSentence(q.catName(in.p, args.cat))), esc(link), code) + q.fewer(in, msgHomeworkFewer, args, len(qs)))}, nil
}

// homeworkPrefix starts the /start payload of a homework deep link.
const homeworkPrefix = "hw_"

// onStart starts homework from a deep link: /start hw_<code>.
func (q *Quiz) onStart(ctx context.Context, in *Input, payload string) ([]Reply, bool, error) {
	rest, ok := strings.CutPrefix(payload, homeworkPrefix)
	if !ok {
		return nil, false, nil
	}
	if !in.Private() {
		return []Reply{Message(esc(in.T(msgHomeworkPrivate, q.h.username)))}, true, nil
	}
	code, err := quiz.ParseCode(rest)
	if err != nil {
		return []Reply{Message(esc(in.T(msgHomeworkUnknown)))}, true, nil
	}
	h, found, err := q.store.LoadHomework(code)
	if err != nil {
		return nil, true, err
	}
	if !found {
		return []Reply{Message(esc(in.T(msgHomeworkUnknown)))}, true, nil
	}
	subs, err := q.store.Submissions(code)
	if err != nil {
		return nil, true, err
	}
	for _, s := range subs {
		if s.Student.ID == in.UserID && !s.Finished.IsZero() {
			return []Reply{Message(esc(in.T(msgHomeworkAgain, s.Score, s.Total)))}, true, nil
		}
	}
	unlock := q.lockChat(in.UserID)
	defer unlock()
	p := h.Start(in.UserID, q.clock.Now())
	p.ID, p.Lang = q.newID(), in.Lang
	if err := q.store.SavePractice(p); err != nil {
		return nil, true, err
	}
	if err := q.submit(ctx, in, p); err != nil {
		return nil, true, err
	}
	intro := in.T(msgHomeworkIntro, esc(code), esc(h.Teacher.Name), len(h.Questions))
	return []Reply{Message(intro), q.questionReply(in, p)}, true, nil
}

// homeworkResults shows the teacher every student's score.
func (q *Quiz) homeworkResults(ctx context.Context, in *Input, arg string) ([]Reply, error) {
	code, err := quiz.ParseCode(strings.TrimPrefix(arg, homeworkPrefix))
	if err != nil {
		return []Reply{Message(esc(in.T(msgHomeworkUnknown)))}, nil
	}
	h, found, err := q.store.LoadHomework(code)
	if err != nil {
		return nil, err
	}
	if !found {
		return []Reply{Message(esc(in.T(msgHomeworkUnknown)))}, nil
	}
	if h.Teacher.ID != in.UserID {
		return []Reply{Message(esc(in.T(msgHomeworkNotYours)))}, nil
	}
	subs, err := q.store.Submissions(code)
	if err != nil {
		return nil, err
	}
	r := quiz.NewReport(h, subs)
	var b strings.Builder
	b.WriteString(in.T(msgHomeworkReport, esc(code), len(h.Questions), r.Finished, len(r.Rows)))
	if len(r.Rows) == 0 {
		b.WriteString("\n" + esc(in.T(msgHomeworkNoOne)))
	}
	for i, s := range r.Rows {
		row := msgHomeworkRowDone
		if s.Finished.IsZero() {
			row = msgHomeworkRowOpen
		}
		b.WriteString("\n" + in.T(row, i+1, esc(s.Student.Name), s.Score, s.Total))
	}
	if r.Finished > 0 {
		b.WriteString("\n\n" + in.T(msgHomeworkAverage, fmt.Sprintf("%.1f", r.Average), len(h.Questions)))
	}
	return []Reply{Message(b.String())}, nil
}
