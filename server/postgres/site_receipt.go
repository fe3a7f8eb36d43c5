package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/receipt"
)

// FindReceiptLayouts returns the receipt layouts stored for siteIDs, by
// site id, in one query; sites without one are left out.
func (s *SiteService) FindReceiptLayouts(ctx context.Context, siteIDs []int64) (map[int64][]byte, error) {
	var rows []struct {
		ID     int64  `db:"id"`
		Layout string `db:"receipt_layout"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT id, receipt_layout::text AS receipt_layout FROM sites
		WHERE id = ANY($1) AND receipt_layout IS NOT NULL`, pq.Array(siteIDs))
	if err != nil {
		return nil, fmt.Errorf("receipt layouts: %w", err)
	}
	out := make(map[int64][]byte, len(rows))
	for _, r := range rows {
		out[r.ID] = []byte(r.Layout)
	}
	return out, nil
}

// SetReceiptLayout checks layout (receipt.ParseLayout) and stores it for
// the site; nil or empty clears it. Errors: NOT_FOUND, INVALID_INPUT.
func (s *SiteService) SetReceiptLayout(ctx context.Context, siteID int64, layout []byte) error {
	var arg any
	if len(layout) > 0 {
		l, err := receipt.ParseLayout(layout)
		if err != nil {
			field := "layout"
			if me := (*receipt.MemberError)(nil); errors.As(err, &me) {
				field += "." + me.Member // under the editor's field
			}
			return voltpay.Invalid(field, "%v", err)
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
