package main

import (
	"strconv"
	"testing"

	"github.com/voltpay/voltpay"
)

// TestNotifications_Permissions: a tenant reads and sets only their current
// account's channels, never the site's templates or another account's
// outbox; staff need manage_accounts to change an account's channels and
// manage_meters to edit templates; a bad template is INVALID_INPUT naming
// what to fix, and the stored one stays.
func TestNotifications_Permissions(t *testing.T) {
	env := newEnv(t)
	mine, other := env.openAccount(t, 0), env.openAccount(t, 0)
	tenant := env.tenant(t, mine.ID)

	var got struct {
		NotificationSettings struct {
			AccountID         string `json:"accountId"`
			SMS               bool   `json:"sms"`
			WeChat            bool   `json:"wechat"`
			WechatTemplateIds []string
		}
	}
	tenant.do(t, `{ notificationSettings { accountId sms wechat wechatTemplateIds } }`, nil).Decode(t, &got)
	if !got.NotificationSettings.SMS || !got.NotificationSettings.WeChat {
		t.Fatalf("defaults: %+v, want both on", got.NotificationSettings)
	}
	var set struct {
		SetNotificationSettings struct{ SMS, WeChat bool }
	}
	tenant.do(t, `mutation { setNotificationSettings(sms: false) { sms wechat } }`, nil).Decode(t, &set)
	if set.SetNotificationSettings.SMS || !set.SetNotificationSettings.WeChat {
		t.Fatalf("the tenant turned SMS off: %+v", set.SetNotificationSettings)
	}
	for _, q := range []string{
		`query($a: ID) { notificationSettings(accountId: $a) { sms } }`,
		`mutation($a: ID) { setNotificationSettings(accountId: $a, sms: false) { sms } }`,
	} {
		if r := tenant.do(t, q, map[string]any{"a": other.ID}); r.Code() != voltpay.EFORBIDDEN {
			t.Errorf("a tenant on another account (%s): %+v, want FORBIDDEN", q, r.Errors)
		}
	}
	for _, q := range []string{
		`{ me { account { site { notificationTemplates { text } } } } }`,
		`mutation { retryNotification(id: 1) { id } }`,
		`{ smsStatus { state } }`,
	} {
		if r := tenant.do(t, q, nil); r.Code() != voltpay.EFORBIDDEN {
			t.Errorf("a tenant (%s): %+v, want FORBIDDEN", q, r.Errors)
		}
	}
	var rows struct {
		Notifications struct {
			Nodes []struct {
				AccountID string `json:"accountId"`
			}
		}
	}
	tenant.do(t, `query($a: ID) { notifications(filter: {accountId: $a}) { nodes { accountId } } }`, map[string]any{"a": other.ID}).Decode(t, &rows)
	for _, n := range rows.Notifications.Nodes {
		if n.AccountID != "" && n.AccountID != strconv.FormatInt(mine.ID, 10) {
			t.Fatalf("a tenant saw account %s's warnings", n.AccountID)
		}
	}

	// An API key that reads accounts cannot change their channels.
	reader := env.apiKey(t, voltpay.PermReadAccounts)
	if r := reader.do(t, `mutation($a: ID) { setNotificationSettings(accountId: $a, wechat: false) { sms } }`, map[string]any{"a": other.ID}); r.Code() != voltpay.EFORBIDDEN {
		t.Errorf("read_accounts key: %+v, want FORBIDDEN", r.Errors)
	}
	cashier := env.operator(t, voltpay.RoleCashier)
	cashier.do(t, `mutation($a: ID) { setNotificationSettings(accountId: $a, wechat: false) { sms wechat } }`, map[string]any{"a": other.ID}).Decode(t, &set)
	if !set.SetNotificationSettings.SMS || set.SetNotificationSettings.WeChat {
		t.Errorf("cashier turned WeChat off: %+v", set.SetNotificationSettings)
	}
	if r := cashier.do(t, `{ notificationSettings { sms } }`, nil); r.Code() != voltpay.EINVALID {
		t.Errorf("staff without accountId: %+v, want INVALID_INPUT", r.Errors)
	}

	// Templates: managers edit, viewers read.
	manager, viewer := env.operator(t, voltpay.RoleManager), env.operator(t, voltpay.RoleViewer)
	const setT = `mutation($s: ID!, $t: String!) { setNotificationTemplate(siteId: $s, kind: alarm1, text: $t) { kind text custom } }`
	if r := viewer.do(t, setT, map[string]any{"s": env.Site.ID, "t": "余额{balance}元"}); r.Code() != voltpay.EFORBIDDEN {
		t.Errorf("viewer edits a template: %+v, want FORBIDDEN", r.Errors)
	}
	if r := manager.do(t, setT, map[string]any{"s": env.Site.ID, "t": "余额{money}元"}); r.Code() != voltpay.EINVALID {
		t.Errorf("unknown placeholder: %+v, want INVALID_INPUT", r.Errors)
	}
	var tm struct {
		SetNotificationTemplate struct {
			Text   string
			Custom bool
		}
	}
	manager.do(t, setT, map[string]any{"s": env.Site.ID, "t": "{tenant}余额{balance}元"}).Decode(t, &tm)
	if !tm.SetNotificationTemplate.Custom {
		t.Errorf("set: %+v", tm.SetNotificationTemplate)
	}
	var sites struct {
		Sites []struct {
			ID                    string
			NotificationTemplates []struct{ Kind, Text string }
			QuietHours            struct{ Start, End string }
		}
	}
	viewer.do(t, `{ sites { id notificationTemplates { kind text } quietHours { start end } } }`, nil).Decode(t, &sites)
	for _, s := range sites.Sites {
		if s.ID == strconv.FormatInt(env.Site.ID, 10) && (len(s.NotificationTemplates) != 5 || s.NotificationTemplates[0].Text != "{tenant}余额{balance}元") {
			t.Errorf("templates as a viewer reads them: %+v", s.NotificationTemplates)
		}
	}
	var pv struct{ PreviewNotificationTemplate string }
	viewer.do(t, `{ previewNotificationTemplate(kind: trip, text: "{account}已断电") }`, nil).Decode(t, &pv)
	if pv.PreviewNotificationTemplate != "A0001已断电" {
		t.Errorf("preview: %q", pv.PreviewNotificationTemplate)
	}
	if r := manager.do(t, `mutation($s: ID!) { setQuietHours(siteId: $s, start: "22:00", end: "25:00") { start } }`, map[string]any{"s": env.Site.ID}); r.Code() != voltpay.EINVALID {
		t.Errorf("quiet hours 25:00: %+v, want INVALID_INPUT", r.Errors)
	}
	var st struct {
		SmsStatus struct{ Driver, State string }
	}
	viewer.do(t, `{ smsStatus { driver state } }`, nil).Decode(t, &st)
	if st.SmsStatus.State == "" {
		t.Errorf("smsStatus: %+v", st.SmsStatus)
	}
}
