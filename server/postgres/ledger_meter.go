package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/voltpay/voltpay"
)

// accountMeter is what a sale needs to know of one of its account's meters.
type accountMeter struct {
	ID           int64        `db:"id"`
	Address      string       `db:"address"`
	PrepaidMode  string       `db:"prepaid_mode"`
	CreditCapFen *voltpay.Fen `db:"credit_cap_fen"`
}

// sellToMeter records a sale to an account with a meter-billed meter
// (voltpay/meter_billed.go): under the account's lock it picks the meter
// the credit goes to (saleMeter), refuses a sale above the meter's credit
// cap, and writes the sale entry and the meter's credit command in one
// transaction, so that money taken is always money pushed. A sale to a
// platform-billed meter of the account is a plain sale. Like post, a key
// seen before is answered from the first entry (its command exists with
// it). Errors: INVALID_INPUT (which meter; above the cap), NOT_FOUND,
// CONFLICT.
func (s *LedgerService) sellToMeter(ctx context.Context, want *voltpay.LedgerEntry) (*voltpay.LedgerEntry, error) {
	var m *accountMeter
	return s.postThen(ctx, want, func(tx *Tx, a *voltpay.Account) (err error) {
		if m, err = s.checkMeterSale(ctx, tx, a, want); m != nil {
			want.MeterID = &m.ID
		}
		return err
	}, func(tx *Tx, _ *voltpay.Account, got *voltpay.LedgerEntry) error {
		if m == nil {
			return nil
		}
		return enqueueCredit(ctx, tx, m, got)
	})
}

// sellInTx records a sale to account a, locked by the caller in tx (a
// recharge order's payment): checked and pushed as sellToMeter does, but
// inside the caller's transaction.
func (s *LedgerService) sellInTx(ctx context.Context, tx *Tx, a *voltpay.Account, want *voltpay.LedgerEntry) (*voltpay.LedgerEntry, error) {
	m, err := s.checkMeterSale(ctx, tx, a, want)
	if err != nil {
		return nil, err
	}
	if m != nil {
		want.MeterID = &m.ID
	}
	got, err := s.insert(ctx, tx, a, want)
	if err != nil || m == nil {
		return got, err
	}
	return got, enqueueCredit(ctx, tx, m, got)
}

// checkMeterSale checks a sale to account a (locked) and returns the
// meter-billed meter its credit goes to, or nil for a plain sale.
func (s *LedgerService) checkMeterSale(ctx context.Context, tx *Tx, a *voltpay.Account, want *voltpay.LedgerEntry) (*accountMeter, error) {
	if err := requireOpen(a, "sell to"); err != nil {
		return nil, err
	}
	ms := []*accountMeter{}
	if err := tx.SelectContext(ctx, &ms, `
		SELECT id, address, prepaid_mode, credit_cap_fen FROM meters
		WHERE account_id = $1 AND status = 'active'
		ORDER BY id`, a.ID); err != nil {
		return nil, mapError(err)
	}
	m, err := saleMeter(a, ms, want.MeterID)
	if m == nil || err != nil {
		return nil, err
	}
	return m, checkCreditCap(ctx, tx, m, want.AmountFen)
}

// saleMeter picks the meter a sale to a goes to: the one named (which must
// be the account's), else the account's only meter when that is
// meter-billed. An account whose sale could go to several meters must name
// one; nil is a plain sale (a platform-billed meter named).
func saleMeter(a *voltpay.Account, ms []*accountMeter, named *int64) (*accountMeter, error) {
	var billed []string
	for _, m := range ms {
		if named != nil && m.ID == *named {
			if m.PrepaidMode != voltpay.PrepaidMeter {
				return nil, nil
			}
			return m, nil
		}
		if m.PrepaidMode == voltpay.PrepaidMeter {
			billed = append(billed, fmt.Sprintf("%d (%s)", m.ID, m.Address))
		}
	}
	switch {
	case named != nil:
		return nil, voltpay.Invalid("meterId", "meter %d is not an active meter of account %s; sell to one of the account's meters or leave the meter out", *named, a.No)
	case len(billed) == 0:
		return nil, nil // the meter-billed meter left the account meanwhile
	case len(ms) > 1:
		return nil, voltpay.Invalid("meterId", "account %s has %d meters, of which %s keep their balance themselves (meter-billed): name the meter in meterId, selling to one meter at a time, so the credit goes into the right meter",
			a.No, len(ms), strings.Join(billed, ", "))
	}
	return ms[0], nil
}

