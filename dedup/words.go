package dedup

// Word tables. Keys are written as the words look after the spelling rules
// (spell), because that is where they are looked up; changing any entry
// changes NormalizeName and needs a new KeyVersion.

// titles are honorifics, religious and academic titles and degrees, with
// their dots removed ("S.Kom." is "skom"). They are not part of the name a
// KTP carries, and registrants add or omit them freely, so they are dropped
// ("Dr. Ir. H. Budi Santoso, M.Si." is "budi santoso"). A lone "H" is read
// as Haji: as an initial it is far rarer. "Ma" (Master of Arts) is left
// out because it is also a Chinese-Indonesian surname.
var titles = setOf(
	// Forms of address: Bapak, Ibu, Saudara, Tuan, Nyonya, Nona.
	"bapak", "bpk", "pak", "ibu", "bu", "sdr", "sdri", "saudara", "saudari",
	"tuan", "tn", "nyonya", "ny", "nona", "nn",
	// Religious: Haji, Hajah, Kyai Haji, Ustaz; almarhum(ah) on old papers.
	"h", "hj", "haji", "haj", "hajah", "kh", "kyai", "kiai", "ustad", "ustaz", "ustadz",
	"ustazah", "ustadzah", "alm", "almh", "almarhum", "almarhumah",
	// Academic and professional titles placed before the name.
	"dr", "drs", "dra", "drg", "ir", "prof", "apt", "ns",
	// Degrees placed after the name (Sarjana, Magister, Diploma).
	"se", "sh", "st", "sp", "spd", "spdi", "sag", "sos", "ssos", "sip", "sikom",
	"skom", "ssi", "skm", "sked", "skep", "sfarm", "sthi", "shi", "sei", "ssn",
	"mm", "mh", "msi", "mpd", "mkom", "mt", "mkes", "mag", "msc", "bsc", "mba", "phd",
	"amd", "amdkeb", "amk", "amkeb", "skg", "stp", "spt", "shut", "ssy",
	// Medical specialists ("Sp.OG", "Sp.A", "Sp.PD", "Sp.B").
	"spog", "spa", "sppd", "spb",
)

// connectors are the Arabic "son of" and "daughter of" between a name and
// a father's name ("Ahmad bin Abdullah"). The connector is dropped and the
// father's name kept: dropping it too would merge two men whose given
// names agree, and a left-out father's name is still caught by the Index
// (one name's words contained in the other's).
var connectors = setOf("bin", "binti", "bt", "bte", "binte")

// variants map the spellings and abbreviations of the commonest name
// elements to one word. Each group is one name in Indonesian usage:
//
//	Muhammad, Mohammad, Muhamad, Mochammad, Moh., Muh., Mhd., M. → muhamad
//	Ahmad, Achmad, Akhmad, Ahmed → ahmad
//	Nur, Noor, Nour, Nor, Nurul → nur (then joined to the next word)
//	Abdul, Abd., Abdur, Abdus … → abdul (then joined to the next word)
//
// "M." is almost always Muhammad on Indonesian papers; a Christian "M." for
// Maria is read the same way, which only matters if two such names meet.
var variants = map[string]string{
	"m": "muhamad", "md": "muhamad", "mhd": "muhamad", "moh": "muhamad",
	"mohd": "muhamad", "muh": "muhamad", "muhd": "muhamad", "mokh": "muhamad",
	"mukh": "muhamad", "mohamad": "muhamad", "mohamed": "muhamad",
	"muhamed": "muhamad", "mokhamad": "muhamad", "mukhamad": "muhamad",
	"mohamat": "muhamad", "muhamat": "muhamad", "mokhamat": "muhamad",
	"mukhamat": "muhamad", "muhamad": "muhamad",

	"akhmad": "ahmad", "ahmed": "ahmad", "akhmed": "ahmad", "ahmat": "ahmad",

	"nor": "nur", "nour": "nur", "nurul": "nur", "nurel": "nur",

	"abd": "abdul", "abdu": "abdul", "abdur": "abdul", "abdus": "abdul",
	"abdun": "abdul", "abduz": "abdul", "abdut": "abdul", "abdud": "abdul",
	"abdusy": "abdul",

	"el": "al",
}

// particles are joined to the word after them, because Indonesians write
// them both apart and together: "Nur Aini", "Nur'aini", "Nuraini";
// "Al-Fatih", "Al Fatih", "Alfatih"; "Abdul Rahman", "Abdulrahman",
// "Abdurrahman" (see abduPrefix). A particle that ends a name stays alone.
var particles = setOf("nur", "al", "abdul")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
