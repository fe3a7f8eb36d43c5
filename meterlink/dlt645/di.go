package dlt645

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// DI is a data identifier DI3 DI2 DI1 DI0, written as in the standard's
// tables (DI3 first, e.g. 0x00900200 = balance) and sent DI0 first.
type DI uint32

// Data identifiers meterlink uses. Energy DIs follow a pattern; build others
// with EnergyDI.
const (
	DICombinedActive      DI = 0x00000000 // combined active energy, total (signed)
	DIForwardActive       DI = 0x00010000 // forward active energy, total
	DIForwardActiveBlock  DI = 0x0001FF00 // forward active energy, total + each tariff
	DIReverseActive       DI = 0x00020000 // reverse active energy, total
	DIReverseActiveBlock  DI = 0x0002FF00 // reverse active energy, total + each tariff
	DIVoltageA            DI = 0x02010100 // phase A voltage
	DIVoltageBlock        DI = 0x0201FF00 // voltage A, B, C
	DICurrentA            DI = 0x02020100 // phase A current
	DICurrentBlock        DI = 0x0202FF00 // current A, B, C
	DIActivePower         DI = 0x02030000 // total active power
	DIActivePowerBlock    DI = 0x0203FF00 // active power total, A, B, C
	DIReactivePower       DI = 0x02040000 // total reactive power
	DIPowerFactor         DI = 0x02060000 // total power factor
	DIPowerFactorBlock    DI = 0x0206FF00 // power factor total, A, B, C
	DINeutralCurrent      DI = 0x02800001 // neutral current
	DIFrequency           DI = 0x02800002 // grid frequency
	DIStepPrice           DI = 0x0280000B // current ladder step price (uncertain)
	DIDate                DI = 0x04000101 // date and weekday
	DITime                DI = 0x04000102 // time of day
	DIDateTime            DI = 0x0400010C // date, weekday and time in one item
	DIPriceSwitchTime     DI = 0x04000108 // switch-over time to the standby price set
	DICommAddress         DI = 0x04000401 // communication address
	DIMeterNumber         DI = 0x04000402 // meter number
	DICustomerNumber      DI = 0x0400040E // customer number
	DIStatusWord3         DI = 0x04000503 // status word 3 (relay, prepaid type, guarantee)
	DIStatusWordBlock     DI = 0x040005FF // status words 1..7
	DIAlarmEnergy1        DI = 0x04000F01 // alarm energy threshold 1 (energy-type prepaid)
	DIAlarmEnergy2        DI = 0x04000F02 // alarm energy threshold 2
	DIOverdraftEnergyMax  DI = 0x04000F04 // overdraft energy limit
	DIAlarmAmount1        DI = 0x04001001 // alarm amount 1
	DIAlarmAmount2        DI = 0x04001002 // alarm amount 2
	DIOverdraftAmountMax  DI = 0x04001003 // overdraft amount limit
	DIHoardingLimit       DI = 0x04001004 // hoarding (maximum balance) limit
	DICloseAllowedAmount  DI = 0x04001005 // close-allowed amount threshold
	DITripDelay           DI = 0x04001401 // trip delay time
	DIActiveReportStatus  DI = 0x04001501 // active-report status word (主动上报状态字), sent in place of follow-up data
	DIPriceBlock          DI = 0x040501FF // tariff prices 1..n, current set
	DIStandbyPriceBlock   DI = 0x040502FF // tariff prices 1..n, standby set
	DIRemainingEnergy     DI = 0x00900100 // remaining energy (energy-type prepaid)
	DIOverdraftEnergy     DI = 0x00900101 // overdraft energy
	DIBalance             DI = 0x00900200 // remaining amount (balance)
	DIOverdraftAmount     DI = 0x00900201 // overdraft amount, positive
	DIPurchaseCount       DI = 0x03330201 // purchase count after the last purchase (money type)
	DIPurchaseCountEnergy DI = 0x03320201 // purchase count, energy-type meters (uncertain)
	DIPurchasedTotal      DI = 0x03330601 // cumulative purchased amount
	DILastTripTime        DI = 0x1D000101 // last trip time (uncertain: some tables swap 1D/1E)
	DILastCloseTime       DI = 0x1E000101 // last close time (uncertain)
)

// PriceDI returns the DI of tariff price n (1..63) in the current set, or in
// the standby set when standby is true.
func PriceDI(n int, standby bool) DI {
	set := DI(0x01)
	if standby {
		set = 0x02
	}
	return 0x04050000 | set<<8 | DI(n&0xFF)
}

// Energy kinds (DI2 of an energy DI).
const (
	EnergyCombinedActive    = 0x00
	EnergyForwardActive     = 0x01
	EnergyReverseActive     = 0x02
	EnergyCombinedReactive1 = 0x03
	EnergyCombinedReactive2 = 0x04
	EnergyQuadrant1Reactive = 0x05
	EnergyQuadrant4Reactive = 0x08
	TariffTotal             = 0x00
	TariffBlock             = 0xFF
	PeriodCurrent           = 0x00
	maxTariff               = 0x3F
	maxPeriod               = 0x0C
)

// EnergyDI returns the DI for energy of kind (EnergyForwardActive, …),
// tariff (TariffTotal, 1..63 — 1..4 are 尖/峰/平/谷 by convention — or
// TariffBlock) and settlement period (0 = current, 1..12 = previous months).
func EnergyDI(kind, tariff, period int) DI {
	return DI(kind&0xFF)<<16 | DI(tariff&0xFF)<<8 | DI(period&0xFF)
}

// String returns the 8 hex digits, DI3 first, e.g. "00900200".
func (d DI) String() string { return fmt.Sprintf("%08X", uint32(d)) }

// ParseDI parses 8 hex digits, DI3 first.
func ParseDI(s string) (DI, error) {
	if len(s) != 8 {
		return 0, fmt.Errorf("dlt645: DI %q must be 8 hex digits", s)
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return 0, fmt.Errorf("dlt645: DI %q: not hex", s)
	}
	return DI(v), nil
}

// appendDI appends d in wire order (DI0 first).
func appendDI(dst []byte, d DI) []byte { return binary.LittleEndian.AppendUint32(dst, uint32(d)) }

// readDI reads a DI in wire order from the first 4 bytes of b.
func readDI(b []byte) DI { return DI(binary.LittleEndian.Uint32(b)) }
