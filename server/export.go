package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/server/sheets"
)

// xlsxType is the media type of .xlsx workbooks.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// exporter serves GET /export/{list}.xlsx: any list of the API as an
// Excel workbook, with the list's GraphQL filter (the filter parameter,
// JSON) and permission, its rows read from the services as the caller, so
// that tenant scoping and the object rules apply as over GraphQL. Every
// export is written to the audit log.
type exporter struct {
	res     *graph.Resolver
	filters *graph.ListFilters
	log     *slog.Logger
}

func newExporter(res *graph.Resolver, log *slog.Logger) *exporter {
	return &exporter{res: res, filters: graph.NewListFilters(res, log), log: log}
}

func (x *exporter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	name, ok := strings.CutSuffix(r.PathValue("file"), ".xlsx")
	table := exportTables[name]
	if !ok || table == nil {
		writeJSONError(w, r, voltpay.Errorf(voltpay.ENOTFOUND, "no export %q: use /export/<list>.xlsx with a list of %s", r.PathValue("file"), exportNames()))
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	lang := sheets.ParseLang(q.Get("lang"), r.Header.Get("Accept-Language"))
	rawFilter := q.Get("filter")
	filter, err := x.filters.Read(ctx, name, []byte(rawFilter))
	if err != nil {
		x.audit(ctx, name, rawFilter, nil, start, err)
		writeJSONError(w, r, err)
		return
	}
	loc, sites := x.location(ctx, filter)
	now := time.Now()
	title := x.exportTitle(ctx, name, table.stem(), rawFilter, lang, loc, sites, now)
	res, err := table.write(withSheetTitle(ctx, title), x.res, filter, lang, loc)
	if err != nil {
		if voltpay.ErrorCode(err) == voltpay.EINTERNAL {
			x.log.ErrorContext(ctx, "export failed", "list", name, "err", err, "request_id", graph.RequestInfoFrom(ctx).RequestID)
		}
		x.audit(ctx, name, rawFilter, nil, start, err)
		writeJSONError(w, r, err)
		return
	}
	defer res.w.Close()

	day := now.In(loc).Format(voltpay.DateLayout)
	stem := table.stem()
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", contentDisposition(stem.En, stem.In(lang), day))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if err := res.w.Write(w); err != nil {
		// The answer has started: the client sees a broken download.
		x.log.WarnContext(ctx, "export: writing the workbook failed", "list", name, "err", err,
			"request_id", graph.RequestInfoFrom(ctx).RequestID)
		x.audit(ctx, name, rawFilter, res, start, voltpay.Errorf(voltpay.EUNAVAILABLE, "the download was interrupted: %v", err))
		return
	}
	x.audit(ctx, name, rawFilter, res, start, nil)
}

// contentDisposition names the download: an ASCII file name for old
// clients, the one in the export's language (RFC 5987: "电表-…") for the
// rest.
func contentDisposition(en, zh, day string) string {
	ascii := strings.ReplaceAll(en, " ", "-") + "-" + day + ".xlsx"
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, url.PathEscape(zh+"-"+day+".xlsx"))
}

// location is the time zone the export writes times in: that of the site
// the filter names, else of the first site (most deployments have one),
// else Asia/Shanghai; and the sites, which the title row names.
func (x *exporter) location(ctx context.Context, filter any) (*time.Location, []*voltpay.Site) {
	zone := voltpay.DefaultTimezone
	sites, err := x.res.SiteService.FindSites(ctx)
	if err == nil && len(sites) > 0 {
		zone = sites[0].Timezone
		if id := filterSite(filter); id != nil {
			for _, s := range sites {
				if s.ID == *id {
					zone = s.Timezone
				}
			}
		}
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc, _ = time.LoadLocation(voltpay.DefaultTimezone)
	}
	return loc, sites
}

// filterSite is the site a list's filter names (its SiteID), if any.
func filterSite(filter any) *int64 {
	v := reflect.ValueOf(filter)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("SiteID")
	if !f.IsValid() { // a filter without a site (ledger entries)
		return nil
	}
	id, _ := f.Interface().(*int64)
	return id
}

// audit records an export by a signed-in caller: which list, the filter,
// how many rows, or why it failed. Refusals of anonymous callers are not
// recorded here (the 401 tells them to sign in), so nobody can fill the
// audit log without an account.
func (x *exporter) audit(ctx context.Context, list, filter string, res *exportResult, start time.Time, err error) {
	if voltpay.PrincipalFrom(ctx) == nil {
		return
	}
	args := map[string]any{"list": list}
	if filter != "" {
		args["filter"] = json.RawMessage(filter)
		if !json.Valid([]byte(filter)) {
			args["filter"] = filter
		}
	}
	if res != nil {
		args["rows"], args["totalCount"], args["cut"] = res.rows, res.total, res.cut
	}
	b, _ := json.Marshal(args)
	e := &voltpay.AuditEntry{Operation: "export", Args: b, IP: graph.RequestInfoFrom(ctx).IP, Result: "ok",
		DurationMS: int(time.Since(start).Milliseconds())}
	if err != nil {
		e.Result, e.Message = voltpay.ErrorCode(err), voltpay.ErrorMessage(err)
	}
	if err := x.res.AuditService.Record(ctx, e); err != nil {
		x.log.ErrorContext(ctx, "export: audit entry not written", "list", list, "err", err)
	}
}

func exportNames() string {
	names := make([]string, 0, len(exportTables))
	for n := range exportTables {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// writeJSONError answers err as {error, code, field, requestId} with the
// HTTP status of its code.
func writeJSONError(w http.ResponseWriter, r *http.Request, err error) {
	writeJSONStatus(w, r, statusOf(voltpay.ErrorCode(err)), err)
}

// statusOf is the HTTP status of an error code.
func statusOf(code string) int {
	switch code {
	case voltpay.EUNAUTHENTICATED:
		return http.StatusUnauthorized
	case voltpay.EFORBIDDEN:
		return http.StatusForbidden
	case voltpay.EINVALID:
		return http.StatusBadRequest
	case voltpay.ENOTFOUND:
		return http.StatusNotFound
	case voltpay.ECONFLICT:
		return http.StatusConflict
	case voltpay.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}
