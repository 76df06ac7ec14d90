// Package targeting answers government's request to find groups for social
// assistance in the registration data (issue 7 item 5): aggregates by
// region of registrants who lost work or income in the pandemic and are on
// no social-assistance list, and, for an authorised role only, the
// individual rows of those who consented. Every export is written to a
// temporary file first, so that its row count and SHA-256 are known and
// recorded in the audit chain before a single byte leaves the server.
package targeting

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/export"
	"github.com/prakerja/prakerja/nik"
	"github.com/prakerja/prakerja/pii"
)

// Store is what the service reads and where it records exports.
type Store interface {
	prakerja.TargetingStore
	prakerja.AuditStore
}

// Service computes aggregates and writes exports.
type Service struct {
	store      Store
	keys       *pii.Keyring
	clock      prakerja.Clock
	categories []string
	tempDir    string
}

// New returns a service; categories are the scheme's
// targeting.social_assistance_categories. It panics on a nil dependency,
// a wiring bug.
func New(store Store, keys *pii.Keyring, clock prakerja.Clock, categories []string) *Service {
	if store == nil || keys == nil || clock == nil {
		panic("targeting: nil store, keys or clock")
	}
	return &Service{store: store, keys: keys, clock: clock, categories: categories}
}

// Level is what an export holds.
type Level string

const (
	LevelAggregate  Level = "aggregate"
	LevelIndividual Level = "individual"
)

// Request is one export as asked.
type Request struct {
	Level  Level
	Format export.Format
	// Regions is how aggregates group (province or regency); ignored for
	// individual rows.
	Regions prakerja.TargetingLevel
	// Province limits the export to one province code; "" = all.
	Province string
	// Actor is the staff member (or command user) who asked, for the audit.
	Actor string
}

// Aggregates returns the counts by region; province "" with
// TargetingProvince lists provinces, a province with TargetingRegency its
// regencies. Returns CodeInvalid.
func (s *Service) Aggregates(ctx context.Context, level prakerja.TargetingLevel, province string) ([]prakerja.TargetingAggregate, error) {
	return s.store.TargetingAggregates(ctx, prakerja.TargetingFilter{Level: level, Province: province,
		BansosCategories: s.categories})
}

// RegionName names a province or regency code, or returns the code.
func RegionName(code string) string {
	lookup := nik.LookupRegency
	if len(code) == 2 {
		lookup = nik.LookupProvince
	}
	if r, ok := lookup(code); ok {
		return r.Name
	}
	return code
}

// File is a finished export: a temporary file recorded in the audit chain.
// Copy it out with WriteTo, then Close it, which removes it.
type File struct {
	Name        string
	ContentType string
	Rows        int64
	Size        int64
	SHA256      string
	f           *os.File
}

// WriteTo copies the file to w from its start.
func (f *File) WriteTo(w io.Writer) (int64, error) {
	if _, err := f.f.Seek(0, io.SeekStart); err != nil {
		return 0, fmt.Errorf("targeting export: %w", err)
	}
	return io.Copy(w, f.f)
}

// Close removes the temporary file.
func (f *File) Close() error {
	err := f.f.Close()
	if rerr := os.Remove(f.f.Name()); err == nil {
		err = rerr
	}
	return err
}

