package sheets

import (
	"errors"
	"fmt"
	"net"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/voltpay/voltpay"
)

// MaxErrors is how many errors an answer lists; one more says how many
// were left out.
const MaxErrors = 1000

// CellError is one error of an uploaded sheet, against its cell.
type CellError struct {
	Row     int    `json:"row"`
	Column  string `json:"column"` // the column's letter; "" when the sheet has no such column
	Cell    string `json:"cell"`   // e.g. "D7"; "" when the sheet has no such column
	Field   string `json:"field"`  // the column's key, e.g. "address" (importCols)
	Message Text   `json:"message"`
}

// Plan is what a sheet would write into a site, or why it cannot.
type Plan struct {
	Import voltpay.SiteImport
	Errors []CellError
	// Skipped are the rows left out: the template's example, unchanged.
	Skipped []int
	// Omitted is how many errors past MaxErrors are not in Errors.
	Omitted int
	// Summary counts what the sheet would write (with errors: its rows
	// that passed).
	Summary voltpay.SiteImportSummary
	// TenantRow and BalanceRow are the first rows with a tenant and with
	// an opening balance (0: none), which need more permissions.
	TenantRow, BalanceRow int
}

// PlanImport plans the import of sheet s into site siteID, holding state
// st: every row is checked with the same Validate methods as the API's
// inputs, then across rows and against the site (a meter address twice or
// already in use, a gateway described two ways or at another gateway's
// endpoint, an unknown tariff, a tenant with two names or opening
// balances, a tenant who already has an account). The plan holds the
// import when Errors is empty.
func PlanImport(s *Sheet, siteID int64, sheetSHA256 string, st *voltpay.SiteImportState) *Plan {
	pl := &planner{s: s, st: st, p: &Plan{Import: voltpay.SiteImport{SiteID: siteID, SheetSHA256: sheetSHA256}},
		buildings: map[string]int{}, gateways: map[string]*gatewayPlan{}, endpoints: map[string]*gatewayPlan{},
		meters: map[meterSpot]int{}, accounts: map[string]*accountPlan{}, rowsByN: map[int]Row{}}
	var rows []*rowPlan
	for _, r := range s.Rows {
		pl.rowsByN[r.N] = r
		if pl.isExample(r) {
			pl.p.Skipped = append(pl.p.Skipped, r.N)
			continue
		}
		rows = append(rows, pl.read(r))
	}
	pl.resolveGateways()
	for _, r := range rows {
		pl.meter(r)
	}
	// A new building's floors are all its rows' floors: check them as a whole
	// (at most MaxFloors), as CreateBuilding would.
	for _, b := range pl.p.Import.Buildings {
		if in := b.Input; b.ID == 0 {
			if err := in.Validate(); err != nil {
				pl.invalid(b.Row, err, buildingFields, colBuilding)
			}
		}
	}
	pl.resolveAccounts()
	pl.p.Summary = pl.p.Import.Summary()
	sort.SliceStable(pl.p.Errors, func(i, j int) bool {
		a, b := pl.p.Errors[i], pl.p.Errors[j]
		return a.Row < b.Row || a.Row == b.Row && pl.s.Cols[a.Field] < pl.s.Cols[b.Field]
	})
	if len(pl.p.Errors) > 0 {
		pl.p.Import.Buildings, pl.p.Import.Gateways, pl.p.Import.Meters, pl.p.Import.Accounts = nil, nil, nil, nil
	}
	return pl.p
}

type planner struct {
	s         *Sheet
	st        *voltpay.SiteImportState
	p         *Plan
	buildings map[string]int // building name → index in Import.Buildings
	gateways  map[string]*gatewayPlan
	gwOrder   []*gatewayPlan
	endpoints map[string]*gatewayPlan // host:port → the sheet's new gateway there
	meters    map[meterSpot]int       // where a meter is → its row
	accounts  map[string]*accountPlan
	acctOrder []*accountPlan
	rowsByN   map[int]Row // the rows by number, for the values errors quote
}

