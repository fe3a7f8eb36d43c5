// Package auth holds the credential primitives of Voltpay, free of any
// storage: password hashing (argon2id), session tokens and API keys, and the
// login rate limiter. server/postgres stores what it produces.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/voltpay/voltpay"
)

// MaxPasswordLen is the longest password accepted, in bytes. It bounds the
// work a login does on input nobody checked yet.
const MaxPasswordLen = 128

// params are argon2id cost parameters, as written in a PHC string.
type params struct {
	memory  uint32 // KiB
	time    uint32 // passes
	threads uint8
	keyLen  uint32
	saltLen uint32
}

// defaultParams are the parameters of new hashes: m=64 MiB, t=1, p=2.
//
// The OWASP Password Storage Cheat Sheet lists equivalent argon2id settings
// whose minimum is m=19 MiB, t=2, p=1 and whose one-pass choice is m=46 MiB,
// t=1, p=1. Memory is what makes GPU and ASIC guessing expensive, so we take
// more of it (64 MiB, the memory of RFC 9106's second recommended option)
// with one pass, and two lanes to use two cores: about 50-100 ms per hash on
// a two-core server, which a login can afford and a guesser cannot.
// Logins are rate limited and hashes bounded by hashSlots, so that memory is
// spent by at most a few logins at once.
//
// Hashes carry their parameters, so raising these later keeps old hashes
// valid; they are rewritten when NeedsRehash says so.
var defaultParams = params{memory: 64 * 1024, time: 1, threads: 2, keyLen: 32, saltLen: 16}

// Bounds on parameters read from a stored hash. They stop a corrupted or
// hostile hash string from making a check take gigabytes or minutes.
const (
	maxMemoryKiB = 256 * 1024
	maxTime      = 16
	maxThreads   = 16
	minSaltLen   = 8
	maxSaltLen   = 64
	minKeyLen    = 16
	maxKeyLen    = 64
)

// hashSlots bounds how many argon2 computations run at once. Each holds its
// memory parameter (64 MiB) for its duration; without a bound, a burst of
// logins from many addresses could exhaust the server's memory. More slots
// than cores would not finish hashes sooner anyway.
var hashSlots = make(chan struct{}, max(2, min(runtime.NumCPU(), 8)))

func argon2Key(pw string, salt []byte, p params) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey([]byte(pw), salt, p.time, p.memory, p.threads, p.keyLen)
}

// ValidatePassword checks that pw may be set as a password: at least
// voltpay.MinPasswordLen characters, at most MaxPasswordLen bytes, and not
// one of the most common passwords (IsCommonPassword), following NIST SP
// 800-63B: length and a blocklist rather than composition rules.
// Errors: INVALID_INPUT.
func ValidatePassword(pw string) error {
	switch {
	case !utf8.ValidString(pw):
		return voltpay.Invalid("password", "the password is not valid UTF-8 text; type it again")
	case utf8.RuneCountInString(pw) < voltpay.MinPasswordLen:
		return voltpay.Invalid("password", "the password is too short: use at least %d characters, e.g. a few unrelated words", voltpay.MinPasswordLen)
	case len(pw) > MaxPasswordLen:
		return voltpay.Invalid("password", "the password is too long: use at most %d bytes (about %d Chinese characters)", MaxPasswordLen, MaxPasswordLen/3)
	case IsCommonPassword(pw):
		return voltpay.Invalid("password", "the password is one of the most common passwords, which are guessed first: choose another, e.g. a few unrelated words")
	}
	return nil
}

// HashPassword returns the argon2id hash of pw in PHC string format,
// $argon2id$v=19$m=65536,t=1,p=2$<salt>$<hash>, with a fresh random salt.
// It does not validate pw; call ValidatePassword first. It fails only if
// the system's random source does.
func HashPassword(pw string) (string, error) {
	return hashWith(pw, defaultParams)
}

func hashWith(pw string, p params) (string, error) {
	salt := make([]byte, p.saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: read random salt: %w", err)
	}
	key := argon2Key(pw, salt, p)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		p.memory, p.time, p.threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches hash, comparing in constant time.
// A hash that is not a well-formed argon2id PHC string within sane cost
// bounds gives an error, never a match.
func CheckPassword(hash, pw string) (bool, error) {
	p, salt, key, err := decodeHash(hash)
	if err != nil {
		return false, err
	}
	got := argon2Key(pw, salt, p)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether hash was made with other parameters than new
// hashes get, so that a successful login should store a fresh hash.
func NeedsRehash(hash string) bool {
	p, _, _, err := decodeHash(hash)
	return err != nil || p.memory != defaultParams.memory || p.time != defaultParams.time ||
		p.threads != defaultParams.threads || p.keyLen != defaultParams.keyLen
}

var dummyHash = sync.OnceValue(func() string {
	h, err := HashPassword("voltpay-dummy-password")
	if err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return h
})

// CheckDummy spends the time of one CheckPassword on a hash with the current
// parameters. Call it when the user does not exist, so that a wrong username
// takes as long as a wrong password and response times do not reveal which
// usernames exist.
func CheckDummy(pw string) {
	_, _ = CheckPassword(dummyHash(), pw)
}

var errMalformed = errors.New("malformed password hash: not an argon2id PHC string; reset the password")

// decodeHash parses $argon2id$v=19$m=M,t=T,p=P$salt$key.
func decodeHash(hash string) (params, []byte, []byte, error) {
	var p params
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errMalformed
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, fmt.Errorf("password hash has argon2 version %q, want v=%d; reset the password", parts[2], argon2.Version)
	}
	if err := p.parse(parts[3]); err != nil {
		return p, nil, nil, err
	}
	b64 := base64.RawStdEncoding.Strict()
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < minSaltLen || len(salt) > maxSaltLen {
		return p, nil, nil, fmt.Errorf("%w (bad salt)", errMalformed)
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < minKeyLen || len(key) > maxKeyLen {
		return p, nil, nil, fmt.Errorf("%w (bad key)", errMalformed)
	}
	p.saltLen, p.keyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// parse reads "m=65536,t=1,p=2", in that order, and checks the bounds.
func (p *params) parse(s string) error {
	fields := strings.Split(s, ",")
	if len(fields) != 3 {
		return fmt.Errorf("%w (want m=,t=,p=)", errMalformed)
	}
	var vals [3]uint64
	for i, name := range []string{"m=", "t=", "p="} {
		v, ok := strings.CutPrefix(fields[i], name)
		n, err := strconv.ParseUint(v, 10, 32)
		if !ok || err != nil || v != strconv.FormatUint(n, 10) {
			return fmt.Errorf("%w (bad %s)", errMalformed, strings.TrimSuffix(name, "="))
		}
		vals[i] = n
	}
	m, t, th := vals[0], vals[1], vals[2]
	if th < 1 || th > maxThreads || t < 1 || t > maxTime || m < 8*th || m > maxMemoryKiB {
		return fmt.Errorf("password hash parameters m=%d,t=%d,p=%d are out of bounds; reset the password", m, t, th)
	}
	p.memory, p.time, p.threads = uint32(m), uint32(t), uint8(th)
	return nil
}
