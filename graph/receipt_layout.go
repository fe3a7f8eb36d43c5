package graph

import (
	"context"
	"encoding/json"

	"github.com/voltpay/voltpay/graph/model"
	"github.com/voltpay/voltpay/receipt"
)

// layoutJSON is the stored form (receipt.Layout's JSON) of a layout as
// sent, with the logo the site has (uploaded over HTTP, too large for a
// GraphQL string); SiteService.SetReceiptLayout checks it.
func (r *Resolver) layoutJSON(ctx context.Context, siteID int64, in model.ReceiptLayoutInput) ([]byte, error) {
	l := receipt.Layout{Title: in.Title, Footer: in.Footer, Fields: in.Fields, PublicURL: in.PublicURL}
	stored, err := r.SiteService.FindReceiptLayouts(ctx, []int64{siteID})
	if err != nil {
		return nil, err
	}
	if old, err := receipt.ParseLayout(stored[siteID]); err == nil {
		l.Logo = old.Logo
	}
	return json.Marshal(l)
}