// rowPlan is one row as read, before the gateways are known.
type rowPlan struct {
	r        Row
	bad      bool // an error was reported: the row is not planned
	building int
	gateway  *gatewayPlan // nil: a direct 4G meter
	input    voltpay.MeterInput
	protocol string // the meter protocol cell, parsed; "" when empty
	tenant   bool
	account  voltpay.AccountInput
	opening  voltpay.Fen
	hasOpen  bool
}

// gatewayPlan is a gateway the sheet names, from all its rows.
type gatewayPlan struct {
	name      string
	row       int // the first row naming it
	idx       int // in Import.Gateways once resolved; -1 when it has errors
	existing  *voltpay.Gateway
	protocol  sourced
	host      sourced
	port      sourced
	buildings []int
}

// sourced is a value given in a cell, with the row it came from.
type sourced struct {
	v   string
	row int
}

// meterSpot is where a meter's address must be unique in the sheet: on
// one gateway (by name; "" for direct meters), address and channel.
type meterSpot struct {
	gateway string
	address string
	channel int
}

// accountPlan is a tenant's account, from all its rows.
type accountPlan struct {
	row     int
	input   voltpay.AccountInput
	meters  []int
	opening voltpay.Fen
	openRow int
	bad     bool
}

// cell returns row r's value of column key.
func (pl *planner) cell(r Row, key string) string {
	i, ok := pl.s.Cols[key]
	if !ok {
		return ""
	}
	return r.Get(i)
}

// isExample reports whether r is the template's example row, unchanged.
func (pl *planner) isExample(r Row) bool {
	for _, c := range importCols {
		if _, ok := pl.s.Cols[c.key]; ok && pl.cell(r, c.key) != c.example {
			return false
		}
	}
	return true
}

// fail reports an error at row r's cell of column key, in both languages.
func (pl *planner) fail(r int, key string, msg Text) {
	if len(pl.p.Errors) == MaxErrors {
		pl.p.Omitted++
		return
	}
	e := CellError{Row: r, Field: key, Message: msg}
	if i, ok := pl.s.Cols[key]; ok {
		e.Column, e.Cell = colName(i+1), pl.s.Cell(key, r)
	}
	pl.p.Errors = append(pl.p.Errors, e)
}

// invalid reports a validation error of an input built from row r: at
// the column the error's field comes from (fields maps the input's field
// names to columns; fallback for any other), its English message as the
// service gives it, in Chinese what the column takes.
func (pl *planner) invalid(r int, err error, fields map[string]string, fallback string) {
	var ve *voltpay.Error
	key := fallback
	if errors.As(err, &ve) && fields[ve.Field] != "" {
		key = fields[ve.Field]
	}
	c := importColByKey(key)
	pl.fail(r, key, Text{Zh: fmt.Sprintf("「%s」填写有误（%q）：%s", c.header.Zh, pl.cell(pl.rowsByN[r], key), c.accepts.Zh), En: voltpay.ErrorMessage(err)})
}

// The columns the fields of each input come from.
var (
	buildingFields = map[string]string{"name": colBuilding, "floors": colFloor}
	gatewayFields  = map[string]string{"name": colGateway, "protocol": colGatewayProtocol, "endpoint": colGatewayHost}
	meterFields    = map[string]string{"floor": colFloor, "room": colRoom, "address": colAddress, "protocol": colMeterProtocol,
		"channel": colChannel, "model": colModel, "phases": colPhases, "ctRatio": colCTRatio}
	accountFields = map[string]string{"tenantName": colTenantName, "shopNo": colShopNo, "phone": colPhone}
)

