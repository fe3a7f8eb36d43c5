package paysim

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// TencentSMSFake is an offline Tencent Cloud SMS: SendSms of API version
// 2021-01-11 at TencentSMSPath. It checks the TC3-HMAC-SHA256 signature as
// the real service does (its own implementation, not the SDK's, so that
// the driver's signing is checked by a second reading of the spec), checks
// the app, signature name, template and its parameters, and keeps what it
// "sent" for tests and the demo: the page /smssim/ and the JSON
// /smssim/messages.
type TencentSMSFake struct {
	opts TencentSMSOptions
	tpls map[string]smsTemplate

	mu     sync.Mutex
	msgs   []SMSRecord
	fail   string // the next send fails with this code
	serial int
}

// TencentSMSPath is where the fake API listens; the driver is configured
// with the endpoint http://host:port + TencentSMSPath.
const TencentSMSPath = "/tencentcloud/sms"

// maxSMSRecords bounds the messages the fake keeps (oldest dropped).
const maxSMSRecords = 1000

// TencentSMSOptions configures the fake; empty fields get demo values.
type TencentSMSOptions struct {
	SecretID, SecretKey string
	AppID, SignName     string
	// Templates maps template ids to their approved text with {1}, {2}…
	Templates map[string]string
	Now       func() time.Time
	Log       *slog.Logger
}

// DefaultSMSTemplates are the templates of the demo account: a sign-in
// code and the balance warnings (the texts the server sends).
var DefaultSMSTemplates = map[string]string{
	"2000001": "您的验证码是{1}，{2}分钟内有效，请勿泄露。",
	"2000002": "{1}的电费余额为{2}元，已低于提醒值，请及时充值。",
	"2000003": "{1}已欠费{2}元，已停止供电，充值后自动恢复。",
}

type smsTemplate struct {
	text string
	n    int
}

// SMSRecord is one message the fake accepted.
type SMSRecord struct {
	SerialNo       string    `json:"serialNo"`
	Phone          string    `json:"phone"`
	TemplateID     string    `json:"templateId"`
	Params         []string  `json:"params"`
	Text           string    `json:"text"` // as the phone shows it: 【sign】 and the filled template
	Parts          int       `json:"parts"`
	SessionContext string    `json:"sessionContext"`
	At             time.Time `json:"at"`
}

var smsPlaceholder = regexp.MustCompile(`\{([1-9][0-9]?)\}`)

// NewTencentSMS makes the fake.
func NewTencentSMS(o TencentSMSOptions) *TencentSMSFake {
	if o.SecretID == "" {
		o.SecretID = "AKIDvoltpaySMSfake0000000000000000"
	}
	if o.SecretKey == "" {
		var b [16]byte
		rand.Read(b[:])
		o.SecretKey = hex.EncodeToString(b[:])
	}
	if o.AppID == "" {
		o.AppID = "1400000001"
	}
	if o.SignName == "" {
		o.SignName = "伏特付"
	}
	if o.Templates == nil {
		o.Templates = DefaultSMSTemplates
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	f := &TencentSMSFake{opts: o, tpls: map[string]smsTemplate{}}
	for id, text := range o.Templates {
		f.tpls[id] = smsTemplate{text: text, n: len(smsPlaceholder.FindAllString(text, -1))}
	}
	return f
}

// Env is the configuration of `voltpay serve` for this fake; base is the
// fake's URL (http://host:port). It leaves VOLTPAY_SMS alone: the demo
// sends through this fake only when VOLTPAY_SMS=tencent is added.
func (f *TencentSMSFake) Env(base string) map[string]string {
	var tpls []string
	for id, text := range f.opts.Templates {
		tpls = append(tpls, id+"="+text)
	}
	sort.Strings(tpls)
	return map[string]string{
		"VOLTPAY_SMS_TENCENT_SECRET_ID":  f.opts.SecretID,
		"VOLTPAY_SMS_TENCENT_SECRET_KEY": f.opts.SecretKey,
		"VOLTPAY_SMS_TENCENT_APP_ID":     f.opts.AppID,
		"VOLTPAY_SMS_TENCENT_SIGN_NAME":  f.opts.SignName,
		"VOLTPAY_SMS_TENCENT_TEMPLATES":  strings.Join(tpls, ";"),
		"VOLTPAY_SMS_TENCENT_ENDPOINT":   base + TencentSMSPath,
	}
}

// Messages returns what was sent, oldest first.
func (f *TencentSMSFake) Messages() []SMSRecord {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]SMSRecord(nil), f.msgs...)
}

