package paysim

import (
	"regexp"
	"unicode"
	"unicode/utf8"
)

// Values WeChat accepts for the keyword types of subscription templates
// (subscribeMessage.send's table of types); anything else is its 47003.
var (
	kwNumber   = regexp.MustCompile(`^[0-9]{1,32}(\.[0-9]+)?$`)
	kwLetter   = regexp.MustCompile(`^[A-Za-z]{1,32}$`)
	kwCharStr  = regexp.MustCompile(`^[!-~]{1,32}$`)
	kwAmount   = regexp.MustCompile(`^[¥￥$]?[0-9]{1,10}(\.[0-9]{1,2})?元?$`)
	kwPhone    = regexp.MustCompile(`^[0-9+\-() ]{1,17}$`)
	kwDate     = `([0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}-[0-9]{2}-[0-9]{2})`
	kwClock    = `[0-2]?[0-9]:[0-5][0-9](:[0-5][0-9])?`
	kwTime     = regexp.MustCompile(`^(` + kwDate + ` ?` + kwClock + `|` + kwClock + `|` + kwDate + `)$`)
	kwDateOnly = regexp.MustCompile(`^` + kwDate + `( ?` + kwClock + `)?$`)
)

// KeywordValueOK reports whether WeChat accepts v for a keyword of kind.
func KeywordValueOK(kind, v string) bool {
	if v == "" || !utf8.ValidString(v) {
		return false
	}
	n := utf8.RuneCountInString(v)
	switch kind {
	case "thing":
		return n <= 20
	case "number":
		return kwNumber.MatchString(v)
	case "letter":
		return kwLetter.MatchString(v)
	case "symbol":
		for _, r := range v {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) {
				return false
			}
		}
		return n <= 5
	case "character_string":
		return kwCharStr.MatchString(v)
	case "time":
		return kwTime.MatchString(v)
	case "date":
		return kwDateOnly.MatchString(v)
	case "amount":
		return kwAmount.MatchString(v)
	case "phone_number":
		return kwPhone.MatchString(v)
	case "car_number":
		return n <= 8
	case "name":
		return n <= 10 || (n <= 20 && kwLetter.MatchString(v))
	case "phrase":
		for _, r := range v {
			if !unicode.Is(unicode.Han, r) {
				return false
			}
		}
		return n <= 5
	}
	return false
}
