package auth

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
)

func TestNewSessionToken(t *testing.T) {
	a, b := NewSessionToken(), NewSessionToken()
	if a == b {
		t.Fatal("two session tokens are equal")
	}
	secret, ok := strings.CutPrefix(a, "vps_")
	if !ok {
		t.Fatalf("token %q: want prefix vps_", a)
	}
	if raw, err := base64.RawURLEncoding.DecodeString(secret); err != nil || len(raw) != 32 {
		t.Fatalf("token %q: want 32 bytes of base64url, got %d bytes, %v", a, len(raw), err)
	}
}

func TestNewAPIKey(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		prefix, secret, full := NewAPIKey()
		if len(prefix) != 8 || !isLowerHex(prefix) {
			t.Fatalf("prefix %q: want 8 lower-case hex digits", prefix)
		}
		if want := "vpk_" + prefix + "_" + secret; full != want {
			t.Fatalf("full key: got %q, want %q", full, want)
		}
		p, s, ok := ParseAPIKey(full)
		if !ok || p != prefix || s != secret {
			t.Fatalf("ParseAPIKey(%q) = %q, %q, %v; want %q, %q, true", full, p, s, ok, prefix, secret)
		}
		if seen[secret] {
			t.Fatal("secret repeated")
		}
		seen[secret] = true
	}
}

func TestParseAPIKey(t *testing.T) {
	_, secret, full := NewAPIKey()
	for _, bad := range []string{
		"",
		"vpk_",
		"vps_" + full[4:],
		full + "A",
		full[:len(full)-1],
		"vpk_ABCDEF12_" + secret,            // upper-case hex
		"vpk_abcdefg1_" + secret,            // not hex
		"vpk_abcdef12-" + secret,            // wrong separator
		"vpk_abcdef12_" + secret[:42] + "=", // padding
		"vpk_abcdef12_" + secret[:42] + "+", // not base64url
		"vpk_abcdef12_" + secret[:42] + "B", // non-canonical last char
		" " + full[1:],
	} {
		if p, s, ok := ParseAPIKey(bad); ok {
			t.Errorf("ParseAPIKey(%q) = %q, %q, true; want false", bad, p, s)
		}
	}
}

func TestHashToken(t *testing.T) {
	a, b := HashToken("vps_x"), HashToken("vps_y")
	if len(a) != 32 || bytes.Equal(a, b) || !bytes.Equal(a, HashToken("vps_x")) {
		t.Fatalf("HashToken: got %x and %x", a, b)
	}
}

func FuzzParseAPIKey(f *testing.F) {
	_, _, full := NewAPIKey()
	f.Add(full)
	f.Add("vpk_")
	f.Add("vpk_00000000_")
	f.Add("vpk_00000000_" + strings.Repeat("_", 43))
	f.Add("vpk_\xff\xff\xff\xff\xff\xff\xff\xff_" + strings.Repeat("A", 43))
	f.Fuzz(func(t *testing.T, s string) {
		prefix, secret, ok := ParseAPIKey(s)
		if !ok {
			if prefix != "" || secret != "" {
				t.Fatalf("ParseAPIKey(%q) failed but returned %q, %q", s, prefix, secret)
			}
			return
		}
		if got := "vpk_" + prefix + "_" + secret; got != s {
			t.Fatalf("ParseAPIKey(%q) = %q, %q, which rejoin to %q", s, prefix, secret, got)
		}
		if len(prefix) != 8 || !isLowerHex(prefix) {
			t.Fatalf("ParseAPIKey(%q): prefix %q is not 8 hex digits", s, prefix)
		}
	})
}
