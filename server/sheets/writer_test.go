package sheets

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/voltpay/voltpay"
)

// TestWriter_TotalsExact: 10,000 rows of 0.01 yuan and 0.001 kWh total
// exactly 100.00 yuan and 10 kWh (summed in fen and Wh, not in floats);
// without a title the header is row 1 and frozen there; a note goes below
// the totals; a row after the totals is refused.
func TestWriter_TotalsExact(t *testing.T) {
	cols := []Column{{Header: Text{"ID", "ID"}, Kind: KindInt}, {Header: Text{"金额(元)", "Amount (yuan)"}, Kind: KindMoney},
		{Header: Text{"电量(kWh)", "Energy (kWh)"}, Kind: KindEnergy}, {Header: Text{"阈值(元)", "Limit (yuan)"}, Kind: KindMoney, NoTotal: true}}
	w, err := NewWriter("s", cols, ZhCN, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for i := range 10_000 {
		fen := voltpay.Fen(1)
		if err := w.Add([]any{i, &fen, voltpay.Wh(1), voltpay.Fen(500)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Note("note"); err != nil {
		t.Fatal(err)
	}
	if err := w.Add([]any{1}); err == nil {
		t.Errorf("a row below the totals was written")
	}
	var out bytes.Buffer
	if err := w.Write(&out); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw := excelize.Options{RawCellValue: true}
	for cell, want := range map[string]string{"A1": "ID", "A10002": "合计", "B10002": "100", "C10002": "10", "D10002": "", "A10003": "note"} {
		if v, _ := f.GetCellValue("s", cell, raw); v != want {
			t.Errorf("%s = %q, want %q", cell, v, want)
		}
	}
	if formula, _ := f.GetCellFormula("s", "B10002"); formula != "SUM(B2:B10001)" {
		t.Errorf("total formula %q", formula)
	}
	if p, _ := f.GetPanes("s"); !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
		t.Errorf("panes %+v: want the header row frozen", p)
	}
	if w.Rows() != 10_000 {
		t.Errorf("Rows() = %d", w.Rows())
	}
}