// read reads one row: its building (planned at once), its gateway's cells
// (resolved when all rows are read) and its meter's and tenant's cells.
func (pl *planner) read(r Row) *rowPlan {
	rp := &rowPlan{r: r, building: -1}
	get := func(key string) string { return pl.cell(r, key) }
	whole := func(key string) int {
		n, ok := parseWhole(get(key))
		if !ok {
			rp.bad = true
			pl.fail(r.N, key, Text{Zh: fmt.Sprintf("「%s」应为整数，实际为 %q", importColByKey(key).header.Zh, get(key)),
				En: fmt.Sprintf("%s must be a whole number, got %q", importColByKey(key).header.En, get(key))})
		}
		return n
	}

	rp.building = pl.building(r, get(colBuilding), get(colFloor))
	rp.bad = rp.building < 0

	gwName, gwProto := get(colGateway), get(colGatewayProtocol)
	proto, direct, ok := parseGatewayProtocol(gwProto)
	switch {
	case !ok:
		rp.bad = true
		pl.fail(r.N, colGatewayProtocol, Text{Zh: fmt.Sprintf("网关协议 %q 无法识别：%s", gwProto, importColByKey(colGatewayProtocol).accepts.Zh),
			En: fmt.Sprintf("gateway protocol %q is not one of DL/T 645, Modbus RTU, Modbus TCP or 4G直连 (direct)", gwProto)})
	case gwName == "" && (get(colGatewayHost) != "" || get(colGatewayPort) != "" || (gwProto != "" && !direct)):
		rp.bad = true
		pl.fail(r.N, colGateway, Text{Zh: "填写了网关协议、IP 或端口，但没有网关名称；4G 直连电表请把这几列留空",
			En: "the row gives a gateway protocol, host or port but no gateway name; leave them empty for a direct 4G meter"})
	case gwName != "" && direct:
		rp.bad = true
		pl.fail(r.N, colGatewayProtocol, Text{Zh: fmt.Sprintf("网关 %s 的协议填了 4G直连；4G 直连电表请不填网关名称", gwName),
			En: fmt.Sprintf("gateway %s is given as direct 4G; leave the gateway name empty for a direct 4G meter", gwName)})
	case gwName != "":
		rp.gateway = pl.gatewayCells(r, gwName, proto)
		if rp.building >= 0 && !slices.Contains(rp.gateway.buildings, rp.building) {
			rp.gateway.buildings = append(rp.gateway.buildings, rp.building)
		}
	}

	if p := get(colMeterProtocol); p != "" {
		if rp.protocol, ok = parseMeterProtocol(p); !ok {
			rp.bad = true
			pl.fail(r.N, colMeterProtocol, Text{Zh: fmt.Sprintf("电表协议 %q 无法识别：%s", p, importColByKey(colMeterProtocol).accepts.Zh),
				En: fmt.Sprintf("meter protocol %q is neither DL/T 645 nor Modbus", p)})
		}
	}
	rp.input = voltpay.MeterInput{Floor: get(colFloor), Room: get(colRoom), Address: get(colAddress), Model: get(colModel),
		Channel: whole(colChannel), Phases: whole(colPhases), CTRatio: whole(colCTRatio)}
	if get(colAddress) == "" {
		rp.bad = true
		pl.fail(r.N, colAddress, Text{Zh: "电表地址必填：" + importColByKey(colAddress).accepts.Zh, En: "the meter address is required"})
	}
	if name := get(colTariff); name != "" {
		if t := pl.st.Tariffs[name]; t != nil {
			rp.input.TariffID = &t.ID
		} else {
			rp.bad = true
			known := pl.tariffNames()
			pl.fail(r.N, colTariff, Text{Zh: fmt.Sprintf("站点没有名为 %q 的电价；已有电价：%s。请先在“电价”页创建它，或改为已有名称", name, known),
				En: fmt.Sprintf("the site has no tariff named %q; its tariffs: %s. Create it on the tariffs page first, or use one of these", name, known)})
		}
	}
	pl.readTenant(rp)
	return rp
}

// building returns the index of the building named name, planning it on
// first sight (the site's, or a new one), with floor among its floors;
// -1 when the name is not valid.
func (pl *planner) building(r Row, name, floor string) int {
	if i, ok := pl.buildings[name]; ok {
		if b := &pl.p.Import.Buildings[i]; b.ID == 0 && floor != "" && !slices.Contains(b.Input.Floors, floor) {
			b.Input.Floors = append(b.Input.Floors, floor)
		}
		return i
	}
	in := voltpay.BuildingInput{SiteID: pl.p.Import.SiteID, Name: name}
	if floor != "" {
		in.Floors = []string{floor}
	}
	if err := in.Validate(); err != nil {
		pl.invalid(r.N, err, buildingFields, colBuilding)
		return -1
	}
	b := voltpay.ImportBuilding{Row: r.N, Input: in}
	if have := pl.st.Buildings[in.Name]; have != nil {
		b.ID = have.ID
	}
	pl.buildings[name] = len(pl.p.Import.Buildings)
	pl.p.Import.Buildings = append(pl.p.Import.Buildings, b)
	return pl.buildings[name]
}

