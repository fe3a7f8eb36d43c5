package voltpay

import (
	"regexp"
	"time"
)

var clockRE = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// Check refuses quiet hours the outbox could not follow: a time that is not
// HH:MM, one end without the other, or both the same. Errors: INVALID_INPUT.
func (q QuietHours) Check() error {
	if q.Start == "" && q.End == "" {
		return nil
	}
	for _, f := range []struct{ name, v string }{{"start", q.Start}, {"end", q.End}} {
		if !clockRE.MatchString(f.v) {
			return Invalid(f.name, "quiet hours are two local times HH:MM (22:00 to 08:00), or both empty for none; %s is %q", f.name, f.v)
		}
	}
	if q.Start == q.End {
		return Invalid("end", "quiet hours from %s to %s are empty; leave both empty for none", q.Start, q.End)
	}
	return nil
}

// Until returns when a non-urgent message due at t may go: t itself
// outside the quiet hours, else their end (in loc, the site's zone). A
// window may run over midnight (22:00 to 08:00).
func (q QuietHours) Until(t time.Time, loc *time.Location) time.Time {
	if q.Check() != nil || q.Start == "" {
		return t
	}
	local := t.In(loc)
	at := func(day time.Time, hhmm string) time.Time {
		c, _ := time.Parse("15:04", hhmm)
		return time.Date(day.Year(), day.Month(), day.Day(), c.Hour(), c.Minute(), 0, 0, loc)
	}
	// The window that may hold t started today or, over midnight, yesterday.
	for _, day := range []time.Time{local, local.AddDate(0, 0, -1)} {
		start, end := at(day, q.Start), at(day, q.End)
		if !end.After(start) {
			end = at(day.AddDate(0, 0, 1), q.End)
		}
		if !local.Before(start) && local.Before(end) {
			return end.In(t.Location())
		}
	}
	return t
}
