package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/receipt"
)

// receiptPrinter serves GET /receipts/{number}.pdf: the receipt (三联单)
// of one ledger entry as a PDF (docs/RECEIPTS.md). The entry is looked up
// as the caller, so a tenant finds only its own account's receipts and
// gets 404 for anyone else's (whether it exists is not told); the account,
// meters and site it prints are then read for that entry alone. Every
// print by a signed-in caller is written to the audit log ("printReceipt",
// with reprint marked), since no table counts reprints.
type receiptPrinter struct {
	res *graph.Resolver
	log *slog.Logger
}

// receiptNumber is what a receipt number may look like (the ledger makes
// R<date><sequence>); anything else is not looked up.
var receiptNumber = regexp.MustCompile(`^[A-Za-z0-9-]{1,40}$`)

// receiptParams are a print's query parameters, checked.
type receiptParams struct {
	No      string
	Copies  []receipt.Copy
	Paper   receipt.Paper
	Reprint bool
	Lang    string
}

func (p *receiptPrinter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ctx := r.Context()
	params, err := readReceiptParams(r)
	if err == nil {
		err = canPrint(ctx)
	}
	var rc *receipt.Receipt
	var layout *receipt.Layout
	if err == nil {
		rc, layout, err = p.load(ctx, params.No)
	}
	var pdf bytes.Buffer
	if err == nil {
		rc.Reprint = params.Reprint
		rc.URL = receiptURL(r, layout, params.No)
		err = render(ctx, &pdf, rc, layout, receipt.Options{Paper: params.Paper, Copies: params.Copies, Lang: params.Lang})
	}
	p.audit(ctx, params, start, err)
	if err != nil {
		if voltpay.ErrorCode(err) == voltpay.EINTERNAL || voltpay.ErrorCode(err) == voltpay.EUNAVAILABLE {
			p.log.ErrorContext(ctx, "receipt PDF failed", "receipt", params.No, "err", err, "request_id", graph.RequestInfoFrom(ctx).RequestID)
		}
		writeJSONError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s.pdf"`, params.No))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(pdf.Bytes())
}

// renderSlots bounds the receipts drawn at once: fpdf parses the fonts
// anew for each PDF, about 35 MB of allocation and 30 ms of a core
// (docs/BENCHMARKS.md), so that a burst of requests waits its turn rather
// than taking the server's memory.
var renderSlots = make(chan struct{}, 4)

// render draws rc into w when a slot is free. Errors: UNAVAILABLE (no
// font, or the caller gave up waiting).
func render(ctx context.Context, w *bytes.Buffer, rc *receipt.Receipt, l *receipt.Layout, o receipt.Options) error {
	return inRenderSlot(ctx, "receipt", func() error { return receipt.Render(w, rc, l, o) })
}

// inRenderSlot runs draw (a receipt's or a statement's, what) when a slot
// is free. Errors: UNAVAILABLE (no font, or the caller gave up waiting).
func inRenderSlot(ctx context.Context, what string, draw func() error) error {
	select {
	case renderSlots <- struct{}{}:
		defer func() { <-renderSlots }()
	case <-ctx.Done():
		return voltpay.Errorf(voltpay.EUNAVAILABLE, "the server is busy printing; try again")
	}
	if err := draw(); err != nil {
		return voltpay.Errorf(voltpay.EUNAVAILABLE, "the %s cannot be printed on this server: %v", what, err)
	}
	return nil
}

// readReceiptParams reads the number from the path and copy (all, or a
// comma-separated list of tenant, finance, archive), paper (a4, 241),
// reprint (1 or true) and lang from the query. Errors: NOT_FOUND (not a
// receipt number), INVALID_INPUT.
func readReceiptParams(r *http.Request) (receiptParams, error) {
	no, ok := strings.CutSuffix(r.PathValue("file"), ".pdf")
	p := receiptParams{No: no, Paper: receipt.A4}
	if !ok || !receiptNumber.MatchString(no) {
		p.No = ""
		return p, voltpay.Errorf(voltpay.ENOTFOUND, "no receipt %q: use /receipts/<receipt number>.pdf", r.PathValue("file"))
	}
	err := p.readQuery(r)
	return p, err
}

// readQuery reads a print's copy, paper, reprint and lang parameters (the
// receipt's and the layout preview's). Errors: INVALID_INPUT.
func (p *receiptParams) readQuery(r *http.Request) error {
	q := r.URL.Query()
	if c := q.Get("copy"); c != "" && c != "all" {
		for _, part := range strings.Split(c, ",") {
			cp := receipt.Copy(strings.TrimSpace(part))
			if cp != receipt.CopyTenant && cp != receipt.CopyFinance && cp != receipt.CopyArchive {
				return voltpay.Invalid("copy", "copy %q is not a part of the receipt: use all, or tenant, finance and archive (客户联, 财务联, 存根联), comma-separated", part)
			}
			if !slices.Contains(p.Copies, cp) {
				p.Copies = append(p.Copies, cp)
			}
		}
	}
	if name := q.Get("paper"); name != "" {
		paper, ok := receipt.Papers[strings.ToLower(name)]
		if !ok {
			return voltpay.Invalid("paper", "paper %q is unknown: use a4 (three parts on one sheet) or 241 (241 mm continuous paper)", name)
		}
		p.Paper = paper
	}
	switch q.Get("reprint") {
	case "", "0", "false":
	case "1", "true":
		p.Reprint = true
	default:
		return voltpay.Invalid("reprint", "reprint must be 1 (a copy printed again, marked 重打) or 0")
	}
	p.Lang = q.Get("lang")
	if p.Lang == "" {
		p.Lang = r.Header.Get("Accept-Language")
	}
	if !strings.HasPrefix(strings.ToLower(p.Lang), "en") {
		p.Lang = "zh-CN" // Chinese first; only English otherwise
	}
	return nil
}

// canPrint refuses anonymous callers (UNAUTHENTICATED) and callers who may
// not read ledger entries (FORBIDDEN); tenants may, for their account.
func canPrint(ctx context.Context) error {
	p := voltpay.PrincipalFrom(ctx)
	if p == nil {
		return voltpay.Errorf(voltpay.EUNAUTHENTICATED, "sign in to print receipts")
	}
	if !p.Can(voltpay.PermReadAccounts) {
		return voltpay.Errorf(voltpay.EFORBIDDEN, "printing a receipt needs the read_accounts permission; ask an administrator")
	}
	return nil
}

// receiptURL is what the receipt's QR code opens: the receipt in the
// tenant app, under the site's public address (its layout's publicUrl),
// else the address this request came to.
func receiptURL(r *http.Request, l *receipt.Layout, no string) string {
	base := strings.TrimSuffix(l.PublicURL, "/")
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return base + "/m/receipt/" + url.PathEscape(no)
}

// audit records a print: which receipt, copies, paper, whether a reprint,
// or why it was refused. Anonymous refusals are not recorded (as exports).
func (p *receiptPrinter) audit(ctx context.Context, params receiptParams, start time.Time, err error) {
	if voltpay.PrincipalFrom(ctx) == nil {
		return
	}
	copies := "all"
	if len(params.Copies) > 0 {
		names := make([]string, len(params.Copies))
		for i, c := range params.Copies {
			names[i] = string(c)
		}
		copies = strings.Join(names, ",")
	}
	b, _ := json.Marshal(map[string]any{"receiptNo": params.No, "copy": copies, "paper": params.Paper.Name, "reprint": params.Reprint})
	e := &voltpay.AuditEntry{Operation: "printReceipt", Args: b, IP: graph.RequestInfoFrom(ctx).IP, Result: "ok",
		DurationMS: int(time.Since(start).Milliseconds())}
	if err != nil {
		e.Result, e.Message = voltpay.ErrorCode(err), voltpay.ErrorMessage(err)
	}
	if err := p.res.AuditService.Record(ctx, e); err != nil {
		p.log.ErrorContext(ctx, "receipt: audit entry not written", "receipt", params.No, "err", err)
	}
}
