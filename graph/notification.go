package graph

import (
	"context"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/model"
)

// notifications is the notification service, or UNAVAILABLE without one.
func (r *Resolver) notifications() (voltpay.NotificationService, error) {
	if r.NotificationService == nil {
		return nil, voltpay.Errorf(voltpay.EUNAVAILABLE, "warnings to tenants are not set up on this server")
	}
	return r.NotificationService, nil
}

// settingsAccount is the account a notification settings field names: a
// tenant may omit it for their current account; staff must name one.
func settingsAccount(ctx context.Context, accountID *int64) (int64, error) {
	if accountID != nil {
		return *accountID, nil
	}
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() {
		if p.AccountID == 0 {
			return 0, voltpay.Errorf(voltpay.ENOTFOUND, "you are bound to no account yet: bind yours first (bindAccount), then choose its warnings")
		}
		return p.AccountID, nil
	}
	return 0, voltpay.Invalid("accountId", "say which account (accountId); only a tenant's app may omit it for its current account")
}

// notificationPage lists outbox rows of filter (nil: all the caller sees).
func (r *Resolver) notificationPage(ctx context.Context, filter *voltpay.NotificationFilter, a pageArgs) (*model.NotificationConnection, error) {
	s, err := r.notifications()
	if err != nil {
		return nil, err
	}
	return listPage(ctx, "notifications", filter, a, s.FindNotifications, notificationID)
}

func notificationID(n *voltpay.Notification) int64 { return n.ID }

// smsStatus is the SMS driver's state, "unknown" when the server did not
// say.
func (r *Resolver) smsStatus() *voltpay.SMSStatus {
	if r.SMSStatus == nil {
		return &voltpay.SMSStatus{Driver: "unknown", State: "unknown"}
	}
	s := r.SMSStatus()
	return &s
}

// accountNotificationsFirst is Account.notifications' page size: first,
// or the 20 an account page shows.
func accountNotificationsFirst(first *int) *int {
	if first != nil {
		return first
	}
	n := 20
	return &n
}
