package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/notify"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/wxlogin"
)

// The tenant app's outside peers: the SMS driver texting codes (sms.go
// declares its settings), and WeChat's jscode2session for the
// mini-program's sign-in.

// wireTenantApp gives the tenant app's sign-in its SMS driver (the
// in-process fake, a GSM modem or Tencent Cloud SMS: VOLTPAY_SMS) and
// WeChat client by cfg, and serves the fake SMS's inbox when configured;
// stop closes the driver and that listener. The driver's delivery reports
// go to d (the outbox); sms is the driver, for the outbox to send by.
func wireTenantApp(ctx context.Context, cfg *config, res *graph.Resolver, d *deliveries, log *slog.Logger) (sms voltpay.SMS, stop func(), err error) {
	a, _ := res.AuthService.(*postgres.AuthService)
	fake := cfg.SMS.Driver == "fake" || cfg.SMS.Driver == ""
	if cfg.SMSInboxAddr != "" && !fake {
		return nil, nil, fmt.Errorf("VOLTPAY_SMS_INBOX_ADDR is set but VOLTPAY_SMS is %q: the inbox exists only with VOLTPAY_SMS=fake", cfg.SMS.Driver)
	}
	var stops []func()
	stop = func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
	if fake {
		f := notify.NewFake()
		f.OnReport = d.report
		sms = f
		log.Warn("VOLTPAY_SMS=fake: sign-in and binding codes are kept in memory, not texted; fine for the demo, not for tenants")
		if cfg.SMSInboxAddr != "" {
			_, closeInbox, err := serveSMSInbox(cfg.SMSInboxAddr, f, log)
			if err != nil {
				return nil, nil, err
			}
			stops = append(stops, closeInbox)
		}
	} else {
		cfg.SMS.Modem.OnReport = d.report
		driver, closeDriver, err := cfg.SMS.smsDriver(log)
		if err != nil {
			return nil, nil, fmt.Errorf("VOLTPAY_SMS=%s: %w", cfg.SMS.Driver, err)
		}
		sms = driver
		stops = append(stops, func() {
			if err := closeDriver(); err != nil {
				log.Warn("closing the SMS driver", "err", err)
			}
		})
	}
	if a != nil {
		a.SMS = sms
	}
	if appID, secret := cfg.PaymentEnv("VOLTPAY_WECHAT_APPID"), cfg.PaymentEnv("VOLTPAY_WECHAT_APP_SECRET"); appID != "" && secret != "" {
		c, err := wxlogin.New(wxlogin.Config{AppID: appID, AppSecret: secret, API: cfg.PaymentEnv("VOLTPAY_WECHAT_API_URL")})
		if err != nil {
			stop()
			return nil, nil, err
		}
		res.Wechat = c
	}
	if res.WeChatMessages, err = cfg.wechatMessenger(); err != nil {
		stop()
		return nil, nil, err
	}
	return sms, stop, nil
}

// serveSMSInbox serves the fake's inbox on addr, which must be a loopback
// address, and returns the address it listens on: GET /sms/inbox?phone=…
// answers the phone's messages, latest first, as JSON. It is never on the
// API's address, and never exists without the fake, so a server that texts
// real phones has no inbox to leak.
func serveSMSInbox(addr string, fake *notify.Fake, log *slog.Logger) (bound string, stop func(), err error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", nil, fmt.Errorf("VOLTPAY_SMS_INBOX_ADDR %q: want host:port: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return "", nil, fmt.Errorf("VOLTPAY_SMS_INBOX_ADDR %q: the fake SMS inbox holds sign-in codes, so it listens on loopback only (127.0.0.1:port)", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("listen on %s (VOLTPAY_SMS_INBOX_ADDR): %w", addr, err)
	}
	srv := &http.Server{Handler: smsInboxHandler(fake), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("fake SMS inbox stopped", "err", err)
		}
	}()
	log.Info("fake SMS inbox", "addr", ln.Addr().String(), "path", "/sms/inbox?phone=…")
	return ln.Addr().String(), func() { srv.Close() }, nil
}

// smsInboxHandler answers GET /sms/inbox?phone=… from fake.
func smsInboxHandler(fake *notify.Fake) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /sms/inbox", func(w http.ResponseWriter, r *http.Request) {
		phone := r.URL.Query().Get("phone")
		if phone == "" || len(phone) > 32 {
			http.Error(w, "pass ?phone= (the number the codes were texted to)", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		json.NewEncoder(w).Encode(fake.Inbox(phone))
	})
	return mux
}
