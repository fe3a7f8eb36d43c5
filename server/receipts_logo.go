package main

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/receipt"
)

// putLogo serves PUT /receipts/logo/{siteId}: the request body, a PNG of at
// most receipt.MaxLogoBytes, becomes the logo of the site's receipts; an
// empty body removes it. The rest of the layout (setReceiptLayout) stays.
// It needs manage_meters, as setReceiptLayout does, and is audited as
// setReceiptLogo. The logo travels here, not over GraphQL, because no
// GraphQL string input may hold more than voltpay.MaxTextLen characters.
func (p *receiptPrinter) putLogo(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ctx := r.Context()
	siteID, _ := strconv.ParseInt(r.PathValue("siteId"), 10, 64)
	n, err := p.setLogo(r, siteID)
	if voltpay.PrincipalFrom(ctx) != nil {
		b, _ := json.Marshal(map[string]any{"siteId": siteID, "bytes": n})
		e := &voltpay.AuditEntry{Operation: "setReceiptLogo", Args: b, IP: graph.RequestInfoFrom(ctx).IP, Result: "ok",
			DurationMS: int(time.Since(start).Milliseconds())}
		if err != nil {
			e.Result, e.Message = voltpay.ErrorCode(err), voltpay.ErrorMessage(err)
		}
		if aerr := p.res.AuditService.Record(ctx, e); aerr != nil {
			p.log.ErrorContext(ctx, "receipt logo: audit entry not written", "site", siteID, "err", aerr)
		}
	}
	if err != nil {
		writeJSONError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"siteId": strconv.FormatInt(siteID, 10), "logoBytes": n})
}

// setLogo stores the body of r as site's logo and returns its size.
// Errors: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, INVALID_INPUT.
func (p *receiptPrinter) setLogo(r *http.Request, siteID int64) (int, error) {
	ctx := r.Context()
	if err := graph.Require(ctx, voltpay.PermManageMeters); err != nil {
		return 0, err
	}
	// A page on another site could send the session cookie along.
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return 0, voltpay.Errorf(voltpay.EFORBIDDEN, "a receipt logo cannot be set from another site's page")
	}
	if siteID <= 0 {
		return 0, voltpay.Errorf(voltpay.ENOTFOUND, "no site %q: use PUT /receipts/logo/<site id>", r.PathValue("siteId"))
	}
	logo, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, receipt.MaxLogoBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return 0, voltpay.Invalid("logo", "the logo is larger than %d bytes: shrink the PNG", receipt.MaxLogoBytes)
	}
	if err != nil {
		return 0, voltpay.Invalid("logo", "the logo could not be read (%v): send the PNG as the request body", err)
	}
	stored, err := p.res.SiteService.FindReceiptLayouts(ctx, []int64{siteID})
	if err != nil {
		return 0, err
	}
	l, err := receipt.ParseLayout(stored[siteID])
	if err != nil {
		l = &receipt.Layout{} // an unreadable stored layout: start afresh
	}
	l.Logo = logo
	b, err := json.Marshal(l)
	if err != nil {
		return 0, err
	}
	return len(logo), p.res.SiteService.SetReceiptLayout(ctx, siteID, b)
}
