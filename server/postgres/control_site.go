package postgres

import (
	"sync"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
)

// siteControlColumns are the grace and friendly periods of an account's
// site (alias s), read with each account the controller evaluates: a
// change of the site's settings applies from the next evaluation.
const siteControlColumns = `s.timezone AS site_timezone, s.grace_fen, s.grace_minutes,
	s.friendly_night_from, s.friendly_night_to, s.friendly_weekends,
	s.friendly_holidays::text[] AS friendly_holidays`

type siteControlRow struct {
	Timezone     string         `db:"site_timezone"`
	GraceFen     voltpay.Fen    `db:"grace_fen"`
	GraceMinutes int            `db:"grace_minutes"`
	NightFrom    *int           `db:"friendly_night_from"`
	NightTo      *int           `db:"friendly_night_to"`
	Weekends     bool           `db:"friendly_weekends"`
	Holidays     pq.StringArray `db:"friendly_holidays"`
}

// policy converts the site's settings for billing.Decide, with the site's
// time zone (nil when the stored name does not load: the controller's
// default zone then applies). No night period is NightFrom = NightTo = 0.
func (r *siteControlRow) policy() (billing.SitePolicy, *time.Location) {
	loc := siteLocation(r.Timezone)
	p := billing.SitePolicy{
		Grace:    billing.Grace{Amount: r.GraceFen, Time: time.Duration(r.GraceMinutes) * time.Minute},
		Friendly: billing.Friendly{Weekends: r.Weekends},
	}
	if r.NightFrom != nil && r.NightTo != nil {
		p.Friendly.NightFrom, p.Friendly.NightTo = *r.NightFrom, *r.NightTo
	}
	in := loc
	if in == nil {
		in = time.UTC // only the date of a holiday counts
	}
	for _, d := range r.Holidays {
		if t, err := time.ParseInLocation(voltpay.DateLayout, d, in); err == nil {
			p.Friendly.Holidays = append(p.Friendly.Holidays, t)
		}
	}
	return p, loc
}

// locations caches time.LoadLocation by name: a sweep converts every
// account's site zone, and loading one reads the zone database.
var locations sync.Map // string → *time.Location (nil when it does not load)

// siteLocation returns the zone named tz, or nil when it does not load.
func siteLocation(tz string) *time.Location {
	if l, ok := locations.Load(tz); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(tz)
	if err != nil || tz == "" || tz == "Local" {
		l = nil
	}
	locations.Store(tz, l)
	return l
}
