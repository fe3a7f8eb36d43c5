package main

import (
	"strconv"
	"testing"

	"github.com/voltpay/voltpay"
)

// TestControl_SelectByStatus: controlMeters with statuses keeps only the
// selected meters in those display statuses: a batch trip of "every meter
// in arrears" reaches the meter in arrears and leaves the others alone.
func TestControl_SelectByStatus(t *testing.T) {
	e := newEnv(t)
	inArrears, paid, unopened := e.createMeter(t, nil), e.createMeter(t, nil), e.createMeter(t, nil)
	a := e.openAccount(t, 100, inArrears.ID)
	e.openAccount(t, 10000, paid.ID)
	if _, err := e.Res.LedgerService.Charge(sys(), voltpay.ChargeInput{AccountID: a.ID, MeterID: inArrears.ID, AmountFen: 150,
		IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	// Online, so that the status is the balance's and not "offline".
	if _, err := e.DB.ExecContext(sys(), `UPDATE meters SET online = true WHERE id = ANY($1)`,
		"{"+strconv.FormatInt(inArrears.ID, 10)+","+strconv.FormatInt(paid.ID, 10)+","+strconv.FormatInt(unopened.ID, 10)+"}"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		ControlMeters struct {
			Results []struct {
				MeterID string `json:"meterId"`
				Command *struct{ Kind string }
			}
		}
	}
	e.operator(t, voltpay.RoleManager).do(t, `mutation($in: ControlMetersInput!) { controlMeters(input: $in) { results { meterId command { kind } } } }`,
		map[string]any{"in": map[string]any{"meterIds": []any{inArrears.ID, paid.ID, unopened.ID}, "statuses": []string{"arrears"},
			"kind": "trip", "idempotencyKey": newKey()}}).Decode(t, &got)
	rs := got.ControlMeters.Results
	if len(rs) != 1 || rs[0].MeterID != strconv.FormatInt(inArrears.ID, 10) || rs[0].Command == nil || rs[0].Command.Kind != "trip" {
		t.Fatalf("results %+v; want one trip, for meter %d in arrears", rs, inArrears.ID)
	}
}
