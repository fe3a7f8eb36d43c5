package payment

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// wechatEnvelope is the outer JSON of a WeChat Pay notification: what the
// SDK reads before and while it decrypts the resource.
type wechatEnvelope struct {
	ID           string `json:"id"`
	EventType    string `json:"event_type"`
	ResourceType string `json:"resource_type"`
	Resource     *struct {
		Algorithm      string `json:"algorithm"`
		Ciphertext     string `json:"ciphertext"`
		AssociatedData string `json:"associated_data"`
		Nonce          string `json:"nonce"`
		OriginalType   string `json:"original_type"`
	} `json:"resource"`
}

// The resource's cipher: AES-256-GCM with a 12-byte nonce and a 16-byte tag.
const (
	wechatAlgorithm = "AEAD_AES_256_GCM"
	wechatNonceLen  = 12
	wechatTagLen    = 16
)

// errMalformedEnvelope wraps every envelope the SDK must not see.
var errMalformedEnvelope = errors.New("malformed notification envelope")

// checkWechatEnvelope reads r's body (at most maxNotifyBody), checks the
// envelope the SDK will decrypt, and puts the body back for the SDK. The
// SDK trusts the envelope once the signature verifies: a resource nonce
// that is not 12 bytes makes crypto/cipher panic inside it. So the whole
// class (algorithm, nonce, ciphertext, associated data) is checked here,
// before any of it reaches the SDK, signed or not.
func checkWechatEnvelope(r *http.Request) error {
	if r.Body == nil {
		return fmt.Errorf("%w: no body", errMalformedEnvelope)
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxNotifyBody))
	if err != nil {
		return fmt.Errorf("%w: unreadable body (%v)", errMalformedEnvelope, err)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	var env wechatEnvelope
	if err := json.Unmarshal(body, &env); err != nil {
		return fmt.Errorf("%w: not a JSON object", errMalformedEnvelope)
	}
	res := env.Resource
	switch {
	case env.EventType == "":
		return fmt.Errorf("%w: no event_type", errMalformedEnvelope)
	case res == nil:
		return fmt.Errorf("%w: no resource", errMalformedEnvelope)
	case res.Algorithm != wechatAlgorithm:
		return fmt.Errorf("%w: resource algorithm is not %s", errMalformedEnvelope, wechatAlgorithm)
	case len(res.Nonce) != wechatNonceLen:
		return fmt.Errorf("%w: resource nonce is %d bytes, not %d", errMalformedEnvelope, len(res.Nonce), wechatNonceLen)
	}
	sealed, err := base64.StdEncoding.DecodeString(res.Ciphertext)
	if err != nil {
		return fmt.Errorf("%w: resource ciphertext is not base64", errMalformedEnvelope)
	}
	if len(sealed) < wechatTagLen {
		return fmt.Errorf("%w: resource ciphertext is shorter than its %d-byte tag", errMalformedEnvelope, wechatTagLen)
	}
	return nil
}
