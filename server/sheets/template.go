package sheets

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/voltpay/voltpay"
)

// InstructionsSheet is the template's second sheet: how to fill it in.
const InstructionsSheet = "说明"

// templateRows is how far down the template's drop-down lists reach.
const templateRows = MaxImportRows + 2

// Template is the site import template (快速配置): sheet 快速配置 with one
// header row (Chinese, a star when required, English below; a comment on
// each header says what it takes), one example row, drop-down lists for
// the protocols, models and the site's tariffs (tariffs, when known), and
// sheet 说明 with the rules and every column's accepted values. The
// example row, left unchanged, is skipped on import.
func Template(tariffs []string) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", ImportSheet); err != nil {
		f.Close()
		return nil, err
	}
	if err := writeTemplateSheet(f, tariffs); err != nil {
		f.Close()
		return nil, err
	}
	if err := writeInstructions(f, tariffs); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func writeTemplateSheet(f *excelize.File, tariffs []string) error {
	base := excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF7"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	}
	header, err := f.NewStyle(&base)
	if err != nil {
		return err
	}
	req := base
	req.Font = &excelize.Font{Bold: true, Color: "C00000"}
	required, err := f.NewStyle(&req)
	if err != nil {
		return err
	}
	textFormat := "@" // text cells: addresses and phone numbers keep their leading zeros
	text, err := f.NewStyle(&excelize.Style{CustomNumFmt: &textFormat})
	if err != nil {
		return err
	}
	example, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "808080"}, CustomNumFmt: &textFormat})
	if err != nil {
		return err
	}
	for i, c := range importCols {
		col := colName(i + 1)
		cell := col + "1"
		if err := f.SetCellStr(ImportSheet, cell, c.headerText()); err != nil {
			return err
		}
		style := header
		if c.required {
			style = required
		}
		if err := f.SetCellStyle(ImportSheet, cell, cell, style); err != nil {
			return err
		}
		if err := f.SetColWidth(ImportSheet, col, col, c.width); err != nil {
			return err
		}
		if err := f.SetColStyle(ImportSheet, col, text); err != nil {
			return err
		}
		if err := f.SetCellStr(ImportSheet, col+"2", c.example); err != nil {
			return err
		}
		if err := f.SetCellStyle(ImportSheet, col+"2", col+"2", example); err != nil {
			return err
		}
		if err := f.AddComment(ImportSheet, excelize.Comment{Cell: cell, Author: "Voltpay",
			Text: c.accepts.Zh + "\n" + c.accepts.En}); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(ImportSheet, 1, 32); err != nil {
		return err
	}
	if err := f.SetPanes(ImportSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	lists := map[string][]string{
		colGatewayProtocol: {gatewayDLT645, gatewayModbusRTU, gatewayModbusTCP, gatewayDirect},
		colMeterProtocol:   {meterDLT645, meterModbus},
		colModel:           strings.Split(voltpay.KnownMeterModels(""), ", "),
		colPhases:          {"1", "3"},
		colTariff:          tariffs,
	}
	for i, c := range importCols {
		keys := lists[c.key]
		// Excel keeps a list's values in one formula of at most 255
		// characters; a longer list is described in 说明 instead.
		if len(keys) == 0 || len(strings.Join(keys, ",")) > 250 {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", colName(i+1), colName(i+1), templateRows))
		if err := dv.SetDropList(keys); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, c.header.Zh, c.accepts.Zh)
		if err := f.AddDataValidation(ImportSheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// instructions are the template's rules, in both languages.
var instructions = []Text{
	{"快速配置：一行一块电表。导入时逐行校验，任何一处有误都不会写入，请按提示修改后重新上传；全部正确后，所有建筑、网关、电表、账户与期初余额在一个事务中写入。",
		"Quick setup: one row per meter. Every row is checked first; with any error nothing is written: fix the cells named and upload again. When all is right, every building, gateway, meter, account and opening balance is written in one transaction."},
	{"第 2 行为示例，原样保留时导入会跳过它；也可以删除。标 * 的列必填。列的顺序可以调整，表头用中文或英文名称均可。",
		"Row 2 is an example: left as it is, the import skips it; you may delete it. Columns marked * are required. Columns may be in any order, with the Chinese or the English header."},
	{"同一网关名称的各行为同一台网关：协议、IP、端口只需在一行填写，其他行可留空，但不得矛盾。",
		"Rows with the same gateway name are one gateway: its protocol, host and port need to be on one row only; the others may leave them empty but not contradict them."},
	{"填写了商铺号、商户名称、电话或期初余额的行会为商户开户；同一商铺号（无商铺号时为同一名称和电话）的行开为一个账户。",
		"A row with a shop number, tenant, phone or opening balance opens an account for the tenant; rows with the same shop number (without one: the same name and phone) share one account."},
	{"同一文件重复上传只写入一次。单个文件最大 5 MB、20,000 行；公式按其缓存值读取，不引用外部文件。",
		"The same file uploaded again is written once. At most 5 MB and 20,000 rows per file; formulas are read as their cached values, and no external file is followed."},
	{"所需权限：管理电表（manage_meters）；含商户时还需管理账户（manage_accounts），含期初余额时还需售电（sell）。",
		"Permissions: manage_meters; with tenants also manage_accounts, with opening balances also sell."},
}

func writeInstructions(f *excelize.File, tariffs []string) error {
	if _, err := f.NewSheet(InstructionsSheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 18, "B": 8, "C": 60, "D": 60} {
		if err := f.SetColWidth(InstructionsSheet, col, col, width); err != nil {
			return err
		}
	}
	row := 1
	put := func(values []any, style int) error {
		cell := fmt.Sprintf("A%d", row)
		if err := f.SetSheetRow(InstructionsSheet, cell, &values); err != nil {
			return err
		}
		row++
		return f.SetCellStyle(InstructionsSheet, cell, fmt.Sprintf("D%d", row-1), style)
	}
	if err := put([]any{"快速配置说明", "", "Quick setup: how to fill in the sheet"}, bold); err != nil {
		return err
	}
	for i, t := range instructions {
		if err := put([]any{fmt.Sprint(i + 1), "", t.Zh, t.En}, wrap); err != nil {
			return err
		}
	}
	row++
	if err := put([]any{"列 Column", "必填 Required", "可填写的值", "Accepted values"}, bold); err != nil {
		return err
	}
	for _, c := range importCols {
		req := ""
		if c.required {
			req = "是 yes"
		}
		if err := put([]any{c.header.Zh + " / " + c.header.En, req, c.accepts.Zh, c.accepts.En}, wrap); err != nil {
			return err
		}
	}
	if len(tariffs) > 0 {
		row++
		if err := put([]any{"本站点的电价 Tariffs of the site"}, bold); err != nil {
			return err
		}
		for _, t := range tariffs {
			if err := put([]any{t}, wrap); err != nil {
				return err
			}
		}
	}
	return nil
}

// colName is the letter name of column n (from 1).
func colName(n int) string {
	name, _ := excelize.ColumnNumberToName(n)
	return name
}
