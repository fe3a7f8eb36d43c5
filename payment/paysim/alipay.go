package paysim

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/voltpay/voltpay/payment"
)

// AlipayOptions configure the fake Alipay. The zero value works.
type AlipayOptions struct {
	AppID    string // "2021000000000001" when empty
	SellerID string // "2088000000000001" when empty
	// CertMode makes the fake speak Alipay's certificate mode: it issues
	// an app certificate, a root certificate and an Alipay certificate
	// (self-signed, standing in for Alipay's CA), expects app_cert_sn and
	// alipay_root_cert_sn on requests, and adds alipay_cert_sn to its
	// responses and notifications.
	CertMode bool
	// Retries is the notification retry schedule; Alipay's
	// 4m/10m/10m/1h/2h/6h/15h shortened 1000× when nil.
	Retries []time.Duration
	Log     *slog.Logger
	// RefundDelay is how long after a refund its notification is sent.
	RefundDelay time.Duration
}

// AlipayRetries is Alipay's notification retry schedule shortened 1000×.
var AlipayRetries = []time.Duration{
	240 * time.Millisecond, 600 * time.Millisecond, 600 * time.Millisecond, 3600 * time.Millisecond,
	7200 * time.Millisecond, 21600 * time.Millisecond, 54000 * time.Millisecond,
}

// AlipayFake is an offline Alipay openapi gateway: it keeps trades and
// refunds in memory, verifies the app's RSA2 request signatures, signs its
// answers and notifications with its own "Alipay" key, and notifies the
// merchant through a Deliverer (with Faults). It implements Fake.
type AlipayFake struct {
	opts    AlipayOptions
	appKey  *rsa.PrivateKey // the merchant app's key: the fake hands it out in ClientConfig
	aliKey  *rsa.PrivateKey // "Alipay's" key
	deliver *Deliverer

	// certificate mode
	appCert, rootCert, aliCert []byte // PEM
	appCertSN, rootCertSN      string
	aliCertSN                  string

	mu     sync.Mutex
	trades map[string]*alipayTrade
	seq    int
	later  later // refunds settling
}

// alipayTrade is one trade the fake holds.
type alipayTrade struct {
	info        TradeInfo
	tradeNo     string
	notifyURL   string
	buyerOpenID string
	qr          string // precreate's code
	returnURL   string // wap pay's return_url
	paidAt      time.Time
	refunds     map[string]*alipayRefund // by out_request_no
	refundOrder []string
	refundedFen int64
	seq         int
}

type alipayRefund struct {
	outRequestNo string
	amountFen    int64
	at           time.Time
}

var _ Fake = (*AlipayFake)(nil)

// NewAlipay creates the fake with fresh RSA keys (and certificates in
// certificate mode).
func NewAlipay(opts AlipayOptions) (*AlipayFake, error) {
	if opts.AppID == "" {
		opts.AppID = "2021000000000001"
	}
	if opts.SellerID == "" {
		opts.SellerID = "2088000000000001"
	}
	if opts.Retries == nil {
		opts.Retries = AlipayRetries
	}
	f := &AlipayFake{opts: opts, trades: map[string]*alipayTrade{}}
	var err error
	if f.appKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		return nil, fmt.Errorf("paysim alipay: app key: %w", err)
	}
	if f.aliKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		return nil, fmt.Errorf("paysim alipay: alipay key: %w", err)
	}
	if opts.CertMode {
		if err := f.issueCerts(); err != nil {
			return nil, fmt.Errorf("paysim alipay: certificates: %w", err)
		}
	}
	f.deliver = &Deliverer{Retries: opts.Retries, Log: opts.Log}
	return f, nil
}

