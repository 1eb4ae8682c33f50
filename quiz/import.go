package quiz

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	encunicode "golang.org/x/text/encoding/unicode"
)

// Limits for a teacher's own questions (Telegram's quiz poll limits), with
// the bank's MaxQuestionLen, MaxOptionLen, MaxExplanationLen and MinOptions.
const (
	MaxImportBytes     = 1 << 20 // a file larger than this is refused unread
	MaxImportQuestions = 200     // questions in one file
	MaxSetOptions      = 12      // Telegram allows 12 options now; the bank keeps MaxOptions (10)
)

// ProblemKind says what is wrong in an imported file. The bot words each
// kind in the teacher's language from the Problem's numbers.
type ProblemKind string

// The problem kinds. The comments say what Problem's N, Max and Text hold.
const (
	ProblemTooBig          ProblemKind = "too_big"          // the file has N bytes, Max allowed; nothing else is checked
	ProblemBinary          ProblemKind = "binary"           // a spreadsheet, document, PDF or other binary file, not text
	ProblemEncoding        ProblemKind = "encoding"         // neither UTF-8 nor UTF-16 with a BOM; Line has the first bad byte
	ProblemHTML            ProblemKind = "html"             // a web page, as a browser saves it
	ProblemNoQuestions     ProblemKind = "no_questions"     // the file holds no question at all
	ProblemTooMany         ProblemKind = "too_many"         // N questions, Max allowed
	ProblemCSV             ProblemKind = "csv"              // a CSV syntax error: a quote opened on Line is never closed
	ProblemQuestionEmpty   ProblemKind = "question_empty"   // the question has no text
	ProblemQuestionLong    ProblemKind = "question_long"    // N characters, Max allowed
	ProblemOptionsFew      ProblemKind = "options_few"      // N options, Max is the fewest allowed (MinOptions)
	ProblemOptionsMany     ProblemKind = "options_many"     // N options, Max allowed
	ProblemOptionEmpty     ProblemKind = "option_empty"     // an option with no text before a later one
	ProblemOptionLong      ProblemKind = "option_long"      // N characters, Max allowed, Text the option
	ProblemOptionTwice     ProblemKind = "option_twice"     // Text is an option given before (case aside)
	ProblemNoRight         ProblemKind = "no_right"         // no option is marked right
	ProblemManyRight       ProblemKind = "many_right"       // N options are marked right
	ProblemRightUnknown    ProblemKind = "right_unknown"    // Text, the right-answer cell, names no option
	ProblemExplanationLong ProblemKind = "explanation_long" // N characters, Max allowed
)

// Problem is one thing wrong in an imported file: where, what, and the numbers it names.
type Problem struct {
	Line int         `json:"line"` // 1-based line in the file; 0 for the file as a whole
	Kind ProblemKind `json:"kind"`
	N    int         `json:"n,omitempty"`    // the count found (characters, options, questions, bytes, right answers)
	Max  int         `json:"max,omitempty"`  // the limit it breaks
	Text string      `json:"text,omitempty"` // the offending option/snippet, cut to 40 runes, when useful
}

// ParseQuestions reads a teacher's question file. name is the file's name
// as sent (used for the format: a name ending .csv or .tsv, any case, is
// CSV; anything else is the text format). It returns the questions when
// the file has no problem, and otherwise every problem found (questions
// nil), ordered by line. It never panics, whatever the bytes.
//
// In the text format a question is a block of lines: the question, its
// options ("*" marks the right one) and a "> explanation". In CSV a
// question is a row, laid out by an optional header row.
func ParseQuestions(name string, data []byte) ([]Question, []Problem) {
	text, p := decodeUpload(data)
	if p != nil {
		return nil, []Problem{*p}
	}
	var drafts []draft
	var probs []Problem
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".csv") || strings.HasSuffix(lower, ".tsv") {
		drafts, probs = parseCSVUpload(text, strings.HasSuffix(lower, ".tsv"))
	} else {
		drafts = parseTextUpload(text)
	}
	if len(drafts) > MaxImportQuestions {
		probs = append(probs, Problem{Kind: ProblemTooMany, N: len(drafts), Max: MaxImportQuestions})
	}
	qs := make([]Question, 0, len(drafts))
	for _, d := range drafts {
		q, qp := d.build()
		qs = append(qs, q)
		probs = append(probs, qp...)
	}
	if len(drafts) == 0 && len(probs) == 0 {
		probs = append(probs, Problem{Kind: ProblemNoQuestions})
	}
	if len(probs) > 0 {
		slices.SortStableFunc(probs, func(a, b Problem) int { return a.Line - b.Line })
		return nil, probs
	}
	return qs, nil
}

