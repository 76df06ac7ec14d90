package main

import (
	"context"
	"fmt"
	"hash/fnv"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/datarequest"
)

// The demo's targeting answers and data-subject requests. Impacts follow
// roughly what 2020 registrants reported (most lost work or income; about
// one in seven looking for a first job), and a little over half consent to
// being named for social assistance. Both are derived from a hash of the
// NIK, never from the population's random stream, so adding them changes
// no other number the demo prints.

// demoImpactShares are per-mille shares of each answer, "" = not stated.
var demoImpactShares = []struct {
	impact   prakerja.WorkImpact
	perMille uint32
}{
	{prakerja.WorkLostJob, 230}, {prakerja.WorkLostIncome, 270}, {prakerja.WorkReducedHours, 150},
	{prakerja.WorkNone, 140}, {prakerja.WorkNewJobSeeker, 160}, {"", 50},
}

// demoConsentPerMille is the share that ticks the consent box.
const demoConsentPerMille = 580

// withDemoTargeting returns in with a realistic work impact and consent.
func withDemoTargeting(in prakerja.RegisterInput) prakerja.RegisterInput {
	h := fnv.New64a()
	_, _ = h.Write([]byte("targeting:" + in.NIK))
	sum := h.Sum64()
	pick := uint32(sum % 1000)
	for _, s := range demoImpactShares {
		if pick < s.perMille {
			in.WorkImpact = string(s.impact)
			break
		}
		pick -= s.perMille
	}
	in.TargetingConsent = uint32((sum>>20)%1000) < demoConsentPerMille
	return in
}

// Demo data-request bounds: one registrant in demoDataRequestShare asks
// something, at most demoDataRequestsMax.
const (
	demoDataRequestShare = 40
	demoDataRequestsMax  = 60
)

// demoDataRequestCounts is what seedDemoDataRequests did.
type demoDataRequestCounts struct {
	Downloads, Corrections, Withdrawals, Answered, Rejected, Open int
}

// demoCorrections are realistic correction texts.
var demoCorrections = []string{
	"Nama saya tertulis tanpa gelar; mohon sesuaikan dengan KTP terbaru.",
	"Kecamatan domisili saya sudah pindah ke kecamatan sebelah sejak bulan lalu.",
	"Alamat e-mail saya salah ketik satu huruf.",
}

// seedDemoDataRequests acts out UU PDP requests for some of regIDs
// through the real service: downloads (answered at once), corrections and
// withdrawals, about two thirds answered by agent (one correction
// rejected), the rest left open so the console's queue has work, some of
// it past the 3x24-hour deadline when the demo clock moves on.
func seedDemoDataRequests(ctx context.Context, svc *datarequest.Service, regIDs []int64, agent string) (demoDataRequestCounts, error) {
	var c demoDataRequestCounts
	n := min(max(len(regIDs)/demoDataRequestShare, 1), demoDataRequestsMax, len(regIDs))
	for i := range n {
		id := regIDs[(i*7919)%len(regIDs)]
		var q *prakerja.DataRequest
		var err error
		switch i % 3 {
		case 0:
			if _, err = svc.Download(ctx, id); err == nil {
				c.Downloads++
			}
			continue
		case 1:
			q, err = svc.Open(ctx, id, prakerja.DataCorrection, demoCorrections[i%len(demoCorrections)])
			c.Corrections++
		default:
			q, err = svc.Open(ctx, id, prakerja.DataWithdrawal, "Saya sudah bekerja kembali.")
			c.Withdrawals++
		}
		if prakerja.ErrorCode(err) == prakerja.CodeConflict {
			continue // one open request of a kind per registrant
		}
		if err != nil {
			return c, fmt.Errorf("demo data request: %w", err)
		}
		if err := answerDemoDataRequest(ctx, svc, q, i, agent, &c); err != nil {
			return c, err
		}
	}
	return c, nil
}

// answerDemoDataRequest answers two in three requests; a correction that
// cannot be checked is rejected.
func answerDemoDataRequest(ctx context.Context, svc *datarequest.Service, q *prakerja.DataRequest, i int, agent string, c *demoDataRequestCounts) error {
	if i%9 >= 6 {
		c.Open++
		return nil
	}
	state, text := prakerja.DataRequestAnswered, "Data sudah diperbaiki sesuai permintaan."
	switch {
	case q.Kind == prakerja.DataWithdrawal:
		text = "Persetujuan ditarik; pemrosesan dihentikan. Catatan keuangan dan audit tetap disimpan sesuai undang-undang."
	case i%4 == 1:
		state, text = prakerja.DataRequestRejected, "Mohon kirim bukti (foto KTP terbaru) lewat pengaduan; data belum dapat diubah."
	}
	if _, err := svc.Answer(ctx, q.ID, state, agent, text); err != nil {
		return fmt.Errorf("demo data request %d: %w", q.ID, err)
	}
	if state == prakerja.DataRequestRejected {
		c.Rejected++
	} else {
		c.Answered++
	}
	return nil
}
