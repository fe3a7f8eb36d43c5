package dlt645

import "fmt"

// items lists the fixed (non-energy) DIs. Energy DIs follow a pattern and
// are described by energyItem.
var items = map[DI]Item{}

func init() {
	for _, it := range []Item{
		{DI: DIVoltageA, Name: "voltage A", Format: FormatVoltage, Count: 1},
		{DI: 0x02010200, Name: "voltage B", Format: FormatVoltage, Count: 1},
		{DI: 0x02010300, Name: "voltage C", Format: FormatVoltage, Count: 1},
		{DI: DIVoltageBlock, Name: "voltage A, B, C", Format: FormatVoltage, Count: 3},
		{DI: DICurrentA, Name: "current A", Format: FormatCurrent, Signed: true, Count: 1},
		{DI: 0x02020200, Name: "current B", Format: FormatCurrent, Signed: true, Count: 1},
		{DI: 0x02020300, Name: "current C", Format: FormatCurrent, Signed: true, Count: 1},
		{DI: DICurrentBlock, Name: "current A, B, C", Format: FormatCurrent, Signed: true, Count: 3},
		{DI: DIActivePower, Name: "active power total", Format: FormatPower, Signed: true, Count: 1},
		{DI: 0x02030100, Name: "active power A", Format: FormatPower, Signed: true, Count: 1},
		{DI: 0x02030200, Name: "active power B", Format: FormatPower, Signed: true, Count: 1},
		{DI: 0x02030300, Name: "active power C", Format: FormatPower, Signed: true, Count: 1},
		{DI: DIActivePowerBlock, Name: "active power total, A, B, C", Format: FormatPower, Signed: true, Count: 4},
		{DI: DIReactivePower, Name: "reactive power total", Format: FormatPower, Signed: true, Count: 1},
		{DI: 0x0204FF00, Name: "reactive power total, A, B, C", Format: FormatPower, Signed: true, Count: 4},
		{DI: DIPowerFactor, Name: "power factor total", Format: FormatPowerFactor, Signed: true, Count: 1},
		{DI: 0x02060100, Name: "power factor A", Format: FormatPowerFactor, Signed: true, Count: 1},
		{DI: 0x02060200, Name: "power factor B", Format: FormatPowerFactor, Signed: true, Count: 1},
		{DI: 0x02060300, Name: "power factor C", Format: FormatPowerFactor, Signed: true, Count: 1},
		{DI: DIPowerFactorBlock, Name: "power factor total, A, B, C", Format: FormatPowerFactor, Signed: true, Count: 4},
		{DI: DINeutralCurrent, Name: "neutral current", Format: FormatCurrent, Signed: true, Count: 1},
		{DI: DIFrequency, Name: "grid frequency", Format: FormatFrequency, Count: 1},
		{DI: DIStepPrice, Name: "current step price", Format: FormatPrice, Count: 1, Uncertain: true},
		{DI: DIDate, Name: "date and weekday", Format: FormatDate, Count: 1},
		{DI: DITime, Name: "time of day", Format: FormatTimeOfDay, Count: 1},
		{DI: DIDateTime, Name: "date, weekday and time", Format: FormatDateTime, Count: 1},
		{DI: DICommAddress, Name: "communication address", Format: FormatNumber, Count: 1},
		{DI: DIMeterNumber, Name: "meter number", Format: FormatNumber, Count: 1},
		{DI: DICustomerNumber, Name: "customer number", Format: FormatNumber, Count: 1},
		{DI: DIStatusWordBlock, Name: "status words 1..7", Format: FormatStatus, Count: 7},
		{DI: DIAlarmEnergy1, Name: "alarm energy 1", Format: FormatEnergy, Count: 1},
		{DI: DIAlarmEnergy2, Name: "alarm energy 2", Format: FormatEnergy, Count: 1},
		{DI: DIOverdraftEnergyMax, Name: "overdraft energy limit", Format: FormatEnergy, Count: 1},
		{DI: DIAlarmAmount1, Name: "alarm amount 1", Format: FormatMoney, Count: 1},
		{DI: DIAlarmAmount2, Name: "alarm amount 2", Format: FormatMoney, Count: 1},
		{DI: DIOverdraftAmountMax, Name: "overdraft amount limit", Format: FormatMoney, Count: 1},
		{DI: DIHoardingLimit, Name: "hoarding limit", Format: FormatMoney, Count: 1},
		{DI: DICloseAllowedAmount, Name: "close-allowed amount", Format: FormatMoney, Count: 1},
		{DI: DITripDelay, Name: "trip delay time", Format: FormatCount, Count: 1},
		{DI: DIPriceBlock, Name: "tariff prices, current set", Format: FormatPrice},
		{DI: DIStandbyPriceBlock, Name: "tariff prices, standby set", Format: FormatPrice},
		{DI: DIRemainingEnergy, Name: "remaining energy", Format: FormatEnergy, Count: 1},
		{DI: DIOverdraftEnergy, Name: "overdraft energy", Format: FormatEnergy, Count: 1},
		{DI: DIBalance, Name: "balance", Format: FormatMoney, Count: 1},
		{DI: DIOverdraftAmount, Name: "overdraft amount", Format: FormatMoney, Count: 1},
		{DI: DIPurchaseCount, Name: "purchase count", Format: FormatCount, Count: 1},
		{DI: DIPurchaseCountEnergy, Name: "purchase count (energy type)", Format: FormatCount, Count: 1, Uncertain: true},
		{DI: DIPurchasedTotal, Name: "cumulative purchased amount", Format: FormatMoney, Count: 1},
		{DI: 0x03330301, Name: "last purchase amount", Format: FormatMoney, Count: 1, Uncertain: true},
		{DI: 0x03330401, Name: "balance before last purchase", Format: FormatMoney, Count: 1, Uncertain: true},
		{DI: 0x03330501, Name: "balance after last purchase", Format: FormatMoney, Count: 1, Uncertain: true},
		{DI: DILastTripTime, Name: "last trip time", Format: FormatTime6, Count: 1, Uncertain: true},
		{DI: DILastCloseTime, Name: "last close time", Format: FormatTime6, Count: 1, Uncertain: true},
	} {
		items[it.DI] = it
	}
	for i := 1; i <= 7; i++ {
		di := DI(0x04000500 + i)
		items[di] = Item{DI: di, Name: fmt.Sprintf("status word %d", i), Format: FormatStatus, Count: 1}
	}
	for n := 1; n <= 4; n++ {
		for _, standby := range []bool{false, true} {
			set := "current"
			if standby {
				set = "standby"
			}
			di := PriceDI(n, standby)
			items[di] = Item{DI: di, Name: fmt.Sprintf("tariff %d price, %s set", n, set), Format: FormatPrice, Count: 1}
		}
	}
}

