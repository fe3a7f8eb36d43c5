package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/voltpay/voltpay"
)

// codeTransportErrors gives extensions.code INVALID_INPUT and a JSON content
// type to the few errors that gqlgen's HTTP transports write themselves and
// so never pass through the error presenter: a mutation sent with GET (406),
// undecodable query parameters or variables (400), a request no transport
// takes (400, which gqlgen writes without a content type). Every other
// answer passes untouched; error answers are small, so buffering them costs
// nothing.
func codeTransportErrors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "" { // websockets speak their own protocol
			next.ServeHTTP(w, r)
			return
		}
		cw := &codingWriter{ResponseWriter: w, contentType: graphQLContentType(r)}
		next.ServeHTTP(cw, r)
		cw.finish()
	})
}

// codingWriter holds back an error answer (status >= 400) to add codes.
type codingWriter struct {
	http.ResponseWriter
	status      int
	body        bytes.Buffer
	contentType string
}

func (w *codingWriter) WriteHeader(code int) {
	if code >= http.StatusBadRequest && w.status == 0 {
		w.status = code
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *codingWriter) Write(b []byte) (int, error) {
	if w.status != 0 {
		return w.body.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *codingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *codingWriter) finish() {
	if w.status == 0 {
		return
	}
	body := w.body.Bytes()
	var resp struct {
		Errors []map[string]any `json:"errors"`
		Data   any              `json:"data"`
	}
	if json.Unmarshal(body, &resp) == nil && len(resp.Errors) > 0 {
		for _, e := range resp.Errors {
			ext, _ := e["extensions"].(map[string]any)
			if ext == nil {
				ext = map[string]any{}
				e["extensions"] = ext
			}
			if _, ok := ext["code"]; !ok {
				ext["code"] = voltpay.EINVALID
				if w.status == http.StatusNotAcceptable {
					e["message"] = "GET requests only allow query operations; send mutations with POST"
				}
				if e["message"] == "transport not supported" {
					e["message"] = unsupportedTransport
				}
			}
		}
		if b, err := json.Marshal(resp); err == nil {
			body = b
		}
	}
	if ct := w.ResponseWriter.Header().Get("Content-Type"); ct == "" || strings.HasPrefix(ct, "text/plain") {
		w.ResponseWriter.Header().Set("Content-Type", w.contentType)
	}
	w.ResponseWriter.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.ResponseWriter.WriteHeader(w.status)
	w.ResponseWriter.Write(body)
}

// unsupportedTransport replaces gqlgen's bare "transport not supported".
const unsupportedTransport = "this request is not GraphQL over HTTP as served here: POST a JSON body with Content-Type: application/json, " +
	"GET with a query parameter (queries only), or open a graphql-transport-ws websocket"

// graphQLContentType is the media type of a GraphQL answer to r: the
// GraphQL-over-HTTP one when the client asks for it, else application/json
// (what gqlgen's POST transport chooses too).
func graphQLContentType(r *http.Request) string {
	if strings.Contains(r.Header.Get("Accept"), "application/graphql-response+json") {
		return "application/graphql-response+json"
	}
	return "application/json"
}

// writeGraphQLError answers r with one GraphQL error carrying code, for
// refusals made before gqlgen runs (a body too large).
func writeGraphQLError(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	body, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{"message": msg, "extensions": map[string]any{"code": code}}}})
	w.Header().Set("Content-Type", graphQLContentType(r))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}
