package population

// Name tables for Java and Sumatra. Spellings follow common Indonesian usage,
// including Dutch-era spellings (oe, tj, dj) that older people still carry
// and the apostrophes and accents that real names contain, so that the
// service's validation and the registry's matching meet them in tests.

var javaneseMale = []string{
	"Sutrisno", "Sugiarto", "Suparman", "Sukirman", "Slamet", "Budi", "Agus",
	"Joko", "Bambang", "Eko", "Heru", "Hadi", "Wahyu", "Teguh", "Sigit",
	"Wawan", "Rudi", "Yudi", "Darmaji", "Tukiman", "Mulyono", "Suyanto",
	"Gunadi", "Surya", "Kukuh", "Purwanto", "Haryanto", "Sutarno", "Sumarno",
	"Djoko", "Soetomo", "Soekarjo", "Tjahjono", "Widodo", "Supriyadi",
	"Sarwono", "Giyanto", "Triyanto", "Nur Cholis",
}

var javaneseFemale = []string{
	"Sri", "Endang", "Sumarni", "Suparni", "Wartini", "Sulastri", "Tri",
	"Dwi", "Rini", "Yuni", "Retno", "Kartini", "Sumiyati", "Tutik", "Susi",
	"Endah", "Puji", "Murni", "Djuwita", "Soemarni", "Suwarni", "Partini",
	"Sartini", "Sukesi", "Wiji", "Tumini", "Kasiyem", "Dewi",
}

// javaneseSecondMale and javaneseSecondFemale are second elements: personal
// in most families, shared as a surname in some modern ones.
var javaneseSecondMale = []string{
	"Santoso", "Wibowo", "Susanto", "Nugroho", "Prasetyo", "Setiawan",
	"Purnomo", "Hartono", "Sutanto", "Siswanto", "Wijayanto", "Kusumo",
	"Hadiwijaya", "Saputro", "Pamungkas", "Tjokroaminoto", "Prawiro",
	"Suryadi", "Cahyono", "Triyono", "Raharjo", "Sudarsono", "Hermanto",
	"Mahéndra", "Soetrisno", "Darmawan", "Kurniawan", "Ma'ruf",
}

var javaneseSecondFemale = []string{
	"Lestari", "Wahyuni", "Rahayu", "Handayani", "Kurniasih", "Maharani",
	"Anggraini", "Safitri", "Wulandari", "Susanti", "Rahmawati", "Suryani",
	"Astuti", "Ningsih", "Utami", "Pertiwi", "Kartika", "Sari",
	"Purwaningsih", "Setyowati", "Indrawati", "Pujiastuti", "Sartika",
	"Nur'aini", "Kusumawardhani", "Mahéndra",
}

var sundaneseMale = []string{
	"Asep", "Ujang", "Dede", "Cecep", "Dadang", "Entis", "Iwan", "Yayan",
	"Ade", "Aep", "Engkus", "Jajang", "Deden", "Oman", "Usep", "Rohmat",
	"Dadan", "Hendi", "Ruhiyat", "Odih", "Encep", "Maman",
}

var sundaneseFemale = []string{
	"Euis", "Neneng", "Iis", "Enok", "Yati", "Cucu", "Nining", "Lilis",
	"Imas", "Ai", "Entin", "Popon", "Nenden", "Yeni", "Wida", "Teti",
	"Cicih", "Elis",
}

var sundaneseSecondMale = []string{
	"Saepudin", "Sopandi", "Suryana", "Permana", "Hidayat", "Rukmana",
	"Sunandar", "Supriatna", "Kusnadi", "Somantri", "Sutisna", "Suhendar",
	"Setiadi", "Nurdin", "Kosasih", "Sumpena", "Mulyana", "Hermawan",
	"Ramdani", "Sobari",
}

var sundaneseSecondFemale = []string{
	"Rohaeti", "Nurhasanah", "Maryani", "Rosita", "Komalasari", "Hasanah",
	"Sumiati", "Nurjanah", "Mulyani", "Rostika", "Kurniasih", "Suryani",
}

var batakMale = []string{
	"Togar", "Parulian", "Hotman", "Tigor", "Binsar", "Martua", "Horas",
	"Sahat", "Bonar", "Maruli", "Poltak", "Jonggi", "Parlindungan",
	"Hasudungan", "Tumpal", "Darwin", "Bernard", "Halomoan",
}

var batakFemale = []string{
	"Rumondang", "Tiurma", "Romauli", "Lasma", "Hotmaida", "Dameria",
	"Sondang", "Rosmawati", "Mian", "Rotua", "Tiominar", "Lamtiar",
	"Rismawati", "Dorlan", "Nurmaida",
}

