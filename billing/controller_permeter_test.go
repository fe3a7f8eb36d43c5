package billing

import (
	"context"
	"testing"

	"github.com/voltpay/voltpay"
)

// TestController_PerMeter: in an account keeping one balance per meter,
// each meter's relay follows its own balance and its command key its own
// turn, whatever the account's total; balance alarms are raised on the
// meter, none on the account.
func TestController_PerMeter(t *testing.T) {
	a := &AccountControl{AccountID: 1, SiteID: 1, Open: true, Balance: 800, Alarm1: 300, Alarm2: 150, Turn: 2, PerMeter: true,
		Meters: []MeterControl{{MeterID: 7, Mode: ModePrepaid, Relay: voltpay.RelayClosed},
			{MeterID: 8, Mode: ModePrepaid, Relay: voltpay.RelayClosed}},
		Wallets: []MeterBalance{{MeterID: 7, Balance: 1000, Turn: 3}, {MeterID: 8, Balance: -200, Turn: 5}}}
	f := newFakeControl(a)
	c := NewController(ControllerConfig{}, f, f, nil, nil)
	if err := c.Evaluate(context.Background(), []int64{1}, nil); err != nil {
		t.Fatal(err)
	}
	if len(f.enqueued) != 1 || f.enqueued[0].MeterID != 8 || f.enqueued[0].Kind != voltpay.CmdTrip ||
		f.enqueued[0].IdempotencyKey != AutoCommandKey(8, voltpay.CmdTrip, 0, 5) {
		t.Fatalf("commands %+v; want one trip of meter 8 keyed by its own turn", f.enqueued)
	}
	changes := alarmChanges(a)
	for _, ch := range changes {
		if ch.MeterID != 8 || !ch.Raise {
			t.Errorf("alarm change %+v; want raises on meter 8 only", ch)
		}
	}
	if len(changes) != 3 {
		t.Errorf("%d alarm changes, want alarm 1, alarm 2 and arrears on meter 8", len(changes))
	}
	a.OpenAlarms = []string{voltpay.AlarmArrears} // from its shared days
	if ch := alarmChanges(a); len(ch) != 4 || ch[0].MeterID != 0 || ch[0].Raise {
		t.Errorf("changes %+v; want the account's own arrears alarm cleared first", ch)
	}
}
