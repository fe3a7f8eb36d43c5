package voltpay

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// MaxNotificationTemplate bounds a template's length in characters: with
// its placeholders filled it still fits in a few SMS parts (70 Chinese
// characters each).
const MaxNotificationTemplate = 200

// NotificationPlaceholders are what a template may name, each between
// braces, and what they become.
var NotificationPlaceholders = []string{
	"account",   // the account number (户号)
	"tenant",    // the tenant's name
	"shop",      // the shop number (铺位)
	"site",      // the site's name
	"balance",   // the balance in yuan, 2 decimals
	"threshold", // the level's threshold in yuan (alarm 1, alarm 2; 0.00 for arrears)
	"meter",     // the meter's address (trip, close, per-meter alarms); empty otherwise
	"time",      // when it happened, site time, "12-08 21:30"
}

// DefaultNotificationTemplates are the built-in texts a site uses until a
// manager sets its own.
var DefaultNotificationTemplates = map[string]string{
	NotifyAlarm1:  "【{site}】{tenant}（户号{account}）电费余额{balance}元，已低于提醒线{threshold}元，请及时充值。",
	NotifyAlarm2:  "【{site}】{tenant}（户号{account}）电费余额仅剩{balance}元，已低于{threshold}元，即将停电，请尽快充值。",
	NotifyArrears: "【{site}】{tenant}（户号{account}）已欠费，余额{balance}元，电表将断电，请立即充值。",
	NotifyTrip:    "【{site}】{tenant}（户号{account}）电表{meter}已于{time}断电，余额{balance}元。充值后自动恢复供电。",
	NotifyClose:   "【{site}】{tenant}（户号{account}）电表{meter}已于{time}恢复供电，余额{balance}元。",
}

var placeholderRE = regexp.MustCompile(`\{([^{}]*)\}`)

// CheckNotificationTemplate refuses a template the outbox could not send
// as meant: an unknown kind, an empty or over-long text, a placeholder it
// does not know, or a stray brace. Errors: INVALID_INPUT naming the fix.
func CheckNotificationTemplate(kind, text string) error {
	if !slices.Contains(NotificationKinds, kind) {
		return Invalid("kind", "kind must be one of %s, got %q", strings.Join(NotificationKinds, ", "), kind)
	}
	if strings.TrimSpace(text) == "" {
		return Invalid("text", "the template is empty; write the message, or reset the kind to use the built-in text")
	}
	if n := utf8.RuneCountInString(text); n > MaxNotificationTemplate {
		return Invalid("text", "the template has %d characters; at most %d fit (shorten it: every 70 characters are one more SMS)", n, MaxNotificationTemplate)
	}
	for _, m := range placeholderRE.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(NotificationPlaceholders, m[1]) {
			return Invalid("text", "unknown placeholder {%s}; use one of {%s}", m[1], strings.Join(NotificationPlaceholders, "} {"))
		}
	}
	if rest := placeholderRE.ReplaceAllString(text, ""); strings.ContainsAny(rest, "{}") {
		return Invalid("text", "a brace is not closed or not opened; placeholders are written {account}, {balance}…")
	}
	return nil
}

// RenderNotification fills text's placeholders from values (keys as in
// NotificationPlaceholders; a missing one becomes empty).
func RenderNotification(text string, values map[string]string) string {
	return placeholderRE.ReplaceAllStringFunc(text, func(p string) string {
		return values[p[1:len(p)-1]]
	})
}

// SampleNotificationValues are the values a template's preview shows.
var SampleNotificationValues = map[string]string{
	"account": "A0001", "tenant": "张记小吃", "shop": "1-101", "site": "伏特广场",
	"balance": "18.50", "threshold": "20.00", "meter": "000000001234", "time": "12-08 21:30",
}
