package sheets

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/voltpay/voltpay"
)

func TestParseYuan(t *testing.T) {
	for in, want := range map[string]voltpay.Fen{
		"100": 10000, "100.5": 10050, "0.01": 1, "1,234.50": 123450, "¥100": 10000, "100元": 10000, " 12.30 ": 1230,
		"99.989999999999995": 9999, "100.00499999999999": 10000, "0.0050000000001": 1,
	} {
		if got, msg := parseYuan(in); msg != nil || got != want {
			t.Errorf("parseYuan(%q) = %d, %v; want %d", in, got, msg, want)
		}
	}
	for _, in := range []string{"-50", "−50", "(50)", "12.345", "abc", "1e3", "1.2.3", ".5", "", "１００"} {
		if got, msg := parseYuan(in); msg == nil || msg.Zh == "" || msg.En == "" {
			t.Errorf("parseYuan(%q) = %d, accepted; want a refusal in both languages", in, got)
		}
	}
}

func TestParseProtocols(t *testing.T) {
	for in, want := range map[string]string{"DL/T 645": voltpay.ProtocolDLT645, "dlt645": voltpay.ProtocolDLT645, "Modbus RTU": voltpay.ProtocolModbusRTU,
		"modbus_tcp": voltpay.ProtocolModbusTCP, "": ""} {
		if got, direct, ok := parseGatewayProtocol(in); !ok || direct || got != want {
			t.Errorf("gateway protocol %q = %q %v %v, want %q", in, got, direct, ok, want)
		}
	}
	if _, direct, ok := parseGatewayProtocol("4G直连"); !ok || !direct {
		t.Errorf("4G直连 is not read as direct")
	}
	if _, _, ok := parseGatewayProtocol("RS485"); ok {
		t.Errorf("RS485 read as a gateway protocol")
	}
}

