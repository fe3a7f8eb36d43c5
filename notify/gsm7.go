package notify

// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038
// §6.2.1). A character of the extension table costs two septets: the
// escape 0x1B, then its code.

// gsm7Basic is the default alphabet, indexed by septet. 0x1B is the escape
// to the extension table and has no character of its own.
var gsm7Basic = [128]rune{
	'@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
	'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', 0x1B, 'Æ', 'æ', 'ß', 'É',
	' ', '!', '"', '#', '¤', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/',
	'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
	'¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
	'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
	'¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
	'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à',
}

// gsm7Ext maps the characters of the extension table to their code after
// the escape.
var gsm7Ext = map[rune]byte{
	'\f': 0x0A, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2F,
	'[': 0x3C, '~': 0x3D, ']': 0x3E, '|': 0x40, '€': 0x65,
}

// gsm7Index maps a character of the default alphabet to its septet.
var gsm7Index = func() map[rune]byte {
	m := make(map[rune]byte, 128)
	for i, r := range gsm7Basic {
		if i != 0x1B {
			m[r] = byte(i)
		}
	}
	return m
}()

// gsm7Septets returns the septets of text, one byte a septet (a character
// of the extension table is two: 0x1B and its code), and whether every
// character fits.
func gsm7Septets(text string) ([]byte, bool) {
	out := make([]byte, 0, len(text))
	for _, r := range text {
		if c, ok := gsm7Index[r]; ok {
			out = append(out, c)
			continue
		}
		if c, ok := gsm7Ext[r]; ok {
			out = append(out, 0x1B, c)
			continue
		}
		return nil, false
	}
	return out, true
}

// packSeptets packs septets into octets, least significant bit first,
// after fill bits of padding (used to align the text after a user data
// header to a septet boundary).
func packSeptets(septets []byte, fill int) []byte {
	bits := fill + 7*len(septets)
	out := make([]byte, (bits+7)/8)
	pos := fill
	for _, s := range septets {
		v := uint16(s&0x7F) << (pos % 8)
		out[pos/8] |= byte(v)
		if pos/8+1 < len(out) {
			out[pos/8+1] |= byte(v >> 8)
		}
		pos += 7
	}
	return out
}
