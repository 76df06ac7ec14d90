package dedup_test

import (
	"testing"

	"github.com/prakerja/prakerja/dedup"
)

// TestPhoneticKey pins keys: they may be stored, so a change here is a
// change of KeyVersion.
func TestPhoneticKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, key, alt string
	}{
		{"FinalHSilent", "Fatimah", "patima", "patima"},
		{"KhIsH", "Khadijah", "hadija", "hadia"},
		{"ZIsJAeIsAi", "Zulkarnaén", "julkarnain", "yulkarnain"},
		{"FIsP", "Saifuddin", "saipudin", "saipudin"},
		{"IyBeforeVowelIsI", "Febriyanti", "pebrianti", "pebrianti"},
		{"HardCIsK", "Cornelia", "kornelia", "kornelia"},
		{"SoftCStays", "Cecep", "cecep", "cecep"},
		{"NyStays", "Nyoman", "nyoman", "nyoman"},
		{"YAfterConsonantIsI", "Dyah", "dia", "dia"},
		{"UwBeforeVowelIsU", "Suwarni", "suarni", "suarni"},
		{"HAfterConsonantSilent", "Bhakti", "bakti", "bakti"},
		{"EiIsAi", "Husein", "husain", "husain"},
		{"SyIsS", "Syamsul", "samsul", "samsul"},
		{"OldSpelling", "Wahjoe", "wahiu", "wahiu"},
		{"WordsSorted", "Siti Aminah", "amina siti", "amina siti"},
		{"JIsYOnlyInAlt", "Jusuf", "jusup", "yusup"},
		{"Empty", "Dr.", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := dedup.PhoneticKey(tt.in); got != tt.key {
				t.Errorf("PhoneticKey(%q) = %q, want %q", tt.in, got, tt.key)
			}
			if got := dedup.AltPhoneticKey(tt.in); got != tt.alt {
				t.Errorf("AltPhoneticKey(%q) = %q, want %q", tt.in, got, tt.alt)
			}
		})
	}
}

// TestPhoneticKeyJoins lists names that sound alike and must share a key.
func TestPhoneticKeyJoins(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
	}{
		{"FatimahFatima", "Fatimah", "Fatima"},
		{"ZulkarnaenZulkarnain", "Zulkarnaén", "Zulkarnain"},
		{"KhairulHairul", "Chairul", "Hairul"},
		{"SaifuddinSaepudin", "Saifuddin", "Saepudin"},
		{"FebriyantiPebrianti", "Febriyanti", "Pebrianti"},
		{"AnggraeniAnggraini", "Anggraeni", "Anggraini"},
		{"ZainalJaenal", "Zainal", "Jaenal"},
		{"FitriPitri", "Fitri", "Pitri"},
		{"NoviNopi", "Novi", "Nopi"},
		{"MarcusMarkus", "Marcus", "Markus"},
		{"WahyuWahjoe", "Wahyu", "Wahjoe"},
		{"AhmadAkhmad", "Ahmad", "Akhmad"},
		{"SyafiiSafii", "Syafi'i", "Safi'i"},
		{"WordOrder", "Siti Aminah", "Aminah Siti"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if a, b := dedup.PhoneticKey(tt.a), dedup.PhoneticKey(tt.b); a != b {
				t.Fatalf("PhoneticKey(%q) = %q, PhoneticKey(%q) = %q; want equal", tt.a, a, tt.b, b)
			}
		})
	}
}

// TestPhoneticKeyKeepsApart lists different names, many of them twin
// names, that must keep different keys.
func TestPhoneticKeyKeepsApart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
	}{
		{"AdiAde", "Adi", "Ade"},
		{"DewiDewa", "Dewi", "Dewa"},
		{"RinaRini", "Rina", "Rini"},
		{"HasanHusein", "Hasan", "Husein"},
		{"HidayatHidayah", "Hidayat", "Hidayah"},
		{"CiciKiki", "Cici", "Kiki"},
		{"JokoYoko", "Joko", "Yoko"},
		{"GunawanKunawan", "Gunawan", "Kunawan"},
		{"BudiPudi", "Budi", "Pudi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if a := dedup.PhoneticKey(tt.a); a == dedup.PhoneticKey(tt.b) {
				t.Fatalf("PhoneticKey(%q) = PhoneticKey(%q) = %q", tt.a, tt.b, a)
			}
		})
	}
}

// TestAltPhoneticKeyJoinsOldJ checks the lenient key: j read as y joins
// Jusuf and Yusuf, at the documented price of Joko and Yoko.
func TestAltPhoneticKeyJoinsOldJ(t *testing.T) {
	t.Parallel()
	for _, pair := range [][2]string{{"Jusuf", "Yusuf"}, {"Jahja", "Yahya"}, {"Zainal", "Yainal"}, {"Zainal", "Jainal"}, {"Joko", "Yoko"}} {
		if a, b := dedup.AltPhoneticKey(pair[0]), dedup.AltPhoneticKey(pair[1]); a != b {
			t.Errorf("AltPhoneticKey(%q) = %q, AltPhoneticKey(%q) = %q; want equal", pair[0], a, pair[1], b)
		}
	}
}
