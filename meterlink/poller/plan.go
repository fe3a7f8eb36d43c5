package poller

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/modbus"
)

// CycleKind says what a cycle reads.
type CycleKind int

// Cycle kinds.
const (
	// Full reads energy (total and per tariff), voltage, current, power,
	// status word 3 and the meter's clock; the balance of meters that keep
	// their own.
	Full CycleKind = iota + 1
	// Status reads total energy and status word 3; the balance of meters
	// that keep their own.
	Status
)

// String returns "full" or "status".
func (k CycleKind) String() string {
	switch k {
	case Full:
		return "full"
	case Status:
		return "status"
	}
	return fmt.Sprintf("cycle kind %d", int(k))
}

// errNoEnergy marks a meter that answered but refused every energy DI: its
// reading is not recorded (a reading without energy would overwrite the
// meter's last energy with 0), yet the meter is not offline.
var errNoEnergy = errors.New("poller: meter refused every energy DI")

// step is one DL/T 645 read and where its values go. set gets the DI
// table's numbers, with have[i] false for a value the meter filled with FF
// (it has no such value; never the first, which makes the step fail).
// decode, when set, takes the raw data instead (dates and times, in the
// meters' zone); it reports false for data it cannot use.
type step struct {
	di     dlt645.DI
	set    func(r *voltpay.Reading, vals []int64, have []bool)
	decode func(r *voltpay.Reading, data []byte, zone *time.Location) bool
}

// The DI sequences of plan645, built once: every meter of every cycle
// walks one of them (read-only). Index: [meter keeps its balance][kind].
var plans645 = [2][3][]step{
	{Full: buildPlan645(Full, false), Status: buildPlan645(Status, false)},
	{Full: buildPlan645(Full, true), Status: buildPlan645(Status, true)},
}

// plan645 returns the DI sequence of a DL/T 645 read of kind k of meter m
// (docs/PROTOCOLS.md §5.3). The energy step comes first; the block falls back to
// the total (see readDLT645). The balance is read only from meters that
// keep it (PrepaidMeter): for the others the platform keeps it and the
// meter's register means nothing. The purchase count is not read on
// schedule: only a credit push changes it, and the command executor reads
// it before and after each push. Every exchange left out saves ~1/7 of a
// cycle's bus time. The slice is shared: do not modify it.
func plan645(k CycleKind, m *voltpay.Meter) []step {
	onMeter := 0
	if m.PrepaidMode == voltpay.PrepaidMeter {
		onMeter = 1
	}
	return plans645[onMeter][k]
}

func buildPlan645(k CycleKind, onMeter bool) []step {
	energyTotal := step{di: dlt645.DIForwardActive, set: setEnergy}
	status := step{di: dlt645.DIStatusWord3, set: setStatus3}
	balance := step{di: dlt645.DIBalance, set: func(r *voltpay.Reading, v []int64, _ []bool) { r.BalanceFen = ptr(voltpay.Fen(v[0])) }}
	plan := []step{energyTotal, status}
	if k == Full {
		plan = []step{
			{di: dlt645.DIForwardActiveBlock, set: setEnergyBlock},
			{di: dlt645.DIVoltageA, set: func(r *voltpay.Reading, v []int64, _ []bool) { r.VoltageDV = ptr(int(v[0])) }},
			{di: dlt645.DICurrentA, set: func(r *voltpay.Reading, v []int64, _ []bool) { r.CurrentMA = ptr(int(v[0])) }},
			{di: dlt645.DIActivePower, set: func(r *voltpay.Reading, v []int64, _ []bool) { r.PowerW = ptr(roundDiv(v[0], 10)) }},
			status,
			{di: dlt645.DIDateTime, decode: setMeterClock},
		}
	}
	if onMeter {
		plan = append(plan, balance)
	}
	return plan
}

func setEnergy(r *voltpay.Reading, v []int64, _ []bool) { r.EnergyWh = voltpay.Wh(v[0]) }

// setMeterClock records the meter's own clock, stored beside our receive
// time so drift shows and billing can trust the meter's interval
// boundaries. It is read in the zone the poller and the executor set it in
// (Config.MeterZone).
func setMeterClock(r *voltpay.Reading, data []byte, zone *time.Location) bool {
	t, err := dlt645.DecodeDateTime(data, zone)
	if err != nil {
		return false
	}
	r.MeterClock = &t
	return true
}

