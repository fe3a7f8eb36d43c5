package billing

import (
	"context"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

// TestController_SiteFriendlyNight: an account that falls into arrears in
// its site's friendly night is not tripped; the sweep after the night
// trips it, in the site's own time zone.
func TestController_SiteFriendlyNight(t *testing.T) {
	urumqi, err := time.LoadLocation("Asia/Urumqi") // UTC+6: two hours behind the controller's default zone
	if err != nil {
		t.Skip(err)
	}
	night := time.Date(2026, 3, 4, 23, 0, 0, 0, urumqi) // a Wednesday
	a := &AccountControl{AccountID: 1, SiteID: 9, Open: true, Balance: 300, Alarm1: 200, Alarm2: 100, Turn: 4,
		Policy: SitePolicy{Friendly: Friendly{NightFrom: 22 * 60, NightTo: 7 * 60}}, Loc: urumqi,
		Meters: []MeterControl{{MeterID: 5, Mode: ModePrepaid, Relay: voltpay.RelayClosed}}}
	f := newFakeControl(a)
	c := NewController(ControllerConfig{}, f, f, nil, nil)
	clock := night
	c.Now = func() time.Time { return clock }
	ctx := context.Background()

	a.Balance, a.Turn, a.TurnAt = -50, 5, night // a charge at 23:00 takes it into arrears
	if err := c.Evaluate(ctx, []int64{1}, nil); err != nil || len(f.enqueued) != 0 {
		t.Fatalf("arrears at 23:00 in a 22:00-07:00 friendly night: %v, %v; want no trip", f.enqueued, err)
	}
	clock = night.Add(7*time.Hour + 59*time.Minute) // 06:59, still night; 08:59 in China
	if err := c.Sweep(ctx); err != nil || len(f.enqueued) != 0 {
		t.Fatalf("sweep at 06:59 site time: %v, %v; want no trip yet", f.enqueued, err)
	}
	clock = night.Add(9 * time.Hour) // 08:00
	if err := c.Sweep(ctx); err != nil || len(f.enqueued) != 1 || f.enqueued[0].Kind != voltpay.CmdTrip || f.enqueued[0].MeterID != 5 {
		t.Fatalf("sweep at 08:00, still in arrears: %v, %v; want the deferred trip", f.enqueued, err)
	}
}

// TestController_SitePaidAtNight: an account that pays during the
// friendly night is not tripped when it ends.
func TestController_SitePaidAtNight(t *testing.T) {
	night := time.Date(2026, 3, 4, 23, 0, 0, 0, ChinaTime)
	a := &AccountControl{AccountID: 1, Open: true, Balance: -50, Alarm1: 200, Alarm2: 100, Turn: 5, TurnAt: night,
		Policy: SitePolicy{Friendly: Friendly{NightFrom: 22 * 60, NightTo: 7 * 60}},
		Meters: []MeterControl{{MeterID: 5, Mode: ModePrepaid, Relay: voltpay.RelayClosed}}}
	f := newFakeControl(a)
	c := NewController(ControllerConfig{}, f, f, nil, nil)
	c.Now = func() time.Time { return night }
	if err := c.Sweep(context.Background()); err != nil || len(f.enqueued) != 0 {
		t.Fatalf("at night: %v, %v", f.enqueued, err)
	}
	a.Balance, a.Turn = 1000, 6 // a sale at 02:00
	c.Now = func() time.Time { return night.Add(9 * time.Hour) }
	if err := c.Evaluate(context.Background(), []int64{1}, nil); err != nil || len(f.enqueued) != 0 {
		t.Fatalf("paid before the night ended: %v, %v; want no command (the relay is closed)", f.enqueued, err)
	}
}

// TestController_SiteGraceAmount: the site's grace amount lets the balance
// fall that far below the overdraft limit before the trip.
func TestController_SiteGraceAmount(t *testing.T) {
	a := &AccountControl{AccountID: 1, Open: true, Balance: -1, Overdraft: 100, Alarm1: 200, Alarm2: 100, Turn: 5,
		Policy: SitePolicy{Grace: Grace{Amount: 500}},
		Meters: []MeterControl{{MeterID: 5, Mode: ModePrepaid, Relay: voltpay.RelayClosed}}}
	f := newFakeControl(a)
	c := NewController(ControllerConfig{}, f, f, nil, nil)
	c.Now = func() time.Time { return time.Date(2026, 3, 4, 12, 0, 0, 0, ChinaTime) }
	for _, b := range []voltpay.Fen{-1, -100, -599} {
		a.Balance = b
		if err := c.Sweep(context.Background()); err != nil || len(f.enqueued) != 0 {
			t.Fatalf("balance %d, overdraft 100 and grace 500: %v, %v; want no trip", b, f.enqueued, err)
		}
	}
	a.Balance = -600
	if err := c.Sweep(context.Background()); err != nil || len(f.enqueued) != 1 || f.enqueued[0].Kind != voltpay.CmdTrip {
		t.Fatalf("balance −6.00, past overdraft and grace: %v, %v; want a trip", f.enqueued, err)
	}
}
