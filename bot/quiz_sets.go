package bot

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/silkroad-bot/silkroad/quiz"
)

// maxProblemsShown is how many of a file's problems a reply lists.
const maxProblemsShown = 15

// previewQuestions is how many questions of a saved set are shown.
const previewQuestions = 3

// onUpload takes what a teacher sends to build their own question sets:
// a file of questions, or a forwarded quiz poll. In a group it stays
// silent: files there are the class's, not for the bot.
func (q *Quiz) onUpload(ctx context.Context, in *Input) ([]Reply, error) {
	if !in.Private() {
		return nil, nil
	}
	if in.Poll != nil {
		return q.addPoll(in)
	}
	return q.importFile(ctx, in)
}

// importFile reads a question file and saves it as a set, whole or not
// at all: a file with any problem is answered with every problem by its
// line, and nothing is saved.
func (q *Quiz) importFile(ctx context.Context, in *Input) ([]Reply, error) {
	f := in.File
	tooBig := []quiz.Problem{{Kind: quiz.ProblemTooBig, N: f.Size, Max: quiz.MaxImportBytes}}
	if f.Size > quiz.MaxImportBytes {
		return []Reply{q.importFailed(in, f.Name, tooBig)}, nil
	}
	tr := q.waitTransport(ctx)
	if tr == nil {
		return []Reply{Message(esc(in.T(msgImportNoTrans)))}, nil
	}
	data, err := tr.Download(ctx, f.ID, quiz.MaxImportBytes)
	if errors.Is(err, ErrFileTooBig) {
		return []Reply{q.importFailed(in, f.Name, tooBig)}, nil
	}
	if err != nil {
		q.h.log.WarnContext(ctx, "a question file could not be downloaded", "err", err)
		return []Reply{Message(esc(in.T(msgImportDownload)))}, nil
	}
	qs, problems := quiz.ParseQuestions(f.Name, data)
	if len(problems) > 0 {
		return []Reply{q.importFailed(in, f.Name, problems)}, nil
	}
	name, err := quiz.SetName(f.Caption)
	if err != nil {
		stem := strings.TrimSuffix(f.Name, path.Ext(f.Name))
		if name, err = quiz.SetName(strings.NewReplacer("_", " ", "-", " ").Replace(stem)); err != nil {
			name = "questions"
		}
	}
	unlock := q.lockChat(in.UserID)
	defer unlock()
	old, replaced, err := q.store.LoadSet(in.UserID, name)
	if err != nil {
		return nil, err
	}
	now := q.clock.Now()
	set := &quiz.Set{Owner: in.UserID, Name: name, Questions: qs, Created: now, Updated: now}
	if replaced {
		set.Created = old.Created
	} else if full, err := q.setsFull(in.UserID); err != nil || full {
		return []Reply{Message(in.T(msgImportTooManySets, quiz.MaxSets))}, err
	}
	if err := q.store.SaveSet(set); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(in.T(msgImportSaved, esc(name), len(qs)))
	if replaced {
		b.WriteString("\n" + in.T(msgImportReplaced, esc(old.Name)))
	}
	b.WriteString("\n\n" + preview(set.Questions))
	b.WriteString("\n\n" + in.T(msgImportUse, esc(name), esc(name), esc(name), esc(name)))
	return []Reply{Message(b.String())}, nil
}

// setsFull reports whether the user has as many named sets as allowed.
func (q *Quiz) setsFull(owner int64) (bool, error) {
	sets, err := q.store.Sets(owner)
	return len(sets) >= quiz.MaxSets, err
}

// preview shows a set's first questions with their options, the right
// one ticked, so the teacher sees the file was read as they meant.
func preview(qs []quiz.Question) string {
	var b strings.Builder
	for i, qu := range qs[:min(len(qs), previewQuestions)] {
		if i > 0 {
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "<b>%d.</b> %s", i+1, esc(qu.Question))
		for k, o := range qu.Options {
			mark := "▫️"
			if k == qu.Correct {
				mark = "✅"
			}
			b.WriteString("\n" + mark + " " + esc(o))
		}
		if qu.Explanation != "" {
			b.WriteString("\n<i>" + esc(qu.Explanation) + "</i>")
		}
	}
	if more := len(qs) - previewQuestions; more > 0 {
		b.WriteString("\n…")
	}
	return b.String()
}

