package voltpay

import (
	"strings"
	"testing"
)

func TestPageArgs_Limit(t *testing.T) {
	for first, want := range map[int]int{-5: DefaultPageSize, 0: DefaultPageSize, 1: 1, 50: 50, MaxPageSize: MaxPageSize, MaxPageSize + 1: MaxPageSize} {
		if got := (PageArgs{First: first}).Limit(); got != want {
			t.Errorf("Limit of first=%d: got %d, want %d", first, got, want)
		}
	}
}

func TestCursor(t *testing.T) {
	for _, id := range []int64{1, 42, 1 << 40, 9223372036854775807} {
		c := EncodeCursor(id)
		if got, err := DecodeCursor(c); err != nil || got != id {
			t.Errorf("DecodeCursor(EncodeCursor(%d) = %q): got %d, %v", id, c, got, err)
		}
	}
	if got, err := DecodeCursor(""); err != nil || got != 0 {
		t.Errorf(`DecodeCursor(""): got %d, %v; want the start`, got, err)
	}
	for _, c := range []string{"garbage", "aWQ6MA", "aWQ6LTE", "aWQ6eA", "aWQ6", "id:5", "aWQ6MQ==", "aWQ6MQ\n"} {
		_, err := DecodeCursor(c)
		if err == nil || ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), "endCursor") {
			t.Errorf("DecodeCursor(%q): got %v, want INVALID_INPUT pointing at endCursor", c, err)
		}
	}
}

// FuzzDecodeCursor: a client's cursor never panics the decoder, a refusal
// is INVALID_INPUT naming "after", and only cursors this API hands out
// are accepted: they re-encode to exactly what was sent.
func FuzzDecodeCursor(f *testing.F) {
	for _, s := range []string{"", "garbage", EncodeCursor(1), EncodeCursor(42), EncodeCursor(9223372036854775807),
		"aWQ6MA", "aWQ6LTE", "aWQ6KzU", "aWQ6MDU", "aWQ6MR", "aWQ6MQ==", "aWQ6OTIyMzM3MjAzNjg1NDc3NTgwOA", "id:1", "\x00", "ñ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, c string) {
		id, err := DecodeCursor(c)
		if err != nil {
			var e *Error
			if ErrorCode(err) != EINVALID || !asError(err, &e) || e.Field != "after" {
				t.Fatalf("DecodeCursor(%q): got %v, want INVALID_INPUT on after", c, err)
			}
			return
		}
		if c == "" {
			if id != 0 {
				t.Fatalf(`DecodeCursor(""): got %d, want 0`, id)
			}
			return
		}
		if id <= 0 {
			t.Fatalf("DecodeCursor(%q) = %d, not a positive id", c, id)
		}
		if again := EncodeCursor(id); again != c {
			t.Fatalf("DecodeCursor(%q) = %d, which encodes as %q: the API accepted a cursor it never hands out", c, id, again)
		}
	})
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	*target = e
	return ok
}