// setEnergyBlock takes total + tariffs 1..4 (尖/峰/平/谷); a tariff the
// meter filled with FF stays unknown.
func setEnergyBlock(r *voltpay.Reading, v []int64, have []bool) {
	r.EnergyWh = voltpay.Wh(v[0])
	rates := []**voltpay.Wh{&r.SharpWh, &r.PeakWh, &r.FlatWh, &r.ValleyWh}
	for i, p := range rates {
		if i+1 < len(v) && have[i+1] {
			*p = ptr(voltpay.Wh(v[i+1]))
		}
	}
}

func setStatus3(r *voltpay.Reading, v []int64, _ []bool) {
	s := dlt645.Status3(v[0])
	r.StatusWord = ptr(int(s))
	r.Relay = ptr(voltpay.RelayState(s.RelayOpen()))
}

// reader reads one meter on one bus.
type reader struct {
	bus  *bus.Bus
	log  *slog.Logger
	now  func() time.Time
	zone *time.Location // the meters' (Config.MeterZone)
}

// read reads meter m. It returns errNoEnergy if the meter answered without
// energy, a *bus.Error (or ctx error) if it did not answer, or an
// EINVALID *voltpay.Error for a meter the poller cannot address.
func (rd *reader) read(ctx context.Context, m *voltpay.Meter, k CycleKind) (*voltpay.Reading, error) {
	switch m.Protocol {
	case voltpay.MeterProtocolDLT645:
		return rd.readDLT645(ctx, m, k)
	case voltpay.MeterProtocolModbus:
		return rd.readModbus(ctx, m)
	}
	return nil, voltpay.Errorf(voltpay.EINVALID, "meter %d: unknown protocol %q", m.ID, m.Protocol)
}

// readDLT645 runs plan645. A DI the meter refuses with an error reply is
// skipped; a refused energy block falls back to the total; a zero balance
// is completed with the overdraft amount (balance = remaining − overdraft).
func (rd *reader) readDLT645(ctx context.Context, m *voltpay.Meter, k CycleKind) (*voltpay.Reading, error) {
	addr, err := dlt645.ParseAddress(m.Address)
	if err != nil {
		return nil, voltpay.Errorf(voltpay.EINVALID, "meter %d: %v", m.ID, err)
	}
	r := &voltpay.Reading{MeterID: m.ID}
	energy := false
	for _, s := range plan645(k, m) {
		ok, err := rd.step645(ctx, addr, s, r)
		if err != nil {
			return nil, err
		}
		if !ok && s.di == dlt645.DIForwardActiveBlock {
			s = step{di: dlt645.DIForwardActive, set: setEnergy}
			if ok, err = rd.step645(ctx, addr, s, r); err != nil {
				return nil, err
			}
		}
		if ok && (s.di == dlt645.DIForwardActive || s.di == dlt645.DIForwardActiveBlock) {
			energy = true
		}
		if ok && s.di == dlt645.DIBalance && *r.BalanceFen == 0 {
			over := step{di: dlt645.DIOverdraftAmount, set: func(r *voltpay.Reading, v []int64, _ []bool) { r.BalanceFen = ptr(voltpay.Fen(-v[0])) }}
			if _, err := rd.step645(ctx, addr, over, r); err != nil {
				return nil, err
			}
		}
	}
	r.ReadAt = rd.now()
	if !energy {
		return r, errNoEnergy
	}
	return r, nil
}

// step645 reads one DI into r. It reports false, nil when the meter refused
// the DI or sent data that does not decode (both logged, neither a failure
// of the meter).
func (rd *reader) step645(ctx context.Context, addr dlt645.Address, s step, r *voltpay.Reading) (bool, error) {
	reply, err := rd.bus.DLT645(ctx, dlt645.ReadRequest(addr, s.di))
	var me *dlt645.MeterError
	if errors.As(err, &me) {
		rd.log.Debug("poller: meter refused DI", "meter", addr, "di", s.di, "err", err)
		return false, nil
	}
	if err != nil {
		return false, err
	}
	data, err := dlt645.ReadReplyData(s.di, reply)
	if errors.As(err, &me) {
		rd.log.Debug("poller: meter refused DI", "meter", addr, "di", s.di, "err", err)
		return false, nil
	}
	if err == nil && s.decode != nil {
		if s.decode(r, data, rd.zone) {
			return true, nil
		}
		err = fmt.Errorf("data % X does not decode", data)
	}
	var (
		vals []int64
		have []bool
	)
	if err == nil && s.decode == nil {
		if it, ok := dlt645.Lookup(s.di); ok {
			vals, have, err = it.DecodeEntries(data)
		}
	}
	if err != nil || len(vals) == 0 {
		rd.log.Warn("poller: undecodable reply", "meter", addr, "di", s.di, "err", err)
		return false, nil
	}
	if !have[0] { // the first value (total, phase A) FF-filled: the meter has none
		rd.log.Debug("poller: meter does not support DI", "meter", addr, "di", s.di)
		return false, nil
	}
	s.set(r, vals, have)
	return true, nil
}

