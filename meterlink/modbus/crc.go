package modbus

// crcTable holds CRC-16/MODBUS (reflected polynomial 0xA001) of every byte
// value, so CRC16 costs one lookup per byte instead of eight shifts.
var crcTable = func() (t [256]uint16) {
	for i := range t {
		crc := uint16(i)
		for range 8 {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0xA001
			} else {
				crc >>= 1
			}
		}
		t[i] = crc
	}
	return t
}()

// CRC16 returns the CRC-16/MODBUS of b: init 0xFFFF, reflected polynomial
// 0xA001, no final XOR (docs/PROTOCOLS.md §2.1). On the wire it is sent low byte
// first.
func CRC16(b []byte) uint16 { return CRC16Update(0xFFFF, b) }

// CRC16Update continues a CRC-16/MODBUS from crc (0xFFFF to start) over b,
// for framings without a length field that try every possible end of a
// frame (meterlink/acrel) and so must not start over at each.
func CRC16Update(crc uint16, b []byte) uint16 {
	for _, c := range b {
		crc = crc>>8 ^ crcTable[byte(crc)^c]
	}
	return crc
}
