package targeting_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"github.com/prakerja/prakerja/internal/sqlitetest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/export"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/storetest"
	"github.com/prakerja/prakerja/targeting"
)

var t0 = time.Date(2026, time.March, 10, 3, 0, 0, 0, time.UTC)

type env struct {
	store *sqldb.Store
	keys  *pii.Keyring
	svc   *targeting.Service
}

func newEnv(t *testing.T) *env {
	t.Helper()
	store, keys := sqlitetest.Open(t), sqlitetest.Keys(t)
	return &env{store: store, keys: keys,
		svc: targeting.New(store, keys, mock.NewClock(t0), []string{"pkh", "dtks"})}
}

// add stores a registration with really sealed NIK and phone.
func (e *env) add(t *testing.T, n int64, name, district string, impact prakerja.WorkImpact, consent bool) int64 {
	t.Helper()
	nr := storetest.NewRegistration(storetest.Unique())
	var err error
	nikText := "3171015708950" + strings.Repeat("0", 3-len(itoa(n))) + itoa(n)
	if nr.Record.NIK, err = e.keys.Seal(prakerja.IndexNIK, nikText); err != nil {
		t.Fatal(err)
	}
	if nr.Record.Phone, err = e.keys.Seal(prakerja.IndexPhone, "+62812000000"+itoa(n)); err != nil {
		t.Fatal(err)
	}
	nr.Record.FullName, nr.Record.DomicileDistrict, nr.Record.WorkImpact = name, district, impact
	if consent {
		nr.Record.TargetingConsentAt, nr.Record.ConsentNotice = t0, prakerja.TargetingNoticeVersion
	}
	if err := e.store.CreateRegistration(context.Background(), nr); err != nil {
		t.Fatal(err)
	}
	return nr.Record.ID
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// export runs an export and returns its bytes and the audit record.
func (e *env) export(t *testing.T, req targeting.Request) ([]byte, *targeting.File, *prakerja.AuditEntry) {
	t.Helper()
	ctx := context.Background()
	f, err := e.svc.Export(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	entries, err := e.store.AuditEntries(ctx, 0, 100)
	if err != nil || len(entries) == 0 {
		t.Fatalf("audit: %v, %d entries", err, len(entries))
	}
	last := entries[len(entries)-1]
	sum := sha256.Sum256(buf.Bytes())
	var detail map[string]any
	if err := json.Unmarshal([]byte(last.Detail), &detail); err != nil {
		t.Fatal(err)
	}
	if last.Action != prakerja.AuditTargetingExport || last.Actor != req.Actor ||
		detail["sha256"] != hex.EncodeToString(sum[:]) || detail["rows"] != float64(f.Rows) ||
		detail["level"] != string(req.Level) || detail["format"] != string(req.Format) {
		t.Fatalf("audit record %+v does not describe the file (sha %x, %d rows)", last, sum, f.Rows)
	}
	return buf.Bytes(), f, last
}

func TestExportIndividual(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.add(t, 1, "Siti Rahayu", "31.71.01", prakerja.WorkLostJob, true)
	e.add(t, 2, "Budi Santoso", "31.71.01", prakerja.WorkLostIncome, false) // no consent
	e.add(t, 3, "Ani Lestari", "31.71.01", prakerja.WorkNone, true)         // not hit
	c := e.add(t, 4, "Dewi Sartika", "32.73.05", prakerja.WorkReducedHours, true)

	t.Run("CSV", func(t *testing.T) {
		data, f, last := e.export(t, targeting.Request{Level: targeting.LevelIndividual, Format: export.CSV, Actor: "operator.a"})
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if f.Rows != 2 || len(rows) != 3 {
			t.Fatalf("%d rows (%d read), want 2 and a header", f.Rows, len(rows))
		}
		if rows[1][0] != itoa(a) || rows[1][1] != "Siti Rahayu" || rows[1][2] != "3171015708950001" ||
			rows[1][3] != "'+628120000001" || rows[1][6] != "lost_job" || rows[2][0] != itoa(c) {
			t.Fatalf("rows %q", rows)
		}
		for _, secret := range []string{"3171015708950001", "Siti", "+62812"} {
			if strings.Contains(last.Detail, secret) || strings.Contains(last.Subject, secret) {
				t.Fatalf("audit record holds personal data: %+v", last)
			}
		}
	})
	t.Run("XLSX", func(t *testing.T) {
		data, _, _ := e.export(t, targeting.Request{Level: targeting.LevelIndividual, Format: export.XLSX,
			Province: "32", Actor: "operator.a"})
		x, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		rows, err := x.GetRows("Sheet1")
		if err != nil || len(rows) != 2 || rows[1][1] != "Dewi Sartika" || rows[1][3] != "'+628120000004" {
			t.Fatalf("rows %q, %v", rows, err)
		}
	})
}

func TestExportAggregate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.add(t, 1, "Siti Rahayu", "31.71.01", prakerja.WorkLostJob, false)
	e.add(t, 2, "Budi Santoso", "31.74.01", prakerja.WorkLostIncome, false)
	e.add(t, 3, "Ani Lestari", "31.71.01", prakerja.WorkNone, true)
	data, f, _ := e.export(t, targeting.Request{Level: targeting.LevelAggregate, Format: export.CSV,
		Regions: prakerja.TargetingRegency, Province: "31", Actor: "auditor.a"})
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if f.Rows != 2 || len(rows) != 3 || rows[1][0] != "31.71" || rows[1][2] != "2" || rows[1][3] != "1" ||
		rows[1][6] != "1" || rows[1][7] != "500.0" || rows[2][4] != "1" {
		t.Fatalf("rows %q", rows)
	}
}

func TestExportInvalid(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for name, req := range map[string]targeting.Request{
		"NoActor":  {Level: targeting.LevelAggregate, Format: export.CSV},
		"BadLevel": {Level: "district", Format: export.CSV, Actor: "x"},
		"BadFmt":   {Level: targeting.LevelAggregate, Format: "xls", Actor: "x"},
		"BadProv":  {Level: targeting.LevelIndividual, Format: export.CSV, Province: "x", Actor: "x"},
	} {
		if _, err := e.svc.Export(context.Background(), req); prakerja.ErrorCode(err) != prakerja.CodeInvalid {
			t.Errorf("%s: %v, want %s", name, err, prakerja.CodeInvalid)
		}
	}
	if entries, _ := e.store.AuditEntries(context.Background(), 0, 10); len(entries) != 0 {
		t.Errorf("refused exports were audited: %v", entries)
	}
}

func TestPerThousand(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n, total int64
		want     string
	}{{1, 2, "500.0"}, {1, 3, "333.3"}, {2, 3, "666.7"}, {0, 5, "0.0"}, {5, 0, ""}, {7, 7, "1000.0"}} {
		if got := targeting.PerThousand(tc.n, tc.total); got != tc.want {
			t.Errorf("PerThousand(%d, %d) = %q, want %q", tc.n, tc.total, got, tc.want)
		}
	}
}