// Lookup returns the description of di, and false if the package does not
// know it (read it anyway and decode the bytes yourself).
func Lookup(di DI) (Item, bool) {
	if it, ok := items[di]; ok {
		return it, true
	}
	return energyItem(di)
}

var energyKinds = [...]string{
	EnergyCombinedActive:    "combined active",
	EnergyForwardActive:     "forward active",
	EnergyReverseActive:     "reverse active",
	EnergyCombinedReactive1: "combined reactive 1",
	EnergyCombinedReactive2: "combined reactive 2",
	0x05:                    "quadrant I reactive",
	0x06:                    "quadrant II reactive",
	0x07:                    "quadrant III reactive",
	EnergyQuadrant4Reactive: "quadrant IV reactive",
}

// energyItem describes DIs 00 kk tt pp: energy of kind kk, tariff tt, period
// pp. Combined kinds (00, 03, 04) are signed; reactive values are in varh.
func energyItem(di DI) (Item, bool) {
	kind, tariff, period := int(di>>16&0xFF), int(di>>8&0xFF), int(di&0xFF)
	if di>>24 != 0 || kind >= len(energyKinds) || (tariff > maxTariff && tariff != TariffBlock) || period > maxPeriod {
		return Item{}, false
	}
	it := Item{DI: di, Format: FormatEnergy, Count: 1}
	it.Signed = kind == EnergyCombinedActive || kind == EnergyCombinedReactive1 || kind == EnergyCombinedReactive2
	var t string
	switch tariff {
	case TariffTotal:
		t = "total"
	case TariffBlock:
		t, it.Count = "total and each tariff", 0
	default:
		t = fmt.Sprintf("tariff %d", tariff)
	}
	p := "current"
	if period > 0 {
		p = fmt.Sprintf("settlement %d ago", period)
	}
	it.Name = fmt.Sprintf("%s energy, %s, %s", energyKinds[kind], t, p)
	return it, true
}
