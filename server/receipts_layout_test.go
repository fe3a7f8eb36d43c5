package main

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
)

const setLayout = `mutation($id: ID!, $l: ReceiptLayoutInput!) {
  setReceiptLayout(siteId: $id, layout: $l) { id receiptLayout { title footer fields logoPng publicUrl } }
}`

type layoutAnswer struct {
	Title     string
	Footer    []string
	Fields    []string
	LogoPng   *string
	PublicURL string `json:"publicUrl"`
}

func TestReceiptLayoutAPI(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	img := image.NewGray(image.Rect(0, 0, 30, 10))
	var logo bytes.Buffer
	png.Encode(&logo, img)
	logoB64 := base64.StdEncoding.EncodeToString(logo.Bytes())

	t.Run("SetAndRead", func(t *testing.T) {
		var out struct {
			SetReceiptLayout struct{ ReceiptLayout layoutAnswer }
		}
		if status, body := manager.putLogo(t, env.Site.ID, logo.Bytes()); status != http.StatusOK {
			t.Fatalf("PUT the logo: %d %s", status, body)
		}
		manager.do(t, setLayout, map[string]any{"id": env.Site.ID, "l": map[string]any{
			"title": "万达广场 电费收据", "footer": []string{"服务电话 400-800-1234"}, "fields": []string{"account", "qr"},
			"publicUrl": "https://pay.example.com"}}).Decode(t, &out)
		got := out.SetReceiptLayout.ReceiptLayout
		if got.Title != "万达广场 电费收据" || len(got.Footer) != 1 || strings.Join(got.Fields, ",") != "account,qr" ||
			got.LogoPng == nil || *got.LogoPng != logoB64 || got.PublicURL != "https://pay.example.com" {
			t.Errorf("got %+v", got)
		}
		var read struct {
			Sites []struct {
				ID            string
				ReceiptLayout layoutAnswer
			}
		}
		env.operator(t, voltpay.RoleViewer).do(t, `{ sites { id receiptLayout { title fields } } }`, nil).Decode(t, &read)
		for _, s := range read.Sites {
			if s.ID == str(env.Site.ID) && s.ReceiptLayout.Title != "万达广场 电费收据" {
				t.Errorf("a viewer reads %+v", s.ReceiptLayout)
			}
		}
	})
	t.Run("NoFieldsIsNone", func(t *testing.T) {
		var out struct {
			SetReceiptLayout struct{ ReceiptLayout layoutAnswer }
		}
		manager.do(t, setLayout, map[string]any{"id": env.Site.ID, "l": map[string]any{"fields": []string{}}}).Decode(t, &out)
		if got := out.SetReceiptLayout.ReceiptLayout; got.Fields == nil || len(got.Fields) != 0 || got.LogoPng == nil {
			t.Errorf("fields [] (none) came back as %+v, or the logo went", got)
		}
		manager.do(t, setLayout, map[string]any{"id": env.Site.ID, "l": map[string]any{}}).Decode(t, &out)
		if got := out.SetReceiptLayout.ReceiptLayout; len(got.Fields) != 11 {
			t.Errorf("fields null (all) came back as %v", got.Fields)
		}
	})
	for name, tc := range map[string]struct {
		layout map[string]any
		says   string
	}{
		"ErrTitle":  {map[string]any{"title": strings.Repeat("长", 41)}, "at most 40"},
		"ErrFooter": {map[string]any{"footer": []string{"1", "2", "3", "4"}}, "at most 3"},
		"ErrURL":    {map[string]any{"publicUrl": "ftp://x"}, "publicUrl"},
	} {
		t.Run(name, func(t *testing.T) {
			r := manager.do(t, setLayout, map[string]any{"id": env.Site.ID, "l": tc.layout})
			if r.Code() != "INVALID_INPUT" || !strings.Contains(r.Errors[0].Message, tc.says) {
				t.Errorf("got %+v, want INVALID_INPUT saying %q", r.Errors, tc.says)
			}
		})
	}
	t.Run("Logo", func(t *testing.T) {
		for name, tc := range map[string]struct {
			c      *client
			site   string
			body   []byte
			status int
			says   string
		}{
			"ErrNotPNG":    {manager, str(env.Site.ID), []byte("GIF89a not a png"), http.StatusBadRequest, "not a PNG"},
			"ErrTooBig":    {manager, str(env.Site.ID), bytes.Repeat([]byte{1}, 70<<10), http.StatusBadRequest, "larger than"},
			"ErrSite":      {manager, "x", logo.Bytes(), http.StatusNotFound, "/receipts/logo/"},
			"ErrUnknown":   {manager, "987654321098", logo.Bytes(), http.StatusNotFound, "not found"},
			"ErrCashier":   {env.operator(t, voltpay.RoleCashier), str(env.Site.ID), logo.Bytes(), http.StatusForbidden, "manage_meters"},
			"ErrAnonymous": {env.anonymous(), str(env.Site.ID), logo.Bytes(), http.StatusUnauthorized, ""},
		} {
			t.Run(name, func(t *testing.T) {
				req, _ := http.NewRequest(http.MethodPut, env.Srv.URL+"/receipts/logo/"+tc.site, bytes.NewReader(tc.body))
				tc.c.authorize(req)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				body, _ := io.ReadAll(resp.Body)
				if resp.StatusCode != tc.status || !strings.Contains(string(body), tc.says) {
					t.Errorf("PUT: %d %s, want %d saying %q", resp.StatusCode, body, tc.status, tc.says)
				}
			})
		}
		// An empty body removes the logo and keeps the rest.
		if status, body := manager.putLogo(t, env.Site.ID, nil); status != http.StatusOK {
			t.Fatalf("remove the logo: %d %s", status, body)
		}
		var read struct {
			Sites []struct {
				ID            string
				ReceiptLayout layoutAnswer
			}
		}
		manager.do(t, `{ sites { id receiptLayout { title fields logoPng } } }`, nil).Decode(t, &read)
		for _, s := range read.Sites {
			if s.ID == str(env.Site.ID) && (s.ReceiptLayout.LogoPng != nil || len(s.ReceiptLayout.Fields) != 11) {
				t.Errorf("after removing the logo: %+v", s.ReceiptLayout)
			}
		}
	})
	t.Run("ErrCashier", func(t *testing.T) {
		r := env.operator(t, voltpay.RoleCashier).do(t, setLayout, map[string]any{"id": env.Site.ID, "l": map[string]any{"title": "x"}})
		if r.Code() != "FORBIDDEN" {
			t.Errorf("a cashier sets the layout: %+v, want FORBIDDEN", r.Errors)
		}
	})
	t.Run("ErrUnknownSite", func(t *testing.T) {
		r := manager.do(t, setLayout, map[string]any{"id": "987654321098", "l": map[string]any{}})
		if r.Code() != "NOT_FOUND" {
			t.Errorf("an unknown site: %+v, want NOT_FOUND", r.Errors)
		}
	})
}

func str(id int64) string { return strconv.FormatInt(id, 10) }

// putLogo PUTs png as the site's receipt logo.
func (c *client) putLogo(t *testing.T, site int64, png []byte) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, c.env.Srv.URL+"/receipts/logo/"+str(site), bytes.NewReader(png))
	req.Header.Set("Content-Type", "image/png")
	c.authorize(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}
