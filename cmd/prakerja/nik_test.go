package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestNIKCommand(t *testing.T) {
	t.Parallel()
	// Synthetic numbers: Gambir (31.71.01), woman born 5 Jan 1990; Merauke
	// before 2023 (91.01.01, retired), woman born 29 Feb 2000.
	const (
		woman   = "3171014501900001"
		merauke = "9101016902000042"
		kk      = "3171011203150007"
	)
	tests := []struct {
		name     string
		args     []string
		exit     int
		wantLine string         // exact stdout when set
		want     map[string]any // keys that must match, when wantLine is empty
		absent   []string       // keys that must not appear
		stderr   string         // substring of stderr
	}{
		{"valid NIK prints the contract keys first", []string{"nik", "check", woman}, 0,
			`{"valid":true,"province":"31","regency":"31.71","district":"31.71.01","birth_date":"1990-01-05","sex":"F","serial":"0001",` +
				`"province_name":"Daerah Khusus Ibukota Jakarta","regency_name":"Kota Administrasi Jakarta Pusat","district_name":"Gambir"}`,
			nil, nil, ""},
		{"stated facts match, flags after the number", []string{"nik", "check", woman, "--birth-date", "1990-01-05", "--sex", "F"}, 0, "",
			map[string]any{"valid": true, "sex": "F"}, []string{"retired", "code"}, ""},
		{"flags before the number", []string{"nik", "check", "--sex=F", woman}, 0, "",
			map[string]any{"valid": true}, nil, ""},
		{"retired Papua code", []string{"nik", "check", merauke}, 0, "",
			map[string]any{"valid": true, "district": "91.01.01", "birth_date": "2000-02-29", "retired": true, "regency_name": "Kabupaten Merauke"}, nil, ""},
		{"format", []string{"nik", "check", "31710145019"}, 1, "",
			map[string]any{"valid": false, "code": "nik_format"}, []string{"province"}, ""},
		{"unknown region", []string{"nik", "check", "9901014501900001"}, 1, "",
			map[string]any{"valid": false, "code": "nik_region_unknown"}, nil, ""},
		{"bad date", []string{"nik", "check", "3171013201900001"}, 1, "",
			map[string]any{"valid": false, "code": "nik_birth_date_invalid"}, nil, ""},
		{"serial zero", []string{"nik", "check", "3171014501900000"}, 1, "",
			map[string]any{"valid": false, "code": "nik_serial_zero"}, nil, ""},
		{"birth date mismatch", []string{"nik", "check", woman, "--birth-date", "1990-01-06"}, 1, "",
			map[string]any{"valid": false, "code": "nik_birth_date_mismatch"}, nil, ""},
		{"sex mismatch", []string{"nik", "check", woman, "--sex", "M"}, 1, "",
			map[string]any{"valid": false, "code": "nik_sex_mismatch"}, nil, ""},
		{"bad --birth-date value", []string{"nik", "check", woman, "--birth-date", "05-01-1990"}, 1, "",
			map[string]any{"valid": false, "code": "invalid"}, nil, ""},
		{"impossible --birth-date", []string{"nik", "check", woman, "--birth-date", "1990-02-30"}, 1, "",
			map[string]any{"valid": false, "code": "invalid"}, nil, ""},
		{"bad --sex value", []string{"nik", "check", woman, "--sex", "W"}, 1, "",
			map[string]any{"valid": false, "code": "invalid"}, nil, ""},
		{"valid KK", []string{"nik", "kk", kk}, 0, "",
			map[string]any{"valid": true, "district": "31.71.01", "issued_on": "2015-03-12", "serial": "0007", "district_name": "Gambir"}, []string{"retired"}, ""},
		{"KK with +40 day is invalid", []string{"nik", "kk", "3171015203150007"}, 1, "",
			map[string]any{"valid": false, "code": "kk_date_invalid"}, nil, ""},
		{"KK serial zero", []string{"nik", "kk", "3171011203150000"}, 1, "",
			map[string]any{"valid": false, "code": "kk_serial_zero"}, nil, ""},
		{"no subcommand", []string{"nik"}, 2, "", nil, nil, "usage: prakerja nik"},
		{"unknown subcommand", []string{"nik", "verify", woman}, 2, "", nil, nil, "unknown subcommand"},
		{"missing number", []string{"nik", "check"}, 2, "", nil, nil, "usage: prakerja nik"},
		{"two numbers", []string{"nik", "kk", kk, kk}, 2, "", nil, nil, "usage: prakerja nik"},
		{"unknown flag", []string{"nik", "check", woman, "--gender", "F"}, 2, "", nil, nil, "gender"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			env := &Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
			if got := Run(context.Background(), env, tt.args); got != tt.exit {
				t.Fatalf("exit = %d, want %d (stdout %q, stderr %q)", got, tt.exit, stdout.String(), stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tt.stderr)
			}
			if tt.exit == 2 {
				if stdout.Len() != 0 {
					t.Errorf("stdout = %q, want nothing on a usage error", stdout.String())
				}
				return
			}
			checkOneJSONLine(t, stdout.String(), tt.wantLine, tt.want, tt.absent)
		})
	}
}

// checkOneJSONLine checks that out is exactly one JSON object line with the
// wanted keys, and that an invalid result never echoes the number.
func checkOneJSONLine(t *testing.T, out, wantLine string, want map[string]any, absent []string) {
	t.Helper()
	if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
		t.Fatalf("stdout = %q, want one line", out)
	}
	if wantLine != "" && strings.TrimSuffix(out, "\n") != wantLine {
		t.Errorf("stdout = %s, want %s", out, wantLine)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("stdout %q is not JSON: %v", out, err)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	for _, k := range absent {
		if _, ok := got[k]; ok {
			t.Errorf("key %q present, want absent", k)
		}
	}
	if got["valid"] == false {
		if len(got) != 3 || got["message"] == "" {
			t.Errorf("invalid result %v: want exactly valid, code and a message", got)
		}
		if strings.Contains(out, "3171") || strings.Contains(out, "9901") {
			t.Errorf("invalid result %s quotes the number", out)
		}
	}
}