// issueCerts makes a root certificate (self-signed with the Alipay key)
// and issues the app and Alipay certificates from it.
func (f *AlipayFake) issueCerts() error {
	now := time.Now()
	root := &x509.Certificate{
		SerialNumber:          big.NewInt(now.UnixNano()),
		Subject:               pkix.Name{CommonName: "paysim Alipay Root CA", Organization: []string{"paysim"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(5, 0, 0),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	rootDER, err := x509.CreateCertificate(rand.Reader, root, root, &f.aliKey.PublicKey, f.aliKey)
	if err != nil {
		return err
	}
	rootCert, err := x509.ParseCertificate(rootDER)
	if err != nil {
		return err
	}
	leaf := func(serial int64, cn string, pub *rsa.PublicKey) ([]byte, *x509.Certificate, error) {
		tpl := &x509.Certificate{
			SerialNumber: big.NewInt(serial),
			Subject:      pkix.Name{CommonName: cn, Organization: []string{"paysim"}},
			NotBefore:    now.Add(-time.Hour),
			NotAfter:     now.AddDate(5, 0, 0),
			KeyUsage:     x509.KeyUsageDigitalSignature,
		}
		der, err := x509.CreateCertificate(rand.Reader, tpl, rootCert, pub, f.aliKey)
		if err != nil {
			return nil, nil, err
		}
		c, err := x509.ParseCertificate(der)
		return der, c, err
	}
	appDER, appCert, err := leaf(now.UnixNano()+1, f.opts.AppID, &f.appKey.PublicKey)
	if err != nil {
		return err
	}
	aliDER, aliCert, err := leaf(now.UnixNano()+2, "paysim Alipay "+f.opts.SellerID, &f.aliKey.PublicKey)
	if err != nil {
		return err
	}
	f.rootCert, f.appCert, f.aliCert = aliPEMCert(rootDER), aliPEMCert(appDER), aliPEMCert(aliDER)
	f.rootCertSN, f.appCertSN, f.aliCertSN = alipayCertSN(rootCert), alipayCertSN(appCert), alipayCertSN(aliCert)
	return nil
}

func aliPEMCert(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// Options returns the options the fake runs with (defaults filled in).
func (f *AlipayFake) Options() AlipayOptions { return f.opts }

// AppID is the fake's app id.
func (f *AlipayFake) AppID() string { return f.opts.AppID }

// SellerID is the fake merchant's seller id.
func (f *AlipayFake) SellerID() string { return f.opts.SellerID }

// Deliverer is the fake's notification deliverer (attempt counts, Flush).
func (f *AlipayFake) Deliverer() *Deliverer { return f.deliver }

// ClientConfig is the merchant's configuration for this fake: the app
// key, Alipay's public key or the three certificates, and the gateway.
// gatewayURL is the fake's base URL (e.g. httptest's) or its /gateway.do.
func (f *AlipayFake) ClientConfig(notifyURL, gatewayURL string) *payment.AlipayConfig {
	cfg := &payment.AlipayConfig{
		AppID:      f.opts.AppID,
		PrivateKey: string(f.appKeyPEM()),
		SellerID:   f.opts.SellerID,
		NotifyURL:  notifyURL,
		GatewayURL: alipayGatewayURL(gatewayURL),
	}
	if f.opts.CertMode {
		cfg.AppCert, cfg.RootCert, cfg.AlipayCert = string(f.appCert), string(f.rootCert), string(f.aliCert)
	} else {
		cfg.AlipayPublicKey = string(f.aliPublicPEM())
	}
	return cfg
}

func alipayGatewayURL(u string) string {
	if u == "" || strings.HasSuffix(u, "/gateway.do") {
		return u
	}
	return strings.TrimSuffix(u, "/") + "/gateway.do"
}

func (f *AlipayFake) appKeyPEM() []byte {
	der, _ := x509.MarshalPKCS8PrivateKey(f.appKey)
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

func (f *AlipayFake) aliPublicPEM() []byte {
	der, _ := x509.MarshalPKIXPublicKey(&f.aliKey.PublicKey)
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// WriteFiles writes the merchant's key files into dir (mode 0600) and
// returns the VOLTPAY_ALIPAY_* variables that load them. The caller adds
// VOLTPAY_ALIPAY_GATEWAY_URL (where the fake is served) and
// VOLTPAY_ALIPAY_NOTIFY_URL (the webhook), which the fake cannot know.
func (f *AlipayFake) WriteFiles(dir string) (map[string]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("paysim alipay: %w", err)
	}
	env := map[string]string{
		payment.EnvAlipayAppID:    f.opts.AppID,
		payment.EnvAlipaySellerID: f.opts.SellerID,
	}
	files := map[string][]byte{payment.EnvAlipayPrivateKeyFile: f.appKeyPEM()}
	names := map[string]string{payment.EnvAlipayPrivateKeyFile: "alipay_app_private_key.pem"}
	if f.opts.CertMode {
		files[payment.EnvAlipayAppCertFile], names[payment.EnvAlipayAppCertFile] = f.appCert, "alipay_app_cert.crt"
		files[payment.EnvAlipayRootCertFile], names[payment.EnvAlipayRootCertFile] = f.rootCert, "alipay_root_cert.crt"
		files[payment.EnvAlipayCertFile], names[payment.EnvAlipayCertFile] = f.aliCert, "alipay_cert.crt"
	} else {
		files[payment.EnvAlipayPublicKeyFile], names[payment.EnvAlipayPublicKeyFile] = f.aliPublicPEM(), "alipay_public_key.pem"
	}
	for envName, content := range files {
		path := filepath.Join(dir, names[envName])
		if err := os.WriteFile(path, content, 0o600); err != nil {
			return nil, fmt.Errorf("paysim alipay: %w", err)
		}
		env[envName] = path
	}
	return env, nil
}

// List returns the trades, newest first.
func (f *AlipayFake) List() []TradeInfo {
	f.mu.Lock()
	defer f.mu.Unlock()
	ts := make([]*alipayTrade, 0, len(f.trades))
	for _, t := range f.trades {
		ts = append(ts, t)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].seq > ts[j].seq })
	out := make([]TradeInfo, len(ts))
	for i, t := range ts {
		out[i] = t.info
		if t.qr != "" {
			out[i].QRCode = "https://qr.alipay.com/" + t.qr
		}
	}
	return out
}

// SetFaults changes how notifications are delivered from now on.
func (f *AlipayFake) SetFaults(faults Faults) { f.deliver.SetFaults(faults) }

// Close stops pending refund notifications and retries.
func (f *AlipayFake) Close() {
	f.later.stop()
	f.deliver.Close()
}

// Pay plays the payer: the trade becomes TRADE_SUCCESS and the merchant
// is notified.
func (f *AlipayFake) Pay(outTradeNo string) error {
	f.mu.Lock()
	t := f.trades[outTradeNo]
	if t == nil {
		f.mu.Unlock()
		return fmt.Errorf("paysim alipay: no trade %q", outTradeNo)
	}
	if t.info.State != "WAIT_BUYER_PAY" {
		state := t.info.State
		f.mu.Unlock()
		return fmt.Errorf("paysim alipay: trade %s is %s, not WAIT_BUYER_PAY", outTradeNo, state)
	}
	t.info.State = "TRADE_SUCCESS"
	t.paidAt = time.Now()
	if t.tradeNo == "" {
		t.tradeNo = f.newTradeNo()
	}
	if t.buyerOpenID == "" {
		t.buyerOpenID = "paysim-buyer-" + aliRandDigits(8)
	}
	values := f.tradeNotifyValues(t, "")
	f.mu.Unlock()
	f.notify(outTradeNo, t.notifyURL, values)
	return nil
}

// newTradeNo makes an Alipay-looking trade number; f.mu is held.
func (f *AlipayFake) newTradeNo() string {
	f.seq++
	return time.Now().In(payment.Shanghai).Format("20060102") + "22001" + fmt.Sprintf("%06d", f.seq) + aliRandDigits(9)
}

func aliRandDigits(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = '0' + b[i]%10
	}
	return string(b)
}
