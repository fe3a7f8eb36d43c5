package postgres

import (
	"context"
	"sort"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// AccountService implements voltpay.AccountService.
type AccountService struct {
	db     *DB
	ledger *LedgerService
	charge *ChargeService // a replaced meter's final charge
}

// NewAccountService returns an AccountService on db.
func NewAccountService(db *DB) *AccountService {
	return &AccountService{db: db, ledger: NewLedgerService(db), charge: NewChargeService(db)}
}

var _ voltpay.AccountService = (*AccountService)(nil)

const accountColumns = `id, site_id, no, tenant_name, shop_no, phone, status, alarm1_fen, alarm2_fen,
	overdraft_limit_fen, balance_mode, balance_fen, note, opened_at, closed_at`

// FindAccountByID returns one account. Tenants may read only their own.
// Errors: NOT_FOUND, FORBIDDEN.
func (s *AccountService) FindAccountByID(ctx context.Context, id int64) (*voltpay.Account, error) {
	if err := checkTenantAccount(ctx, id); err != nil {
		return nil, err
	}
	return findAccount(ctx, s.db, id)
}

// FindAccountsByIDs returns the accounts with the given ids, in one query,
// for dataloaders (the caller has authorised the parent object).
func (s *AccountService) FindAccountsByIDs(ctx context.Context, ids []int64) ([]*voltpay.Account, error) {
	out := []*voltpay.Account{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+accountColumns+` FROM accounts WHERE id = ANY($1)`, pq.Array(ids))
	return out, mapError(err)
}

// FindAccounts lists accounts by id. Tenants see only their own.
func (s *AccountService) FindAccounts(ctx context.Context, f voltpay.AccountFilter) (*voltpay.Page[*voltpay.Account], error) {
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() {
		f.IDs = []int64{p.AccountID}
	}
	var w where
	w.add("site_id = ?", f.SiteID)
	w.add("status = ?", f.Status)
	w.add("balance_fen <= ?", f.BalanceMaxFen)
	if f.IDs != nil {
		w.add("id = ANY(?)", pq.Array(f.IDs))
	}
	if f.Search != "" {
		// Or the address of a meter the account funds: the sales desk finds
		// a tenant by the number on their meter. The meters on accounts are
		// read once (meters_account_idx holds exactly them) into an array,
		// rather than probed per account, which the planner costs high
		// enough to compile the query (JIT) on every keystroke: 50,000
		// accounts and 100,000 meters search in about 100 ms without an
		// index (a contains-search could use none but a trigram one).
		w.add(`((tenant_name || ' ' || shop_no || ' ' || phone || ' ' || no) ILIKE ?
			OR id = ANY(ARRAY(SELECT m.account_id FROM meters m WHERE m.account_id IS NOT NULL AND m.address LIKE ?)))`,
			"%"+escapeLike(f.Search)+"%")
	}
	return findPage[*voltpay.Account](ctx, s.db, accountColumns, "accounts", w, f.Page, false)
}

// UpdateAccount edits the tenant's details, alarm thresholds and overdraft
// limit (the controller sees a new limit at its next evaluation); fields
// absent from in.Fields keep their values.
// Errors: INVALID_INPUT, NOT_FOUND, CONFLICT (closed account).
func (s *AccountService) UpdateAccount(ctx context.Context, id int64, in voltpay.AccountInput) (*voltpay.Account, error) {
	var out *voltpay.Account
	err := s.db.inTx(ctx, func(tx *Tx) error {
		a, err := lockAccount(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := requireOpen(a, "edit"); err != nil {
			return err
		}
		// Under the row lock, so two partial updates of different fields
		// cannot undo each other.
		voltpay.KeepAbsent(&in, a.AsInput(), in.Fields)
		if err := in.Validate(); err != nil {
			return err
		}
		if err := checkModeSwitch(ctx, tx, a, in.BalanceMode); err != nil {
			return err
		}
		out = &voltpay.Account{}
		return mapError(tx.GetContext(ctx, out, `
			UPDATE accounts SET tenant_name = $2, shop_no = $3, phone = $4, alarm1_fen = $5, alarm2_fen = $6, note = $7,
				overdraft_limit_fen = $8, balance_mode = coalesce(nullif($9, ''), balance_mode)
			WHERE id = $1 RETURNING `+accountColumns,
			id, in.TenantName, in.ShopNo, in.Phone, *in.Alarm1Fen, *in.Alarm2Fen, in.Note, *in.OverdraftLimitFen,
			in.BalanceMode))
	})
	return out, err
}

// findAccount reads one account without locking it.
func findAccount(ctx context.Context, q queryer, id int64) (*voltpay.Account, error) {
	a := &voltpay.Account{}
	if err := q.GetContext(ctx, a, `SELECT `+accountColumns+` FROM accounts WHERE id = $1`, id); err != nil {
		return nil, notFound(err, "account", id)
	}
	return a, nil
}

// lockAccount reads an account and takes its row lock for the transaction:
// every balance change of one account is serialised on this lock.
func lockAccount(ctx context.Context, tx *Tx, id int64) (*voltpay.Account, error) {
	a := &voltpay.Account{}
	if err := tx.getPrepared(ctx, a, `SELECT `+accountColumns+` FROM accounts WHERE id = $1 FOR UPDATE`, id); err != nil {
		return nil, notFound(err, "account", id)
	}
	return a, nil
}

// lockAccounts locks several accounts in ascending id order, so that two
// transactions locking the same accounts can never deadlock.
func lockAccounts(ctx context.Context, tx *Tx, ids ...int64) (map[int64]*voltpay.Account, error) {
	sorted := append([]int64{}, ids...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	out := map[int64]*voltpay.Account{}
	for _, id := range sorted {
		a, err := lockAccount(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		out[id] = a
	}
	return out, nil
}

// checkTenantAccount returns FORBIDDEN when a tenant asks for another account.
func checkTenantAccount(ctx context.Context, accountID int64) error {
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() && p.AccountID != accountID {
		return voltpay.Errorf(voltpay.EFORBIDDEN, "you can only see your own account")
	}
	return nil
}

// escapeLike escapes LIKE wildcards in user search text.
func escapeLike(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '%' || r == '_' || r == '\\' {
			out = append(out, '\\')
		}
		out = append(out, r)
	}
	return string(out)
}
