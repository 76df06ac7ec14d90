package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/complaint"
	"github.com/prakerja/prakerja/pii"
)

// The demo's complaint desk: some registrants open complaints over the
// last week, and two support agents work them the way a real desk does:
// most answered within a day, some waiting for the registrant, some
// resolved, a few rejected or reopened, and a few left late so the
// console's queue shows breached tickets first.

// Demo complaint bounds: one in complaintsDemoShare registrants complains,
// at least one and at most complaintsDemoMax.
const (
	complaintsDemoShare = 20
	complaintsDemoMax   = 300
	complaintsDemoDays  = 7
)

// complaintsDemoAgents are the support agents the demo acts as; the audit
// chain names them.
var complaintsDemoAgents = []string{"demo.support", "demo.support-2"}

// demoComplaintText is one realistic complaint of a category.
type demoComplaintText struct {
	category      prakerja.ComplaintCategory
	weight        int
	subject, body string
	answer        string // the agent's public reply
}

var demoComplaintTexts = []demoComplaintText{
	{prakerja.ComplaintPayoutFailed, 25, "Insentif pertama belum masuk",
		"Pelatihan saya sudah selesai dan ulasan sudah saya isi, tetapi insentif pertama belum masuk ke rekening saya.",
		"Pembayaran Anda ditolak bank karena nama rekening berbeda. Mohon sambungkan rekening atas nama Anda sendiri di menu Rekening."},
	{prakerja.ComplaintOTPNotReceived, 20, "Kode OTP tidak masuk",
		"Saya sudah tekan kirim ulang beberapa kali tetapi SMS kode OTP tidak pernah sampai.",
		"Operator seluler sempat gangguan. Silakan coba lagi; kode baru sudah dapat dikirim."},
	{prakerja.ComplaintVerificationFailed, 15, "Data saya dinyatakan tidak sesuai",
		"Status saya gagal verifikasi padahal NIK dan tanggal lahir sudah sesuai KTP.",
		"Data Anda di Dukcapil berbeda pada tanggal lahir. Mohon perbarui data di Disdukcapil setempat lalu ajukan ulang."},
	{prakerja.ComplaintBalanceOrVoucher, 15, "Saldo terpotong tapi voucher tidak ada",
		"Saldo pelatihan saya berkurang tetapi kode voucher tidak muncul di halaman Pelatihan Saya.",
		"Pembelian belum dikonfirmasi platform sehingga saldo dikembalikan. Silakan beli kembali."},
	{prakerja.ComplaintNotSelected, 10, "Mengapa saya tidak lolos?",
		"Saya sudah lulus tes dan bergabung di gelombang, tetapi tidak lolos seleksi.",
		"Seleksi dilakukan acak di antara pendaftar yang memenuhi syarat. Anda dapat bergabung di gelombang berikutnya."},
	{prakerja.ComplaintNIKUsedByOther, 5, "NIK saya dipakai di rekening orang lain",
		"Saat menyambungkan rekening muncul pesan NIK sudah dipakai akun lain.",
		"Kami sedang memeriksa kepemilikan rekening tersebut bersama bank."},
	{prakerja.ComplaintOther, 10, "Ganti nomor HP",
		"Nomor HP lama saya hilang, bagaimana cara menggantinya?",
		"Penggantian nomor HP memerlukan verifikasi wajah. Kami akan menghubungi Anda melalui e-mail."},
}

// complaintClock is the desk's clock while the script replays past days: it
// only moves forward, to each step's instant.
type complaintClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *complaintClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *complaintClock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// demoStep is one action of the script at an instant. One complaint's
// steps are at least an hour apart, so a stable sort by instant keeps
// them in order.
type demoStep struct {
	at  time.Time
	run func(ctx context.Context, svc *complaint.Service, id *int64) error
	id  *int64 // the complaint, set by its opening step
}

