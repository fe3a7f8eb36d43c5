package voltpay

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// DefaultPageSize and MaxPageSize bound every list the API returns.
const (
	DefaultPageSize = 50
	MaxPageSize     = 1000
)

// Lists the API returns whole rather than in pages, because what is in them
// is set up by hand and stays small, are bounded instead, so that one
// answer (and the cost the API charges for it) has a ceiling whatever the
// data: more would be a mistake (a script attaching every meter of a site to
// one account) rather than a real site.
const (
	// MaxSites is how many sites one deployment may hold (Query.sites):
	// one property office runs a handful of complexes, not hundreds.
	MaxSites = 100
	// MaxAccountMeters is how many meters one account may fund at once
	// (Account.meters): a tenant's shop has a few meters, a large
	// multi-unit tenant a few dozen.
	MaxAccountMeters = 100
	// MaxBulkMeters is how many meters one bulk change names at most
	// (setMetersTariff), as many as one controlMeters batch: a large
	// building's meters.
	MaxBulkMeters = 2000
)

// PageArgs asks for one page of a list in keyset order (ids ascending or
// descending, as the list goes). The window is the items after the item
// whose id is After and before the one whose id is Before (0: from the
// start, to the end). Forward (the default), the page is the first First
// items of the window; Backward, the last Last items, still in the list's
// order. A size of 0 means DefaultPageSize, unless None asks for no item
// at all (first: 0 or last: 0: only the total and whether items follow).
type PageArgs struct {
	First    int
	After    int64
	Last     int
	Before   int64
	Backward bool
	None     bool
	// SkipTotal: the caller already knows the total (a whole list read
	// forward page by page, as the spreadsheet export does), so Page.Total
	// is left 0 (and HasPrev false) and the count query, a scan of every
	// matching row, saved: counted on every page, a long list costs
	// quadratic time.
	SkipTotal bool
}

// Limit returns the page size to use, clamped to [1, MaxPageSize], or 0 when
// the page asks for no item.
func (p PageArgs) Limit() int {
	n := p.First
	if p.Backward {
		n = p.Last
	}
	switch {
	case p.None:
		return 0
	case n <= 0:
		return DefaultPageSize
	case n > MaxPageSize:
		return MaxPageSize
	}
	return n
}

// Page is one page of a list: its items, the total matching the filter, and
// whether items follow (HasNext) or precede (HasPrev) it in the list's order.
type Page[T any] struct {
	Items   []T
	Total   int
	HasNext bool
	HasPrev bool
}

// cursorVersion starts every cursor's text, so that a later format can tell
// (and refuse clearly) the cursors of this one.
const cursorVersion = "c1"

// Cursors makes and reads the cursors of one list under one filter. A
// cursor names its list, a hash of its filter and an item id, so that one
// given to another list, or to the same list under another filter, is
// refused instead of silently skipping or repeating items. It holds the
// hash, never the filter, so it reveals nothing a caller did not send.
type Cursors struct {
	list   string
	filter string // hex of the first 8 bytes of sha256 of the filter's JSON
}

// NewCursors returns the cursors of list (a name without ':', such as
// "meters") under filter, the list's filter without its page (whose
// cursors and sizes must not change the hash).
func NewCursors(list string, filter any) (Cursors, error) {
	b, err := json.Marshal(filter)
	if err != nil {
		return Cursors{}, fmt.Errorf("cursors of %s: %w", list, err)
	}
	sum := sha256.Sum256(b)
	return Cursors{list: list, filter: hex.EncodeToString(sum[:8])}, nil
}

// Encode turns an item id into an opaque cursor.
func (c Cursors) Encode(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorVersion + ":" + c.list + ":" + c.filter + ":" + strconv.FormatInt(id, 10)))
}

// Decode reverses Encode; field names the argument the cursor came in
// (after or before), for the error. An empty cursor is 0: no bound. It
// accepts only what Encode makes: no "+5", "05", padding, stray newlines or
// other spellings of the same bytes.
func (c Cursors) Decode(cursor, field string) (int64, error) {
	if cursor == "" {
		return 0, nil
	}
	got, id, ok := parseCursor(cursor)
	switch {
	case !ok:
		return 0, Invalid(field, "cursor %q is not one this API returned; pass pageInfo.endCursor (or startCursor, or an edge's cursor) of a page of this list", cursor)
	case got.list != c.list:
		return 0, Invalid(field, "cursor %q belongs to another list (%s), not to %s: start again without %s", cursor, got.list, c.list, field)
	case got.filter != c.filter:
		return 0, Invalid(field, "cursor %q was made with another filter: a cursor continues only the list and filter it came from, so start again without %s (or send the filter of that page)", cursor, field)
	}
	return id, nil
}

// parseCursor reads a cursor of any list, ok only when it is exactly what
// Encode makes of what it holds.
func parseCursor(cursor string) (c Cursors, id int64, ok bool) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return c, 0, false
	}
	parts := strings.Split(string(b), ":")
	if len(parts) != 4 || parts[0] != cursorVersion || parts[1] == "" || len(parts[2]) != 16 {
		return c, 0, false
	}
	if h, err := hex.DecodeString(parts[2]); err != nil || hex.EncodeToString(h) != parts[2] {
		return c, 0, false // upper-case hex is no hash Encode writes
	}
	id, err = strconv.ParseInt(parts[3], 10, 64)
	c = Cursors{list: parts[1], filter: parts[2]}
	if err != nil || id <= 0 || c.Encode(id) != cursor {
		return c, 0, false
	}
	return c, id, true
}

// SetPage methods let the API fill in any list filter's page generically.

func (f *AccountFilter) SetPage(p PageArgs)  { f.Page = p }
func (f *MeterFilter) SetPage(p PageArgs)    { f.Page = p }
func (f *LedgerFilter) SetPage(p PageArgs)   { f.Page = p }
func (f *GatewayFilter) SetPage(p PageArgs)  { f.Page = p }
func (f *BuildingFilter) SetPage(p PageArgs) { f.Page = p }
func (f *TariffFilter) SetPage(p PageArgs)   { f.Page = p }
func (f *AuditFilter) SetPage(p PageArgs)    { f.Page = p }
func (f *OperatorFilter) SetPage(p PageArgs) { f.Page = p }
func (f *APIKeyFilter) SetPage(p PageArgs)   { f.Page = p }