// FailNext makes the next SendSms answer with this error code (as for an
// account out of credit: FailedOperation.InsufficientBalanceInSmsPackage).
func (f *TencentSMSFake) FailNext(code string) {
	f.mu.Lock()
	f.fail = code
	f.mu.Unlock()
}

// Handler serves the API, the page and the JSON list.
func (f *TencentSMSFake) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+TencentSMSPath, f.api)
	mux.HandleFunc("GET /smssim/{$}", f.page)
	mux.HandleFunc("GET /smssim/messages", func(w http.ResponseWriter, r *http.Request) {
		msgs := f.Messages()
		if phone := r.URL.Query().Get("phone"); phone != "" {
			var one []SMSRecord
			for _, m := range msgs {
				if m.Phone == phone || m.Phone == "+86"+phone {
					one = append(one, m)
				}
			}
			msgs = one
		}
		if msgs == nil {
			msgs = []SMSRecord{}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(msgs)
	})
	mux.HandleFunc("POST /smssim/faults", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Code string `json:"code"`
		}
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1024)).Decode(&in); err != nil || len(in.Code) > 100 {
			http.Error(w, `a JSON object {"code":"FailedOperation.InsufficientBalanceInSmsPackage"}`, http.StatusBadRequest)
			return
		}
		f.FailNext(in.Code)
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}

// apiError is the shape of every Tencent Cloud API 3.0 error.
func (f *TencentSMSFake) apiError(w http.ResponseWriter, requestID, code, msg string) {
	f.opts.Log.Info("smssim: refused", "code", code, "message", msg)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"Response": map[string]any{
		"Error": map[string]string{"Code": code, "Message": msg}, "RequestId": requestID}})
}

