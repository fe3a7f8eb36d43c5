package dlt645

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Format says how one value of a data item is encoded and which integer
// unit it decodes to. No value ever passes through floating point.
type Format uint8

// Formats, with wire layout → decoded unit.
const (
	FormatEnergy      Format = iota + 1 // 4 BCD XXXXXX.XX kWh → Wh (×10, exact)
	FormatVoltage                       // 2 BCD XXX.X V → 0.1 V
	FormatCurrent                       // 3 BCD XXX.XXX A, sign bit → mA (0.001 A)
	FormatPower                         // 3 BCD XX.XXXX kW/kvar, sign bit → 0.0001 kW (= 0.1 W)
	FormatPowerFactor                   // 2 BCD X.XXX, sign bit → 0.001
	FormatFrequency                     // 2 BCD XX.XX Hz → 0.01 Hz
	FormatMoney                         // 4 BCD XXXXXX.XX yuan → fen
	FormatPrice                         // 4 BCD XXXX.XXXX yuan/kWh → 0.0001 yuan (0.01 fen)
	FormatCount                         // 2 BCD XXXX → count
	FormatNumber                        // 6 BCD, 12 digits (address, meter/customer number) → integer
	FormatStatus                        // 2 bytes binary bit field, low byte first → uint16
	FormatTime6                         // 6 BCD ssmmhhDDMMYY → use DecodeTime6
	FormatDate                          // 4 BCD WWDDMMYY on the wire → use DecodeDate
	FormatTimeOfDay                     // 3 BCD sshhmm on the wire → seconds since midnight
	FormatDateTime                      // 7 BCD ssmmhhWWDDMMYY on the wire → use DecodeDateTime
)

// EnergyModulusWh is where an energy register (FormatEnergy, XXXXXX.XX
// kWh) rolls over to zero: 1,000,000 kWh, in Wh. After 999999.99 kWh a
// meter reads 0.00 again; billing counts the wrap as consumption.
const EnergyModulusWh = 1_000_000_000

// formatSize is the byte width of one value of each format.
var formatSize = [...]int{
	FormatEnergy: 4, FormatVoltage: 2, FormatCurrent: 3, FormatPower: 3,
	FormatPowerFactor: 2, FormatFrequency: 2, FormatMoney: 4, FormatPrice: 4,
	FormatCount: 2, FormatNumber: 6, FormatStatus: 2, FormatTime6: 6,
	FormatDate: 4, FormatTimeOfDay: 3, FormatDateTime: 7,
}

// Size returns the number of bytes of one value in format f, 0 if unknown.
func (f Format) Size() int {
	if int(f) >= len(formatSize) {
		return 0
	}
	return formatSize[f]
}

// ErrNotScalar is returned by Item.Decode for date/time formats, which
// decode to a time, not an integer.
var ErrNotScalar = errors.New("dlt645: format is a date or time, not an integer")

// Item describes a data identifier: what it is, how it is encoded and how
// many values it holds.
type Item struct {
	DI     DI
	Name   string
	Format Format
	// Signed items carry a sign in bit 7 of the most significant byte
	// (combined energy, current, power, power factor).
	Signed bool
	// Count is the number of values; 0 means a block of as many values as
	// the meter sends (total + one per tariff).
	Count int
	// Uncertain marks DIs the protocol notes could not confirm; verify them
	// against the real meter model before relying on them.
	Uncertain bool
}

// Len returns the expected data length (after the DI) of a reply, or 0 for
// variable-length blocks.
func (it Item) Len() int { return it.Count * it.Format.Size() }

// ErrNotSupported marks a value the meter filled with FF bytes: it has no
// such value (phases B and C of a single-phase meter, an unused tariff).
var ErrNotSupported = errors.New("dlt645: value not supported by the meter (FF-filled)")

// Decode decodes reply data (without the DI) into integers in the unit of
// it.Format. It returns an error if the length is wrong, a nibble is not BCD,
// the format is a date/time (ErrNotScalar), or a value is FF-filled
// (ErrNotSupported; DecodeEntries decodes the other values of such a block).
func (it Item) Decode(data []byte) ([]int64, error) {
	vals, have, err := it.DecodeEntries(data)
	if err != nil {
		return nil, err
	}
	for i, ok := range have {
		if !ok {
			return nil, fmt.Errorf("dlt645: %s (%s) value %d: %w", it.DI, it.Name, i, ErrNotSupported)
		}
	}
	return vals, nil
}