// seedDemoComplaints opens complaints for some of regIDs over the week
// before clock.Now() and has the support agents work them; it returns how
// many were opened. Everything goes through complaint.Service, so the
// audit chain, notices and service-level ages are the real ones.
func seedDemoComplaints(ctx context.Context, store prakerja.Store, keys *pii.Keyring, clock prakerja.Clock, regIDs []int64, rnd *rand.Rand) (int, error) {
	n := min(max(len(regIDs)/complaintsDemoShare, 1), complaintsDemoMax, len(regIDs))
	now := clock.Now().UTC()
	var steps []demoStep
	for _, k := range rnd.Perm(len(regIDs))[:n] {
		steps = append(steps, demoScript(rnd, regIDs[k], now.Add(-time.Duration(rnd.Int64N(int64(complaintsDemoDays*24*time.Hour)))))...)
	}
	slices.SortStableFunc(steps, func(a, b demoStep) int { return a.at.Compare(b.at) })
	dc := &complaintClock{}
	svc := complaint.New(store, keys, dc, complaint.DefaultConfig())
	for _, st := range steps {
		if st.at.After(now) {
			continue // the desk has not got there yet
		}
		dc.set(st.at)
		if err := st.run(ctx, svc, st.id); err != nil {
			return 0, fmt.Errorf("demo complaints: %w", err)
		}
	}
	return n, nil
}

// demoScript is one complaint's life from opened, each later step some
// hours after the one before.
func demoScript(rnd *rand.Rand, reg int64, opened time.Time) []demoStep {
	text := pickDemoText(rnd)
	agent := complaintsDemoAgents[rnd.IntN(len(complaintsDemoAgents))]
	id := new(int64)
	at := opened
	steps := []demoStep{{at: at, id: id, run: func(ctx context.Context, svc *complaint.Service, id *int64) error {
		it, err := svc.Open(ctx, complaint.OpenInput{RegistrationID: reg, Category: text.category, Subject: text.subject,
			Body: text.body, Locale: "id"})
		if err == nil {
			*id = it.ID
		}
		return err
	}}}
	later := func(maxHours int, run func(ctx context.Context, svc *complaint.Service, id *int64) error) {
		at = at.Add(time.Duration(1+rnd.IntN(maxHours))*time.Hour + time.Duration(rnd.IntN(60))*time.Minute)
		steps = append(steps, demoStep{at: at, id: id, run: run})
	}
	act := func(a complaint.Action) func(ctx context.Context, svc *complaint.Service, id *int64) error {
		return func(ctx context.Context, svc *complaint.Service, id *int64) error {
			a.ID, a.Staff = *id, agent
			_, err := svc.Act(ctx, a)
			return err
		}
	}
	reply := func(msg string) func(ctx context.Context, svc *complaint.Service, id *int64) error {
		return func(ctx context.Context, svc *complaint.Service, id *int64) error {
			_, err := svc.Reply(ctx, reg, *id, msg)
			return err
		}
	}
	switch p := rnd.IntN(100); {
	case p < 20: // untouched: the oldest of these are late
		return steps
	case p < 40:
		later(30, act(complaint.Action{Kind: complaint.ActAssign}))
		later(6, act(complaint.Action{Kind: complaint.ActMove, To: prakerja.ComplaintInProgress, Text: "Terima kasih, pengaduan Anda sedang kami periksa."}))
		later(4, act(complaint.Action{Kind: complaint.ActNote, Internal: true, Text: "Menunggu jawaban tim terkait."}))
	case p < 55:
		later(20, act(complaint.Action{Kind: complaint.ActMove, To: prakerja.ComplaintWaiting, Text: "Mohon kirim tangkapan layar pesan yang muncul."}))
		if rnd.IntN(2) == 0 {
			later(48, reply("Tangkapan layar sudah saya kirim lewat e-mail."))
		}
	case p < 90:
		later(20, act(complaint.Action{Kind: complaint.ActAssign}))
		later(24, act(complaint.Action{Kind: complaint.ActMove, To: prakerja.ComplaintResolved, Text: text.answer}))
		if rnd.IntN(10) == 0 {
			later(48, reply("Masalahnya belum selesai, mohon dicek lagi."))
		}
	default:
		later(24, act(complaint.Action{Kind: complaint.ActMove, To: prakerja.ComplaintRejected,
			Text: "Pengaduan ini tidak dapat kami tindak lanjuti; hasilnya sudah sesuai ketentuan program."}))
	}
	return steps
}

// pickDemoText draws a complaint text by its weight.
func pickDemoText(rnd *rand.Rand) demoComplaintText {
	total := 0
	for _, t := range demoComplaintTexts {
		total += t.weight
	}
	n := rnd.IntN(total)
	for _, t := range demoComplaintTexts {
		if n -= t.weight; n < 0 {
			return t
		}
	}
	return demoComplaintTexts[len(demoComplaintTexts)-1]
}
