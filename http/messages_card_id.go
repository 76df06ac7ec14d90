package http

// messagesCardID are the Bahasa Indonesia texts of the card page (/kartu);
// init merges them into messagesID.
var messagesCardID = map[string]string{
	"card.heading":       "Kartu Prakerja dan saldo",
	"card.none":          "Anda belum memiliki Kartu Prakerja. Kartu diterbitkan setelah Anda lolos seleksi gelombang.",
	"card.number":        "Nomor Kartu Prakerja",
	"card.va":            "Nomor rekening virtual",
	"card.issued":        "Diterbitkan",
	"card.balances":      "Saldo",
	"card.training_note": "Saldo pelatihan hanya dapat dipakai membeli pelatihan di platform digital mitra dan tidak dapat dicairkan. Insentif dibayar ke rekening bank atau e-wallet Anda setelah terbuka.",
	"card.history":       "Riwayat transaksi",
	"card.history_none":  "Belum ada transaksi.",
	"card.when":          "Tanggal",
	"card.what":          "Keterangan",
	"card.amount":        "Jumlah",
	"card.pending":       "sedang diproses",

	"card.revoked.first_purchase_deadline": "Kepesertaan Anda dicabut karena tidak membeli pelatihan pertama dalam batas waktu. Saldo dikembalikan ke kas negara.",
	"card.revoked.":                        "Kepesertaan Anda dicabut.",

	"card.account.training":            "Saldo pelatihan",
	"card.account.incentive_locked":    "Insentif (menunggu pelatihan selesai)",
	"card.account.incentive_available": "Insentif siap dibayar",
	"card.account.survey_locked":       "Insentif survei (menunggu survei)",
	"card.account.survey_available":    "Insentif survei siap dibayar",

	"card.code.credit_training":  "Saldo pelatihan diterima",
	"card.code.credit_incentive": "Insentif pasca pelatihan dijadwalkan",
	"card.code.credit_survey":    "Insentif survei dijadwalkan",
	"card.code.purchase":         "Pembelian pelatihan",
	"card.code.refund":           "Pengembalian dana pelatihan",
	"card.code.unlock_incentive": "Insentif terbuka",
	"card.code.unlock_survey":    "Insentif survei terbuka",
	"card.code.payout":           "Pembayaran ke rekening / e-wallet",
	"card.code.revoke":           "Dikembalikan ke kas negara (kepesertaan dicabut)",
	"card.code.forfeit":          "Saldo pelatihan hangus (program berakhir)",
	"code.budget_insufficient":   "Anggaran gelombang tidak cukup untuk mengkreditkan semua peserta; tidak ada yang diposting.",
	"code.ledger_refused":        "Transaksi ditolak oleh buku besar; tidak ada uang yang berpindah.",

	"card.code.correction": "Koreksi",
}

func init() {
	for k, v := range messagesCardID {
		messagesID[k] = v
	}
}
