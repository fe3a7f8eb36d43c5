package sheets

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/voltpay/voltpay"
)

// Limits of an uploaded sheet. An .xlsx is a zip: its parts are
// decompressed at most to unzipLimit in all (a zip bomb stops there), and
// a worksheet larger than unzipXMLLimit is read from a temporary file
// rather than held in memory.
const (
	MaxImportBytes = 5 << 20 // the upload
	MaxImportRows  = 20_000  // meters, the header not counted
	unzipLimit     = 64 << 20
	unzipXMLLimit  = 16 << 20
)

// Sheet is the data an uploaded workbook holds: which column holds what
// (by column key, 0-based) and its rows with anything in them.
type Sheet struct {
	Name string
	Cols map[string]int
	Rows []Row
}

// Row is one sheet row: its number in the sheet (from 1) and its cells,
// trimmed.
type Row struct {
	N     int
	Cells []string
}

// Get returns the row's cell in column col (-1 or past the end: "").
func (r Row) Get(col int) string {
	if col < 0 || col >= len(r.Cells) {
		return ""
	}
	return r.Cells[col]
}

// ReadWorkbook reads the import sheet of an .xlsx workbook: the sheet
// named ImportSheet, else the first. Formulas count as their cached
// values (nothing is calculated, no external workbook or link is
// opened). Errors: INVALID_INPUT (field "file") saying what is wrong
// with the file: not an .xlsx, encrypted, too large once unpacked, no
// header row with the required columns, more than MaxImportRows rows.
func ReadWorkbook(data []byte) (*Sheet, error) {
	if len(data) > MaxImportBytes {
		return nil, voltpay.Invalid("file", "the file is %d bytes; at most %d MB are accepted: split the sheet", len(data), MaxImportBytes>>20)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		return nil, openError(data, err)
	}
	defer f.Close()
	names := f.GetSheetList()
	if len(names) == 0 {
		return nil, voltpay.Invalid("file", "the workbook has no worksheet; fill in the template's sheet %s", ImportSheet)
	}
	name := names[0]
	if slices.Contains(names, ImportSheet) {
		name = ImportSheet
	}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, voltpay.Invalid("file", "sheet %s cannot be read (%v); save the workbook again as .xlsx", name, err)
	}
	defer rows.Close()
	s := &Sheet{Name: name}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, voltpay.Invalid("file", "row %d of sheet %s cannot be read (%v); save the workbook again as .xlsx", n, name, err)
		}
		empty := true
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
			empty = empty && cells[i] == ""
		}
		switch {
		case empty:
		case s.Cols == nil:
			if err := s.readHeader(n, cells); err != nil {
				return nil, err
			}
		case len(s.Rows) == MaxImportRows:
			return nil, voltpay.Invalid("file", "sheet %s has more than %d rows of meters; split it into several files", name, MaxImportRows)
		default:
			s.Rows = append(s.Rows, Row{N: n, Cells: cells})
		}
	}
	if err := rows.Error(); err != nil {
		return nil, voltpay.Invalid("file", "sheet %s cannot be read (%v); save the workbook again as .xlsx", name, err)
	}
	if s.Cols == nil {
		return nil, voltpay.Invalid("file", "sheet %s is empty; fill in the template (GET /import/site-template.xlsx), one row per meter", name)
	}
	return s, nil
}

// readHeader takes row n, the first with anything in it, as the header.
func (s *Sheet) readHeader(n int, cells []string) error {
	s.Cols = map[string]int{}
	for i, h := range cells {
		key := matchHeader(h)
		if key == "" {
			continue // a column of the user's own, e.g. notes
		}
		if prev, dup := s.Cols[key]; dup {
			return voltpay.Invalid("file", "columns %s and %s of row %d both are %s; keep one",
				colName(prev+1), colName(i+1), n, importColByKey(key).header.Zh)
		}
		s.Cols[key] = i
	}
	var missing []string
	for _, c := range importCols {
		if _, ok := s.Cols[c.key]; c.required && !ok {
			missing = append(missing, c.header.Zh+" ("+c.header.En+")")
		}
	}
	if len(missing) > 0 {
		return voltpay.Invalid("file", "row %d of sheet %s, the header, has no column %s; download the template (GET /import/site-template.xlsx) and keep its header row",
			n, s.Name, strings.Join(missing, ", "))
	}
	return nil
}

// openError says why data is not a workbook we can read.
func openError(data []byte, err error) error {
	switch {
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) || errors.Is(err, excelize.ErrWorkbookFileFormat):
		return voltpay.Invalid("file", "the file is an old Excel 97-2003 workbook (.xls) or a password-protected one; open it in Excel or WPS and save it as an unprotected .xlsx workbook")
	case !bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return voltpay.Invalid("file", "the file is not an .xlsx workbook (Excel 2007 or later); download the template (GET /import/site-template.xlsx), fill it in and upload it as .xlsx, not .csv or .pdf")
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return voltpay.Invalid("file", "the workbook unpacks to more than %d MB; it cannot be a sheet of %d meters: upload the template filled in", unzipLimit>>20, MaxImportRows)
	}
	return voltpay.Invalid("file", "the file could not be read as an .xlsx workbook (%v); save it again as .xlsx", err)
}

// Cell names the cell of column key in row r, e.g. "D7" ("" when the
// sheet has no such column).
func (s *Sheet) Cell(key string, r int) string {
	i, ok := s.Cols[key]
	if !ok {
		return ""
	}
	return fmt.Sprintf("%s%d", colName(i+1), r)
}
