package main

import (
	"fmt"
	"log/slog"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/notify"
)

// smsSettings are the SMS driver's settings (README: SMS). The default
// driver is the in-process fake; modem and tencent are the real ones.
type smsSettings struct {
	Driver  string // fake, modem or tencent
	Modem   notify.ModemConfig
	Tencent notify.TencentConfig
}

// addSMSOptions declares VOLTPAY_SMS and the drivers' settings.
func addSMSOptions(o *options, c *config) {
	s := &c.SMS
	o.add("sms", "VOLTPAY_SMS", "fake", "how texts to tenants go: fake (kept in the server, for tests and the demo), modem (a GSM modem on a serial port) or tencent (Tencent Cloud SMS)", oneOf(&s.Driver, "fake", "modem", "tencent"))
	o.add("sms-modem-port", "VOLTPAY_SMS_MODEM_PORT", "", "the modem's serial port, e.g. /dev/ttyUSB0 or /dev/serial/by-id/… (VOLTPAY_SMS=modem)", text(&s.Modem.Port))
	o.add("sms-modem-baud", "VOLTPAY_SMS_MODEM_BAUD", "115200", "the modem's baud rate", integer(&s.Modem.Baud, 300, 4000000))
	o.secret("VOLTPAY_SMS_MODEM_PIN", "the SIM's PIN, 4 to 8 digits, when it has one", text(&s.Modem.PIN))
	o.add("sms-tencent-secret-id", "VOLTPAY_SMS_TENCENT_SECRET_ID", "", "Tencent Cloud API SecretId (a sub-account allowed only SendSms)", text(&s.Tencent.SecretID))
	o.secret("VOLTPAY_SMS_TENCENT_SECRET_KEY", "Tencent Cloud API SecretKey", text(&s.Tencent.SecretKey))
	o.add("sms-tencent-app-id", "VOLTPAY_SMS_TENCENT_APP_ID", "", "the SMS application's SdkAppId (1400…)", text(&s.Tencent.AppID))
	o.add("sms-tencent-sign-name", "VOLTPAY_SMS_TENCENT_SIGN_NAME", "", "the approved signature (签名), without 【】", text(&s.Tencent.SignName))
	o.add("sms-tencent-templates", "VOLTPAY_SMS_TENCENT_TEMPLATES", "", "the approved templates, id=text with {1}, {2}… for the variables, separated by ; or newlines", func(v string) error {
		t, err := notify.ParseTemplates(v)
		if err != nil {
			return err
		}
		s.Tencent.Templates = t
		return nil
	})
	o.add("sms-tencent-region", "VOLTPAY_SMS_TENCENT_REGION", "ap-guangzhou", "the region of the SMS application", text(&s.Tencent.Region))
	o.add("sms-tencent-endpoint", "VOLTPAY_SMS_TENCENT_ENDPOINT", "", "the API's host (empty: sms.tencentcloudapi.com); http://host:port/path for the offline fake of voltpay paysim", text(&s.Tencent.Endpoint))
}

// check refuses a driver chosen without its settings, at start.
func (s *smsSettings) check() error {
	switch s.Driver {
	case "modem":
		if err := s.Modem.Check(); err != nil {
			return fmt.Errorf("VOLTPAY_SMS=modem: %w", err)
		}
	case "tencent":
		if err := s.Tencent.Check(); err != nil {
			return fmt.Errorf("VOLTPAY_SMS=tencent: %w", err)
		}
	}
	return nil
}

// smsDriver makes the configured real driver and what stops it; for the
// fake it returns nil, and the caller keeps its in-process fake.
func (s *smsSettings) smsDriver(log *slog.Logger) (voltpay.SMS, func() error, error) {
	switch s.Driver {
	case "modem":
		cfg := s.Modem
		cfg.Log = log
		m, err := notify.NewModem(cfg)
		if err != nil {
			return nil, nil, err
		}
		return m, m.Close, nil
	case "tencent":
		t, err := notify.NewTencent(s.Tencent)
		if err != nil {
			return nil, nil, err
		}
		return t, func() error { return nil }, nil
	}
	return nil, nil, nil
}
