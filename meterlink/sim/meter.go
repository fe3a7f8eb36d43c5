package sim

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// Rates of the TOU table, in the order DL/T 645 numbers tariffs (assumed
// T1 sharp 尖, T2 peak 峰, T3 flat 平, T4 valley 谷; docs/PROTOCOLS.md §7.5).
const (
	RateSharp  = 1
	RatePeak   = 2
	RateFlat   = 3
	RateValley = 4
	numRates   = 4
)

// TOUSegment starts tariff Rate (1..4) at minute-of-day Start (0..1439) of
// the meter's own clock; it lasts until the next segment's start.
type TOUSegment struct {
	Start int
	Rate  int
}

// DefaultTOU is a typical four-rate day.
var DefaultTOU = []TOUSegment{
	{0, RateValley}, {8 * 60, RateFlat}, {10 * 60, RatePeak}, {12 * 60, RateFlat},
	{14 * 60, RatePeak}, {19 * 60, RateSharp}, {21 * 60, RatePeak}, {23 * 60, RateValley},
}

// DefaultPrices are the rate prices 1..4 in 0.0001 yuan/kWh (the unit of
// DL/T 645 price DIs): 1.2000, 0.9000, 0.6000, 0.3000 yuan/kWh.
var DefaultPrices = [numRates]int64{12000, 9000, 6000, 3000}

// DefaultShape is the daily load shape: percent of the base load for each
// hour of the meter's local day.
var DefaultShape = [24]int64{
	40, 35, 30, 30, 30, 40, 70, 110, 100, 80, 70, 80,
	90, 70, 60, 60, 70, 110, 150, 160, 140, 120, 80, 50,
}

// MeterConfig describes one virtual meter. Zero values take the defaults
// named in the field comments.
type MeterConfig struct {
	Addr           dlt645.Address // DL/T 645 address
	Unit           byte           // Modbus unit id 1..247; 0 = no Modbus
	CustomerNumber dlt645.Address // checked by State-Grid credit pushes when non-zero

	LoadW       int64        // base active load in W (default 1000)
	Shape       *[24]int64   // percent of LoadW per local hour (default DefaultShape)
	VoltageDV   int64        // voltage in 0.1 V (default 2200)
	PowerFactor int64        // 0.001 units (default 950)
	TOU         []TOUSegment // default DefaultTOU; sorted by Start, first at 0
	Prices      [numRates]int64

	// Prepaid makes the meter money-type prepaid (status word 3 bits 8–9 =
	// 10): energy is debited from BalanceFen and the relay trips when the
	// balance reaches -OverdraftLimitFen, unless guarantee is on.
	Prepaid           bool
	BalanceFen        int64
	PurchaseCount     uint32
	Alarm1Fen         int64 // pre-trip alarm at or below this balance (0 = off)
	Alarm2Fen         int64
	OverdraftLimitFen int64
	HoardingLimitFen  int64 // maximum balance after a credit (0 = none)
	CloseAllowedFen   int64 // balance above which a credit closes an arrears trip

	// CloseOn1B makes close-allowed (1B) close the contactor at once; by
	// default it only clears the command state, as with a push button.
	CloseOn1B bool
	// CheckPassword makes 0x14 and 0x1C demand Password (levels 02/04).
	CheckPassword bool
	Password      uint32

	ClockOffset time.Duration // meter clock minus the simulation clock at start
	DriftPPM    int64         // clock drift, parts per million (positive = fast)

	// Model picks the firmware behaviour (FirmwareFor) unless Firmware is
	// set; the default is RealFirmware.
	Model    string
	Firmware *Firmware
}

// Meter is one virtual meter. All methods are safe for concurrent use.
type Meter struct {
	addr  dlt645.Address
	unit  byte
	clock Clock
	// device and channel are set for channel n of a multi-user device
	// (multiuser.go), before the meter is shared; nil and 0 otherwise.
	device  *MultiUser
	channel int

	mu       sync.Mutex
	cfg      MeterConfig
	fw       Firmware
	offset   time.Duration
	driftRem int64
	energy   [numRates + 1]int64 // Wh; [0] total, [r] rate r
	eRem     int64               // W·ns not yet a whole Wh
	costRem  int64               // Wh × price units not yet a whole fen
	balance  int64
	count    uint32
	bought   int64 // cumulative purchased amount, fen
	order    [8]byte
	hasOrder bool
	prices   [numRates]int64

	relayOpen, cmdTrip, arrearsTrip, guarantee, alarmCmd bool
	lastTrip, lastClose                                  time.Time
	trips, closes                                        int // contactor operations, the relay history tests check
	progCode                                             uint16

	offline   bool
	faults    Faults
	hasFaults bool
}

