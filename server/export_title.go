package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/server/sheets"
)

// filterLabels name the filter fields of the lists and reports in the
// title row, by GraphQL name. A field missing here is named as over
// GraphQL, so a new filter still reads, if less kindly.
var filterLabels = map[string]sheets.Text{
	"siteId":        {Zh: "站点", En: "Site"},
	"buildingId":    {Zh: "建筑", En: "Building"},
	"gatewayId":     {Zh: "网关", En: "Gateway"},
	"accountId":     {Zh: "账户", En: "Account"},
	"meterId":       {Zh: "电表", En: "Meter"},
	"operatorId":    {Zh: "操作员", En: "Operator"},
	"actorId":       {Zh: "操作者", En: "Actor"},
	"actorKind":     {Zh: "操作者类型", En: "Actor kind"},
	"floor":         {Zh: "楼层", En: "Floor"},
	"online":        {Zh: "在线", En: "Online"},
	"relay":         {Zh: "继电器", En: "Relay"},
	"status":        {Zh: "状态", En: "Status"},
	"state":         {Zh: "状态", En: "State"},
	"unassigned":    {Zh: "未开户", En: "Unassigned"},
	"search":        {Zh: "搜索", En: "Search"},
	"displayStatus": {Zh: "显示状态", En: "Display status"},
	"balanceMaxFen": {Zh: "余额不高于(元)", En: "Balance at most (yuan)"},
	"type":          {Zh: "类型", En: "Type"},
	"kind":          {Zh: "类型", En: "Kind"},
	"channel":       {Zh: "付款方式", En: "Channel"},
	"receiptNo":     {Zh: "票据号", En: "Receipt no."},
	"active":        {Zh: "未清除", En: "Active"},
	"flagged":       {Zh: "异常", En: "Flagged"},
	"operation":     {Zh: "操作", En: "Operation"},
	"failed":        {Zh: "失败", En: "Failed"},
	"day":           {Zh: "日期", En: "Day"},
	"period":        {Zh: "统计周期", En: "Period"},
}

// titleWords are the title row's fixed words.
var titleWords = struct{ filter, all, time, anyTime, until, since, made sheets.Text }{
	filter:  sheets.Text{Zh: "筛选：", En: "Filter: "},
	all:     sheets.Text{Zh: "全部", En: "all"},
	time:    sheets.Text{Zh: "时间：", En: "Time: "},
	anyTime: sheets.Text{Zh: "不限", En: "any"},
	until:   sheets.Text{Zh: "至", En: "to"},
	since:   sheets.Text{Zh: "起", En: "from"},
	made:    sheets.Text{Zh: "导出于 ", En: "Exported "},
}

