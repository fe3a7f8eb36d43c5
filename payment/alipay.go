package payment

import (
	"context"
	"crypto/md5"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/smartwalle/alipay/v3"
)

// AlipayGateway is the Alipay channel (openapi gateway, RSA2), built on
// github.com/smartwalle/alipay/v3.
type AlipayGateway struct {
	cfg    AlipayConfig
	client *alipay.Client
	http   *http.Client // also downloads the bills
	// certSN is the configured Alipay certificate's SN (certificate mode;
	// empty in public-key mode): the only alipay_cert_sn a notification
	// may name (alipayCertGuard).
	certSN string
}

var _ Gateway = (*AlipayGateway)(nil)

// alipayTimeFormat is Alipay's time format (Beijing time), used by
// time_expire, gmt_payment, notify_time and the bills.
const alipayTimeFormat = "2006-01-02 15:04:05"

// NewAlipay builds the Alipay gateway from cfg. It makes no network call.
// Errors name the setting that is wrong, never its content.
func NewAlipay(cfg *AlipayConfig) (*AlipayGateway, error) {
	if cfg == nil || cfg.AppID == "" {
		return nil, errors.New("alipay: no app id configured")
	}
	hc, err := NewHTTPClient(cfg.HTTP)
	if err != nil {
		return nil, fmt.Errorf("alipay: %w", err)
	}
	// production=true always: WithProductionGateway is only applied then,
	// and the fake stands in for the production gateway.
	opts := []alipay.OptionFunc{alipay.WithHTTPClient(hc), alipay.WithTimeLocation(Shanghai)}
	if cfg.GatewayURL != "" {
		opts = append(opts, alipay.WithProductionGateway(cfg.GatewayURL))
	}
	client, err := alipay.New(cfg.AppID, cfg.PrivateKey, true, opts...)
	if err != nil {
		return nil, errors.New("alipay: the app private key is not an RSA key in PEM or base64 (PKCS#1 or PKCS#8)")
	}
	if cfg.CertMode() {
		if cfg.AppCert == "" || cfg.RootCert == "" || cfg.AlipayCert == "" {
			return nil, errors.New("alipay: certificate mode needs the app certificate, Alipay's root certificate and Alipay's public-key certificate")
		}
		// The library accepts some bad input silently (a root bundle without
		// RSA certificates, an Alipay certificate without an RSA key), which
		// would only show as refused calls or unverifiable notifications.
		if err := checkPEMCerts(cfg.AppCert, false); err != nil {
			return nil, fmt.Errorf("alipay: the app certificate: %w", err)
		}
		if err := checkPEMCerts(cfg.RootCert, false); err != nil {
			return nil, fmt.Errorf("alipay: Alipay's root certificate: %w", err)
		}
		if err := checkPEMCerts(cfg.AlipayCert, true); err != nil {
			return nil, fmt.Errorf("alipay: Alipay's public-key certificate: %w", err)
		}
		if err := client.LoadAppCertPublicKey(cfg.AppCert); err != nil {
			return nil, errors.New("alipay: the app certificate is not a PEM certificate")
		}
		if err := client.LoadAliPayRootCert(cfg.RootCert); err != nil {
			return nil, errors.New("alipay: Alipay's root certificate is not a PEM certificate bundle")
		}
		if err := client.LoadAlipayCertPublicKey(cfg.AlipayCert); err != nil {
			return nil, errors.New("alipay: Alipay's public-key certificate is not a PEM certificate")
		}
	} else {
		if cfg.AlipayPublicKey == "" {
			return nil, errors.New("alipay: Alipay's public key is missing (or configure certificate mode)")
		}
		if err := client.LoadAliPayPublicKey(cfg.AlipayPublicKey); err != nil {
			return nil, errors.New("alipay: Alipay's public key is not an RSA public key in PEM or base64 (PKIX)")
		}
	}
	g := &AlipayGateway{cfg: *cfg, client: client, http: hc}
	if cfg.CertMode() {
		g.certSN = alipayCertSN(cfg.AlipayCert)
	}
	return g, nil
}

// alipayCertSN is Alipay's SN of the first certificate in s: the lowercase
// hex MD5 of its issuer and its decimal serial number.
func alipayCertSN(s string) string {
	b, _ := pem.Decode([]byte(s))
	if b == nil {
		return ""
	}
	c, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		return ""
	}
	sum := md5.Sum([]byte(c.Issuer.String() + c.SerialNumber.String()))
	return hex.EncodeToString(sum[:])
}

// checkPEMCerts checks that s holds PEM certificates (the first with an
// RSA key when rsaFirst).
func checkPEMCerts(s string, rsaFirst bool) error {
	rest := []byte(s)
	n := 0
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return fmt.Errorf("certificate %d does not parse: %v", n+1, err)
		}
		if n == 0 && rsaFirst {
			if _, ok := c.PublicKey.(*rsa.PublicKey); !ok {
				return errors.New("its key is not RSA (RSA2 needs an RSA key)")
			}
		}
		n++
	}
	if n == 0 {
		return errors.New("no PEM certificate found (want -----BEGIN CERTIFICATE-----)")
	}
	return nil
}