// checkCreditCap refuses a sale of amount that would take meter m above
// its credit cap. The meter's balance is its last read balance (0 when
// never read) plus every credit that may have landed since: confirmed
// after that reading, or not yet done; so when unsure it refuses.
func checkCreditCap(ctx context.Context, tx *Tx, m *accountMeter, amount voltpay.Fen) error {
	if m.CreditCapFen == nil {
		return nil
	}
	var held voltpay.Fen
	if err := tx.GetContext(ctx, &held, `
		WITH r AS (
			SELECT balance_fen, read_at FROM meter_readings
			WHERE meter_id = $1 AND balance_fen IS NOT NULL
			ORDER BY read_at DESC LIMIT 1)
		SELECT coalesce((SELECT balance_fen FROM r), 0) + coalesce((
			SELECT sum((params->>'amountFen')::bigint) FROM meter_commands
			WHERE meter_id = $1 AND kind = 'credit'
				AND (state IN ('pending', 'sent')
					OR state = 'confirmed' AND done_at > coalesce((SELECT read_at FROM r), '-infinity'))), 0)`,
		m.ID); err != nil {
		return mapError(err)
	}
	limit := *m.CreditCapFen
	if held+amount <= limit {
		return nil
	}
	room := max(limit-held, 0)
	return voltpay.Invalid("amountFen", "meter %d (%s) holds at most %s yuan of credit (its stored-credit cap, 囤积上限) and has about %s yuan on it, counting credits still on their way: %s yuan would take it above the cap, so sell at most %s yuan now (or raise the meter's cap)",
		m.ID, m.Address, limit, held, amount, room)
}

// enqueueCredit adds the command that pushes sale e into meter m, in the
// sale's transaction: the full amount (the meter deducts its own
// overdraft) less any service fee taken on the sale (voltpay.FeeOnSale),
// keyed by the sale's key, so a replayed sale finds it.
func enqueueCredit(ctx context.Context, tx *Tx, m *accountMeter, e *voltpay.LedgerEntry) error {
	var fee voltpay.Fen // a service fee taken on the sale (FeeOnSale) stays with the platform
	if err := tx.GetContext(ctx, &fee, `SELECT coalesce(-sum(amount_fen), 0) FROM ledger_entries WHERE fee_of_id = $1`, e.ID); err != nil {
		return mapError(err)
	}
	params, err := json.Marshal(map[string]int64{"amountFen": int64(e.AmountFen - fee)})
	if err != nil {
		return err
	}
	p := voltpay.PrincipalFrom(ctx)
	createdBy := e.Actor
	if createdBy == "" {
		createdBy = "sale " + e.ReceiptNo
	}
	in := voltpay.CommandInput{MeterID: m.ID, Kind: voltpay.CmdCredit, Params: params,
		IdempotencyKey: voltpay.CreditCommandKey(e.IdempotencyKey), TTL: voltpay.CreditCommandTTL}
	_, err = NewCommandService(tx.db).enqueueTx(ctx, tx, p, in, string(params), in.TTL, createdBy)
	if isCommandKeyRace(err) {
		return voltpay.Errorf(voltpay.ECONFLICT, "command key %q is already taken by another command, so sale %s cannot push its credit; sell again with a new idempotency key", in.IdempotencyKey, e.IdempotencyKey)
	}
	return mapError(err)
}