// NewQuestion builds a teacher's question from its parts (a forwarded
// Telegram quiz poll comes this way too) and returns the problems it has;
// line is put on each problem. correct is the index of the right option;
// one out of range is a ProblemNoRight. The question is fit to use only
// when there are no problems.
func NewQuestion(line int, text string, options []string, correct int, explanation string) (Question, []Problem) {
	d := draft{line: line, question: text, explanation: []string{explanation}, explLine: line}
	for i, o := range options {
		d.options = append(d.options, draftOption{line: line, text: o, right: i == correct})
	}
	return d.build()
}

// draft is a question as read from a file, not yet checked. Each part
// keeps its 1-based line for the problems found in it.
type draft struct {
	line        int // the question's line, for question-level problems
	question    string
	options     []draftOption
	answer      string // a CSV right-answer cell; when not empty it decides over "*" marks
	answerLine  int
	explanation []string // its lines; most have one
	explLine    int
}

// draftOption is one option of a draft.
type draftOption struct {
	line  int
	text  string
	right bool // marked with "*"
}

// explain adds a line of explanation: more than one is kept, a line each.
func (d *draft) explain(line int, text string) {
	if d.explLine == 0 {
		d.explLine = line
	}
	d.explanation = append(d.explanation, trimUpload(text))
}

// build returns the question d makes and every problem it has.
func (d *draft) build() (Question, []Problem) {
	var probs []Problem
	add := func(line int, kind ProblemKind, n, max int, text string) {
		probs = append(probs, Problem{Line: line, Kind: kind, N: n, Max: max, Text: cutRunes(text, 40)})
	}
	q := Question{Question: trimUpload(d.question), Correct: -1, Explanation: trimUpload(strings.Join(d.explanation, "\n"))}
	if q.Question == "" {
		add(d.line, ProblemQuestionEmpty, 0, 0, "")
	} else if n := utf8.RuneCountInString(q.Question); n > MaxQuestionLen {
		add(d.line, ProblemQuestionLong, n, MaxQuestionLen, "")
	}
	if n := len(d.options); n < MinOptions {
		add(d.line, ProblemOptionsFew, n, MinOptions, "")
	} else if n > MaxSetOptions {
		add(d.line, ProblemOptionsMany, n, MaxSetOptions, "")
	}
	seen := make(map[string]bool, len(d.options))
	right := 0
	for i, o := range d.options {
		text := trimUpload(o.text)
		q.Options = append(q.Options, text)
		if text == "" {
			add(o.line, ProblemOptionEmpty, 0, 0, "")
		} else if n := utf8.RuneCountInString(text); n > MaxOptionLen {
			add(o.line, ProblemOptionLong, n, MaxOptionLen, text)
		}
		key := strings.ToLower(text)
		if text != "" && seen[key] {
			add(o.line, ProblemOptionTwice, 0, 0, text)
		}
		seen[key] = true
		if o.right {
			right++
			q.Correct = i
		}
	}
	if answer := trimUpload(d.answer); answer != "" {
		if i, ok := pickAnswer(q.Options, answer); ok {
			right, q.Correct = 1, i
		} else {
			right, q.Correct = -1, -1 // reported here, not as no_right
			add(d.answerLine, ProblemRightUnknown, 0, 0, answer)
		}
	}
	switch {
	case right == 0 && len(d.options) > 0:
		add(d.line, ProblemNoRight, 0, 0, "")
	case right > 1:
		add(d.line, ProblemManyRight, right, 0, "")
	}
	if n := utf8.RuneCountInString(q.Explanation); n > MaxExplanationLen {
		add(d.explLine, ProblemExplanationLong, n, MaxExplanationLen, "")
	}
	q.ID = importID(q.Question, q.Options)
	return q, probs
}

