package receipt

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Statement is what a monthly account statement (单户费用清单) prints,
// already looked up and permitted: amounts in fen as the ledger signs them,
// From and To (the month's local edges) in the zone they print in.
type Statement struct {
	SiteName   string // the title's start when the layout has none
	AccountNo  string
	Tenant     string
	Shop       string
	Month      string // yyyy-mm
	From, To   time.Time
	OpeningFen int64
	ClosingFen int64
	// Movements are the month's entries by type, in the ledger's order of
	// types (sale, refund, reversal, transfer, charge, correction,
	// service_fee, apportionment), each its net amount.
	Movements []Movement
	// Purchases and Refunds are sales and refunds by channel.
	Purchases, Refunds []Movement
	Charges            []StatementCharge
	UnsplitChargeFen   int64
	Printed            time.Time
}

// Movement is a net amount of one entry type or channel, and how many
// entries made it.
type Movement struct {
	Kind      string // an entry type or a channel
	AmountFen int64
	Count     int
}

// StatementCharge is one meter's charges at one rate and tier.
type StatementCharge struct {
	Meter     string
	Rate      string // sharp, peak, flat, valley
	Tier      int
	EnergyWh  int64
	AmountFen int64 // positive: what the tenant paid
}

// statementWords are a statement's labels in one language.
type statementWords struct {
	title, period, opening, closing, summary, charges, meter, rate, tier, energy, amount string
	purchases, refunds, unsplit, printed, noCharges, page, count                         string
	types, rates, channels                                                               map[string]string
}

var statementZh = &statementWords{
	title: "单户费用清单", period: "账期", opening: "期初余额", closing: "期末余额", summary: "收支汇总",
	charges: "电费明细（按电表、费率）", meter: "电表", rate: "费率", tier: "阶梯", energy: "电量 (kWh)", amount: "金额 (元)",
	purchases: "购电（按支付方式）", refunds: "退电（按支付方式）", unsplit: "其他电费（未分费率）", printed: "打印时间",
	noCharges: "本月无电费", page: "第 %d 页", count: "%d 笔",
	types: map[string]string{"sale": "购电", "refund": "退电", "reversal": "冲正", "transfer": "余额转移（换表）",
		"charge": "电费", "correction": "电费更正", "service_fee": "服务费", "apportionment": "公摊费用"},
	rates:    map[string]string{"sharp": "尖", "peak": "峰", "flat": "平", "valley": "谷"},
	channels: zhCN.channels,
}

var statementEn = &statementWords{
	title: "Monthly statement", period: "Period", opening: "Opening balance", closing: "Closing balance", summary: "Summary",
	charges: "Charges by meter and rate", meter: "Meter", rate: "Rate", tier: "Tier", energy: "Energy (kWh)", amount: "Amount (yuan)",
	purchases: "Purchases by channel", refunds: "Refunds by channel", unsplit: "Other charges (no rate split)", printed: "Printed",
	noCharges: "No charges this month", page: "Page %d", count: "%d entries",
	types: map[string]string{"sale": "Purchases", "refund": "Refunds", "reversal": "Reversals", "transfer": "Transfers (meter replacement)",
		"charge": "Charges", "correction": "Corrections", "service_fee": "Service fees", "apportionment": "Shared costs"},
	rates:    map[string]string{"sharp": "Sharp", "peak": "Peak", "flat": "Flat", "valley": "Valley"},
	channels: enUS.channels,
}

// Statement page geometry (A4 portrait), mm.
const (
	stW, stH   = 210.0, 297.0
	stMargin   = 16.0
	stRow      = 6.5
	stBottom   = stH - 18
	stTextSize = 9.5
)

// statementDoc is a statement being drawn: the document, where the next
// row goes and the page number.
type statementDoc struct {
	*Doc
	w    *statementWords
	y    float64
	page int
}

// RenderStatement writes s as an A4 PDF to w, in lang's labels (English
// for en*, else Chinese), titled by the layout's title (else the site's
// name) and ending with its footer lines; long charge lists run onto
// further pages. Errors: the font is missing (see FontPaths), or writing
// fails.
func RenderStatement(w io.Writer, s *Statement, l *Layout, lang string) error {
	if l == nil {
		l = &Layout{}
	}
	words := statementZh
	if strings.HasPrefix(strings.ToLower(lang), "en") {
		words = statementEn
	}
	d, err := NewDoc(stW, stH)
	if err != nil {
		return err
	}
	sd := &statementDoc{Doc: d, w: words}
	d.SetTitle(fmt.Sprintf("%s %s %s", words.title, s.AccountNo, s.Month))
	sd.newPage()
	title := l.Title
	if title == "" {
		title = s.SiteName
	}
	d.Text(stMargin, sd.y, stW-2*stMargin, 15, "C", 0, title+" "+words.title)
	sd.y += 10
	last := s.To.AddDate(0, 0, -1)
	sd.y = d.Grid(stMargin, sd.y, stW-2*stMargin, stRow, 20, 2, []Cell{
		{Label: zhOr(words, "户号", "Account"), Value: s.AccountNo},
		{Label: words.period, Value: s.From.Format(time.DateOnly) + " – " + last.Format(time.DateOnly)},
		{Label: zhOr(words, "商户", "Tenant"), Value: s.Tenant},
		{Label: zhOr(words, "铺位", "Shop"), Value: s.Shop},
	}) + 3
	sd.summary(s)
	sd.charges(s)
	sd.y += 4
	for _, line := range l.Footer {
		sd.row([]col{{x: stMargin, w: stW - 2*stMargin, text: line, grey: inkLabel}})
	}
	sd.row([]col{{x: stMargin, w: stW - 2*stMargin, text: words.printed + " " + s.Printed.Format(time.DateTime), grey: inkLabel}})
	if err := d.Err(); err != nil {
		return fmt.Errorf("statement %s %s: %w", s.AccountNo, s.Month, err)
	}
	return d.Output(w)
}