// NewMeter returns a meter configured by cfg whose clock is clock plus
// cfg.ClockOffset (nil clock = SystemClock). The relay starts closed.
func NewMeter(cfg MeterConfig, clock Clock) *Meter {
	if clock == nil {
		clock = SystemClock{}
	}
	if cfg.LoadW == 0 {
		cfg.LoadW = 1000
	}
	if cfg.Shape == nil {
		cfg.Shape = &DefaultShape
	}
	if cfg.VoltageDV == 0 {
		cfg.VoltageDV = 2200
	}
	if cfg.PowerFactor == 0 {
		cfg.PowerFactor = 950
	}
	if len(cfg.TOU) == 0 {
		cfg.TOU = DefaultTOU
	}
	if cfg.Prices == [numRates]int64{} {
		cfg.Prices = DefaultPrices
	}
	fw := FirmwareFor(cfg.Model)
	if cfg.Firmware != nil {
		fw = *cfg.Firmware
	}
	m := &Meter{addr: cfg.Addr, unit: cfg.Unit, clock: clock, cfg: cfg, fw: fw, offset: cfg.ClockOffset,
		balance: cfg.BalanceFen, count: cfg.PurchaseCount, prices: cfg.Prices}
	m.enforce(m.nowLocked())
	return m
}

// Addr returns the meter's DL/T 645 address.
func (m *Meter) Addr() dlt645.Address { return m.addr }

// Unit returns the meter's Modbus unit id (0 if none).
func (m *Meter) Unit() byte { return m.unit }

// Now returns the meter's own clock reading, drift included.
func (m *Meter) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.nowLocked()
}

func (m *Meter) nowLocked() time.Time { return m.clock.Now().Add(m.offset).In(China) }

// SetTime sets the meter clock to t (as broadcast time does).
func (m *Meter) SetTime(t time.Time) {
	m.mu.Lock()
	m.offset = t.Sub(m.clock.Now())
	m.mu.Unlock()
}

// broadcastTime applies a broadcast time sync as firmware does
// (docs/PROTOCOLS.md §1.8): corrections beyond dlt645.MaxBroadcastCorrection, and
// any near the meter's midnight, are ignored.
func (m *Meter) broadcastTime(t time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.nowLocked()
	if t.Sub(now).Abs() > dlt645.MaxBroadcastCorrection || dlt645.NearMidnight(now) {
		return
	}
	m.offset = t.Sub(m.clock.Now())
}

// SetFirmware changes how the meter answers what the standard leaves open
// (a meter reflashed, or a test's choice).
func (m *Meter) SetFirmware(fw Firmware) {
	m.mu.Lock()
	m.fw = fw
	m.mu.Unlock()
}

// SetPassword makes 0x14 and 0x1C demand password (levels 02/04), as
// MeterConfig.CheckPassword does.
func (m *Meter) SetPassword(password uint32) {
	m.mu.Lock()
	m.cfg.CheckPassword, m.cfg.Password = true, password
	m.mu.Unlock()
}

func (m *Meter) firmware() Firmware {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.fw
}

// SetOffline makes the meter silent (powered off or disconnected from the
// bus) or brings it back.
func (m *Meter) SetOffline(off bool) {
	m.mu.Lock()
	m.offline = off
	m.mu.Unlock()
}

// SetFaults gives the meter its own fault probabilities, used instead of its
// gateway's for requests addressed to it.
func (m *Meter) SetFaults(f Faults) {
	m.mu.Lock()
	m.faults, m.hasFaults = f, true
	m.mu.Unlock()
}

func (m *Meter) faultConfig() (Faults, bool, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.faults, m.hasFaults, m.offline
}

// SetBalance sets the on-meter balance (fen) and re-checks the trip rule.
func (m *Meter) SetBalance(fen int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.balance = fen
	m.enforce(m.nowLocked())
}

