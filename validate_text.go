package voltpay

import "unicode/utf8"

// MaxTextLen is the most characters any string input may hold, whatever
// the field: the API refuses longer strings before a resolver runs. Each
// field also has its own, usually much smaller, maximum (graph @length).
const MaxTextLen = 2000

// ValidateText checks text from outside (an API argument, a form field):
// valid UTF-8, no NUL or other C0 control character except tab, newline
// and carriage return (which multi-line notes need), no DEL, and at most
// max characters (max <= 0: MaxTextLen). PostgreSQL refuses NUL and invalid
// UTF-8 in text columns, so a string that passes can always be stored.
// Errors: INVALID_INPUT naming field.
func ValidateText(field, s string, max int) error {
	if max <= 0 || max > MaxTextLen {
		max = MaxTextLen
	}
	if len(s) > max*utf8.UTFMax {
		return Invalid(field, "text is %d bytes long; at most %d characters are allowed here", len(s), max)
	}
	n := 0
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !validRuneAt(s, i):
			return Invalid(field, "text is not valid UTF-8 (byte %d); send UTF-8 encoded text", i)
		case r == 0:
			return Invalid(field, "text contains a NUL character (\\u0000) at byte %d; remove it", i)
		case (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f:
			return Invalid(field, "text contains the control character U+%04X at byte %d; only tab and line breaks are allowed", r, i)
		}
		n++
	}
	if n > max {
		return Invalid(field, "text is %d characters long; at most %d are allowed here", n, max)
	}
	return nil
}

// validRuneAt reports whether the U+FFFD at s[i] was sent as such rather
// than decoded from an invalid byte.
func validRuneAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 3
}
