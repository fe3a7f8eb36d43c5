package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/voltpay/voltpay"
)

// Tencent Cloud SMS (腾讯云短信), SendSms of API version 2021-01-11,
// through the official SDK's common client, which signs with
// TC3-HMAC-SHA256. The SDK's own SMS package is not used: the common
// client is all it takes for one action.
//
// Mainland providers only send texts made from templates approved in
// advance, with a signature (签名) they put in front as 【…】. A message
// is mapped to a template by matching its text: each configured template
// is its approved text with {1}, {2}… where the variables go, and the
// first template the whole text matches is sent with the matched pieces
// as its parameters. The tenant so reads exactly our text, behind the
// signature; a text no template matches is refused (ErrSMSRejected) and
// the template is missing from the configuration.

// TencentAPIVersion is the SendSms version this client speaks.
const TencentAPIVersion = "2021-01-11"

// TencentConfig configures the Tencent Cloud SMS driver.
type TencentConfig struct {
	SecretID, SecretKey string
	Region              string // ap-guangzhou unless the account is elsewhere
	AppID               string // SmsSdkAppId, 1400…
	SignName            string // the approved signature, without 【】
	Templates           []Template
	// Endpoint is the API's host (sms.tencentcloudapi.com); the offline
	// fake is reached as http://host:port/path.
	Endpoint string
	Timeout  time.Duration // default 10 s
}

// Template is one approved template: its id and its text with {1}, {2}…
type Template struct {
	ID   string
	Text string
	re   *regexp.Regexp
	n    int
}

var placeholder = regexp.MustCompile(`\{([1-9][0-9]?)\}`)

