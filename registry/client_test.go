package registry_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registry"
)

// TestCheckOutcomes sends one batch holding every kind of item to the
// simulator over HTTP and checks each answer.
func TestCheckOutcomes(t *testing.T) {
	t.Parallel()
	const exist = 100
	pp := people(t, exist+50)
	p, other := pp[10], pp[60]
	if p.KK == other.KK || registry.NamesMatch(p.FullName, other.FullName) {
		t.Fatal("test persons share a KK or a name")
	}
	m, mm := registry.OutcomeMatch, registry.OutcomeMismatch
	tests := []struct {
		name    string
		edit    func(*registry.Request)
		want    registry.Status
		fields  registry.Fields
		invalid string // field of a per-item invalid error
	}{
		{"Match", func(*registry.Request) {}, registry.StatusMatch, registry.Fields{KK: m, FullName: m, BirthDate: m}, ""},
		{"MatchNameInCapitals", func(r *registry.Request) { r.FullName = " " + strings.ToUpper(r.FullName) + " " }, registry.StatusMatch, registry.Fields{KK: m, FullName: m, BirthDate: m}, ""},
		{"KKMismatch", func(r *registry.Request) { r.KK = other.KK }, registry.StatusMismatch, registry.Fields{KK: mm, FullName: m, BirthDate: m}, ""},
		{"NameMismatch", func(r *registry.Request) { r.FullName = other.FullName }, registry.StatusMismatch, registry.Fields{KK: m, FullName: mm, BirthDate: m}, ""},
		{"BirthDateMismatch", func(r *registry.Request) { r.BirthDate = r.BirthDate.AddDate(0, 0, 1) }, registry.StatusMismatch, registry.Fields{KK: m, FullName: m, BirthDate: mm}, ""},
		{"NotFoundBeyondPopulation", func(r *registry.Request) { *r = requestOf(pp[exist+20]) }, registry.StatusNotFound, registry.Fields{}, ""},
		{"ErrInvalidNIK", func(r *registry.Request) { r.NIK = r.NIK[:15] }, "", registry.Fields{}, "nik"},
		{"ErrInvalidName", func(r *registry.Request) { r.FullName = " '. " }, "", registry.Fields{}, "full_name"},
	}
	_, srv := MustSimulator(t, registry.SimConfig{Population: exist})
	c := MustClient(t, srv.URL, nil)
	reqs := make([]registry.Request, len(tests))
	for i, tt := range tests {
		reqs[i] = requestOf(p)
		tt.edit(&reqs[i])
	}
	results, err := c.Check(t.Context(), reqs)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := results[i]
			if tt.invalid != "" {
				checkInvalid(t, got, tt.invalid, reqs[i].NIK)
				return
			}
			if got.Err != nil || got.Status != tt.want || got.Fields != tt.fields {
				t.Fatalf("got %+v, want status %s fields %+v", got, tt.want, tt.fields)
			}
			if nameOK := tt.fields.FullName == m; nameOK != (got.NameScore == 100) {
				t.Errorf("name score %d with name outcome %q", got.NameScore, tt.fields.FullName)
			}
			checkCivil(t, got, p)
		})
	}
}

// checkCivil checks that a known NIK's answer carries its holder's
// citizenship and occupation, and any other answer neither.
func checkCivil(t *testing.T, got registry.Result, p population.Person) {
	t.Helper()
	want := registry.Result{}
	if got.Status == registry.StatusMatch || got.Status == registry.StatusMismatch {
		want = registry.Result{Citizen: p.Citizen, Occupation: p.Occupation}
	}
	if got.Citizen != want.Citizen || got.Occupation != want.Occupation {
		t.Fatalf("citizen %v occupation %q, want %v %q", got.Citizen, got.Occupation, want.Citizen, want.Occupation)
	}
}

