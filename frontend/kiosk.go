package frontend

import (
	"net/http"
	"net/url"
)

// KioskPrefix is the office kiosk's address (用户查询机): a touch screen at
// the property office opens it. The kiosk is a page of the tenant app
// (frontend/tenant/src/pages/kiosk, in its H5 build only), so it shares the
// app's build, API client, money and language code rather than being a
// second build of the same sources; this address sends the screen there.
const KioskPrefix = "/kiosk/"

// kioskPage is the tenant app's kiosk page below TenantPrefix.
const kioskPage = TenantPrefix + "pages/kiosk/index"

// Kiosk redirects GET /kiosk/ to the tenant app's kiosk page, keeping a
// ?device= (the kiosk key staff give a screen once) and nothing else.
func Kiosk() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !readOnly(w, r, "the kiosk's") {
			return
		}
		if r.URL.Path != KioskPrefix && r.URL.Path != "/kiosk" {
			http.NotFound(w, r)
			return
		}
		to := kioskPage
		if d := r.URL.Query().Get("device"); d != "" && len(d) <= 128 {
			to += "?" + url.Values{"device": {d}}.Encode()
		}
		w.Header().Set("Cache-Control", "no-store")
		http.Redirect(w, r, to, http.StatusFound)
	})
}
