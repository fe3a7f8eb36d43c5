package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
	"github.com/voltpay/voltpay/server/postgres"
)

// chargeFix is a site to charge meters in: its services and helpers.
type chargeFix struct {
	db       *postgres.DB
	charges  *postgres.ChargeService
	readings *postgres.ReadingService
	site     int64
}

func newChargeFix(tb testing.TB) *chargeFix {
	tb.Helper()
	db := MustOpenDB(tb)
	return &chargeFix{db: db, charges: postgres.NewChargeService(db), readings: postgres.NewReadingService(db),
		site: MustCreateSite(tb, db).ID}
}

// cst parses a local (China) time.
func cst(s string) time.Time {
	t, err := time.ParseInLocation(time.DateTime, s, billing.ChinaTime)
	if err != nil {
		panic(err)
	}
	return t
}

var (
	// flat8523 is 0.8523 yuan/kWh.
	flat8523 = voltpay.TariffInput{Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 8523}}
	flat9000 = voltpay.TariffInput{Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 9000}}
	// touDay: valley 00:00–08:00 0.40, peak 08:00–12:00 1.20, flat 12:00–24:00 0.80.
	touDay = voltpay.TariffInput{Kind: voltpay.TariffTOU,
		Prices: map[string]voltpay.Price{voltpay.RatePeak: 12000, voltpay.RateFlat: 8000, voltpay.RateValley: 4000},
		Periods: []voltpay.TariffPeriod{{StartMinute: 0, Rate: voltpay.RateValley}, {StartMinute: 8 * 60, Rate: voltpay.RatePeak},
			{StartMinute: 12 * 60, Rate: voltpay.RateFlat}}}
	// tieredMonth: to 100 kWh 0.50, to 200 kWh 0.60, above 0.80, by month.
	tieredMonth = voltpay.TariffInput{Kind: voltpay.TariffTiered, BillingPeriod: voltpay.PeriodMonth,
		Tiers: []voltpay.TariffTier{{UpToWh: refOf[voltpay.Wh](100_000), Price: 5000}, {UpToWh: refOf[voltpay.Wh](200_000), Price: 6000}, {Price: 8000}}}
)

// tariff creates a tariff like in on the site.
func (f *chargeFix) tariff(tb testing.TB, in voltpay.TariffInput) int64 {
	tb.Helper()
	in.SiteID, in.Name = f.site, fmt.Sprintf("tariff %d", rand.Uint32())
	t, err := postgres.NewTariffService(f.db).CreateTariff(AdminContext(), in)
	if err != nil {
		tb.Fatalf("create tariff: %v", err)
	}
	return t.ID
}

// meter creates a direct meter on the site; tariff 0 leaves it without one.
func (f *chargeFix) meter(tb testing.TB, tariff int64, ctRatio int, mode string) int64 {
	tb.Helper()
	in := voltpay.MeterInput{SiteID: f.site, Address: randomAddress(), Protocol: voltpay.MeterProtocolDLT645,
		CTRatio: ctRatio, PrepaidMode: mode}
	if tariff != 0 {
		in.TariffID = &tariff
	}
	return mkMeter(tb, f.db, in).ID
}

// account opens an account holding meters, with 1,000 yuan sold to it.
func (f *chargeFix) account(tb testing.TB, meters ...int64) int64 {
	tb.Helper()
	a, _, err := postgres.NewAccountService(f.db).OpenAccount(AdminContext(), voltpay.OpenAccountInput{
		Account:   voltpay.AccountInput{SiteID: f.site, TenantName: "王记小吃", Phone: "13912345678"},
		MeterIDs:  meters,
		FirstSale: &voltpay.SaleInput{AmountFen: 100_000, Channel: voltpay.ChannelCash, IdempotencyKey: newKey()},
	})
	if err != nil {
		tb.Fatalf("open account: %v", err)
	}
	return a.ID
}

// read records one reading; rates, when given, are sharp, peak, flat, valley.
func (f *chargeFix) read(tb testing.TB, meter int64, at string, wh voltpay.Wh, rates ...voltpay.Wh) {
	tb.Helper()
	r := &voltpay.Reading{MeterID: meter, ReadAt: cst(at), EnergyWh: wh}
	for k, p := range []**voltpay.Wh{&r.SharpWh, &r.PeakWh, &r.FlatWh, &r.ValleyWh}[:len(rates)] {
		*p = &rates[k]
	}
	if _, err := f.readings.RecordReadings(context.Background(), []*voltpay.Reading{r}); err != nil {
		tb.Fatalf("record reading: %v", err)
	}
}

func (f *chargeFix) charge(tb testing.TB, meters ...int64) voltpay.ChargeStats {
	tb.Helper()
	st, err := f.charges.ChargeMeters(context.Background(), meters)
	if err != nil {
		tb.Fatalf("charge: %v", err)
	}
	return st
}

// amounts returns the fen charged for meter's readings, in order.
func (f *chargeFix) amounts(tb testing.TB, meter int64) []voltpay.Fen {
	tb.Helper()
	var out []voltpay.Fen
	if err := f.db.Select(&out, `SELECT -amount_fen FROM ledger_entries WHERE meter_id = $1 AND type = 'charge' ORDER BY id`, meter); err != nil {
		tb.Fatal(err)
	}
	return out
}

// billingState is a meter's meter_billing row.
type billingState struct {
	ReadAt   *time.Time  `db:"read_at"`
	EnergyWh *voltpay.Wh `db:"energy_wh"`
	Carry    int64       `db:"carry_micro"`
	UsageWh  voltpay.Wh  `db:"usage_wh"`
	Fault    string      `db:"fault"`
}

func (f *chargeFix) state(tb testing.TB, meter int64) billingState {
	tb.Helper()
	var s billingState
	if err := f.db.Get(&s, `SELECT read_at, energy_wh, carry_micro, usage_wh, fault FROM meter_billing WHERE meter_id = $1`, meter); err != nil {
		tb.Fatal(err)
	}
	return s
}

// wantAmounts fails unless meter's charges are want, in order.
func (f *chargeFix) wantAmounts(tb testing.TB, meter int64, want ...voltpay.Fen) {
	tb.Helper()
	got := f.amounts(tb, meter)
	if fmt.Sprint(got) != fmt.Sprint(want) && !(len(got) == 0 && len(want) == 0) {
		tb.Fatalf("charges of meter %d: got %v fen, want %v", meter, got, want)
	}
}

func sumFen(fs []voltpay.Fen) voltpay.Fen {
	var s voltpay.Fen
	for _, f := range fs {
		s += f
	}
	return s
}
