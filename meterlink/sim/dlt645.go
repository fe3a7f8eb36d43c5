package sim

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// errNoReply marks a request the meter obeys silently (broadcast time).
var errNoReply = errors.New("sim: no reply")

// Handle645 processes one DL/T 645 request addressed to this meter (the
// caller has matched the address) and returns the reply, or ok = false when
// the meter stays silent (replies seen on the bus, broadcast time, offline).
func (m *Meter) Handle645(req dlt645.Frame) (reply dlt645.Frame, ok bool) {
	if req.Control.IsReply() {
		return dlt645.Frame{}, false
	}
	fn := req.Control.Function()
	if req.Addr == dlt645.Wildcard && programming(fn) {
		return dlt645.Frame{}, false // the address check fails, as in firmware
	}
	var data []byte
	var err error
	switch fn {
	case dlt645.FuncRead:
		if len(req.Data) < 4 {
			err = dlt645.ErrOther
			break
		}
		di := dlt645.DI(binary.LittleEndian.Uint32(req.Data))
		var v []byte
		if v, err = m.read645(di); err == nil {
			data = append(req.Data[:4:4], v...)
		}
	case dlt645.FuncReadAddress:
		data = append([]byte(nil), m.addr[:]...)
	case dlt645.FuncWrite:
		err = m.write645(req.Data)
	case dlt645.FuncRelay:
		if err = m.relay645(req.Data); err != nil {
			if w := m.firmware().RelayRefusal; w != 0 {
				return dlt645.Frame{Addr: m.addr, Control: req.Control.Reply() | dlt645.BitAbnormal, Data: []byte{w}}, true
			}
		}
	case dlt645.FuncSecurity:
		data, err = m.security645(req.Data)
	case dlt645.FuncBroadcastTime:
		if len(req.Data) == 6 {
			if t, terr := dlt645.DecodeTime6(req.Data, China); terr == nil {
				m.broadcastTime(t)
			}
		}
		return dlt645.Frame{}, false
	default:
		err = dlt645.ErrOther
	}
	if err != nil {
		return errorReply(m.addr, req.Control, err), true
	}
	return dlt645.Frame{Addr: m.addr, Control: req.Control.Reply(), Data: data}, true
}

var errBits = []error{dlt645.ErrOther, dlt645.ErrNoData, dlt645.ErrUnauthorized, dlt645.ErrBaudFixed,
	dlt645.ErrTimeZones, dlt645.ErrDayPeriods, dlt645.ErrTariffs}

var serrBits = []error{dlt645.ErrSecOther, dlt645.ErrRepeatRecharge, dlt645.ErrESAM, dlt645.ErrIdentity,
	dlt645.ErrCustomerMismatch, dlt645.ErrPurchaseCount, dlt645.ErrHoardingExceeded}

// errorReply builds the abnormal reply: 1-byte ERR, or 2-byte SERR for 0x03.
// Errors matching no bit report "other".
func errorReply(addr dlt645.Address, c dlt645.Control, err error) dlt645.Frame {
	bits := errBits
	if c.Function() == dlt645.FuncSecurity {
		bits = serrBits
	}
	var w uint16
	for i, b := range bits {
		if errors.Is(err, b) {
			w |= 1 << i
		}
	}
	if w == 0 {
		w = 1
	}
	data := []byte{byte(w)}
	if c.Function() == dlt645.FuncSecurity {
		data = append(data, byte(w>>8))
	}
	return dlt645.Frame{Addr: addr, Control: c.Reply() | dlt645.BitAbnormal, Data: data}
}

// read645 returns the plain data bytes of di (after the DI).
func (m *Meter) read645(di dlt645.DI) ([]byte, error) {
	it, ok := dlt645.Lookup(di)
	if !ok {
		return nil, dlt645.ErrNoData
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.nowLocked()
	switch di {
	case dlt645.DIDate:
		return []byte{bcd(int(now.Weekday())), bcd(now.Day()), bcd(int(now.Month())), bcd(now.Year() % 100)}, nil
	case dlt645.DITime:
		return []byte{bcd(now.Second()), bcd(now.Minute()), bcd(now.Hour())}, nil
	case dlt645.DIDateTime:
		return dlt645.EncodeDateTime(now)
	case dlt645.DICommAddress, dlt645.DIMeterNumber:
		return append([]byte(nil), m.addr[:]...), nil
	case dlt645.DICustomerNumber:
		return append([]byte(nil), m.cfg.CustomerNumber[:]...), nil
	case dlt645.DILastTripTime, dlt645.DILastCloseTime:
		t := m.lastTrip
		if di == dlt645.DILastCloseTime {
			t = m.lastClose
		}
		out := make([]byte, 6)
		if t.IsZero() {
			return out, nil
		}
		if err := dlt645.PutTime6(out, t.In(China)); err != nil {
			return nil, fmt.Errorf("%w: %w", dlt645.ErrOther, err)
		}
		return out, nil
	}
	vals, err := m.values(di, now)
	if err != nil {
		return nil, err
	}
	var out []byte
	for _, v := range vals {
		b, err := it.Encode(v)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", dlt645.ErrOther, err)
		}
		out = append(out, b...)
	}
	return out, nil
}

