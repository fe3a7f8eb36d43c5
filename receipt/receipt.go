package receipt

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Kind is what a receipt records.
type Kind string

// The kinds of receipt.
const (
	KindSale     Kind = "sale"     // 售电
	KindRefund   Kind = "refund"   // 退电
	KindReversal Kind = "reversal" // 冲正
	KindOpening  Kind = "opening"  // 开户 (the opening's first sale)
)

// Copy is one part of a three-part receipt (三联单).
type Copy string

// The copies, in the order they print.
const (
	CopyTenant  Copy = "tenant"  // 第一联 客户联
	CopyFinance Copy = "finance" // 第二联 财务联
	CopyArchive Copy = "archive" // 第三联 存根联
)

// Copies lists the three parts in order.
var Copies = []Copy{CopyTenant, CopyFinance, CopyArchive}

// Receipt is what one receipt prints, already looked up and permitted:
// amounts in fen, Time in the zone it prints in.
type Receipt struct {
	No        string
	Kind      Kind
	SiteName  string // the title when the layout has none
	AccountNo string
	Tenant    string
	Shop      string
	Meters    []string // meter addresses
	// AmountFen is the entry's signed amount; the receipt prints its size.
	AmountFen        int64
	BalanceBeforeFen int64
	BalanceAfterFen  int64
	Channel          string // cash, bank, wechat, alipay or ""
	Operator         string
	Time             time.Time
	Note             string
	Reverses         string // the receipt number a reversal undoes
	// URL is what the QR code opens (the receipt in the tenant app); ""
	// prints none.
	URL string
	// Reprint marks every part "重打" (a copy printed again later).
	Reprint bool
}

// Options say how to print.
type Options struct {
	Paper  Paper  // A4 (zero value) or Continuous241
	Copies []Copy // nil: all three
	Lang   string // "zh-CN" (default) or "en-US", for the labels
}

// Render writes r as a PDF to w: on A4 the parts stacked three to a page
// with cut lines between them, on continuous paper one part a page.
// Errors: the font is missing (see FontPaths), or writing fails.
func Render(w io.Writer, r *Receipt, l *Layout, o Options) error {
	if o.Paper.W == 0 {
		o.Paper = A4
	}
	copies := o.Copies
	if len(copies) == 0 {
		copies = Copies
	}
	if l == nil {
		l = &Layout{}
	}
	words := labels(o.Lang)
	d, err := NewDoc(o.Paper.W, o.Paper.H)
	if err != nil {
		return err
	}
	d.SetTitle(fmt.Sprintf("%s %s", words.kinds[r.Kind], r.No))
	partH := o.Paper.H / float64(o.Paper.Parts)
	for i, c := range copies {
		slot := i % o.Paper.Parts
		if slot == 0 {
			d.AddPage()
		}
		y := float64(slot) * partH
		if slot > 0 {
			d.CutLine(y, o.Paper.W, words.cut)
		}
		if err := drawPart(d, r, l, words, c, y, o.Paper.W, partH); err != nil {
			return err
		}
	}
	if err := d.Err(); err != nil {
		return fmt.Errorf("receipt %s: %w", r.No, err)
	}
	return d.Output(w)
}

// Margins and sizes of a part, mm.
const (
	margin = 8
	qrSize = 24
	rowH   = 5.6
)

