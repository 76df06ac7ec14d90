package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja/scheme"
)

// runSchemeCmd runs one command line in-process and returns its exit status,
// stdout and stderr.
func runSchemeCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	code := Run(context.Background(), env, args)
	return code, stdout.String(), stderr.String()
}

// schemeLastLine returns the last non-empty line of out.
func schemeLastLine(out string) string {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestSchemeCommand drives `prakerja scheme` as an operator would: list the
// built-ins, show one, and check good and bad files.
func TestSchemeCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good, err := scheme.BuiltinYAML("2020")
	if err != nil {
		t.Fatal(err)
	}
	goodPath := filepath.Join(dir, "mine.yaml")
	badPath := filepath.Join(dir, "bad.yaml")
	badRulePath := filepath.Join(dir, "bad-rule.yaml")
	badRule := strings.Replace(string(good), "require: applicant.age >= scheme.min_age",
		"require: applicant.agee >= scheme.min_age", 1)
	ruleLine := 1 + strings.Count(badRule[:strings.Index(badRule, "applicant.agee")], "\n")
	broken := strings.Replace(string(good), "  amount: 600000 ", "  amount: 600000.5 ", 1)
	broken = strings.Replace(broken, "first_purchase_deadline_days: 30", "first_purchase_deadline_days: 0", 1)
	for path, content := range map[string]string{goodPath: string(good), badPath: broken, badRulePath: badRule} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	amountLine := 1 + strings.Count(broken[:strings.Index(broken, "600000.5")], "\n")

	tests := []struct {
		name   string
		args   []string
		exit   int
		stdout []string // substrings of stdout
		stderr []string // substrings of stderr
	}{
		{name: "ShowBuiltin", args: []string{"scheme", "show", "2020"},
			stdout: []string{"Scheme 2020: Kartu Prakerja 2020 (semi-bansos)", "Training balance   Rp 1.000.000",
				"Rp 2.400.000   4 × Rp 600.000, every 30 days", "Rp 150.000   3 × Rp 50.000",
				"Total              Rp 3.550.000", "Rp 2.550.000", "within 30 days", "2020-12-15",
				"16:00 WIB", "18 or older", "no limit",
				"Excluded lists     pejabat_negara, dpr_dprd, asn, tni, polri, perangkat_desa, bumn_bumd_board, past_participant",
				"Rules (7; each must hold",
				"    age_below_minimum      applicant.age >= scheme.min_age\n",
				"      id: Usia Anda di bawah 18 tahun pada tanggal acuan gelombang.\n",
				"      en: You are under 18 years old on the wave's reference date.\n"}},
		{name: "Show2023", args: []string{"scheme", "show", "2023"},
			stdout: []string{"Total              Rp 4.200.000", "1 × Rp 600.000, after", "2 × Rp 50.000",
				"within 15 days", "18 to 64 years", "at most 2 participants",
				"kk_limit_reached       scheme.max_participants_per_kk == 0 || applicant.kk_participants < scheme.max_participants_per_kk",
				"en: Your family card (KK) already has 2 participants."}},
		{name: "ShowFile", args: []string{"scheme", "show", goodPath}, stdout: []string{"Rp 3.550.000"}},
		{name: "ShowYAML", args: []string{"scheme", "show", "--yaml", "2023"}, stdout: []string{"ASSUMPTION", `name: "2023"`}},
		{name: "List", args: []string{"scheme", "list"},
			stdout: []string{"2020    Kartu Prakerja 2020 (semi-bansos)", "Rp 3.550.000", "2023", "Rp 4.200.000"}},
		{name: "CheckGood", args: []string{"scheme", "check", goodPath},
			stdout: []string{goodPath + `: ok: scheme "2020"`, "Rp 3.550.000"}},
		{name: "ErrCheckBad", args: []string{"scheme", "check", badPath}, exit: 1,
			stderr: []string{badPath + ":" + strconv.Itoa(amountLine) + ": incentives.amount: must be a positive whole number of rupiah, got 600000.5",
				": first_purchase_deadline_days: must be a whole number from 1 to 180, got 0"}},
		{name: "ErrCheckBadRule", args: []string{"scheme", "check", badRulePath}, exit: 1,
			stderr: []string{badRulePath + ":" + strconv.Itoa(ruleLine) + ": eligibility.rules[1].require: column 10: " +
				"undeclared reference to 'applicant.agee' (did you mean 'applicant.age'?)"}},
		{name: "ErrShowBad", args: []string{"scheme", "show", badPath}, exit: 1, stderr: []string{"incentives.amount"}},
		{name: "ErrUnknown", args: []string{"scheme", "show", "2019"}, exit: 1,
			stderr: []string{`unknown scheme "2019"`, "2020, 2023"}},
		{name: "ErrMissingFile", args: []string{"scheme", "check", filepath.Join(dir, "none.yaml")}, exit: 1,
			stderr: []string{"scheme file does not exist"}},
		{name: "ErrNoSubcommand", args: []string{"scheme"}, exit: 2, stderr: []string{"usage: prakerja scheme"}},
		{name: "ErrUnknownSubcommand", args: []string{"scheme", "edit"}, exit: 2, stderr: []string{`unknown subcommand "edit"`}},
		{name: "ErrShowNoName", args: []string{"scheme", "show"}, exit: 2},
		{name: "ErrShowTwoFormats", args: []string{"scheme", "show", "2020", "--json", "--yaml"}, exit: 2},
		{name: "ErrBadFlag", args: []string{"scheme", "list", "--colour"}, exit: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runSchemeCmd(t, tc.args...)
			if code != tc.exit {
				t.Fatalf("exit = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.exit, stdout, stderr)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, stdout)
				}
			}
			for _, want := range tc.stderr {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
		})
	}
}