// values returns the integer values of a numeric DI in the codec's units.
func (m *Meter) values(di dlt645.DI, now time.Time) ([]int64, error) {
	if di>>24 == 0 && di>>16 <= dlt645.EnergyQuadrant4Reactive {
		return m.energyValues(di)
	}
	dv, ma, w, pf := m.electrical(now)
	pos := func(v int64) int64 { return max(v, 0) }
	switch di {
	case dlt645.DIVoltageA:
		return []int64{dv}, nil
	case 0x02010200, 0x02010300, 0x02020200, 0x02020300, 0x02030200, 0x02030300, 0x02060200, 0x02060300, dlt645.DINeutralCurrent:
		return []int64{0}, nil // single-phase meter: phases B and C read zero
	case dlt645.DIVoltageBlock:
		return []int64{dv, 0, 0}, nil
	case dlt645.DICurrentA:
		return []int64{ma}, nil
	case dlt645.DICurrentBlock:
		return []int64{ma, 0, 0}, nil
	case dlt645.DIActivePower, 0x02030100:
		return []int64{w * 10}, nil // 0.1 W units
	case dlt645.DIActivePowerBlock:
		return []int64{w * 10, w * 10, 0, 0}, nil
	case dlt645.DIPowerFactor, 0x02060100:
		return []int64{pf}, nil
	case dlt645.DIPowerFactorBlock:
		return []int64{pf, pf, 0, 0}, nil
	case dlt645.DIFrequency:
		return []int64{5000}, nil
	case dlt645.DIStatusWord3:
		return []int64{int64(m.status3())}, nil
	case dlt645.DIStatusWordBlock:
		return []int64{0, 0, int64(m.status3()), 0, 0, 0, 0}, nil
	case 0x04000501, 0x04000502, 0x04000504, 0x04000505, 0x04000506, 0x04000507:
		return []int64{0}, nil
	case dlt645.DIAlarmAmount1:
		return []int64{m.cfg.Alarm1Fen}, nil
	case dlt645.DIAlarmAmount2:
		return []int64{m.cfg.Alarm2Fen}, nil
	case dlt645.DIOverdraftAmountMax:
		return []int64{m.cfg.OverdraftLimitFen}, nil
	case dlt645.DIHoardingLimit:
		return []int64{m.cfg.HoardingLimitFen}, nil
	case dlt645.DICloseAllowedAmount:
		return []int64{m.cfg.CloseAllowedFen}, nil
	case dlt645.DIPriceBlock, dlt645.DIStandbyPriceBlock:
		return m.prices[:], nil
	case dlt645.DIBalance:
		return []int64{pos(m.balance)}, nil
	case dlt645.DIOverdraftAmount:
		return []int64{pos(-m.balance)}, nil
	case dlt645.DIPurchaseCount:
		return []int64{int64(m.count)}, nil
	case dlt645.DIPurchasedTotal:
		return []int64{m.bought}, nil
	}
	for n := 1; n <= numRates; n++ {
		if di == dlt645.PriceDI(n, false) || di == dlt645.PriceDI(n, true) {
			return []int64{m.prices[n-1]}, nil
		}
	}
	return nil, dlt645.ErrNoData
}

// energyValues serves current forward (and combined) active energy per
// rate; reverse energy reads zero, settlement periods are not kept.
func (m *Meter) energyValues(di dlt645.DI) ([]int64, error) {
	kind, tariff, period := int(di>>16&0xFF), int(di>>8&0xFF), int(di&0xFF)
	if period != dlt645.PeriodCurrent || kind > dlt645.EnergyReverseActive {
		return nil, dlt645.ErrNoData
	}
	e := m.energy
	if kind == dlt645.EnergyReverseActive {
		e = [numRates + 1]int64{}
	}
	for i := range e {
		// The wire carries 0.01 kWh in 8 digits: the register rolls over to
		// 0 after 999999.99 kWh, as a meter's does.
		e[i] = e[i] % dlt645.EnergyModulusWh
		e[i] -= e[i] % 10
	}
	switch {
	case tariff == dlt645.TariffBlock:
		return e[:], nil
	case tariff <= numRates:
		return []int64{e[tariff]}, nil
	}
	return nil, dlt645.ErrNoData
}

func bcd(v int) byte { return byte(v/10<<4 | v%10) }

// authLen is PA + P0..P2 + C0..C3.
const authLen = 8

