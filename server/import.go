package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/server/sheets"
)

// importer serves the site import (快速配置): the template at GET
// /import/site-template.xlsx and POST /import/site, which checks an
// uploaded sheet row by row and, when every row is right and dryRun is
// false, writes it in one transaction.
type importer struct {
	res *graph.Resolver
	svc voltpay.SiteImportService
	log *slog.Logger
}

// multipartSlack is what a multipart body may hold beside the file.
const multipartSlack = 64 << 10

// importAnswer is the JSON answer of POST /import/site.
type importAnswer struct {
	OK     bool `json:"ok"`
	DryRun bool `json:"dryRun"`
	// AlreadyImported: the same sheet was imported into the site before
	// (at ImportedAt); nothing was written this time.
	AlreadyImported bool                      `json:"alreadyImported,omitempty"`
	ImportedAt      *time.Time                `json:"importedAt,omitempty"`
	Errors          []sheets.CellError        `json:"errors"`
	OmittedErrors   int                       `json:"omittedErrors,omitempty"`
	SkippedRows     []int                     `json:"skippedRows,omitempty"`
	Summary         voltpay.SiteImportSummary `json:"summary"`
	RequestID       string                    `json:"requestId"`
}

// template serves the import template. With siteId, for a caller who may
// read the site, it lists the site's tariffs.
func (im *importer) template(w http.ResponseWriter, r *http.Request) {
	var tariffs []string
	if s := r.URL.Query().Get("siteId"); s != "" {
		ctx := r.Context()
		siteID, err := strconv.ParseInt(s, 10, 64)
		if err != nil || siteID <= 0 {
			writeJSONError(w, r, voltpay.Invalid("siteId", "siteId must be a site's id, got %q", s))
			return
		}
		if err := graph.Require(ctx, voltpay.PermReadSite); err != nil {
			writeJSONError(w, r, err)
			return
		}
		page, err := im.res.TariffService.FindTariffs(ctx, voltpay.TariffFilter{SiteID: &siteID, Page: voltpay.PageArgs{First: voltpay.MaxPageSize}})
		if err != nil {
			writeJSONError(w, r, err)
			return
		}
		for _, t := range page.Items {
			tariffs = append(tariffs, t.Name)
		}
	}
	f, err := sheets.Template(tariffs)
	if err != nil {
		im.log.ErrorContext(r.Context(), "import template", "err", err)
		writeJSONError(w, r, err)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", contentDisposition("site-template", "快速配置模板", time.Now().Format(voltpay.DateLayout)))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	f.Write(w)
}

// site serves POST /import/site?siteId=N&dryRun=true|false.
func (im *importer) site(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ctx := r.Context()
	if err := graph.Require(ctx, voltpay.PermManageMeters); err != nil {
		writeJSONError(w, r, err)
		return
	}
	// A page on another site could post a form with the session cookie
	// (SameSite=Lax keeps it off cross-site POSTs in today's browsers;
	// this keeps it off everywhere).
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		writeJSONError(w, r, voltpay.Errorf(voltpay.EFORBIDDEN, "a sheet cannot be imported from another site's page"))
		return
	}
	q := r.URL.Query()
	siteID, err := strconv.ParseInt(q.Get("siteId"), 10, 64)
	if err != nil || siteID <= 0 {
		writeJSONError(w, r, voltpay.Invalid("siteId", "siteId is required: the id of the site the sheet is for, got %q", q.Get("siteId")))
		return
	}
	dryRun := true // unless asked, nothing is written
	if s := q.Get("dryRun"); s != "" {
		if dryRun, err = strconv.ParseBool(s); err != nil {
			writeJSONError(w, r, voltpay.Invalid("dryRun", "dryRun is true (only check the sheet) or false (check it and write it), got %q", s))
			return
		}
	}
	data, status, err := readUpload(w, r)
	if err != nil {
		writeJSONStatus(w, r, status, err)
		return
	}
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	sheet, err := sheets.ReadWorkbook(data)
	if err != nil {
		writeJSONError(w, r, err)
		return
	}
	st, err := im.svc.SiteImportState(ctx, siteID, sha, sheets.Addresses(sheet))
	if err != nil {
		writeJSONError(w, r, err)
		return
	}
	ans := &importAnswer{DryRun: dryRun, Errors: []sheets.CellError{}, RequestID: graph.RequestInfoFrom(ctx).RequestID}
	if prev := st.Imported; prev != nil {
		// The same file again: the first import's answer, nothing written
		// (and no audit entry: the first one's records it).
		ans.OK, ans.AlreadyImported, ans.ImportedAt, ans.Summary = true, true, &prev.At, prev.Summary
		writeJSON(w, http.StatusOK, ans)
		return
	}
	plan := sheets.PlanImport(sheet, siteID, sha, st)
	for _, need := range []struct {
		row  int
		perm voltpay.Permission
		why  string
	}{{plan.TenantRow, voltpay.PermManageAccounts, "opens tenants' accounts"}, {plan.BalanceRow, voltpay.PermSell, "posts opening balances"}} {
		if need.row == 0 {
			continue
		}
		if err := graph.Require(ctx, need.perm); err != nil {
			writeJSONError(w, r, voltpay.Errorf(voltpay.ErrorCode(err), "the sheet %s (row %d on): %s; clear those columns or ask for the permission", need.why, need.row, voltpay.ErrorMessage(err)))
			return
		}
	}
	ans.Errors, ans.OmittedErrors, ans.SkippedRows, ans.Summary = plan.Errors, plan.Omitted, plan.Skipped, plan.Summary
	audit := &voltpay.AuditEntry{Operation: "importSite", IP: graph.RequestInfoFrom(ctx).IP, Args: importArgs(siteID, dryRun, sha, sheet, plan)}
	if len(plan.Errors) > 0 || dryRun {
		ans.OK = len(plan.Errors) == 0
		if !ans.OK {
			audit.Result, audit.Message = voltpay.EINVALID, fmt.Sprintf("%d errors in the sheet", len(plan.Errors)+plan.Omitted)
		}
		im.record(ctx, audit, start, nil)
		writeJSON(w, answerStatus(ans), ans)
		return
	}

	pending := voltpay.NewPendingAudit(audit, start)
	res, err := im.svc.ImportSite(voltpay.WithPendingAudit(ctx, pending), plan.Import)
	if err != nil {
		if !pending.Claimed() && !pending.Replayed() {
			im.record(ctx, pending.Entry(err), start, err)
		}
		var rowErr *voltpay.RowError
		if errors.As(err, &rowErr) {
			// Something changed since the sheet was checked (another
			// import, an operator): nothing was written.
			msg := voltpay.ErrorMessage(err)
			ans.Errors = []sheets.CellError{{Row: rowErr.Row, Message: sheets.Text{
				Zh: fmt.Sprintf("第 %d 行写入时失败，全部未写入：%s", rowErr.Row, msg), En: fmt.Sprintf("row %d failed while writing; nothing was written: %s", rowErr.Row, msg)}}}
			writeJSON(w, statusOf(voltpay.ErrorCode(err)), ans)
			return
		}
		if voltpay.ErrorCode(err) == voltpay.EINTERNAL {
			im.log.ErrorContext(ctx, "site import failed", "site", siteID, "err", err, "request_id", ans.RequestID)
		}
		writeJSONError(w, r, err)
		return
	}
	ans.OK, ans.Summary, ans.AlreadyImported = true, res.Summary, res.Replayed
	if res.Replayed {
		ans.ImportedAt = &res.At
	}
	writeJSON(w, http.StatusOK, ans)
}