// exportTitle is the title row of an export: what the sheet holds, its
// filter in words (names of the site, building, account … the ids stand
// for, translated enum values), the time range of its from/to in loc and
// when it was made, e.g. "电表 | 筛选：站点 城东园区，状态 在用 | 时间：不限 |
// 导出于 2026-12-08 09:15（Asia/Shanghai）". It is built from the filter as
// sent (raw, JSON with GraphQL names, already checked by ListFilters) and
// the filter's input type, so every list and report gets one without
// declaring anything. Names are looked up as the caller: an object it may
// not see is shown by its id.
func (x *exporter) exportTitle(ctx context.Context, list string, stem sheets.Text, raw string, lang sheets.Lang, loc *time.Location, sites []*voltpay.Site, now time.Time) string {
	var filter map[string]any
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	dec.UseNumber()
	_ = dec.Decode(&filter) // checked by ListFilters: empty or an object
	var parts []string
	var from, to string
	for _, f := range x.filters.FilterFields(list) {
		v, ok := filter[f.Name]
		if !ok || v == nil || v == "" {
			continue
		}
		if (f.Type == "Time" || f.Type == "Date") && (f.Name == "from" || f.Name == "to") {
			if f.Name == "from" {
				from = titleTime(v, loc)
			} else {
				to = titleTime(v, loc)
			}
			continue
		}
		label := f.Name
		if l, ok := filterLabels[f.Name]; ok {
			label = l.In(lang)
		}
		parts = append(parts, label+" "+x.filterValue(ctx, f, v, lang, loc, sites))
	}
	sep := "，"
	if lang == sheets.EnUS {
		sep = ", "
	}
	words := titleWords
	filterText := words.all.In(lang)
	if len(parts) > 0 {
		filterText = strings.Join(parts, sep)
	}
	timeText := words.anyTime.In(lang)
	switch {
	case from != "" && to != "":
		timeText = from + " " + words.until.In(lang) + " " + to
	case from != "":
		timeText = words.since.In(lang) + " " + from
		if lang == sheets.ZhCN {
			timeText = from + " " + words.since.In(lang)
		}
	case to != "":
		timeText = words.until.In(lang) + " " + to
	}
	zone := fmt.Sprintf("（%s）", loc)
	if lang == sheets.EnUS {
		zone = fmt.Sprintf(" (%s)", loc)
	}
	name := stem.In(lang)
	if lang == sheets.EnUS && name != "" {
		name = strings.ToUpper(name[:1]) + name[1:]
	}
	return strings.Join([]string{name, words.filter.In(lang) + filterText, words.time.In(lang) + timeText,
		words.made.In(lang) + now.In(loc).Format("2006-01-02 15:04:05") + zone}, " | ")
}

// titleTime writes a filter's time (RFC 3339, checked) in loc.
func titleTime(v any, loc *time.Location) string {
	s := fmt.Sprint(v)
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return t.In(loc).Format("2006-01-02 15:04")
}

// filterValue writes one filter value in words.
func (x *exporter) filterValue(ctx context.Context, f graph.FilterField, v any, lang sheets.Lang, loc *time.Location, sites []*voltpay.Site) string {
	if vs, ok := v.([]any); ok {
		out := make([]string, len(vs))
		for i, e := range vs {
			out[i] = x.filterValue(ctx, graph.FilterField{Name: f.Name, Type: f.Type, Enum: f.Enum}, e, lang, loc, sites)
		}
		return strings.Join(out, "/")
	}
	s := fmt.Sprint(v)
	switch {
	case f.Enum:
		return sheets.Translate(f.Type, s, lang)
	case f.Type == "Boolean":
		return sheets.YesNo(v == true, lang)
	case f.Type == "Time":
		return titleTime(v, loc)
	case f.Type == "Fen":
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return voltpay.Fen(n).String()
		}
	case f.Type == "ID":
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			if name := x.objectName(ctx, f.Name, id, sites); name != "" {
				return name
			}
		}
		return "#" + s
	case f.Type == "String":
		return "“" + s + "”"
	}
	return s
}

// objectName is the name of the object an id filter names, looked up as
// the caller, or "" when the caller may not see it or it does not exist.
func (x *exporter) objectName(ctx context.Context, field string, id int64, sites []*voltpay.Site) string {
	r := newRefs(voltpay.PrincipalFrom(ctx))
	var name any
	switch field {
	case "siteId":
		for _, s := range sites {
			if s.ID == id && graph.MaySee(r.p, "Site", true) {
				return s.Name
			}
		}
	case "buildingId":
		if r.loadBuildings(ctx, x.res, []int64{id}) == nil {
			name = r.buildingName(&id)
		}
	case "gatewayId":
		if r.loadGateways(ctx, x.res, []int64{id}) == nil {
			name = r.gatewayName(&id)
		}
	case "meterId":
		if r.loadMeters(ctx, x.res, []int64{id}) == nil {
			name = r.meterAddress(&id)
		}
	case "accountId":
		if r.loadAccounts(ctx, x.res, []int64{id}) == nil {
			if a := lookup(r.accounts, &id); a != nil {
				return strings.TrimSpace(a.No + " " + a.TenantName)
			}
		}
	}
	s, _ := name.(string)
	return s
}