// zhOr picks the Chinese or English of a label by the statement's words.
func zhOr(w *statementWords, zh, en string) string {
	if w == statementZh {
		return zh
	}
	return en
}

// col is one cell of a table row: its box, alignment and ink.
type col struct {
	x, w  float64
	align string
	text  string
	grey  int
}

// newPage starts a page with its number at the foot.
func (sd *statementDoc) newPage() {
	sd.AddPage()
	sd.page++
	sd.y = stMargin
	sd.Text(0, stH-10, stW, 8, "C", inkLabel, fmt.Sprintf(sd.w.page, sd.page))
}

// row writes one row of cells and moves down, starting a page first when
// the row would not fit.
func (sd *statementDoc) row(cols []col) {
	if sd.y+stRow > stBottom {
		sd.newPage()
	}
	for _, c := range cols {
		align := c.align
		if align == "" {
			align = "L"
		}
		sd.Text(c.x, sd.y+1, c.w, stTextSize, align, c.grey, c.text)
	}
	sd.y += stRow
}

// heading writes a section's heading over a rule.
func (sd *statementDoc) heading(s string) {
	if sd.y+3*stRow > stBottom {
		sd.newPage()
	}
	sd.y += 2
	sd.Text(stMargin, sd.y, stW-2*stMargin, 11, "L", 0, s)
	sd.y += 6
	sd.Rule(stMargin, stW-stMargin, sd.y)
	sd.y += 1
}

// moneyRow is a label, a count and an amount.
func (sd *statementDoc) moneyRow(label, count string, fen int64, grey int) {
	sd.row([]col{{x: stMargin + 2, w: 100, text: label, grey: grey}, {x: 120, w: 30, align: "R", text: count, grey: inkLabel},
		{x: 150, w: stW - stMargin - 150, align: "R", text: Figures(fen), grey: grey}})
}

// summary writes the opening balance, every movement (sales and refunds
// by channel under theirs) and the closing balance.
func (sd *statementDoc) summary(s *Statement) {
	w := sd.w
	sd.heading(w.summary)
	sd.moneyRow(w.opening, "", s.OpeningFen, 0)
	for _, m := range s.Movements {
		sd.moneyRow(nameOr(w.types, m.Kind), fmt.Sprintf(w.count, m.Count), m.AmountFen, 0)
		var by []Movement
		switch m.Kind {
		case "sale":
			by = s.Purchases
		case "refund":
			by = s.Refunds
		}
		for _, c := range by {
			sd.moneyRow("    "+nameOr(w.channels, c.Kind), fmt.Sprintf(w.count, c.Count), c.AmountFen, inkLabel)
		}
	}
	sd.Rule(stMargin, stW-stMargin, sd.y)
	sd.moneyRow(w.closing, "", s.ClosingFen, 0)
}

// charges writes the charges by meter, rate and tier.
func (sd *statementDoc) charges(s *Statement) {
	w := sd.w
	sd.heading(w.charges)
	xs := []float64{stMargin + 2, 70, 95, 120, 160}
	header := func() {
		sd.row([]col{{x: xs[0], w: 50, text: w.meter, grey: inkLabel}, {x: xs[1], w: 20, text: w.rate, grey: inkLabel},
			{x: xs[2], w: 20, text: w.tier, grey: inkLabel}, {x: xs[3], w: 35, align: "R", text: w.energy, grey: inkLabel},
			{x: xs[4], w: stW - stMargin - xs[4], align: "R", text: w.amount, grey: inkLabel}})
	}
	if len(s.Charges) == 0 && s.UnsplitChargeFen == 0 {
		sd.row([]col{{x: xs[0], w: 100, text: w.noCharges, grey: inkLabel}})
		return
	}
	header()
	var wh, fen int64
	for _, c := range s.Charges {
		if sd.y+stRow > stBottom {
			sd.newPage()
			header()
		}
		tier := "–"
		if c.Tier > 0 {
			tier = fmt.Sprint(c.Tier)
		}
		sd.row([]col{{x: xs[0], w: 50, text: c.Meter}, {x: xs[1], w: 20, text: nameOr(w.rates, c.Rate)},
			{x: xs[2], w: 20, text: tier}, {x: xs[3], w: 35, align: "R", text: kWh(c.EnergyWh)},
			{x: xs[4], w: stW - stMargin - xs[4], align: "R", text: Figures(c.AmountFen)}})
		wh, fen = wh+c.EnergyWh, fen+c.AmountFen
	}
	if s.UnsplitChargeFen != 0 {
		sd.row([]col{{x: xs[0], w: 100, text: w.unsplit}, {x: xs[4], w: stW - stMargin - xs[4], align: "R", text: Figures(-s.UnsplitChargeFen)}})
		fen -= s.UnsplitChargeFen
	}
	sd.Rule(stMargin, stW-stMargin, sd.y)
	sd.row([]col{{x: xs[0], w: 50, text: zhOr(w, "合计", "Total")}, {x: xs[3], w: 35, align: "R", text: kWh(wh)},
		{x: xs[4], w: stW - stMargin - xs[4], align: "R", text: Figures(fen)}})
}

// nameOr is names[k], else k.
func nameOr(names map[string]string, k string) string {
	if n, ok := names[k]; ok {
		return n
	}
	return k
}

// kWh writes Wh as kWh with three decimals.
func kWh(wh int64) string {
	sign := ""
	if wh < 0 {
		sign, wh = "-", -wh
	}
	return fmt.Sprintf("%s%d.%03d", sign, wh/1000, wh%1000)
}