// ProfileFor returns the Modbus register profile for a meter model: the
// seed profile named "Acrel <model>" or <model>, else Acrel DDSY1352.
func ProfileFor(model string) modbus.Profile {
	model = strings.TrimSpace(model)
	for _, name := range []string{model, "Acrel " + model} {
		if p, ok := modbus.Profiles[name]; ok {
			return p
		}
	}
	return modbus.AcrelDDSY1352
}

// readModbus does one block read over the profile's holding-register span
// (the same for full and status cycles: it is one request either way). A
// channel of a multi-user device is read at the device's unit id, over its
// channel's block of the model's profile.
func (rd *reader) readModbus(ctx context.Context, m *voltpay.Meter) (*voltpay.Reading, error) {
	unit, err := strconv.Atoi(strings.TrimSpace(m.Address))
	if err != nil || unit < 1 || unit > 247 {
		return nil, voltpay.Errorf(voltpay.EINVALID, "meter %d: Modbus unit id %q must be 1..247", m.ID, m.Address)
	}
	p := ProfileFor(m.Model)
	if m.Channel > 0 {
		if p, err = p.ForChannel(m.Channel); err != nil {
			return nil, voltpay.Errorf(voltpay.EINVALID, "meter %d: channel %d of model %q: %v", m.ID, m.Channel, m.Model, err)
		}
	}
	req, ok := p.Span(modbus.Holding)
	if !ok {
		return nil, voltpay.Errorf(voltpay.EINVALID, "meter %d: profile %s has no readable block", m.ID, p.Model)
	}
	var resp modbus.Response
	if rd.bus.Protocol() == bus.ModbusTCP {
		resp, err = rd.bus.ModbusTCP(ctx, byte(unit), req)
	} else {
		resp, err = rd.bus.ModbusRTU(ctx, byte(unit), req)
	}
	var ex *modbus.Exception
	if errors.As(err, &ex) {
		rd.log.Debug("poller: meter refused block read", "meter", m.ID, "unit", unit, "err", err)
		return nil, errNoEnergy
	}
	if err != nil {
		return nil, err
	}
	q, err := p.DecodeBlock(modbus.Holding, req.Address, resp.Values)
	if err != nil {
		rd.log.Warn("poller: undecodable block", "meter", m.ID, "unit", unit, "err", err)
		return nil, errNoEnergy
	}
	return modbusReading(m.ID, q, rd.now())
}

// modbusReading maps profile quantities onto a reading.
func modbusReading(id int64, q map[modbus.Quantity]int64, at time.Time) (*voltpay.Reading, error) {
	r := &voltpay.Reading{MeterID: id, ReadAt: at}
	e, ok := q[modbus.EnergyTotal]
	if !ok {
		return r, errNoEnergy
	}
	r.EnergyWh = voltpay.Wh(e)
	opt := func(k modbus.Quantity) (int64, bool) { v, ok := q[k]; return v, ok }
	if v, ok := opt(modbus.EnergySharp); ok {
		r.SharpWh = ptr(voltpay.Wh(v))
	}
	if v, ok := opt(modbus.EnergyPeak); ok {
		r.PeakWh = ptr(voltpay.Wh(v))
	}
	if v, ok := opt(modbus.EnergyFlat); ok {
		r.FlatWh = ptr(voltpay.Wh(v))
	}
	if v, ok := opt(modbus.EnergyValley); ok {
		r.ValleyWh = ptr(voltpay.Wh(v))
	}
	if v, ok := opt(modbus.Voltage); ok {
		r.VoltageDV = ptr(int(v))
	}
	if v, ok := opt(modbus.Current); ok {
		r.CurrentMA = ptr(int(v))
	}
	if v, ok := opt(modbus.ActivePower); ok {
		r.PowerW = ptr(v)
	}
	if v, ok := opt(modbus.PowerFactor); ok {
		r.PowerFactorMilli = ptr(int(v))
	}
	if v, ok := opt(modbus.Balance); ok {
		r.BalanceFen = ptr(voltpay.Fen(v))
	}
	return r, nil
}

func ptr[T any](v T) *T { return &v }

// roundDiv divides rounding half away from zero.
func roundDiv(v, d int64) int64 {
	if v < 0 {
		return -((-v + d/2) / d)
	}
	return (v + d/2) / d
}
