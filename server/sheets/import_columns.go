package sheets

import (
	"strings"

	"github.com/voltpay/voltpay"
)

// ImportSheet is the name of the template's data sheet; an uploaded
// workbook is read from the sheet of this name, else from its first sheet.
const ImportSheet = "快速配置"

// importCol is one column of the site import sheet: one row per meter.
type importCol struct {
	key      string // the column's key in errors and answers
	header   Text
	required bool
	width    float64
	example  string
	accepts  Text // what the column takes, for the instructions and errors
}

// Column keys, for the planner.
const (
	colBuilding        = "building"
	colFloor           = "floor"
	colRoom            = "room"
	colGateway         = "gateway"
	colGatewayProtocol = "gatewayProtocol"
	colGatewayHost     = "gatewayHost"
	colGatewayPort     = "gatewayPort"
	colAddress         = "address"
	colMeterProtocol   = "meterProtocol"
	colChannel         = "channel"
	colModel           = "model"
	colPhases          = "phases"
	colCTRatio         = "ctRatio"
	colTariff          = "tariff"
	colShopNo          = "shopNo"
	colTenantName      = "tenantName"
	colPhone           = "phone"
	colOpeningBalance  = "openingBalance"
)

// Values of the protocol columns as the template offers them.
const (
	gatewayDLT645    = "DL/T 645"
	gatewayModbusRTU = "Modbus RTU"
	gatewayModbusTCP = "Modbus TCP"
	gatewayDirect    = "4G直连"
	meterDLT645      = "DL/T 645"
	meterModbus      = "Modbus"
)

