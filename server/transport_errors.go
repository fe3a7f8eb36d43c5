package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
)

// codeTransportErrors gives extensions.code INVALID_INPUT and a JSON content
// type to the few errors that gqlgen's HTTP transports write themselves and
// so never pass through the error presenter (undecodable query parameters or
// variables: 400), and answers a request no transport takes as the
// GraphQL-over-HTTP rule asks (graph/http_status.go): 405 for a method other
// than GET and POST, 415 for a POST whose body is not JSON, where gqlgen
// writes a bare 400. Every other answer passes untouched; error answers are
// small, so buffering them costs nothing.
func codeTransportErrors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "" { // websockets speak their own protocol
			next.ServeHTTP(w, r)
			return
		}
		cw := &codingWriter{ResponseWriter: w, contentType: graph.ResponseMediaType(r), method: r.Method,
			requestID: graph.RequestInfoFrom(r.Context()).RequestID}
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
	method      string
	requestID   string
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
		Data   json.RawMessage  `json:"data,omitempty"` // absent: the request never ran
	}
	if json.Unmarshal(body, &resp) == nil && len(resp.Errors) > 0 {
		if string(resp.Data) == "null" {
			resp.Data = nil
		}
		for _, e := range resp.Errors {
			ext, _ := e["extensions"].(map[string]any)
			if ext == nil {
				ext = map[string]any{}
				e["extensions"] = ext
			}
			if _, ok := ext["requestId"]; !ok && w.requestID != "" {
				ext["requestId"] = w.requestID
			}
			if _, ok := ext["code"]; !ok {
				ext["code"] = voltpay.EINVALID
				if e["message"] == "GET requests only allow query operations" {
					e["message"] = "GET requests only allow query operations; send mutations with POST"
				}
				if e["message"] == "transport not supported" {
					e["message"] = unsupportedTransport
					w.status = w.unsupportedStatus()
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

// unsupportedStatus is the status of a request no transport takes: 405
// for a method GraphQL over HTTP does not use, 415 for a POST that is not
// JSON, 400 for the rest (a GET that is no websocket upgrade nor query).
func (w *codingWriter) unsupportedStatus() int {
	switch w.method {
	case http.MethodGet:
		return http.StatusBadRequest
	case http.MethodPost:
		return http.StatusUnsupportedMediaType
	}
	w.ResponseWriter.Header().Set("Allow", "GET, POST")
	return http.StatusMethodNotAllowed
}

// unsupportedTransport replaces gqlgen's bare "transport not supported".
const unsupportedTransport = "this request is not GraphQL over HTTP as served here: POST a JSON body with Content-Type: application/json, " +
	"GET with a query parameter (queries only), or open a graphql-transport-ws websocket"