func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func (f *TencentSMSFake) api(w http.ResponseWriter, r *http.Request) {
	rid := newRequestID()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 64<<10))
	if err != nil {
		f.apiError(w, rid, "InvalidParameter", "the body is larger than 64 KiB or could not be read")
		return
	}
	if code, msg := f.verify(r, body); code != "" {
		f.apiError(w, rid, code, msg)
		return
	}
	var in struct {
		PhoneNumberSet   []string
		SmsSdkAppId      string
		SignName         string
		TemplateId       string
		TemplateParamSet []string
		SessionContext   string
	}
	if err := json.Unmarshal(body, &in); err != nil {
		f.apiError(w, rid, "InvalidParameter", "the body is not the SendSms JSON: "+err.Error())
		return
	}
	f.mu.Lock()
	fail := f.fail
	f.fail = ""
	f.mu.Unlock()
	tpl, known := f.tpls[in.TemplateId]
	switch {
	case fail != "":
		f.apiError(w, rid, fail, "injected by /smssim/faults")
		return
	case len(in.PhoneNumberSet) == 0 || len(in.PhoneNumberSet) > 200:
		f.apiError(w, rid, "InvalidParameterValue.IncorrectPhoneNumber", "PhoneNumberSet holds 1 to 200 numbers")
		return
	case in.SmsSdkAppId != f.opts.AppID:
		f.apiError(w, rid, "InvalidParameterValue.SdkAppIdNotExist", "no SMS application "+in.SmsSdkAppId)
		return
	case in.SignName != f.opts.SignName:
		f.apiError(w, rid, "FailedOperation.SignatureIncorrectOrUnapproved", "signature not approved: "+in.SignName)
		return
	case !known:
		f.apiError(w, rid, "FailedOperation.TemplateIncorrectOrUnapproved", "template not approved: "+in.TemplateId)
		return
	case len(in.TemplateParamSet) != tpl.n:
		f.apiError(w, rid, "InvalidParameterValue.TemplateParameterFormatError", fmt.Sprintf("the template takes %d parameters, %d given", tpl.n, len(in.TemplateParamSet)))
		return
	case len(in.SessionContext) > 512:
		f.apiError(w, rid, "InvalidParameterValue.ContentLengthLimit", "SessionContext is at most 512 bytes")
		return
	}
	for _, p := range in.TemplateParamSet {
		if utf8.RuneCountInString(p) > 100 {
			f.apiError(w, rid, "InvalidParameterValue.TemplateParameterLengthLimit", "a parameter is longer than 100 characters")
			return
		}
	}
	text := "【" + in.SignName + "】" + smsPlaceholder.ReplaceAllStringFunc(tpl.text, func(p string) string {
		k, _ := strconv.Atoi(p[1 : len(p)-1])
		return in.TemplateParamSet[k-1]
	})
	n := utf8.RuneCountInString(text)
	parts := 1
	if n > 70 {
		parts = (n + 66) / 67
	}
	var set []map[string]any
	f.mu.Lock()
	for _, phone := range in.PhoneNumberSet {
		st := map[string]any{"PhoneNumber": phone, "SessionContext": in.SessionContext, "IsoCode": "CN"}
		if !validE164(phone) {
			st["Code"], st["Message"], st["Fee"], st["SerialNo"] = "InvalidParameterValue.IncorrectPhoneNumber", "the number is not +country code and digits", 0, ""
		} else {
			f.serial++
			serial := fmt.Sprintf("2645:%019d%05d", f.opts.Now().UnixNano(), f.serial%100000)
			st["Code"], st["Message"], st["Fee"], st["SerialNo"] = "Ok", "send success", parts, serial
			f.msgs = append(f.msgs, SMSRecord{SerialNo: serial, Phone: phone, TemplateID: in.TemplateId, Params: in.TemplateParamSet,
				Text: text, Parts: parts, SessionContext: in.SessionContext, At: f.opts.Now()})
			if len(f.msgs) > maxSMSRecords {
				f.msgs = f.msgs[len(f.msgs)-maxSMSRecords:]
			}
			f.opts.Log.Info("smssim: sent", "phone", phone, "template", in.TemplateId, "serial", serial)
		}
		set = append(set, st)
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"Response": map[string]any{"SendStatusSet": set, "RequestId": rid}})
}