// Provider returns Alipay.
func (g *AlipayGateway) Provider() string { return Alipay }

// Methods: all three; mini-program needs the payer's buyer open id.
func (g *AlipayGateway) Methods() []Method {
	return []Method{MethodMiniProgram, MethodQR, MethodH5}
}

// Prepay opens the trade: precreate (QR), wap pay (H5, a signed URL, no
// call) or create (mini-program). Business refusals wrap ErrProvider.
func (g *AlipayGateway) Prepay(ctx context.Context, req PrepayRequest) (*Prepay, error) {
	if req.OutTradeNo == "" || req.AmountFen <= 0 {
		return nil, fmt.Errorf("alipay prepay: out_trade_no and a positive amount are required (got %q, %d fen)", req.OutTradeNo, req.AmountFen)
	}
	trade := alipay.Trade{
		NotifyURL:   g.cfg.NotifyURL,
		Subject:     req.Description,
		OutTradeNo:  req.OutTradeNo,
		TotalAmount: FormatYuan(req.AmountFen),
	}
	if trade.Subject == "" {
		trade.Subject = req.OutTradeNo
	}
	expire := ""
	if !req.ExpiresAt.IsZero() {
		expire = req.ExpiresAt.In(Shanghai).Format(alipayTimeFormat)
		trade.TimeExpire = expire
	}
	switch req.Method {
	case MethodQR:
		trade.ProductCode = "FACE_TO_FACE_PAYMENT"
		rsp, err := g.client.TradePreCreate(ctx, alipay.TradePreCreate{Trade: trade})
		if err != nil || rsp == nil {
			return nil, alipayErr("precreate "+req.OutTradeNo, err)
		}
		if !rsp.IsSuccess() {
			return nil, alipayBizErr("precreate "+req.OutTradeNo, rsp.Error)
		}
		return &Prepay{CodeURL: rsp.QRCode}, nil
	case MethodH5:
		trade.ProductCode = "QUICK_WAP_WAY"
		trade.ReturnURL = req.ReturnURL
		if trade.ReturnURL == "" {
			trade.ReturnURL = g.cfg.ReturnURL
		}
		u, err := g.client.TradeWapPay(alipay.TradeWapPay{Trade: trade, QuitURL: trade.ReturnURL, TimeExpire: expire})
		if err != nil {
			return nil, fmt.Errorf("alipay wap pay %s: signing the URL: %w", req.OutTradeNo, err)
		}
		return &Prepay{RedirectURL: u.String()}, nil
	case MethodMiniProgram:
		if req.PayerID == "" {
			return nil, fmt.Errorf("alipay create %s: the mini-program payer's buyer open id (PayerID) is required", req.OutTradeNo)
		}
		trade.ProductCode = "JSAPI_PAY"
		rsp, err := g.client.TradeCreate(ctx, alipay.TradeCreate{Trade: trade, BuyerOpenId: req.PayerID})
		if err != nil || rsp == nil {
			return nil, alipayErr("create "+req.OutTradeNo, err)
		}
		if !rsp.IsSuccess() {
			return nil, alipayBizErr("create "+req.OutTradeNo, rsp.Error)
		}
		return &Prepay{TradeNo: rsp.TradeNo}, nil
	}
	return nil, fmt.Errorf("alipay prepay %s: unknown method %q (want qr, h5 or mini_program)", req.OutTradeNo, req.Method)
}

// Ack answers "success", the only body that stops Alipay's retries.
func (g *AlipayGateway) Ack(w http.ResponseWriter) { alipay.ACKNotification(w) }

// Reject answers "fail": any body but "success" makes Alipay retry.
func (g *AlipayGateway) Reject(w http.ResponseWriter, status int, message string) {
	if status < 400 {
		status = http.StatusBadRequest
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte("fail"))
}

// alipayErr wraps a failed call: an error_response (unsigned, e.g. a bad
// signature or parameter) becomes ErrProvider with Alipay's codes;
// transport and verification errors are wrapped as they are.
func alipayErr(what string, err error) error {
	var ae *alipay.Error
	if errors.As(err, &ae) {
		return alipayBizErr(what, *ae)
	}
	if err == nil {
		err = errors.New("empty response")
	}
	return fmt.Errorf("alipay %s: %w", what, err)
}

// alipayBizErr wraps a signed business failure (code other than 10000
// or 10003) as ErrProvider with Alipay's codes.
func alipayBizErr(what string, e alipay.Error) error {
	return fmt.Errorf("alipay %s: %w: code=%s msg=%q sub_code=%s sub_msg=%q", what, ErrProvider, e.Code, e.Msg, e.SubCode, e.SubMsg)
}

// alipaySubCode is the sub_code behind a call's failure, if Alipay gave one.
func alipaySubCode(err error) string {
	var ae *alipay.Error
	if errors.As(err, &ae) {
		return ae.SubCode
	}
	return ""
}

// parseAlipayTime reads Alipay's Beijing-time timestamps; zero if absent
// or malformed (they are informational).
func parseAlipayTime(s string) time.Time {
	t, err := time.ParseInLocation(alipayTimeFormat, strings.TrimSpace(s), Shanghai)
	if err != nil {
		return time.Time{}
	}
	return t
}