// Export writes the requested file and records it in the audit chain
// (who, level, format, rows, filter, SHA-256; never personal data) before
// returning it. Returns CodeInvalid.
func (s *Service) Export(ctx context.Context, req Request) (*File, error) {
	if err := s.check(&req); err != nil {
		return nil, err
	}
	now := s.clock.Now().UTC()
	tmp, err := os.CreateTemp(s.tempDir, "targeting-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("targeting export: %w", err)
	}
	f := &File{f: tmp, ContentType: req.Format.ContentType(),
		Name: fmt.Sprintf("targeting-%s-%s.%s", req.Level, now.In(prakerja.WIB).Format("20060102-1504"), req.Format)}
	if err := s.write(ctx, req, f); err != nil {
		_ = f.Close()
		return nil, err
	}
	if err := s.audit(ctx, req, f, now); err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

// check validates and completes req.
func (s *Service) check(req *Request) error {
	if req.Actor == "" || len(req.Actor) > prakerja.AuditActorMax {
		return prakerja.Errorf(prakerja.CodeInvalid, "An export names who asked for it.")
	}
	if _, err := export.ParseFormat(string(req.Format)); err != nil {
		return err
	}
	switch req.Level {
	case LevelAggregate:
		if req.Regions == "" {
			req.Regions = prakerja.TargetingProvince
		}
		if req.Regions != prakerja.TargetingProvince && req.Regions != prakerja.TargetingRegency {
			return prakerja.Errorf(prakerja.CodeInvalid, "Regions must be province or regency.")
		}
	case LevelIndividual:
		req.Regions = ""
	default:
		return prakerja.Errorf(prakerja.CodeInvalid, "Level must be aggregate or individual.")
	}
	return nil
}

// write fills f's temporary file and sets its rows, size and hash.
func (s *Service) write(ctx context.Context, req Request, f *File) error {
	h := sha256.New()
	counter := &countingWriter{w: io.MultiWriter(f.f, h)}
	w, err := export.New(req.Format, counter)
	if err != nil {
		return err
	}
	if req.Level == LevelAggregate {
		f.Rows, err = s.writeAggregates(ctx, req, w)
	} else {
		f.Rows, err = s.writeIndividuals(ctx, req, w)
	}
	if err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	f.Size, f.SHA256 = counter.n, hex.EncodeToString(h.Sum(nil))
	return nil
}

// writeAggregates writes one row per region.
func (s *Service) writeAggregates(ctx context.Context, req Request, w export.Writer) (int64, error) {
	rows, err := s.Aggregates(ctx, req.Regions, req.Province)
	if err != nil {
		return 0, err
	}
	if err := w.WriteRow([]string{"region_code", "region_name", "registrants", "lost_job", "lost_income",
		"reduced_hours", "targeted", "targeted_per_1000"}); err != nil {
		return 0, err
	}
	for _, a := range rows {
		if err := w.WriteRow([]string{a.Region, RegionName(a.Region), itoa(a.Total), itoa(a.LostJob),
			itoa(a.LostIncome), itoa(a.ReducedHours), itoa(a.Targeted()), PerThousand(a.Targeted(), a.Total)}); err != nil {
			return 0, err
		}
	}
	return int64(len(rows)), nil
}

// writeIndividuals writes the consenting targeted registrants page by
// page, NIK and phone opened with the keyring.
func (s *Service) writeIndividuals(ctx context.Context, req Request, w export.Writer) (int64, error) {
	if err := w.WriteRow([]string{"registration_id", "full_name", "nik", "phone", "district_code",
		"district_name", "work_impact", "consent_at_wib", "consent_notice"}); err != nil {
		return 0, err
	}
	f := prakerja.TargetingFilter{Province: req.Province, BansosCategories: s.categories}
	var n int64
	for after := int64(0); ; {
		page, err := s.store.TargetingIndividuals(ctx, f, after, prakerja.TargetingPageMax)
		if err != nil {
			return 0, err
		}
		for i := range page {
			if n >= prakerja.TargetingExportRowsMax {
				return 0, prakerja.Errorf(prakerja.CodeInvalid, "More than %d rows: export one province at a time.", prakerja.TargetingExportRowsMax)
			}
			if err := s.writeIndividual(w, &page[i]); err != nil {
				return 0, err
			}
			n++
		}
		if len(page) < prakerja.TargetingPageMax {
			return n, nil
		}
		after = page[len(page)-1].RegistrationID
	}
}

func (s *Service) writeIndividual(w export.Writer, r *prakerja.TargetingRecord) error {
	nikText, err := s.keys.Open(prakerja.IndexNIK, r.NIK.Ciphertext)
	if err != nil {
		return fmt.Errorf("targeting export: registration %d: %w", r.RegistrationID, err)
	}
	phone, err := s.keys.Open(prakerja.IndexPhone, r.Phone.Ciphertext)
	if err != nil {
		return fmt.Errorf("targeting export: registration %d: %w", r.RegistrationID, err)
	}
	district := r.DomicileDistrict
	if d, ok := nik.LookupDistrict(district); ok {
		district = d.Name
	}
	return w.WriteRow([]string{itoa(r.RegistrationID), r.FullName, nikText, phone, r.DomicileDistrict, district,
		string(r.WorkImpact), r.TargetingConsentAt.In(prakerja.WIB).Format(time.DateTime), r.ConsentNotice})
}

// audit appends the export's record: counts, filter and hash only.
func (s *Service) audit(ctx context.Context, req Request, f *File, now time.Time) error {
	detail, err := json.Marshal(map[string]any{"level": req.Level, "format": req.Format, "rows": f.Rows,
		"regions": req.Regions, "province": req.Province, "bytes": f.Size, "sha256": f.SHA256})
	if err != nil {
		return fmt.Errorf("targeting export: %w", err)
	}
	return s.store.AppendAudit(ctx, &prakerja.AuditEntry{At: now, Actor: req.Actor,
		Action: prakerja.AuditTargetingExport, Subject: "targeting:" + string(req.Level), Detail: string(detail)})
}

// PerThousand is n per 1,000 of total with one decimal, "" for no total.
func PerThousand(n, total int64) string {
	if total == 0 {
		return ""
	}
	tenths := (n*10000 + total/2) / total
	return strconv.FormatInt(tenths/10, 10) + "." + strconv.FormatInt(tenths%10, 10)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
