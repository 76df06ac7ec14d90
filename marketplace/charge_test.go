package marketplace_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/storetest"
)

// TestChargeRefusals sends one bad charge per rule and expects its code;
// none of them may send an SMS, since each is refused before the code is
// drawn.
func TestChargeRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, 3)
	a, revoked, owing := e.wave.Participants[0], e.wave.Participants[1], e.wave.Participants[2]
	cheap := e.course(t, 0, func(c *prakerja.Course) bool { return c.Price <= 300_000 })
	offSale := e.course(t, 0, func(c *prakerja.Course) bool { return c.ID != cheap.ID })
	if err := e.store.SetCourseActive(ctx, offSale.ID, false); err != nil {
		t.Fatal(err)
	}
	other := e.course(t, 1, anyCourse)
	_, err := e.store.RevokeParticipant(ctx, prakerja.Revocation{RegistrationID: revoked,
		Reason: prakerja.RevokeReasonFirstPurchase, NIKIndex: storetest.Index("nik", revoked)}, nil, storetest.T0)
	if err != nil {
		t.Fatal(err)
	}
	owe(t, e, owing, cheap)
	unknown, err := e.issuer.Number(999_999)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   marketplace.ChargeInput
		want prakerja.Code
	}{
		{"ErrCardFormat", marketplace.ChargeInput{CardNumber: "1234", CourseID: cheap.ID, OrderID: "o1"}, prakerja.CodeInvalid},
		{"ErrCardTypo", marketplace.ChargeInput{CardNumber: typo(e.cards[a]), CourseID: cheap.ID, OrderID: "o1"}, prakerja.CodeInvalid},
		{"ErrOrderID", marketplace.ChargeInput{CardNumber: e.cards[a], CourseID: cheap.ID, OrderID: "o 1"}, prakerja.CodeInvalid},
		{"ErrNoCourse", marketplace.ChargeInput{CardNumber: e.cards[a], CourseID: 0, OrderID: "o1"}, prakerja.CodeInvalid},
		{"ErrOtherPlatform", marketplace.ChargeInput{CardNumber: e.cards[a], CourseID: other.ID, OrderID: "o1"}, prakerja.CodeNotFound},
		{"ErrCourseInactive", marketplace.ChargeInput{CardNumber: e.cards[a], CourseID: offSale.ID, OrderID: "o1"}, prakerja.CodeCourseInactive},
		{"ErrCardUnknown", marketplace.ChargeInput{CardNumber: unknown, CourseID: cheap.ID, OrderID: "o1"}, prakerja.CodeCardUnknown},
		{"ErrCardRevoked", marketplace.ChargeInput{CardNumber: e.cards[revoked], CourseID: cheap.ID, OrderID: "o1"}, prakerja.CodeCardRevoked},
		{"ErrReviewRequired", marketplace.ChargeInput{CardNumber: e.cards[owing], CourseID: cheap.ID, OrderID: "o1"}, prakerja.CodeReviewRequired},
	}
	sent := countSMS(t, e)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.svc.Charge(ctx, e.seed.Platforms[0], tt.in)
			wantCode(t, err, tt.want)
		})
	}
	if got := countSMS(t, e); got != sent {
		t.Fatalf("%d payment SMS sent by refused charges", got-sent)
	}
	testBalanceAndEnd(t, e, a, cheap)
}