func validE164(p string) bool {
	if len(p) < 8 || len(p) > 16 || p[0] != '+' || p[1] == '0' {
		return false
	}
	for _, c := range p[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return !strings.HasPrefix(p, "+86") || (len(p) == 14 && p[3] == '1')
}

// verify checks a request as Tencent Cloud API 3.0 does (TC3-HMAC-SHA256):
// action and version headers, a timestamp within five minutes, a known
// SecretId, and the signature over the canonical request. It returns the
// error code and message the real service gives, or "".
func (f *TencentSMSFake) verify(r *http.Request, body []byte) (string, string) {
	if a := r.Header.Get("X-TC-Action"); a != "SendSms" {
		return "InvalidAction", fmt.Sprintf("action %q is not SendSms", a)
	}
	if v := r.Header.Get("X-TC-Version"); v != "2021-01-11" {
		return "NoSuchVersion", fmt.Sprintf("version %q: this fake speaks 2021-01-11", v)
	}
	ts, err := strconv.ParseInt(r.Header.Get("X-TC-Timestamp"), 10, 64)
	if err != nil {
		return "MissingParameter", "X-TC-Timestamp is missing or not a number"
	}
	if d := f.opts.Now().Unix() - ts; d > 300 || d < -300 {
		return "AuthFailure.SignatureExpire", fmt.Sprintf("the timestamp is %d s away from the server's clock (at most 300)", d)
	}
	auth := r.Header.Get("Authorization")
	alg, rest, _ := strings.Cut(auth, " ")
	if alg != "TC3-HMAC-SHA256" {
		return "AuthFailure.InvalidAuthorization", "Authorization must be TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…"
	}
	fields := map[string]string{}
	for _, kv := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		fields[k] = v
	}
	scope := strings.Split(fields["Credential"], "/")
	if len(scope) != 4 || fields["SignedHeaders"] == "" || len(fields["Signature"]) != 64 {
		return "AuthFailure.InvalidAuthorization", "Authorization lacks Credential=id/date/service/tc3_request, SignedHeaders or Signature"
	}
	id, date, service, term := scope[0], scope[1], scope[2], scope[3]
	if id != f.opts.SecretID {
		return "AuthFailure.SecretIdNotFound", "no such SecretId"
	}
	if date != time.Unix(ts, 0).UTC().Format("2006-01-02") || service != "sms" || term != "tc3_request" {
		return "AuthFailure.InvalidAuthorization", "the credential scope must be the timestamp's UTC date/sms/tc3_request"
	}
	signed := strings.Split(fields["SignedHeaders"], ";")
	var canonHeaders strings.Builder
	has := map[string]bool{}
	for _, h := range signed {
		v := r.Header.Get(h)
		if h == "host" {
			v = r.Host
		}
		has[h] = true
		canonHeaders.WriteString(h + ":" + strings.ToLower(strings.TrimSpace(v)) + "\n")
	}
	if !has["content-type"] || !has["host"] {
		return "AuthFailure.InvalidAuthorization", "SignedHeaders must include content-type and host"
	}
	sum := sha256.Sum256(body)
	canonical := "POST\n/\n\n" + canonHeaders.String() + "\n" + fields["SignedHeaders"] + "\n" + hex.EncodeToString(sum[:])
	creq := sha256.Sum256([]byte(canonical))
	toSign := "TC3-HMAC-SHA256\n" + strconv.FormatInt(ts, 10) + "\n" + date + "/sms/tc3_request\n" + hex.EncodeToString(creq[:])
	mac := func(key []byte, s string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(s))
		return h.Sum(nil)
	}
	k := mac(mac(mac([]byte("TC3"+f.opts.SecretKey), date), "sms"), "tc3_request")
	want := hex.EncodeToString(mac(k, toSign))
	if !hmac.Equal([]byte(want), []byte(strings.ToLower(fields["Signature"]))) {
		return "AuthFailure.SignatureFailure", "the signature does not match the request: check the SecretKey"
	}
	return "", ""
}

func (f *TencentSMSFake) page(w http.ResponseWriter, r *http.Request) {
	msgs := f.Messages()
	for i, j := 0, len(msgs)-1; i < j; i, j = i+1, j-1 {
		msgs[i], msgs[j] = msgs[j], msgs[i]
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := smsPageTmpl.Execute(w, msgs); err != nil {
		f.opts.Log.Error("smssim: page", "err", err)
	}
}

// beijing is the zone the page shows times in (China has one, no DST).
var beijing = time.FixedZone("UTC+8", 8*3600)

var smsPageTmpl = template.Must(template.New("sms").Funcs(template.FuncMap{
	"beijing": func(t time.Time) string { return t.In(beijing).Format("2006-01-02 15:04:05") },
}).Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>模拟短信 SMS simulator</title>
<style>body{font-family:sans-serif;margin:1rem;max-width:60rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}td.t{white-space:pre-wrap}td.n{white-space:nowrap}</style></head>
<body><h1>模拟短信 <small>SMS simulator (offline fake Tencent Cloud SMS)</small></h1>
<table><thead><tr><th>时间 Time (UTC+8)</th><th>手机号 Phone</th><th>短信内容 Text</th><th>条数 Parts</th><th>模板 Template</th></tr></thead><tbody>
{{range .}}<tr><td class="n">{{beijing .At}}</td><td class="n">{{.Phone}}</td><td class="t">{{.Text}}</td><td>{{.Parts}}</td><td>{{.TemplateID}}</td></tr>
{{else}}<tr><td colspan="5">还没有短信 No messages yet.</td></tr>{{end}}
</tbody></table></body></html>`))