// gatewayCells records what row r says of gateway name: its protocol,
// host and port, each from the first row that gives it; a later row that
// gives another value contradicts it.
func (pl *planner) gatewayCells(r Row, name, proto string) *gatewayPlan {
	g := pl.gateways[name]
	if g == nil {
		g = &gatewayPlan{name: name, row: r.N, idx: -1, existing: pl.st.Gateways[name]}
		pl.gateways[name] = g
		pl.gwOrder = append(pl.gwOrder, g)
	}
	for _, c := range []struct {
		key string
		v   string
		to  *sourced
	}{{colGatewayProtocol, proto, &g.protocol}, {colGatewayHost, strings.ToLower(pl.cell(r, colGatewayHost)), &g.host},
		{colGatewayPort, pl.cell(r, colGatewayPort), &g.port}} {
		switch {
		case c.v == "":
		case c.to.v == "":
			*c.to = sourced{v: c.v, row: r.N}
		case c.to.v != c.v:
			h := importColByKey(c.key).header
			pl.fail(r.N, c.key, Text{Zh: fmt.Sprintf("网关 %s 的%s在第 %d 行为 %s，此行为 %s；同一网关各行须一致", name, h.Zh, c.to.row, c.to.v, c.v),
				En: fmt.Sprintf("gateway %s has %s %s on row %d but %s here; rows of one gateway must agree", name, h.En, c.to.v, c.to.row, c.v)})
		}
	}
	return g
}

// resolveGateways plans each gateway the sheet names: the site's (whose
// cells, when given, must match it) or a new one from its cells.
func (pl *planner) resolveGateways() {
	for _, g := range pl.gwOrder {
		building := -1
		if len(g.buildings) == 1 {
			building = g.buildings[0]
		}
		if have := g.existing; have != nil {
			ok := pl.matches(g, colGatewayProtocol, g.protocol, have.Protocol) &&
				pl.matches(g, colGatewayHost, g.host, have.Host) &&
				pl.matches(g, colGatewayPort, g.port, strconv.Itoa(have.Port))
			if ok {
				g.idx = len(pl.p.Import.Gateways)
				pl.p.Import.Gateways = append(pl.p.Import.Gateways, voltpay.ImportGateway{Row: g.row, ID: have.ID, Building: building})
			}
			continue
		}
		ok := true
		for _, c := range []struct {
			key string
			v   sourced
		}{{colGatewayProtocol, g.protocol}, {colGatewayHost, g.host}, {colGatewayPort, g.port}} {
			if c.v.v == "" {
				ok = false
				h := importColByKey(c.key).header
				pl.fail(g.row, c.key, Text{Zh: fmt.Sprintf("新网关 %s 缺少%s：请在它的任一行填写（%s）", g.name, h.Zh, importColByKey(c.key).accepts.Zh),
					En: fmt.Sprintf("new gateway %s has no %s: give it on one of its rows (%s)", g.name, strings.ToLower(h.En), importColByKey(c.key).accepts.En)})
			}
		}
		if !ok {
			continue
		}
		in := voltpay.GatewayInput{SiteID: pl.p.Import.SiteID, Name: g.name, Protocol: g.protocol.v,
			Endpoint: net.JoinHostPort(g.host.v, g.port.v)}
		if err := in.Validate(); err != nil {
			pl.invalidGateway(g, err)
			continue
		}
		if other := pl.st.Endpoints[in.Endpoint]; other != nil {
			pl.fail(g.host.row, colGatewayHost, Text{Zh: fmt.Sprintf("%s 已被网关 %s（站点 %d）使用；一个地址和端口只能属于一台网关", in.Endpoint, other.Name, other.SiteID),
				En: fmt.Sprintf("%s is already gateway %s's (site %d); one host and port belong to one gateway", in.Endpoint, other.Name, other.SiteID)})
			continue
		}
		if other := pl.endpoints[in.Endpoint]; other != nil {
			pl.fail(g.host.row, colGatewayHost, Text{Zh: fmt.Sprintf("%s 与第 %d 行的网关 %s 相同；一个地址和端口只能属于一台网关", in.Endpoint, other.row, other.name),
				En: fmt.Sprintf("%s is also gateway %s's (row %d); one host and port belong to one gateway", in.Endpoint, other.name, other.row)})
			continue
		}
		pl.endpoints[in.Endpoint] = g
		g.idx = len(pl.p.Import.Gateways)
		pl.p.Import.Gateways = append(pl.p.Import.Gateways, voltpay.ImportGateway{Row: g.row, Building: building, Input: in})
	}
}

