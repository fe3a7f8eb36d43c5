package voltpay

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Command kinds: the remote controls meterlink sends to meters.
const (
	CmdTrip           = "trip"            // 拉闸
	CmdClose          = "close"           // 合闸 (direct close)
	CmdCloseAllowed   = "close_allowed"   // allow the tenant to close (合闸允许)
	CmdGuaranteeOn    = "guarantee_on"    // 保电
	CmdGuaranteeOff   = "guarantee_off"   // leave guarantee
	CmdRestorePrepaid = "restore_prepaid" // 恢复预付费: back to automatic control
	CmdPushTariff     = "push_tariff"     // 电价下发
	CmdPushSettings   = "push_settings"   // 设置下发: alarm and overload thresholds
	CmdCredit         = "credit"          // push credit into a meter-balance meter
	CmdTimeSync       = "time_sync"
)

// CommandKinds lists the command kinds.
var CommandKinds = []string{CmdTrip, CmdClose, CmdCloseAllowed, CmdGuaranteeOn, CmdGuaranteeOff,
	CmdRestorePrepaid, CmdPushTariff, CmdPushSettings, CmdCredit, CmdTimeSync}

// Command states. A command moves pending → sent → confirmed, or to
// failed, expired or cancelled; sent goes back to pending for a retry.
// The database refuses any other move (schema.sql).
const (
	CommandPending   = "pending"
	CommandSent      = "sent"
	CommandConfirmed = "confirmed"
	CommandFailed    = "failed"
	CommandExpired   = "expired"
	CommandCancelled = "cancelled"
)

// DefaultCommandTTL is how long a command may wait to take effect before
// it expires: a trip that lands hours late is worse than none.
const DefaultCommandTTL = 30 * time.Minute

// MaxCommandTTL is the longest a command may wait before it expires.
const MaxCommandTTL = 7 * 24 * time.Hour

// MaxCommandKeyLen bounds a command's idempotency key: longer than other
// keys so that a batch's key (up to MaxIdempotencyKeyLen) plus ":" and a
// meter id still fits (see BatchCommandKey).
const MaxCommandKeyLen = 140

// BatchCommandKey is the idempotency key of one meter's command in a batch
// sent under batchKey: retrying the batch finds the same commands.
func BatchCommandKey(batchKey string, meterID int64) string {
	return fmt.Sprintf("%s:%d", batchKey, meterID)
}

// ValidateCommandKey returns INVALID_INPUT unless k is 8 to MaxCommandKeyLen
// printable ASCII characters without spaces.
func ValidateCommandKey(k string) error {
	if len(k) < 8 || len(k) > MaxCommandKeyLen || strings.IndexFunc(k, func(r rune) bool { return r < 0x21 || r > 0x7e }) >= 0 {
		return Invalid("idempotencyKey", "a command's idempotency key must be 8 to %d printable ASCII characters without spaces, unique per command; retrying with the same key is safe", MaxCommandKeyLen)
	}
	return nil
}

// CommandStates lists the command states.
var CommandStates = []string{CommandPending, CommandSent, CommandConfirmed, CommandFailed, CommandExpired, CommandCancelled}

// CheckCommandMeter returns why meter m cannot take a command of kind, or
// nil: commands go to active meters only, credit only to meters that keep
// their balance themselves, a tariff only to a meter that has one.
// Errors: CONFLICT (the meter is replaced or retired), INVALID_INPUT.
func CheckCommandMeter(m *Meter, kind string) error {
	switch {
	case m.Status != MeterActive:
		return Errorf(ECONFLICT, "meter %d (%s) is %s; send commands to the meter that is in service", m.ID, m.Address, m.Status)
	case kind == CmdCredit && m.PrepaidMode != PrepaidMeter:
		return Invalid("kind", "meter %d (%s) keeps its balance on the platform (prepaid mode %s), so there is no credit to push into it; sell to its account instead", m.ID, m.Address, m.PrepaidMode)
	case kind == CmdPushTariff && m.TariffID == nil:
		return Invalid("kind", "meter %d (%s) has no tariff to push; set its tariff first", m.ID, m.Address)
	}
	return nil
}

