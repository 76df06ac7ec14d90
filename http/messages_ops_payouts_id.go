package http

// messagesOpsPayoutsID are the Bahasa Indonesia texts of the operator
// payouts page (/ops/payouts), kept apart from messages_id.go so this
// page's texts live with it; init merges them.
var messagesOpsPayoutsID = map[string]string{
	"ops.payouts.heading":          "Pembayaran insentif",
	"ops.payouts.intro":            "Pembayaran insentif ke rekening peserta: posisinya, batch terakhir beserta siapa yang menyiapkan dan siapa yang memeriksa, dan apa yang menunggu operator. Nomor rekening dan nama tidak ditampilkan.",
	"ops.payouts.funnel":           "Pembayaran per status",
	"ops.payouts.state":            "Status",
	"ops.payouts.amount":           "Jumlah",
	"ops.payouts.settled":          "%d pembayaran yang dibayar sudah tercatat di rekening koran mitra.",
	"ops.payouts.linked":           "%d rekening pembayaran terverifikasi.",
	"ops.payouts.refusals":         "Rekening ditolak, per alasan",
	"ops.payouts.runs":             "Batch terakhir",
	"ops.payouts.runs_intro":       "%d batch terbaru. Batch disiapkan oleh satu operator dan disetujui atau ditolak oleh operator lain; batch yang disiapkan menunggu pemeriksanya.",
	"ops.payouts.maker":            "Disiapkan oleh",
	"ops.payouts.checker":          "Diperiksa oleh",
	"ops.payouts.payments":         "Pembayaran",
	"ops.payouts.total":            "Total",
	"ops.payouts.files":            "Berkas",
	"ops.payouts.created":          "Disiapkan",
	"ops.payouts.checked":          "Diperiksa",
	"ops.payouts.awaiting_checker": "menunggu operator kedua",
	"ops.payouts.same_operator":    "operator yang sama dengan penyiap",
	"ops.payouts.unanswered":       "Terkirim, belum dijawab",
	"ops.payouts.unanswered_intro": "Paling banyak %d pembayaran yang dikirim ke mitra tanpa jawaban, terlama dulu. Pembayaran ini tetap ditahan dan tidak pernah dikirim ulang.",
	"ops.payouts.exceptions":       "Pengecualian jawaban",
	"ops.payouts.exceptions_intro": "Paling banyak %d baris jawaban mitra yang tidak cocok dengan pembayaran yang kami kirim, bertentangan dengan jawaban sebelumnya atau jumlahnya berbeda, terbaru dulu.",
	"ops.payouts.instr":            "Instruksi",
	"ops.payouts.provider":         "Mitra",
	"ops.payouts.sent":             "Dikirim",
	"ops.payouts.age":              "Menunggu",
	"ops.payouts.status":           "Status",
	"ops.payouts.outcome":          "Hasil",

	"ops.payouts.state.reserved":  "Dicadangkan",
	"ops.payouts.state.sent":      "Dikirim",
	"ops.payouts.state.paid":      "Dibayar",
	"ops.payouts.state.rejected":  "Ditolak",
	"ops.payouts.state.cancelled": "Dibatalkan",

	"ops.payouts.run.preparing": "Sedang disiapkan (belum selesai: persiapan berikutnya melanjutkannya)",
	"ops.payouts.run.prepared":  "Disiapkan",
	"ops.payouts.run.approved":  "Disetujui",
	"ops.payouts.run.refused":   "Ditolak",

	"ops.payouts.outcome.conflict":   "Bertentangan dengan jawaban sebelumnya",
	"ops.payouts.outcome.unknown":    "Tidak cocok dengan pembayaran yang dikirim",
	"ops.payouts.outcome.mismatched": "Jumlah berbeda",
}

func init() {
	for k, v := range messagesOpsPayoutsID {
		messagesID[k] = v
	}
}
