package billing

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

func TestDecide_Overdraft(t *testing.T) {
	wed := at("2026-11-25 14:00:00")
	closed, open := voltpay.RelayClosed, voltpay.RelayOpen
	for _, tc := range []struct {
		name string
		in   ControlInput
		want string
	}{
		{"within the overdraft: no trip", ControlInput{Mode: ModePrepaid, Relay: closed, Balance: -999, Overdraft: 1000, Now: wed}, ActionNone},
		{"at the overdraft limit: trips", ControlInput{Mode: ModePrepaid, Relay: closed, Balance: -1000, Overdraft: 1000, Now: wed}, ActionTrip},
		{"beyond it: trips", ControlInput{Mode: ModePrepaid, Relay: closed, Balance: -5000, Overdraft: 1000, Now: wed}, ActionTrip},
		{"grace amount counts below the overdraft", ControlInput{Mode: ModePrepaid, Relay: closed, Balance: -1400, Overdraft: 1000, Grace: Grace{Amount: 500}, Now: wed}, ActionNone},
		{"overdraft and grace used up", ControlInput{Mode: ModePrepaid, Relay: closed, Balance: -1500, Overdraft: 1000, Grace: Grace{Amount: 500}, Now: wed}, ActionTrip},
		{"default 0: at zero trips", ControlInput{Mode: ModePrepaid, Relay: closed, Balance: 0, Now: wed}, ActionTrip},
		{"a negative overdraft counts as 0", ControlInput{Mode: ModePrepaid, Relay: closed, Balance: 0, Overdraft: -100, Now: wed}, ActionTrip},
		{"tripped: back within the overdraft is not enough to close", ControlInput{Mode: ModePrepaid, Relay: open, Balance: -10, Overdraft: 1000, Now: wed}, ActionNone},
		{"tripped: above zero closes", ControlInput{Mode: ModePrepaid, Relay: open, Balance: 1, Overdraft: 1000, Now: wed}, ActionClose},
		{"guarantee ignores the overdraft", ControlInput{Mode: ModeGuarantee, Relay: closed, Balance: -5000, Overdraft: 1000, Now: wed}, ActionNone},
	} {
		if got, _ := Decide(tc.in); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestController_Overdraft: the controller passes the account's overdraft
// to Decide, and raises arrears at zero all the same.
func TestController_Overdraft(t *testing.T) {
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, ChinaTime)
	a := &AccountControl{AccountID: 1, Open: true, Balance: -800, Overdraft: 1000, Turn: 5, TurnAt: now.Add(-time.Hour),
		Meters: []MeterControl{{MeterID: 3, Mode: ModePrepaid, Relay: voltpay.RelayClosed}}}
	f := newFakeControl(a)
	c := NewController(ControllerConfig{}, f, f, nil, nil)
	c.Now = func() time.Time { return now }
	if err := c.Evaluate(context.Background(), []int64{1}, nil); err != nil || len(f.enqueued) != 0 {
		t.Fatalf("within the overdraft: %v, %v; want no trip", f.enqueued, err)
	}
	if !slices.Contains(f.alarms[1], voltpay.AlarmArrears) {
		t.Fatalf("alarms %v: want arrears at or below zero whatever the overdraft", f.alarms[1])
	}
	a.Balance = -1000
	if err := c.Evaluate(context.Background(), []int64{1}, nil); err != nil || len(f.enqueued) != 1 || f.enqueued[0].Kind != ActionTrip {
		t.Fatalf("at the overdraft limit: %v, %v; want a trip", f.enqueued, err)
	}
}