// Command is a durable remote control (an outbox row): it survives restarts
// of the server and of the meter link, is retried with backoff until it is
// confirmed by reading the meter back, fails, or expires.
type Command struct {
	ID             int64           `db:"id"`
	MeterID        int64           `db:"meter_id"`
	Kind           string          `db:"kind"`
	Params         json.RawMessage `db:"params"` // kind-specific, e.g. {"amountFen":10000,"purchaseCount":8}
	State          string          `db:"state"`
	IdempotencyKey string          `db:"idempotency_key"`
	Attempts       int             `db:"attempts"`
	NextAttemptAt  time.Time       `db:"next_attempt_at"`
	ExpiresAt      time.Time       `db:"expires_at"`
	LastError      string          `db:"last_error"`
	CreatedBy      string          `db:"created_by"`
	CreatedAt      time.Time       `db:"created_at"`
	UpdatedAt      time.Time       `db:"updated_at"`
	DoneAt         *time.Time      `db:"done_at"`
}

// CommandInput asks for a command. TTL 0 means DefaultCommandTTL.
type CommandInput struct {
	MeterID        int64
	Kind           string
	Params         json.RawMessage
	IdempotencyKey string
	TTL            time.Duration
}

// CommandFilter selects commands, newest first.
type CommandFilter struct {
	MeterID *int64
	Kind    *string
	State   *string
	Page    PageArgs
}

// SetPage lets the API fill in the page.
func (f *CommandFilter) SetPage(p PageArgs) { f.Page = p }

// CommandReadBack is what confirming a command read back from its meter.
// A zero field was not read.
type CommandReadBack struct {
	// Relay is RelayOpen or RelayClosed as status word 3 showed it.
	Relay string
}

// CommandService is the durable command queue (the outbox) that meterlink
// works through. Errors: INVALID_INPUT, NOT_FOUND, CONFLICT (a move the
// state machine forbids, a key reused for another command).
type CommandService interface {
	// EnqueueCommand adds a pending command; the same key returns the first.
	EnqueueCommand(ctx context.Context, in CommandInput) (*Command, error)
	// ClaimCommands takes up to limit due pending commands (oldest first,
	// skipping rows other workers hold), marks them sent and counts the
	// attempt. Claimed commands stay sent if the worker dies; it or another
	// worker finds them again with RequeueStale.
	ClaimCommands(ctx context.Context, limit int) ([]*Command, error)
	// ConfirmCommand marks a sent command confirmed (the meter was read back).
	ConfirmCommand(ctx context.Context, id int64) (*Command, error)
	// ConfirmCommandReadBack confirms a sent command as ConfirmCommand does
	// and records on its meter, in the same transaction, the state the
	// confirmation read back: the command's event then shows the meter as
	// the command left it, not as the last poll saw it.
	ConfirmCommandReadBack(ctx context.Context, id int64, rb CommandReadBack) (*Command, error)
	// RetryCommand returns a sent command to pending, due after backoff.
	RetryCommand(ctx context.Context, id int64, reason string, backoff time.Duration) (*Command, error)
	// FailCommand marks a sent command failed for good.
	FailCommand(ctx context.Context, id int64, reason string) (*Command, error)
	// CancelCommand cancels a pending command.
	CancelCommand(ctx context.Context, id int64) (*Command, error)
	// ExpireCommands marks every unfinished command past its expiry expired,
	// sent ones included: a worker confirming one later gets CONFLICT.
	ExpireCommands(ctx context.Context) (int, error)
	// RequeueStale returns commands sent longer ago than after to pending
	// (their worker died between sending and confirming).
	RequeueStale(ctx context.Context, after time.Duration) (int, error)
	FindCommandByID(ctx context.Context, id int64) (*Command, error)
	FindCommands(ctx context.Context, f CommandFilter) (*Page[*Command], error)
	// ReserveCreditCount records the purchase count credit command
	// commandID gives its meter and returns the count reserved for it: count
	// on the first call, the first call's count on every later one (a retry
	// must resend the same count). Errors: NOT_FOUND (no such command),
	// INVALID_INPUT (not a credit, count out of range), CONFLICT (another
	// command of the meter holds count).
	ReserveCreditCount(ctx context.Context, commandID int64, count int64) (int64, error)
}