// State is a snapshot of a meter for tests and the sim command.
type State struct {
	Time          time.Time
	EnergyWh      [numRates + 1]int64 // [0] total, [1..4] per rate
	BalanceFen    int64               // negative when overdrawn
	PurchaseCount uint32
	PurchasedFen  int64
	RelayOpen     bool
	RelayCmdTrip  bool
	Guarantee     bool
	PowerW        int64
	Status3       dlt645.Status3
	Trips, Closes int // contactor operations since the meter was made
}

// State returns a snapshot of the meter.
func (m *Meter) State() State {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.nowLocked()
	return State{Time: now, EnergyWh: m.energy, BalanceFen: m.balance, PurchaseCount: m.count,
		PurchasedFen: m.bought, RelayOpen: m.relayOpen, RelayCmdTrip: m.cmdTrip,
		Guarantee: m.guarantee, PowerW: m.powerLocked(now), Status3: m.status3(),
		Trips: m.trips, Closes: m.closes}
}

// Status3 returns status word 3 (docs/PROTOCOLS.md §1.7).
func (m *Meter) Status3() dlt645.Status3 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.status3()
}

func (m *Meter) status3() dlt645.Status3 {
	var s dlt645.Status3
	if m.relayOpen {
		s |= dlt645.S3RelayOpen
	}
	if m.cmdTrip {
		s |= dlt645.S3RelayCmdTrip
	}
	if m.alarmCmd || (m.cfg.Prepaid && m.cfg.Alarm1Fen > 0 && m.balance <= m.cfg.Alarm1Fen) {
		s |= dlt645.S3PreTripAlarm
	}
	if m.cfg.Prepaid {
		s |= dlt645.Status3(dlt645.MeterMoneyPrepaid) << 8
	}
	if m.guarantee {
		s |= dlt645.S3Guarantee
	}
	return s
}

// Advance runs the meter over the d that follows its current clock reading:
// energy accrues per minute at the load shape's power into the TOU rate of
// that minute, the balance is debited (integer fen, remainder carried), the
// trip rule is applied and the clock drifts. Callers that also move the
// simulation clock (Fleet.Advance) do so after calling Advance.
func (m *Meter) Advance(d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := m.nowLocked()
	for d > 0 {
		step := time.Minute - time.Duration(t.Second())*time.Second - time.Duration(t.Nanosecond())
		step = min(step, d)
		m.accrue(t, step)
		t, d = t.Add(step), d-step
		m.driftRem += int64(step) * m.cfg.DriftPPM
		m.offset += time.Duration(m.driftRem / 1e6)
		m.driftRem %= 1e6
	}
}

const wattNsPerWh = 3600 * int64(time.Second) // 1 Wh = 3.6e12 W·ns

// pricePerFen: Wh × (0.0001 yuan/kWh) / 100000 = fen.
const pricePerFen = 100000

func (m *Meter) accrue(t time.Time, step time.Duration) {
	if m.relayOpen {
		return
	}
	m.eRem += m.powerLocked(t) * int64(step)
	wh := m.eRem / wattNsPerWh
	m.eRem %= wattNsPerWh
	if wh == 0 {
		return
	}
	r := m.rateAt(t)
	m.energy[0] += wh
	m.energy[r] += wh
	if m.cfg.Prepaid {
		m.costRem += wh * m.prices[r-1]
		m.balance -= m.costRem / pricePerFen
		m.costRem %= pricePerFen
		m.enforce(t)
	}
}

// enforce trips the relay when a prepaid balance has run out.
func (m *Meter) enforce(t time.Time) {
	if !m.cfg.Prepaid || m.guarantee || m.balance > -m.cfg.OverdraftLimitFen || m.relayOpen {
		return
	}
	m.cmdTrip, m.relayOpen, m.arrearsTrip, m.lastTrip = true, true, true, t
	m.trips++
}

func (m *Meter) powerLocked(t time.Time) int64 {
	if m.relayOpen {
		return 0
	}
	return m.cfg.LoadW * m.cfg.Shape[t.Hour()] / 100
}

func (m *Meter) rateAt(t time.Time) int {
	minute := t.Hour()*60 + t.Minute()
	rate := m.cfg.TOU[0].Rate
	for _, s := range m.cfg.TOU {
		if s.Start <= minute {
			rate = s.Rate
		}
	}
	if rate < 1 || rate > numRates {
		return RateFlat
	}
	return rate
}

