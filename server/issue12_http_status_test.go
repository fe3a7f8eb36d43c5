package main

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
)

// TestIssue12_HTTPStatusRule: answers mixed 200, 400, 406 and 422 for the
// same kinds of trouble; now one rule, the GraphQL-over-HTTP spec's, decides
// (graph/http_status.go, docs/API.md): malformed requests 4xx for everyone;
// a refused document 200 as application/json and 400 as
// application/graphql-response+json; execution 200.
func TestIssue12_HTTPStatusRule(t *testing.T) {
	env := newEnv(t)
	admin := env.operator(t, voltpay.RoleAdmin)
	viewer := env.operator(t, voltpay.RoleViewer)
	jsonAccept := http.Header{"Accept": {"application/json"}}
	gqlAccept := http.Header{"Accept": {"application/graphql-response+json"}}

	raw := func(c *client, method, contentType, body string, h http.Header) *gqlResponse {
		t.Helper()
		req, _ := http.NewRequest(method, env.Srv.URL+"/graphql", strings.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		for k, v := range h {
			req.Header[k] = v
		}
		return c.send(t, req)
	}
	// want checks status, that an error answer carries a code, a request id
	// and no data, and the content type.
	want := func(name string, resp *gqlResponse, status int, dataWanted bool, mediaType string) {
		t.Helper()
		if resp.Status != status {
			t.Errorf("%s: status %d, want %d (errors %+v)", name, resp.Status, status, resp.Errors)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, mediaType) {
			t.Errorf("%s: Content-Type %q, want %s", name, ct, mediaType)
		}
		hasData := resp.Data != nil && string(resp.Data) != "null"
		if hasData != dataWanted {
			t.Errorf("%s: data %.100s, want data: %v", name, resp.Data, dataWanted)
		}
		if status >= 400 || !dataWanted {
			if len(resp.Errors) == 0 || resp.Errors[0].Extensions.Code == "" || resp.Errors[0].Extensions.RequestID == "" {
				t.Errorf("%s: errors %+v, want a code and a requestId", name, resp.Errors)
			}
		}
	}

	t.Run("Executed", func(t *testing.T) {
		for _, h := range []http.Header{jsonAccept, gqlAccept} {
			mt := h.Get("Accept")
			want("query "+mt, admin.postRaw(t, `{ me { name } }`, h), http.StatusOK, true, mt)
			// A field error (a viewer may not read recharge orders) is still 200 with data.
			resp := viewer.postRaw(t, `{ me { name } rechargeOrder(id: 1) { id } }`, h)
			want("field error "+mt, resp, http.StatusOK, true, mt)
			if resp.Code() != voltpay.EFORBIDDEN {
				t.Errorf("field error %s: code %q, want FORBIDDEN", mt, resp.Code())
			}
		}
	})

	t.Run("RefusedDocument", func(t *testing.T) {
		for _, doc := range []string{`{ me { color } }`, `{ me { name }`, `query { meters(first: "x") { totalCount } }`} {
			want("json "+doc, admin.postRaw(t, doc, jsonAccept), http.StatusOK, false, "application/json")
			want("graphql-response "+doc, admin.postRaw(t, doc, gqlAccept), http.StatusBadRequest, false, "application/graphql-response+json")
			// No Accept at all is application/json.
			want("no accept "+doc, admin.postRaw(t, doc, nil), http.StatusOK, false, "application/json")
		}
	})

	// A request refused before execution has no data entry at all (the
	// GraphQL spec), where gqlgen wrote "data": null.
	t.Run("NoDataEntry", func(t *testing.T) {
		for _, h := range []http.Header{jsonAccept, gqlAccept} {
			for _, body := range []string{`{"query": "{ me { color } }"}`, `{"query": 1}`} {
				req, _ := http.NewRequest(http.MethodPost, env.Srv.URL+"/graphql", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Accept", h.Get("Accept"))
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				raw, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if bytes.Contains(raw, []byte(`"data"`)) || !bytes.Contains(raw, []byte(`"errors"`)) {
					t.Errorf("%s %s: answer %s, want errors and no data entry", h.Get("Accept"), body, raw)
				}
			}
		}
		req, _ := http.NewRequest(http.MethodPut, env.Srv.URL+"/graphql", strings.NewReader(`{}`))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if bytes.Contains(raw, []byte(`"data"`)) {
			t.Errorf("PUT: answer %s, want no data entry", raw)
		}
	})

	t.Run("Malformed", func(t *testing.T) {
		secret := "s3cr3t-body-text"
		bodies := map[string]string{
			"NotJSON":         `{"query": "{ me { name } }", ` + secret,
			"QueryNumber":     `{"query": 42}`,
			"QueryObject":     `{"query": {"a": 1}}`,
			"NoQuery":         `{"variables": {}}`,
			"Batch":           `[{"query": "{ me { name } }"}]`,
			"VariablesString": `{"query": "{ me { name } }", "variables": "x"}`,
			"OperationNumber": `{"query": "{ me { name } }", "operationName": 1}`,
			"Empty":           ``,
		}
		for name, body := range bodies {
			for _, h := range []http.Header{jsonAccept, gqlAccept} {
				resp := raw(admin, http.MethodPost, "application/json", body, h)
				want(name+" "+h.Get("Accept"), resp, http.StatusBadRequest, false, h.Get("Accept"))
				for _, e := range resp.Errors {
					if strings.Contains(e.Message, secret) {
						t.Errorf("%s: the error quotes the body back: %q", name, e.Message)
					}
				}
			}
		}
		want("GET without query", admin.htGraphQLGet(t, url.Values{"operationName": {"x"}}), http.StatusBadRequest, false, "application/json")
	})

	t.Run("Method", func(t *testing.T) {
		resp := admin.htGraphQLGet(t, url.Values{"query": {`mutation { logout }`}})
		want("GET mutation", resp, http.StatusMethodNotAllowed, false, "application/json")
		if resp.Header.Get("Allow") != "POST" {
			t.Errorf("GET mutation: Allow %q, want POST", resp.Header.Get("Allow"))
		}
		put := raw(admin, http.MethodPut, "application/json", `{"query": "{ me { name } }"}`, nil)
		want("PUT", put, http.StatusMethodNotAllowed, false, "application/json")
		if put.Header.Get("Allow") != "GET, POST" {
			t.Errorf("PUT: Allow %q, want GET, POST", put.Header.Get("Allow"))
		}
		want("text/plain", raw(admin, http.MethodPost, "text/plain", `{ me { name } }`, nil), http.StatusUnsupportedMediaType, false, "application/json")
		want("no content type", raw(admin, http.MethodPost, "", `{"query": "{ me { name } }"}`, gqlAccept), http.StatusUnsupportedMediaType, false, "application/graphql-response+json")
		want("GET query", admin.htGraphQLGet(t, url.Values{"query": {`{ me { name } }`}}), http.StatusOK, true, "application/json")
	})

	t.Run("TooLarge", func(t *testing.T) {
		big := `{"query": "{ me { name } }", "variables": {"x": "` + string(bytes.Repeat([]byte("a"), 2<<20)) + `"}}`
		want("2 MB body", raw(admin, http.MethodPost, "application/json", big, nil), http.StatusRequestEntityTooLarge, false, "application/json")
	})
}
