package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
)

// cheap are test-only parameters, so that most tests do not spend 64 MiB
// and tens of milliseconds per hash. Production code has no way to use them:
// HashPassword always takes defaultParams.
var cheap = params{memory: 64, time: 1, threads: 1, keyLen: 32, saltLen: 16}

func TestHashPassword(t *testing.T) {
	start := time.Now()
	h, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("one default hash took %v", time.Since(start))
	if want := "$argon2id$v=19$m=65536,t=1,p=2$"; !strings.HasPrefix(h, want) {
		t.Fatalf("hash %q: want prefix %q", h, want)
	}
	if parts := strings.Split(h, "$"); len(parts[4]) != 22 || len(parts[5]) != 43 {
		t.Fatalf("hash %q: want a 16-byte salt and a 32-byte key in unpadded base64", h)
	}
	if ok, err := CheckPassword(h, "correct horse"); !ok || err != nil {
		t.Fatalf("CheckPassword(right) = %v, %v; want true, nil", ok, err)
	}
	if ok, err := CheckPassword(h, "correct horsE"); ok || err != nil {
		t.Fatalf("CheckPassword(wrong) = %v, %v; want false, nil", ok, err)
	}
	if NeedsRehash(h) {
		t.Fatal("NeedsRehash(fresh hash) = true")
	}
	h2, _ := HashPassword("correct horse")
	if h2 == h {
		t.Fatal("two hashes of one password are equal: salt is not random")
	}
}

func TestCheckPassword(t *testing.T) {
	h, err := hashWith("pässwörd-中文", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := CheckPassword(h, "pässwörd-中文"); !ok || err != nil {
		t.Fatalf("right password: got %v, %v", ok, err)
	}
	for _, pw := range []string{"", "pässwörd", "pässwörd-中文 ", "Pässwörd-中文"} {
		if ok, err := CheckPassword(h, pw); ok || err != nil {
			t.Fatalf("password %q: got %v, %v; want false, nil", pw, ok, err)
		}
	}
	if !NeedsRehash(h) {
		t.Fatal("NeedsRehash(cheap hash) = false, want true")
	}

	t.Run("ErrMalformed", func(t *testing.T) {
		parts := strings.Split(h, "$")
		salt, key := parts[4], parts[5]
		for _, bad := range []string{
			"",
			"plaintext",
			"$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key,
			"$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key,
			"$argon2id$v=19$m=64,t=1$" + salt + "$" + key,
			"$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + key,
			"$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key,
			"$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key,
			"$argon2id$v=19$m=4,t=1,p=1$" + salt + "$" + key,
			"$argon2id$v=19$m=+64,t=1,p=1$" + salt + "$" + key,
			"$argon2id$v=19$m=064,t=1,p=1$" + salt + "$" + key,
			"$argon2id$v=19$m=99999999999,t=1,p=1$" + salt + "$" + key,
			"$argon2id$v=19$m=4194304,t=1,p=1$" + salt + "$" + key,
			"$argon2id$v=19$m=64,t=1000,p=1$" + salt + "$" + key,
			"$argon2id$v=19$m=64,t=1,p=1$" + salt + "=$" + key,
			"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key + "$",
			"$argon2id$v=19$m=64,t=1,p=1$$" + key,
			"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$",
			"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key[:10],
			"x$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key,
		} {
			if ok, err := CheckPassword(bad, "pässwörd-中文"); ok || err == nil {
				t.Errorf("hash %q: got %v, %v; want false and an error", bad, ok, err)
			}
		}
	})
}

func TestCheckDummy(t *testing.T) {
	// Only that it works and costs about one check; timing is not asserted.
	CheckDummy("whatever")
	if !strings.HasPrefix(dummyHash(), "$argon2id$v=19$m=65536,t=1,p=2$") {
		t.Fatalf("dummy hash %q does not use the default parameters", dummyHash())
	}
}

func TestValidatePassword(t *testing.T) {
	for pw, wantOK := range map[string]bool{
		"":                       false,
		"1234567":                false,
		"123456789":              false,
		"电费充值密码八个字十":             true,
		"电费充值密码八个字":              false,
		strings.Repeat("a", 128): true,
		strings.Repeat("a", 129): false,
		strings.Repeat("密", 43):  false, // 129 bytes
		"abcdefgh\xff":           false,
	} {
		err := ValidatePassword(pw)
		if wantOK && err != nil {
			t.Errorf("ValidatePassword(%q) = %v, want nil", pw, err)
		}
		if !wantOK && voltpay.ErrorCode(err) != voltpay.EINVALID {
			t.Errorf("ValidatePassword(%q) = %v, want INVALID_INPUT", pw, err)
		}
	}
}

func FuzzCheckPassword(f *testing.F) {
	good, _ := hashWith("password", cheap)
	f.Add(good, "password")
	f.Add("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "x")
	f.Add("$argon2id$v=19$m=,t=,p=$$", "")
	f.Add("$$$$$", "pw")
	f.Add("$argon2id$v=19$m=18446744073709551616,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "x")
	f.Fuzz(func(t *testing.T, hash, pw string) {
		if p, _, _, err := decodeHash(hash); err == nil && uint64(p.memory)*uint64(p.time) > 64*1024 {
			t.Skip("well-formed but expensive parameters; parsing is what is fuzzed")
		}
		ok, err := CheckPassword(hash, pw)
		if ok && err != nil {
			t.Fatalf("CheckPassword(%q) = true with error %v", hash, err)
		}
	})
}

// TestSecurity_PasswordPolicy (issue 10, finding 8): the passwords an attacker
// tries first are refused, however long; long uncommon ones pass.
func TestSecurity_PasswordPolicy(t *testing.T) {
	for _, pw := range []string{"12345678", "password", "1234567890", "qwertyuiop", "Password123456", "PASSWORD1234",
		"iloveyou12345", "1q2w3e4r5t"} {
		if err := ValidatePassword(pw); voltpay.ErrorCode(err) != voltpay.EINVALID {
			t.Errorf("ValidatePassword(%q) = %v, want INVALID_INPUT", pw, err)
		}
	}
	for _, pw := range []string{"voltpay-demo", "voltpay-admin", "correct horse battery", "电费充值密码八个字十"} {
		if err := ValidatePassword(pw); err != nil {
			t.Errorf("ValidatePassword(%q) = %v, want nil", pw, err)
		}
	}
	if n := len(commonPasswords()); n != 10_000 {
		t.Errorf("common-passwords.txt holds %d passwords, want 10,000", n)
	}
}
