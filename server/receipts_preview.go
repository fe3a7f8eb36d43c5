package main

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/receipt"
)

// preview serves GET /receipts/preview/{siteId}.pdf: a made-up sale
// receipt printed with the site's layout as stored (title, fields,
// footer, logo), so that whoever edits the layout sees it before a tenant
// does. It takes the print's copy, paper and lang parameters. It needs
// manage_meters, as setReceiptLayout does, and prints no real account, so
// it reveals nothing but the site's layout; it is not audited (it changes
// nothing and prints no receipt of the ledger).
func (p *receiptPrinter) preview(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var pdf bytes.Buffer
	err := graph.Require(ctx, voltpay.PermManageMeters)
	params := receiptParams{No: "SAMPLE-0001", Paper: receipt.A4}
	if err == nil {
		err = params.readQuery(r)
	}
	var site *voltpay.Site
	if err == nil {
		site, err = p.previewSite(r)
	}
	if err == nil {
		l := p.layout(ctx, site)
		rc := sampleReceipt(site, params.No, voltpay.PrincipalFrom(ctx))
		rc.URL = receiptURL(r, l, params.No)
		err = render(ctx, &pdf, rc, l, receipt.Options{Paper: params.Paper, Copies: params.Copies, Lang: params.Lang})
	}
	if err != nil {
		writeJSONError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="receipt-preview.pdf"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(pdf.Bytes())
}

// previewSite is the site the path names. Errors: NOT_FOUND.
func (p *receiptPrinter) previewSite(r *http.Request) (*voltpay.Site, error) {
	raw, ok := strings.CutSuffix(r.PathValue("file"), ".pdf")
	id, err := strconv.ParseInt(raw, 10, 64)
	if !ok || err != nil || id <= 0 {
		return nil, voltpay.Errorf(voltpay.ENOTFOUND, "no site %q: use /receipts/preview/<site id>.pdf", r.PathValue("file"))
	}
	return p.site(r.Context(), id)
}

// sampleReceipt is the made-up sale the preview prints: every field
// filled, so that each one the layout keeps shows, and its note saying it
// is a sample.
func sampleReceipt(site *voltpay.Site, no string, by *voltpay.Principal) *receipt.Receipt {
	operator := "操作员"
	if by != nil && by.Name != "" {
		operator = by.Name
	}
	return &receipt.Receipt{
		No: no, Kind: receipt.KindSale, SiteName: site.Name,
		AccountNo: "A0001", Tenant: "示例商户 Sample tenant", Shop: "1F-01", Meters: []string{"000000000001"},
		AmountFen: 10000, BalanceBeforeFen: 2345, BalanceAfterFen: 12345,
		Channel: voltpay.ChannelCash, Operator: operator, Time: time.Now(),
		Note: "样张，仅供预览 / sample, for preview only",
	}
}
