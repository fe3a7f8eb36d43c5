package voltpay

import "time"

// EarliestTime and LatestTime bound every time the API accepts: nothing
// of a prepaid electricity platform happened before 2000 or is planned
// after 2100, so a time outside is a mistake (0001-01-01 is Go's zero
// time, often sent by accident) that would otherwise reach tariffs and
// schedules.
var (
	EarliestTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	LatestTime   = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

// ParseDate reads a calendar date written exactly YYYY-MM-DD ("2026-10-01"),
// a real day (no 2026-02-30) within EarliestTime .. LatestTime, as midnight
// UTC. Other spellings ("2026-1-5", "2026/10/01", a time of day) are
// refused rather than guessed at. Errors: INVALID_INPUT naming field.
func ParseDate(field, s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		if len(s) > 40 {
			s = s[:40] + "…"
		}
		return time.Time{}, Invalid(field, "%q is not a date: write a calendar date as YYYY-MM-DD, e.g. \"2026-10-01\"", s)
	}
	if t.Before(EarliestTime) || !t.Before(LatestTime) {
		return time.Time{}, Invalid(field, "date %s is out of range: dates must be from %s to before %s",
			s, EarliestTime.Format(DateLayout), LatestTime.Format(DateLayout))
	}
	return t, nil
}

// ValidateTime refuses a time before EarliestTime or from LatestTime on.
// Errors: INVALID_INPUT naming field.
func ValidateTime(field string, t time.Time) error {
	if t.Before(EarliestTime) || !t.Before(LatestTime) {
		return Invalid(field, "time %s is out of range: times must be from %s to before %s",
			t.Format(time.RFC3339), EarliestTime.Format(DateLayout), LatestTime.Format(DateLayout))
	}
	return nil
}
