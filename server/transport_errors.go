package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/voltpay/voltpay"
)

// codeTransportErrors gives extensions.code INVALID_INPUT to the few errors
// that gqlgen's HTTP transports write themselves and so never pass through
// the error presenter: a mutation sent with GET (406), undecodable query
// parameters or variables (400). Every other answer passes untouched;
// error answers are small, so buffering them costs nothing.
func codeTransportErrors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "" { // websockets speak their own protocol
			next.ServeHTTP(w, r)
			return
		}
		cw := &codingWriter{ResponseWriter: w}
		next.ServeHTTP(cw, r)
		cw.finish()
	})
}

// codingWriter holds back an error answer (status >= 400) to add codes.
type codingWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
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
			}
		}
		if b, err := json.Marshal(resp); err == nil {
			body = b
		}
	}
	w.ResponseWriter.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.ResponseWriter.WriteHeader(w.status)
	w.ResponseWriter.Write(body)
}