// TestSchemeShowJSON checks that --json prints the scheme as one JSON object
// on the last line, and that it reads back into the same scheme.
func TestSchemeShowJSON(t *testing.T) {
	t.Parallel()
	for _, name := range scheme.BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runSchemeCmd(t, "scheme", "show", name, "--json")
			if code != 0 {
				t.Fatalf("exit = %d, stderr:\n%s", code, stderr)
			}
			if n := strings.Count(stdout, "\n"); n != 1 {
				t.Errorf("stdout has %d lines, want 1", n)
			}
			var got scheme.Scheme
			if err := json.Unmarshal([]byte(schemeLastLine(stdout)), &got); err != nil {
				t.Fatalf("last line is not a scheme: %v\n%s", err, stdout)
			}
			want, err := scheme.Builtin(name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(*want, got); diff != "" {
				t.Errorf("JSON scheme (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSchemeListJSON(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runSchemeCmd(t, "scheme", "list", "--json")
	if code != 0 {
		t.Fatalf("exit = %d, stderr:\n%s", code, stderr)
	}
	var got struct {
		Schemes []schemeSummary `json:"schemes"`
	}
	if err := json.Unmarshal([]byte(schemeLastLine(stdout)), &got); err != nil {
		t.Fatalf("last line: %v\n%s", err, stdout)
	}
	want := []schemeSummary{
		{Name: "2020", Title: "Kartu Prakerja 2020 (semi-bansos)", Total: 3_550_000},
		{Name: "2023", Title: "Kartu Prakerja 2023 (skema normal)", Total: 4_200_000},
	}
	if len(got.Schemes) != len(want) {
		t.Fatalf("schemes = %+v, want %+v", got.Schemes, want)
	}
	for i := range want {
		if got.Schemes[i] != want[i] {
			t.Errorf("schemes[%d] = %+v, want %+v", i, got.Schemes[i], want[i])
		}
	}
}

// TestSchemeShowYAMLOfFile checks that --yaml of a file writes a scheme file
// that reads back into the same scheme.
func TestSchemeShowYAMLOfFile(t *testing.T) {
	t.Parallel()
	raw, err := scheme.BuiltinYAML("2023")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copy.yml")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runSchemeCmd(t, "scheme", "show", path, "--yaml")
	if code != 0 {
		t.Fatalf("exit = %d, stderr:\n%s", code, stderr)
	}
	got, err := scheme.Parse([]byte(stdout), "stdout.yaml")
	if err != nil {
		t.Fatalf("Parse(stdout): %v\n%s", err, stdout)
	}
	want, err := scheme.Builtin("2023")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("scheme (-want +got):\n%s", diff)
	}
}
