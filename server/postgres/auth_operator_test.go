package postgres_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
)

func TestAuth_Operator(t *testing.T) {
	db := MustOpenDB(t)
	s := postgres.NewAuthService(db)

	t.Run("Create", func(t *testing.T) {
		o := authMustOperator(t, s, voltpay.RoleFinance, false)
		if !strings.HasPrefix(o.Username, "op.finance-") || o.Role != voltpay.RoleFinance || o.Disabled {
			t.Fatalf("operator: got %+v, want a lower-cased enabled finance operator", o)
		}
		got, err := s.FindOperatorByID(AdminContext(), o.ID)
		if err != nil || got.Username != o.Username {
			t.Fatalf("FindOperatorByID: got %+v, %v", got, err)
		}
		// The newest operator is the last page's last item.
		last, err := s.FindOperators(AdminContext(), voltpay.OperatorFilter{Page: voltpay.PageArgs{Last: 1, Backward: true}})
		if err != nil {
			t.Fatal(err)
		}
		if len(last.Items) != 1 || last.Items[0].ID != o.ID || last.HasNext || last.HasPrev != (last.Total > 1) {
			t.Fatalf("FindOperators' last page: got %+v, want only the new operator, after any others", last)
		}
		_, err = s.CreateOperator(AdminContext(), voltpay.OperatorInput{Username: o.Username, Role: voltpay.RoleViewer, Password: authTestPassword})
		wantMessage(t, err, voltpay.ECONFLICT, "an operator with this username already exists")
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for name, in := range map[string]voltpay.OperatorInput{
			"short username": {Username: "ab", Role: voltpay.RoleViewer, Password: authTestPassword},
			"space":          {Username: "zhang san", Role: voltpay.RoleViewer, Password: authTestPassword},
			"chinese":        {Username: "张三三", Role: voltpay.RoleViewer, Password: authTestPassword},
			"role":           {Username: "valid.name", Role: "root", Password: authTestPassword},
			"no password":    {Username: "valid.name", Role: voltpay.RoleViewer},
			"short password": {Username: "valid.name", Role: voltpay.RoleViewer, Password: "1234567"},
		} {
			_, err := s.CreateOperator(AdminContext(), in)
			if voltpay.ErrorCode(err) != voltpay.EINVALID {
				t.Errorf("%s: got %v, want INVALID_INPUT", name, err)
			}
		}
		_, err := s.FindOperatorByID(AdminContext(), 1<<40)
		wantCode(t, err, voltpay.ENOTFOUND)
		_, err = s.UpdateOperator(AdminContext(), 1<<40, voltpay.OperatorInput{Username: "valid.name", Role: voltpay.RoleViewer})
		wantCode(t, err, voltpay.ENOTFOUND)
	})
	t.Run("UpdatePassword", func(t *testing.T) {
		o := authMustOperator(t, s, voltpay.RoleCashier, false)
		in := voltpay.OperatorInput{Username: o.Username, DisplayName: "Renamed", Role: voltpay.RoleManager}
		got, err := s.UpdateOperator(AdminContext(), o.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if got.DisplayName != "Renamed" || got.Role != voltpay.RoleManager {
			t.Fatalf("updated operator: got %+v", got)
		}
		old, err := s.Login(context.Background(), o.Username, authTestPassword, false, "")
		if err != nil {
			t.Fatalf("empty password on update did not keep the old one: %v", err)
		}
		in.Password = "brand-new-password"
		if _, err := s.UpdateOperator(AdminContext(), o.ID, in); err != nil {
			t.Fatal(err)
		}
		_, err = s.Authenticate(context.Background(), old.Token)
		wantCode(t, err, voltpay.EUNAUTHENTICATED) // a password change ends sessions
		_, err = s.Login(context.Background(), o.Username, authTestPassword, false, "")
		wantCode(t, err, voltpay.EUNAUTHENTICATED)
		if _, err := s.Login(context.Background(), o.Username, "brand-new-password", false, ""); err != nil {
			t.Fatalf("login with the new password: %v", err)
		}
	})
	t.Run("ErrDisableSelf", func(t *testing.T) {
		o := authMustOperator(t, s, voltpay.RoleManager, false)
		_, err := s.UpdateOperator(operatorContext(o), o.ID, voltpay.OperatorInput{Username: o.Username, Role: o.Role, Disabled: true})
		wantMessage(t, err, voltpay.ECONFLICT, "cannot disable your own")
	})
}

func TestAuth_LastAdmin(t *testing.T) {
	db := authFreshDB(t)
	s := postgres.NewAuthService(db)
	a1 := authMustOperator(t, s, voltpay.RoleAdmin, false)
	manager := authMustOperator(t, s, voltpay.RoleManager, false)
	demote := func(ctx context.Context, o *voltpay.Operator, role voltpay.Role, disabled bool) error {
		_, err := s.UpdateOperator(ctx, o.ID, voltpay.OperatorInput{Username: o.Username, Role: role, Disabled: disabled})
		return err
	}

	wantMessage(t, demote(operatorContext(a1), a1, voltpay.RoleManager, false), voltpay.ECONFLICT, "last enabled admin")
	wantMessage(t, demote(AdminContext(), a1, voltpay.RoleAdmin, true), voltpay.ECONFLICT, "last enabled admin")
	// Only an admin changes an admin (voltpay.Principal.CanAssignRole).
	wantCode(t, demote(operatorContext(manager), a1, voltpay.RoleAdmin, true), voltpay.EFORBIDDEN)

	// A disabled admin does not count.
	off := authMustOperator(t, s, voltpay.RoleAdmin, true)
	wantCode(t, demote(AdminContext(), a1, voltpay.RoleViewer, false), voltpay.ECONFLICT)
	if err := demote(AdminContext(), off, voltpay.RoleViewer, true); err != nil {
		t.Fatalf("demoting a disabled admin: %v", err)
	}

	a2 := authMustOperator(t, s, voltpay.RoleAdmin, false)
	if err := demote(operatorContext(a1), a1, voltpay.RoleManager, false); err != nil {
		t.Fatalf("demoting yourself while another admin exists: %v", err)
	}
	wantCode(t, demote(AdminContext(), a2, voltpay.RoleAdmin, true), voltpay.ECONFLICT)

	// Two admins demoting each other at once: one must stay.
	a3 := authMustOperator(t, s, voltpay.RoleAdmin, false)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, o := range []*voltpay.Operator{a2, a3} {
		wg.Go(func() { errs[i] = demote(AdminContext(), o, voltpay.RoleViewer, false) })
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("concurrent demotions of the last two admins: got %v and %v, want exactly one CONFLICT", errs[0], errs[1])
	}
	var admins int
	if err := db.GetContext(context.Background(), &admins, `SELECT count(*) FROM operators WHERE role = 'admin' AND NOT disabled`); err != nil || admins != 1 {
		t.Fatalf("enabled admins: got %d (%v), want 1", admins, err)
	}
}

func TestAuth_EnsureAdmin(t *testing.T) {
	db := authFreshDB(t)
	s := postgres.NewAuthService(db)

	_, err := s.EnsureAdmin(context.Background(), "short")
	wantCode(t, err, voltpay.EINVALID)

	var wg sync.WaitGroup
	created := make([]bool, 5)
	errs := make([]error, 5)
	for i := range created {
		wg.Go(func() {
			created[i], errs[i] = postgres.NewAuthService(db).EnsureAdmin(context.Background(), authTestPassword)
		})
	}
	wg.Wait()
	n := 0
	for i := range created {
		if errs[i] != nil {
			t.Fatalf("EnsureAdmin %d: %v", i, errs[i])
		}
		if created[i] {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("5 concurrent EnsureAdmin calls created %d admins, want 1", n)
	}
	ops, err := s.FindOperators(AdminContext(), voltpay.OperatorFilter{})
	if err != nil || len(ops.Items) != 1 || ops.Total != 1 || ops.Items[0].Username != "admin" || ops.Items[0].Role != voltpay.RoleAdmin {
		t.Fatalf("operators: got %+v, %v; want only admin", ops, err)
	}
	if again, err := s.EnsureAdmin(context.Background(), authTestPassword); again || err != nil {
		t.Fatalf("EnsureAdmin on a populated table: got %v, %v; want false, nil", again, err)
	}
	sess, err := s.Login(context.Background(), "admin", authTestPassword, false, "")
	if err != nil || sess.Principal.Role != voltpay.RoleAdmin {
		t.Fatalf("login as the ensured admin: %+v, %v", sess, err)
	}
}