// matches reports whether the cell value given for an existing gateway
// (if any) is the gateway's, reporting it when not.
func (pl *planner) matches(g *gatewayPlan, key string, given sourced, have string) bool {
	if given.v == "" || strings.EqualFold(given.v, have) {
		return true
	}
	h := importColByKey(key).header
	pl.fail(given.row, key, Text{Zh: fmt.Sprintf("站点已有网关 %s，其%s为 %s，不是 %s；沿用已有网关时此列可留空", g.name, h.Zh, have, given.v),
		En: fmt.Sprintf("the site's gateway %s has %s %s, not %s; leave the cell empty to use the gateway as it is", g.name, strings.ToLower(h.En), have, given.v)})
	return false
}

// invalidGateway reports a new gateway's validation error at its cell: an
// endpoint error at the port when the host alone is fine.
func (pl *planner) invalidGateway(g *gatewayPlan, err error) {
	var ve *voltpay.Error
	row := g.row
	fields := gatewayFields
	if errors.As(err, &ve) && ve.Field == "endpoint" {
		row = g.host.row
		if _, _, hostErr := voltpay.SplitEndpoint("endpoint", net.JoinHostPort(g.host.v, "1")); hostErr == nil {
			row, fields = g.port.row, map[string]string{"endpoint": colGatewayPort}
		}
	} else if errors.As(err, &ve) && ve.Field == "protocol" {
		row = g.protocol.row
	}
	pl.invalid(row, err, fields, colGateway)
}

// meter plans the meter of row rp on its gateway, now known.
func (pl *planner) meter(rp *rowPlan) {
	gw, spot := -1, meterSpot{}
	var gwID int64
	if g := rp.gateway; g != nil {
		if g.idx < 0 {
			return // the gateway's errors are reported
		}
		gw, spot.gateway, gwID = g.idx, g.name, pl.p.Import.Gateways[g.idx].ID
		gwProto := g.protocol.v
		if g.existing != nil {
			gwProto = g.existing.Protocol
		}
		if rp.protocol == "" {
			rp.protocol = voltpay.MeterProtocolFor(gwProto)
		} else if err := voltpay.CheckBusProtocol(g.name, gwProto, rp.protocol); err != nil {
			pl.invalid(rp.r.N, err, meterFields, colMeterProtocol)
			return
		}
	} else if rp.protocol == "" {
		rp.protocol = voltpay.MeterProtocolDLT645 // most 4G meters speak DL/T 645
	}
	if rp.bad {
		return
	}
	in := rp.input
	in.SiteID, in.Protocol = pl.p.Import.SiteID, rp.protocol
	if err := in.Validate(); err != nil {
		pl.invalid(rp.r.N, err, meterFields, colAddress)
		return
	}
	spot.address, spot.channel = in.Address, in.Channel
	if first, dup := pl.meters[spot]; dup {
		pl.fail(rp.r.N, colAddress, Text{Zh: fmt.Sprintf("电表地址 %s（通道 %d）与第 %d 行重复：同一网关上地址不能重复", in.Address, in.Channel, first),
			En: fmt.Sprintf("meter address %s (channel %d) is also on row %d: addresses are unique on a gateway", in.Address, in.Channel, first)})
		return
	}
	pl.meters[spot] = rp.r.N
	if m := pl.st.Meters[voltpay.MeterKey{GatewayID: gwID, Address: in.Address, Channel: in.Channel}]; m != nil && (gwID != 0 || rp.gateway == nil) {
		pl.fail(rp.r.N, colAddress, Text{Zh: fmt.Sprintf("电表地址 %s（通道 %d）已是系统中的电表 %d；请核对地址，或先将旧表拆除", in.Address, in.Channel, m.ID),
			En: fmt.Sprintf("meter address %s (channel %d) is already meter %d's; check the address, or retire the old meter first", in.Address, in.Channel, m.ID)})
		return
	}
	idx := len(pl.p.Import.Meters)
	pl.p.Import.Meters = append(pl.p.Import.Meters, voltpay.ImportMeter{Row: rp.r.N, Building: rp.building, Gateway: gw, Input: in})
	if rp.tenant {
		pl.addToAccount(rp, idx)
	}
}

