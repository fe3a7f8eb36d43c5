package main

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/notify"
	"github.com/voltpay/voltpay/outbox"
	"github.com/voltpay/voltpay/server/postgres"
)

// outboxSettings are the warnings' settings (docs/NOTIFICATIONS.md).
type outboxSettings struct {
	// Interval is how often the worker looks for due warnings.
	Interval time.Duration
	// WeChatTemplates maps each kind of warning to the mini-program's
	// subscription template id.
	WeChatTemplates map[string]string
}

// addOutboxOptions declares the outbox's settings.
func addOutboxOptions(o *options, c *config) {
	s := &c.Outbox
	o.add("outbox-interval", "VOLTPAY_OUTBOX_INTERVAL", "5s", "how often the notification outbox looks for warnings that are due", duration(&s.Interval, 100*time.Millisecond))
	o.add("wechat-notify-templates", "VOLTPAY_WECHAT_NOTIFY_TEMPLATES", "", "the mini-program's subscription template ids of the warnings, kind=id separated by ; (kinds: alarm1 alarm2 arrears trip close)", func(v string) error {
		t, err := parseNotifyTemplates(v)
		s.WeChatTemplates = t
		return err
	})
}

// parseNotifyTemplates reads "alarm1=id;trip=id".
func parseNotifyTemplates(v string) (map[string]string, error) {
	out := map[string]string{}
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' }) {
		kind, id, ok := strings.Cut(strings.TrimSpace(part), "=")
		kind, id = strings.TrimSpace(kind), strings.TrimSpace(id)
		if !ok || id == "" || !slices.Contains(voltpay.NotificationKinds, kind) {
			return nil, fmt.Errorf("%q: want kind=templateId with kind one of %s", part, strings.Join(voltpay.NotificationKinds, ", "))
		}
		out[kind] = id
	}
	return out, nil
}

// deliveries applies the SMS driver's delivery reports to the outbox. It
// exists before the driver (whose config takes report), and is given its
// store when the outbox starts; reports before that are dropped.
type deliveries struct {
	mu    sync.Mutex
	store *postgres.NotificationService
	log   *slog.Logger
}

// report takes one part's report on the driver's goroutine; it must not
// block, so the database write runs on its own.
func (d *deliveries) report(r notify.DeliveryReport) {
	d.mu.Lock()
	store := d.store
	d.mu.Unlock()
	state := r.Report.State()
	if store == nil || state == notify.Pending {
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := store.RecordDelivery(ctx, r.Ref, r.ProviderID, state == notify.Delivered, r.Report.Meaning()); err != nil {
			d.log.Warn("recording an SMS delivery report", "ref", r.Ref, "err", err)
		}
	}()
}

// statusSMS remembers the driver's last error, for smsStatus.
type statusSMS struct {
	voltpay.SMS
	driver string
	mu     sync.Mutex
	err    string
	at     time.Time
}

func (s *statusSMS) Send(ctx context.Context, m voltpay.SMSMessage) (voltpay.SMSReceipt, error) {
	r, err := s.SMS.Send(ctx, m)
	if err != nil {
		s.mu.Lock()
		s.err, s.at = err.Error(), time.Now()
		s.mu.Unlock()
	}
	return r, err
}

// status is what operators see: a modem's own status, the last error
// otherwise.
func (s *statusSMS) status() voltpay.SMSStatus {
	if m, ok := s.SMS.(*notify.Modem); ok {
		st := m.Status()
		out := voltpay.SMSStatus{Driver: s.driver, State: st.State, Registration: st.Registration,
			Signal: &st.Signal, SignalDBm: &st.SignalDBm, LastError: st.LastError, Sent: &st.Sent}
		if !st.ErrorAt.IsZero() {
			out.ErrorAt = &st.ErrorAt
		}
		return out
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := voltpay.SMSStatus{Driver: s.driver, State: "ready", LastError: s.err}
	if !s.at.IsZero() {
		at := s.at
		out.ErrorAt = &at
	}
	return out
}

// startOutbox gives the API the notification service and the SMS
// driver's status, and runs the outbox worker until ctx ends. WeChat
// warnings are suppressed ("not configured") until a WeChat messenger is
// given (wechat may be nil).
func startOutbox(ctx context.Context, cfg *config, db *postgres.DB, res *graph.Resolver, sms voltpay.SMS,
	wechat voltpay.WeChatMessenger, d *deliveries, log *slog.Logger) {
	ns := postgres.NewNotificationService(db)
	d.mu.Lock()
	d.store, d.log = ns, log
	d.mu.Unlock()
	driver := cfg.SMS.Driver
	if driver == "" {
		driver = "fake"
	}
	st := &statusSMS{SMS: sms, driver: driver}
	res.NotificationService = ns
	res.SMSStatus = st.status
	for _, kind := range voltpay.NotificationKinds {
		if id := cfg.Outbox.WeChatTemplates[kind]; id != "" && !slices.Contains(res.WeChatNotifyTemplateIDs, id) {
			res.WeChatNotifyTemplateIDs = append(res.WeChatNotifyTemplateIDs, id)
		}
	}
	w := &outbox.Worker{Store: ns, SMS: st, WeChat: wechat, WeChatTemplates: cfg.Outbox.WeChatTemplates,
		WeChatPage: "pages/home/index", Now: db.Now, Log: log.With("component", "outbox"), Interval: cfg.Outbox.Interval}
	go w.Run(ctx)
}
