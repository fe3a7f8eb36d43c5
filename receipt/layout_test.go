package receipt

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
)

func TestParseLayout(t *testing.T) {
	logo := base64.StdEncoding.EncodeToString(testLogo(t))
	t.Run("OK", func(t *testing.T) {
		l, err := ParseLayout([]byte(`{"title":"万达广场","footer":["服务电话 400-800-1234"],"fields":["account","qr"],"logo":"` + logo + `","publicUrl":"https://pay.example.com"}`))
		if err != nil {
			t.Fatal(err)
		}
		if l.Title != "万达广场" || len(l.Logo) == 0 || !l.Shows(FieldQR) || l.Shows(FieldBalance) {
			t.Errorf("got %+v", l)
		}
	})
	t.Run("Empty", func(t *testing.T) {
		for _, in := range []string{"", " ", "null", "{}"} {
			l, err := ParseLayout([]byte(in))
			if err != nil || l == nil || !l.Shows(FieldBalance) {
				t.Errorf("ParseLayout(%q) = %+v, %v; want the zero layout", in, l, err)
			}
		}
	})
	for name, tc := range map[string]struct{ in, want string }{
		"ErrUnknownMember": {`{"titel":"x"}`, "not valid JSON"},
		"ErrTrailing":      {`{} {}`, "more after"},
		"ErrTitleLong":     {`{"title":"` + strings.Repeat("长", MaxTitleRunes+1) + `"}`, "title has 41 characters"},
		"ErrTitleNewline":  {`{"title":"a\nb"}`, "one line"},
		"ErrFooterLines":   {`{"footer":["a","b","c","d"]}`, "at most 3"},
		"ErrField":         {`{"fields":["balance","colour"]}`, `unknown field "colour"`},
		"ErrFieldTwice":    {`{"fields":["qr","qr"]}`, "twice"},
		"ErrLogoNotPNG":    {`{"logo":"` + base64.StdEncoding.EncodeToString([]byte("GIF89a....")) + `"}`, "not a PNG"},
		"ErrLogoBase64":    {`{"logo":"***"}`, "not valid JSON"},
		"ErrURL":           {`{"publicUrl":"javascript:alert(1)"}`, "publicUrl"},
		"ErrURLQuery":      {`{"publicUrl":"https://a.example/?x=1"}`, "without query"},
		"ErrTooBig":        {`{"title":"` + strings.Repeat(" ", MaxLayoutBytes) + `"}`, "more than"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseLayout([]byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one saying %q", err, tc.want)
			}
		})
	}
}

// FuzzParseLayout: whatever a site's settings hold, parsing never panics,
// and a layout it accepts renders and encodes back to one it accepts.
func FuzzParseLayout(f *testing.F) {
	f.Add([]byte(`{"title":"万达广场","footer":["服务电话"],"fields":["account","qr"],"publicUrl":"https://pay.example.com"}`))
	f.Add([]byte(`{"logo":"` + base64.StdEncoding.EncodeToString(testLogo(f)) + `"}`))
	f.Add([]byte(`{"logo":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"fields":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ParseLayout(b)
		if err != nil {
			return
		}
		again, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseLayout(again); err != nil {
			t.Fatalf("accepted %q, refused its own encoding %s: %v", b, again, err)
		}
		if _, err := loadFonts(); err != nil {
			return
		}
		var out bytes.Buffer
		if err := Render(&out, sample(), l, Options{Copies: []Copy{CopyTenant}}); err != nil {
			t.Fatalf("accepted layout %q does not render: %v", b, err)
		}
	})
}