// answerStatus is 200 for a sheet without errors, 422 for one with.
func answerStatus(a *importAnswer) int {
	if a.OK {
		return http.StatusOK
	}
	return http.StatusUnprocessableEntity
}

// readUpload reads the uploaded workbook: the body itself (an .xlsx media
// type or application/octet-stream) or the multipart form field "file",
// at most sheets.MaxImportBytes. It returns the HTTP status of its error.
func readUpload(w http.ResponseWriter, r *http.Request) ([]byte, int, error) {
	tooLarge := voltpay.Invalid("file", "the upload is larger than %d MB; split the sheet into several files", sheets.MaxImportBytes>>20)
	if r.ContentLength > sheets.MaxImportBytes+multipartSlack {
		return nil, http.StatusRequestEntityTooLarge, tooLarge
	}
	r.Body = http.MaxBytesReader(w, r.Body, sheets.MaxImportBytes+multipartSlack)
	read := func(body io.Reader) ([]byte, int, error) {
		data, err := io.ReadAll(io.LimitReader(body, sheets.MaxImportBytes+1))
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe) || len(data) > sheets.MaxImportBytes:
			return nil, http.StatusRequestEntityTooLarge, tooLarge
		case err != nil:
			return nil, http.StatusBadRequest, voltpay.Invalid("file", "the upload could not be read (%v); send it again", err)
		case len(data) == 0:
			return nil, http.StatusBadRequest, voltpay.Invalid("file", "the upload is empty; send the .xlsx workbook as the body or as the form field \"file\"")
		}
		return data, 0, nil
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case xlsxType, "application/octet-stream":
		return read(r.Body)
	case "multipart/form-data":
		mr, err := r.MultipartReader()
		if err != nil {
			return nil, http.StatusBadRequest, voltpay.Invalid("file", "the multipart body cannot be read (%v)", err)
		}
		for {
			part, err := mr.NextPart()
			var mbe *http.MaxBytesError
			switch {
			case errors.As(err, &mbe):
				return nil, http.StatusRequestEntityTooLarge, tooLarge
			case err == io.EOF:
				return nil, http.StatusBadRequest, voltpay.Invalid("file", "the form has no field \"file\"; upload the workbook in a field named file")
			case err != nil:
				return nil, http.StatusBadRequest, voltpay.Invalid("file", "the multipart body cannot be read (%v)", err)
			case part.FormName() == "file":
				return read(part)
			}
		}
	}
	return nil, http.StatusUnsupportedMediaType, voltpay.Invalid("file",
		"send the workbook as Content-Type %s (or application/octet-stream), or as the field \"file\" of multipart/form-data, not %q", xlsxType, r.Header.Get("Content-Type"))
}