// testBalanceAndEnd spends most of a's balance, then refuses a course over
// what is left, then any charge after the programme's last day.
func testBalanceAndEnd(t *testing.T, e *env, a int64, cheap *prakerja.Course) {
	ctx := context.Background()
	spent := int64(0)
	for i := 0; spent+cheap.Price <= 1_000_000; i++ {
		buy(t, e, a, 0, cheap, "spend-"+string(rune('a'+i)))
		spent += cheap.Price
	}
	_, err := e.svc.Charge(ctx, e.seed.Platforms[0], marketplace.ChargeInput{CardNumber: e.cards[a], CourseID: cheap.ID, OrderID: "over"})
	wantCode(t, err, prakerja.CodeBalanceInsufficient)
	_, err = e.svc.Charge(ctx, e.seed.Platforms[0], marketplace.ChargeInput{CardNumber: e.cards[a], CourseID: cheap.ID, OrderID: "spend-a"})
	if got := prakerja.ErrorCode(err); got != prakerja.CodeBalanceInsufficient && got != prakerja.CodeOrderTaken {
		t.Fatalf("reused order id: %v", err)
	}
	e.clock.Set(programmeEnd.Start().AddDate(0, 0, 1))
	_, err = e.svc.Charge(ctx, e.seed.Platforms[0], marketplace.ChargeInput{CardNumber: e.cards[a], CourseID: cheap.ID, OrderID: "late"})
	wantCode(t, err, prakerja.CodeProgrammeEnded)
	e.clock.Set(programmeEnd.Start().AddDate(0, 0, 1).Add(-time.Second))
	_, err = e.svc.Charge(ctx, e.seed.Platforms[0], marketplace.ChargeInput{CardNumber: e.cards[a], CourseID: cheap.ID, OrderID: "late"})
	wantCode(t, err, prakerja.CodeBalanceInsufficient) // the last second of the last day still counts
}

// TestOrderTaken refuses a second charge with one order id of a platform.
func TestOrderTaken(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, 1)
	reg := e.wave.Participants[0]
	c := e.course(t, 2, anyCourse)
	in := marketplace.ChargeInput{CardNumber: e.cards[reg], CourseID: c.ID, OrderID: "SA-1"}
	if _, err := e.svc.Charge(ctx, e.seed.Platforms[2], in); err != nil {
		t.Fatal(err)
	}
	_, err := e.svc.Charge(ctx, e.seed.Platforms[2], in)
	wantCode(t, err, prakerja.CodeOrderTaken)
}

// owe leaves reg with a completed, unreviewed training.
func owe(t *testing.T, e *env, reg int64, c *prakerja.Course) {
	t.Helper()
	ctx := context.Background()
	paid := buy(t, e, reg, 0, c, "owe-1")
	provider := providerOf(t, e, paid.ProviderID)
	if _, err := e.svc.Redeem(ctx, provider, paid.VoucherCode); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Complete(ctx, provider, paid.VoucherCode); err != nil {
		t.Fatal(err)
	}
}

// typo changes one digit of a card number, which its check digit catches.
func typo(number string) string {
	b := []byte(number)
	b[3] = '0' + (b[3]-'0'+1)%10
	return string(b)
}

// countSMS counts payment SMS in the outbox.
func countSMS(t *testing.T, e *env) int {
	t.Helper()
	msgs, err := e.store.Messages(context.Background(), prakerja.MessageFilter{Template: "purchase_otp", Limit: prakerja.MessagesPageMax})
	if err != nil {
		t.Fatal(err)
	}
	return len(msgs)
}

// TestChargeSMSCap sends the hourly cap of payment codes to one
// participant and expects the next charge refused with a retry time, and a
// charge an hour later accepted again.
func TestChargeSMSCap(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, 1)
	reg := e.wave.Participants[0]
	c := e.course(t, 0, anyCourse)
	charge := func(order string) error {
		_, err := e.svc.Charge(ctx, e.seed.Platforms[0], marketplace.ChargeInput{CardNumber: e.cards[reg], CourseID: c.ID, OrderID: order})
		return err
	}
	for i := range marketplace.DefaultConfig().SMSPerPhoneHour {
		if err := charge(fmt.Sprintf("cap-%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	err := charge("cap-over")
	wantCode(t, err, prakerja.CodeRateLimited)
	var pe *prakerja.Error
	if !errors.As(err, &pe) || pe.Retry <= 0 {
		t.Fatalf("no retry time in %v", err)
	}
	e.clock.Set(storetest.T0.Add(time.Hour))
	if err := charge("cap-later"); err != nil {
		t.Fatal(err)
	}
}
