package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/receipt"
)

// FindReceiptLayout returns the receipt layout stored for the site, nil
// for none. Errors: NOT_FOUND.
func (s *SiteService) FindReceiptLayout(ctx context.Context, siteID int64) ([]byte, error) {
	var layout sql.NullString
	err := s.db.GetContext(ctx, &layout, `SELECT receipt_layout FROM sites WHERE id = $1`, siteID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, voltpay.Errorf(voltpay.ENOTFOUND, "site %d not found", siteID)
	}
	if err != nil {
		return nil, fmt.Errorf("receipt layout of site %d: %w", siteID, err)
	}
	if !layout.Valid {
		return nil, nil
	}
	return []byte(layout.String), nil
}

// SetReceiptLayout checks layout (receipt.ParseLayout) and stores it for
// the site; nil or empty clears it. Errors: NOT_FOUND, INVALID_INPUT.
func (s *SiteService) SetReceiptLayout(ctx context.Context, siteID int64, layout []byte) error {
	var arg any
	if len(layout) > 0 {
		l, err := receipt.ParseLayout(layout)
		if err != nil {
			return voltpay.Invalid("layout", "%v", err)
		}
		b, err := json.Marshal(l) // as parsed: unknown members never stored
		if err != nil {
			return fmt.Errorf("receipt layout: %w", err)
		}
		arg = string(b)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE sites SET receipt_layout = $2::jsonb WHERE id = $1`, siteID, arg)
	if err != nil {
		return fmt.Errorf("set receipt layout of site %d: %w", siteID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return voltpay.Errorf(voltpay.ENOTFOUND, "site %d not found", siteID)
	}
	return nil
}
