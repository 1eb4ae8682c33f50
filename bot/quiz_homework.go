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
	args, err := q.args(ctx, in)
	if errors.Is(err, errQuizArgs) {
		return []Reply{Message(q.usage(in, msgHomeworkUsage))}, nil
	}
	if err != nil {
		return nil, err
	}
	now := q.clock.Now()
	var due time.Time
	if args.due != "" {
		var err error
		due, _, err = quiz.ParseDue(args.due, now)
		switch {
		case errors.Is(err, quiz.ErrDuePast):
			return []Reply{Message(esc(in.T(msgHomeworkDuePast, args.due)))}, nil
		case err != nil:
			return []Reply{Message(esc(in.T(msgHomeworkDueBad, args.due, int(quiz.MaxDue.Hours()/24))))}, nil
		}
	}
	qs, err := q.questions(args)
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
	h, err := quiz.NewHomework(code, teacher, args.cat, qs, now, due)
	if err != nil {
		return nil, err
	}
	if args.set != nil {
		h.Set = args.set.Name
	}
	if err := q.store.SaveHomework(h); err != nil {
		return nil, err
	}
	text := in.T(msgHomeworkSet, code, len(qs), esc(midSentence(q.topicName(in.p, args))), esc(q.homeworkLink(code)), code)
	if !due.IsZero() {
		text += "\n" + in.T(msgHomeworkDue, esc(dueText(in.Lang, due)))
	}
	return []Reply{Message(text + q.fewer(in, msgHomeworkFewer, args, len(qs)))}, nil
}

// homeworkLink is the deep link that opens homework in a private chat.
func (q *Quiz) homeworkLink(code string) string {
	return "https://t.me/" + q.h.username + "?start=" + homeworkPrefix + code
}

// dueText writes a due date as people of lang write dates, in the
// zone due dates are read in.
func dueText(lang string, t time.Time) string {
	t = t.In(quiz.DueZone)
	layout := "2006-01-02 15:04"
	switch lang {
	case "ru", "kk":
		layout = "02.01.2006 15:04"
	case "zh":
		layout = "2006年1月2日 15:04"
	}
	return t.Format(layout) + " (UTC+5)"
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
	var mine *quiz.Submission
	for i, s := range subs {
		if s.Student.ID == in.UserID {
			mine = &subs[i]
		}
	}
	if mine != nil && !mine.Open() {
		return []Reply{Message(esc(in.T(msgHomeworkAgain, mine.Score, mine.Total)))}, true, nil
	}
	unlock := q.lockChat(in.UserID)
	defer unlock()
	now := q.clock.Now()
	p := h.Start(in.UserID, now)
	if mine != nil {
		// Only the first attempt counts: opening the link again goes on
		// from the answers already given.
		p = h.Resume(*mine, now)
	}
	if old, found, err := q.store.LoadPractice(in.UserID); err != nil {
		return nil, true, err
	} else if found && old.Homework == code && len(old.Answers) >= len(p.Answers) {
		p = old
	}
	if p.ID == "" {
		p.ID = q.newID()
	}
	if p.Lang == "" {
		p.Lang = in.Lang
	}
	if err := q.store.SavePractice(p); err != nil {
		return nil, true, err
	}
	if _, err := q.submit(ctx, in, p); err != nil {
		return nil, true, err
	}
	intro := in.T(msgHomeworkIntro, esc(code), esc(h.Teacher.Name), len(h.Questions))
	if !h.Due.IsZero() {
		key := msgHomeworkIntroDue
		if h.Overdue(now) {
			key = msgHomeworkIntroLate
		}
		intro += "\n" + in.T(key, esc(dueText(in.Lang, h.Due)))
	}
	if len(p.Answers) > 0 {
		intro += "\n" + in.T(msgHomeworkResumed, len(p.Answers)+1, len(h.Questions))
	}
	// Homework's messages, like its questions, cannot be forwarded.
	return []Reply{{HTML: intro, Protect: true}, q.questionReply(in, p)}, true, nil
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
	if !h.Due.IsZero() {
		b.WriteString("\n" + in.T(msgHomeworkDue, esc(dueText(in.Lang, h.Due))))
	}
	if len(r.Rows) == 0 {
		b.WriteString("\n" + esc(in.T(msgHomeworkNoOne)))
	}
	for i, s := range r.Rows {
		row := msgHomeworkRowDone
		if s.Open() {
			row = msgHomeworkRowOpen
		}
		b.WriteString("\n" + in.T(row, i+1, esc(s.Student.Name), s.Score, s.Total))
		if s.Late {
			b.WriteString(" " + in.T(msgHomeworkRowLate))
		}
	}
	if r.Finished > 0 {
		b.WriteString("\n\n" + in.T(msgHomeworkAverage, fmt.Sprintf("%.1f", r.Average), len(h.Questions)))
		if r.Late > 0 {
			b.WriteString(" " + in.T(msgHomeworkLateCount, r.Late))
		}
	}
	if len(r.Rows) > 0 {
		b.WriteString("\n\n" + in.T(msgHomeworkByQuestion))
		for i, st := range r.Questions {
			b.WriteString("\n" + in.T(msgHomeworkQuestionRow, i+1, st.Right, st.Answered, esc(cut(h.Questions[i].In(in.Lang).Question, 60))))
		}
	}
	replies := []Reply{Message(b.String())}
	if len(r.Rows) > 0 {
		var csv strings.Builder
		if err := r.WriteCSV(&csv); err != nil {
			return nil, err
		}
		replies = append(replies, File("homework-"+code+".csv", []byte(csv.String()), esc(in.T(msgHomeworkCSV, code))))
	}
	return replies, nil
}
