package http

// messagesJobsID are the Bahasa Indonesia texts of the survey and
// incentive pages and their error codes, kept apart from messages_id.go so
// this feature's texts live with it; init merges them.
var messagesJobsID = map[string]string{
	"survey.heading":   "Survei evaluasi",
	"survey.intro":     "Isi setiap survei setelah pelatihan pertama Anda selesai. Jawaban Anda tidak memengaruhi insentif: setiap survei yang selesai membuka insentif survei.",
	"survey.closes":    "Survei dapat diisi sampai %s.",
	"survey.number":    "Survei %d",
	"survey.incentive": "Insentif survei",
	"survey.none":      "Belum ada survei untuk Anda.",
	"survey.sent":      "Terima kasih, jawaban Anda tersimpan. Insentif survei segera dibuka.",
	"survey.submit":    "Kirim jawaban",

	"survey.state.waiting":  "Menunggu pelatihan pertama atau survei sebelumnya selesai",
	"survey.state.open":     "Dapat diisi sekarang",
	"survey.state.done":     "Sudah diisi, insentif sedang dibuka",
	"survey.state.unlocked": "Sudah diisi, insentif tersedia",
	"survey.state.closed":   "Ditutup",

	"survey.q.employment":    "Apa status pekerjaan Anda sekarang?",
	"survey.q.usefulness":    "Seberapa bermanfaat pelatihan Anda? (1 = tidak, 5 = sangat)",
	"survey.q.income_change": "Bagaimana penghasilan Anda dibanding saat mendaftar?",

	"survey.employment.employed":      "Bekerja",
	"survey.employment.self_employed": "Berwirausaha",
	"survey.employment.unemployed":    "Belum bekerja",
	"survey.employment.studying":      "Sedang belajar",
	"survey.income.up":                "Naik",
	"survey.income.same":              "Sama",
	"survey.income.down":              "Turun",

	"incentive.heading":     "Jadwal insentif",
	"incentive.intro":       "Insentif dibayar bulanan setelah pelatihan pertama selesai dan Anda memberi ulasan.",
	"incentive.slot":        "Ke-",
	"incentive.amount":      "Jumlah",
	"incentive.state":       "Status",
	"incentive.total":       "Total insentif",
	"incentive.payout_note": "Insentif yang tersedia dikirim ke rekening bank atau e-wallet Anda dalam 3–5 hari kerja.",

	"incentive.state.waiting":   "Menunggu pelatihan selesai",
	"incentive.state.scheduled": "Terjadwal pada %s WIB",
	"incentive.state.available": "Tersedia",
	"incentive.state.revoked":   "Dibatalkan: kepesertaan dicabut",

	"ops.jobs.heading":  "Pekerjaan terjadwal",
	"ops.jobs.intro":    "Pembukaan insentif, batas pembelian pertama dan akhir program. Pekerjaan yang gagal 20 kali tidak dicoba lagi: periksa alasannya.",
	"ops.jobs.kind":     "Jenis",
	"ops.jobs.state":    "Keadaan",
	"ops.jobs.failed":   "Gagal permanen",
	"ops.jobs.subject":  "Pendaftaran/slot",
	"ops.jobs.attempts": "Percobaan",
	"ops.jobs.due":      "Jatuh tempo",
	"ops.jobs.error":    "Alasan terakhir",
	"ops.jobs.wave":     "Gelombang",

	"code.survey_not_open": "Survei ini belum dapat diisi: selesaikan pelatihan pertama atau survei sebelumnya.",
	"code.survey_closed":   "Survei ini sudah ditutup.",
	"code.survey_done":     "Survei ini sudah Anda isi.",
}

func init() {
	for k, v := range messagesJobsID {
		messagesID[k] = v
	}
}
