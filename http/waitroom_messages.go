package http

// messagesWaitRoomID and messagesWaitRoomEN are the waiting room's texts;
// init merges them into the two languages.
var messagesWaitRoomID = map[string]string{
	"waitroom.title":    "Antrean pendaftaran",
	"waitroom.position": "Anda berada di antrean nomor %d.",
	"waitroom.refresh":  "Banyak orang sedang mendaftar. Halaman ini akan dimuat ulang sendiri dalam %d detik; jangan tutup halaman ini.",
	"waitroom.safe":     "Tempat Anda di antrean tetap tersimpan. Data yang sudah Anda simpan aman.",
	"waitroom.detail":   "Server sedang penuh. Posisi Anda di antrean: %d. Coba lagi dalam %d detik dengan tiket antrean yang sama.",
}

var messagesWaitRoomEN = map[string]string{
	"waitroom.title":    "Registration queue",
	"waitroom.position": "You are number %d in the queue.",
	"waitroom.refresh":  "Many people are registering now. This page reloads itself in %d seconds; please keep it open.",
	"waitroom.safe":     "Your place in the queue is kept. What you already saved is safe.",
	"waitroom.detail":   "The server is at capacity. Your position in the queue: %d. Try again in %d seconds with the same queue ticket.",
}

func init() {
	for k, v := range messagesWaitRoomID {
		messagesID[k] = v
	}
	for k, v := range messagesWaitRoomEN {
		messagesEN[k] = v
	}
}