// TestCheckCivil checks citizenship and occupation over HTTP for enough
// people to meet a student and, for the seed, a foreign national.
func TestCheckCivil(t *testing.T) {
	t.Parallel()
	pp := people(t, 3000)
	_, srv := MustSimulator(t, registry.SimConfig{})
	c := MustClient(t, srv.URL, nil)
	reqs := make([]registry.Request, len(pp))
	for i, p := range pp {
		reqs[i] = requestOf(p)
	}
	results, err := c.Check(t.Context(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	var students, foreign int
	for i, r := range results {
		checkCivil(t, r, pp[i])
		if r.InFormalEducation() {
			students++
		}
		if !r.Citizen {
			foreign++
		}
	}
	if students == 0 || foreign == 0 {
		t.Fatalf("%d students and %d foreign nationals in %d people; want some of each", students, foreign, len(pp))
	}
}

// TestInFormalEducation checks the occupation test eligibility relies on.
func TestInFormalEducation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		occupation string
		want       bool
	}{
		{"PELAJAR/MAHASISWA", true},
		{" pelajar/mahasiswa ", true},
		{"KARYAWAN SWASTA", false},
		{"BELUM/TIDAK BEKERJA", false},
		{"PELAJAR", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := (registry.Result{Occupation: tt.occupation}).InFormalEducation(); got != tt.want {
			t.Errorf("InFormalEducation(%q) = %v, want %v", tt.occupation, got, tt.want)
		}
	}
}

// checkInvalid checks a per-item invalid error: code invalid, the field
// named, and nothing of the value in its text.
func checkInvalid(t *testing.T, got registry.Result, field, nik string) {
	t.Helper()
	if got.Status != "" || prakerja.ErrorCode(got.Err) != prakerja.CodeInvalid {
		t.Fatalf("got %+v, want an invalid error", got)
	}
	fe := prakerja.ErrorFields(got.Err)
	if len(fe) != 1 || fe[0].Field != field {
		t.Fatalf("field errors %+v, want one on %s", fe, field)
	}
	if strings.Contains(got.Err.Error(), nik[:15]) {
		t.Fatalf("error text holds the NIK")
	}
}

// TestCheckSplitsBatches: 250 items at batch size 100 go as 100+100+50,
// and the answers come back in request order.
func TestCheckSplitsBatches(t *testing.T) {
	t.Parallel()
	s := &stub{}
	c := MustClient(t, MustStub(t, s).URL, nil)
	pp := people(t, 250)
	reqs := make([]registry.Request, len(pp))
	for i, p := range pp {
		reqs[i] = requestOf(p)
		if i%7 == 0 {
			reqs[i].KK = pp[(i+1)%len(pp)].KK // a marker the order check can see
		}
	}
	results, err := c.Check(t.Context(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		want := registry.StatusMatch
		if i%7 == 0 && reqs[i].KK != pp[i].KK {
			want = registry.StatusMismatch
		}
		if r.Status != want {
			t.Fatalf("item %d: status %s, want %s", i, r.Status, want)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if diff := cmp.Diff([]int{50, 100, 100}, slices.Sorted(slices.Values(s.sizes))); diff != "" {
		t.Fatalf("batch sizes (-want +got):\n%s", diff)
	}
}

// TestCheckEmpty: nothing to check sends nothing.
func TestCheckEmpty(t *testing.T) {
	t.Parallel()
	s := &stub{}
	c := MustClient(t, MustStub(t, s).URL, nil)
	results, err := c.Check(t.Context(), nil)
	if err != nil || len(results) != 0 || s.calls.Load() != 0 {
		t.Fatalf("got %v, %v after %d calls", results, err, s.calls.Load())
	}
}

// TestCheckTooMany: over CheckMax is refused before any work.
func TestCheckTooMany(t *testing.T) {
	t.Parallel()
	c := MustClient(t, "http://127.0.0.1:1", nil)
	_, err := c.Check(t.Context(), make([]registry.Request, registry.CheckMax+1))
	if prakerja.ErrorCode(err) != prakerja.CodeInvalid {
		t.Fatalf("got %v, want code invalid", err)
	}
}
