package notify

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/voltpay/voltpay"
)

func TestFake_InboxLatestFirstAndBounded(t *testing.T) {
	f := NewFake()
	ctx := context.Background()
	for i := range FakeInboxSize + 5 {
		if _, err := f.Send(ctx, voltpay.SMSMessage{To: "13800000000", Text: fmt.Sprint("m", i)}); err != nil {
			t.Fatal(err)
		}
	}
	box := f.Inbox("13800000000")
	if len(box) != FakeInboxSize || box[0].Text != fmt.Sprint("m", FakeInboxSize+4) || box[len(box)-1].Text != "m5" {
		t.Fatalf("inbox %d messages, first %q last %q", len(box), box[0].Text, box[len(box)-1].Text)
	}
	if len(f.Inbox("13900000000")) != 0 {
		t.Fatal("another phone has messages")
	}
	for i := range FakePhones + 1 {
		f.Send(ctx, voltpay.SMSMessage{To: fmt.Sprint(i), Text: "x"})
	}
	if len(f.inbox) != FakePhones || len(f.Inbox("13800000000")) != 0 {
		t.Fatalf("%d phones kept; the oldest must go", len(f.inbox))
	}
}

func TestFake_Rejects(t *testing.T) {
	f := NewFake()
	if _, err := f.Send(context.Background(), voltpay.SMSMessage{To: "", Text: "x"}); !errors.Is(err, voltpay.ErrSMSRejected) {
		t.Fatalf("no phone: %v", err)
	}
	f.Fail = errors.New("modem gone")
	if _, err := f.Send(context.Background(), voltpay.SMSMessage{To: "1", Text: "x"}); err == nil {
		t.Fatal("Fail set, Send succeeded")
	}
	if _, ok := f.Latest("1"); ok {
		t.Fatal("a failed send is in the inbox")
	}
}
