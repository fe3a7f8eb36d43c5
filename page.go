package voltpay

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// DefaultPageSize and MaxPageSize bound every list the API returns.
const (
	DefaultPageSize = 50
	MaxPageSize     = 1000
)

// PageArgs asks for one page of a list in keyset order: First items after
// the item whose id is After (0: from the start).
type PageArgs struct {
	First int
	After int64
	// SkipTotal: the caller already knows the total (a whole list read
	// page by page, as the spreadsheet export does), so Page.Total is
	// left 0 and the count query, a scan of every matching row, saved:
	// counted on every page, a long list costs quadratic time.
	SkipTotal bool
}

// Limit returns the page size to use, clamped to [1, MaxPageSize].
func (p PageArgs) Limit() int {
	switch {
	case p.First <= 0:
		return DefaultPageSize
	case p.First > MaxPageSize:
		return MaxPageSize
	}
	return p.First
}

// Page is one page of a list: its items, the total matching the filter, and
// whether more follow.
type Page[T any] struct {
	Items   []T
	Total   int
	HasNext bool
}

// EncodeCursor turns an item id into an opaque cursor.
func EncodeCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("id:" + strconv.FormatInt(id, 10)))
}

// DecodeCursor reverses EncodeCursor. An empty cursor is 0, the start.
func DecodeCursor(c string) (int64, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		if s, ok := strings.CutPrefix(string(b), "id:"); ok {
			// Only what EncodeCursor makes: no "+5", "05", stray
			// newlines or other spellings of the same bytes.
			if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 && EncodeCursor(id) == c {
				return id, nil
			}
		}
	}
	return 0, Invalid("after", "cursor %q is not one this API returned; pass pageInfo.endCursor of the previous page", c)
}

// SetPage methods let the API fill in any list filter's page generically.

func (f *AccountFilter) SetPage(p PageArgs)  { f.Page = p }
func (f *MeterFilter) SetPage(p PageArgs)    { f.Page = p }
func (f *LedgerFilter) SetPage(p PageArgs)   { f.Page = p }
func (f *GatewayFilter) SetPage(p PageArgs)  { f.Page = p }
func (f *BuildingFilter) SetPage(p PageArgs) { f.Page = p }
func (f *TariffFilter) SetPage(p PageArgs)   { f.Page = p }
func (f *AuditFilter) SetPage(p PageArgs)    { f.Page = p }