// importID is a teacher's question's id: the same text and options give
// the same id in whatever set they are.
func importID(question string, options []string) string {
	sum := sha256.Sum256([]byte(strings.Join(append([]string{question}, options...), "\x00")))
	return "u-" + hex.EncodeToString(sum[:])[:12]
}

// pickAnswer returns the option a right-answer cell names: by its text
// (case aside), else by its 1-based number, else by its letter (A is the
// first option). The text comes first, so options that are numbers work.
func pickAnswer(options []string, answer string) (int, bool) {
	if i := slices.IndexFunc(options, func(o string) bool { return strings.EqualFold(o, answer) }); i >= 0 {
		return i, true
	}
	if n, err := strconv.Atoi(answer); err == nil && n >= 1 && n <= len(options) {
		return n - 1, true
	}
	if c := answer[0] | 0x20; len(answer) == 1 && c >= 'a' && c <= 'z' && int(c-'a') < len(options) {
		return int(c - 'a'), true
	}
	return 0, false
}

// Signatures of files teachers send by mistake: zip (xlsx, docx, odt),
// PDF, old Office (xls, doc) and RTF, which is text but not ours.
var binarySignatures = []string{"PK\x03\x04", "%PDF", "\xD0\xCF\x11\xE0", "{\\rtf"}

// decodeUpload returns a file's text as UTF-8 with LF line ends and no
// BOM, or the problem that stops it being read: it is too big, binary, in
// another encoding, or a web page.
func decodeUpload(data []byte) (string, *Problem) {
	if len(data) > MaxImportBytes {
		return "", &Problem{Kind: ProblemTooBig, N: len(data), Max: MaxImportBytes}
	}
	if slices.ContainsFunc(binarySignatures, func(sig string) bool { return bytes.HasPrefix(data, []byte(sig)) }) {
		return "", &Problem{Kind: ProblemBinary}
	}
	if bytes.HasPrefix(data, []byte("\xFF\xFE")) || bytes.HasPrefix(data, []byte("\xFE\xFF")) {
		// ExpectBOM takes the byte order from the BOM.
		out, err := encunicode.UTF16(encunicode.LittleEndian, encunicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", &Problem{Kind: ProblemEncoding}
		}
		data = out
	} else {
		data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", &Problem{Kind: ProblemBinary}
	}
	text := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(string(data))
	// This finds a U+FFFD too, which is what a broken conversion leaves.
	if i := strings.IndexRune(text, utf8.RuneError); i >= 0 {
		return "", &Problem{Line: 1 + strings.Count(text[:i], "\n"), Kind: ProblemEncoding}
	}
	page := strings.TrimLeftFunc(text, unicode.IsSpace)
	if head := strings.ToLower(page[:min(len(page), 14)]); strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") {
		return "", &Problem{Kind: ProblemHTML}
	}
	return text, nil
}

// parseTextUpload reads the text format into drafts.
func parseTextUpload(text string) []draft {
	var drafts []draft
	inBlock := false // a question line has been read and no blank line since
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		s := trimUpload(line)
		if s == "" {
			inBlock = false
			continue
		}
		switch rest, expl := strings.CutPrefix(s, ">"); {
		case expl && len(drafts) == 0: // no question before it
			drafts, inBlock = append(drafts, draft{line: n, explanation: []string{rest}, explLine: n}), true
		case expl: // a blank line before it still gives it to the question above
			drafts[len(drafts)-1].explain(n, rest)
		case !inBlock:
			drafts, inBlock = append(drafts, draft{line: n, question: questionMarker.ReplaceAllString(s, "")}), true
		default:
			text, right := cutOptionMarks(s)
			drafts[len(drafts)-1].options = append(drafts[len(drafts)-1].options, draftOption{n, text, right})
		}
	}
	return drafts
}

