package http

// messagesStaffID are the Indonesian texts of console sign-in, the account
// page and staff management; init merges them into messagesID.
var messagesStaffID = map[string]string{
	"role.operator":        "Operator (PMO)",
	"role.verifier":        "Verifikator",
	"role.finance_maker":   "Keuangan (pembuat)",
	"role.finance_checker": "Keuangan (pemeriksa)",
	"role.auditor":         "Auditor",
	"role.platform":        "Platform pelatihan",
	"role.institution":     "Lembaga pengusul",
	"role.support":         "Layanan pengaduan",

	"field.username":         "Nama pengguna",
	"field.password":         "Kata sandi",
	"field.totp":             "Kode autentikator",
	"field.current_password": "Kata sandi sekarang",
	"field.new_password":     "Kata sandi baru",
	"field.display_name":     "Nama tampilan",
	"field.role":             "Peran",
	"field.partner_ref":      "Mitra (slug platform atau kode lembaga)",
	"hint.totp":              "6 angka dari aplikasi autentikator Anda.",
	"hint.new_password":      "12 sampai 128 karakter. Frasa sandi yang panjang paling baik.",
	"hint.username":          "3 sampai 32 huruf kecil, angka, titik, tanda hubung atau garis bawah, diawali huruf.",
	"hint.partner_ref":       "Hanya untuk petugas platform dan lembaga.",

	"ops.signed_in_as": "Masuk sebagai %s (%s).",
	"ops.logout":       "Keluar",

	"ops.login.heading": "Masuk konsol operator",
	"ops.login.intro":   "Masuk dengan nama pengguna dan kata sandi, lalu kode dari aplikasi autentikator Anda.",
	"ops.login.off":     "Masuk petugas belum diatur di server ini.",
	"ops.login.submit":  "Masuk",
	"ops.login.cancel":  "Batalkan",
	"ops.login.failed":  "Gagal masuk: nama pengguna, kata sandi atau kode salah, atau akun sedang dikunci. Coba lagi, atau hubungi operator.",
	"ops.login.again":   "Silakan masuk lagi.",
	"ops.totp.heading":  "Kode autentikator",
	"ops.totp.intro":    "Masukkan 6 angka yang tampil sekarang di aplikasi autentikator Anda.",

	"ops.enrol.heading": "Atur aplikasi autentikator",
	"ops.enrol.intro":   "Setiap kali masuk, akun Anda memerlukan langkah kedua: kode dari aplikasi autentikator di ponsel kerja Anda (misalnya FreeOTP, Aegis atau Google Authenticator).",
	"ops.enrol.scan":    "1. Pindai kode QR",
	"ops.enrol.qr_alt":  "Kode QR rahasia autentikator; rahasia yang sama tertulis di bawah.",
	"ops.enrol.type":    "Atau ketik rahasianya",
	"ops.enrol.secret":  "Rahasia (berbasis waktu, 6 angka, 30 detik):",
	"ops.enrol.uri":     "Tautan pengaturan:",
	"ops.enrol.confirm": "2. Masukkan kode pertama untuk menyelesaikan",

	"ops.account.heading":        "Akun saya",
	"ops.account.password":       "Ganti kata sandi",
	"ops.account.password_intro": "Mengganti kata sandi mengeluarkan Anda dari semua perangkat; masuk lagi dengan kata sandi baru.",
	"ops.account.change":         "Ganti kata sandi",
	"ops.account.changed":        "Kata sandi Anda sudah diganti. Masuk dengan kata sandi baru.",

	"ops.staff.heading":        "Akun petugas",
	"ops.staff.state":          "Keadaan",
	"ops.staff.actions":        "Tindakan",
	"ops.staff.state_active":   "Aktif",
	"ops.staff.state_disabled": "Dinonaktifkan",
	"ops.staff.state_locked":   "Dikunci setelah percobaan salah",
	"ops.staff.state_enrol":    "Autentikator belum diatur",
	"ops.staff.reset_totp":     "Atur ulang autentikator",
	"ops.staff.reset_totp_for": "Atur ulang autentikator %s",
	"ops.staff.disable":        "Nonaktifkan",
	"ops.staff.disable_for":    "Nonaktifkan %s",
	"ops.staff.disabled_done":  "Akun dinonaktifkan dan sesinya diakhiri.",
	"ops.staff.enable":         "Aktifkan lagi",
	"ops.staff.enable_for":     "Aktifkan lagi %s",
	"ops.staff.enabled_done":   "Akun aktif lagi; pemiliknya memasang autentikator baru saat masuk berikutnya.",
	"ops.staff.totp_done":      "Autentikator diatur ulang; akun mengatur yang baru saat masuk berikutnya.",
	"ops.staff.new":            "Akun baru",
	"ops.staff.new_intro":      "Kata sandi kuat dibuat dan ditampilkan sekali; serahkan langsung. Autentikator diatur saat pertama kali masuk.",
	"ops.staff.create":         "Buat akun",
	"ops.staff.created":        "Akun %s sudah dibuat.",
	"ops.staff.password_once":  "Kata sandinya, hanya ditampilkan sekarang:",
}

func init() {
	for k, v := range messagesStaffID {
		messagesID[k] = v
	}
}
