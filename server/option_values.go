package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The parsers of option values. Each stores a valid value in its
// destination and otherwise returns what the option accepts, which parse
// prefixes with the flag or variable at fault.

// text accepts any value, the empty one included.
func text(p *string) func(string) error {
	return func(s string) error { *p = s; return nil }
}

// boolean accepts what strconv.ParseBool does (true, false, 1, 0, t, f in
// either case); anything else, such as "yes", is refused rather than read
// as false.
func boolean(p *bool) func(string) error {
	return func(s string) error {
		v, err := strconv.ParseBool(s)
		if err != nil {
			return errors.New("use true or false (or 1 or 0)")
		}
		*p = v
		return nil
	}
}

// integer accepts a whole number from min to max.
func integer[T int | int64 | uint64](p *T, min, max int64) func(string) error {
	return func(s string) error {
		v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || v < min || v > max {
			if max == maxInt {
				return fmt.Errorf("a whole number of at least %d", min)
			}
			return fmt.Errorf("a whole number from %d to %d", min, max)
		}
		*p = T(v)
		return nil
	}
}

// maxInt is integer's bound for "no upper limit".
const maxInt = int64(^uint64(0) >> 1)

// duration accepts a Go duration (90s, 5m, 12h) of at least min.
func duration(p *time.Duration, min time.Duration) func(string) error {
	return func(s string) error {
		v, err := time.ParseDuration(strings.TrimSpace(s))
		if err != nil || v < min {
			return fmt.Errorf("a duration of at least %s, such as 30s, 5m or 12h", min)
		}
		*p = v
		return nil
	}
}

// oneOf accepts one of choices.
func oneOf(p *string, choices ...string) func(string) error {
	return func(s string) error {
		for _, c := range choices {
			if s == c {
				*p = s
				return nil
			}
		}
		return fmt.Errorf("use %s", orList(choices))
	}
}

// commaList accepts a comma-separated list; empty items are dropped.
func commaList(p *[]string) func(string) error {
	return func(s string) error {
		*p = nil
		for _, item := range strings.Split(s, ",") {
			if item = strings.TrimSpace(item); item != "" {
				*p = append(*p, item)
			}
		}
		return nil
	}
}

// orList spells choices as "a, b or c".
func orList(choices []string) string {
	if len(choices) < 2 {
		return strings.Join(choices, "")
	}
	return strings.Join(choices[:len(choices)-1], ", ") + " or " + choices[len(choices)-1]
}

// durationText spells d as a person would write the default: 2h, not
// 2h0m0s.
func durationText(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
