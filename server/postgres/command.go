package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"time"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// CommandService implements voltpay.CommandService, the durable command
// queue meterlink works through. The state machine itself lives in the
// database (trigger guard_command_transition, SQLSTATE VPC02 → CONFLICT);
// Go checks only where that gives a clearer message. After every committed
// move it publishes the commands moved (db.Events, when set), so that API
// clients follow their commands without polling.
type CommandService struct{ db *DB }

// NewCommandService returns a CommandService on db.
func NewCommandService(db *DB) *CommandService { return &CommandService{db: db} }

var _ voltpay.CommandService = (*CommandService)(nil)

// commandColumns lists the meter_commands columns scanned into a
// commandRow.
const commandColumns = `id, meter_id, kind, params::text AS params, state, idempotency_key, attempts,
	next_attempt_at, expires_at, last_error, created_by, created_at, updated_at, done_at`

// commandRow scans a command. Params is read as text into a string (a
// copy): database/sql converts a driver []byte into a json.RawMessage
// without copying it, which is safe only while the driver never reuses its
// row buffers (lib/pq does not today; its contract allows it).
type commandRow struct {
	voltpay.Command
	Params string `db:"params"`
}

// command returns the scanned command.
func (r *commandRow) command() *voltpay.Command {
	c := r.Command
	c.Params = json.RawMessage(r.Params)
	return &c
}

func commands(rows []*commandRow) []*voltpay.Command {
	out := make([]*voltpay.Command, len(rows))
	for i, r := range rows {
		out[i] = r.command()
	}
	return out
}

// MaxCommandTTL is the longest a command may wait before it expires.
const MaxCommandTTL = voltpay.MaxCommandTTL

// MaxClaim bounds one ClaimCommands call.
const MaxClaim = 1000

// EnqueueCommand adds a pending command, due now, created by the request's
// principal; an operator's or API key's relay and guarantee commands also
// set the meter's control mode (setControlMode). The same idempotency key with the same meter, kind and params
// returns the first command (whatever its state); only a new command is
// published. Errors: INVALID_INPUT
// (kind, params not a JSON object, key, TTL), NOT_FOUND (meter), CONFLICT
// (the key was used for a different command).
func (s *CommandService) EnqueueCommand(ctx context.Context, in voltpay.CommandInput) (*voltpay.Command, error) {
	params, ttl, err := validateCommand(&in)
	if err != nil {
		return nil, err
	}
	var createdBy string
	p := voltpay.PrincipalFrom(ctx)
	if p != nil {
		createdBy = p.Name
	}
	var got *voltpay.Command
	err = s.db.inTx(ctx, func(tx *Tx) error {
		got, err = s.enqueueTx(ctx, tx, p, in, params, ttl, createdBy)
		return err // a key race stays raw: answered below as a replay
	})
	if isCommandKeyRace(err) {
		return s.replay(ctx, in, params)
	}
	if err != nil {
		return nil, mapError(err)
	}
	return got, nil
}

// enqueueTx inserts the command in tx (validated: validateCommand) and
// publishes it after commit; a sale enqueues its credit this way, in the
// sale's transaction. A key race is returned raw.
func (s *CommandService) enqueueTx(ctx context.Context, tx *Tx, p *voltpay.Principal, in voltpay.CommandInput,
	params string, ttl time.Duration, createdBy string) (*voltpay.Command, error) {
	got := &commandRow{}
	err := tx.GetContext(ctx, got, `
		INSERT INTO meter_commands (meter_id, kind, params, idempotency_key, next_attempt_at, expires_at,
			created_by, created_at, updated_at)
		VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $5, $5)
		RETURNING `+commandColumns,
		in.MeterID, in.Kind, params, in.IdempotencyKey, tx.now, tx.now.Add(ttl), createdBy)
	if isForeignKey(err) {
		return nil, voltpay.Errorf(voltpay.ENOTFOUND, "meter %d not found; check the id", in.MeterID)
	}
	if err != nil {
		return nil, err
	}
	if err := setControlMode(ctx, tx, p, got.command()); err != nil {
		return nil, err
	}
	s.publish(tx, got.command())
	return got.command(), nil
}

