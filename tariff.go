package voltpay

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Tariff kinds.
const (
	TariffFlat   = "flat"   // one price
	TariffTOU    = "tou"    // time of use: up to 4 rates over the day's periods (尖峰平谷)
	TariffTiered = "tiered" // tiered by cumulative kWh in a billing period (阶梯)
)

// TOU rates (费率).
const (
	RateSharp  = "sharp"  // 尖
	RatePeak   = "peak"   // 峰
	RateFlat   = "flat"   // 平
	RateValley = "valley" // 谷
)

// TOURates lists the rates in the order meters number their registers (1..4).
var TOURates = []string{RateSharp, RatePeak, RateFlat, RateValley}

// Billing periods of tiered tariffs.
const (
	PeriodMonth = "month"
	PeriodYear  = "year"
)

// MaxTOUPeriods is how many periods a day may have: DL/T 645 meters hold 14.
const MaxTOUPeriods = 14

// Tariff is a price plan (电价). A flat tariff has Prices[flat]; a TOU
// tariff has a price per rate it uses and the day's periods (and, optionally,
// other periods for some months or weekdays: Variants); a tiered tariff has
// tiers over the billing period's cumulative energy. A TOU tariff may have
// tiers too (阶梯 on top of 峰谷): then each tier's price is a surcharge added
// to the rate's price, and the tariff has a billing period.
type Tariff struct {
	ID            int64            `db:"id"`
	SiteID        int64            `db:"site_id"`
	Name          string           `db:"name"`
	Kind          string           `db:"kind"`
	Prices        map[string]Price `db:"-"`        // by rate; flat tariffs use RateFlat
	Periods       []TariffPeriod   `db:"-"`        // the default day
	Variants      TariffVariants   `db:"variants"` // TOU only: days that differ
	Tiers         []TariffTier     `db:"-"`
	BillingPeriod string           `db:"billing_period"` // with tiers only
	CreatedAt     time.Time        `db:"created_at"`
	UpdatedAt     time.Time        `db:"updated_at"`
}

// TariffPeriod starts a rate at a time of day; it runs until the next
// period's start, the last one wrapping past midnight to the first.
type TariffPeriod struct {
	StartMinute int    `json:"start_minute"` // minutes after local midnight, 0..1439
	Rate        string `json:"rate"`
}

// Start returns the period's start as "HH:MM".
func (p TariffPeriod) Start() string { return FormatMinute(p.StartMinute) }

// TariffTier prices the energy of a billing period up to UpToWh (inclusive
// of all lower tiers); the last tier has no bound (nil). In a TOU tariff
// Price is the surcharge on the rate's price (0 for no surcharge).
type TariffTier struct {
	UpToWh *Wh   `json:"up_to_wh"`
	Price  Price `json:"price"`
}

// TariffInput creates or edits a tariff.
type TariffInput struct {
	SiteID        int64
	Name          string
	Kind          string
	Prices        map[string]Price
	Periods       []TariffPeriod
	Variants      []TariffVariant
	Tiers         []TariffTier
	BillingPeriod string
	// Fields names the fields an update was sent (nil: all of them);
	// UpdateTariff keeps the tariff's value of every other field.
	Fields FieldSet
}

// AsInput is the tariff's definition as an input, the values an update
// keeps for the fields it was not sent (KeepAbsent).
func (t *Tariff) AsInput() TariffInput {
	return TariffInput{SiteID: t.SiteID, Name: t.Name, Kind: t.Kind, Prices: t.Prices, Periods: t.Periods,
		Variants: t.Variants, Tiers: t.Tiers, BillingPeriod: t.BillingPeriod}
}

// Validate checks a tariff definition and returns INVALID_INPUT saying what
// to fix. It also sorts Periods by start.
func (in *TariffInput) Validate() error {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || len([]rune(in.Name)) > 100 {
		return Invalid("name", "a tariff needs a name of at most 100 characters, e.g. \"商业峰谷电价\"")
	}
	for rate, p := range in.Prices {
		if !contains(TOURates, rate) {
			return Invalid("prices", "unknown rate %q; use sharp, peak, flat or valley", rate)
		}
		if p <= 0 || p > MaxPrice {
			return Invalid("prices", "price of rate %s must be above 0 and at most %s yuan/kWh, got %s", rate, MaxPrice, p)
		}
	}
	switch in.Kind {
	case TariffFlat:
		if len(in.Prices) != 1 || in.Prices[RateFlat] == 0 {
			return Invalid("prices", "a flat tariff has exactly one price, for rate flat")
		}
		if len(in.Periods) > 0 || len(in.Variants) > 0 || len(in.Tiers) > 0 || in.BillingPeriod != "" {
			return Invalid("kind", "a flat tariff has no periods, tiers or billing period; use kind tou or tiered")
		}
	case TariffTOU:
		return in.validateTOU()
	case TariffTiered:
		return in.validateTiers()
	default:
		return Invalid("kind", "unknown tariff kind %q; use flat, tou or tiered", in.Kind)
	}
	return nil
}

