package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
)

func init() {
	register(&command{
		name:    "nik",
		summary: "check a NIK or KK number offline (nik check NIK | nik kk KK)",
		run:     runNIK,
	})
}

const nikUsage = "usage: prakerja nik check NIK [--birth-date YYYY-MM-DD] [--sex M|F]\n" +
	"       prakerja nik kk KK\n" +
	"Prints one JSON object; exits 0 when valid, 1 when not, 2 on a bad command line."

// runNIK checks one number and prints one JSON line, so scripts and support
// staff get the same verdict as the registration service without a server.
func runNIK(_ context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, nikUsage)
		return errUsage
	}
	switch args[0] {
	case "check":
		return runNIKCheck(env, args[1:])
	case "kk":
		return runNIKKK(env, args[1:])
	default:
		fmt.Fprintf(env.Stderr, "prakerja nik: unknown subcommand %q\n%s\n", args[0], nikUsage)
		return errUsage
	}
}

// nikValid is the success line of `nik check`. The first seven keys are the
// contract; names come after them for people reading the output.
type nikValid struct {
	Valid        bool   `json:"valid"`
	Province     string `json:"province"`
	Regency      string `json:"regency"`
	District     string `json:"district"`
	BirthDate    string `json:"birth_date"`
	Sex          string `json:"sex"`
	Serial       string `json:"serial"`
	Retired      bool   `json:"retired,omitempty"`
	ProvinceName string `json:"province_name,omitempty"`
	RegencyName  string `json:"regency_name,omitempty"`
	DistrictName string `json:"district_name,omitempty"`
}

// kkValid is the success line of `nik kk`.
type kkValid struct {
	Valid        bool   `json:"valid"`
	Province     string `json:"province"`
	Regency      string `json:"regency"`
	District     string `json:"district"`
	IssuedOn     string `json:"issued_on"`
	Serial       string `json:"serial"`
	Retired      bool   `json:"retired,omitempty"`
	ProvinceName string `json:"province_name,omitempty"`
	RegencyName  string `json:"regency_name,omitempty"`
	DistrictName string `json:"district_name,omitempty"`
}

// invalid is the failure line of both subcommands.
type invalid struct {
	Valid   bool          `json:"valid"`
	Code    prakerja.Code `json:"code"`
	Message string        `json:"message"`
}

func runNIKCheck(env *Env, args []string) error {
	fs := newFlagSet("nik check", env.Stderr)
	birth := fs.String("birth-date", "", "stated birth date, YYYY-MM-DD")
	sex := fs.String("sex", "", "stated sex, M or F")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.Stderr, nikUsage)
		return errUsage
	}
	birthDate, stated, err := statedFacts(*birth, *sex)
	if err != nil {
		return printInvalid(env, err)
	}
	n, err := nik.Check(pos[0], birthDate, stated, time.Now())
	if err != nil {
		return printInvalid(env, err)
	}
	out := nikValid{Valid: true, Province: n.Province, Regency: n.Regency, District: n.District,
		BirthDate: n.BirthDate.Format(time.DateOnly), Sex: n.Sex, Serial: n.Serial, Retired: n.Retired}
	out.ProvinceName, out.RegencyName, out.DistrictName = regionNames(n.Province, n.Regency, n.District)
	return printJSON(env, out)
}

// statedFacts validates the optional flags; a bad value is an invalid
// result (code "invalid"), not a usage error, so scripts read one format.
func statedFacts(birth, sex string) (time.Time, string, error) {
	var d time.Time
	if birth != "" {
		var err error
		if d, err = time.Parse(time.DateOnly, birth); err != nil {
			return time.Time{}, "", prakerja.Errorf(prakerja.CodeInvalid, "--birth-date must be a real date written YYYY-MM-DD.")
		}
	}
	sex = strings.ToUpper(sex)
	if sex != "" && sex != "M" && sex != "F" {
		return time.Time{}, "", prakerja.Errorf(prakerja.CodeInvalid, "--sex must be M or F.")
	}
	return d, sex, nil
}

func runNIKKK(env *Env, args []string) error {
	fs := newFlagSet("nik kk", env.Stderr)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.Stderr, nikUsage)
		return errUsage
	}
	k, err := nik.ParseKK(pos[0], time.Now())
	if err != nil {
		return printInvalid(env, err)
	}
	out := kkValid{Valid: true, Province: k.Province, Regency: k.Regency, District: k.District,
		IssuedOn: k.IssuedOn.Format(time.DateOnly), Serial: k.Serial, Retired: k.Retired}
	out.ProvinceName, out.RegencyName, out.DistrictName = regionNames(k.Province, k.Regency, k.District)
	return printJSON(env, out)
}

// regionNames looks up display names; a parsed number's codes always exist.
func regionNames(province, regency, district string) (string, string, string) {
	p, _ := nik.LookupProvince(province)
	r, _ := nik.LookupRegency(regency)
	d, _ := nik.LookupDistrict(district)
	return p.Name, r.Name, d.Name
}

// printInvalid prints the failure line and ends the process with status 1.
func printInvalid(env *Env, err error) error {
	if perr := printJSON(env, invalid{Code: prakerja.ErrorCode(err), Message: prakerja.ErrorMessage(err)}); perr != nil {
		return perr
	}
	return exitCode(1)
}

func printJSON(env *Env, v any) error {
	return json.NewEncoder(env.Stdout).Encode(v)
}