// validateCommand checks in and returns its params as a JSON string and
// its TTL with the default applied.
func validateCommand(in *voltpay.CommandInput) (string, time.Duration, error) {
	if !slices.Contains(voltpay.CommandKinds, in.Kind) {
		return "", 0, voltpay.Invalid("kind", "unknown command kind %q; use one of %v", in.Kind, voltpay.CommandKinds)
	}
	if err := voltpay.ValidateCommandKey(in.IdempotencyKey); err != nil {
		return "", 0, err
	}
	if in.MeterID <= 0 {
		return "", 0, voltpay.Invalid("meterId", "choose the meter to send the command to")
	}
	params := bytes.TrimSpace(in.Params)
	if len(params) == 0 {
		params = []byte("{}")
	}
	if !json.Valid(params) || params[0] != '{' {
		return "", 0, voltpay.Invalid("params", "command params must be a JSON object, such as {} or {\"amountFen\":10000}")
	}
	ttl := in.TTL
	if ttl == 0 {
		ttl = voltpay.DefaultCommandTTL
	}
	if ttl < time.Second || ttl > MaxCommandTTL {
		return "", 0, voltpay.Invalid("ttl", "a command's time to live must be between 1 second and %s, got %s", MaxCommandTTL, in.TTL)
	}
	return string(params), ttl, nil
}

// replay answers an enqueue whose key is taken: the command already stored
// under it if it asks for the same thing, else CONFLICT.
func (s *CommandService) replay(ctx context.Context, in voltpay.CommandInput, params string) (*voltpay.Command, error) {
	var prev struct {
		commandRow
		SameParams bool `db:"same_params"`
	}
	err := s.db.GetContext(ctx, &prev, `
		SELECT `+commandColumns+`, params = $2::jsonb AS same_params
		FROM meter_commands
		WHERE idempotency_key = $1`, in.IdempotencyKey, params)
	if err != nil {
		return nil, notFound(err, "command with idempotency key", in.IdempotencyKey)
	}
	if prev.MeterID != in.MeterID || prev.Kind != in.Kind || !prev.SameParams {
		return nil, voltpay.Errorf(voltpay.ECONFLICT,
			"idempotency key %q was already used for a different command (%d, %s to meter %d); use a new key for a new command",
			in.IdempotencyKey, prev.ID, prev.Kind, prev.MeterID)
	}
	markReplayed(ctx, s.db)
	return prev.command(), nil
}