// importFailed lists a file's problems, the first maxProblemsShown of
// them, each by its line, and says how to fix the file.
func (q *Quiz) importFailed(in *Input, name string, problems []quiz.Problem) Reply {
	if name == "" {
		name = "?"
	}
	var b strings.Builder
	b.WriteString(in.T(msgImportFailed, esc(name), len(problems)))
	for _, p := range problems[:min(len(problems), maxProblemsShown)] {
		b.WriteString("\n• " + esc(problemText(in, p)))
	}
	if more := len(problems) - maxProblemsShown; more > 0 {
		b.WriteString("\n" + esc(in.T(msgImportMore, more)))
	}
	b.WriteString("\n\n" + in.T(msgImportFix))
	return Message(b.String())
}

// problemText words one problem in the user's language.
func problemText(in *Input, p quiz.Problem) string {
	var args []any
	switch p.Kind {
	case quiz.ProblemTooBig:
		args = []any{sizeText(p.N), sizeText(p.Max)}
	case quiz.ProblemTooMany, quiz.ProblemQuestionLong, quiz.ProblemOptionsFew, quiz.ProblemOptionsMany, quiz.ProblemExplanationLong:
		args = []any{p.N, p.Max}
	case quiz.ProblemOptionLong:
		args = []any{p.Text, p.N, p.Max}
	case quiz.ProblemOptionTwice, quiz.ProblemRightUnknown:
		args = []any{p.Text}
	case quiz.ProblemManyRight:
		args = []any{p.N}
	}
	text := in.T("import."+string(p.Kind), args...)
	if p.Line > 0 {
		return in.T(msgImportLine, p.Line, text)
	}
	return text
}