// readTenant reads the tenant's cells of row rp, if it has any.
func (pl *planner) readTenant(rp *rowPlan) {
	get := func(key string) string { return pl.cell(rp.r, key) }
	shop, name, phone, bal := get(colShopNo), get(colTenantName), get(colPhone), get(colOpeningBalance)
	if shop == "" && name == "" && phone == "" && bal == "" {
		return
	}
	rp.tenant = true
	if pl.p.TenantRow == 0 {
		pl.p.TenantRow = rp.r.N
	}
	rp.account = voltpay.AccountInput{SiteID: pl.p.Import.SiteID, TenantName: name, ShopNo: shop, Phone: phone}
	if err := rp.account.Validate(); err != nil {
		rp.bad = true
		pl.invalid(rp.r.N, err, accountFields, colTenantName)
	}
	if bal != "" {
		fen, msg := parseYuan(bal)
		if msg != nil {
			rp.bad = true
			pl.fail(rp.r.N, colOpeningBalance, *msg)
			return
		}
		if fen > 0 {
			if err := voltpay.ValidateAmount("openingBalance", fen); err != nil {
				rp.bad = true
				pl.invalid(rp.r.N, err, nil, colOpeningBalance)
				return
			}
		}
		rp.opening, rp.hasOpen = fen, true
		if fen > 0 && pl.p.BalanceRow == 0 {
			pl.p.BalanceRow = rp.r.N
		}
	}
}

// addToAccount puts meter idx of row rp on its tenant's account: one per
// shop number (without one, per tenant name and phone), whose rows agree.
func (pl *planner) addToAccount(rp *rowPlan, idx int) {
	in := rp.account
	key := "shop:" + in.ShopNo
	if in.ShopNo == "" {
		key = voltpay.AccountKeys("", in.TenantName, in.Phone)[0]
	}
	a := pl.accounts[key]
	if a == nil {
		a = &accountPlan{row: rp.r.N, input: in}
		pl.accounts[key] = a
		pl.acctOrder = append(pl.acctOrder, a)
	}
	for _, c := range []struct{ key, have, got string }{
		{colTenantName, a.input.TenantName, in.TenantName}, {colPhone, a.input.Phone, in.Phone}} {
		if c.have != c.got {
			a.bad = true
			h := importColByKey(c.key).header
			pl.fail(rp.r.N, c.key, Text{Zh: fmt.Sprintf("商铺 %s 的%s在第 %d 行为 %s，此行为 %s；同一账户各行须一致", in.ShopNo, h.Zh, a.row, c.have, c.got),
				En: fmt.Sprintf("shop %s has %s %s on row %d but %s here; rows of one account must agree", in.ShopNo, strings.ToLower(h.En), c.have, a.row, c.got)})
		}
	}
	if rp.hasOpen && rp.opening > 0 {
		if a.openRow != 0 {
			a.bad = true
			pl.fail(rp.r.N, colOpeningBalance, Text{Zh: fmt.Sprintf("该账户的期初余额已在第 %d 行填写；每个账户只在一行填写期初余额", a.openRow),
				En: fmt.Sprintf("the account's opening balance is already given on row %d; give it on one row of the account only", a.openRow)})
		} else {
			a.opening, a.openRow = rp.opening, rp.r.N
		}
	}
	a.meters = append(a.meters, idx)
}

