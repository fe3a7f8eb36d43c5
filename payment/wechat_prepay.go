package payment

import (
	"context"
	"fmt"
	"time"

	"github.com/wechatpay-apiv3/wechatpay-go/core"
	"github.com/wechatpay-apiv3/wechatpay-go/services/payments/h5"
	"github.com/wechatpay-apiv3/wechatpay-go/services/payments/jsapi"
	"github.com/wechatpay-apiv3/wechatpay-go/services/payments/native"
)

// Prepay opens a JSAPI (mini-program), Native (QR) or H5 trade. Business
// refusals wrap ErrProvider.
func (g *WechatGateway) Prepay(ctx context.Context, req PrepayRequest) (*Prepay, error) {
	if req.OutTradeNo == "" || len(req.OutTradeNo) > 32 {
		return nil, fmt.Errorf("wechat pay prepay: out_trade_no %q must be 1–32 characters", req.OutTradeNo)
	}
	if req.AmountFen <= 0 {
		return nil, fmt.Errorf("wechat pay prepay %s: amount %d fen must be positive", req.OutTradeNo, req.AmountFen)
	}
	var expire *time.Time
	if !req.ExpiresAt.IsZero() {
		// WeChat wants yyyy-MM-ddTHH:mm:ss+08:00: no fractional seconds.
		t := req.ExpiresAt.In(Shanghai).Truncate(time.Second)
		expire = &t
	}
	switch req.Method {
	case MethodMiniProgram:
		if req.PayerID == "" {
			return nil, fmt.Errorf("wechat pay prepay %s: the mini-program method needs the payer's openid", req.OutTradeNo)
		}
		svc := jsapi.JsapiApiService{Client: g.client}
		resp, _, err := svc.PrepayWithRequestPayment(ctx, jsapi.PrepayRequest{
			Appid: core.String(g.cfg.AppID), Mchid: core.String(g.cfg.MchID),
			Description: core.String(req.Description), OutTradeNo: core.String(req.OutTradeNo),
			TimeExpire: expire, NotifyUrl: core.String(g.cfg.NotifyURL),
			Amount: &jsapi.Amount{Total: core.Int64(req.AmountFen), Currency: core.String("CNY")},
			Payer:  &jsapi.Payer{Openid: core.String(req.PayerID)},
		})
		if err != nil {
			return nil, wxAPIError("jsapi prepay "+req.OutTradeNo, err)
		}
		return &Prepay{RequestPayment: &RequestPayment{
			AppID: wxStr(resp.Appid), TimeStamp: wxStr(resp.TimeStamp), NonceStr: wxStr(resp.NonceStr),
			Package: wxStr(resp.Package), SignType: wxStr(resp.SignType), PaySign: wxStr(resp.PaySign),
		}}, nil
	case MethodQR:
		svc := native.NativeApiService{Client: g.client}
		resp, _, err := svc.Prepay(ctx, native.PrepayRequest{
			Appid: core.String(g.cfg.AppID), Mchid: core.String(g.cfg.MchID),
			Description: core.String(req.Description), OutTradeNo: core.String(req.OutTradeNo),
			TimeExpire: expire, NotifyUrl: core.String(g.cfg.NotifyURL),
			Amount: &native.Amount{Total: core.Int64(req.AmountFen), Currency: core.String("CNY")},
		})
		if err != nil {
			return nil, wxAPIError("native prepay "+req.OutTradeNo, err)
		}
		if wxStr(resp.CodeUrl) == "" {
			return nil, fmt.Errorf("wechat pay native prepay %s: no code_url in the answer", req.OutTradeNo)
		}
		return &Prepay{CodeURL: *resp.CodeUrl}, nil
	case MethodH5:
		if req.ClientIP == "" {
			return nil, fmt.Errorf("wechat pay prepay %s: the H5 method needs the payer's IP", req.OutTradeNo)
		}
		svc := h5.H5ApiService{Client: g.client}
		resp, _, err := svc.Prepay(ctx, h5.PrepayRequest{
			Appid: core.String(g.cfg.AppID), Mchid: core.String(g.cfg.MchID),
			Description: core.String(req.Description), OutTradeNo: core.String(req.OutTradeNo),
			TimeExpire: expire, NotifyUrl: core.String(g.cfg.NotifyURL),
			Amount: &h5.Amount{Total: core.Int64(req.AmountFen), Currency: core.String("CNY")},
			SceneInfo: &h5.SceneInfo{
				PayerClientIp: core.String(req.ClientIP),
				H5Info:        &h5.H5Info{Type: core.String("Wap")},
			},
		})
		if err != nil {
			return nil, wxAPIError("h5 prepay "+req.OutTradeNo, err)
		}
		if wxStr(resp.H5Url) == "" {
			return nil, fmt.Errorf("wechat pay h5 prepay %s: no h5_url in the answer", req.OutTradeNo)
		}
		return &Prepay{RedirectURL: *resp.H5Url}, nil
	default:
		return nil, fmt.Errorf("wechat pay prepay %s: method %q is not supported (use %s, %s or %s)",
			req.OutTradeNo, req.Method, MethodMiniProgram, MethodQR, MethodH5)
	}
}
