package payment

import (
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/wechatpay-apiv3/wechatpay-go/utils"
)

// WechatConfig is one WeChat Pay (APIv3) merchant.
//
// The platform's responses and notifications are verified either with the
// WeChat Pay public key (PublicKeyID set: merchants onboarded since 2024),
// with platform certificates (PlatformCerts), or with both while a merchant
// migrates from certificates to the public key.
type WechatConfig struct {
	MchID         string
	AppID         string // the mini-program / official account appid the trades belong to
	MchCertSerial string // serial number of the merchant API certificate (signs our requests)
	MchPrivateKey *rsa.PrivateKey
	APIv3Key      string // 32 bytes: decrypts notifications
	PublicKeyID   string // PUB_KEY_ID_…
	PublicKey     *rsa.PublicKey
	PlatformCerts []*x509.Certificate
	NotifyURL     string // our webhook: https, no query string
	HTTP          HTTPOptions
}

// Wechat configuration environment variables.
const (
	envWechatMchID       = "VOLTPAY_WECHAT_MCHID"
	envWechatAppID       = "VOLTPAY_WECHAT_APPID"
	envWechatMchSerial   = "VOLTPAY_WECHAT_MCH_SERIAL"
	envWechatMchKeyFile  = "VOLTPAY_WECHAT_MCH_KEY_FILE"
	envWechatAPIv3Key    = "VOLTPAY_WECHAT_APIV3_KEY"
	envWechatAPIv3File   = "VOLTPAY_WECHAT_APIV3_KEY_FILE"
	envWechatPubKeyID    = "VOLTPAY_WECHAT_PUBKEY_ID"
	envWechatPubKeyFile  = "VOLTPAY_WECHAT_PUBKEY_FILE"
	envWechatPlatCerts   = "VOLTPAY_WECHAT_PLATFORM_CERT_FILES"
	envWechatNotifyURL   = "VOLTPAY_WECHAT_NOTIFY_URL"
	envWechatBaseURL     = "VOLTPAY_WECHAT_BASE_URL"
	envPayProxy          = "VOLTPAY_PAY_PROXY"
	wechatAPIv3KeyLength = 32
)