// resolveAccounts plans the accounts, refusing tenants who already have one.
func (pl *planner) resolveAccounts() {
	for _, a := range pl.acctOrder {
		if a.bad {
			continue
		}
		for _, k := range voltpay.AccountKeys(a.input.ShopNo, a.input.TenantName, a.input.Phone) {
			if have := pl.st.Accounts[k]; have != nil {
				a.bad = true
				key := colTenantName
				if strings.HasPrefix(k, "shop:") {
					key = colShopNo
				}
				pl.fail(a.row, key, Text{Zh: fmt.Sprintf("商户 %s（商铺 %s）已有账户 %s；请在“账户”页为其添加电表，或删除此行的商户信息", have.TenantName, have.ShopNo, have.No),
					En: fmt.Sprintf("tenant %s (shop %s) already has account %s; attach the meter there on the accounts page, or clear this row's tenant cells", have.TenantName, have.ShopNo, have.No)})
				break
			}
		}
		if !a.bad {
			pl.p.Import.Accounts = append(pl.p.Import.Accounts, voltpay.ImportAccount{Row: a.row, Input: a.input, Meters: a.meters, OpeningFen: a.opening})
		}
	}
}

// Addresses are the stored forms the sheet's meter addresses may take
// (as DL/T 645 and as Modbus addresses), to look up the meters already
// at them.
func Addresses(s *Sheet) []string {
	i, ok := s.Cols[colAddress]
	if !ok {
		return nil
	}
	var out []string
	for _, r := range s.Rows {
		for _, proto := range []string{voltpay.MeterProtocolDLT645, voltpay.MeterProtocolModbus} {
			if a, err := voltpay.NormalizeMeterAddress(proto, r.Get(i)); err == nil {
				out = append(out, a)
			}
		}
	}
	return out
}

func (pl *planner) tariffNames() string {
	names := make([]string, 0, len(pl.st.Tariffs))
	for n := range pl.st.Tariffs {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "（无 none）"
	}
	if len(names) > 10 {
		names = append(names[:10], "…")
	}
	return strings.Join(names, ", ")
}

// parseGatewayProtocol reads the gateway protocol cell: a protocol, or
// direct for a 4G meter without gateway ("" reads as nothing given).
func parseGatewayProtocol(s string) (protocol string, direct, ok bool) {
	switch compact(s) {
	case "":
		return "", false, true
	case "dlt645", "dlt6452007", "645":
		return voltpay.ProtocolDLT645, false, true
	case "modbusrtu", "rtu":
		return voltpay.ProtocolModbusRTU, false, true
	case "modbustcp", "tcp":
		return voltpay.ProtocolModbusTCP, false, true
	case "4g直连", "4g", "直连", "direct", "4gdirect", "无", "none":
		return "", true, true
	}
	return "", false, false
}

// parseMeterProtocol reads the meter protocol cell.
func parseMeterProtocol(s string) (string, bool) {
	switch compact(s) {
	case "dlt645", "dlt6452007", "645":
		return voltpay.MeterProtocolDLT645, true
	case "modbus", "modbusrtu", "modbustcp":
		return voltpay.MeterProtocolModbus, true
	}
	return "", false
}

// compact lower-cases s without spaces, '/', '-', '_' and '.', so that
// "DL/T 645" and "dlt645" read the same.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '/', '-', '_', '.', '\u00a0', '\u3000':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

var wholeRE = regexp.MustCompile(`^[0-9]{1,9}(\.0+)?$`)

// parseWhole reads a whole number cell ("12", or "12.0" as some programs
// write numbers); "" is 0.
func parseWhole(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	if !wholeRE.MatchString(s) {
		return 0, false
	}
	n, err := strconv.Atoi(strings.SplitN(s, ".", 2)[0])
	return n, err == nil
}