// questionMarker matches a question's number: "1. ", "12) ", "Q1: ", "Q1. ".
var questionMarker = regexp.MustCompile(`^(?:(?i:q|question|вопрос|сұрақ)\s*\d{1,3}\s*[.):：．、]\s*|\d{1,3}[.):：．、](?:\s+|$))`)

// optionMarker matches a list marker before an option: "A) ", "a. ",
// "(b) ", "1) ", "2. ", "- ", "• ". After all but a bullet must come a
// space, a "*" or nothing, so "-5 °C" and "3.5" keep their text.
var optionMarker = regexp.MustCompile(`^(?:(?:\(?(?:\pL|\d{1,2})[.)）．、]|[-–—])(?:\s+|$|\*)|[•·●▪◦‣]\s*)`)

// cutOptionMarks returns an option line without its list marker and "*",
// in either order ("*B) Astana", "B) *Astana", "- * Astana"), and whether
// it was marked right.
func cutOptionMarks(s string) (string, bool) {
	s, right := strings.CutPrefix(s, "*")
	s = trimUpload(s)
	if m := optionMarker.FindString(s); m != "" {
		s = trimUpload(s[len(m):])
		if strings.HasSuffix(m, "*") {
			s = "*" + s // the mark after the marker
		}
	}
	if !right {
		s, right = strings.CutPrefix(s, "*")
	}
	return trimUpload(s), right
}

// csvColumns is where a CSV file's header puts each part of a question;
// the question is in the first column.
type csvColumns struct {
	options     []int
	correct     int // -1 when there is none: "*" marks the right option
	explanation int // -1 when there is none
}

// Header names, compared after csvHeaderName.
var (
	csvQuestionNames    = []string{"question", "question text", "вопрос", "сұрақ", "问题", "题目", "題目"}
	csvOptionPrefixes   = []string{"option", "answer", "choice", "вариант", "ответ", "нұсқа", "жауап", "选项", "答案"}
	csvCorrectNames     = []string{"correct", "correct answer", "correct option", "right", "right answer", "правильный", "правильный ответ", "правильный вариант", "дұрыс", "дұрыс жауап", "正确", "正确答案"}
	csvExplanationNames = []string{"explanation", "пояснение", "объяснение", "түсініктеме", "解释", "解析"}
)

// csvHeaderName returns a header cell as it is compared: lower case,
// "_" as a space, one space between words, no ":" after.
func csvHeaderName(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "_", " "))
	return strings.TrimRight(strings.Join(strings.Fields(s), " "), ":")
}

// csvHeader returns the columns a header row names, or nil when the row
// is not a header: its first cell does not name the question column.
func csvHeader(row []string) *csvColumns {
	if !slices.Contains(csvQuestionNames, csvHeaderName(row[0])) {
		return nil
	}
	cols := &csvColumns{correct: -1, explanation: -1}
	for j := 1; j < len(row); j++ {
		switch name := csvHeaderName(row[j]); {
		case cols.correct < 0 && slices.Contains(csvCorrectNames, name):
			cols.correct = j
		case cols.explanation < 0 && slices.Contains(csvExplanationNames, name):
			cols.explanation = j
		case slices.ContainsFunc(csvOptionPrefixes, func(p string) bool { return strings.HasPrefix(name, p) }):
			cols.options = append(cols.options, j)
		}
	}
	return cols
}

