package dlt645

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/voltpay/voltpay/meterlink/secure"
)

// DIRecharge is the security-command (0x03) DI of a recharge (充值).
const DIRecharge DI = 0x070102FF

// DIOpenAccount is the security-command DI of opening an account (开户),
// same layout as a recharge.
const DIOpenAccount DI = 0x070101FF

// Layout is how a meter model expects a recharge.
type Layout uint8

// Recharge layouts.
const (
	// LayoutNone: the meter has no meter-side wallet command we can use
	// (remote prepaid: the platform holds the balance and only trips and
	// closes). CreditRequest returns ErrNoRecharge.
	LayoutNone Layout = iota
	// LayoutStateGrid: DI + operator (4) + amount (4, binary fen) +
	// purchase count (4, binary) + MAC-1 (4) + customer number (6) +
	// MAC-2 (4); L = 0x1E. Needs a MAC from the ESAM keys.
	LayoutStateGrid
	// LayoutVendor: the vendor "EIoT" form: DI + operator (fixed
	// 77 66 55 44) + amount (4, binary fen) + order number (8) + MAC-1
	// placeholder (4 zero bytes) + meter number (6) + MAC-2 placeholder;
	// L = 0x22.
	LayoutVendor
)

// Profile describes one meter model's recharge. It is configuration, not
// protocol: which layout a given Acrel firmware takes is unknown until
// tested against a real meter.
type Profile struct {
	Name   string
	Layout Layout
	// DI overrides the recharge DI (default DIRecharge); a refund in the
	// vendor family uses 070108FF with the same layout.
	DI DI
	// MAC signs LayoutStateGrid requests (a 3DES retail MAC, an encryption
	// machine's client, the simulator's signer); nil is an error for that
	// layout. Which algorithm real ESAMs use is not confirmed.
	MAC secure.MAC
	// Key is passed to MAC (e.g. a key index or diversified key).
	Key []byte
}

// Credit is one credit push.
type Credit struct {
	Operator [4]byte // operator code in wire order (LayoutStateGrid)
	// AmountFen is the amount to add, in fen; positive.
	AmountFen int64
	// PurchaseCount must be the meter's count + 1: the meter rejects an
	// equal count as a repeat recharge and any other as wrong.
	PurchaseCount uint32
	// CustomerNumber (LayoutStateGrid) must equal the meter's; 12 BCD
	// digits, same encoding as an Address.
	CustomerNumber Address
	// OrderNumber (LayoutVendor) identifies the order; 8 bytes in wire order.
	OrderNumber [8]byte
	// MeterNumber (LayoutVendor); 12 BCD digits, same encoding as an Address.
	MeterNumber Address
}

// ErrNoRecharge is returned for a profile whose meters take no recharge.
var ErrNoRecharge = errors.New("dlt645: meter model has no meter-side recharge")

// vendorOperator is the fixed operator code of LayoutVendor.
var vendorOperator = [4]byte{0x77, 0x66, 0x55, 0x44}

// CreditRequest builds the 0x03 credit push for c under profile p. It returns
// ErrNoRecharge for LayoutNone, and an error for a non-positive amount, an
// amount over 2^32-1 fen, a missing or short MAC, or an unknown layout.
// The meter answers 0x83 with the DI, or C3 with an SERR (see ReplyError:
// errors.Is(err, ErrRepeatRecharge), ErrPurchaseCount, …).
func CreditRequest(addr Address, p Profile, c Credit) (Frame, error) {
	if p.Layout == LayoutNone {
		return Frame{}, fmt.Errorf("%w (profile %q)", ErrNoRecharge, p.Name)
	}
	if c.AmountFen <= 0 || c.AmountFen > 0xFFFFFFFF {
		return Frame{}, fmt.Errorf("dlt645: credit of %d fen is outside 1..%d", c.AmountFen, uint32(0xFFFFFFFF))
	}
	di := p.DI
	if di == 0 {
		di = DIRecharge
	}
	data := appendDI(make([]byte, 0, 34), di)
	switch p.Layout {
	case LayoutStateGrid:
		if p.MAC == nil {
			return Frame{}, fmt.Errorf("dlt645: profile %q: the State-Grid layout needs a MAC", p.Name)
		}
		data = append(data, c.Operator[:]...)
		money := len(data)
		data = binary.LittleEndian.AppendUint32(data, uint32(c.AmountFen))
		data = binary.LittleEndian.AppendUint32(data, c.PurchaseCount)
		// Which bytes each MAC covers is unconfirmed; we MAC amount+count
		// (MAC-1) and the customer number (MAC-2), the usual ESAM split.
		mac1, err := mac4(p, data[money:])
		if err != nil {
			return Frame{}, err
		}
		data = append(data, mac1...)
		data = append(data, c.CustomerNumber[:]...)
		mac2, err := mac4(p, c.CustomerNumber[:])
		if err != nil {
			return Frame{}, err
		}
		data = append(data, mac2...)
	case LayoutVendor:
		data = append(data, vendorOperator[:]...)
		data = binary.LittleEndian.AppendUint32(data, uint32(c.AmountFen))
		data = append(data, c.OrderNumber[:]...)
		data = append(data, 0, 0, 0, 0)
		data = append(data, c.MeterNumber[:]...)
		data = append(data, 0, 0, 0, 0)
	default:
		return Frame{}, fmt.Errorf("dlt645: profile %q: unknown recharge layout %d", p.Name, p.Layout)
	}
	return Frame{Addr: addr, Control: FuncSecurity, Data: data}, nil
}

// mac4 returns the first 4 bytes of p.MAC's sum over data.
func mac4(p Profile, data []byte) ([]byte, error) {
	sum, err := p.MAC.Sum(p.Key, data)
	if err != nil {
		return nil, fmt.Errorf("dlt645: profile %q: MAC: %w", p.Name, err)
	}
	if len(sum) < 4 {
		return nil, fmt.Errorf("dlt645: profile %q: MAC returned %d bytes, want at least 4", p.Name, len(sum))
	}
	return sum[:4], nil
}
