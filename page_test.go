package voltpay

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestPageArgs_Limit(t *testing.T) {
	for first, want := range map[int]int{-5: DefaultPageSize, 0: DefaultPageSize, 1: 1, 50: 50, MaxPageSize: MaxPageSize, MaxPageSize + 1: MaxPageSize} {
		if got := (PageArgs{First: first}).Limit(); got != want {
			t.Errorf("Limit of first=%d: got %d, want %d", first, got, want)
		}
		if got := (PageArgs{Last: first, Backward: true}).Limit(); got != want {
			t.Errorf("Limit of last=%d: got %d, want %d", first, got, want)
		}
	}
	// Backward reads Last, forward First: the other is not the page size.
	if got := (PageArgs{First: 7, Last: 3, Backward: true}).Limit(); got != 3 {
		t.Errorf("Limit backward with last 3: got %d", got)
	}
	if got := (PageArgs{First: 7, Last: 3}).Limit(); got != 7 {
		t.Errorf("Limit forward with first 7: got %d", got)
	}
	for _, p := range []PageArgs{{None: true}, {None: true, Backward: true}} {
		if got := p.Limit(); got != 0 {
			t.Errorf("Limit of %+v: got %d, want 0 (no items)", p, got)
		}
	}
}

func mustCursors(t testing.TB, list string, filter any) Cursors {
	t.Helper()
	c, err := NewCursors(list, filter)
	if err != nil {
		t.Fatalf("NewCursors(%s): %v", list, err)
	}
	return c
}

type testFilter struct {
	SiteID *int64
	Search string
	Page   PageArgs
}

func TestCursors_RoundTrip(t *testing.T) {
	site := int64(3)
	c := mustCursors(t, "meters", testFilter{SiteID: &site})
	for _, id := range []int64{1, 42, 1 << 40, 9223372036854775807} {
		s := c.Encode(id)
		if got, err := c.Decode(s, "after"); err != nil || got != id {
			t.Errorf("Decode(Encode(%d) = %q): got %d, %v", id, s, got, err)
		}
		if strings.ContainsAny(s, "+/=") {
			t.Errorf("Encode(%d) = %q is not unpadded base64url", id, s)
		}
		// Opaque: neither the filter nor the list's name is in clear, and
		// the text holds a hash of the filter, not the filter.
		raw, _ := base64.RawURLEncoding.DecodeString(s)
		if strings.Contains(string(raw), "SiteID") || !strings.HasPrefix(string(raw), "c1:meters:") {
			t.Errorf("cursor %q holds %q: want version, list, filter hash and id only", s, raw)
		}
	}
	if got, err := c.Decode("", "before"); err != nil || got != 0 {
		t.Errorf(`Decode(""): got %d, %v; want no bound`, got, err)
	}
	// The same list and filter give the same cursors, in any process.
	again := mustCursors(t, "meters", testFilter{SiteID: &site})
	if again.Encode(5) != c.Encode(5) {
		t.Error("two Cursors of one list and filter disagree")
	}
}

func TestCursors_BoundToListAndFilter(t *testing.T) {
	a, b := int64(1), int64(2)
	meters := mustCursors(t, "meters", testFilter{SiteID: &a})
	entries := mustCursors(t, "ledgerEntries", testFilter{SiteID: &a})
	otherFilter := mustCursors(t, "meters", testFilter{SiteID: &b})
	noFilter := mustCursors(t, "meters", testFilter{})
	c := meters.Encode(9)
	for _, tc := range []struct {
		name  string
		to    Cursors
		field string
		want  string
	}{
		{"another list", entries, "after", "another list"},
		{"another filter", otherFilter, "before", "another filter"},
		{"no filter", noFilter, "after", "another filter"},
	} {
		_, err := tc.to.Decode(c, tc.field)
		var e *Error
		if !asError(err, &e) || e.Code != EINVALID || e.Field != tc.field || !strings.Contains(e.Message, tc.want) ||
			!strings.Contains(e.Message, "start again without "+tc.field) {
			t.Errorf("%s: got %v, want INVALID_INPUT on %s saying %q and to start again without it", tc.name, err, tc.field, tc.want)
		}
		if strings.Contains(ErrorMessage(err), "SiteID") {
			t.Errorf("%s: the refusal reveals the filter: %v", tc.name, err)
		}
	}
}

func TestCursors_RefusesWhatItDidNotMake(t *testing.T) {
	c := mustCursors(t, "meters", testFilter{})
	good := c.Encode(5)
	raw, _ := base64.RawURLEncoding.DecodeString(good)
	hash := strings.Split(string(raw), ":")[2]
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for _, s := range []string{
		"garbage", "id:5", good + "=", good + "\n", enc("id:5"), // the format before cursors named their list
		enc("c1:meters:" + hash + ":0"), enc("c1:meters:" + hash + ":-1"), enc("c1:meters:" + hash + ":+5"),
		enc("c1:meters:" + hash + ":05"), enc("c1:meters:" + hash + ":x"), enc("c1:meters:" + hash),
		enc("c1:meters:" + strings.ToUpper(hash) + ":5"), enc("c1:meters:" + hash[:15] + ":5"),
		enc("c2:meters:" + hash + ":5"), enc("c1::" + hash + ":5"), enc("c1:meters:" + hash + ":5:6"),
		enc("c1:meters:" + hash + ":9223372036854775808"),
		base64.URLEncoding.EncodeToString(raw), base64.StdEncoding.EncodeToString(raw),
	} {
		_, err := c.Decode(s, "after")
		var e *Error
		if !asError(err, &e) || e.Code != EINVALID || e.Field != "after" || !strings.Contains(e.Message, "endCursor") {
			t.Errorf("Decode(%q): got %v, want INVALID_INPUT on after pointing at endCursor", s, err)
		}
	}
}

// FuzzDecodeCursor: a client's cursor never panics the decoder, a refusal
// is INVALID_INPUT naming the argument it came in, and only cursors this
// API hands out for this list and filter are accepted: they re-encode to
// exactly what was sent.
func FuzzDecodeCursor(f *testing.F) {
	c := mustCursors(f, "meters", testFilter{Search: "1F"})
	other := mustCursors(f, "alarms", testFilter{Search: "1F"})
	for _, s := range []string{"", "garbage", c.Encode(1), c.Encode(42), c.Encode(9223372036854775807), other.Encode(1),
		"aWQ6MA", "aWQ6LTE", "aWQ6KzU", "aWQ6MDU", "aWQ6MR", "aWQ6MQ==", "aWQ6OTIyMzM3MjAzNjg1NDc3NTgwOA", "id:1", "\x00", "ñ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := c.Decode(s, "before")
		if err != nil {
			var e *Error
			if ErrorCode(err) != EINVALID || !asError(err, &e) || e.Field != "before" {
				t.Fatalf("Decode(%q): got %v, want INVALID_INPUT on before", s, err)
			}
			return
		}
		if s == "" {
			if id != 0 {
				t.Fatalf(`Decode(""): got %d, want 0`, id)
			}
			return
		}
		if id <= 0 {
			t.Fatalf("Decode(%q) = %d, not a positive id", s, id)
		}
		if again := c.Encode(id); again != s {
			t.Fatalf("Decode(%q) = %d, which encodes as %q: the API accepted a cursor it never hands out", s, id, again)
		}
	})
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	*target = e
	return ok
}