// ParseTemplates reads templates as "id=text" entries separated by
// newlines or ";", e.g. "1234567=您的验证码是{1}，{2}分钟内有效。".
// Placeholders must be {1}, {2}… in order, each once.
func ParseTemplates(s string) ([]Template, error) {
	var out []Template
	for _, entry := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ';' }) {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		id, text, ok := strings.Cut(entry, "=")
		id, text = strings.TrimSpace(id), strings.TrimSpace(text)
		if !ok || !allDigits(id, 1, 20) || text == "" {
			return nil, fmt.Errorf("template %q: give id=text, the id being the template's number in the console (e.g. 1234567=您的验证码是{1}。)", clip(entry, 40))
		}
		t, err := NewTemplate(id, text)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// NewTemplate compiles one template.
func NewTemplate(id, text string) (Template, error) {
	if !utf8.ValidString(text) || len(text) > 2000 {
		return Template{}, fmt.Errorf("template %s: not UTF-8 text of at most 2000 bytes", id)
	}
	var pattern strings.Builder
	pattern.WriteString(`(?s)^`)
	last, n := 0, 0
	for _, m := range placeholder.FindAllStringSubmatchIndex(text, -1) {
		k, _ := strconv.Atoi(text[m[2]:m[3]])
		if k != n+1 {
			return Template{}, fmt.Errorf("template %s: placeholder {%d} where {%d} was expected; number them {1}, {2}… in order", id, k, n+1)
		}
		if m[0] == last && n > 0 {
			return Template{}, fmt.Errorf("template %s: {%d} follows {%d} with nothing between: a text could not be split between them", id, k, n)
		}
		n = k
		pattern.WriteString(regexp.QuoteMeta(text[last:m[0]]))
		pattern.WriteString(`(.+?)`)
		last = m[1]
	}
	pattern.WriteString(regexp.QuoteMeta(text[last:]))
	pattern.WriteString(`$`)
	re, err := regexp.Compile(pattern.String())
	if err != nil {
		return Template{}, fmt.Errorf("template %s: %w", id, err)
	}
	return Template{ID: id, Text: text, re: re, n: n}, nil
}

// Render fills the template (what the provider does, and the fake).
func (t Template) Render(params []string) string {
	return placeholder.ReplaceAllStringFunc(t.Text, func(p string) string {
		k, _ := strconv.Atoi(p[1 : len(p)-1])
		if k <= len(params) {
			return params[k-1]
		}
		return p
	})
}

// Params returns the parameters that render text, or false.
func (t Template) Params(text string) ([]string, bool) {
	m := t.re.FindStringSubmatch(text)
	if m == nil {
		return nil, false
	}
	return m[1:], true
}

// Placeholders is how many parameters the template takes.
func (t Template) Placeholders() int { return t.n }

// Tencent sends through Tencent Cloud SMS.
type Tencent struct {
	cfg    TencentConfig
	client *common.Client
}

// Check says which settings are missing.
func (cfg TencentConfig) Check() error {
	var missing []string
	for _, f := range []struct{ v, name string }{{cfg.SecretID, "SECRET_ID"}, {cfg.SecretKey, "SECRET_KEY"}, {cfg.AppID, "APP_ID"}, {cfg.SignName, "SIGN_NAME"}} {
		if f.v == "" {
			missing = append(missing, "VOLTPAY_SMS_TENCENT_"+f.name)
		}
	}
	if len(cfg.Templates) == 0 {
		missing = append(missing, "VOLTPAY_SMS_TENCENT_TEMPLATES")
	}
	if len(missing) > 0 {
		return fmt.Errorf("Tencent Cloud SMS: set %s", strings.Join(missing, ", "))
	}
	return nil
}

// NewTencent checks the configuration and makes the client.
func NewTencent(cfg TencentConfig) (*Tencent, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if cfg.Region == "" {
		cfg.Region = "ap-guangzhou"
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	p := profile.NewClientProfile()
	p.HttpProfile.ReqMethod = "POST"
	p.HttpProfile.ReqTimeout = int((cfg.Timeout + time.Second - 1) / time.Second)
	p.HttpProfile.Endpoint = "sms.tencentcloudapi.com"
	if cfg.Endpoint != "" {
		ep := cfg.Endpoint
		switch {
		case strings.HasPrefix(ep, "http://"):
			p.HttpProfile.Scheme, ep = "HTTP", ep[len("http://"):]
		case strings.HasPrefix(ep, "https://"):
			ep = ep[len("https://"):]
		}
		p.HttpProfile.Endpoint = ep
	}
	client := common.NewCommonClient(common.NewCredential(cfg.SecretID, cfg.SecretKey), cfg.Region, p)
	return &Tencent{cfg: cfg, client: client}, nil
}

// E164 writes a number as the provider wants it: a mainland number gets
// +86, an international one is kept.
func E164(to string) (string, error) {
	if _, err := encodeAddress(to); err != nil {
		return "", err
	}
	if to[0] == '+' {
		return to, nil
	}
	return "+86" + to, nil
}

// Send sends one message: one SendSms for one number.
func (c *Tencent) Send(ctx context.Context, m voltpay.SMSMessage) (voltpay.SMSReceipt, error) {
	phone, err := E164(m.To)
	if err != nil {
		return voltpay.SMSReceipt{}, err
	}
	if len(m.Text) > maxTextBytes {
		return voltpay.SMSReceipt{}, fmt.Errorf("%w: the text is %d bytes", voltpay.ErrSMSRejected, len(m.Text))
	}
	var tpl *Template
	var params []string
	for i := range c.cfg.Templates {
		if p, ok := c.cfg.Templates[i].Params(m.Text); ok {
			tpl, params = &c.cfg.Templates[i], p
			break
		}
	}
	if tpl == nil {
		return voltpay.SMSReceipt{}, fmt.Errorf("%w: no approved template matches %q: add it to VOLTPAY_SMS_TENCENT_TEMPLATES (id=text with {1}, {2}… for the variables)", voltpay.ErrSMSRejected, clip(m.Text, 40))
	}
	req := tchttp.NewCommonRequest("sms", TencentAPIVersion, "SendSms")
	req.SetContext(ctx)
	if params == nil {
		params = []string{}
	}
	if err := req.SetActionParameters(map[string]interface{}{
		"PhoneNumberSet":   []string{phone},
		"SmsSdkAppId":      c.cfg.AppID,
		"SignName":         c.cfg.SignName,
		"TemplateId":       tpl.ID,
		"TemplateParamSet": params,
		"SessionContext":   clip(m.Ref, 100), // echoed in the provider's status callbacks
	}); err != nil {
		return voltpay.SMSReceipt{}, err
	}
	resp := tchttp.NewCommonResponse()
	if err := c.client.Send(req, resp); err != nil {
		return voltpay.SMSReceipt{}, tencentError(err)
	}
	var out struct {
		Response struct {
			SendStatusSet []struct {
				SerialNo, PhoneNumber, Code, Message string
				Fee                                  int
			}
			RequestId string
		}
	}
	if err := json.Unmarshal(resp.GetBody(), &out); err != nil || len(out.Response.SendStatusSet) != 1 {
		return voltpay.SMSReceipt{}, fmt.Errorf("Tencent Cloud SMS: an answer without one send status (%v); whether the SMS went is unknown", err)
	}
	st := out.Response.SendStatusSet[0]
	if st.Code != "Ok" {
		return voltpay.SMSReceipt{}, tencentCode(st.Code, st.Message, out.Response.RequestId)
	}
	parts := st.Fee
	if parts < 1 {
		parts = 1
	}
	return voltpay.SMSReceipt{ProviderID: st.SerialNo, Parts: parts, SentAt: time.Now()}, nil
}

func tencentError(err error) error {
	var se *tcerr.TencentCloudSDKError
	if errors.As(err, &se) && !strings.HasPrefix(se.Code, "ClientError") {
		return tencentCode(se.Code, se.Message, se.RequestId)
	}
	return fmt.Errorf("Tencent Cloud SMS: %w (a network or client problem; worth retrying)", err)
}

// tencentRejects lists the error codes (or their prefixes) after which
// the same message will fail again: the number, the template or its
// parameters, the signature, the account's credit, a daily limit.
var tencentRejects = []string{
	"InvalidParameter", "InvalidParameterValue", "MissingParameter", "UnsupportedOperation",
	"FailedOperation.InsufficientBalanceInSmsPackage", "FailedOperation.TemplateIncorrectOrUnapproved",
	"FailedOperation.SignatureIncorrectOrUnapproved", "FailedOperation.PhoneNumberInBlacklist",
	"FailedOperation.ContainSensitiveWord", "FailedOperation.MarketingSendTimeConstraint",
	"LimitExceeded.PhoneNumberDailyLimit", "LimitExceeded.DailyLimit", "LimitExceeded.PhoneNumberCountLimit",
}

// TencentError is an error code from Tencent Cloud SMS.
type TencentError struct {
	Code, Message, RequestID string
}

func (e *TencentError) Error() string {
	hint := ""
	switch {
	case strings.HasPrefix(e.Code, "AuthFailure"):
		hint = ": check VOLTPAY_SMS_TENCENT_SECRET_ID and _SECRET_KEY, and the server's clock"
	case e.Code == "FailedOperation.InsufficientBalanceInSmsPackage":
		hint = ": the SMS package is used up (余量不足); buy more in the console"
	case strings.Contains(e.Code, "Template"):
		hint = ": compare the template with VOLTPAY_SMS_TENCENT_TEMPLATES"
	case strings.Contains(e.Code, "Signature"):
		hint = ": check VOLTPAY_SMS_TENCENT_SIGN_NAME against the approved signature"
	}
	return fmt.Sprintf("Tencent Cloud SMS: %s: %s%s (request %s)", e.Code, clip(e.Message, 200), hint, e.RequestID)
}

// Unwrap makes a rejection match voltpay.ErrSMSRejected.
func (e *TencentError) Unwrap() error {
	for _, r := range tencentRejects {
		if e.Code == r || strings.HasPrefix(e.Code, r+".") {
			return voltpay.ErrSMSRejected
		}
	}
	return nil
}

func tencentCode(code, msg, requestID string) error {
	return &TencentError{Code: code, Message: msg, RequestID: requestID}
}
