package sheets

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/voltpay/voltpay"
)

// totalLabel heads the totals row.
var totalLabel = Text{Zh: "合计", En: "Total"}

// totalStyles makes the styles of the title and totals rows: bold, and
// the totals in their column's number format.
func (w *Writer) totalStyles() error {
	var err error
	if w.styles[kindTitle], err = w.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Size: 12},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	}); err != nil {
		return err
	}
	if w.total, err = w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Border: []excelize.Border{{Type: "top", Color: "000000", Style: 1}}}); err != nil {
		return err
	}
	for kind, format := range map[Kind]string{kindMoneyTotal: FormatMoney, kindEnergyTotal: FormatEnergy} {
		format := format
		if w.styles[kind], err = w.f.NewStyle(&excelize.Style{CustomNumFmt: &format, Font: &excelize.Font{Bold: true},
			Border: []excelize.Border{{Type: "top", Color: "000000", Style: 1}}}); err != nil {
			return err
		}
	}
	return nil
}

// The styles of the title and totals rows, kept with the columns' (Writer.styles).
const (
	kindTitle Kind = -1 - iota
	kindMoneyTotal
	kindEnergyTotal
)

// writeTitle writes title in row 1, merged across the columns so that it
// reads as one line over the table however narrow the first column is.
func (w *Writer) writeTitle(title string) error {
	last := max(len(w.cols), 1)
	if last > 1 {
		if err := w.sw.MergeCell("A1", cellName(last, 1)); err != nil {
			return err
		}
	}
	return w.sw.SetRow("A1", []any{excelize.Cell{StyleID: w.styles[kindTitle], Value: title}}, excelize.RowOpts{Height: 36})
}

// add counts a data row's money and energy into the column sums, in
// integer fen and Wh: the totals are exact whatever the number of rows.
func (w *Writer) add(values []any) {
	for i, v := range values {
		if i >= len(w.cols) || !w.cols[i].totalled() {
			continue
		}
		switch x := deref(v).(type) {
		case voltpay.Fen:
			w.sums[i] += int64(x)
		case voltpay.Wh:
			w.sums[i] += int64(x)
		}
	}
}

// Totals writes the totals row below the data, once: 合计 / Total, and
// under every money and energy column a SUM formula over the data rows
// with its value already computed from the exact sums (so a reader that
// does not calculate, or a program reading the cached value, sees the
// same figure Excel will). Write and Note call it; a sheet without such
// columns gets no totals row.
func (w *Writer) Totals() error {
	if w.summed {
		return nil
	}
	w.summed = true
	cells := make([]any, len(w.cols))
	some := false
	for i, c := range w.cols {
		if !c.totalled() {
			continue
		}
		some = true
		style, value := w.styles[kindMoneyTotal], float64(w.sums[i])/100
		if c.Kind == KindEnergy {
			style, value = w.styles[kindEnergyTotal], float64(w.sums[i])/1000
		}
		cell := excelize.Cell{StyleID: style, Value: value}
		if rows := w.Rows(); rows > 0 {
			col, _ := excelize.ColumnNumberToName(i + 1)
			cell.Formula = fmt.Sprintf("SUM(%s%d:%s%d)", col, w.first, col, w.first+rows-1)
		}
		cells[i] = cell
	}
	if !some {
		return nil
	}
	for i, c := range cells {
		if c == nil {
			cells[i] = excelize.Cell{StyleID: w.total, Value: totalLabel.In(w.lang)}
			break
		}
	}
	w.row++
	return w.sw.SetRow(cellName(1, w.row), cells)
}
