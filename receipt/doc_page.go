package receipt

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"
)

// Paper is a sheet size in millimetres and how many receipt parts one
// sheet holds (stacked, cut apart along dashed lines).
type Paper struct {
	Name  string  // as the HTTP parameter names it: "a4", "241"
	W, H  float64 // the page, mm
	Parts int     // receipt parts per page
}

// The papers receipts print on.
var (
	// A4 holds the three parts of a receipt (三联) stacked, 99 mm each.
	A4 = Paper{Name: "a4", W: 210, H: 297, Parts: 3}
	// Continuous241 is 241 mm continuous (pin-feed) paper cut in thirds of
	// 11 inches (241 × 93.1 mm, 241-3): one part a page, for dot-matrix
	// printers at the desk.
	Continuous241 = Paper{Name: "241", W: 241, H: 93.1, Parts: 1}
)

// Papers lists the papers by name.
var Papers = map[string]Paper{A4.Name: A4, Continuous241.Name: Continuous241}

// Grey levels and red of the print.
const (
	inkLabel = 110 // labels and small print
	inkRule  = 150 // rules and cut lines
)

// Doc is a PDF in the platform's CJK font with the drawing primitives
// receipts (and later statements) are built from: text in a box, a grid of
// label–value cells, QR codes, logos, rules and cut lines. Coordinates are
// millimetres from the page's top left. Errors stick: the first one stops
// drawing and Output returns it.
type Doc struct {
	pdf   *fpdf.Fpdf
	faces []*face
	n     int // images registered, for unique names
}

// NewDoc starts a document of pages w × h mm with the CJK font loaded; it
// embeds only the glyphs used (a subset). Errors: no font (see FontPaths).
func NewDoc(w, h float64) (*Doc, error) {
	faces, err := loadFonts()
	if err != nil {
		return nil, err
	}
	// "P" keeps Size as given (fpdf swaps it for "L"), wider than high or not.
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: w, Ht: h}})
	pdf.SetCompression(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCellMargin(0) // Width measures the text alone
	pdf.SetCreator("Voltpay", true)
	for _, f := range faces {
		pdf.AddUTF8FontFromBytes(f.name, "", f.bytes)
	}
	return &Doc{pdf: pdf, faces: faces}, pdf.Error()
}

// AddPage starts a new page.
func (d *Doc) AddPage() { d.pdf.AddPage() }

// SetTitle sets the document's title (its metadata, shown by viewers).
func (d *Doc) SetTitle(s string) { d.pdf.SetTitle(s, true) }

// Text writes s at size pt in the box x, y, w (height size), aligned
// "L", "C" or "R", shortened with "…" to fit; grey 0 is black.
func (d *Doc) Text(x, y, w, size float64, align string, grey int, s string) {
	d.pdf.SetTextColor(grey, grey, grey)
	s = d.Fit(s, size, w)
	switch tw := d.Width(s, size); align {
	case "C":
		x += (w - tw) / 2
	case "R":
		x += w - tw
	}
	d.write(x, y, size, s, "")
}

// write sets s from x, y at size, each stretch in its font, in cells
// with border (fpdf's: "" none, "1" a box).
func (d *Doc) write(x, y, size float64, s, border string) {
	d.pdf.SetXY(x, y)
	for _, r := range runs(d.faces, s) {
		d.pdf.SetFont(r.face.name, "", size)
		d.pdf.CellFormat(d.pdf.GetStringWidth(r.text), pt(size), r.text, border, 0, "L", false, 0, "")
	}
}

// Width is how wide s sets at size, mm.
func (d *Doc) Width(s string, size float64) float64 {
	w := 0.0
	for _, r := range runs(d.faces, s) {
		d.pdf.SetFont(r.face.name, "", size)
		w += d.pdf.GetStringWidth(r.text)
	}
	return w
}

