package graph

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/voltpay/voltpay"
)

// The HTTP status of a GraphQL answer follows one rule, the GraphQL-over-HTTP
// specification's (docs/API.md, "HTTP status codes"):
//
//   - A request that is not well-formed GraphQL over HTTP answers 4xx with a
//     GraphQL error and no data, whatever the client accepts: 400 for a body
//     that is not one JSON object with a string query (or a persisted-query
//     hash), 405 for a mutation over GET or a method other than GET/POST,
//     413 for a body over the limit, 415 for a POST that is not JSON.
//   - A well-formed request answered as application/json (the default, and
//     what most clients ask for) is 200, also when the document is refused
//     (parse errors, validation, the cost budget): the errors say why.
//   - A well-formed request answered as application/graphql-response+json is
//     400 when the document is refused before execution (no data entry), and
//     200 once execution began, whatever errors its fields raised.
//
// gqlgen's transports already answer 400 to graphql-response+json refusals;
// they answer application/json ones with 422 and a GET mutation with 406,
// which specStatus rewrites.

// specTransport wraps one of gqlgen's HTTP transports (GET or POST) so that
// malformed requests are refused before gqlgen sees them (with a message that
// does not quote the body back) and its statuses follow the rule above.
type specTransport struct {
	graphql.Transport
}

func (t specTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	if msg := malformedRequest(r); msg != "" {
		WriteRequestError(w, r, http.StatusBadRequest, voltpay.EINVALID, msg)
		return
	}
	t.Transport.Do(&specStatus{ResponseWriter: w}, r, exec)
}

// specStatus rewrites the statuses gqlgen's transports choose, and leaves
// the data entry out of the answer to a request refused before execution
// (the GraphQL spec: "if an error was raised before execution begins, the
// data entry should not be present"), where gqlgen writes "data": null.
type specStatus struct {
	http.ResponseWriter
	refused bool
}

func (w *specStatus) WriteHeader(code int) {
	switch code {
	case http.StatusUnprocessableEntity: // a refused document, answered as application/json
		code = http.StatusOK
		w.refused = true
	case http.StatusBadRequest: // a refused document, answered as graphql-response+json
		w.refused = true
	case http.StatusNotAcceptable: // a mutation sent with GET
		w.Header().Set("Allow", "POST")
		code = http.StatusMethodNotAllowed
		w.refused = true
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write passes the answer on, without its data entry when the request was
// refused. gqlgen writes each answer in one call.
func (w *specStatus) Write(b []byte) (int, error) {
	if w.refused {
		var resp map[string]json.RawMessage
		if json.Unmarshal(b, &resp) == nil {
			delete(resp, "data")
			if out, err := json.Marshal(resp); err == nil {
				if _, err := w.ResponseWriter.Write(out); err != nil {
					return 0, err
				}
				return len(b), nil
			}
		}
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *specStatus) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// malformedRequest says what is wrong with a GraphQL-over-HTTP request that
// is not well-formed, or "" when it is. It reads a POST body (already bounded
// by the server) and puts it back for the transport.
func malformedRequest(r *http.Request) string {
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		if !q.Has("query") && !q.Has("extensions") {
			return "the request has no query: send GET /graphql?query=… (queries only) or POST a JSON body {\"query\": \"…\"}"
		}
		return ""
	case http.MethodPost:
	default:
		return ""
	}
	body, err := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return "could not read the request body"
	}
	return malformedBody(body)
}

// malformedBody checks the shape of a POST body: one JSON object whose query
// is a string (or absent with a persisted-query extension), operationName a
// string or null, variables and extensions objects or null.
func malformedBody(body []byte) string {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return "batched requests are not served: send one operation per request"
	}
	// Only the four members GraphQL over HTTP defines are looked at (a
	// struct, not a map: this runs on every POST).
	var p struct {
		Query, OperationName, Variables, Extensions json.RawMessage
	}
	if err := json.Unmarshal(body, &p); err != nil || len(trimmed) == 0 || trimmed[0] != '{' {
		return "the request body is not a JSON object: send {\"query\": \"…\", \"variables\": {…}}"
	}
	kind := func(raw json.RawMessage) byte {
		v := bytes.TrimSpace(raw)
		if len(v) == 0 || string(v) == "null" {
			return 0
		}
		return v[0]
	}
	switch kind(p.Query) {
	case '"':
	case 0:
		if kind(p.Extensions) != '{' {
			return "the request has no query: send {\"query\": \"…\"} (or a persisted-query hash in extensions)"
		}
	default:
		return "query must be a string holding the GraphQL document"
	}
	if k := kind(p.OperationName); k != 0 && k != '"' {
		return "operationName must be a string or null"
	}
	if k := kind(p.Variables); k != 0 && k != '{' {
		return "variables must be a JSON object or null"
	}
	if k := kind(p.Extensions); k != 0 && k != '{' {
		return "extensions must be a JSON object or null"
	}
	return ""
}

// ResponseMediaType is the media type of a GraphQL answer to r: the
// GraphQL-over-HTTP one when the client asks for it, else application/json
// (what gqlgen's transports choose too).
func ResponseMediaType(r *http.Request) string {
	for part := range strings.SplitSeq(r.Header.Get("Accept"), ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "application/json":
			return "application/json"
		case "application/graphql-response+json":
			return "application/graphql-response+json"
		}
	}
	return "application/json"
}

// WriteRequestError answers r with one GraphQL error carrying code and the
// request id, and no data: for requests refused before GraphQL runs.
func WriteRequestError(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	ext := map[string]any{"code": code}
	if id := RequestInfoFrom(r.Context()).RequestID; id != "" {
		ext["requestId"] = id
	}
	body, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{"message": msg, "extensions": ext}}})
	w.Header().Set("Content-Type", ResponseMediaType(r))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}
