package paysim

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/voltpay/voltpay/payment"
)

// WechatOptions shape a fake WeChat Pay.
type WechatOptions struct {
	MchID string // default 1900000001
	AppID string // default wx0000000000demo
	// CertMode identifies the platform's signatures by a self-signed
	// platform certificate's serial instead of a PUB_KEY_ID (merchants
	// onboarded before 2024).
	CertMode bool
	Retries  []time.Duration // notification retries; DefaultRetries when nil
	Log      *slog.Logger
	// RefundDelay is how long a refund stays PROCESSING (default 50ms).
	RefundDelay time.Duration
	// RefundOutcome is the final state of refunds: SUCCESS (default),
	// ABNORMAL or CLOSED.
	RefundOutcome string
}

// WechatFake is an offline WeChat Pay APIv3: it keeps trades and refunds,
// checks the merchant's request signatures, signs its answers and
// notifications with its own platform key, and delivers notifications
// through a Deliverer.
type WechatFake struct {
	opts WechatOptions

	mchKey      *rsa.PrivateKey // the merchant's key: the fake hands it out in ClientConfig
	mchSerial   string
	platKey     *rsa.PrivateKey
	platCert    *x509.Certificate
	platSerial  string // uppercase hex of the cert serial
	publicKeyID string
	apiV3Key    string

	deliver *Deliverer

	mu      sync.Mutex
	trades  map[string]*wxTrade
	refunds map[string]*wxRefund
	bills   map[string][]byte // download tokens
	later   later             // refunds settling
}

var _ Fake = (*WechatFake)(nil)

type wxTrade struct {
	OutTradeNo, Description, Method, AppID, MchID, NotifyURL, Openid string
	Amount                                                           int64
	State                                                            string // NOTPAY, SUCCESS, CLOSED, REFUND
	PrepayID, CodeURL, H5URL, TransactionID                          string
	CreatedAt, PaidAt                                                time.Time
	Refunded                                                         int64  // refunds not failed
	content                                                          string // what the prepay asked, for duplicate checks
	baseURL                                                          string // how the merchant reached us, for PayURL
	expire                                                           time.Time
}

type wxRefund struct {
	OutRefundNo, OutTradeNo, RefundID, TransactionID, NotifyURL, Reason string
	Amount, Total                                                       int64
	Status                                                              string
	CreatedAt, SuccessAt                                                time.Time
}

// NewWechat makes a fake with fresh keys.
func NewWechat(opts WechatOptions) (*WechatFake, error) {
	if opts.MchID == "" {
		opts.MchID = "1900000001"
	}
	if opts.AppID == "" {
		opts.AppID = "wx0000000000demo"
	}
	if opts.RefundDelay <= 0 {
		opts.RefundDelay = 50 * time.Millisecond
	}
	switch opts.RefundOutcome {
	case "":
		opts.RefundOutcome = "SUCCESS"
	case "SUCCESS", "ABNORMAL", "CLOSED":
	default:
		return nil, fmt.Errorf("paysim wechat: RefundOutcome %q: use SUCCESS, ABNORMAL or CLOSED", opts.RefundOutcome)
	}
	f := &WechatFake{opts: opts, trades: map[string]*wxTrade{}, refunds: map[string]*wxRefund{}}
	var err error
	if f.mchKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		return nil, fmt.Errorf("paysim wechat: merchant key: %w", err)
	}
	if f.platKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		return nil, fmt.Errorf("paysim wechat: platform key: %w", err)
	}
	f.mchSerial = strings.ToUpper(wxRandHex(20))
	serial := new(big.Int).SetBytes(wxRandBytes(16))
	serial.SetBit(serial, 127, 1) // a fixed length, so the hex serial is 32 digits
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "Tenpay.com Root CA (paysim)", Organization: []string{"paysim"}},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(5 * 365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &f.platKey.PublicKey, f.platKey)
	if err != nil {
		return nil, fmt.Errorf("paysim wechat: platform certificate: %w", err)
	}
	if f.platCert, err = x509.ParseCertificate(der); err != nil {
		return nil, err
	}
	f.platSerial = fmt.Sprintf("%X", f.platCert.SerialNumber.Bytes())
	f.publicKeyID = "PUB_KEY_ID_" + wxRandDigits(32)
	f.apiV3Key = wxRandHex(16) // 32 ASCII characters
	f.deliver = &Deliverer{
		Client:  &http.Client{Timeout: 5 * time.Second},
		Retries: opts.Retries,
		Log:     opts.Log,
	}
	return f, nil
}

// ClientConfig is the merchant side of this fake: the config a
// payment.WechatGateway needs to talk to it at baseURL and be notified
// at notifyURL.
func (f *WechatFake) ClientConfig(notifyURL, baseURL string) *payment.WechatConfig {
	cfg := &payment.WechatConfig{
		MchID: f.opts.MchID, AppID: f.opts.AppID, MchCertSerial: f.mchSerial, MchPrivateKey: f.mchKey,
		APIv3Key: f.apiV3Key, NotifyURL: notifyURL, HTTP: payment.HTTPOptions{BaseURL: baseURL},
	}
	if f.opts.CertMode {
		cfg.PlatformCerts = []*x509.Certificate{f.platCert}
	} else {
		cfg.PublicKeyID, cfg.PublicKey = f.publicKeyID, &f.platKey.PublicKey
	}
	return cfg
}

