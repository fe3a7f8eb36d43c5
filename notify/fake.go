package notify

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/voltpay/voltpay"
)

// FakeInboxSize is how many messages the fake keeps per phone (the newest),
// and FakePhones how many phones; older ones are dropped, so a long demo
// or test run holds a bounded amount.
const (
	FakeInboxSize = 20
	FakePhones    = 1000
)

// Fake is an in-process voltpay.SMS for tests and the demo: it sends
// nothing, and keeps the messages in an inbox per phone that tests (and,
// only when configured, the demo's debug listener) read. It is safe for
// concurrent use.
type Fake struct {
	mu     sync.Mutex
	inbox  map[string][]FakeMessage // by phone, oldest first
	order  []string                 // phones by their first message, to drop the oldest
	serial int
	now    func() time.Time
	// Fail, when set, makes Send return its error (a modem that stopped
	// answering, a provider refusing).
	Fail error
	// OnReport, when set, hears a delivery report (status 0, delivered)
	// for every message kept, as a modem's status reports arrive, so the
	// outbox's delivery states can be seen without a modem. It is called
	// before Send returns, outside the fake's lock.
	OnReport func(DeliveryReport)
}

// FakeMessage is one message the fake received.
type FakeMessage struct {
	To     string    `json:"to"`
	Text   string    `json:"text"`
	Ref    string    `json:"ref"`
	SentAt time.Time `json:"sentAt"`
}

var _ voltpay.SMS = (*Fake)(nil)

// NewFake returns an empty fake.
func NewFake() *Fake {
	return &Fake{inbox: map[string][]FakeMessage{}, now: time.Now}
}

// Send implements voltpay.SMS: it keeps m in To's inbox.
func (f *Fake) Send(ctx context.Context, m voltpay.SMSMessage) (voltpay.SMSReceipt, error) {
	if err := ctx.Err(); err != nil {
		return voltpay.SMSReceipt{}, err
	}
	if m.To == "" || !utf8.ValidString(m.Text) || m.Text == "" {
		return voltpay.SMSReceipt{}, fmt.Errorf("%w: a message needs a phone and a text", voltpay.ErrSMSRejected)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.Fail != nil {
		return voltpay.SMSReceipt{}, f.Fail
	}
	f.serial++
	now := f.now()
	if _, ok := f.inbox[m.To]; !ok {
		if len(f.order) >= FakePhones {
			delete(f.inbox, f.order[0])
			f.order = f.order[1:]
		}
		f.order = append(f.order, m.To)
	}
	box := append(f.inbox[m.To], FakeMessage{To: m.To, Text: m.Text, Ref: m.Ref, SentAt: now})
	if len(box) > FakeInboxSize {
		box = box[len(box)-FakeInboxSize:]
	}
	f.inbox[m.To] = box
	parts := (utf8.RuneCountInString(m.Text) + 69) / 70
	r := voltpay.SMSReceipt{ProviderID: "fake-" + strconv.Itoa(f.serial), Parts: parts, SentAt: now}
	if report := f.OnReport; report != nil {
		f.mu.Unlock()
		report(DeliveryReport{ProviderID: r.ProviderID, Ref: m.Ref, Report: StatusReport{Recipient: m.To, Submitted: now, Done: now}})
		f.mu.Lock() // the deferred Unlock
	}
	return r, nil
}

// Inbox returns the messages sent to phone, latest first (at most
// FakeInboxSize).
func (f *Fake) Inbox(phone string) []FakeMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	box := f.inbox[phone]
	out := make([]FakeMessage, len(box))
	for i, m := range box {
		out[len(box)-1-i] = m
	}
	return out
}

// Latest returns the latest message sent to phone, if any.
func (f *Fake) Latest(phone string) (FakeMessage, bool) {
	box := f.Inbox(phone)
	if len(box) == 0 {
		return FakeMessage{}, false
	}
	return box[0], true
}