// LoadWechatConfig reads the WeChat Pay channel from the environment. It
// returns (nil, nil) when VOLTPAY_WECHAT_MCHID is empty: the channel is
// not configured. Otherwise it reports every missing or bad variable at
// once, saying what it should hold; the error never contains key material.
func LoadWechatConfig(getenv func(string) string) (*WechatConfig, error) {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	cfg := &WechatConfig{
		MchID:         get(envWechatMchID),
		AppID:         get(envWechatAppID),
		MchCertSerial: strings.ToUpper(get(envWechatMchSerial)),
		PublicKeyID:   get(envWechatPubKeyID),
		NotifyURL:     get(envWechatNotifyURL),
		HTTP:          HTTPOptions{Proxy: get(envPayProxy), BaseURL: get(envWechatBaseURL)},
	}
	if cfg.MchID == "" {
		return nil, nil
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	if cfg.AppID == "" {
		bad("%s is empty: set the appid of the mini-program the trades belong to (wx…)", envWechatAppID)
	}
	if cfg.MchCertSerial == "" {
		bad("%s is empty: set the serial number of the merchant API certificate (40 hex digits)", envWechatMchSerial)
	}
	if f := get(envWechatMchKeyFile); f == "" {
		bad("%s is empty: set the path of the merchant API private key (apiclient_key.pem, PKCS#8 PEM)", envWechatMchKeyFile)
	} else if k, err := utils.LoadPrivateKeyWithPath(f); err != nil {
		bad("%s=%s: not a readable PKCS#8 PEM RSA private key (\"BEGIN PRIVATE KEY\"): %s", envWechatMchKeyFile, f, wxShortErr(err))
	} else {
		cfg.MchPrivateKey = k
	}

	switch key, file := getenv(envWechatAPIv3Key), get(envWechatAPIv3File); {
	case key != "":
		if len(key) != wechatAPIv3KeyLength {
			bad("%s holds %d bytes: the APIv3 key is exactly 32 bytes", envWechatAPIv3Key, len(key))
		}
		cfg.APIv3Key = key
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			bad("%s=%s: cannot read it: %s", envWechatAPIv3File, file, wxShortErr(err))
			break
		}
		cfg.APIv3Key = strings.TrimSpace(string(b))
		if len(cfg.APIv3Key) != wechatAPIv3KeyLength {
			bad("%s=%s holds %d bytes: the APIv3 key is exactly 32 bytes", envWechatAPIv3File, file, len(cfg.APIv3Key))
		}
	default:
		bad("%s and %s are empty: set the 32-byte APIv3 key (or a file holding it)", envWechatAPIv3Key, envWechatAPIv3File)
	}

	pubFile := get(envWechatPubKeyFile)
	certFiles := get(envWechatPlatCerts)
	switch {
	case cfg.PublicKeyID != "" && pubFile == "":
		bad("%s is set but %s is empty: set the path of the WeChat Pay public key (pub_key.pem)", envWechatPubKeyID, envWechatPubKeyFile)
	case cfg.PublicKeyID == "" && pubFile != "":
		bad("%s is set but %s is empty: set the public key ID (PUB_KEY_ID_…)", envWechatPubKeyFile, envWechatPubKeyID)
	case cfg.PublicKeyID == "" && certFiles == "":
		bad("%s/%s and %s are empty: set the WeChat Pay public key ID and file, or the platform certificate files (comma separated), or both while migrating",
			envWechatPubKeyID, envWechatPubKeyFile, envWechatPlatCerts)
	}
	if pubFile != "" {
		if k, err := utils.LoadPublicKeyWithPath(pubFile); err != nil {
			bad("%s=%s: not a readable PEM RSA public key (\"BEGIN PUBLIC KEY\"): %s", envWechatPubKeyFile, pubFile, wxShortErr(err))
		} else {
			cfg.PublicKey = k
		}
	}
	if certFiles != "" {
		for _, f := range strings.Split(certFiles, ",") {
			if f = strings.TrimSpace(f); f == "" {
				continue
			}
			c, err := utils.LoadCertificateWithPath(f)
			if err != nil {
				bad("%s: %s is not a readable PEM certificate: %s", envWechatPlatCerts, f, wxShortErr(err))
				continue
			}
			if _, ok := c.PublicKey.(*rsa.PublicKey); !ok {
				bad("%s: %s does not hold an RSA key", envWechatPlatCerts, f)
				continue
			}
			cfg.PlatformCerts = append(cfg.PlatformCerts, c)
		}
	}

	if cfg.NotifyURL == "" {
		bad("%s is empty: set our WeChat Pay webhook URL (https://…/webhooks/wechat, no query string)", envWechatNotifyURL)
	} else if err := checkNotifyURL(cfg.NotifyURL); err != nil {
		bad("%s=%s: %s", envWechatNotifyURL, cfg.NotifyURL, err)
	}
	if _, err := NewHTTPClient(cfg.HTTP); err != nil {
		bad("%s/%s: %s", envPayProxy, envWechatBaseURL, err)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("wechat pay configuration (%s=%s):\n  %s", envWechatMchID, cfg.MchID, strings.Join(problems, "\n  "))
	}
	return cfg, nil
}

// checkNotifyURL applies WeChat's rules for notify_url: absolute, no query
// string (WeChat rejects it). Plain http is accepted for local demos.
func checkNotifyURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("not an absolute http(s) URL")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("WeChat Pay refuses notify URLs with a query string or fragment")
	}
	return nil
}

// validate checks a config built in code (LoadWechatConfig checks its own).
func (c *WechatConfig) validate() error {
	var missing []string
	if c.MchID == "" {
		missing = append(missing, "MchID")
	}
	if c.AppID == "" {
		missing = append(missing, "AppID")
	}
	if c.MchCertSerial == "" {
		missing = append(missing, "MchCertSerial")
	}
	if c.MchPrivateKey == nil {
		missing = append(missing, "MchPrivateKey")
	}
	if len(c.APIv3Key) != wechatAPIv3KeyLength {
		missing = append(missing, "APIv3Key (32 bytes)")
	}
	if (c.PublicKeyID == "") != (c.PublicKey == nil) {
		missing = append(missing, "PublicKeyID and PublicKey (both or neither)")
	}
	if c.PublicKeyID == "" && len(c.PlatformCerts) == 0 {
		missing = append(missing, "PublicKeyID+PublicKey or PlatformCerts")
	}
	if c.NotifyURL == "" {
		missing = append(missing, "NotifyURL")
	} else if err := checkNotifyURL(c.NotifyURL); err != nil {
		missing = append(missing, "NotifyURL ("+err.Error()+")")
	}
	if len(missing) > 0 {
		return fmt.Errorf("wechat pay config: missing or bad %s", strings.Join(missing, ", "))
	}
	return nil
}

// wxShortErr keeps the first line of an error: file loaders may quote
// content, and key material must never reach logs.
func wxShortErr(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}