// PublicKeyID is the platform's public key ID (PUB_KEY_ID_…).
func (f *WechatFake) PublicKeyID() string { return f.publicKeyID }

// PlatformPublicKey is the key the fake signs answers and notifications with.
func (f *WechatFake) PlatformPublicKey() *rsa.PublicKey { return &f.platKey.PublicKey }

// PlatformCert is the self-signed certificate of that key (CertMode).
func (f *WechatFake) PlatformCert() *x509.Certificate { return f.platCert }

// MerchantPublicKey checks what the merchant signs (e.g. paySign).
func (f *WechatFake) MerchantPublicKey() *rsa.PublicKey { return &f.mchKey.PublicKey }

// Deliverer is the fake's notification sender (Attempts, Flush).
func (f *WechatFake) Deliverer() *Deliverer { return f.deliver }

// Options are the options in effect (defaults filled in).
func (f *WechatFake) Options() WechatOptions { return f.opts }

// WriteFiles writes the merchant key, the APIv3 key and the platform's
// public key or certificate as files (0600) into dir, and returns the
// VOLTPAY_WECHAT_* variables pointing at them (without the notify and
// base URLs, which the caller knows).
func (f *WechatFake) WriteFiles(dir string) (map[string]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("paysim wechat: %w", err)
	}
	mchDER, err := x509.MarshalPKCS8PrivateKey(f.mchKey)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		"wechat_apiclient_key.pem": pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: mchDER}),
		"wechat_apiv3_key.txt":     []byte(f.apiV3Key + "\n"),
	}
	env := map[string]string{
		"VOLTPAY_WECHAT_MCHID":          f.opts.MchID,
		"VOLTPAY_WECHAT_APPID":          f.opts.AppID,
		"VOLTPAY_WECHAT_MCH_SERIAL":     f.mchSerial,
		"VOLTPAY_WECHAT_MCH_KEY_FILE":   filepath.Join(dir, "wechat_apiclient_key.pem"),
		"VOLTPAY_WECHAT_APIV3_KEY_FILE": filepath.Join(dir, "wechat_apiv3_key.txt"),
	}
	if f.opts.CertMode {
		files["wechat_platform_cert.pem"] = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.platCert.Raw})
		env["VOLTPAY_WECHAT_PLATFORM_CERT_FILES"] = filepath.Join(dir, "wechat_platform_cert.pem")
	} else {
		pubDER, err := x509.MarshalPKIXPublicKey(&f.platKey.PublicKey)
		if err != nil {
			return nil, err
		}
		files["wechat_pub_key.pem"] = pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})
		env["VOLTPAY_WECHAT_PUBKEY_ID"] = f.publicKeyID
		env["VOLTPAY_WECHAT_PUBKEY_FILE"] = filepath.Join(dir, "wechat_pub_key.pem")
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			return nil, fmt.Errorf("paysim wechat: %w", err)
		}
	}
	return env, nil
}

// List returns the trades, newest first.
func (f *WechatFake) List() []TradeInfo {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]TradeInfo, 0, len(f.trades))
	for _, t := range f.trades {
		out = append(out, TradeInfo{
			Provider: payment.Wechat, OutTradeNo: t.OutTradeNo, Description: t.Description,
			AmountFen: t.Amount, State: t.State, Method: t.Method, Payer: t.Openid, CreatedAt: t.CreatedAt, QRCode: t.CodeURL,
		})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.After(out[j].CreatedAt)
		}
		return out[i].OutTradeNo > out[j].OutTradeNo
	})
	return out
}

// SetFaults changes how notifications are delivered from now on.
func (f *WechatFake) SetFaults(faults Faults) { f.deliver.SetFaults(faults) }

// PayURL is the payer page for a trade: <base>/paysim/pay?provider=wechat&out_trade_no=…,
// with the base URL the merchant used to reach this fake at prepay. Empty
// for an unknown trade.
func (f *WechatFake) PayURL(outTradeNo string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.trades[outTradeNo]
	if t == nil {
		return ""
	}
	return wxPayURL(t.baseURL, outTradeNo)
}

func wxPayURL(baseURL, outTradeNo string) string {
	return strings.TrimRight(baseURL, "/") + "/paysim/pay?provider=" + payment.Wechat +
		"&out_trade_no=" + url.QueryEscape(outTradeNo)
}

// Close stops pending refunds and notification retries.
func (f *WechatFake) Close() {
	f.later.stop()
	f.deliver.Close()
}

func wxRandBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails (crypto/rand panics instead)
	return b
}

func wxRandHex(n int) string { return hex.EncodeToString(wxRandBytes(n)) }

func wxRandDigits(n int) string {
	b := wxRandBytes(n)
	for i := range b {
		b[i] = '0' + b[i]%10
	}
	return string(b)
}