// importArgs are what the audit log keeps of an import: the site, whether
// it was a dry run, the sheet's digest, rows and what it creates.
func importArgs(siteID int64, dryRun bool, sha string, s *sheets.Sheet, plan *sheets.Plan) json.RawMessage {
	b, _ := json.Marshal(map[string]any{"siteId": siteID, "dryRun": dryRun, "sheetSha256": sha, "rows": len(s.Rows),
		"errors": len(plan.Errors) + plan.Omitted, "summary": plan.Summary})
	return b
}

// record writes an import's audit entry on its own (a dry run, a sheet
// with errors, a failed write).
func (im *importer) record(ctx context.Context, e *voltpay.AuditEntry, start time.Time, err error) {
	if e.Result == "" {
		e.Result = "ok"
	}
	if err != nil {
		e.Result, e.Message = voltpay.ErrorCode(err), voltpay.ErrorMessage(err)
	}
	e.DurationMS = int(time.Since(start).Milliseconds())
	if err := im.res.AuditService.Record(ctx, e); err != nil {
		im.log.ErrorContext(ctx, "site import: audit entry not written", "err", err)
	}
}

// writeJSONStatus answers err as {error, code, field, requestId} with
// status.
func writeJSONStatus(w http.ResponseWriter, r *http.Request, status int, err error) {
	body := map[string]any{"error": voltpay.ErrorMessage(err), "code": voltpay.ErrorCode(err),
		"requestId": graph.RequestInfoFrom(r.Context()).RequestID}
	if e := (*voltpay.Error)(nil); errors.As(err, &e) && e.Field != "" {
		body["field"] = e.Field
	}
	writeJSON(w, status, body)
}
