package sheets

import (
	"archive/zip"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/voltpay/voltpay"
)

// Kind is how a column's values are written.
type Kind int

const (
	KindText   Kind = iota // text as it is
	KindInt                // a whole number (ids, counts)
	KindMoney              // voltpay.Fen, written as yuan with "#,##0.00"
	KindEnergy             // voltpay.Wh, written as kWh with two decimals
	KindPrice              // voltpay.Price, written as yuan per kWh with four decimals
	KindTime               // time.Time, an Excel date in the sheet's zone, "yyyy-mm-dd hh:mm:ss"
	KindBool               // 是/否, Yes/No
	KindEnum               // an enum value, translated (Column.Enum names the enum)
)

// Column is one column of a sheet: its header in both languages, its
// width in characters and how its values are written.
type Column struct {
	Header Text
	Width  float64
	Kind   Kind
	Enum   string // for KindEnum: the enum's GraphQL type name (enumTexts)
	// NoTotal leaves a money or energy column out of the totals row, for
	// values whose sum means nothing (a balance after each entry, an
	// alarm threshold, a meter's register).
	NoTotal bool
}

// totalled reports whether c gets a sum in the totals row: every money
// and energy column but those marked NoTotal.
func (c Column) totalled() bool {
	return (c.Kind == KindMoney || c.Kind == KindEnergy) && !c.NoTotal
}

// Number formats of the typed columns.
const (
	FormatMoney  = "#,##0.00"
	FormatEnergy = "#,##0.00"
	FormatPrice  = "0.0000"
	FormatTime   = "yyyy-mm-dd hh:mm:ss"
)

// Writer writes one sheet of a new workbook row by row through excelize's
// StreamWriter, which keeps at most 16 MiB of rows in memory and spills
// the rest to a temporary file, so a large export costs flat memory. An
// optional title row (what the sheet is, its filter, when it was made)
// comes first, then the header row, bold and frozen with the title, the
// columns sized; below the data a totals row sums every money and energy
// column. The only state kept per row is those sums, integers.
type Writer struct {
	f      *excelize.File
	sw     *excelize.StreamWriter
	cols   []Column
	lang   Lang
	loc    *time.Location
	styles map[Kind]int
	note   int
	total  int     // the totals row's label style
	row    int     // the last row written
	first  int     // the first data row
	data   int     // data rows written
	sums   []int64 // per column: the sum of its fen or Wh so far
	summed bool    // the totals row is written
}

// NewWriter starts a workbook with one sheet named sheet (at most 31
// characters, none of []:*?/\), its header row written in lang; times are
// written in loc. NewTitledWriter puts a title row above the header.
func NewWriter(sheet string, cols []Column, lang Lang, loc *time.Location) (*Writer, error) {
	return NewTitledWriter(sheet, "", cols, lang, loc)
}

// NewTitledWriter is NewWriter with title (one line saying what the sheet
// holds, its filter and time range, when it was made) in row 1, across
// the columns; "" writes no title row.
func NewTitledWriter(sheet, title string, cols []Column, lang Lang, loc *time.Location) (*Writer, error) {
	f := excelize.NewFile()
	w := &Writer{f: f, cols: cols, lang: lang, loc: loc, styles: map[Kind]int{}, sums: make([]int64, len(cols))}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		f.Close()
		return nil, fmt.Errorf("name the sheet %q: %w", sheet, err)
	}
	if err := w.start(sheet, title); err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

func (w *Writer) start(sheet, title string) error {
	header, err := w.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF7"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
	})
	if err != nil {
		return err
	}
	for kind, format := range map[Kind]string{KindMoney: FormatMoney, KindEnergy: FormatEnergy, KindPrice: FormatPrice, KindTime: FormatTime} {
		format := format
		if w.styles[kind], err = w.f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
			return err
		}
	}
	if w.note, err = w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}}); err != nil {
		return err
	}
	if err := w.totalStyles(); err != nil {
		return err
	}
	if w.sw, err = w.f.NewStreamWriter(sheet); err != nil {
		return err
	}
	headerRow := 1
	if title != "" {
		headerRow = 2
	}
	w.first = headerRow + 1
	// Panes and widths go before the first row: the stream writes the
	// sheet's XML in order. The freeze is below the header, so the title
	// and the header stay in view.
	if err := w.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cellName(1, w.first), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, c := range w.cols {
		if c.Width > 0 {
			if err := w.sw.SetColWidth(i+1, i+1, c.Width); err != nil {
				return err
			}
		}
	}
	if title != "" {
		if err := w.writeTitle(title); err != nil {
			return err
		}
	}
	cells := make([]any, len(w.cols))
	for i, c := range w.cols {
		cells[i] = excelize.Cell{StyleID: header, Value: c.Header.In(w.lang)}
	}
	w.row = headerRow
	return w.sw.SetRow(cellName(1, headerRow), cells, excelize.RowOpts{Height: 20})
}

