package namematch

// titles are academic degrees, religious and noble titles and forms of
// address, written without dots. They say nothing about who a person is,
// and the registry and banks disagree on whether to print them, so they
// are dropped wherever they appear. One-letter abbreviations (H., R., T.)
// are not here: a lone letter is read as an initial, because "T" may be
// Teuku or Taufik and "R" Raden or Rizki.
var titles = map[string]bool{
	// Academic degrees (bachelor, diploma, master, doctor, professor).
	"skom": true, "se": true, "sh": true, "spd": true, "st": true, "ssos": true,
	"sag": true, "skep": true, "ssi": true, "sip": true, "skm": true, "sked": true,
	"spsi": true, "sfarm": true, "sak": true, "sei": true, "spdi": true, "shi": true,
	"ssn": true, "sp": true, "stp": true, "sikom": true, "sthi": true, "sth": true,
	"amd": true, "amdkep": true, "amdkeb": true, "amk": true, "amkeb": true,
	"mm": true, "msi": true, "mkom": true, "mpd": true, "mh": true, "mt": true,
	"mba": true, "msc": true, "mag": true, "mkes": true, "mak": true, "mpdi": true,
	"dr": true, "drs": true, "dra": true, "ir": true, "prof": true, "phd": true,
	// Pilgrimage and religious titles.
	"hj": true, "haji": true, "hajjah": true, "kh": true, "ustadz": true,
	"ustaz": true, "ustadzah": true,
	// Forms of address (Tuan, Nyonya, Nona, Bapak, Ibu, Saudara/i).
	"tn": true, "ny": true, "nn": true, "bpk": true, "bapak": true, "ibu": true,
	"sdr": true, "sdri": true, "sdra": true,
	// Noble titles (Javanese, Acehnese).
	"raden": true, "ra": true, "rr": true, "teuku": true, "tengku": true,
	"tgk": true, "cut": true,
}

// connectors link a given name to the father's ("AHMAD BIN YUSUF", "SITI
// BINTI AHMAD"). Banks keep or drop them at will, so they never count in
// the comparison; they are kept only to recognise a bank's truncation.
var connectors = map[string]bool{
	"bin": true, "binti": true, "bt": true, "bn": true, "binte": true,
}

// nameAliases maps the written forms of Muhammad and Ahmad to one key.
// Banks abbreviate them to fit a field, and families write them as they
// please; spelling rules alone cannot reach "moch" from "muhammad".
var nameAliases = map[string]string{
	"muh": "muhammad", "moh": "muhammad", "moch": "muhammad", "mochamad": "muhammad",
	"mochammad": "muhammad", "mohammad": "muhammad", "mohamad": "muhammad",
	"muhamad": "muhammad", "mohamed": "muhammad", "muhammed": "muhammad",
	"mhd": "muhammad", "mhmd": "muhammad", "moc": "muhammad", "mokhamad": "muhammad",
	"mukhamad": "muhammad", "muchammad": "muhammad", "muchamad": "muhammad",
	"achmad": "ahmad", "akhmad": "ahmad", "ahmat": "ahmad", "achmat": "ahmad",
	"abd": "abdul",
}

// commonKeys are keys that half a village shares: religious names, the
// Balinese birth-order names and the Javanese birth-order numbers. Two
// names agreeing only on these are not evidence of one person, so a match
// needs at least one other agreeing token ("MUHAMMAD A" is not "MUHAMMAD
// ALI" for sure).
var commonKeys = map[string]bool{
	"muhammad": true, "ahmad": true, "abdul": true, "siti": true, "nur": true,
	"nurul": true, "sri": true, "dwi": true, "tri": true, "eka": true,
	"wayan": true, "made": true, "nyoman": true, "ketut": true, "putu": true,
	"gede": true, "kadek": true, "komang": true, "ni": true, "luh": true,
}
