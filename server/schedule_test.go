package main

import (
	"strconv"
	"testing"

	"github.com/voltpay/voltpay"
)

// TestControlSchedules_API: an operator makes, lists, edits and deletes a
// schedule over GraphQL; bad input and a viewer are refused; every change
// is audited.
func TestControlSchedules_API(t *testing.T) {
	e := newEnv(t)
	m := e.createMeter(t, nil)
	manager := e.operator(t, voltpay.RoleManager)
	in := map[string]any{"siteId": e.Site.ID, "name": "夜间断电", "action": "trip", "atMinute": 1320,
		"weekdays": []int{1, 2, 3, 4, 5}, "meterIds": []any{strconv.FormatInt(m.ID, 10)}}
	var created struct {
		CreateControlSchedule struct {
			ID       string
			Action   string
			Weekdays []int
			MeterIDs []string `json:"meterIds"`
			Site     struct{ ID string }
		}
	}
	manager.do(t, `mutation($in: ControlScheduleInput!) { createControlSchedule(input: $in) { id action weekdays meterIds site { id } } }`,
		map[string]any{"in": in}).Decode(t, &created)
	c := created.CreateControlSchedule
	if c.Action != "trip" || len(c.Weekdays) != 5 || len(c.MeterIDs) != 1 || c.Site.ID != strconv.FormatInt(e.Site.ID, 10) {
		t.Fatalf("created %+v", c)
	}

	in["action"], in["atMinute"] = "close", 480
	var updated struct{ UpdateControlSchedule struct{ AtMinute int } }
	manager.do(t, `mutation($id: ID!, $in: ControlScheduleInput!) { updateControlSchedule(id: $id, input: $in) { atMinute } }`,
		map[string]any{"id": c.ID, "in": in}).Decode(t, &updated)
	if updated.UpdateControlSchedule.AtMinute != 480 {
		t.Fatalf("updated %+v", updated)
	}
	var list struct{ ControlSchedules []struct{ ID, Action string } }
	manager.do(t, `query($site: ID) { controlSchedules(siteId: $site) { id action } }`, map[string]any{"site": e.Site.ID}).Decode(t, &list)
	if len(list.ControlSchedules) != 1 || list.ControlSchedules[0].Action != "close" {
		t.Fatalf("listed %+v", list)
	}

	for name, bad := range map[string]map[string]any{
		"no meters": {"siteId": e.Site.ID, "name": "x", "action": "trip", "atMinute": 60},
		"bad time":  {"siteId": e.Site.ID, "name": "x", "action": "trip", "atMinute": 1440, "meterIds": []any{m.ID}},
	} {
		if r := manager.do(t, `mutation($in: ControlScheduleInput!) { createControlSchedule(input: $in) { id } }`, map[string]any{"in": bad}); r.Code() != voltpay.EINVALID {
			t.Errorf("%s: code %q, want INVALID_INPUT", name, r.Code())
		}
	}
	if r := e.operator(t, voltpay.RoleViewer).do(t, `mutation($id: ID!) { deleteControlSchedule(id: $id) }`, map[string]any{"id": c.ID}); r.Code() != voltpay.EFORBIDDEN {
		t.Errorf("viewer delete: code %q, want FORBIDDEN", r.Code())
	}
	var deleted struct{ DeleteControlSchedule bool }
	manager.do(t, `mutation($id: ID!) { deleteControlSchedule(id: $id) }`, map[string]any{"id": c.ID}).Decode(t, &deleted)
	if !deleted.DeleteControlSchedule {
		t.Fatal("delete returned false")
	}
	var audited int
	if err := e.DB.GetContext(sys(), &audited, `SELECT count(*) FROM audit_log WHERE operation IN
		('createControlSchedule', 'updateControlSchedule', 'deleteControlSchedule') AND result = 'ok' AND args::text LIKE '%'||$1||'%'`, c.ID); err != nil {
		t.Fatal(err)
	}
	if audited < 2 {
		t.Errorf("%d audited schedule changes naming schedule %s, want update and delete at least", audited, c.ID)
	}
}