// drawPart draws copy c of r in the band y … y+h of the page.
func drawPart(d *Doc, r *Receipt, l *Layout, words *words, c Copy, y, w, h float64) error {
	x, inner := float64(margin), w-2*margin
	title := oneLine(l.Title)
	if title == "" {
		title = oneLine(r.SiteName)
	}
	if len(l.Logo) > 0 {
		d.Image(x, y+3, 7, 30, l.Logo)
	}
	d.Text(x+30, y+4.5, inner-60, 14, "C", 0, title)
	if r.Reprint {
		d.Stamp(x+inner, y+3.5, 9, true, words.reprint)
	}
	d.Text(x, y+12, 50, 9, "L", inkLabel, words.copies[c])
	d.Text(x+50, y+11.5, inner-100, 12, "C", 0, spaced(words.kinds[r.Kind]))
	d.Text(x+inner-60, y+12, 60, 9, "R", 0, words.no+" "+r.No)
	d.Rule(x, x+inner, y+17.5)

	gridW := inner
	if l.Shows(FieldQR) && r.URL != "" {
		gridW = inner - qrSize - 4
		qx, qy := x+inner-qrSize, y+20
		if err := d.QR(qx, qy, qrSize, r.URL); err != nil {
			return err
		}
		d.Text(qx-3, qy+qrSize+0.8, qrSize+6, 6.5, "C", inkLabel, words.scan)
	}
	gy := y + 19
	gy = d.Grid(x, gy, gridW, rowH+1.5, 22, 1, []Cell{{
		Label: words.amount, Size: 11.5,
		Value: fmt.Sprintf("%s    %s %s", Figures(abs(r.AmountFen)), words.capitals, Capitals(abs(r.AmountFen))),
	}})
	d.Grid(x, gy, gridW, rowH, words.labelW, 2, fieldCells(r, l, words))

	fy := y + h - margin - 1
	for i := len(l.Footer) - 1; i >= 0; i-- {
		fy -= 3.6
		d.Text(x, fy, inner, 7.5, "L", inkLabel, oneLine(l.Footer[i]))
	}
	if l.Shows(FieldSign) {
		fy -= 6
		d.Text(x, fy, inner/2, 9, "L", 0, words.signOperator+"________________")
		d.Text(x+inner/2, fy, inner/2, 9, "L", 0, words.signTenant+"________________")
	}
	return d.Err()
}

// fieldCells are the optional fields of r the layout prints, as grid
// cells, two to a row.
func fieldCells(r *Receipt, l *Layout, words *words) []Cell {
	var cells []Cell
	add := func(field, label, value string) {
		if l.Shows(field) {
			cells = append(cells, Cell{Label: label, Value: oneLine(value)})
		}
	}
	add(FieldAccount, words.account, r.AccountNo)
	add(FieldTenant, words.tenant, r.Tenant)
	add(FieldShop, words.shop, r.Shop)
	if r.Channel != "" {
		add(FieldChannel, words.channel, words.channels[r.Channel])
	}
	if l.Shows(FieldBalance) {
		if len(cells)%2 == 1 { // before and after side by side
			cells = append(cells, Cell{})
		}
		cells = append(cells, Cell{Label: words.before, Value: Figures(r.BalanceBeforeFen)},
			Cell{Label: words.after, Value: Figures(r.BalanceAfterFen)})
	}
	add(FieldOperator, words.operator, r.Operator)
	add(FieldTime, words.time, r.Time.Format("2006-01-02 15:04:05"))
	if l.Shows(FieldMeters) {
		cells = append(cells, Cell{Label: words.meters, Value: meterList(r.Meters, words), Span: 2})
	}
	if r.Reverses != "" {
		cells = append(cells, Cell{Label: words.reverses, Value: r.Reverses})
	}
	if r.Note != "" && l.Shows(FieldNote) {
		cells = append(cells, Cell{Label: words.note, Value: oneLine(r.Note), Span: 2})
	}
	return cells
}

// meterList is up to three addresses, then how many more.
func meterList(ms []string, words *words) string {
	if len(ms) == 0 {
		return "—"
	}
	if len(ms) <= 3 {
		return strings.Join(ms, ", ")
	}
	return strings.Join(ms[:3], ", ") + fmt.Sprintf(words.moreMeters, len(ms), len(ms)-3)
}

// spaced spreads a short Chinese title out, as receipts head their kind
// (售 电 收 据); other text is left as it is.
func spaced(s string) string {
	r := []rune(s)
	if len(r) > 6 || strings.ContainsAny(s, " abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return s
	}
	return strings.Join(strings.Split(s, ""), " ")
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