// sizeText writes a file size for people: "10.0 MB", "512 KB".
func sizeText(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// addPoll adds a forwarded quiz poll to the teacher's draft set.
func (q *Quiz) addPoll(in *Input) ([]Reply, error) {
	p := in.Poll
	switch {
	case !p.Quiz:
		return []Reply{Message(esc(in.T(msgImportPollType)))}, nil
	case p.Correct < 0:
		return []Reply{Message(esc(in.T(msgImportPollRight)))}, nil
	}
	qu, problems := quiz.NewQuestion(0, p.Question, p.Options, p.Correct, p.Explanation)
	if len(problems) > 0 {
		return []Reply{q.importFailed(in, cut(p.Question, 40), problems)}, nil
	}
	unlock := q.lockChat(in.UserID)
	defer unlock()
	draft, found, err := q.store.LoadSet(in.UserID, "")
	if err != nil {
		return nil, err
	}
	now := q.clock.Now()
	if !found {
		draft = &quiz.Set{Owner: in.UserID, Created: now}
	}
	if len(draft.Questions) >= quiz.MaxImportQuestions {
		return []Reply{Message(in.T(msgImportDraftFull, quiz.MaxImportQuestions))}, nil
	}
	// The same poll forwarded twice is one question.
	dup := false
	for _, d := range draft.Questions {
		dup = dup || d.ID == qu.ID
	}
	if !dup {
		draft.Questions = append(draft.Questions, qu)
		draft.Updated = now
		if err := q.store.SaveSet(draft); err != nil {
			return nil, err
		}
	}
	return []Reply{Message(in.T(msgImportPollAdded, len(draft.Questions)))}, nil
}

// cut shortens s to n characters, with an ellipsis when it was longer.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// The /sets subcommands, in the bot's languages.
var (
	setsSave   = []string{"save", "сохранить", "сақтау", "保存"}
	setsRename = []string{"rename", "переименовать", "атауын", "атын", "改名", "重命名"}
	setsDelete = []string{"delete", "remove", "удалить", "жою", "删除"}
)

// cmdSets lists, names, renames and deletes the user's question sets.
func (q *Quiz) cmdSets(ctx context.Context, in *Input) ([]Reply, error) {
	if !in.Private() {
		return []Reply{Message(esc(in.T(msgSetsPrivate, q.h.username)))}, nil
	}
	verb, rest, _ := strings.Cut(strings.TrimSpace(in.Args), " ")
	verb, rest = strings.ToLower(verb), strings.TrimSpace(rest)
	unlock := q.lockChat(in.UserID)
	defer unlock()
	switch {
	case verb == "":
		return q.listSets(in)
	case slices.Contains(setsSave, verb):
		return q.saveDraft(in, rest)
	case slices.Contains(setsRename, verb):
		return q.renameSet(in, rest)
	case slices.Contains(setsDelete, verb):
		name := strings.TrimSpace(rest)
		set, found, err := q.store.LoadSet(in.UserID, name)
		if err != nil || !found || name == "" {
			return []Reply{Message(esc(in.T(msgSetsUnknown, name)))}, err
		}
		if _, err := q.store.DeleteSet(in.UserID, name); err != nil {
			return nil, err
		}
		return []Reply{Message(in.T(msgSetsDeleted, esc(set.Name)))}, nil
	}
	return []Reply{Message(in.T(msgSetsUsage))}, nil
}

func (q *Quiz) listSets(in *Input) ([]Reply, error) {
	sets, err := q.store.Sets(in.UserID)
	if err != nil {
		return nil, err
	}
	draft, hasDraft, err := q.store.LoadSet(in.UserID, "")
	if err != nil {
		return nil, err
	}
	hasDraft = hasDraft && len(draft.Questions) > 0
	if len(sets) == 0 && !hasDraft {
		return []Reply{Message(in.T(msgSetsNone))}, nil
	}
	var b strings.Builder
	b.WriteString(in.T(msgSetsList, len(sets)))
	for _, s := range sets {
		b.WriteString("\n" + in.T(msgSetsRow, esc(s.Name), len(s.Questions)))
	}
	if hasDraft {
		b.WriteString("\n\n" + in.T(msgSetsDraft, len(draft.Questions)))
	}
	b.WriteString("\n\n" + in.T(msgSetsUsage))
	return []Reply{Message(b.String())}, nil
}

// saveDraft names the draft of forwarded polls, making it a set.
func (q *Quiz) saveDraft(in *Input, raw string) ([]Reply, error) {
	name, err := quiz.SetName(raw)
	if err != nil {
		return []Reply{Message(esc(in.T(msgSetsBadName, quiz.MaxSetName)))}, nil
	}
	draft, found, err := q.store.LoadSet(in.UserID, "")
	if err != nil {
		return nil, err
	}
	if !found || len(draft.Questions) == 0 {
		return []Reply{Message(esc(in.T(msgSetsNoDraft)))}, nil
	}
	if _, taken, err := q.store.LoadSet(in.UserID, name); err != nil {
		return nil, err
	} else if taken {
		return []Reply{Message(esc(in.T(msgSetsExists, name)))}, nil
	}
	if full, err := q.setsFull(in.UserID); err != nil || full {
		return []Reply{Message(in.T(msgImportTooManySets, quiz.MaxSets))}, err
	}
	if err := q.store.RenameSet(in.UserID, "", name); err != nil {
		return nil, err
	}
	text := in.T(msgImportSaved, esc(name), len(draft.Questions)) + "\n\n" + preview(draft.Questions) +
		"\n\n" + in.T(msgImportUse, esc(name), esc(name), esc(name), esc(name))
	return []Reply{Message(text)}, nil
}

// renameSeps part the old name from the new in /sets rename.
var renameSeps = []string{"|", "→", "->", "=>"}

func (q *Quiz) renameSet(in *Input, raw string) ([]Reply, error) {
	var from, to string
	ok := false
	for _, sep := range renameSeps {
		if from, to, ok = strings.Cut(raw, sep); ok {
			break
		}
	}
	if !ok {
		return []Reply{Message(in.T(msgSetsUsage))}, nil
	}
	from = strings.TrimSpace(from)
	name, err := quiz.SetName(to)
	if err != nil {
		return []Reply{Message(esc(in.T(msgSetsBadName, quiz.MaxSetName)))}, nil
	}
	set, found, err := q.store.LoadSet(in.UserID, from)
	if err != nil {
		return nil, err
	}
	if !found || from == "" {
		return []Reply{Message(esc(in.T(msgSetsUnknown, from)))}, nil
	}
	switch err := q.store.RenameSet(in.UserID, from, name); {
	case errors.Is(err, quiz.ErrSetExists):
		return []Reply{Message(esc(in.T(msgSetsExists, name)))}, nil
	case err != nil:
		return nil, err
	}
	return []Reply{Message(in.T(msgSetsRenamed, esc(set.Name), esc(name)))}, nil
}
