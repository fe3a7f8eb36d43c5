package receipt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"io"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
)

// The optional fields of a receipt a site may leave out (Layout.Fields).
// The receipt number, its kind, the amount in figures and capitals and the
// copy are always printed.
const (
	FieldAccount  = "account"  // 户号
	FieldTenant   = "tenant"   // 商户
	FieldShop     = "shop"     // 铺位
	FieldMeters   = "meters"   // 电表
	FieldBalance  = "balance"  // 变动前余额 / 变动后余额
	FieldChannel  = "channel"  // 支付方式
	FieldOperator = "operator" // 操作员
	FieldTime     = "time"     // 时间
	FieldNote     = "note"     // 备注
	FieldQR       = "qr"       // the QR code to the tenant app
	FieldSign     = "signature"
)

// Fields lists the optional fields in the order they print; it is also
// what a Layout without Fields prints.
var Fields = []string{FieldAccount, FieldTenant, FieldShop, FieldMeters, FieldBalance, FieldChannel,
	FieldOperator, FieldTime, FieldNote, FieldQR, FieldSign}

// Limits of a Layout, so that a site's settings stay small and fit the
// paper.
const (
	MaxLayoutBytes  = 96 << 10 // the JSON, logo included
	MaxLogoBytes    = 64 << 10 // the PNG
	MaxLogoPixels   = 2000     // either side
	MaxTitleRunes   = 40
	MaxFooterLines  = 3
	MaxFooterRunes  = 80
	MaxPublicURLLen = 200
)

// Layout is a site's choice of what its receipts show: stored with the
// site's settings as JSON (the members' names below). The zero Layout
// prints every field under the site's name.
type Layout struct {
	// Title heads every part; "" prints the site's name.
	Title string `json:"title,omitempty"`
	// Footer lines print small at the foot of every part (a service
	// phone, a note on refunds).
	Footer []string `json:"footer,omitempty"`
	// Fields are the optional fields printed (of Fields); nil prints all.
	Fields []string `json:"fields"` // null and [] differ
	// Logo is a PNG printed left of the title (base64 in JSON).
	Logo []byte `json:"logo,omitempty"`
	// PublicURL is where the site's tenant app is reached from outside,
	// e.g. https://pay.example.com: the QR code opens
	// <PublicURL>/m/receipt/<number>. "" leaves it to the server.
	PublicURL string `json:"publicUrl,omitempty"`
}

// ParseLayout decodes and checks a layout as stored or sent (JSON, at
// most MaxLayoutBytes; unknown members refused); empty input or "null" is
// the zero Layout. Its errors say which member is wrong and what fits.
func ParseLayout(b []byte) (*Layout, error) {
	l := &Layout{}
	if len(b) > MaxLayoutBytes {
		return nil, fmt.Errorf("the receipt layout is %d bytes, more than %d: use a smaller logo", len(b), MaxLayoutBytes)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return l, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(l); err != nil {
		return nil, fmt.Errorf("the receipt layout is not valid JSON of title, footer, fields, logo and publicUrl: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("the receipt layout has more after its JSON object: send one object")
	}
	if err := l.Validate(); err != nil {
		return nil, err
	}
	return l, nil
}

// MemberError is a Validate error naming the member at fault as the
// GraphQL input does (title, footer[1], fields[0], logo, publicUrl), so
// that an editor can show it under that field.
type MemberError struct {
	Member string
	Err    error
}

func (e *MemberError) Error() string { return e.Err.Error() }
func (e *MemberError) Unwrap() error { return e.Err }

// Validate checks l against the limits above. Errors are *MemberError.
func (l *Layout) Validate() error {
	if err := checkText("title", l.Title, MaxTitleRunes); err != nil {
		return &MemberError{"title", err}
	}
	if len(l.Footer) > MaxFooterLines {
		return &MemberError{"footer", fmt.Errorf("footer: %d lines, at most %d fit under a receipt", len(l.Footer), MaxFooterLines)}
	}
	for i, f := range l.Footer {
		name := fmt.Sprintf("footer[%d]", i)
		if err := checkText(name, f, MaxFooterRunes); err != nil {
			return &MemberError{name, err}
		}
	}
	for i, f := range l.Fields {
		name := fmt.Sprintf("fields[%d]", i)
		if !slices.Contains(Fields, f) {
			return &MemberError{name, fmt.Errorf("%s: unknown field %q; choose from %s", name, f, strings.Join(Fields, ", "))}
		}
		if slices.Contains(l.Fields[:i], f) {
			return &MemberError{name, fmt.Errorf("%s: %q is listed twice", name, f)}
		}
	}
	if err := checkLogo(l.Logo); err != nil {
		return &MemberError{"logo", err}
	}
	if err := checkPublicURL(l.PublicURL); err != nil {
		return &MemberError{"publicUrl", err}
	}
	return nil
}

// Shows reports whether the layout prints optional field f.
func (l *Layout) Shows(f string) bool {
	return l == nil || l.Fields == nil || slices.Contains(l.Fields, f)
}

// checkText refuses text longer than max runes, not UTF-8, or with
// control characters (a line of a receipt is one line).
func checkText(name, s string, max int) error {
	switch {
	case !utf8.ValidString(s):
		return fmt.Errorf("%s is not valid UTF-8 text", name)
	case utf8.RuneCountInString(s) > max:
		return fmt.Errorf("%s has %d characters, at most %d fit on a receipt", name, utf8.RuneCountInString(s), max)
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return fmt.Errorf("%s holds a line break or another control character; write one line", name)
	}
	return nil
}

// checkLogo refuses a logo that is not a PNG fpdf can embed, or too big.
func checkLogo(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	if len(b) > MaxLogoBytes {
		return fmt.Errorf("logo: %d bytes, at most %d; shrink the PNG", len(b), MaxLogoBytes)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("logo: not a PNG image (%v); send a PNG, base64 in JSON", err)
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxLogoPixels || cfg.Height > MaxLogoPixels {
		return fmt.Errorf("logo: %d × %d pixels, at most %d on either side", cfg.Width, cfg.Height, MaxLogoPixels)
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		return fmt.Errorf("logo: the PNG is damaged (%v)", err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(b))
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("logo: this PNG cannot be printed (%v); save it as 8-bit RGB or greyscale, not interlaced", err)
	}
	return nil
}

// checkPublicURL refuses anything but an absolute http(s) URL without
// query or fragment.
func checkPublicURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || len(s) > MaxPublicURLLen || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
		u.RawQuery != "" || u.Fragment != "" || u.User != nil || strings.ContainsAny(s, " \t\r\n") {
		return fmt.Errorf("publicUrl %q must be an http(s) address of at most %d characters without query, e.g. https://pay.example.com", s, MaxPublicURLLen)
	}
	return nil
}
