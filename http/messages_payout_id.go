package http

// messagesPayoutID are the Bahasa Indonesia texts of the payout account
// page (/rekening) and the payout codes; init merges them into messagesID.
// Each refusal says what the participant can do about it.
var messagesPayoutID = map[string]string{
	"code.payout_provider":          "Pilih salah satu bank atau e-wallet yang tersedia.",
	"code.payout_account_not_found": "Rekening atau akun e-wallet ini tidak ditemukan oleh mitra. Periksa kembali nomornya lalu coba lagi.",
	"code.payout_account_closed":    "Rekening atau akun e-wallet ini sudah ditutup atau diblokir. Gunakan rekening lain yang masih aktif atas nama Anda.",
	"code.payout_nik_mismatch":      "Rekening ini terdaftar atas NIK lain. Insentif hanya dapat dibayar ke rekening atau e-wallet atas nama dan NIK Anda sendiri.",
	"code.payout_name_mismatch":     "Nama pemilik rekening tidak sama dengan nama di KTP Anda. Gunakan rekening atas nama Anda sendiri, atau minta bank memperbarui nama rekening sesuai KTP.",
	"code.payout_not_kyc":           "Akun e-wallet ini belum di-upgrade. Upgrade dulu di aplikasinya (foto KTP dan swafoto), lalu sambungkan lagi.",
	"code.payout_phone_mismatch":    "E-wallet harus memakai nomor HP yang terdaftar di Kartu Prakerja Anda. Masukkan nomor tersebut, atau pilih rekening bank.",
	"code.payout_account_missing":   "Anda belum memiliki rekening atau e-wallet yang terverifikasi.",
	"code.payout_run_state":         "Status proses pembayaran tidak memungkinkan langkah ini.",
	"code.payout_same_operator":     "Penyusun proses pembayaran tidak boleh menyetujuinya sendiri.",
	"code.payout_file_invalid":      "Berkas dari mitra tidak dapat dibaca atau totalnya tidak sesuai.",

	"payout.heading":            "Rekening pembayaran insentif",
	"payout.intro":              "Insentif dibayar ke rekening bank atau e-wallet atas nama dan NIK Anda sendiri. Mitra memeriksa pemilik rekening sebelum rekening dapat dipakai.",
	"payout.none":               "Anda belum menyambungkan rekening atau e-wallet. Insentif yang sudah terbuka menunggu sampai rekening terverifikasi.",
	"payout.verified":           "Rekening aktif",
	"payout.pending":            "Menunggu kode SMS",
	"payout.pending_intro":      "Kami mengirim kode lewat SMS ke nomor HP terdaftar Anda untuk %s •••• %s. Masukkan kode itu untuk menyelesaikan.",
	"payout.confirm":            "Konfirmasi rekening",
	"payout.provider":           "Bank / e-wallet",
	"payout.number":             "Nomor",
	"payout.state":              "Status",
	"payout.since":              "Sejak",
	"payout.link_title":         "Sambungkan rekening atau e-wallet",
	"payout.replace_title":      "Ganti rekening",
	"payout.replace_note":       "Rekening baru menggantikan rekening aktif setelah Anda memasukkan kode SMS.",
	"payout.link_submit":        "Periksa dan kirim kode SMS",
	"payout.group.bank":         "Bank",
	"payout.group.ewallet":      "E-wallet",
	"payout.unlink_title":       "Putuskan rekening",
	"payout.unlink_warning":     "Jika rekening diputuskan, insentif berikutnya tidak dapat dibayar sampai Anda menyambungkan rekening baru. Pembayaran yang sudah dikirim tidak terpengaruh.",
	"payout.unlink_confirm":     "Saya mengerti dan ingin memutuskan rekening ini",
	"payout.unlink_submit":      "Putuskan rekening",
	"payout.unlink_needed":      "Centang konfirmasi untuk memutuskan rekening.",
	"payout.history":            "Riwayat rekening",
	"payout.payments":           "Pembayaran",
	"payout.payments_none":      "Belum ada pembayaran.",
	"payout.when":               "Tanggal",
	"payout.what":               "Keterangan",
	"payout.amount":             "Jumlah",
	"payout.attempt":            "percobaan ke-%d",
	"payout.resolved":           "selesai %s",
	"payout.sent":               "Kode dikirim lewat SMS. Masukkan kode untuk menyelesaikan.",
	"payout.linked":             "Rekening terverifikasi. Insentif berikutnya dibayar ke rekening ini.",
	"payout.unlinked":           "Rekening diputuskan. Sambungkan rekening baru agar insentif dapat dibayar.",
	"payout.kind.incentive":     "Insentif pasca pelatihan ke-%d",
	"payout.kind.survey":        "Insentif survei ke-%d",
	"payout.bad_format.bank":    "Nomor rekening bank terdiri dari 6 sampai 20 angka.",
	"payout.bad_format.ewallet": "Masukkan nomor HP e-wallet, misalnya 0812 3456 7890.",

	"payout.state.pending":  "Menunggu kode SMS",
	"payout.state.verified": "Terverifikasi",
	"payout.state.unlinked": "Diputuskan",
	"payout.state.refused":  "Ditolak",

	"payout.payment.reserved":  "Disiapkan untuk dibayar",
	"payout.payment.sent":      "Dikirim ke mitra",
	"payout.payment.paid":      "Dibayar",
	"payout.payment.rejected":  "Ditolak mitra; saldo dikembalikan dan dibayar lagi setelah rekening diperbaiki",
	"payout.payment.cancelled": "Dibatalkan; saldo dikembalikan",

	"payout.iso.AC01":  "Nomor rekening salah.",
	"payout.iso.AC04":  "Rekening sudah ditutup.",
	"payout.iso.AC06":  "Rekening diblokir.",
	"payout.iso.AM04":  "Mitra belum dapat membayar jumlah ini saat itu.",
	"payout.iso.AM05":  "Pembayaran ganda ditolak.",
	"payout.iso.BE01":  "Pemilik rekening bukan peserta.",
	"payout.iso.MS03":  "Mitra menolak pembayaran karena alasan lain.",
	"payout.iso.RR03":  "Nama atau alamat pemilik rekening tidak lengkap.",
	"payout.iso.AG01":  "Rekening tidak menerima jenis pembayaran ini (misalnya batas saldo e-wallet).",
	"payout.iso.other": "Ditolak mitra (kode %s).",

	"field.payout_provider": "Bank atau e-wallet",
	"field.account_number":  "Nomor rekening atau nomor HP e-wallet",
	"hint.account_number":   "Bank: nomor rekening, 6–20 angka. E-wallet: nomor HP yang terdaftar di Kartu Prakerja ini; akun e-wallet harus sudah di-upgrade (KTP dan swafoto).",
}

func init() {
	for k, v := range messagesPayoutID {
		messagesID[k] = v
	}
}