func (in *TariffInput) validateTOU() error {
	used := map[string]bool{}
	if err := in.validatePeriods("periods", in.Periods, used); err != nil {
		return err
	}
	if err := in.validateVariants(used); err != nil {
		return err
	}
	for rate := range in.Prices {
		if !used[rate] {
			return Invalid("prices", "rate %s has a price but no period uses it", rate)
		}
	}
	if len(in.Tiers) == 0 {
		if in.BillingPeriod != "" {
			return Invalid("billingPeriod", "a time-of-use tariff without tiers has no billing period; leave it empty or add tiers")
		}
		return nil
	}
	return in.validateTierList(true)
}

// validatePeriods checks one day's periods (the default day, or a
// variant's), sorts them by start and marks the rates they use.
func (in *TariffInput) validatePeriods(field string, ps []TariffPeriod, used map[string]bool) *Error {
	if len(ps) < 2 || len(ps) > MaxTOUPeriods {
		return Invalid(field, "a time-of-use tariff needs 2 to %d periods a day, got %d", MaxTOUPeriods, len(ps))
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].StartMinute < ps[j].StartMinute })
	for i, p := range ps {
		if p.StartMinute < 0 || p.StartMinute >= 24*60 {
			return Invalid(field, "period start %d is not a time of day (0 to 1439 minutes after midnight)", p.StartMinute)
		}
		if i > 0 && ps[i-1].StartMinute == p.StartMinute {
			return Invalid(field, "two periods start at %s; each period needs its own start", FormatMinute(p.StartMinute))
		}
		if _, ok := in.Prices[p.Rate]; !ok {
			return Invalid(field, "period at %s uses rate %q, which has no price", FormatMinute(p.StartMinute), p.Rate)
		}
		used[p.Rate] = true
	}
	return nil
}

func (in *TariffInput) validateTiers() error {
	if len(in.Periods) > 0 || len(in.Variants) > 0 || len(in.Prices) > 0 {
		return Invalid("kind", "a tiered tariff prices by tiers only; leave prices and periods empty (for tiers on top of time-of-use prices use kind tou)")
	}
	return in.validateTierList(false)
}

// validateTierList checks the tiers and the billing period. The tiers of a
// TOU tariff are surcharges on the rates' prices: 0 or more (the first is
// usually 0); a tiered tariff's tiers are prices: above 0.
func (in *TariffInput) validateTierList(surcharges bool) error {
	if in.BillingPeriod != PeriodMonth && in.BillingPeriod != PeriodYear {
		return Invalid("billingPeriod", "a tariff with tiers needs billingPeriod month or year")
	}
	if len(in.Tiers) < 2 || len(in.Tiers) > 8 {
		return Invalid("tiers", "a tariff with tiers needs 2 to 8 tiers, got %d", len(in.Tiers))
	}
	var prev Wh
	for i, t := range in.Tiers {
		last := i == len(in.Tiers)-1
		switch {
		case surcharges && (t.Price < 0 || t.Price > MaxPrice):
			return Invalid("tiers", "tier %d surcharge must be 0 or more and at most %s yuan/kWh (it is added to the rate's price)", i+1, MaxPrice)
		case !surcharges && (t.Price <= 0 || t.Price > MaxPrice):
			return Invalid("tiers", "tier %d price must be above 0 and at most %s yuan/kWh", i+1, MaxPrice)
		}
		switch {
		case last && t.UpToWh != nil:
			return Invalid("tiers", "the last tier has no upper bound; leave its upToKWh empty")
		case !last && t.UpToWh == nil:
			return Invalid("tiers", "tier %d needs an upper bound; only the last tier is open-ended", i+1)
		case !last && *t.UpToWh <= prev:
			return Invalid("tiers", "tier bounds must rise: tier %d ends at %d Wh, not above the previous %d Wh", i+1, *t.UpToWh, prev)
		}
		if !last {
			prev = *t.UpToWh
		}
	}
	return nil
}

// FormatMinute formats minutes after midnight as "HH:MM".
func FormatMinute(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TariffFilter selects tariffs.
type TariffFilter struct {
	SiteID *int64
	Kind   *string
	Search string
	Page   PageArgs
}

// TariffService manages tariffs. The charging engine (billing) reads them.
// Errors: NOT_FOUND, INVALID_INPUT, CONFLICT (duplicate name), FORBIDDEN.
type TariffService interface {
	FindTariffByID(ctx context.Context, id int64) (*Tariff, error)
	FindTariffsByIDs(ctx context.Context, ids []int64) ([]*Tariff, error)
	FindTariffs(ctx context.Context, f TariffFilter) (*Page[*Tariff], error)
	CreateTariff(ctx context.Context, in TariffInput) (*Tariff, error)
	UpdateTariff(ctx context.Context, id int64, in TariffInput) (*Tariff, error)
	// SetMeterTariff puts a meter on a tariff of its site from
	// effectiveFrom (nil: now) on (一表一电价): readings after that time are
	// priced by it, an interval spanning it split between the two tariffs.
	// The time may not be before the meter's last charged reading, as
	// charged readings are never re-priced. Errors: NOT_FOUND, INVALID_INPUT.
	SetMeterTariff(ctx context.Context, meterID, tariffID int64, effectiveFrom *time.Time) (*Meter, error)
	// SetMetersTariff is SetMeterTariff for several meters (at most
	// MaxBulkMeters) in one transaction: all of them, or none.
	SetMetersTariff(ctx context.Context, meterIDs []int64, tariffID int64, effectiveFrom *time.Time) ([]*Meter, error)
}
