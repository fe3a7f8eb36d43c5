package payment

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

// AlipayConfig configures one Alipay app. Key material is held as text
// (PEM or raw base64) and never printed: String hides it.
type AlipayConfig struct {
	AppID string
	// PrivateKey is the app's RSA private key, PEM or raw base64, PKCS#1
	// or PKCS#8.
	PrivateKey string
	// AlipayPublicKey is Alipay's public key (public-key mode), PEM or raw
	// base64 PKIX. Leave it empty in certificate mode.
	AlipayPublicKey string
	// AppCert, RootCert and AlipayCert are the PEM contents of
	// appCertPublicKey_<appid>.crt, alipayRootCert.crt and
	// alipayCertPublicKey_RSA2.crt (certificate mode).
	AppCert, RootCert, AlipayCert string
	// SellerID, when set, is checked against seller_id of notifications.
	SellerID  string
	NotifyURL string // where Alipay posts notifications; https, no query string
	ReturnURL string // default browser return URL of H5 payments
	// GatewayURL replaces the production gateway (the offline fake). Empty
	// in production.
	GatewayURL string
	HTTP       HTTPOptions
}

// CertMode tells whether the config uses Alipay's certificate mode.
func (c *AlipayConfig) CertMode() bool {
	return c.AppCert != "" || c.RootCert != "" || c.AlipayCert != ""
}

// String describes the config without key material, for logs.
func (c *AlipayConfig) String() string {
	mode := "public-key"
	if c.CertMode() {
		mode = "certificate"
	}
	gw := c.GatewayURL
	if gw == "" {
		gw = "production"
	}
	return fmt.Sprintf("alipay app %s (%s mode, gateway %s)", c.AppID, mode, gw)
}

// Environment variables read by LoadAlipayConfig.
const (
	EnvAlipayAppID          = "VOLTPAY_ALIPAY_APPID"
	EnvAlipayPrivateKeyFile = "VOLTPAY_ALIPAY_PRIVATE_KEY_FILE"
	EnvAlipayPublicKeyFile  = "VOLTPAY_ALIPAY_PUBLIC_KEY_FILE"
	EnvAlipayAppCertFile    = "VOLTPAY_ALIPAY_APP_CERT_FILE"
	EnvAlipayRootCertFile   = "VOLTPAY_ALIPAY_ROOT_CERT_FILE"
	EnvAlipayCertFile       = "VOLTPAY_ALIPAY_CERT_FILE"
	EnvAlipaySellerID       = "VOLTPAY_ALIPAY_SELLER_ID"
	EnvAlipayNotifyURL      = "VOLTPAY_ALIPAY_NOTIFY_URL"
	EnvAlipayReturnURL      = "VOLTPAY_ALIPAY_RETURN_URL"
	EnvAlipayGatewayURL     = "VOLTPAY_ALIPAY_GATEWAY_URL"
	EnvPayProxy             = "VOLTPAY_PAY_PROXY"
)

// LoadAlipayConfig reads the Alipay channel's configuration from the
// environment (getenv is os.Getenv in production). It returns (nil, nil)
// when VOLTPAY_ALIPAY_APPID is empty: the channel is not configured.
// Otherwise every missing or unreadable variable is reported in one error,
// with what it should hold; the error never contains key material.
func LoadAlipayConfig(getenv func(string) string) (*AlipayConfig, error) {
	appID := strings.TrimSpace(getenv(EnvAlipayAppID))
	if appID == "" {
		return nil, nil
	}
	cfg := &AlipayConfig{
		AppID:      appID,
		SellerID:   strings.TrimSpace(getenv(EnvAlipaySellerID)),
		NotifyURL:  strings.TrimSpace(getenv(EnvAlipayNotifyURL)),
		ReturnURL:  strings.TrimSpace(getenv(EnvAlipayReturnURL)),
		GatewayURL: strings.TrimSpace(getenv(EnvAlipayGatewayURL)),
		HTTP:       HTTPOptions{Proxy: strings.TrimSpace(getenv(EnvPayProxy))},
	}
	var problems []string
	file := func(env, what string, required bool) string {
		path := strings.TrimSpace(getenv(env))
		if path == "" {
			if required {
				problems = append(problems, fmt.Sprintf("%s is not set: give the path of %s", env, what))
			}
			return ""
		}
		b, err := os.ReadFile(path)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s=%s: cannot read %s: %v", env, path, what, errors.Unwrap(err)))
			return ""
		}
		if strings.TrimSpace(string(b)) == "" {
			problems = append(problems, fmt.Sprintf("%s: %s is empty, want %s", env, path, what))
		}
		return string(b)
	}
	cfg.PrivateKey = file(EnvAlipayPrivateKeyFile, "the app's RSA private key (PEM or base64, PKCS#1/PKCS#8)", true)

	certMode := getenv(EnvAlipayAppCertFile) != "" || getenv(EnvAlipayRootCertFile) != "" || getenv(EnvAlipayCertFile) != ""
	switch {
	case certMode && getenv(EnvAlipayPublicKeyFile) != "":
		problems = append(problems, fmt.Sprintf("set either %s (public-key mode) or the three certificate files (certificate mode), not both",
			EnvAlipayPublicKeyFile))
	case certMode:
		cfg.AppCert = file(EnvAlipayAppCertFile, "the app public-key certificate appCertPublicKey_<appid>.crt (PEM)", true)
		cfg.RootCert = file(EnvAlipayRootCertFile, "Alipay's root certificate alipayRootCert.crt (PEM)", true)
		cfg.AlipayCert = file(EnvAlipayCertFile, "Alipay's public-key certificate alipayCertPublicKey_RSA2.crt (PEM)", true)
	default:
		cfg.AlipayPublicKey = file(EnvAlipayPublicKeyFile,
			"Alipay's public key (PEM or base64), or set the three certificate files "+
				EnvAlipayAppCertFile+", "+EnvAlipayRootCertFile+", "+EnvAlipayCertFile+" instead", true)
	}
	if cfg.NotifyURL == "" {
		problems = append(problems, EnvAlipayNotifyURL+" is not set: give the https URL Alipay posts notifications to")
	} else if !strings.HasPrefix(cfg.NotifyURL, "http://") && !strings.HasPrefix(cfg.NotifyURL, "https://") || strings.Contains(cfg.NotifyURL, "?") {
		problems = append(problems, EnvAlipayNotifyURL+": want an http(s) URL without a query string")
	}
	if cfg.GatewayURL != "" && !strings.HasPrefix(cfg.GatewayURL, "http://") && !strings.HasPrefix(cfg.GatewayURL, "https://") {
		problems = append(problems, EnvAlipayGatewayURL+": want http(s)://host[:port]/gateway.do, or leave it empty for production")
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("alipay config (%s=%s): %s", EnvAlipayAppID, appID, strings.Join(problems, "; "))
	}
	return cfg, nil
}
