package exclusion

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"io"

	"github.com/prakerja/prakerja/population"
)

// defaultPerMille is the share of adults on each synthetic list, per
// thousand: rough national shares (4.2 million civil servants in 270
// million people is about 2% of adults; PKH reached about 10 million
// families), enough for a demo to show every kind of exclusion.
var defaultPerMille = map[string]int{
	"pejabat_negara":   1,
	"dpr_dprd":         1,
	"asn":              20,
	"tni":              4,
	"polri":            4,
	"perangkat_desa":   8,
	"bumn_bumd_board":  1,
	"past_participant": 10,
	"dtks":             150,
	"pkh":              80,
	"bpnt":             60,
	"bsu":              50,
	"bpum":             40,
}

// DefaultPerMille returns the share per thousand of adults Synthetic puts
// on a list of category when not told otherwise, or 0 for an unknown
// category.
func DefaultPerMille(category string) int { return defaultPerMille[category] }

// Synthetic returns the people of persons who are on a made-up list of
// category: adults (population.MinRegistrantAge or older) picked by a hash
// of (seed, category, person ID), perMille in a thousand, so the same
// arguments always give the same list and the lists of two categories
// overlap only by chance, as real ones mostly do. perMille outside 0–1000
// is clamped.
func Synthetic(seed uint64, persons []population.Person, category string, perMille int) []population.Person {
	perMille = min(max(perMille, 0), 1000)
	var out []population.Person
	for _, p := range persons {
		if p.Age >= population.MinRegistrantAge && draw(seed, category, p.ID) < perMille {
			out = append(out, p)
		}
	}
	return out
}

// draw is a value in [0, 1000) fixed by its arguments. SHA-256 keeps it
// independent of the population's own streams.
func draw(seed uint64, category string, id population.PersonID) int {
	var buf [16]byte
	binary.BigEndian.PutUint64(buf[:8], seed)
	binary.BigEndian.PutUint64(buf[8:], uint64(id))
	h := sha256.New()
	h.Write([]byte("prakerja/exclusion/synthetic/v1\x00" + category + "\x00"))
	h.Write(buf[:])
	return int(binary.BigEndian.Uint64(h.Sum(nil)[:8]) % 1000)
}

// WriteCSV writes persons as a list file with the header nik,full_name,
// the shape an agency's export has, so people can try an import.
func WriteCSV(w io.Writer, persons []population.Person) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"nik", "full_name"}); err != nil {
		return fmt.Errorf("exclusion: write list: %w", err)
	}
	for _, p := range persons {
		if err := cw.Write([]string{p.NIK, p.FullName}); err != nil {
			return fmt.Errorf("exclusion: write list: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("exclusion: write list: %w", err)
	}
	return nil
}
