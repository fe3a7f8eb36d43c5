package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Token prefixes tell a session token from an API key at a glance, in logs
// and in secret scanners.
const (
	SessionPrefix = "vps_"
	APIKeyPrefix  = "vpk_"
)

const (
	secretBytes     = 32 // 256 bits of randomness in every secret
	keyPrefixBytes  = 4  // the public part of an API key: 8 hex digits
	secretB64Len    = 43 // base64url (unpadded) length of secretBytes
	keyPrefixHexLen = 2 * keyPrefixBytes
	apiKeyLen       = len(APIKeyPrefix) + keyPrefixHexLen + 1 + secretB64Len
)

// randomBytes returns n bytes from crypto/rand, which never fails on the
// platforms Go supports (it aborts the program rather than return weak bytes).
func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// NewSessionToken returns a fresh session token: "vps_" and 32 random bytes
// in unpadded base64url.
func NewSessionToken() string {
	return SessionPrefix + base64.RawURLEncoding.EncodeToString(randomBytes(secretBytes))
}

// NewAPIKey returns a fresh API key: its public prefix (8 hex digits, stored
// and shown in lists), its secret (32 random bytes in unpadded base64url,
// stored only hashed), and the full key "vpk_<prefix>_<secret>" to hand to
// the integrator once.
func NewAPIKey() (prefix, secret, full string) {
	prefix = hex.EncodeToString(randomBytes(keyPrefixBytes))
	secret = base64.RawURLEncoding.EncodeToString(randomBytes(secretBytes))
	return prefix, secret, APIKeyPrefix + prefix + "_" + secret
}

// ParseAPIKey splits a full API key into prefix and secret. ok is false
// unless full has exactly the shape NewAPIKey makes. The secret's own
// alphabet contains '_', so the split is by position, not by separator.
func ParseAPIKey(full string) (prefix, secret string, ok bool) {
	rest, found := strings.CutPrefix(full, APIKeyPrefix)
	if !found || len(full) != apiKeyLen || rest[keyPrefixHexLen] != '_' {
		return "", "", false
	}
	prefix, secret = rest[:keyPrefixHexLen], rest[keyPrefixHexLen+1:]
	if !isLowerHex(prefix) {
		return "", "", false
	}
	if b, err := base64.RawURLEncoding.Strict().DecodeString(secret); err != nil || len(b) != secretBytes {
		return "", "", false
	}
	return prefix, secret, true
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// HashToken returns the SHA-256 of a session token or API key secret, which
// is all the database keeps of it. A fast hash is right here, unlike for
// passwords: tokens carry 256 random bits, so there is nothing to guess that
// a slow hash would protect, and every request hashes one.
func HashToken(s string) []byte {
	sum := sha256.Sum256([]byte(s))
	return sum[:]
}
