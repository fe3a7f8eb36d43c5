package voltpay

import (
	"fmt"
	"slices"
	"testing"
)

func TestSiteControl_Validate(t *testing.T) {
	holidays := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("2026-01-%02d", 1+i%28)
			if i >= 28 {
				out[i] = fmt.Sprintf("2026-02-%02d", 1+i-28)
				if i >= 56 {
					out[i] = fmt.Sprintf("2026-03-%02d", 1+i-56)
				}
			}
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		in    SiteControl
		field string
	}{
		{"none", SiteControl{}, ""},
		{"all", SiteControl{GraceFen: 500, GraceMinutes: MaxGraceMinutes, FriendlyNightFrom: valPtr(1320), FriendlyNightTo: valPtr(480),
			FriendlyWeekends: true, FriendlyHolidays: holidays(MaxHolidays)}, ""},
		{"negative grace", SiteControl{GraceFen: -1}, "graceFen"},
		{"grace time over a week", SiteControl{GraceMinutes: MaxGraceMinutes + 1}, "graceMinutes"},
		{"negative grace time", SiteControl{GraceMinutes: -1}, "graceMinutes"},
		{"night start only", SiteControl{FriendlyNightFrom: valPtr(1320)}, "friendlyNightFrom"},
		{"night end only", SiteControl{FriendlyNightTo: valPtr(480)}, "friendlyNightFrom"},
		{"night start past midnight", SiteControl{FriendlyNightFrom: valPtr(1440), FriendlyNightTo: valPtr(480)}, "friendlyNightFrom"},
		{"negative night end", SiteControl{FriendlyNightFrom: valPtr(1320), FriendlyNightTo: valPtr(-1)}, "friendlyNightTo"},
		{"empty night", SiteControl{FriendlyNightFrom: valPtr(600), FriendlyNightTo: valPtr(600)}, "friendlyNightTo"},
		{"too many holidays", SiteControl{FriendlyHolidays: holidays(MaxHolidays + 1)}, "friendlyHolidays"},
		{"not a date", SiteControl{FriendlyHolidays: []string{"2026-02-30"}}, "friendlyHolidays"},
		{"not ISO", SiteControl{FriendlyHolidays: []string{"10/01/2026"}}, "friendlyHolidays"},
		{"twice", SiteControl{FriendlyHolidays: []string{"2026-10-01", " 2026-10-01"}}, "friendlyHolidays"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			wantInvalid(t, in.Validate(), tc.field)
		})
	}

	in := SiteControl{FriendlyHolidays: []string{" 2026-10-02", "2026-10-01 "}}
	if err := in.Validate(); err != nil || !slices.Equal(in.FriendlyHolidays, []string{"2026-10-01", "2026-10-02"}) {
		t.Errorf("holidays normalised to %q, %v; want trimmed and sorted", in.FriendlyHolidays, err)
	}
	site := SiteInput{Name: "x", Code: "AB", SiteControl: SiteControl{GraceFen: -5}}
	wantInvalid(t, site.Validate(), "graceFen")
}
