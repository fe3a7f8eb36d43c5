package postgres

import (
	"context"

	"github.com/voltpay/voltpay"
)

// checkMarkup refuses a tariff of siteID priced above the site's markup cap
// (voltpay.TariffInput.CheckMarkup). The share lock on the site row makes a
// concurrent change of its grid price or cap wait for this tariff's write,
// so the check holds against the site as it is when the tariff commits.
// Errors: INVALID_INPUT, NOT_FOUND (site).
func checkMarkup(ctx context.Context, tx *Tx, siteID int64, in *voltpay.TariffInput) error {
	site := &siteRow{}
	if err := tx.GetContext(ctx, site, `SELECT `+siteColumns+` FROM sites WHERE id = $1 FOR SHARE`, siteID); err != nil {
		return notFound(err, "site", siteID)
	}
	return in.CheckMarkup(site.site())
}
