package population

// Name tables for Bali, Nusa Tenggara, Kalimantan, Sulawesi, Maluku and
// Papua, and for Chinese-Indonesian families.

// balineseOrder are the birth-order names: first, second, third and fourth
// child, repeating from the fifth.
var balineseOrder = [4][]string{
	{"Wayan", "Putu", "Gede"},
	{"Made", "Kadek", "Nengah"},
	{"Nyoman", "Komang"},
	{"Ketut"},
}

var balineseMale = []string{
	"Suardana", "Artawan", "Wirawan", "Sudiarta", "Astawa", "Budiarsa",
	"Mertayasa", "Sukadana", "Ardana", "Suarjana", "Adnyana", "Widiada",
	"Swastika", "Sutama", "Parwata", "Darmayasa",
}

var balineseFemale = []string{
	"Ayu Lestari", "Suartini", "Sukerti", "Ariani", "Widiastuti",
	"Darmayanti", "Astiti", "Suwendri", "Sriasih", "Puspawati", "Ayu Sukmawati",
	"Sudarmi",
}

var bugisMale = []string{
	"Baso", "Ambo", "Arsyad", "Sulaiman", "Syamsul", "Haris", "Rusdi",
	"Jufri", "Nasrullah", "Akbar", "Takdir", "Sudirman", "Amiruddin",
	"Hasanuddin", "Iskandar", "Alimuddin", "Fadli", "Risal", "Muhlis",
}

var bugisFemale = []string{
	"Besse", "Hasnah", "Hasmawati", "Sitti", "Rahmatia", "Nurhaedah",
	"Hamsiah", "Murniati", "Jumriah", "Kasmawati", "Sunarti", "Irma",
	"Wahida", "Asriani", "Nurbaya",
}

// christianMale and christianFemale are shared by the Christian regions
// (Tapanuli, Minahasa, Maluku, Nusa Tenggara Timur, Papua) and many
// Chinese-Indonesian families.
var christianMale = []string{
	"Yohanes", "Daniel", "Yosua", "Samuel", "Markus", "Petrus", "Paulus",
	"Stefanus", "Fransiskus", "Andréas", "Kristian", "Immanuel", "Benyamin",
	"Yakobus", "Matius", "Lukas", "Timotius", "Gabriel", "Mikael", "Hendrik",
	"Jefri", "Rudolf", "Noël", "Yoseph", "Aloysius", "Kornelis", "Yeremias",
	"Melkior", "Ignasius",
}

var christianFemale = []string{
	"Maria", "Magdalena", "Elisabeth", "Debora", "Ester", "Ruth", "Agnes",
	"Theresia", "Margaretha", "Yohana", "Kristina", "Veronika", "Renée",
	"Angelina", "Yuliana", "Agustina", "Febriana", "Cornelia", "Natalia",
	"Priskila", "Yasinta", "Florentina", "Bernadeta", "Serafina",
}

var chineseMale = []string{
	"Kevin", "Hendra", "Steven", "Michael", "Jonathan", "William", "Edwin",
	"Felix", "Rudy", "Ferry", "Vincent", "Jimmy", "Hengky", "Tony", "Johan",
	"Sugianto", "Andy", "Budi",
}

var chineseFemale = []string{
	"Stefanie", "Jessica", "Melinda", "Cynthia", "Chloé", "Vanessa", "Yenny",
	"Lily", "Linda", "Meiliana", "Fransiska", "Angeline", "Grace", "Verawati",
	"Monica", "Cindy", "Juliana", "Zoë",
}

var chineseSurnames = []string{
	"Wijaya", "Halim", "Gunawan", "Tanoto", "Tanuwijaya", "Salim", "Hartono",
	"Kusuma", "Tjandra", "Lim", "Tan", "Liem", "Ong", "Kwee", "Oei",
	"Sutanto", "Setiadi", "Tanjaya", "Lukito", "Widjaja", "Wibisono",
	"Kurniadi", "Tjahjadi", "Hadinata", "Limanto", "Tanudjaja", "Sugiharto",
	"Chandra", "Liman", "Winata", "Kartawijaya", "Gozali", "Husin",
}

var minahasaFam = []string{
	"Wowor", "Sondakh", "Rumengan", "Lumempouw", "Mandagi", "Pangemanan",
	"Tumbelaka", "Kalalo", "Lengkong", "Runtuwene", "Supit", "Tambuwun",
	"Watuseke", "Sumampouw", "Karamoy", "Rondonuwu", "Tangkilisan",
	"Moningka", "Wenas", "Rorimpandey", "Warouw", "Rumondor", "Mamesah",
	"Kaunang", "Tumewu",
}

var malukuFam = []string{
	"Latuconsina", "Pattinasarany", "Sahetapy", "Tuhumury", "Latumahina",
	"Pelupessy", "Tuanakotta", "Wattimena", "Siahaya", "Louhenapessy",
	"Matulessy", "Ririmasse", "Huwae", "Leiwakabessy", "Pattiasina",
	"Soplanit", "Manuputty", "Lekatompessy", "Tahapary", "Kakisina",
}

var papuanMale = []string{
	"Yohanis", "Yance", "Ferdinand", "Frans", "Marthen", "Ones", "Yulianus",
	"Septinus", "Nikolaus", "Obed", "Demianus", "Elias",
}

var papuanFemale = []string{
	"Mariana", "Yosina", "Marice", "Naomi", "Ribka", "Sarlota", "Dorkas",
	"Lince", "Selfina", "Martha",
}

var papuanFam = []string{
	"Yikwa", "Wenda", "Kogoya", "Rumbiak", "Mandacan", "Wanggai",
	"Karubaba", "Rumaropen", "Yoku", "Ohee", "Mebri", "Wonda", "Tabuni",
	"Murib", "Kambu", "Sawaki", "Krey", "Rumbewas", "Auparay", "Womsiwor",
	"Fonataba", "Iwanggin", "Dimara", "Korwa", "Sroyer",
}

var nusaTenggaraFam = []string{
	"Manafe", "Ndun", "Lerik", "Bire", "Laka", "Fanggidae", "Tallo", "Haba",
	"Riwu", "Dethan", "Amalo", "Kolo", "Lado", "Nalle", "Sinlae", "Tefa",
	"Seran", "Pareira", "da Costa", "da Silva", "Fernandez", "Parera",
	"de Rosari", "Mbete", "Kause", "Taolin", "Nahak", "Bria",
}
