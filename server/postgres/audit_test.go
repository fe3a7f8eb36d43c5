package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

func TestAudit_Record(t *testing.T) {
	db := MustOpenDB(t)
	s := postgres.NewAuditService(db)
	op := fmt.Sprintf("auditRecord%08x", rand.Uint32())

	t.Run("FromPrincipal", func(t *testing.T) {
		ctx := voltpay.WithPrincipal(context.Background(), &voltpay.Principal{
			Kind: voltpay.PrincipalOperator, ID: 42, Name: "zhang.san", IP: "192.0.2.7",
		})
		e := &voltpay.AuditEntry{Operation: op, Result: "ok", DurationMS: 12,
			Args: json.RawMessage(`{"amountFen": 1000, "note": "nul\u0000here"}`)}
		if err := s.Record(ctx, e); err != nil {
			t.Fatal(err)
		}
		if e.ID == 0 || e.At.IsZero() {
			t.Fatalf("ID and At not set: %+v", e)
		}
		got := auditFind(t, s, voltpay.AuditFilter{Operation: &op})
		if len(got) != 1 {
			t.Fatalf("found %d entries, want 1", len(got))
		}
		g := got[0]
		if g.ActorKind != "operator" || g.ActorID == nil || *g.ActorID != 42 || g.ActorName != "zhang.san" || g.IP != "192.0.2.7" || g.DurationMS != 12 {
			t.Fatalf("entry: got %+v", g)
		}
		var args map[string]any
		if err := json.Unmarshal(g.Args, &args); err != nil || args["amountFen"] != 1000.0 || args["note"] != "nul\uFFFDhere" {
			t.Fatalf("args: got %s (%v)", g.Args, err)
		}
	})
	t.Run("Anonymous", func(t *testing.T) {
		e := &voltpay.AuditEntry{Operation: op, Result: voltpay.EUNAUTHENTICATED, Message: "bad\x00\xff text", ActorName: "ghost"}
		if err := s.Record(context.Background(), e); err != nil {
			t.Fatal(err)
		}
		got := auditFind(t, s, voltpay.AuditFilter{Operation: &op})
		if g := got[0]; g.ID != e.ID || g.ActorKind != "anonymous" || g.ActorID != nil || string(g.Args) != "{}" || g.Message != "bad\uFFFD\uFFFD text" {
			t.Fatalf("entry: got %+v with args %s", g, g.Args)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for name, e := range map[string]*voltpay.AuditEntry{
			"no operation": {Result: "ok"},
			"no result":    {Operation: op},
			"bad args":     {Operation: op, Result: "ok", Args: json.RawMessage(`{"a":`)},
			"bad kind":     {Operation: op, Result: "ok", ActorKind: "robot"},
		} {
			if err := s.Record(context.Background(), e); voltpay.ErrorCode(err) != voltpay.EINVALID {
				t.Errorf("%s: got %v, want INVALID_INPUT", name, err)
			}
		}
	})
}

func auditFind(tb testing.TB, s *postgres.AuditService, f voltpay.AuditFilter) []*voltpay.AuditEntry {
	tb.Helper()
	p, err := s.FindAudit(AdminContext(), f)
	if err != nil {
		tb.Fatal(err)
	}
	return p.Items
}

func TestAudit_Find(t *testing.T) {
	db := MustOpenDB(t)
	s := postgres.NewAuditService(db)
	op := fmt.Sprintf("auditFind%08x", rand.Uint32())
	base := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	alice, bob := int64(7001), int64(7002)

	// Seven entries, an hour apart: alice's 0,2,4,6; bob's 1,3,5; 3 and 4 failed.
	var ids []int64
	for i := range 7 {
		e := &voltpay.AuditEntry{At: base.Add(time.Duration(i) * time.Hour), ActorKind: "operator",
			ActorID: &alice, Operation: op, Result: "ok"}
		if i%2 == 1 {
			e.ActorID = &bob
		}
		if i == 3 || i == 4 {
			e.Result = voltpay.EINSUFFICIENT_BALANCE
		}
		if err := s.Record(AdminContext(), e); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	yes, no := true, false
	from, to := base.Add(2*time.Hour), base.Add(5*time.Hour)
	kind := "operator"
	for name, tc := range map[string]struct {
		f    voltpay.AuditFilter
		want []int
	}{
		"all":      {voltpay.AuditFilter{}, []int{6, 5, 4, 3, 2, 1, 0}},
		"actor":    {voltpay.AuditFilter{ActorKind: &kind, ActorID: &bob}, []int{5, 3, 1}},
		"failed":   {voltpay.AuditFilter{Failed: &yes}, []int{4, 3}},
		"ok":       {voltpay.AuditFilter{Failed: &no, ActorID: &alice}, []int{6, 2, 0}},
		"period":   {voltpay.AuditFilter{From: &from, To: &to}, []int{4, 3, 2}},
		"combined": {voltpay.AuditFilter{ActorID: &alice, Failed: &yes, From: &from}, []int{4}},
	} {
		tc.f.Operation = &op
		p, err := s.FindAudit(AdminContext(), tc.f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var want []int64
		for _, i := range tc.want {
			want = append(want, ids[i])
		}
		if got := auditIDs(p.Items); fmt.Sprint(got) != fmt.Sprint(want) || p.Total != len(want) || p.HasNext {
			t.Errorf("%s: got ids %v, total %d, hasNext %v; want %v, total %d, no next", name, got, p.Total, p.HasNext, want, len(want))
		}
	}

	t.Run("Pages", func(t *testing.T) {
		var got []int64
		f := voltpay.AuditFilter{Operation: &op, Page: voltpay.PageArgs{First: 3}}
		for pages := 1; ; pages++ {
			p, err := s.FindAudit(AdminContext(), f)
			if err != nil {
				t.Fatal(err)
			}
			if p.Total != 7 {
				t.Fatalf("page %d: total %d, want 7", pages, p.Total)
			}
			got = append(got, auditIDs(p.Items)...)
			if !p.HasNext {
				if pages != 3 || len(p.Items) != 1 {
					t.Fatalf("ended after %d pages with %d items on the last; want 3 pages, 1 item", pages, len(p.Items))
				}
				break
			}
			f.Page.After = p.Items[len(p.Items)-1].ID
		}
		want := []int64{ids[6], ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("pages: got %v, want %v", got, want)
		}
	})
	t.Run("ErrAppendOnly", func(t *testing.T) {
		_, err := db.ExecContext(context.Background(), `UPDATE audit_log SET result = 'ok' WHERE id = $1`, ids[3])
		if err == nil {
			t.Fatal("audit_log accepted an UPDATE")
		}
	})
}

func auditIDs(es []*voltpay.AuditEntry) []int64 {
	out := []int64{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

// TestSecurity_AuditRowBounded: whatever a writer hands the audit log, the
// row stays a few KB (the table refuses DELETE): long strings cut with
// their length, huge args replaced by their beginning, long names and
// messages cut, and the password of any URL masked.
func TestSecurity_AuditRowBounded(t *testing.T) {
	db := MustOpenDB(t)
	s := postgres.NewAuditService(db)
	op := fmt.Sprintf("auditBound%08x", rand.Uint32())
	huge := strings.Repeat("備", 900_000/3)
	many := make([]int, 20_000)
	// No list to cut: many keys, each of the longest string kept.
	deep := make(map[string]any, 40)
	for i := range 40 {
		deep[fmt.Sprintf("k%02d", i)] = strings.Repeat("d", 300)
	}
	for _, tc := range []struct {
		name string
		args any
		want []string // substrings of the stored args
	}{
		{"LongString", map[string]any{"note": huge, "n": 1}, []string{"[truncated: 300000 characters]", `"n": 1`}},
		{"ManyValues", map[string]any{"meterIds": many}, []string{`"meterIds": [0, 0`, `more items left out]`}},
		{"DeepText", map[string]any{"notes": deep}, []string{`"truncated":`, `"head":`}},
		{"URLPassword", map[string]any{"input": map[string]any{"proxy": "socks5://agent:S3cretPass@10.0.0.1:1080", "list": []any{"x https://u:AlsoSecret@h/p y"}}},
			[]string{"socks5://agent:***@10.0.0.1:1080", "https://u:***@h/p"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw, _ := json.Marshal(tc.args)
			e := &voltpay.AuditEntry{Operation: op, Result: "FORBIDDEN", ActorName: huge, Message: huge + " https://a:MsgSecret@h", Args: raw}
			if err := s.Record(context.Background(), e); err != nil {
				t.Fatal(err)
			}
			var row struct {
				Args  string `db:"args"`
				Actor string `db:"actor_name"`
				Msg   string `db:"message"`
			}
			if err := db.Get(&row, `SELECT args::text AS args, actor_name, message FROM audit_log WHERE id = $1`, e.ID); err != nil {
				t.Fatal(err)
			}
			if len(row.Args) > postgres.MaxAuditArgsBytes+100 || len(row.Actor) > 400 || len(row.Msg) > 4000 {
				t.Errorf("row not bounded: args %d bytes, actor name %d, message %d", len(row.Args), len(row.Actor), len(row.Msg))
			}
			for _, w := range tc.want {
				if !strings.Contains(row.Args, w) {
					t.Errorf("args %.300s… lack %q", row.Args, w)
				}
			}
			for _, secret := range []string{"S3cretPass", "AlsoSecret", "MsgSecret"} {
				if strings.Contains(row.Args+row.Msg, secret) {
					t.Errorf("%s stored in clear", secret)
				}
			}
		})
	}
}