// importCols are the template's columns in order. The header cell is the
// Chinese name, a star when required, and the English name on a second
// line; a sheet may have them in any order, and either name alone.
var importCols = []importCol{
	{key: colBuilding, header: Text{"建筑名称", "Building"}, required: true, width: 14, example: "A座",
		accepts: Text{"建筑名称，最多 100 个字符；站点已有同名建筑时沿用，否则新建", "the building's name, at most 100 characters; a building of the site with this name is reused, else it is created"}},
	{key: colFloor, header: Text{"楼层", "Floor"}, width: 8, example: "1F",
		accepts: Text{"楼层标签，如 B1、1F、12F，最多 20 个字符", "a floor label such as B1, 1F, 12F, at most 20 characters"}},
	{key: colRoom, header: Text{"房间", "Room"}, width: 10, example: "101",
		accepts: Text{"房间号，最多 50 个字符", "the room, at most 50 characters"}},
	{key: colGateway, header: Text{"网关名称", "Gateway"}, width: 16, example: "A座1F网关",
		accepts: Text{"通讯管理机的名称；站点已有同名网关时沿用（其协议、地址、端口可不填），否则按本行新建；4G 直连电表留空", "the gateway's name; a gateway of the site with this name is reused (its protocol, host and port may be left empty), else it is created from this row; empty for a direct 4G meter"}},
	{key: colGatewayProtocol, header: Text{"网关协议", "Gateway protocol"}, width: 12, example: gatewayDLT645,
		accepts: Text{"DL/T 645、Modbus RTU、Modbus TCP，或 4G直连（无网关）", "DL/T 645, Modbus RTU, Modbus TCP, or 4G直连 (direct 4G, no gateway)"}},
	{key: colGatewayHost, header: Text{"网关IP", "Gateway host"}, width: 15, example: "192.168.1.20",
		accepts: Text{"网关的 IP 地址或主机名", "the gateway's IP address or host name"}},
	{key: colGatewayPort, header: Text{"网关端口", "Gateway port"}, width: 9, example: "8899",
		accepts: Text{"1 到 65535 的端口号", "a port from 1 to 65535"}},
	{key: colAddress, header: Text{"电表地址", "Meter address"}, required: true, width: 16, example: "000012345678",
		accepts: Text{"DL/T 645 电表为铭牌上的 1–12 位表号，Modbus 电表为 1–247 的站号；同一网关（或 4G 直连电表之间）不得重复", "1 to 12 digits as on the nameplate for DL/T 645, a unit id 1 to 247 for Modbus; unique on its gateway (or among direct 4G meters)"}},
	{key: colMeterProtocol, header: Text{"电表协议", "Meter protocol"}, width: 10, example: meterDLT645,
		accepts: Text{"DL/T 645 或 Modbus；留空时按网关协议，4G 直连默认 DL/T 645", "DL/T 645 or Modbus; empty: the gateway's, DL/T 645 for a direct 4G meter"}},
	{key: colChannel, header: Text{"通道", "Channel"}, width: 6,
		accepts: Text{"多用户计量装置的通道号 1–36；普通电表留空或 0", "the channel 1 to 36 of a multi-user metering device; empty or 0 for a meter of its own"}},
	{key: colModel, header: Text{"型号", "Model"}, width: 12, example: "DDSY1352",
		accepts: Text{"支持的型号：" + voltpay.KnownMeterModels(""), "a supported model: " + voltpay.KnownMeterModels("")}},
	{key: colPhases, header: Text{"相数", "Phases"}, width: 6, example: "1",
		accepts: Text{"1（单相）或 3（三相），留空为 1", "1 (single phase) or 3 (three phase); empty: 1"}},
	{key: colCTRatio, header: Text{"CT变比", "CT ratio"}, width: 8, example: "1",
		accepts: Text{"电流互感器变比 1–10000（200/5A 填 40），留空为 1", "the current transformer ratio 1 to 10000 (40 for 200/5 A); empty: 1"}},
	{key: colTariff, header: Text{"电价名称", "Tariff"}, width: 14, example: "商业电价",
		accepts: Text{"站点已有电价的名称（在“电价”页创建）", "the name of a tariff the site has (create it on the tariffs page)"}},
	{key: colShopNo, header: Text{"商铺号", "Shop no."}, width: 10, example: "1F-101",
		accepts: Text{"商户的铺位号，最多 50 个字符；同一商铺号的各行开为一个账户（一户多表）", "the tenant's shop number, at most 50 characters; rows with the same shop number open one account (several meters)"}},
	{key: colTenantName, header: Text{"商户名称", "Tenant"}, width: 16, example: "示例商户",
		accepts: Text{"填写商户信息时必填，最多 100 个字符", "required with any tenant column, at most 100 characters"}},
	{key: colPhone, header: Text{"联系电话", "Phone"}, width: 14, example: "13800138000",
		accepts: Text{"11 位手机号或带区号的座机号，填写商户信息时必填", "an 11-digit mobile or an area code and number; required with any tenant column"}},
	{key: colOpeningBalance, header: Text{"期初余额(元)", "Opening balance (yuan)"}, width: 14, example: "100.00",
		accepts: Text{"开户时存入的金额（元，最多两位小数，不得为负），记为一笔现金售电；每个账户只在一行填写", "the money the account opens with, in yuan with at most two decimals, not negative, posted as a cash sale; give it on one row of the account only"}},
}

// importColByKey returns the column with key.
func importColByKey(key string) importCol {
	for _, c := range importCols {
		if c.key == key {
			return c
		}
	}
	return importCol{key: key, header: Text{key, key}}
}

// headerText is what the template writes in a column's header cell.
func (c importCol) headerText() string {
	star := ""
	if c.required {
		star = " *"
	}
	return c.header.Zh + star + "\n" + c.header.En
}

// matchHeader returns the key of the column whose header cell reads h
// (either name, with or without the star and the other line), or "".
func matchHeader(h string) string {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "*")))
		return strings.Join(strings.Fields(s), " ")
	}
	lines := strings.Split(strings.ReplaceAll(h, "\r", ""), "\n")
	for _, c := range importCols {
		for _, l := range lines {
			if n := norm(l); n != "" && (n == norm(c.header.Zh) || n == norm(c.header.En) || n == strings.ToLower(c.key)) {
				return c.key
			}
		}
	}
	return ""
}
