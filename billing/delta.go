package billing

import (
	"errors"
	"fmt"

	"github.com/voltpay/voltpay"
)

// DLT645RegisterModulus is where a DL/T 645 energy register (XXXXXX.XX
// kWh) wraps to zero: 1,000,000 kWh, in Wh.
const DLT645RegisterModulus voltpay.Wh = 1_000_000_000

// ModbusRegisterModulus is where a Modbus meter's energy register wraps:
// the meters Voltpay reads over Modbus (Acrel's register maps in
// meterlink/modbus) keep energy as an unsigned 32-bit count of 0.01 kWh,
// so 42,949,672.96 kWh, in Wh. Their readings above 1,000,000 kWh are
// ordinary, not out of range.
const ModbusRegisterModulus voltpay.Wh = 1 << 32 * 10

// RegisterModulus returns where the energy registers of a meter read over
// protocol wrap to zero.
func RegisterModulus(protocol string) voltpay.Wh {
	if protocol == voltpay.MeterProtocolModbus {
		return ModbusRegisterModulus
	}
	return DLT645RegisterModulus
}

// ErrRegisterFell is a reading lower than the last that is not a rollover
// (a meter fault, a swapped meter, a misread): it is flagged and charges
// nothing, and it never turns into a refund.
var ErrRegisterFell = errors.New("billing: the energy register fell")

// Delta returns the energy used between two readings of one register
// series, times the CT ratio. A register that fell from its last tenth to
// its first tenth of modulus rolled over (the energy across the wrap is
// counted); any other fall is ErrRegisterFell. modulus 0 means
// DLT645RegisterModulus; ctRatio below 1 counts as 1.
func Delta(prev, cur, modulus voltpay.Wh, ctRatio int) (voltpay.Wh, error) {
	if modulus <= 0 {
		modulus = DLT645RegisterModulus
	}
	ct := voltpay.Wh(max(ctRatio, 1))
	if prev < 0 || cur < 0 || prev >= modulus || cur >= modulus {
		return 0, fmt.Errorf("billing: register values %d and %d Wh must be within 0..%d", prev, cur, modulus-1)
	}
	if cur >= prev {
		return (cur - prev) * ct, nil
	}
	if prev >= modulus/10*9 && cur < modulus/10 {
		return (modulus - prev + cur) * ct, nil
	}
	return 0, fmt.Errorf("%w from %d to %d Wh", ErrRegisterFell, prev, cur)
}