// DecodeEntries decodes reply data (without the DI) value by value: vals[i]
// is value i in the unit of it.Format, and have[i] is false (vals[i] 0) when
// the meter filled that value with FF bytes because it has no such value.
// Binary status words are never taken as FF-filled: all ones is a valid
// word. It returns an error if the length is wrong, the format is a
// date/time (ErrNotScalar), or a value that is not FF-filled does not decode.
func (it Item) DecodeEntries(data []byte) (vals []int64, have []bool, err error) {
	size := it.Format.Size()
	n := it.Count
	if n == 0 && size > 0 && len(data)%size == 0 {
		n = len(data) / size
	}
	if size == 0 || n == 0 || len(data) != n*size {
		return nil, nil, fmt.Errorf("dlt645: %s (%s): %d data bytes, want %s", it.DI, it.Name, len(data), it.wantLen())
	}
	vals, have = make([]int64, n), make([]bool, n)
	for i := range vals {
		b := data[i*size : (i+1)*size]
		if it.Format != FormatStatus && allFF(b) {
			continue
		}
		v, err := it.decodeOne(b)
		if err != nil {
			return nil, nil, fmt.Errorf("dlt645: %s (%s) value %d: %w", it.DI, it.Name, i, err)
		}
		vals[i], have[i] = v, true
	}
	return vals, have, nil
}

// allFF reports whether every byte of b is 0xFF.
func allFF(b []byte) bool {
	for _, c := range b {
		if c != 0xFF {
			return false
		}
	}
	return true
}

// DecodeValue decodes a single-value item. Errors are those of Decode, plus
// an error if the item is a block.
func (it Item) DecodeValue(data []byte) (int64, error) {
	if it.Count != 1 {
		return 0, fmt.Errorf("dlt645: %s (%s) is a block; use Decode", it.DI, it.Name)
	}
	vals, err := it.Decode(data)
	if err != nil {
		return 0, err
	}
	return vals[0], nil
}

// Encode encodes one value v (in the decoded unit) for a write. It returns an
// error if v does not fit, is negative for an unsigned format, or (for
// energy in Wh) is not a whole 10 Wh, since the wire unit is 0.01 kWh and
// rounding silently would change the value.
func (it Item) Encode(v int64) ([]byte, error) {
	size := it.Format.Size()
	if size == 0 || it.Format >= FormatTime6 {
		return nil, fmt.Errorf("dlt645: %s (%s): %w", it.DI, it.Name, ErrNotScalar)
	}
	out := make([]byte, size)
	if it.Format == FormatStatus {
		if v < 0 || v > 0xFFFF {
			return nil, fmt.Errorf("dlt645: %s (%s): %d is not a 16-bit status word", it.DI, it.Name, v)
		}
		binary.LittleEndian.PutUint16(out, uint16(v))
		return out, nil
	}
	if it.Format == FormatEnergy {
		if v%10 != 0 {
			return nil, fmt.Errorf("dlt645: %s (%s): %d Wh is not a multiple of 10 Wh (0.01 kWh)", it.DI, it.Name, v)
		}
		v /= 10
	}
	var err error
	switch {
	case it.Signed:
		err = PutSignedBCD(out, v)
	case v < 0:
		err = fmt.Errorf("dlt645: %d is negative but the format is unsigned", v)
	default:
		err = PutBCD(out, uint64(v))
	}
	if err != nil {
		return nil, fmt.Errorf("dlt645: %s (%s): %w", it.DI, it.Name, err)
	}
	return out, nil
}

// decodeOne decodes one value of it.Format from b (len(b) == size).
func (it Item) decodeOne(b []byte) (int64, error) {
	var v int64
	switch it.Format {
	case FormatStatus:
		return int64(binary.LittleEndian.Uint16(b)), nil
	case FormatTime6, FormatDate, FormatDateTime:
		return 0, ErrNotScalar
	case FormatTimeOfDay:
		var hms [3]int // ss mm hh
		for i := range hms {
			d, err := bcdByte(b[i])
			if err != nil {
				return 0, err
			}
			hms[i] = d
		}
		if hms[0] > 59 || hms[1] > 59 || hms[2] > 23 {
			return 0, fmt.Errorf("dlt645: invalid time of day %02d:%02d:%02d", hms[2], hms[1], hms[0])
		}
		return int64(hms[2]*3600 + hms[1]*60 + hms[0]), nil
	}
	if it.Signed {
		s, err := DecodeSignedBCD(b)
		if err != nil {
			return 0, err
		}
		v = s
	} else {
		u, err := DecodeBCD(b)
		if err != nil {
			return 0, err
		}
		v = int64(u) // at most 12 digits here, always fits
	}
	if it.Format == FormatEnergy {
		v *= 10 // 0.01 kWh → Wh
	}
	return v, nil
}

func (it Item) wantLen() string {
	if it.Count == 0 {
		return fmt.Sprintf("a positive multiple of %d", it.Format.Size())
	}
	return fmt.Sprint(it.Len())
}
