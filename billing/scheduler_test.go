package billing

import (
	"testing"

	"github.com/voltpay/voltpay"
)

func TestOccurrences(t *testing.T) {
	weekdays := &voltpay.ControlSchedule{AtMinute: 22 * 60, Weekdays: []int{1, 2, 3, 4, 5}} // 22:00 Mon–Fri
	daily := &voltpay.ControlSchedule{AtMinute: 8 * 60}
	for _, tc := range []struct {
		name     string
		sc       *voltpay.ControlSchedule
		from, to string
		want     []string
	}{
		{"due in the window", weekdays, "2026-11-25 21:59:30", "2026-11-25 22:00:00", []string{"2026-11-25 22:00:00"}},
		{"window ends before", weekdays, "2026-11-25 21:59:00", "2026-11-25 21:59:59", nil},
		{"a window starting on the time does not repeat it", weekdays, "2026-11-25 22:00:00", "2026-11-25 22:00:30", nil},
		{"not on Saturday", weekdays, "2026-11-28 21:00:00", "2026-11-28 23:00:00", nil},
		{"across days", daily, "2026-11-25 07:00:00", "2026-11-27 07:00:00", []string{"2026-11-25 08:00:00", "2026-11-26 08:00:00"}},
	} {
		got := Occurrences(tc.sc, at(tc.from), at(tc.to), ChinaTime)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if !got[i].Equal(at(tc.want[i])) {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}
	}
}
