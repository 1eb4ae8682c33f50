package quiz

import (
	"errors"
	"regexp"
	"strconv"
	"time"
)

// DueZone is the time zone a due date without a time is read in:
// Kazakhstan's, UTC+5 all over the country since March 2024. A due date
// "2026-12-20" means the end of that day there.
var DueZone = time.FixedZone("UTC+5", 5*60*60)

// MaxDue is how far ahead a due date may be.
const MaxDue = 180 * 24 * time.Hour

// RemindBefore is how long before its due date a homework's unfinished
// attempts get their one reminder.
const RemindBefore = 24 * time.Hour

// Errors of ParseDue.
var (
	ErrDuePast = errors.New("the due date has passed")
	ErrDueFar  = errors.New("the due date is too far ahead")
	ErrDueBad  = errors.New("no such date")
)

var (
	dueDays  = regexp.MustCompile(`^(\d{1,3})(?:d|д|天)$`)
	dueHours = regexp.MustCompile(`^(\d{1,4})(?:h|ч|сағ)$`)
	dueISO   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	dueDots  = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?$`)
)

// LooksLikeDue reports whether a word of a command is meant as a due
// date: "3d", "36h", "2026-12-20", "20.12.2026" or "20.12".
func LooksLikeDue(s string) bool {
	for _, re := range []*regexp.Regexp{dueDays, dueHours, dueISO, dueDots} {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// ParseDue reads a due date as a teacher types it, at now: a number of
// days ("3d") or hours ("36h") from now, or a date ("2026-12-20",
// "20.12.2026", or "20.12" for the next such day), meaning the end of
// that day in DueZone. ok is false for what is not a due date at all; err
// is set for one that has passed (ErrDuePast), does not exist (ErrDueBad) or is over MaxDue ahead.
func ParseDue(s string, now time.Time) (due time.Time, ok bool, err error) {
	num := func(v string) int { n, _ := strconv.Atoi(v); return n }
	if m := dueDays.FindStringSubmatch(s); m != nil {
		due = now.Add(time.Duration(num(m[1])) * 24 * time.Hour)
	} else if m := dueHours.FindStringSubmatch(s); m != nil {
		due = now.Add(time.Duration(num(m[1])) * time.Hour)
	} else if m := dueISO.FindStringSubmatch(s); m != nil {
		if due, err = endOfDay(num(m[1]), num(m[2]), num(m[3])); err != nil {
			return time.Time{}, true, err
		}
	} else if m := dueDots.FindStringSubmatch(s); m != nil {
		year := now.In(DueZone).Year()
		if m[3] != "" {
			year = num(m[3])
		}
		if due, err = endOfDay(year, num(m[2]), num(m[1])); err != nil {
			return time.Time{}, true, err
		}
		if m[3] == "" && !due.After(now) {
			due, _ = endOfDay(year+1, num(m[2]), num(m[1]))
		}
	} else {
		return time.Time{}, false, nil
	}
	switch {
	case !due.After(now):
		return time.Time{}, true, ErrDuePast
	case due.Sub(now) > MaxDue:
		return time.Time{}, true, ErrDueFar
	}
	return due, true, nil
}

// endOfDay returns the last second of a calendar day in DueZone, or an
// error for a day that does not exist (31 April).
func endOfDay(year, month, day int) (time.Time, error) {
	start := time.Date(year, time.Month(month), day, 0, 0, 0, 0, DueZone)
	if start.Year() != year || int(start.Month()) != month || start.Day() != day {
		return time.Time{}, ErrDueBad
	}
	return start.Add(24*time.Hour - time.Second), nil
}
