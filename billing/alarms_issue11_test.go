package billing

import (
	"testing"

	"github.com/voltpay/voltpay"
)

// TestIssue11_NoMeterNoUseNoAlarms: a just-opened account with no meter
// and no entry raises no balance alarm; a meter attached, or a first
// entry, makes its balance count again.
func TestIssue11_NoMeterNoUseNoAlarms(t *testing.T) {
	a := &AccountControl{AccountID: 1, Open: true, Balance: 0, Alarm1: 2000, Alarm2: 500}
	if ch := alarmChanges(a); len(ch) != 0 {
		t.Fatalf("idle account: %+v; want no alarm", ch)
	}
	a.Meters = []MeterControl{{MeterID: 7, Mode: ModePrepaid, Relay: voltpay.RelayClosed}}
	if ch := alarmChanges(a); len(ch) != 3 {
		t.Fatalf("with a meter at zero: %+v; want alarm 1, alarm 2 and arrears", ch)
	}
	a.Meters, a.Turn, a.Balance = nil, 42, 400
	if ch := alarmChanges(a); len(ch) != 2 || ch[0].Kind != voltpay.AlarmLevel1 || ch[1].Kind != voltpay.AlarmLevel2 {
		t.Fatalf("used, no meter, 4 yuan: %+v; want alarm 1 and alarm 2", ch)
	}
	// An idle account's alarms raised before this fix are cleared.
	a.Turn, a.Balance, a.OpenAlarms = 0, 0, []string{voltpay.AlarmLevel1, voltpay.AlarmLevel2, voltpay.AlarmArrears}
	if ch := alarmChanges(a); len(ch) != 3 || ch[0].Raise || ch[1].Raise || ch[2].Raise {
		t.Fatalf("idle account with open alarms: %+v; want all three cleared", ch)
	}
}
