package sim

import (
	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// Firmware is how a simulated meter answers what DL/T 645-2007 leaves to
// the firmware (see meterlink/doc.go, "What real firmware does").
type Firmware struct {
	// RelayRefusal is the 1-byte error word of every refused plaintext
	// relay command (0x1C), whatever the cause: an expired command, a trip
	// under guarantee, a wrong password or an action the meter does not
	// take. 0 answers each cause with the standard's own bit instead (bit 0
	// "other" for all but the password, bit 2 for the password).
	RelayRefusal byte
	// NoDirectClose makes the meter refuse direct close (1C), as
	// State-Grid firmware holding a formal key does for plaintext commands
	// other than close.
	NoDirectClose bool
}

// RealFirmware is what the public meter firmwares do: every refused
// plaintext 0x1C is answered with ERR 0x04 (password/unauthorised).
var RealFirmware = Firmware{RelayRefusal: 0x04}

// StandardFirmware answers refusals with the bit of each cause, as a
// literal reading of the standard's ERR table does.
var StandardFirmware = Firmware{}

// Firmwares gives the firmware of simulated models by upper-case model name
// without the vendor prefix; every other model runs RealFirmware.
var Firmwares = map[string]Firmware{
	"DLT645-STANDARD": StandardFirmware,
	"DDZY":            {RelayRefusal: 0x04, NoDirectClose: true}, // State-Grid style: close-allowed and the button
}

// FirmwareFor returns the firmware of model (e.g. "Acrel DDSY1352").
func FirmwareFor(model string) Firmware {
	m, _ := voltpay.NormalizeMeterModel(model)
	if fw, ok := Firmwares[m]; ok {
		return fw
	}
	return RealFirmware
}

// programming lists the functions a meter refuses (stays silent on) when
// addressed by the all-AA wildcard: only reads may use it, since every
// meter on the bus would obey a write or a relay command.
func programming(fn dlt645.Control) bool {
	switch fn {
	case dlt645.FuncWrite, dlt645.FuncChangeBaud, 0x19, 0x1A, 0x1B, dlt645.FuncRelay:
		return true
	}
	return false
}
