package voltpay

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// MaxTariffVariants is how many season or weekday variants a TOU tariff may
// have: enough for summer/winter × weekday/weekend and a holiday month.
const MaxTariffVariants = 8

// TariffVariant gives a TOU tariff other periods on some days: in some
// months (seasons, e.g. summer peak hours in July and August) and/or on
// some weekdays (e.g. weekends all flat). A day's periods are those of the
// first variant matching its local date, else the tariff's own Periods.
// Each day runs on its own periods, the last wrapping to the day's start,
// so a day whose variant differs from the day before's starts at midnight
// with its own rate.
type TariffVariant struct {
	Months   []int          `json:"months"`   // 1..12; empty: every month
	Weekdays []time.Weekday `json:"weekdays"` // 0 (Sunday)..6; empty: every day of the week
	Periods  []TariffPeriod `json:"periods"`
}

// Matches reports whether the variant applies on a day of month m and
// weekday wd.
func (v TariffVariant) Matches(m time.Month, wd time.Weekday) bool {
	return (len(v.Months) == 0 || slices.Contains(v.Months, int(m))) &&
		(len(v.Weekdays) == 0 || slices.Contains(v.Weekdays, wd))
}

// PeriodsOn returns the periods of the local day d (only its date counts)
// and the index of the variant they come from, -1 for the default Periods.
func (t *Tariff) PeriodsOn(d time.Time) (int, []TariffPeriod) {
	for i, v := range t.Variants {
		if v.Matches(d.Month(), d.Weekday()) {
			return i, v.Periods
		}
	}
	return -1, t.Periods
}

// TariffVariants is stored as one JSON array in tariffs.variants: a
// tariff's variants are always read and written whole, with the tariff.
type TariffVariants []TariffVariant

// Scan implements sql.Scanner.
func (vs *TariffVariants) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		*vs = TariffVariants{}
		return nil
	case []byte:
		b = v
	case string:
		b = []byte(v)
	default:
		return fmt.Errorf("tariff variants: cannot scan %T", src)
	}
	out := TariffVariants{}
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Errorf("tariff variants: %w", err)
	}
	*vs = out
	return nil
}

// Value implements driver.Valuer.
func (vs TariffVariants) Value() (driver.Value, error) {
	if vs == nil {
		vs = TariffVariants{}
	}
	b, err := json.Marshal([]TariffVariant(vs))
	return string(b), err
}

// validateVariants checks the variants of a TOU tariff (months 1..12 and
// weekdays 0..6, each once, at least one of them given; periods as the
// default day's) and marks the rates their periods use.
func (in *TariffInput) validateVariants(used map[string]bool) error {
	if len(in.Variants) > MaxTariffVariants {
		return Invalid("variants", "a tariff has at most %d variants, got %d", MaxTariffVariants, len(in.Variants))
	}
	for i := range in.Variants {
		v := &in.Variants[i]
		if len(v.Months) == 0 && len(v.Weekdays) == 0 {
			return Invalid("variants", "variant %d names no months and no weekdays, so it would apply every day; put those periods in the tariff's own periods instead", i+1)
		}
		for k, m := range v.Months {
			if m < 1 || m > 12 || slices.Contains(v.Months[:k], m) {
				return Invalid("variants", "variant %d: month %d is not a month 1 to 12 given once", i+1, m)
			}
		}
		for k, wd := range v.Weekdays {
			if wd < time.Sunday || wd > time.Saturday || slices.Contains(v.Weekdays[:k], wd) {
				return Invalid("variants", "variant %d: weekday %d is not a weekday 0 (Sunday) to 6 (Saturday) given once", i+1, wd)
			}
		}
		slices.Sort(v.Months)
		slices.Sort(v.Weekdays)
		if err := in.validatePeriods("variants", v.Periods, used); err != nil {
			return Invalid(err.Field, "variant %d: %s", i+1, err.Message)
		}
	}
	return nil
}
