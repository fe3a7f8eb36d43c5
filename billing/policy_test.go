package billing

import (
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

func TestStatus_Precedence(t *testing.T) {
	base := StatusInput{Opened: true, Online: true, Relay: voltpay.RelayClosed, Balance: 10000, Alarm1: 5000, Alarm2: 2000}
	for _, tc := range []struct {
		name string
		edit func(*StatusInput)
		want string
	}{
		{"normal", func(*StatusInput) {}, StatusNormal},
		{"alarm 1 at the threshold", func(s *StatusInput) { s.Balance = 5000 }, StatusAlarm1},
		{"alarm 2", func(s *StatusInput) { s.Balance = 1999 }, StatusAlarm2},
		{"arrears at zero", func(s *StatusInput) { s.Balance = 0 }, StatusArrears},
		{"tripped beats arrears", func(s *StatusInput) { s.Balance, s.Relay = -100, voltpay.RelayOpen }, StatusTripped},
		{"guarantee beats tripped and arrears", func(s *StatusInput) { s.Balance, s.Guarantee = -100, true }, StatusGuarantee},
		{"offline beats everything known", func(s *StatusInput) { s.Online, s.Guarantee = false, true }, StatusOffline},
		{"not opened beats offline", func(s *StatusInput) { s.Opened, s.Online = false, false }, StatusNotOpened},
	} {
		in := base
		tc.edit(&in)
		if got := Status(in); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestDecide(t *testing.T) {
	wed := at("2026-11-25 14:00:00") // a Wednesday afternoon
	since := func(d time.Duration) *time.Time { t := wed.Add(-d); return &t }
	night := Friendly{NightFrom: 22 * 60, NightTo: 8 * 60, Weekends: true, Holidays: []time.Time{at("2026-10-01 00:00:00")}}
	for _, tc := range []struct {
		name string
		in   ControlInput
		want string
	}{
		{"prepaid in arrears trips", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayClosed, Balance: -1, Now: wed}, ActionTrip},
		{"at zero is arrears", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayClosed, Balance: 0, Now: wed}, ActionTrip},
		{"unknown relay gets the trip", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayUnknown, Balance: -1, Now: wed}, ActionTrip},
		{"already open: nothing", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayOpen, Balance: -1, Now: wed}, ActionNone},
		{"paid: closes", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayOpen, Balance: 1, Now: wed}, ActionClose},
		{"grace amount not used up", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayClosed, Balance: -499, Now: wed, Grace: Grace{Amount: 500}}, ActionNone},
		{"grace amount used up", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayClosed, Balance: -500, Now: wed, Grace: Grace{Amount: 500}}, ActionTrip},
		{"grace time running", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayClosed, Balance: -1, Now: wed, ArrearsSince: since(time.Hour), Grace: Grace{Time: 2 * time.Hour}}, ActionNone},
		{"grace time over", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayClosed, Balance: -1, Now: wed, ArrearsSince: since(3 * time.Hour), Grace: Grace{Time: 2 * time.Hour}}, ActionTrip},
		{"friendly night waits", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayClosed, Balance: -1, Now: at("2026-11-25 23:30:00"), Friendly: night}, ActionNone},
		{"friendly night over", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayClosed, Balance: -1, Now: at("2026-11-26 08:00:00"), Friendly: night}, ActionTrip},
		{"weekend waits", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayClosed, Balance: -1, Now: at("2026-11-28 14:00:00"), Friendly: night}, ActionNone},
		{"holiday waits", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayClosed, Balance: -1, Now: at("2026-10-01 14:00:00"), Friendly: night}, ActionNone},
		{"a close is never friendly-delayed", ControlInput{Mode: ModePrepaid, Relay: voltpay.RelayOpen, Balance: 100, Now: at("2026-11-28 23:00:00"), Friendly: night}, ActionClose},
		{"guarantee never trips", ControlInput{Mode: ModeGuarantee, Relay: voltpay.RelayClosed, Balance: -100000, Now: wed}, ActionNone},
		{"guarantee closes an open relay", ControlInput{Mode: ModeGuarantee, Relay: voltpay.RelayOpen, Balance: -100, Now: wed}, ActionClose},
		{"a forced trip survives a sale", ControlInput{Mode: ModeForcedTrip, Relay: voltpay.RelayOpen, Balance: 100000, Now: wed}, ActionNone},
		{"a forced trip is enforced", ControlInput{Mode: ModeForcedTrip, Relay: voltpay.RelayClosed, Balance: 100000, Now: wed}, ActionTrip},
	} {
		if got, _ := Decide(tc.in); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
