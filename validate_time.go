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

// ValidateTime refuses a time before EarliestTime or from LatestTime on.
// Errors: INVALID_INPUT naming field.
func ValidateTime(field string, t time.Time) error {
	if t.Before(EarliestTime) || !t.Before(LatestTime) {
		return Invalid(field, "time %s is out of range: times must be from %s to before %s",
			t.Format(time.RFC3339), EarliestTime.Format(DateLayout), LatestTime.Format(DateLayout))
	}
	return nil
}
