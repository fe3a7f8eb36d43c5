package graph

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/voltpay/voltpay"
)

// closeBadInit closes a websocket whose connection_init payload is not
// one the server accepts: 4400 (Bad Request), as graphql-transport-ws
// closes any other malformed message.
const closeBadInit = 4400

// initPayloadShape says which connection_init payloads are accepted; it
// opens the close reason of a refused one, so it must stay well under a
// close frame's 123 bytes.
const initPayloadShape = `connection_init payload must be {"authorization": "Bearer <token>"} or empty (session cookie)`

// initToken returns the bearer token a connection_init payload carries,
// or "" for an empty payload (the socket then has the upgrade request's
// credential: its Authorization header, the SPA's session cookie, or
// none). Any other payload is refused (INVALID_INPUT) rather than taken
// for an anonymous socket: {"token": …} used to be acknowledged, and
// every subscription then failed with "sign in", which told the client
// nothing about the payload it got wrong. The key is matched without
// case, as the HTTP header it stands for.
func initToken(payload transport.InitPayload) (string, error) {
	if len(payload) == 0 {
		return "", nil
	}
	if len(payload) == 1 {
		for k, v := range payload {
			if s, ok := v.(string); ok && strings.EqualFold(k, "authorization") {
				if tok := bearer(s); tok != "" {
					return tok, nil
				}
			}
		}
	}
	got, _ := json.Marshal(slices.Sorted(maps.Keys(payload)))
	return "", voltpay.Errorf(voltpay.EINVALID, "%s; got keys %s", initPayloadShape, got)
}