// templateBytes is the template, written out.
func templateBytes(tb testing.TB) []byte {
	tb.Helper()
	f, err := Template([]string{"商业电价"})
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	buf, err := f.WriteToBuffer()
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestTemplateReadsBack: the template reads back with every column found
// and its example row skipped by the planner.
func TestTemplateReadsBack(t *testing.T) {
	s, err := ReadWorkbook(templateBytes(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Cols) != len(importCols) || len(s.Rows) != 1 {
		t.Fatalf("template read as %d columns, %d rows; want %d and the example", len(s.Cols), len(s.Rows), len(importCols))
	}
	p := PlanImport(s, 1, strings.Repeat("a", 64), emptyState())
	if len(p.Errors) != 0 || len(p.Skipped) != 1 || p.Summary.Meters != 0 {
		t.Errorf("the example row: %+v; want skipped, no errors, nothing planned", p)
	}
}

func emptyState() *voltpay.SiteImportState {
	return &voltpay.SiteImportState{Buildings: map[string]*voltpay.Building{}, Gateways: map[string]*voltpay.Gateway{},
		Endpoints: map[string]*voltpay.Gateway{}, Tariffs: map[string]*voltpay.Tariff{},
		Meters: map[voltpay.MeterKey]*voltpay.Meter{}, Accounts: map[string]*voltpay.Account{}}
}

// workbook writes header and rows (a formula cell as "=FORMULA|cached",
// the cached value a number) into a new workbook's first sheet.
func workbook(tb testing.TB, header []string, rows ...[]string) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, cells := range append([][]string{header}, rows...) {
		for c, v := range cells {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			formula, cached, isFormula := strings.Cut(strings.TrimPrefix(v, "="), "|")
			if strings.HasPrefix(v, "=") && isFormula {
				n, _ := strconv.Atoi(cached)
				f.SetCellInt("Sheet1", cell, int64(n))
				f.SetCellFormula("Sheet1", cell, formula)
				continue
			}
			f.SetCellStr("Sheet1", cell, v)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadWorkbook_Cells: columns in another order, English headers and
// an extra column are read; a formula counts as its cached value, also one
// naming another workbook (never opened); blank rows are skipped.
func TestReadWorkbook_Cells(t *testing.T) {
	data := workbook(t, []string{"Notes", "Meter address", "Building *", "网关协议"},
		[]string{"x", "=\"0000\"&\"12345678\"|12345678", "A座", "4G直连"},
		[]string{},
		[]string{"", "='[other.xlsx]Sheet1'!A1|42", "A座", "4G直连"})
	s, err := ReadWorkbook(data)
	if err != nil {
		t.Fatal(err)
	}
	if s.Cols[colAddress] != 1 || s.Cols[colBuilding] != 2 || s.Cols[colGatewayProtocol] != 3 || len(s.Rows) != 2 {
		t.Fatalf("columns %v, %d rows", s.Cols, len(s.Rows))
	}
	if got := s.Rows[0].Get(1); got != "12345678" {
		t.Errorf("formula cell read as %q, want its cached value", got)
	}
	if s.Rows[1].N != 4 || s.Rows[1].Get(1) != "42" {
		t.Errorf("row after a blank one: %+v", s.Rows[1])
	}
	p := PlanImport(s, 1, strings.Repeat("b", 64), emptyState())
	if len(p.Errors) != 0 || p.Summary.Meters != 2 || p.Summary.Buildings != 1 {
		t.Errorf("plan: %+v", p)
	}
}

// TestReadWorkbook_Refusals: a header without the required columns, more
// rows than allowed, and a zip bomb are refused with what to do.
func TestReadWorkbook_Refusals(t *testing.T) {
	if _, err := ReadWorkbook(workbook(t, []string{"建筑名称"}, []string{"A"})); err == nil || !strings.Contains(err.Error(), "电表地址") {
		t.Errorf("no address column: %v", err)
	}
	rows := make([][]string, MaxImportRows+1)
	for i := range rows {
		rows[i] = []string{"A", fmt.Sprint(i + 1)}
	}
	if _, err := ReadWorkbook(workbook(t, []string{"建筑名称", "电表地址"}, rows...)); err == nil || !strings.Contains(err.Error(), "more than 20000 rows") {
		t.Errorf("%d rows: %v", len(rows), err)
	}

	// 100 MB of zeros zip to about 100 KB: the unpacking must stop at the limit.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zero := make([]byte, 1<<20)
	for range 100 {
		w.Write(zero)
	}
	zw.Close()
	if bomb.Len() > MaxImportBytes {
		t.Fatalf("the bomb is %d bytes, over the upload limit", bomb.Len())
	}
	if _, err := ReadWorkbook(bomb.Bytes()); voltpay.ErrorCode(err) != voltpay.EINVALID || !strings.Contains(err.Error(), "unpacks to more than") {
		t.Errorf("zip bomb: %v; want INVALID_INPUT saying it unpacks too large", err)
	}
	for name, data := range map[string][]byte{"csv": []byte("a,b\n1,2\n"), "empty zip": emptyZip(), "garbage": {0x50, 0x4b, 3, 4, 0, 0}} {
		if _, err := ReadWorkbook(data); voltpay.ErrorCode(err) != voltpay.EINVALID {
			t.Errorf("%s: %v; want INVALID_INPUT", name, err)
		}
	}
}

func emptyZip() []byte {
	var b bytes.Buffer
	zip.NewWriter(&b).Close()
	return b.Bytes()
}

// fuzzState is a site with a tariff, a gateway and a meter on it, for the
// planner to check rows against.
func fuzzState() *voltpay.SiteImportState {
	st := emptyState()
	gw := &voltpay.Gateway{ID: 7, SiteID: 1, Name: "GW", Host: "10.0.0.1", Port: 8899, Protocol: voltpay.ProtocolDLT645}
	st.Gateways["GW"], st.Endpoints[gw.Endpoint()] = gw, gw
	st.Tariffs["T"] = &voltpay.Tariff{ID: 3, SiteID: 1, Name: "T"}
	st.Meters[voltpay.MeterKey{GatewayID: 7, Address: "000000000001"}] = &voltpay.Meter{ID: 9, Address: "000000000001"}
	st.Accounts["shop:S1"] = &voltpay.Account{ID: 4, No: "A000004", ShopNo: "S1"}
	return st
}

// FuzzImportRow: whatever one row holds, planning it never panics; every
// error names its row and cell in both languages; a row without errors
// plans exactly one meter whose input the services would accept as it is.
func FuzzImportRow(f *testing.F) {
	f.Add("A座", "1F", "101", "GW", "", "", "", "12", "", "", "DDSY1352", "", "", "T", "S2", "商户", "13800138000", "100.50")
	f.Add("A座", "1F", "101", "新网关", "Modbus RTU", "10.0.0.2", "502", "7", "Modbus", "3", "ADF400L", "3", "40", "", "", "", "", "")
	f.Add("B", "", "", "", "4G直连", "", "", "1", "", "", "", "", "", "", "S1", "x", "021-60000001", "-1")
	f.Add("", "\x00", "", "GW", "DL/T 645", "10.0.0.9", "99999", "999999999999", "dlt645", "1", "?", "2", "0", "U", "", "", "", "1e9")
	f.Fuzz(func(t *testing.T, building, floor, room, gw, gwProto, host, port, addr, proto, channel, model, phases, ct, tariff, shop, tenant, phone, opening string) {
		cells := []string{building, floor, room, gw, gwProto, host, port, addr, proto, channel, model, phases, ct, tariff, shop, tenant, phone, opening}
		cols := map[string]int{}
		for i, c := range importCols {
			cols[c.key] = i
		}
		s := &Sheet{Name: ImportSheet, Cols: cols, Rows: []Row{{N: 2, Cells: cells}}}
		p := PlanImport(s, 1, strings.Repeat("c", 64), fuzzState())
		for _, e := range p.Errors {
			if e.Row != 2 || e.Cell == "" || e.Message.Zh == "" || e.Message.En == "" {
				t.Fatalf("error without its cell or a message: %+v", e)
			}
		}
		if len(p.Errors) > 0 || len(p.Skipped) > 0 {
			return
		}
		if len(p.Import.Meters) != 1 || p.Summary.Meters != 1 {
			t.Fatalf("a row without errors planned %d meters", len(p.Import.Meters))
		}
		in := p.Import.Meters[0].Input
		again := in
		if err := again.Validate(); err != nil || fmt.Sprint(again) != fmt.Sprint(in) {
			t.Fatalf("the planned meter %+v does not validate as it is: %v", in, err)
		}
		for _, a := range p.Import.Accounts {
			if a.OpeningFen < 0 || a.OpeningFen > voltpay.MaxTransactionFen {
				t.Fatalf("opening balance %d planned", a.OpeningFen)
			}
			if err := a.Input.Validate(); err != nil {
				t.Fatalf("the planned account does not validate: %v", err)
			}
		}
	})
}

// FuzzReadWorkbook: no upload makes ReadWorkbook panic; it refuses what it
// cannot read with INVALID_INPUT.
func FuzzReadWorkbook(f *testing.F) {
	f.Add(templateBytes(f))
	f.Add(emptyZip())
	f.Add([]byte("PK\x03\x04garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ReadWorkbook(data)
		if err != nil {
			if voltpay.ErrorCode(err) != voltpay.EINVALID {
				t.Fatalf("refused with %v, want INVALID_INPUT", err)
			}
			return
		}
		if s.Cols == nil || len(s.Rows) > MaxImportRows {
			t.Fatalf("read %+v", s)
		}
	})
}

// TestImportDocs_ListEveryColumn: docs/EXPORT_IMPORT.md's table of the
// template lists every column by both names, and says which are required.
func TestImportDocs_ListEveryColumn(t *testing.T) {
	doc, err := os.ReadFile("../../docs/EXPORT_IMPORT.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range importCols {
		want := "| " + c.header.Zh + " " + c.header.En + " |"
		if c.required {
			want += " yes |"
		}
		if !strings.Contains(string(doc), want) {
			t.Errorf("docs/EXPORT_IMPORT.md has no row starting %q", want)
		}
	}
}

// TestPlanImport_BuildingFloors: a new building gets the floors of its
// rows, in order, and too many floors are refused at the building's row.
func TestPlanImport_BuildingFloors(t *testing.T) {
	cols := map[string]int{}
	for i, c := range importCols {
		cols[c.key] = i
	}
	row := func(n int, floor string) Row {
		cells := make([]string, len(importCols))
		cells[cols[colBuilding]], cells[cols[colFloor]], cells[cols[colAddress]] = "A", floor, strconv.Itoa(n)
		cells[cols[colGatewayProtocol]] = "4G直连"
		return Row{N: n, Cells: cells}
	}
	s := &Sheet{Cols: cols, Rows: []Row{row(2, "1F"), row(3, "2F"), row(4, "1F")}}
	p := PlanImport(s, 1, strings.Repeat("d", 64), emptyState())
	if len(p.Errors) != 0 || len(p.Import.Buildings) != 1 || fmt.Sprint(p.Import.Buildings[0].Input.Floors) != "[1F 2F]" {
		t.Fatalf("plan: %+v", p)
	}
	s.Rows = nil
	for i := range voltpay.MaxFloors + 1 {
		s.Rows = append(s.Rows, row(i+2, fmt.Sprintf("F%d", i)))
	}
	p = PlanImport(s, 1, strings.Repeat("d", 64), emptyState())
	if len(p.Errors) != 1 || p.Errors[0].Cell != "B2" {
		t.Errorf("%d floors: errors %+v; want one at the building's first row's floor", len(s.Rows), p.Errors)
	}
}