// Fit shortens s with "…" until it sets at most w mm wide at size.
func (d *Doc) Fit(s string, size, w float64) string {
	if d.Width(s, size) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && d.Width(string(r)+"…", size) > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// Stamp writes s in red in a box at x, y (its top right corner when
// right is true), as the reprint mark is drawn.
func (d *Doc) Stamp(x, y, size float64, right bool, s string) {
	w := d.Width(s, size) + 4
	if right {
		x -= w
	}
	d.pdf.SetDrawColor(200, 30, 30)
	d.pdf.SetTextColor(200, 30, 30)
	d.pdf.SetLineWidth(0.5)
	d.pdf.Rect(x, y, w, pt(size)+2, "D")
	d.pdf.SetLineWidth(0.2)
	d.write(x+2, y+1, size, s, "")
}

// Cell is one label–value pair of a Grid; Span is the columns it takes
// (0 or 1: one), Size its value's point size (0: 9.5).
type Cell struct {
	Label, Value string
	Span         int
	Size         float64
}

// Grid lays cells out left to right in cols columns of w/cols mm each,
// rows of rowH mm from y, a label of labelW mm then its value, and returns
// the y under the last row.
func (d *Doc) Grid(x, y, w, rowH, labelW float64, cols int, cells []Cell) float64 {
	colW := w / float64(cols)
	col := 0
	for _, c := range cells {
		span := max(c.Span, 1)
		if col+span > cols {
			col, y = 0, y+rowH
		}
		size := c.Size
		if size == 0 {
			size = 9.5
		}
		cx := x + float64(col)*colW
		// the label's baseline on the value's
		d.Text(cx, y+(rowH-pt(size))/2+(pt(size)-pt(8))*0.8, labelW, 8, "L", inkLabel, c.Label)
		d.Text(cx+labelW, y+(rowH-pt(size))/2, float64(span)*colW-labelW-1, size, "L", 0, c.Value)
		col += span
		if col >= cols {
			col, y = 0, y+rowH
		}
	}
	if col > 0 {
		y += rowH
	}
	return y
}

// Rule draws a thin line from x1 to x2 at y.
func (d *Doc) Rule(x1, x2, y float64) {
	d.pdf.SetDrawColor(inkRule, inkRule, inkRule)
	d.pdf.SetDashPattern(nil, 0)
	d.pdf.Line(x1, y, x2, y)
}

// CutLine draws a dashed line across the page at y with label in its
// middle, where parts are cut apart.
func (d *Doc) CutLine(y, pageW float64, label string) {
	lw := d.Width(label, 7) + 4
	d.pdf.SetDrawColor(inkRule, inkRule, inkRule)
	d.pdf.SetDashPattern([]float64{2, 1.5}, 0)
	d.pdf.Line(4, y, (pageW-lw)/2, y)
	d.pdf.Line((pageW+lw)/2, y, pageW-4, y)
	d.pdf.SetDashPattern(nil, 0)
	d.Text((pageW-lw)/2, y-pt(7)/2, lw, 7, "C", inkRule, label)
}

// QR draws a QR code of text, size mm square, at x, y: vector modules, so
// it prints sharp at any resolution and costs a few hundred bytes.
func (d *Doc) QR(x, y, size float64, text string) error {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("QR code of %q: %w", text, err)
	}
	q.DisableBorder = true
	bm := q.Bitmap()
	m := size / float64(len(bm))
	d.pdf.SetFillColor(0, 0, 0)
	for r, row := range bm {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			d.pdf.Rect(x+float64(start)*m, y+float64(r)*m, float64(c-start)*m, m, "F")
		}
	}
	return nil
}

// Image draws the PNG b at x, y, h mm high (less if it would be wider
// than maxW), and returns its width.
func (d *Doc) Image(x, y, h, maxW float64, b []byte) float64 {
	d.n++
	name := fmt.Sprintf("img%d", d.n)
	info := d.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(b))
	if info == nil || d.pdf.Err() {
		return 0
	}
	w := h * info.Width() / info.Height()
	if w > maxW {
		w, h = maxW, maxW*info.Height()/info.Width()
	}
	d.pdf.ImageOptions(name, x, y, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	return w
}

// Err is the first error drawing met, or nil.
func (d *Doc) Err() error { return d.pdf.Error() }

// Output writes the PDF to w.
func (d *Doc) Output(w io.Writer) error { return d.pdf.Output(w) }

// pt is the height in mm of a line of text at size points.
func pt(size float64) float64 { return size * 25.4 / 72 * 1.15 }

// oneLine folds the line breaks and tabs of s into spaces: every value of
// a receipt is printed on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
