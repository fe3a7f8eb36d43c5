package postgres

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/voltpay/voltpay"
)

// Bounds of an audit row. The log is append-only (DELETE is refused), so
// whatever a caller sends must not grow it by more than a few KB a row.
const (
	// MaxAuditStringLen is the most characters of one string value of the
	// args kept; the rest is replaced by a marker with the original length.
	MaxAuditStringLen = 256
	// MaxAuditArgsBytes is the most bytes of args JSON kept; larger args
	// are replaced by their beginning (as text) and their original size.
	MaxAuditArgsBytes = 4096
	// maxAuditTextLen bounds the message; maxAuditNameLen the actor's
	// name, the operation, the address and the result.
	maxAuditTextLen = 1000
	maxAuditNameLen = 100
)

// urlPassword finds the password of a URL's userinfo anywhere in a string
// ("socks5://user:secret@host:1080"); group 1 is what comes before it.
var urlPassword = regexp.MustCompile(`(?i)([a-z][a-z0-9+.\-]*://[^/\s:@]*):\S*@`)

// boundAuditArgs makes args storable and small: every string value valid
// UTF-8 without NUL (which jsonb refuses), with any URL password masked
// as *** and cut to MaxAuditStringLen characters, and the whole at most
// MaxAuditArgsBytes. Args that need none of it (most) are returned as they
// are, without decoding.
func boundAuditArgs(args json.RawMessage) ([]byte, error) {
	if len(bytes.TrimSpace(args)) == 0 {
		return []byte("{}"), nil
	}
	if !json.Valid(args) {
		return nil, voltpay.Invalid("args", "audit args are not valid JSON; marshal the input with encoding/json")
	}
	if len(args) <= MaxAuditStringLen && utf8.Valid(args) && !bytes.Contains(args, []byte(`\u0000`)) && !bytes.Contains(args, []byte("://")) {
		return args, nil // no string in it can be too long, nor hold a URL
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(args))
	dec.UseNumber() // amounts and ids stay exactly as sent
	if err := dec.Decode(&v); err != nil {
		return nil, voltpay.Invalid("args", "audit args are not valid JSON: %v", err)
	}
	v = boundJSON(v)
	out, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	// Too large: cut the longest list in half until it fits, so that the
	// args keep their shape (a statement check keeps its channel and day
	// and as many differences as fit, saying how many were left out).
	for len(out) > MaxAuditArgsBytes && halveLongestList(&v) {
		if out, err = json.Marshal(v); err != nil {
			return nil, err
		}
	}
	if len(out) <= MaxAuditArgsBytes {
		return out, nil
	}
	return truncatedArgs(out), nil
}

// halveLongestList finds the longest list (of more than one item) in *v,
// a decoded JSON value, keeps the first half of its items and ends it with
// a note of how many were left out; false when there is no such list.
func halveLongestList(v *any) bool {
	var longest []any
	var replace func([]any)
	var walk func(x any, put func([]any))
	walk = func(x any, put func([]any)) {
		switch x := x.(type) {
		case []any:
			if len(x) > 1 && len(x) > len(longest) {
				longest, replace = x, put
			}
			for i := range x {
				walk(x[i], func(l []any) { x[i] = l })
			}
		case map[string]any:
			for k, e := range x {
				walk(e, func(l []any) { x[k] = l })
			}
		}
	}
	walk(*v, func(l []any) { *v = l })
	if replace == nil {
		return false
	}
	items, before := longest, 0
	if note, ok := items[len(items)-1].(string); ok && strings.HasPrefix(note, leftOutNote) { // halved before
		fmt.Sscanf(strings.TrimPrefix(note, leftOutNote), "%d", &before)
		items = items[:len(items)-1]
	}
	keep := len(items) / 2
	replace(append(items[:keep:keep], fmt.Sprintf("%s%d more items left out]", leftOutNote, len(items)-keep+before)))
	return true
}

// leftOutNote starts the note halveLongestList puts at a cut list's end.
const leftOutNote = "…["

// boundJSON applies boundAuditString to every string (and key) of a
// decoded JSON value.
func boundJSON(v any) any {
	switch v := v.(type) {
	case string:
		return boundAuditString(v)
	case []any:
		for i := range v {
			v[i] = boundJSON(v[i])
		}
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[boundAuditString(k)] = boundJSON(x)
		}
		return out
	}
	return v
}

// boundAuditString masks URL passwords in s, makes it storable and cuts
// it to MaxAuditStringLen characters, saying how long it was.
func boundAuditString(s string) string {
	s = maskURLPasswords(cleanText(s))
	if n := utf8.RuneCountInString(s); n > MaxAuditStringLen {
		return fmt.Sprintf("%s…[truncated: %d characters]", cutRunes(s, MaxAuditStringLen), n)
	}
	return s
}

// truncatedArgs replaces args too large to keep by their beginning, as
// text, and their size, within MaxAuditArgsBytes.
func truncatedArgs(args []byte) []byte {
	keep := MaxAuditArgsBytes - 200
	for {
		head := strings.ToValidUTF8(string(args[:min(keep, len(args))]), "")
		out, _ := json.Marshal(map[string]any{
			"truncated": fmt.Sprintf("the arguments were %d bytes of JSON; the first %d are kept in head", len(args), len(head)),
			"head":      head,
		})
		if len(out) <= MaxAuditArgsBytes || keep <= 0 {
			return out
		}
		keep -= len(out) - MaxAuditArgsBytes + 16 // escaping made it longer: keep less
	}
}

// boundAuditText makes s storable, masks URL passwords and cuts it to max
// characters.
func boundAuditText(s string, max int) string {
	s = maskURLPasswords(cleanText(s))
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Sprintf("%s…[truncated: %d characters]", cutRunes(s, max), n)
	}
	return s
}

// maskURLPasswords replaces the password of every URL in s by ***.
func maskURLPasswords(s string) string {
	if !strings.Contains(s, "://") { // most strings: no URL, no regexp
		return s
	}
	return urlPassword.ReplaceAllString(s, "${1}:***@")
}

// cutRunes returns the first n characters of s.
func cutRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