// ClaimCommands marks up to limit due pending commands sent, counting the
// attempt, and returns them oldest due first. Rows other workers hold are
// skipped, so concurrent workers never claim the same command; commands past
// their expiry are left for ExpireCommands. Errors: INVALID_INPUT (limit not
// in 1..MaxClaim), UNAVAILABLE.
func (s *CommandService) ClaimCommands(ctx context.Context, limit int) ([]*voltpay.Command, error) {
	if limit < 1 || limit > MaxClaim {
		return nil, voltpay.Invalid("limit", "claim between 1 and %d commands at a time, got %d", MaxClaim, limit)
	}
	rows := []*commandRow{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		rows = rows[:0]
		if err := tx.SelectContext(ctx, &rows, `
			UPDATE meter_commands
			SET state = 'sent', attempts = attempts + 1, updated_at = $2
			WHERE id IN (
				SELECT id FROM meter_commands
				WHERE state = 'pending' AND next_attempt_at <= $2 AND expires_at > $2
				ORDER BY next_attempt_at, id
				LIMIT $1
				FOR UPDATE SKIP LOCKED)
			RETURNING `+commandColumns, limit, tx.now); err != nil {
			return mapError(err)
		}
		s.publish(tx, commands(rows)...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := commands(rows)
	sort.Slice(out, func(i, j int) bool {
		if !out[i].NextAttemptAt.Equal(out[j].NextAttemptAt) {
			return out[i].NextAttemptAt.Before(out[j].NextAttemptAt)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// ConfirmCommand marks a sent command confirmed. Errors: NOT_FOUND,
// CONFLICT (it is not sent).
func (s *CommandService) ConfirmCommand(ctx context.Context, id int64) (*voltpay.Command, error) {
	return s.ConfirmCommandReadBack(ctx, id, voltpay.CommandReadBack{})
}

// ConfirmCommandReadBack marks a sent command confirmed and, in the same
// transaction, sets its meter's relay to the state the confirmation read
// back (publishing the meter when that changed it). The command's event
// is published after commit, so a commandProgress subscriber resolving
// the event's meter reads the relay the confirmation saw: before, the
// meter was only refreshed by a reading after the event, and a confirmed
// trip showed relay closed. Errors: INVALID_INPUT (a relay state other
// than open or closed), NOT_FOUND, CONFLICT (it is not sent).
func (s *CommandService) ConfirmCommandReadBack(ctx context.Context, id int64, rb voltpay.CommandReadBack) (*voltpay.Command, error) {
	if rb.Relay != "" && rb.Relay != voltpay.RelayOpen && rb.Relay != voltpay.RelayClosed {
		return nil, voltpay.Invalid("relay", "a relay read back is open or closed, got %q", rb.Relay)
	}
	return s.move(ctx, id, nil, func(tx *Tx, c *voltpay.Command) error {
		if err := s.recordRelay(ctx, tx, c.MeterID, rb.Relay); err != nil {
			return err
		}
		// A confirmed trip or close is told to the tenant (notify_enqueue.go).
		return warnRelay(ctx, tx, c)
	}, `state = 'confirmed', done_at = $2, updated_at = $2`)
}

// recordRelay sets meterID's relay to relay in tx ("" leaves it) and, when
// that changed it, publishes the meter after commit, as a reading that
// changed it would.
func (s *CommandService) recordRelay(ctx context.Context, tx *Tx, meterID int64, relay string) error {
	if relay == "" {
		return nil
	}
	ms := []*voltpay.Meter{}
	if err := tx.SelectContext(ctx, &ms, `UPDATE meters SET relay = $2 WHERE id = $1 AND relay <> $2 RETURNING `+meterColumns,
		meterID, relay); err != nil {
		return mapError(err)
	}
	if ev := s.db.Events; ev != nil {
		for _, m := range ms {
			tx.AfterCommit(func() { ev.PublishMeter(m) })
		}
	}
	return nil
}

// FailCommand marks a sent command failed for good, recording reason.
// Errors: NOT_FOUND, CONFLICT (it is not sent).
func (s *CommandService) FailCommand(ctx context.Context, id int64, reason string) (*voltpay.Command, error) {
	return s.move(ctx, id, nil, nil, `state = 'failed', done_at = $2, updated_at = $2, last_error = $3`, reason)
}

// RetryCommand returns a sent command to pending, due after backoff (0:
// now), recording reason. Errors: INVALID_INPUT (negative backoff),
// NOT_FOUND, CONFLICT (it is not sent).
func (s *CommandService) RetryCommand(ctx context.Context, id int64, reason string, backoff time.Duration) (*voltpay.Command, error) {
	if backoff < 0 {
		return nil, voltpay.Invalid("backoff", "backoff cannot be negative, got %s", backoff)
	}
	check := func(c *voltpay.Command) error {
		if c.State == voltpay.CommandPending {
			return voltpay.Errorf(voltpay.ECONFLICT, "command %d is pending, not sent; only a sent command can be retried", c.ID)
		}
		return nil // other states: the trigger explains
	}
	return s.move(ctx, id, check, nil, `state = 'pending', updated_at = $2, last_error = $3, next_attempt_at = $2::timestamptz + $4::bigint * interval '1 microsecond'`,
		reason, backoff.Microseconds())
}

// CancelCommand cancels a pending command. Errors: NOT_FOUND, CONFLICT (it
// was already sent, or has finished).
func (s *CommandService) CancelCommand(ctx context.Context, id int64) (*voltpay.Command, error) {
	check := func(c *voltpay.Command) error {
		if c.State == voltpay.CommandSent {
			return voltpay.Errorf(voltpay.ECONFLICT,
				"command %d was already sent to the meter and is on its way; it can no longer be cancelled (wait for it to be confirmed or fail, then send the opposite command)", c.ID)
		}
		return nil
	}
	return s.move(ctx, id, check, nil, `state = 'cancelled', done_at = $2, updated_at = $2`)
}

// move locks command id, runs check on it (if any), then applies set, in
// which $1 is the id, $2 the transaction's now and $3… args, and runs then
// (if any) on the moved command in the same transaction. The trigger
// refuses moves the state machine forbids (CONFLICT).
func (s *CommandService) move(ctx context.Context, id int64, check func(*voltpay.Command) error,
	then func(*Tx, *voltpay.Command) error, set string, args ...any) (*voltpay.Command, error) {
	got := &commandRow{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if check != nil {
			cur := &commandRow{}
			if err := tx.GetContext(ctx, cur, `SELECT `+commandColumns+` FROM meter_commands WHERE id = $1 FOR UPDATE`, id); err != nil {
				return notFound(err, "command", id)
			}
			if err := check(cur.command()); err != nil {
				return err
			}
		}
		err := tx.GetContext(ctx, got, `UPDATE meter_commands SET `+set+` WHERE id = $1 RETURNING `+commandColumns,
			append([]any{id, tx.now}, args...)...)
		if err != nil {
			return notFound(err, "command", id)
		}
		if then != nil {
			if err := then(tx, got.command()); err != nil {
				return err
			}
		}
		s.publish(tx, got.command())
		return nil
	})
	if err != nil {
		return nil, err
	}
	return got.command(), nil
}

// ExpireCommands marks every pending or sent command past its expiry
// expired and returns how many. Errors: UNAVAILABLE.
func (s *CommandService) ExpireCommands(ctx context.Context) (int, error) {
	return s.bulk(ctx, `
		UPDATE meter_commands
		SET state = 'expired', done_at = $1, updated_at = $1
		WHERE state IN ('pending', 'sent') AND expires_at <= $1
		RETURNING `+commandColumns)
}

// RequeueStale returns commands sent longer ago than after to pending, due
// now (their worker died between sending and confirming), and returns how
// many. Errors: INVALID_INPUT (negative after), UNAVAILABLE.
func (s *CommandService) RequeueStale(ctx context.Context, after time.Duration) (int, error) {
	if after < 0 {
		return 0, voltpay.Invalid("after", "after cannot be negative, got %s", after)
	}
	return s.bulk(ctx, `
		UPDATE meter_commands
		SET state = 'pending', updated_at = $1, next_attempt_at = $1,
			last_error = 'no result reported within ' || $3::text
		WHERE state = 'sent' AND updated_at < $1::timestamptz - $2::bigint * interval '1 microsecond'
		RETURNING `+commandColumns,
		after.Microseconds(), after.String())
}

// bulk runs an UPDATE … RETURNING commandColumns whose $1 is the
// transaction's now, publishes the rows it changed and returns how many.
func (s *CommandService) bulk(ctx context.Context, query string, args ...any) (int, error) {
	var n int
	err := s.db.inTx(ctx, func(tx *Tx) error {
		rows := []*commandRow{}
		if err := tx.SelectContext(ctx, &rows, query, append([]any{tx.now}, args...)...); err != nil {
			return mapError(err)
		}
		n = len(rows)
		s.publish(tx, commands(rows)...)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// publish schedules, after tx commits, an event for each of cs.
func (s *CommandService) publish(tx *Tx, cs ...*voltpay.Command) {
	ev := s.db.Events
	if ev == nil {
		return
	}
	for _, c := range cs {
		tx.AfterCommit(func() { ev.PublishCommand(c) })
	}
}

// FindCommandByID returns one command. Errors: NOT_FOUND, UNAVAILABLE.
func (s *CommandService) FindCommandByID(ctx context.Context, id int64) (*voltpay.Command, error) {
	c := &commandRow{}
	if err := s.db.GetContext(ctx, c, `SELECT `+commandColumns+` FROM meter_commands WHERE id = $1`, id); err != nil {
		return nil, notFound(err, "command", id)
	}
	return c.command(), nil
}

// FindCommands lists commands newest first, every filter applied in SQL;
// Total counts the filter regardless of the cursor. Errors: INVALID_INPUT
// (unknown kind or state), UNAVAILABLE.
func (s *CommandService) FindCommands(ctx context.Context, f voltpay.CommandFilter) (*voltpay.Page[*voltpay.Command], error) {
	if f.Kind != nil && !slices.Contains(voltpay.CommandKinds, *f.Kind) {
		return nil, voltpay.Invalid("kind", "unknown command kind %q; use one of %v", *f.Kind, voltpay.CommandKinds)
	}
	if f.State != nil && !slices.Contains(voltpay.CommandStates, *f.State) {
		return nil, voltpay.Invalid("state", "unknown command state %q; use one of %v", *f.State, voltpay.CommandStates)
	}
	var w where
	w.add("meter_id = ?", f.MeterID)
	w.add("kind = ?", f.Kind)
	w.add("state = ?", f.State)
	return findRowPage(ctx, s.db, commandColumns, "meter_commands", w, f.Page, true, (*commandRow).command)
}

func isCommandKeyRace(err error) bool { return isUnique(err, "meter_commands_idempotency_key_key") }

func isForeignKey(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code.Name() == "foreign_key_violation"
}
