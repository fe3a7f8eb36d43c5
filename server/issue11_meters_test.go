package main

import (
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/control"
	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// TestIssue11_RelayRefusalBit04: real firmware refuses every plaintext
// relay command with ERR 0x04, an expired one included. The executor tells
// the causes apart from evidence: a meter whose clock drifted gets the
// command again with the expiry in its own time, a refused direct close
// becomes close-allowed, and only a refusal that survives both (with the
// clock read and right) blames the password. Over TCP to the simulated
// gateways, with the queue in PostgreSQL.
func TestIssue11_RelayRefusalBit04(t *testing.T) {
	e := newControlEnv(t)
	e.start(t, quickControl())
	m := e.meters
	sm := func(i int) *sim.Meter { return e.sim[m[i].ID] }
	if !control.ModelFor(m[1].Model).DirectClose || !control.ModelFor(m[3].Model).DirectClose {
		t.Fatalf("models %q, %q: want models the executor closes directly", m[1].Model, m[3].Model)
	}
	sm(0).SetTime(time.Now().Add(2 * time.Hour)) // fast: the trip's expiry has passed on its clock
	noDirect := sim.Firmware{RelayRefusal: 0x04, NoDirectClose: true}
	for _, i := range []int{1, 3} {
		sm(i).SetFirmware(noDirect)
		if err := sm(i).Relay(dlt645.RelayTrip, sm(i).Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	sm(3).SetTime(time.Now().Add(3 * time.Hour)) // and drifted
	sm(2).SetPassword(654321)                    // the executor sends 000000

	trip := e.enqueue(t, m[0].ID, voltpay.CmdTrip, nil)
	closeCmd := e.enqueue(t, m[1].ID, voltpay.CmdClose, nil)
	wrongPassword := e.enqueue(t, m[2].ID, voltpay.CmdTrip, nil)
	both := e.enqueue(t, m[3].ID, voltpay.CmdClose, nil)
	got := e.settled(t, trip, closeCmd, wrongPassword, both)

	wantState(t, got[trip.ID], voltpay.CommandConfirmed, "")
	if st := sm(0).State(); !st.RelayOpen {
		t.Error("the meter with a fast clock did not trip")
	}
	for _, c := range []*voltpay.Command{closeCmd, both} {
		wantState(t, got[c.ID], voltpay.CommandConfirmed, "")
		if st := e.sim[c.MeterID].State(); st.RelayCmdTrip {
			t.Errorf("meter %d: relay command state still trip after close-allowed", c.MeterID)
		}
	}
	wantState(t, got[wrongPassword.ID], voltpay.CommandFailed, "VOLTPAY_METER_PASSWORD")
	if !strings.Contains(got[wrongPassword.ID].LastError, "clock is right") {
		t.Errorf("password failure %q does not say the clock was checked", got[wrongPassword.ID].LastError)
	}
	if sm(2).State().RelayOpen {
		t.Error("a trip with the wrong password opened the relay")
	}
	for _, c := range []struct {
		cmd  *voltpay.Command
		note string
	}{{trip, "clock was off"}, {closeCmd, "close-allowed"}, {both, "clock was off"}, {both, "close-allowed"}} {
		var note string
		if err := e.db.QueryRowContext(sys(), `SELECT message FROM audit_log WHERE args->>'commandId' = $1::text`, c.cmd.ID).Scan(&note); err != nil ||
			!strings.Contains(note, c.note) {
			t.Errorf("command %d (%s): audit note %q, %v; want one saying %q", c.cmd.ID, c.cmd.Kind, note, err, c.note)
		}
	}
}
