package voltpay

import (
	"testing"
	"time"
)

func TestQuietHoursUntil(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	night := QuietHours{Start: "22:00", End: "08:00"}
	noon := QuietHours{Start: "12:00", End: "14:00"}
	at := func(d, hm string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", d+" "+hm, sh)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		q    QuietHours
		t    time.Time
		want time.Time
	}{
		{night, at("2026-12-08", "21:59"), at("2026-12-08", "21:59")},
		{night, at("2026-12-08", "22:00"), at("2026-12-09", "08:00")},
		{night, at("2026-12-09", "03:10"), at("2026-12-09", "08:00")},
		{night, at("2026-12-09", "08:00"), at("2026-12-09", "08:00")},
		{noon, at("2026-12-09", "13:00"), at("2026-12-09", "14:00")},
		{noon, at("2026-12-09", "03:00"), at("2026-12-09", "03:00")},
		{QuietHours{}, at("2026-12-09", "03:00"), at("2026-12-09", "03:00")},
	} {
		if got := c.q.Until(c.t.UTC(), sh); !got.Equal(c.want) {
			t.Errorf("%v.Until(%v) = %v, want %v", c.q, c.t, got.In(sh), c.want)
		}
	}
}

func TestQuietHoursCheck(t *testing.T) {
	for _, q := range []QuietHours{{Start: "22:00"}, {Start: "24:00", End: "08:00"}, {Start: "8:00", End: "09:00"}, {Start: "08:00", End: "08:00"}} {
		if err := q.Check(); ErrorCode(err) != EINVALID {
			t.Errorf("%+v: got %v, want INVALID_INPUT", q, err)
		}
	}
	if err := (QuietHours{Start: "22:00", End: "08:00"}).Check(); err != nil {
		t.Error(err)
	}
}

func TestCheckNotificationTemplate(t *testing.T) {
	if err := CheckNotificationTemplate(NotifyAlarm1, "余额{balance}元，低于{threshold}元"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ kind, text string }{
		{"nope", "x"}, {NotifyAlarm1, " "}, {NotifyAlarm1, "余额{money}"}, {NotifyAlarm1, "余额{balance"},
		{NotifyAlarm1, string(make([]rune, MaxNotificationTemplate+1))},
	} {
		if err := CheckNotificationTemplate(c.kind, c.text); ErrorCode(err) != EINVALID {
			t.Errorf("%q %q: got %v, want INVALID_INPUT", c.kind, c.text, err)
		}
	}
	for kind, text := range DefaultNotificationTemplates {
		if err := CheckNotificationTemplate(kind, text); err != nil {
			t.Errorf("built-in %s: %v", kind, err)
		}
	}
	if got := RenderNotification("{account}余额{balance}元", SampleNotificationValues); got != "A0001余额18.50元" {
		t.Errorf("render: %q", got)
	}
}
