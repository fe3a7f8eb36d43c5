package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/receipt"
)

// statementPrinter serves GET /statements/{accountId}/{yyyy-mm}.pdf: an
// account's monthly statement (单户费用清单) as a PDF, read as the caller
// (StatementService: a tenant gets their own current account's and 404 for
// any other, as for one that does not exist), drawn in the site's receipt
// layout (its title and footer) and written to the audit log
// ("printStatement") as receipts are.
type statementPrinter struct{ rp *receiptPrinter }

func (p *statementPrinter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ctx := r.Context()
	month, ok := strings.CutSuffix(r.PathValue("file"), ".pdf")
	id, perr := strconv.ParseInt(r.PathValue("accountId"), 10, 64)
	err := canPrint(ctx)
	if err == nil && (!ok || perr != nil || id <= 0) {
		err = voltpay.Errorf(voltpay.ENOTFOUND, "no statement here: use /statements/<account id>/<yyyy-mm>.pdf")
	}
	var st *voltpay.AccountStatement
	if err == nil {
		st, err = p.rp.res.Statements.AccountStatement(ctx, id, month)
	}
	var pdf bytes.Buffer
	if err == nil {
		err = p.render(r, &pdf, st)
	}
	p.audit(r, id, month, start, err)
	if err != nil {
		if c := voltpay.ErrorCode(err); c == voltpay.EINTERNAL || c == voltpay.EUNAVAILABLE {
			p.rp.log.ErrorContext(ctx, "statement PDF failed", "account", id, "month", month, "err", err,
				"request_id", graph.RequestInfoFrom(ctx).RequestID)
		}
		writeJSONError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="statement-%s-%s.pdf"`, st.AccountNo, st.Month))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(pdf.Bytes())
}

// render draws st in its site's layout, its dates in the site's time.
func (p *statementPrinter) render(r *http.Request, pdf *bytes.Buffer, st *voltpay.AccountStatement) error {
	ctx := r.Context()
	site, err := p.rp.site(ctx, st.SiteID)
	if err != nil {
		return err
	}
	loc, err := time.LoadLocation(site.Timezone)
	if err != nil {
		loc, _ = time.LoadLocation(voltpay.DefaultTimezone)
	}
	lang := r.URL.Query().Get("lang")
	if lang == "" {
		lang = r.Header.Get("Accept-Language")
	}
	out := statementToPrint(st, loc)
	out.SiteName = site.Name
	l := p.rp.layout(ctx, site)
	return inRenderSlot(ctx, "statement", func() error { return receipt.RenderStatement(pdf, out, l, lang) })
}

// statementToPrint is st as package receipt prints it.
func statementToPrint(st *voltpay.AccountStatement, loc *time.Location) *receipt.Statement {
	out := &receipt.Statement{AccountNo: st.AccountNo, Tenant: st.TenantName, Shop: st.ShopNo, Month: st.Month,
		From: st.From.In(loc), To: st.To.In(loc), OpeningFen: int64(st.OpeningFen), ClosingFen: int64(st.ClosingFen),
		UnsplitChargeFen: int64(st.UnsplitChargeFen), Printed: time.Now().In(loc)}
	for _, t := range st.ByType {
		out.Movements = append(out.Movements, receipt.Movement{Kind: t.Type, AmountFen: int64(t.AmountFen), Count: t.Count})
	}
	for _, c := range st.Purchases {
		out.Purchases = append(out.Purchases, receipt.Movement{Kind: c.Channel, AmountFen: int64(c.AmountFen), Count: c.Count})
	}
	for _, c := range st.Refunds {
		out.Refunds = append(out.Refunds, receipt.Movement{Kind: c.Channel, AmountFen: int64(c.AmountFen), Count: c.Count})
	}
	for _, c := range st.Charges {
		out.Charges = append(out.Charges, receipt.StatementCharge{Meter: c.Address, Rate: c.Rate, Tier: c.Tier,
			EnergyWh: int64(c.EnergyWh), AmountFen: int64(c.AmountFen)})
	}
	return out
}

// audit records a print of a statement, or why it was refused; anonymous
// refusals are not recorded (as receipts).
func (p *statementPrinter) audit(r *http.Request, accountID int64, month string, start time.Time, err error) {
	ctx := r.Context()
	if voltpay.PrincipalFrom(ctx) == nil {
		return
	}
	if len(month) > 20 {
		month = month[:20]
	}
	b, _ := json.Marshal(map[string]any{"accountId": accountID, "month": month})
	e := &voltpay.AuditEntry{Operation: "printStatement", Args: b, IP: graph.RequestInfoFrom(ctx).IP, Result: "ok",
		DurationMS: int(time.Since(start).Milliseconds())}
	if err != nil {
		e.Result, e.Message = voltpay.ErrorCode(err), voltpay.ErrorMessage(err)
	}
	if err := p.rp.res.AuditService.Record(ctx, e); err != nil {
		p.rp.log.ErrorContext(ctx, "statement: audit entry not written", "account", accountID, "err", err)
	}
}
