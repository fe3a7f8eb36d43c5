package auth

import (
	_ "embed"
	"strings"
	"sync"
)

// commonPasswordsText is common-passwords.txt: the 10,000 most common
// passwords (scripts/gen-common-passwords.sh says where they come from),
// one a line, lower case; lines starting with # are comments.
//
//go:embed common-passwords.txt
var commonPasswordsText string

var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 10_000)
	for line := range strings.Lines(commonPasswordsText) {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			set[line] = struct{}{}
		}
	}
	return set
})

// IsCommonPassword reports whether pw is one of the most common passwords,
// ignoring case and digits added at its end ("Password2024" is "password"):
// the first guesses of anyone who tries passwords online or against a
// stolen hash.
func IsCommonPassword(pw string) bool {
	lower := strings.ToLower(pw)
	set := commonPasswords()
	if _, ok := set[lower]; ok {
		return true
	}
	_, ok := set[strings.TrimRight(lower, "0123456789")]
	return ok
}
