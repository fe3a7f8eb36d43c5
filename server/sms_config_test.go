package main

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment/paysim"
)

// TestSMSConfig: VOLTPAY_SMS picks the driver; a driver chosen without
// its settings, or with a bad one, stops the server at start naming it.
func TestSMSConfig(t *testing.T) {
	c, err := loadConfig(nil)
	if err != nil || c.SMS.Driver != "fake" || c.SMS.Modem.Baud != 115200 || c.SMS.Tencent.Region != "ap-guangzhou" {
		t.Fatalf("defaults: %+v %v", c.SMS, err)
	}
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"VOLTPAY_SMS": "sms-gateway"}, "VOLTPAY_SMS"},
		{map[string]string{"VOLTPAY_SMS": "modem"}, "VOLTPAY_SMS_MODEM_PORT"},
		{map[string]string{"VOLTPAY_SMS": "modem", "VOLTPAY_SMS_MODEM_PORT": "/dev/ttyUSB0", "VOLTPAY_SMS_MODEM_PIN": "12"}, "VOLTPAY_SMS_MODEM_PIN"},
		{map[string]string{"VOLTPAY_SMS_MODEM_BAUD": "fast"}, "VOLTPAY_SMS_MODEM_BAUD"},
		{map[string]string{"VOLTPAY_SMS": "tencent", "VOLTPAY_SMS_TENCENT_SECRET_ID": "AKID"}, "VOLTPAY_SMS_TENCENT_SECRET_KEY"},
		{map[string]string{"VOLTPAY_SMS_TENCENT_TEMPLATES": "abc=您的验证码是{1}"}, "VOLTPAY_SMS_TENCENT_TEMPLATES"},
		{map[string]string{"VOLTPAY_SMS_TENCENT_TEMPLATES": "1=您的验证码是{2}"}, "{1}"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			if _, err := loadConfig(nil); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("%v: %v, want an error naming %s", tc.env, err, tc.want)
			}
		})
	}
}

// TestSMSConfigTencent: the settings paysim writes make a driver that
// sends through its fake.
func TestSMSConfigTencent(t *testing.T) {
	fake := paysim.NewTencentSMS(paysim.TencentSMSOptions{})
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	t.Setenv("VOLTPAY_SMS", "tencent")
	for k, v := range fake.Env(srv.URL) {
		t.Setenv(k, v)
	}
	c, err := loadConfig(nil)
	if err != nil {
		t.Fatal(err)
	}
	sms, stop, err := c.SMS.smsDriver(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	if _, err := sms.Send(context.Background(), voltpay.SMSMessage{To: "13800138000", Text: "您的验证码是123456，5分钟内有效，请勿泄露。"}); err != nil {
		t.Fatal(err)
	}
	if m := fake.Messages(); len(m) != 1 || m[0].Phone != "+8613800138000" {
		t.Fatalf("%+v", m)
	}
}
