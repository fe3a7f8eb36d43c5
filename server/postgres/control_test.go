package postgres_test

import (
	"context"
	"slices"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
	"github.com/voltpay/voltpay/server/postgres"
)

// TestControl_ModeFollowsPeople: an operator's or API key's relay and
// guarantee commands set the meter's control mode and its epoch; the
// system's commands (the controller's) and other kinds leave it alone.
func TestControl_ModeFollowsPeople(t *testing.T) {
	db := MustOpenDB(t)
	cs := postgres.NewCommandService(db)
	ms := postgres.NewMeterService(db)
	m := mkDirectMeter(t, db, MustCreateSite(t, db).ID)
	operator := voltpay.WithPrincipal(context.Background(), &voltpay.Principal{Kind: voltpay.PrincipalOperator, ID: 1, Name: "manager", Role: voltpay.RoleManager})
	apiKey := voltpay.WithPrincipal(context.Background(), &voltpay.Principal{Kind: voltpay.PrincipalAPIKey, ID: 2, Name: "bms"})
	mode := func() (string, int64) {
		t.Helper()
		got, err := ms.FindMeterByID(AdminContext(), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		var epoch int64
		if err := db.GetContext(AdminContext(), &epoch, `SELECT coalesce(control_command_id, 0) FROM meters WHERE id = $1`, m.ID); err != nil {
			t.Fatal(err)
		}
		return got.ControlMode, epoch
	}
	if got, _ := mode(); got != billing.ModePrepaid {
		t.Fatalf("a new meter's mode = %s, want prepaid", got)
	}
	steps := []struct {
		ctx  context.Context
		kind string
		want string
		sets bool
	}{
		{AdminContext(), voltpay.CmdTrip, billing.ModePrepaid, false}, // the system: an automatic trip
		{operator, voltpay.CmdTrip, billing.ModeForcedTrip, true},
		{operator, voltpay.CmdPushSettings, billing.ModeForcedTrip, false},
		{operator, voltpay.CmdRestorePrepaid, billing.ModePrepaid, true},
		{apiKey, voltpay.CmdGuaranteeOn, billing.ModeGuarantee, true},
		{AdminContext(), voltpay.CmdClose, billing.ModeGuarantee, false},
		{operator, voltpay.CmdGuaranteeOff, billing.ModePrepaid, true},
		{operator, voltpay.CmdTrip, billing.ModeForcedTrip, true},
		{operator, voltpay.CmdClose, billing.ModePrepaid, true},
	}
	_, epoch := mode()
	for i, s := range steps {
		c, err := cs.EnqueueCommand(s.ctx, voltpay.CommandInput{MeterID: m.ID, Kind: s.kind, IdempotencyKey: newKey()})
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		got, gotEpoch := mode()
		wantEpoch := epoch
		if s.sets {
			wantEpoch = c.ID
		}
		if got != s.want || gotEpoch != wantEpoch {
			t.Errorf("step %d (%s): mode %s epoch %d; want %s epoch %d", i, s.kind, got, gotEpoch, s.want, wantEpoch)
		}
		epoch = gotEpoch
		if _, err := cs.CancelCommand(AdminContext(), c.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// TestControl_TurnsAndAlarms: the balance's turn is the entry from which
// it stayed on its side of zero; alarms are one open row per kind.
func TestControl_TurnsAndAlarms(t *testing.T) {
	db := MustOpenDB(t)
	st := postgres.NewControlStore(db)
	ls := postgres.NewLedgerService(db)
	a := MustOpenAccount(t, db, 500)
	m := mkDirectMeter(t, db, a.SiteID)
	if _, err := postgres.NewAccountService(db).AttachMeter(AdminContext(), a.ID, m.ID); err != nil {
		t.Fatal(err)
	}
	get := func() *billing.AccountControl {
		t.Helper()
		got, err := st.AccountControls(AdminContext(), nil, []int64{m.ID})
		if err != nil || len(got) != 1 {
			t.Fatalf("controls of meter %d: %v, %v", m.ID, got, err)
		}
		return got[0]
	}
	first := get()
	if first.Balance != 500 || first.Turn == 0 || len(first.Meters) != 1 || first.Meters[0].MeterID != m.ID || first.Meters[0].Live {
		t.Fatalf("after the first sale: %+v", first)
	}
	charge := func(fen voltpay.Fen) *voltpay.LedgerEntry {
		t.Helper()
		e, err := ls.Charge(AdminContext(), voltpay.ChargeInput{AccountID: a.ID, MeterID: m.ID, AmountFen: fen, IdempotencyKey: newKey()})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	charge(200)
	if got := get(); got.Turn != first.Turn {
		t.Errorf("still above zero: turn %d, want %d", got.Turn, first.Turn)
	}
	down := charge(400) // −1.00: arrears from here
	charge(50)
	got := get()
	if got.Turn != down.ID || !got.TurnAt.Equal(down.CreatedAt) {
		t.Errorf("in arrears: turn %d at %s, want %d at %s", got.Turn, got.TurnAt, down.ID, down.CreatedAt)
	}
	ids, err := st.SweepAccounts(AdminContext(), 0, 1000)
	if err != nil || !slices.Contains(ids, a.ID) {
		t.Errorf("sweep = %v, %v; want it to hold account %d in arrears", ids, err, a.ID)
	}

	raise := billing.AlarmChange{AccountID: a.ID, Kind: voltpay.AlarmArrears, Raise: true, Message: "in arrears"}
	changed, err := st.ChangeAlarms(AdminContext(), []billing.AlarmChange{raise, raise})
	if err != nil || len(changed) != 1 || changed[0].ClearedAt != nil {
		t.Fatalf("raise twice: %v, %v; want one open alarm", changed, err)
	}
	if again, err := st.ChangeAlarms(AdminContext(), []billing.AlarmChange{raise}); err != nil || len(again) != 0 {
		t.Fatalf("raise an open alarm: %v, %v; want nothing changed", again, err)
	}
	if got := get(); !slices.Equal(got.OpenAlarms, []string{voltpay.AlarmArrears}) {
		t.Errorf("open alarms %v", got.OpenAlarms)
	}
	cleared, err := st.ChangeAlarms(AdminContext(), []billing.AlarmChange{{AccountID: a.ID, Kind: voltpay.AlarmArrears}})
	if err != nil || len(cleared) != 1 || cleared[0].ID != changed[0].ID || cleared[0].ClearedAt == nil ||
		!cleared[0].RaisedAt.Equal(changed[0].RaisedAt) {
		t.Fatalf("clear: %v, %v; want the raised alarm with cleared_at set and raised_at kept", cleared, err)
	}
	if got := get(); len(got.OpenAlarms) != 0 {
		t.Errorf("open alarms after clearing: %v", got.OpenAlarms)
	}
}

// TestControl_OnlyControllableMeters: the controller is given the account's
// DL/T 645 meters only: a Modbus meter's profile has no relay register, so
// an automatic trip or close could only fail on it.
func TestControl_OnlyControllableMeters(t *testing.T) {
	db := MustOpenDB(t)
	a := MustOpenAccount(t, db, 500)
	dlt := mkDirectMeter(t, db, a.SiteID)
	mb := mkMeter(t, db, voltpay.MeterInput{SiteID: a.SiteID, Address: "7", Protocol: voltpay.MeterProtocolModbus})
	for _, m := range []*voltpay.Meter{dlt, mb} {
		if _, err := postgres.NewAccountService(db).AttachMeter(AdminContext(), a.ID, m.ID); err != nil {
			t.Fatal(err)
		}
	}
	got, err := postgres.NewControlStore(db).AccountControls(AdminContext(), []int64{a.ID}, nil)
	if err != nil || len(got) != 1 {
		t.Fatalf("controls: %v, %v", got, err)
	}
	if ms := got[0].Meters; len(ms) != 1 || ms[0].MeterID != dlt.ID {
		t.Fatalf("meters given to the controller: %+v; want only the DL/T 645 meter %d", ms, dlt.ID)
	}
}
