package payment

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/wechatpay-apiv3/wechatpay-go/core"
	"github.com/wechatpay-apiv3/wechatpay-go/core/auth"
	"github.com/wechatpay-apiv3/wechatpay-go/core/auth/verifiers"
	"github.com/wechatpay-apiv3/wechatpay-go/core/notify"
	"github.com/wechatpay-apiv3/wechatpay-go/core/option"
)

// WechatGateway is WeChat Pay APIv3 for one merchant, through the official
// SDK (github.com/wechatpay-apiv3/wechatpay-go).
type WechatGateway struct {
	cfg     WechatConfig
	client  *core.Client
	notify  *notify.Handler
	serials map[string]bool // public key ID and platform certificate serials we verify with
	log     *slog.Logger
}

var _ Gateway = (*WechatGateway)(nil)

// WechatOption changes how NewWechat builds the gateway.
type WechatOption func(*WechatGateway)

// WithWechatLogger logs rejected notifications (reasons only, never keys
// or bodies) to l.
func WithWechatLogger(l *slog.Logger) WechatOption {
	return func(g *WechatGateway) { g.log = l }
}

// NewWechat builds the gateway. It makes no network call: the platform's
// keys come from the config (public key and/or certificates), never from
// the SDK's certificate auto-download.
func NewWechat(ctx context.Context, cfg *WechatConfig, opts ...WechatOption) (*WechatGateway, error) {
	if cfg == nil {
		return nil, errors.New("wechat pay: no configuration")
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	httpClient, err := NewHTTPClient(cfg.HTTP)
	if err != nil {
		return nil, fmt.Errorf("wechat pay: %w", err)
	}
	g := &WechatGateway{cfg: *cfg, serials: map[string]bool{}, log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(g)
	}

	var verifier auth.Verifier
	var auth core.ClientOption
	switch {
	case cfg.PublicKeyID != "" && len(cfg.PlatformCerts) > 0:
		// Migration: WeChat signs with either while it switches keys, and
		// the combined verifier picks by the Wechatpay-Serial header.
		verifier = verifiers.NewSHA256WithRSACombinedVerifier(
			core.NewCertificateMapWithList(cfg.PlatformCerts), cfg.PublicKeyID, *cfg.PublicKey)
	case cfg.PublicKeyID != "":
		auth = option.WithWechatPayPublicKeyAuthCipher(cfg.MchID, cfg.MchCertSerial, cfg.MchPrivateKey, cfg.PublicKeyID, cfg.PublicKey)
		verifier = verifiers.NewSHA256WithRSAPubkeyVerifier(cfg.PublicKeyID, *cfg.PublicKey)
	default:
		auth = option.WithWechatPayAuthCipher(cfg.MchID, cfg.MchCertSerial, cfg.MchPrivateKey, cfg.PlatformCerts)
		verifier = verifiers.NewSHA256WithRSAVerifier(core.NewCertificateMapWithList(cfg.PlatformCerts))
	}
	clientOpts := []core.ClientOption{option.WithHTTPClient(httpClient)}
	if auth != nil {
		clientOpts = append(clientOpts, auth)
	} else {
		clientOpts = append(clientOpts,
			option.WithMerchantCredential(cfg.MchID, cfg.MchCertSerial, cfg.MchPrivateKey),
			option.WithVerifier(verifier))
	}
	if cfg.PublicKeyID != "" {
		g.serials[cfg.PublicKeyID] = true
	}
	for _, c := range cfg.PlatformCerts {
		g.serials[fmt.Sprintf("%X", c.SerialNumber.Bytes())] = true
	}

	if g.client, err = core.NewClient(ctx, clientOpts...); err != nil {
		return nil, fmt.Errorf("wechat pay: building the SDK client: %w", err)
	}
	// NewRSANotifyHandler, not NewNotifyHandler: the latter returns nil
	// on a bad key and the first notification would panic.
	if g.notify, err = notify.NewRSANotifyHandler(cfg.APIv3Key, verifier); err != nil {
		return nil, fmt.Errorf("wechat pay: notification handler (APIv3 key must be 32 bytes): %w", err)
	}
	return g, nil
}

// Provider returns Wechat.
func (g *WechatGateway) Provider() string { return Wechat }

// Methods lists mini-program (JSAPI), QR (Native) and H5.
func (g *WechatGateway) Methods() []Method {
	return []Method{MethodMiniProgram, MethodQR, MethodH5}
}

// wxAPIError turns an SDK error into ours: business refusals (a JSON error
// body from WeChat) wrap ErrProvider with the code and message; anything
// else is a transport or signature problem, summarised without the SDK's
// dump of headers.
func wxAPIError(op string, err error) error {
	var ae *core.APIError
	if errors.As(err, &ae) {
		if ae.Code == "" {
			return fmt.Errorf("wechat pay %s: HTTP %d", op, ae.StatusCode)
		}
		return fmt.Errorf("wechat pay %s: %w: %s %s", op, ErrProvider, ae.Code, ae.Message)
	}
	return fmt.Errorf("wechat pay %s: %s", op, wxFirstLine(err.Error()))
}

func wxFirstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

func wxStr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func wxI64(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
