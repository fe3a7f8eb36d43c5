package acrel

import (
	"fmt"

	"github.com/voltpay/voltpay/meterlink/modbus"
)

// WrapRTU returns the 0x90 pass-through frame carrying a Modbus RTU ADU
// (unit, PDU, CRC) as its body, or ErrTooLong.
func WrapRTU(adu []byte) (Frame, error) {
	if len(adu) > MaxBodySize {
		return Frame{}, fmt.Errorf("%w: ADU of %d bytes", ErrTooLong, len(adu))
	}
	return Frame{Cmd: CmdPassThrough, Body: adu}, nil
}

// UnwrapRTU returns the Modbus RTU ADU a 0x90 frame carries, after
// checking its length and CRC. It returns ErrCommand, or an ErrBody error
// wrapping the modbus error.
func UnwrapRTU(f Frame) ([]byte, error) {
	if f.Cmd != CmdPassThrough {
		return nil, fmt.Errorf("%w: 0x%02X, want pass-through 0x90", ErrCommand, f.Cmd)
	}
	if _, _, err := modbus.DecodeRTU(f.Body); err != nil {
		return nil, fmt.Errorf("%w: pass-through body: %w", ErrBody, err)
	}
	return f.Body, nil
}
