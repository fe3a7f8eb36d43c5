package postgres

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// mapError turns PostgreSQL errors into domain errors with a code. Storage
// functions pass every database error through it, so constraint violations
// become CONFLICT or INVALID_INPUT instead of internal errors.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var ve *voltpay.Error
	if errors.As(err, &ve) {
		return err
	}
	var pe *pq.Error
	if errors.As(err, &pe) {
		switch code := string(pe.Code); {
		case strings.HasPrefix(code, "VPN"): // our triggers' own codes (schema.sql)
			return voltpay.Errorf(voltpay.ENOTFOUND, "%s", pe.Message)
		case strings.HasPrefix(code, "VPC"):
			return voltpay.Errorf(voltpay.ECONFLICT, "%s", pe.Message)
		case strings.HasPrefix(code, "VPI"):
			return voltpay.Errorf(voltpay.EINVALID, "%s", pe.Message)
		case strings.HasPrefix(code, "VPB"):
			return voltpay.Errorf(voltpay.EINSUFFICIENT_BALANCE, "%s", pe.Message)
		}
		switch pe.Code.Name() {
		case "unique_violation":
			return voltpay.Errorf(voltpay.ECONFLICT, "%s already exists (%s)", constraintSubject(pe.Constraint), pe.Constraint)
		case "foreign_key_violation":
			return voltpay.Errorf(voltpay.ENOTFOUND, "a referenced record does not exist (%s): %s", pe.Constraint, pe.Message)
		case "check_violation", "not_null_violation", "string_data_right_truncation", "invalid_text_representation":
			return voltpay.Errorf(voltpay.EINVALID, "the database refused the value: %s %s", pe.Message, pe.Constraint)
		case "insufficient_privilege":
			return voltpay.Errorf(voltpay.EFORBIDDEN, "%s", pe.Message)
		case "serialization_failure", "deadlock_detected", "lock_not_available":
			return fmt.Errorf("retryable: %w", err)
		case "too_many_connections", "cannot_connect_now", "admin_shutdown", "crash_shutdown":
			return voltpay.Errorf(voltpay.EUNAVAILABLE, "the database is unavailable (%s); retry in a moment", pe.Code.Name())
		}
		return fmt.Errorf("postgres %s: %w", pe.Code.Name(), err)
	}
	return unavailable(err)
}

// unavailable marks connection failures as UNAVAILABLE; other errors pass through.
func unavailable(err error) error {
	var ne net.Error
	var oe *net.OpError
	if errors.Is(err, driver.ErrBadConn) || errors.As(err, &ne) || errors.As(err, &oe) {
		return voltpay.Errorf(voltpay.EUNAVAILABLE, "the database is unavailable; retry in a moment")
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return voltpay.Errorf(voltpay.EUNAVAILABLE, "the database did not answer in time; retry in a moment")
	}
	return err
}

func isRetryable(err error) bool {
	var pe *pq.Error
	if errors.As(err, &pe) {
		switch pe.Code.Name() {
		case "serialization_failure", "deadlock_detected":
			return true
		}
	}
	return false
}

// constraintSubject names, for people, what a unique constraint protects.
func constraintSubject(constraint string) string {
	switch constraint {
	case "ledger_entries_idempotency_key_key":
		return "an entry with this idempotency key"
	case "ledger_entries_external_ref_key":
		return "an entry for this payment transaction"
	case "meters_bus_address_channel_uniq":
		return "an active meter with this address and channel on this gateway"
	case "operators_username_key":
		return "an operator with this username"
	case "tenant_users_phone_key":
		return "a tenant login with this phone"
	case "sites_code_key":
		return "a site with this code"
	case "gateways_host_port_key":
		return "a gateway at this host:port"
	case "gateways_site_id_name_key", "buildings_site_id_name_key", "tariffs_site_id_name_key":
		return "a record with this name"
	}
	return "a record with these values"
}

// isMissingDatabase reports whether err says the database does not exist.
func isMissingDatabase(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code.Name() == "invalid_catalog_name"
}
