package voltpay

import (
	"context"
	"errors"
	"time"
)

// SMS sends text messages to phones. Everything that texts a tenant goes
// through it: the tenant app's sign-in codes and, through the notification
// outbox, warnings about alarms, arrears, trips and closes. Drivers live in
// package notify (a GSM modem on a serial port, an HTTP provider, and the
// offline fake tests and the demo use).
//
// Send either hands the whole message to the network or carrier (a non-nil
// SMSReceipt) or returns an error; it never reports success for a part of a
// message. Errors wrap ErrSMSRejected when retrying the same message cannot
// help (a malformed number, a refused text, an account out of credit) and
// are otherwise worth retrying later (a modem that stopped answering, a
// provider timing out).
type SMS interface {
	Send(ctx context.Context, m SMSMessage) (SMSReceipt, error)
}

// SMSMessage is one text to one phone.
type SMSMessage struct {
	// To is a mainland mobile number, 11 digits ("13800138000"), or an
	// international one with its leading "+".
	To string
	// Text is the message as the tenant reads it, any Unicode; a driver
	// splits it into as many parts as it needs.
	Text string
	// Ref is the sender's own reference (an outbox row, a sign-in code's
	// id), echoed in delivery reports; it is never shown to the tenant.
	Ref string
}

// SMSReceipt is what the driver knows once a message has been handed over.
type SMSReceipt struct {
	// ProviderID identifies the message at the provider or modem (for a
	// modem, the message references of its parts joined by ","), so a
	// later delivery report can be matched to it.
	ProviderID string
	// Parts is how many SMS the text took (70 UCS-2 characters or 160 GSM
	// characters fit in one; longer texts go as concatenated parts).
	Parts int
	// SentAt is when the last part was accepted.
	SentAt time.Time
}

// ErrSMSRejected marks a send that will fail again if retried unchanged.
var ErrSMSRejected = errors.New("sms rejected")