// batakMarga are clan names: children take the father's, a wife keeps her
// own.
var batakMarga = []string{
	"Siregar", "Simanjuntak", "Sitompul", "Hutapea", "Nasution", "Lubis",
	"Harahap", "Pane", "Sinaga", "Simatupang", "Situmorang", "Panjaitan",
	"Pardede", "Manurung", "Tambunan", "Napitupulu", "Hutagalung",
	"Silalahi", "Sihombing", "Simbolon", "Sitorus", "Marpaung",
	"Tampubolon", "Pasaribu", "Hutabarat", "Siahaan", "Damanik", "Saragih",
	"Purba", "Ginting", "Tarigan", "Sembiring", "Sitepu", "Gultom",
	"Aritonang", "Simamora", "Lumban Tobing", "Nainggolan", "Sianturi",
	"Butarbutar", "Rajagukguk", "Sagala", "Matondang", "Batubara",
	"Daulay", "Rangkuti", "Hasibuan", "Ritonga", "Pohan",
}

var minangMale = []string{
	"Yusrizal", "Afrizal", "Zulkarnaén", "Syafruddin", "Rahmat", "Irwan",
	"Fauzi", "Hendri", "Yulizar", "Zulfikar", "Efendi", "Azwar", "Rizal",
	"Jasman", "Asrul", "Marzuki", "Erwin", "Nofrizal",
}

var minangFemale = []string{
	"Yulia", "Rahmi", "Yusnimar", "Desmiwati", "Rosnida", "Nofriyanti",
	"Elfa", "Wirda", "Syafni", "Nurlela", "Asnidar", "Yelmi", "Zuraida",
	"Fitria",
}

// minangSuku are clan names some Minang families use as a surname.
var minangSuku = []string{
	"Chaniago", "Piliang", "Koto", "Sikumbang", "Tanjung", "Jambak", "Guci",
	"Melayu", "Bendang",
}

var muslimMale = []string{
	"Muhammad", "Ahmad", "Abdul Rahman", "Hasan", "Husein", "Ismail", "Yusuf",
	"Ibrahim", "Umar", "Usman", "Ali", "Zainal", "Zulkifli", "Ridwan",
	"Hamzah", "Ma'ruf", "Syafi'i", "Ja'far", "Mas'ud", "Fu'ad", "Sa'id",
	"Mahmud", "Hafiz", "Faisal", "Lukman", "Hanafi", "Khairul", "Taufiq",
	"Abdullah", "Ramli",
}

var muslimFemale = []string{
	"Siti", "Nur'aini", "Fatimah", "Khadijah", "Zahra", "Ni'mah", "Sa'adah",
	"Mu'minah", "Halimah", "Maryam", "Zainab", "Rahmah", "Hafsah", "Aminah",
	"Zakiyah", "Rofi'ah", "Sholihah", "Latifah", "Syarifah", "Khusnul",
	"Nurhayati", "Rohani",
}

var muslimSecondMale = []string{
	"Rahman", "Hakim", "Hidayat", "Maulana", "Ramadhan", "Firmansyah",
	"Syahputra", "Abidin", "Hamid", "Rasyid", "Fauzan", "Anwar", "Amin",
	"Aziz", "Ma'arif", "Hasyim",
}

var muslimSecondFemale = []string{
	"Hidayah", "Nurjanah", "Khoirunnisa", "Azzahra", "Fitriani", "Mardiyah",
	"Zahroh", "Ma'rifah", "Qur'ani", "Rahmawati", "Hasanah",
}

// modernMale and modernFemale are names common among people born since the
// 1990s across Java, Sumatra and Sulawesi.
var modernMale = []string{
	"Rizky", "Aditya", "Fajar", "Dimas", "Reza", "Rangga", "Bayu", "Dani",
	"Ilham", "Fikri", "Galih", "Arif", "Rafi", "Alif", "Farhan", "Naufal",
	"Daffa", "Raka", "Gilang", "Yoga", "Bagus", "Adi", "Satria",
}

var modernFemale = []string{
	"Putri", "Ayu", "Indah", "Nisa", "Rina", "Fitri", "Wulan", "Intan",
	"Citra", "Anisa", "Nabila", "Salsabila", "Aulia", "Amelia", "Dinda",
	"Tiara", "Cahya", "Mega", "Novi", "Sinta", "Maya", "Aisyah", "Keisha",
	"Nayla", "Ratna",
}

var modernSecondMale = []string{
	"Pratama", "Saputra", "Ramadhan", "Nugraha", "Wicaksono", "Prakoso",
	"Kusuma", "Permana", "Firmansyah", "Maulana",
}

var modernSecondFemale = []string{
	"Permatasari", "Puspitasari", "Maharani", "Ramadhani", "Aprilia",
	"Kusumaningrum", "Oktaviani", "Anggraeni", "Febriyanti", "Pratiwi",
}