// checkAuth verifies the password of a 0x14/0x1C request when the meter
// demands one; it returns dlt645.ErrUnauthorized.
func (m *Meter) checkAuth(auth []byte) error {
	m.mu.Lock()
	check, password := m.cfg.CheckPassword, m.cfg.Password
	m.mu.Unlock()
	if !check {
		return nil
	}
	if auth[0] != dlt645.LevelPlain2 && auth[0] != dlt645.LevelPlain4 {
		return dlt645.ErrUnauthorized
	}
	pw, err := dlt645.DecodeBCD(auth[1:4])
	if err != nil || pw != uint64(password) {
		return dlt645.ErrUnauthorized
	}
	return nil
}

// relay645 serves 0x1C in its plaintext form (L = 16).
func (m *Meter) relay645(data []byte) error {
	if len(data) != authLen+8 {
		return fmt.Errorf("%w: relay command of %d bytes", dlt645.ErrOther, len(data))
	}
	if err := m.checkAuth(data[:authLen]); err != nil {
		return err
	}
	expiry, err := dlt645.DecodeTime6(data[authLen+2:], China)
	if err != nil {
		return fmt.Errorf("%w: %w", dlt645.ErrOther, err)
	}
	return m.Relay(dlt645.RelayAction(data[authLen]), expiry)
}

// write645 serves 0x14 for thresholds and current-set prices.
func (m *Meter) write645(data []byte) error {
	if len(data) < 4+authLen {
		return fmt.Errorf("%w: write of %d bytes", dlt645.ErrOther, len(data))
	}
	di := dlt645.DI(binary.LittleEndian.Uint32(data))
	if err := m.checkAuth(data[4 : 4+authLen]); err != nil {
		return err
	}
	if di == dlt645.DIDateTime {
		t, err := dlt645.DecodeDateTime(data[4+authLen:], China)
		if err != nil {
			return fmt.Errorf("%w: %w", dlt645.ErrOther, err)
		}
		m.SetTime(t)
		return nil
	}
	it, ok := dlt645.Lookup(di)
	if !ok {
		return dlt645.ErrNoData
	}
	v, err := it.DecodeValue(data[4+authLen:])
	if err != nil {
		return fmt.Errorf("%w: %w", dlt645.ErrOther, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	switch di {
	case dlt645.DIAlarmAmount1:
		m.cfg.Alarm1Fen = v
	case dlt645.DIAlarmAmount2:
		m.cfg.Alarm2Fen = v
	case dlt645.DIOverdraftAmountMax:
		m.cfg.OverdraftLimitFen = v
	case dlt645.DIHoardingLimit:
		m.cfg.HoardingLimitFen = v
	case dlt645.DICloseAllowedAmount:
		m.cfg.CloseAllowedFen = v
	default:
		n := 0
		for i := 1; i <= numRates; i++ {
			if di == dlt645.PriceDI(i, false) {
				n = i
			}
		}
		if n == 0 {
			return dlt645.ErrNoData
		}
		m.prices[n-1] = v
	}
	m.enforce(m.nowLocked())
	return nil
}

// Recharge request lengths after the DI (docs/PROTOCOLS.md §1.9).
const (
	stateGridCreditLen = 26 // operator, amount, count, MAC1, customer, MAC2
	vendorCreditLen    = 30 // operator, amount, order, MAC1, meter number, MAC2
)

// security645 serves recharge 070102FF in the State-Grid layout (MACs are
// not verified: the simulator has no ESAM) and the vendor layout (no count
// on the wire: the meter counts itself and refuses a repeated order number).
func (m *Meter) security645(data []byte) ([]byte, error) {
	if len(data) < 4 || dlt645.DI(binary.LittleEndian.Uint32(data)) != dlt645.DIRecharge {
		return nil, dlt645.ErrSecOther
	}
	di, body := data[:4:4], data[4:]
	switch len(body) {
	case stateGridCreditLen:
		var cust dlt645.Address
		copy(cust[:], body[16:22])
		if m.cfg.CustomerNumber != (dlt645.Address{}) && cust != m.cfg.CustomerNumber {
			return nil, dlt645.ErrCustomerMismatch
		}
		amount := int64(binary.LittleEndian.Uint32(body[4:]))
		return di, m.credit(amount, binary.LittleEndian.Uint32(body[8:]), nil)
	case vendorCreditLen:
		var num dlt645.Address
		copy(num[:], body[20:26])
		if num != m.addr {
			return nil, dlt645.ErrIdentity
		}
		var order [8]byte
		copy(order[:], body[8:16])
		amount := int64(binary.LittleEndian.Uint32(body[4:]))
		return di, m.credit(amount, 0, &order)
	}
	return nil, fmt.Errorf("%w: recharge of %d bytes", dlt645.ErrSecOther, len(data))
}