// Add writes one row, a value per column (nil for an empty cell): text
// (a Text in the sheet's language), numbers, voltpay.Fen, Wh and Price,
// times and bools, or pointers to them.
func (w *Writer) Add(values []any) error {
	cells := make([]any, len(values))
	for i, v := range values {
		if i < len(w.cols) {
			cells[i] = w.cell(w.cols[i], v)
		} else {
			cells[i] = v
		}
	}
	if w.summed {
		return fmt.Errorf("sheets: a row added below the totals")
	}
	w.add(values)
	w.row++
	w.data++
	return w.sw.SetRow(cellName(1, w.row), cells)
}

// Lang is the language the sheet is written in.
func (w *Writer) Lang() Lang { return w.lang }

// Rows is how many data rows were written (title, header and totals not
// counted).
func (w *Writer) Rows() int { return w.data }

// Note writes a line of text in bold red below the data and its totals,
// e.g. that the file was cut.
func (w *Writer) Note(text string) error {
	if err := w.Totals(); err != nil {
		return err
	}
	w.row++
	return w.sw.SetRow(cellName(1, w.row), []any{excelize.Cell{StyleID: w.note, Value: text}})
}

// Write finishes the sheet and writes the workbook to out, zipping it
// straight into out. (excelize zips into a buffer of the whole file and
// then copies it; its ZipWriter hook gets that buffer, and is handed a
// zip writer on out instead, so the buffer stays empty. Only a part over
// 4 GiB would need the buffer, for zip64 headers: far past the export's
// row limit.)
func (w *Writer) Write(out io.Writer) error {
	if err := w.Totals(); err != nil {
		return err
	}
	if err := w.sw.Flush(); err != nil {
		return err
	}
	w.f.ZipWriter = func(io.Writer) excelize.ZipWriter { return zip.NewWriter(out) }
	return w.f.Write(io.Discard)
}

// Close releases the workbook's temporary files.
func (w *Writer) Close() error { return w.f.Close() }

// cell turns a value into what excelize writes for column c.
func (w *Writer) cell(c Column, v any) any {
	v = deref(v)
	switch x := v.(type) {
	case nil:
		return nil
	case voltpay.Fen:
		// Integer fen to yuan: the only float step is this division.
		return excelize.Cell{StyleID: w.styles[KindMoney], Value: float64(x) / 100}
	case voltpay.Wh:
		return excelize.Cell{StyleID: w.styles[KindEnergy], Value: float64(x) / 1000}
	case voltpay.Price:
		return excelize.Cell{StyleID: w.styles[KindPrice], Value: float64(x) / 10000}
	case time.Time:
		if x.IsZero() {
			return nil
		}
		return excelize.Cell{StyleID: w.styles[KindTime], Value: x.In(w.loc)}
	case Text:
		return x.In(w.lang)
	case bool:
		return YesNo(x, w.lang)
	case string:
		if c.Kind == KindEnum {
			return Translate(c.Enum, x, w.lang)
		}
		return x
	}
	return v
}

// deref follows the pointers the domain types use for optional values.
func deref(v any) any {
	switch x := v.(type) {
	case *string:
		if x != nil {
			return *x
		}
	case *int64:
		if x != nil {
			return *x
		}
	case *int:
		if x != nil {
			return *x
		}
	case *voltpay.Fen:
		if x != nil {
			return *x
		}
	case *voltpay.Wh:
		if x != nil {
			return *x
		}
	case *time.Time:
		if x != nil {
			return *x
		}
	case *bool:
		if x != nil {
			return *x
		}
	default:
		return v
	}
	return nil
}

// cellName is the A1 name of a cell (column and row from 1).
func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
