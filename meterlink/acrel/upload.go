package acrel

import "fmt"

// Upload is a 0x91 periodic data upload (default every 30 min). The notes
// list what it carries (voltages, currents, P/Q/PF per phase and total,
// PT/CT, total and per-rate energy, remaining amount, purchase count, the
// meter's clock) but its offsets and scales are known only from one
// connector's debug code [U], so nothing is decoded: the body is kept as
// it came.
type Upload struct {
	// Serial is the device's serial if the body starts with a serial
	// field of digits (assumed, as in login and time sync [U]); else "".
	Serial string
	// Body is the whole body, raw; it aliases the frame's body.
	Body []byte
}

// DecodeUpload returns the upload in a 0x91 frame, or ErrCommand.
func DecodeUpload(f Frame) (Upload, error) {
	if f.Cmd != CmdUpload {
		return Upload{}, fmt.Errorf("%w: 0x%02X, want upload 0x91", ErrCommand, f.Cmd)
	}
	u := Upload{Body: f.Body}
	if len(f.Body) >= SerialFieldLen {
		u.Serial, _ = digitSerial(f.Body[:SerialFieldLen])
	}
	return u, nil
}
