package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/receipt/receipttest"
)

// TestReceiptPreview: GET /receipts/preview/{siteId}.pdf prints a sample
// sale with the site's layout (its title and footer, only its fields) for
// a caller who may set the layout; others are refused as setReceiptLayout
// refuses them, a bad site is 404 and a bad paper 400.
func TestReceiptPreview(t *testing.T) {
	receipttest.Need(t)
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	manager.do(t, setLayout, map[string]any{"id": env.Site.ID, "l": map[string]any{
		"title": "预览园区 电费收据", "footer": []string{"服务电话 400-800-1234"}, "fields": []string{"account", "tenant"}}})

	status, text, pages := manager.receiptPDF(t, "/receipts/preview/"+str(env.Site.ID)+".pdf?paper=241&copy=tenant", "preview-241-tenant")
	if status != http.StatusOK {
		t.Fatalf("preview: %d %s", status, text)
	}
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{"预览园区电费收据", "服务电话400-800-1234", "A0001", "示例商户", "100.00"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the preview lacks %q: %s", want, text)
		}
	}
	if strings.Contains(flat, "1F-01") || strings.Contains(flat, "000000000001") {
		t.Errorf("the preview prints the shop or meter the layout leaves out: %s", text)
	}
	if pages != 1 {
		t.Errorf("one copy on 241 mm paper: %d pages, want 1", pages)
	}

	for _, c := range []struct {
		name   string
		c      *client
		path   string
		status int
	}{
		{"anonymous", env.anonymous(), "/receipts/preview/" + str(env.Site.ID) + ".pdf", http.StatusUnauthorized},
		{"viewer", env.operator(t, voltpay.RoleViewer), "/receipts/preview/" + str(env.Site.ID) + ".pdf", http.StatusForbidden},
		{"tenant", env.tenant(t, env.openAccount(t, 100).ID), "/receipts/preview/" + str(env.Site.ID) + ".pdf", http.StatusForbidden},
		{"no such site", manager, "/receipts/preview/999999999.pdf", http.StatusNotFound},
		{"not an id", manager, "/receipts/preview/x.pdf", http.StatusNotFound},
		{"bad paper", manager, "/receipts/preview/" + str(env.Site.ID) + ".pdf?paper=a3", http.StatusBadRequest},
	} {
		resp, body := c.c.download(t, c.path)
		if resp.StatusCode != c.status || !strings.Contains(string(body), `"code"`) {
			t.Errorf("%s: %d %s; want %d with a JSON error", c.name, resp.StatusCode, body, c.status)
		}
	}
}