// parseCSVUpload reads the CSV format into drafts; tab says the file is a
// .tsv. The problems are CSV syntax errors.
func parseCSVUpload(text string, tab bool) ([]draft, []Problem) {
	comma := '\t'
	if !tab {
		comma = sniffComma(text)
	}
	unclosed := unclosedQuote(text, comma)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = comma, -1, true
	var (
		drafts []draft
		cols   *csvColumns // nil without a header
		first  = true
	)
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			pe := &csv.ParseError{}
			errors.As(err, &pe)
			return drafts, []Problem{{Line: pe.StartLine, Kind: ProblemCSV}}
		}
		if unclosed >= 0 && r.InputOffset() > int64(unclosed) {
			// The rest of the file is one cell: report the quote, not
			// what it swallowed.
			return drafts, []Problem{{Line: 1 + strings.Count(text[:unclosed], "\n"), Kind: ProblemCSV}}
		}
		if !slices.ContainsFunc(row, func(c string) bool { return trimUpload(c) != "" }) {
			continue
		}
		if first {
			if first, cols = false, csvHeader(row); cols != nil {
				continue
			}
		}
		drafts = append(drafts, csvDraft(r, row, cols))
	}
	return drafts, nil
}

// csvDraft makes the draft of one CSV row, which r has just read.
func csvDraft(r *csv.Reader, row []string, cols *csvColumns) draft {
	lineOf := func(j int) int { line, _ := r.FieldPos(j); return line }
	d := draft{line: lineOf(0), question: row[0]}
	if cols == nil {
		for j := 1; j < len(row); j++ {
			if rest, ok := strings.CutPrefix(trimUpload(row[j]), ">"); ok {
				d.explain(lineOf(j), rest)
			} else if trimUpload(row[j]) != "" {
				d.options = append(d.options, csvOption(row[j], lineOf(j)))
			}
		}
		return d
	}
	for _, j := range cols.options {
		if j < len(row) {
			d.options = append(d.options, csvOption(row[j], lineOf(j)))
		}
	}
	// Excel pads rows: only an empty option before a filled one is a problem.
	for len(d.options) > 0 && trimUpload(d.options[len(d.options)-1].text) == "" {
		d.options = d.options[:len(d.options)-1]
	}
	if j := cols.correct; j >= 0 && j < len(row) {
		d.answer, d.answerLine = row[j], lineOf(j)
	}
	if j := cols.explanation; j >= 0 && j < len(row) {
		d.explanation, d.explLine = []string{row[j]}, lineOf(j)
	}
	return d
}

// csvOption returns the option a cell on line holds: "*" before it marks it right.
func csvOption(cell string, line int) draftOption {
	text, right := strings.CutPrefix(trimUpload(cell), "*")
	return draftOption{line, text, right}
}

// sniffComma returns the delimiter of a CSV file from its first line: a
// tab or ";" when there is one outside quotes (Russian Excel writes ";",
// and question text has commas, not those), else ",".
func sniffComma(text string) rune {
	line, _, _ := strings.Cut(strings.TrimLeft(text, "\n"), "\n")
	switch outside := csvQuoted.ReplaceAllString(line, ""); {
	case strings.Contains(outside, "\t"):
		return '\t'
	case strings.Contains(outside, ";"):
		return ';'
	}
	return ','
}

// csvQuoted matches a quoted CSV field.
var csvQuoted = regexp.MustCompile(`"[^"]*"?`)

// unclosedQuote returns the offset of the quote that opens a field the
// file ends inside, or -1. It follows encoding/csv with LazyQuotes, which
// reads such a field to the end of the file without an error.
func unclosedQuote(text string, comma rune) int {
	atField := true // at the start of a field
	for i := 0; i < len(text); {
		c, size := utf8.DecodeRuneInString(text[i:])
		if !atField || c != '"' {
			i, atField = i+size, c == comma || c == '\n'
			continue
		}
		start := i
		for i++; ; {
			j := strings.IndexByte(text[i:], '"')
			if j < 0 {
				return start
			}
			i += j + 1
			next, _ := utf8.DecodeRuneInString(text[i:])
			if next == '"' {
				i++ // an escaped quote
			} else if i == len(text) || next == '\n' || next == comma {
				break
			}
		}
		atField = false
	}
	return -1
}

// trimUpload trims spaces, and the stray BOMs Excel leaves, around s.
func trimUpload(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' })
}

// cutRunes returns s cut to at most n runes.
func cutRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
