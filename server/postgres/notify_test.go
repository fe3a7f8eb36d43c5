package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/billing"
	"github.com/voltpay/voltpay/outbox"
	"github.com/voltpay/voltpay/server/postgres"
)

// warnFix is an account with a phone of its own, a bound person with a
// phone and WeChat, and the services the outbox tests use.
type warnFix struct {
	db       *postgres.DB
	ns       *postgres.NotificationService
	cs       *postgres.ControlStore
	acct     *voltpay.Account
	phone    string // the account's contact phone
	person   string // the bound person's phone
	openid   string
	personID int64
}

func newWarnFix(t *testing.T) *warnFix {
	t.Helper()
	db := MustOpenDB(t)
	site := MustCreateSite(t, db)
	f := &warnFix{db: db, ns: postgres.NewNotificationService(db), cs: postgres.NewControlStore(db),
		phone: fmt.Sprintf("139%08d", rand.IntN(1e8)), person: fmt.Sprintf("137%08d", rand.IntN(1e8)),
		openid: fmt.Sprintf("o-test-%d", rand.Int64())}
	a, _, err := postgres.NewAccountService(db).OpenAccount(AdminContext(), voltpay.OpenAccountInput{
		Account: voltpay.AccountInput{SiteID: site.ID, TenantName: "张记面馆", ShopNo: "1F-101", Phone: f.phone}})
	if err != nil {
		t.Fatal(err)
	}
	f.acct = a
	if err := db.GetContext(context.Background(), &f.personID,
		`INSERT INTO tenant_users (phone, wechat_openid) VALUES ($1, $2) RETURNING id`, f.person, f.openid); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO tenant_bindings (tenant_user_id, account_id, via) VALUES ($1, $2, 'sms')`, f.personID, a.ID); err != nil {
		t.Fatal(err)
	}
	return f
}

// change raises (or clears) alarms of kinds on the account.
func (f *warnFix) change(t *testing.T, raise bool, kinds ...string) {
	t.Helper()
	var cs []billing.AlarmChange
	for _, k := range kinds {
		cs = append(cs, billing.AlarmChange{AccountID: f.acct.ID, Kind: k, Raise: raise, Message: k})
	}
	if _, err := f.cs.ChangeAlarms(AdminContext(), cs); err != nil {
		t.Fatal(err)
	}
}

// rows returns the account's outbox rows, oldest first.
func (f *warnFix) rows(t *testing.T) []*voltpay.Notification {
	t.Helper()
	p, err := f.ns.FindNotifications(AdminContext(), voltpay.NotificationFilter{AccountID: &f.acct.ID, Page: voltpay.PageArgs{First: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]*voltpay.Notification, len(p.Items))
	for i, n := range p.Items {
		out[len(out)-1-i] = n
	}
	return out
}

func kindsOf(ns []*voltpay.Notification) map[string]int {
	out := map[string]int{}
	for _, n := range ns {
		out[n.Kind+"/"+n.Channel]++
	}
	return out
}

func TestOutbox_OncePerLevelPerEpisode(t *testing.T) {
	f := newWarnFix(t)
	f.change(t, true, voltpay.AlarmLevel1)
	got := f.rows(t)
	// The contact phone and the person's phone by SMS, the person by WeChat.
	if k := kindsOf(got); k["alarm1/sms"] != 2 || k["alarm1/wechat"] != 1 || len(got) != 3 {
		t.Fatalf("alarm 1 raised: %v, want 2 SMS and 1 WeChat", k)
	}
	for _, n := range got {
		if n.State != voltpay.NotificationPending || n.AlarmID == nil {
			t.Errorf("row %+v: want pending with its alarm", n)
		}
	}
	if got[0].Text == "" || !strings.Contains(got[0].Text, f.acct.No) || !strings.Contains(got[0].Text, "请及时充值") {
		t.Errorf("text %q: want the built-in alarm 1 text naming the account", got[0].Text)
	}
	// Still below alarm 1 (raising an open alarm does nothing): no new text.
	f.change(t, true, voltpay.AlarmLevel1)
	if n := len(f.rows(t)); n != 3 {
		t.Fatalf("alarm 1 raised again in the same episode: %d rows, want 3", n)
	}
	// The balance recovers (cleared) and falls again: a new episode.
	f.change(t, false, voltpay.AlarmLevel1)
	f.change(t, true, voltpay.AlarmLevel1)
	if k := kindsOf(f.rows(t)); k["alarm1/sms"] != 4 {
		t.Fatalf("a new episode: %v, want 4 alarm 1 SMS", k)
	}
	// Falling through alarm 2 and zero at once texts the worst level only.
	f.change(t, true, voltpay.AlarmLevel2, voltpay.AlarmArrears)
	if k := kindsOf(f.rows(t)); k["alarm2/sms"] != 0 || k["arrears/sms"] != 2 {
		t.Fatalf("alarm 2 and arrears at once: %v, want arrears only", k)
	}
}

func TestOutbox_QuietHours(t *testing.T) {
	f := newWarnFix(t)
	sh, _ := time.LoadLocation("Asia/Shanghai")
	night := time.Date(2031, 3, 4, 23, 15, 0, 0, sh)
	f.db.Now = func() time.Time { return night.UTC() }
	if _, err := f.ns.SetQuietHours(AdminContext(), f.acct.SiteID, voltpay.QuietHours{Start: "22:00", End: "08:00"}); err != nil {
		t.Fatal(err)
	}
	_, err := f.ns.SetQuietHours(AdminContext(), f.acct.SiteID, voltpay.QuietHours{Start: "22:00", End: "8"})
	wantCode(t, err, voltpay.EINVALID)
	f.change(t, true, voltpay.AlarmLevel1)
	f.change(t, true, voltpay.AlarmArrears)
	morning := time.Date(2031, 3, 5, 8, 0, 0, 0, sh)
	for _, n := range f.rows(t) {
		want := night
		if n.Kind == voltpay.AlarmLevel1 {
			want = morning // not urgent: waits for the end of the quiet hours
		}
		if !n.NextAttemptAt.Equal(want) {
			t.Errorf("%s/%s due %s, want %s", n.Kind, n.Channel, n.NextAttemptAt.In(sh), want)
		}
	}
}

func TestOutbox_OptOut(t *testing.T) {
	f := newWarnFix(t)
	off := false
	// A tenant may change only their own account's settings.
	_, err := f.ns.SetNotificationSettings(TenantContext(f.acct.ID+1), f.acct.ID, &off, nil)
	wantCode(t, err, voltpay.EFORBIDDEN)
	_, err = f.ns.NotificationSettings(TenantContext(f.acct.ID+1), f.acct.ID)
	wantCode(t, err, voltpay.EFORBIDDEN)
	viewer := voltpay.WithPrincipal(context.Background(), &voltpay.Principal{Kind: voltpay.PrincipalOperator, Name: "v", Role: voltpay.RoleViewer})
	_, err = f.ns.SetNotificationSettings(viewer, f.acct.ID, &off, nil)
	wantCode(t, err, voltpay.EFORBIDDEN)
	s, err := f.ns.SetNotificationSettings(TenantContext(f.acct.ID), f.acct.ID, &off, nil)
	if err != nil || s.SMS || !s.WeChat {
		t.Fatalf("tenant turns SMS off: %+v, %v", s, err)
	}
	f.change(t, true, voltpay.AlarmLevel1)
	for _, n := range f.rows(t) {
		want := voltpay.NotificationPending
		if n.Channel == voltpay.ChannelSMS {
			want = voltpay.NotificationSuppressed
		}
		if n.State != want {
			t.Errorf("%s to %s: %s (%s), want %s", n.Channel, n.Recipient, n.State, n.LastError, want)
		}
	}
	// WeChat turned off after the row was written: suppressed when due.
	if _, err := f.ns.SetNotificationSettings(AdminContext(), f.acct.ID, nil, &off); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ns.ClaimNotifications(AdminContext(), 1000, time.Minute); err != nil {
		t.Fatal(err)
	}
	for _, n := range f.rows(t) {
		if n.State != voltpay.NotificationSuppressed {
			t.Errorf("%s: %s, want suppressed once the account turned it off", n.Channel, n.State)
		}
	}
}

func TestOutbox_Templates(t *testing.T) {
	f := newWarnFix(t)
	site := f.acct.SiteID
	_, err := f.ns.SetNotificationTemplate(AdminContext(), site, voltpay.NotifyAlarm1, "余额{money}元")
	wantCode(t, err, voltpay.EINVALID)
	_, err = f.ns.SetNotificationTemplate(AdminContext(), site, "alarm9", "余额{balance}元")
	wantCode(t, err, voltpay.EINVALID)
	_, err = f.ns.SetNotificationTemplate(AdminContext(), 1<<40, voltpay.NotifyAlarm1, "余额{balance}元")
	wantCode(t, err, voltpay.ENOTFOUND)
	if _, err := f.ns.SetNotificationTemplate(AdminContext(), site, voltpay.NotifyAlarm1, "{tenant}：余额{balance}元，提醒线{threshold}元"); err != nil {
		t.Fatal(err)
	}
	ts, err := f.ns.NotificationTemplates(AdminContext(), site)
	if err != nil || len(ts) != len(voltpay.NotificationKinds) || !ts[0].Custom || ts[1].Custom {
		t.Fatalf("templates: %+v, %v", ts, err)
	}
	f.change(t, true, voltpay.AlarmLevel1)
	want := fmt.Sprintf("张记面馆：余额0.00元，提醒线%s元", f.acct.Alarm1Fen.String())
	if got := f.rows(t)[0].Text; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	// Reset: the built-in text again.
	if got, err := f.ns.SetNotificationTemplate(AdminContext(), site, voltpay.NotifyAlarm1, ""); err != nil || got.Custom ||
		got.Text != voltpay.DefaultNotificationTemplates[voltpay.NotifyAlarm1] {
		t.Fatalf("reset: %+v, %v", got, err)
	}
}

func TestOutbox_TripConfirmed(t *testing.T) {
	f := newWarnFix(t)
	m := mkDirectMeter(t, f.db, f.acct.SiteID)
	if _, err := f.db.Exec(`UPDATE meters SET account_id = $1 WHERE id = $2`, f.acct.ID, m.ID); err != nil {
		t.Fatal(err)
	}
	cs := postgres.NewCommandService(f.db)
	mustClock(f.db)
	c := mustEnqueue(t, cs, voltpay.CommandInput{MeterID: m.ID, Kind: voltpay.CmdTrip})
	if _, err := f.db.Exec(`UPDATE meter_commands SET state = 'sent' WHERE id = $1`, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.ConfirmCommandReadBack(AdminContext(), c.ID, voltpay.CommandReadBack{Relay: voltpay.RelayOpen}); err != nil {
		t.Fatal(err)
	}
	got := f.rows(t)
	if k := kindsOf(got); k["trip/sms"] != 2 || k["trip/wechat"] != 1 {
		t.Fatalf("trip confirmed: %v", k)
	}
	if got[0].CommandID == nil || *got[0].CommandID != c.ID || !strings.Contains(got[0].Text, m.Address) {
		t.Errorf("row %+v: want the command and the meter's address", got[0])
	}
}

// countingSMS is a fake SMS counting sends by Ref; fail, when set, decides
// an error per send.
type countingSMS struct {
	mu    sync.Mutex
	sent  map[string]int
	fail  func(m voltpay.SMSMessage) error
	after func(n int) // called after each send with the total so far
	total int
}

func (c *countingSMS) Send(ctx context.Context, m voltpay.SMSMessage) (voltpay.SMSReceipt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fail != nil {
		if err := c.fail(m); err != nil {
			return voltpay.SMSReceipt{}, err
		}
	}
	if c.sent == nil {
		c.sent = map[string]int{}
	}
	c.sent[m.Ref]++
	c.total++
	if c.after != nil {
		c.after(c.total)
	}
	return voltpay.SMSReceipt{ProviderID: "p-" + m.Ref, Parts: 1, SentAt: time.Now()}, nil
}

// wechatFake accepts every message.
type wechatFake struct {
	mu   sync.Mutex
	sent map[string]int
}

func (w *wechatFake) Send(ctx context.Context, m voltpay.WeChatMessage) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.sent == nil {
		w.sent = map[string]int{}
	}
	if m.TemplateID == "" || m.Data["thing1"] == "" {
		return "", fmt.Errorf("%w: no template or data", voltpay.ErrWeChatRejected)
	}
	w.sent[m.Ref]++
	return "wx-" + m.Ref, nil
}

func newWorker(f *warnFix, sms voltpay.SMS, wx voltpay.WeChatMessenger) *outbox.Worker {
	return &outbox.Worker{Store: f.ns, SMS: sms, WeChat: wx, Now: f.db.Now, Batch: 4,
		WeChatTemplates: map[string]string{voltpay.NotifyAlarm1: "tmpl-a1", voltpay.NotifyArrears: "tmpl-arr"}}
}

// drain runs w until nothing is due.
func drain(t *testing.T, w *outbox.Worker) {
	t.Helper()
	for i := 0; i < 1000; i++ {
		n, err := w.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("the outbox never drained")
}

func TestOutbox_RetriesAndFailure(t *testing.T) {
	f := newWarnFix(t)
	clock := mustClock(f.db)
	sms := &countingSMS{fail: func(m voltpay.SMSMessage) error {
		switch m.To {
		case f.phone:
			return errors.New("the modem did not answer") // retryable
		case f.person:
			return fmt.Errorf("%w: number does not exist", voltpay.ErrSMSRejected)
		}
		return nil
	}}
	w := newWorker(f, sms, &wechatFake{})
	f.change(t, true, voltpay.AlarmLevel1)
	drain(t, w)
	byTo := map[string]*voltpay.Notification{}
	for _, n := range f.rows(t) {
		byTo[n.Recipient] = n
	}
	if n := byTo[f.person]; n.State != voltpay.NotificationFailed || n.Attempts != 1 || !strings.Contains(n.LastError, "does not exist") {
		t.Errorf("rejected: %+v, want failed at once", n)
	}
	if n := byTo[f.phone]; n.State != voltpay.NotificationPending || n.Attempts != 1 || !n.NextAttemptAt.After(clock.Now()) {
		t.Errorf("retryable: %+v, want pending with a later attempt", n)
	}
	if n := byTo[f.openid]; n.State != voltpay.NotificationSent || n.ProviderID != fmt.Sprintf("wx-%d", n.ID) {
		t.Errorf("wechat: %+v, want sent", n)
	}
	// Tried until MaxAttempts, then failed.
	for i := 0; i < 10; i++ {
		clock.Advance(2 * time.Hour)
		drain(t, w)
	}
	if n := f.rows(t); true {
		for _, r := range n {
			if r.Recipient == f.phone && (r.State != voltpay.NotificationFailed || r.Attempts != 8) {
				t.Errorf("after many failures: %s after %d attempts, want failed after 8", r.State, r.Attempts)
			}
		}
	}
	// An operator retries the failed one; the modem is back.
	sms.fail = nil
	r, err := f.ns.RetryNotification(AdminContext(), byTo[f.phone].ID)
	if err != nil || r.State != voltpay.NotificationPending {
		t.Fatalf("retry: %+v, %v", r, err)
	}
	_, err = f.ns.RetryNotification(AdminContext(), byTo[f.openid].ID)
	wantCode(t, err, voltpay.ECONFLICT)
	drain(t, w)
	if sms.sent[fmt.Sprint(byTo[f.phone].ID)] != 1 {
		t.Errorf("after the operator's retry: sent %d times, want 1", sms.sent[fmt.Sprint(byTo[f.phone].ID)])
	}
}

func TestOutbox_RestartSendsEachOnce(t *testing.T) {
	f := newWarnFix(t)
	clock := mustClock(f.db)
	drain(t, newWorker(f, &countingSMS{}, &wechatFake{})) // what other tests left
	// 12 people bound: 14 SMS and 1 WeChat per warning.
	for i := 0; i < 12; i++ {
		var id int64
		if err := f.db.Get(&id, `INSERT INTO tenant_users (phone) VALUES ($1) RETURNING id`, fmt.Sprintf("136%08d", rand.IntN(1e8))); err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.Exec(`INSERT INTO tenant_bindings (tenant_user_id, account_id, via) VALUES ($1, $2, 'sms')`, id, f.acct.ID); err != nil {
			t.Fatal(err)
		}
	}
	f.change(t, true, voltpay.AlarmArrears)
	mine := f.rows(t)
	if len(mine) != 15 {
		t.Fatalf("%d rows, want 15", len(mine))
	}
	sms, wx := &countingSMS{}, &wechatFake{}
	// Worker 1 stops mid-batch, after its third send.
	ctx1, stop1 := context.WithCancel(context.Background())
	sms.after = func(n int) {
		if n == 3 {
			stop1()
		}
	}
	w1 := newWorker(f, sms, wx)
	if _, err := w1.RunOnce(ctx1); err != nil {
		t.Fatal(err)
	}
	sms.mu.Lock()
	sms.after = nil
	sms.mu.Unlock()
	if sms.total != 3 {
		t.Fatalf("worker 1 sent %d before it stopped, want 3", sms.total)
	}
	// Worker 2 dies after claiming (claims and never records).
	dead, err := f.ns.ClaimNotifications(AdminContext(), 5, time.Minute)
	if err != nil || len(dead) != 5 {
		t.Fatalf("worker 2 claims: %d, %v", len(dead), err)
	}
	// Worker 3 starts: it sends what worker 1 handed back, not worker 2's
	// claims until their lease ran out.
	w3 := newWorker(f, sms, wx)
	drain(t, w3)
	if sms.total+len(wx.sent) != 15-5 {
		t.Fatalf("before the lease ran out: %d sent, want 10", sms.total+len(wx.sent))
	}
	clock.Advance(2 * time.Minute)
	drain(t, w3)
	for _, n := range mine {
		ref := fmt.Sprint(n.ID)
		if got := sms.sent[ref] + wx.sent[ref]; got != 1 {
			t.Errorf("row %d (%s) sent %d times, want once", n.ID, n.Channel, got)
		}
	}
	for _, n := range f.rows(t) {
		if n.State != voltpay.NotificationSent {
			t.Errorf("row %d: %s, want sent", n.ID, n.State)
		}
	}
	// A late record by the dead worker changes nothing.
	if err := f.ns.RecordFailure(AdminContext(), dead[0], "late", time.Time{}); err != nil {
		t.Fatal(err)
	}
	for _, n := range f.rows(t) {
		if n.ID == dead[0].ID && n.State != voltpay.NotificationSent {
			t.Errorf("the dead worker's late record moved row %d to %s", n.ID, n.State)
		}
	}
}

func TestOutbox_DeliveryReports(t *testing.T) {
	f := newWarnFix(t)
	mustClock(f.db)
	f.change(t, true, voltpay.AlarmLevel1)
	drain(t, newWorker(f, &countingSMS{}, &wechatFake{}))
	rows := f.rows(t)
	a, b := rows[0], rows[1]
	if ok, err := f.ns.RecordDelivery(AdminContext(), fmt.Sprint(a.ID), "p-"+fmt.Sprint(a.ID), true, "delivered"); err != nil || !ok {
		t.Fatalf("delivered: %v, %v", ok, err)
	}
	if ok, err := f.ns.RecordDelivery(AdminContext(), fmt.Sprint(b.ID), "", false, "not obtainable"); err != nil || !ok {
		t.Fatalf("failed: %v, %v", ok, err)
	}
	// A report naming another provider id, or no row of ours, is ignored.
	if ok, _ := f.ns.RecordDelivery(AdminContext(), fmt.Sprint(rows[2].ID), "someone-else", true, ""); ok {
		t.Error("a report for another message was applied")
	}
	if ok, _ := f.ns.RecordDelivery(AdminContext(), "sign-in-code", "", true, ""); ok {
		t.Error("a report without an outbox ref was applied")
	}
	got := f.rows(t)
	if got[0].State != voltpay.NotificationDelivered || got[0].DeliveredAt == nil {
		t.Errorf("row a: %+v, want delivered", got[0])
	}
	if got[1].State != voltpay.NotificationFailed || !strings.Contains(got[1].LastError, "not obtainable") {
		t.Errorf("row b: %+v, want failed with the report's meaning", got[1])
	}
}

func TestOutbox_TenantSeesOnlyTheirs(t *testing.T) {
	f := newWarnFix(t)
	f.change(t, true, voltpay.AlarmLevel1)
	other := f.acct.ID + 100000
	p, err := f.ns.FindNotifications(TenantContext(other), voltpay.NotificationFilter{AccountID: &f.acct.ID, Page: voltpay.PageArgs{First: 100}})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range p.Items {
		if n.AccountID == f.acct.ID {
			t.Fatalf("another tenant saw row %d", n.ID)
		}
	}
}