// electrical returns voltage (0.1 V), current (mA), power (W) and power
// factor (0.001) at the meter's current time.
func (m *Meter) electrical(t time.Time) (dv, ma, w, pf int64) {
	w = m.powerLocked(t)
	dv, pf = m.cfg.VoltageDV, m.cfg.PowerFactor
	// I = P / (U × PF): mA = W × 1000 / (dV/10 × pf/1000).
	ma = w * 10_000_000 / (dv * pf)
	return dv, ma, w, pf
}

// Errors of Meter.Relay. The DL/T 645 handler answers them with the
// meter's Firmware.RelayRefusal (ERR 0x04 on real firmware), or with bit 0
// ("other") under StandardFirmware.
var (
	// ErrExpired means the command's expiry is before the meter clock.
	ErrExpired = errors.New("sim: command expired on the meter clock")
	// ErrGuarantee means a trip was refused because guarantee is on.
	ErrGuarantee = errors.New("sim: trip refused: guarantee active")
)

// Relay applies a 0x1C command with the given expiry, checked against the
// meter clock. It returns ErrExpired, ErrGuarantee, or an error wrapping
// dlt645.ErrOther for an unknown action. Trip opens the relay; close-allowed
// clears the command state (and closes only with CloseOn1B); direct close
// closes; guarantee on closes an arrears trip; guarantee off re-arms the
// trip when the balance is exhausted.
func (m *Meter) Relay(a dlt645.RelayAction, expiry time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.nowLocked()
	if expiry.Before(now) {
		return fmt.Errorf("%w: expiry %s, meter clock %s", ErrExpired, expiry, now)
	}
	switch a {
	case dlt645.RelayTrip:
		if m.guarantee {
			return ErrGuarantee
		}
		if !m.relayOpen {
			m.lastTrip = now
			m.trips++
		}
		m.cmdTrip, m.relayOpen, m.arrearsTrip = true, true, false
	case dlt645.RelayCloseAllowed:
		m.cmdTrip = false
		if m.cfg.CloseOn1B {
			m.close(now)
		}
	case dlt645.RelayDirectClose:
		if m.fw.NoDirectClose {
			return fmt.Errorf("%w: direct close is not taken by this firmware", dlt645.ErrOther)
		}
		m.cmdTrip = false
		m.close(now)
	case dlt645.AlarmOn:
		m.alarmCmd = true
	case dlt645.AlarmOff:
		m.alarmCmd = false
	case dlt645.GuaranteeOn:
		m.guarantee = true
		if m.arrearsTrip {
			m.cmdTrip = false
			m.close(now)
		}
	case dlt645.GuaranteeOff:
		m.guarantee = false
	default:
		return fmt.Errorf("%w: %s", dlt645.ErrOther, a)
	}
	m.enforce(now)
	return nil
}

func (m *Meter) close(now time.Time) {
	if m.relayOpen {
		m.lastClose = now
		m.closes++
	}
	m.relayOpen, m.arrearsTrip = false, false
}

// credit adds amount fen after the purchase-count, order and hoarding
// checks; count 0 means "the layout carries none" (vendor form), in which
// case a repeated order number is the replay guard and the meter counts
// itself. Errors are the dlt645 SERR sentinels.
func (m *Meter) credit(amount int64, count uint32, order *[8]byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	switch {
	case order != nil && m.hasOrder && *order == m.order:
		return dlt645.ErrRepeatRecharge
	case order == nil && count == m.count:
		return dlt645.ErrRepeatRecharge
	case order == nil && count != m.count+1:
		return dlt645.ErrPurchaseCount
	case m.cfg.HoardingLimitFen > 0 && m.balance+amount > m.cfg.HoardingLimitFen:
		return dlt645.ErrHoardingExceeded
	}
	if order != nil {
		m.order, m.hasOrder = *order, true
	}
	m.count++
	m.balance += amount
	m.bought += amount
	now := m.nowLocked()
	if m.arrearsTrip && m.balance > m.cfg.CloseAllowedFen {
		m.cmdTrip = false
		m.close(now)
	}
	m.enforce(now)
	return nil
}
