package marketplace

import (
	"context"
	"fmt"

	"github.com/prakerja/prakerja"
)

// The seed catalogue gives the demo and a fresh `serve` something to sell:
// the eight platforms of 2020 (DOMAIN §2.6), five providers homed on each,
// and five courses per provider, all deterministic. The five platforms KPK
// found conflicted each own two of their providers, so the catalogue shows
// the conflict-of-interest flag on real-looking data.
const (
	seedProvidersPerPlatform = 5
	seedCoursesPerProvider   = 5
	seedOwnedPerPlatform     = 2
	seedPriceStep            = 50_000  // rupiah
	seedPriceMin             = 100_000 // rupiah
	seedPriceSteps           = 19      // 100.000 … 1.000.000
)

// seedPlatform is one platform of 2020 and whether KPK found it affiliated
// with providers it sold (18 Jun 2020).
type seedPlatform struct {
	slug, name string
	conflicted bool
}

var seedPlatforms = []seedPlatform{
	{"tokopedia", "Tokopedia", false},
	{"bukalapak", "Bukalapak", false},
	{"skill-academy", "Skill Academy", true},
	{"maubelajarapa", "MauBelajarApa", true},
	{"pintaria", "Pintaria", true},
	{"sekolahmu", "Sekolahmu", true},
	{"pijar-mahir", "Pijar Mahir", true},
	{"sisnaker", "Sisnaker", false},
}

var seedProviderWords = []string{"Cendekia", "Nusantara", "Mandiri", "Prima", "Kreatif", "Gemilang", "Digital",
	"Terampil", "Cakap", "Unggul"}

var seedProviderKinds = []string{"Lembaga Pelatihan", "Akademi", "Rumah Kursus", "Balai Keterampilan"}

var seedTopics = []string{
	"Pemasaran Digital untuk UMKM", "Dasar Pemrograman Python", "Menjahit Busana Muslim",
	"Barista Kopi Nusantara", "Akuntansi Dasar dengan Excel", "Desain Grafis dengan Canva",
	"Bahasa Inggris untuk Kerja", "Teknisi Pendingin Ruangan", "Fotografi Produk dengan Ponsel",
	"Manajemen Keuangan Usaha Kecil", "Menjadi Pengemudi Ojek Daring yang Andal", "Tata Rias Pengantin",
	"Budidaya Lele Bioflok", "Membuka Usaha Kuliner Rumahan", "Layanan Pelanggan Profesional",
	"Dasar Analisis Data", "Menulis Konten Media Sosial", "Perawatan Sepeda Motor",
	"Kerja Sama Tim dan Komunikasi", "Persiapan Wawancara Kerja",
}

// Seed is what SeedCatalogue made, with the API keys shown this once.
type Seed struct {
	Platforms    []*prakerja.Platform
	Providers    []*prakerja.Provider
	Courses      int
	PlatformKeys map[int64]string // by platform id
	ProviderKeys map[int64]string // by provider id
}

// SeedCatalogue registers the seed catalogue once: a store that already
// has platforms is left as it is (the result is then empty).
func (s *Service) SeedCatalogue(ctx context.Context) (*Seed, error) {
	existing, err := s.store.Platforms(ctx)
	if err != nil {
		return nil, err
	}
	seed := &Seed{PlatformKeys: map[int64]string{}, ProviderKeys: map[int64]string{}}
	if len(existing) > 0 {
		return seed, nil
	}
	for _, sp := range seedPlatforms {
		p, key, err := s.RegisterPlatform(ctx, sp.slug, sp.name)
		if err != nil {
			return nil, fmt.Errorf("seed platform %s: %w", sp.slug, err)
		}
		seed.Platforms, seed.PlatformKeys[p.ID] = append(seed.Platforms, p), key
	}
	for i := range len(seedPlatforms) * seedProvidersPerPlatform {
		if err := s.seedProvider(ctx, seed, i); err != nil {
			return nil, err
		}
	}
	return seed, nil
}

// seedProvider registers provider i, homed on platform i mod 8 (owned by it
// for the first two of a conflicted platform), with its courses.
func (s *Service) seedProvider(ctx context.Context, seed *Seed, i int) error {
	home := i % len(seedPlatforms)
	var owners []int64
	if seedPlatforms[home].conflicted && i/len(seedPlatforms) < seedOwnedPerPlatform {
		owners = []int64{seed.Platforms[home].ID}
	}
	word := seedProviderWords[i%len(seedProviderWords)]
	kind := seedProviderKinds[(i/len(seedProviderWords))%len(seedProviderKinds)]
	name := fmt.Sprintf("%s %s %d", kind, word, i+1)
	p, key, err := s.RegisterProvider(ctx, fmt.Sprintf("lpp-%d", i+1), name, owners)
	if err != nil {
		return fmt.Errorf("seed provider %d: %w", i+1, err)
	}
	seed.Providers, seed.ProviderKeys[p.ID] = append(seed.Providers, p), key
	for j := range seedCoursesPerProvider {
		if err := s.AddCourse(ctx, seedCourse(seed, p, i, j)); err != nil {
			return fmt.Errorf("seed course %d of provider %d: %w", j+1, i+1, err)
		}
		seed.Courses++
	}
	return nil
}

// seedCourse is course j of provider i: the first three sold on the home
// platform, the others on two more platforms; prices in Rp 50.000 steps
// from Rp 100.000 to Rp 1.000.000.
func seedCourse(seed *Seed, p *prakerja.Provider, i, j int) *prakerja.Course {
	platform := i % len(seedPlatforms)
	if j >= 3 {
		platform = (platform + j - 2) % len(seedPlatforms)
	}
	topic := seedTopics[(i*seedCoursesPerProvider+j)%len(seedTopics)]
	price := seedPriceMin + int64((i*37+j*91)%seedPriceSteps)*seedPriceStep
	return &prakerja.Course{ProviderID: p.ID, PlatformID: seed.Platforms[platform].ID,
		Title: fmt.Sprintf("%s (%s)", topic, p.Name), Price: price, Hours: 2 + (i+j*7)%19, Active: true,
		Description: fmt.Sprintf("Pelatihan daring %q oleh %s: video, modul, dan tugas praktik, "+
			"dengan sertifikat elektronik setelah selesai.", topic, p.Name)}
}
