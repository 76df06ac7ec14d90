package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqlite"
	"github.com/prakerja/prakerja/staff"
)

// TestStaffCommands adds, lists, resets and disables accounts from the
// command line. Not parallel: it feeds --password-stdin through a package
// variable.
func TestStaffCommands(t *testing.T) {
	dir := backlogDataDir(t)
	run := func(args ...string) (int, string, string) {
		return runStoreCmd(t, nil, append(args, "--data", dir, "--json")...)
	}
	code, out, errOut := run("staff", "add", "--username", "Ops.Budi", "--role", "operator", "--display-name", "Budi")
	var added staffJSON
	lastJSON(t, out, &added)
	if code != 0 || added.Username != "ops.budi" || len(added.Password) != staff.GeneratedPasswordLen+4 ||
		!strings.Contains(out, "first sign-in") {
		t.Fatalf("staff add: exit %d %+v\n%s%s", code, added, out, errOut)
	}
	staffStdin = strings.NewReader("sandi-dari-stdin-panjang\n")
	defer func() { staffStdin = os.Stdin }()
	code, out, errOut = run("staff", "add", "--username", "toko.ani", "--role", "platform", "--partner", "tokopedia", "--password-stdin")
	added = staffJSON{}
	lastJSON(t, out, &added)
	if code != 0 || added.Password != "" || added.PartnerRef != "tokopedia" {
		t.Fatalf("staff add --password-stdin: exit %d %+v\n%s", code, added, errOut)
	}
	for _, bad := range [][]string{
		{"staff", "add", "--username", "ops.budi", "--role", "auditor"},
		{"staff", "add", "--username", "x", "--role", "wizard"},
		{"staff", "disable", "--username", "nobody"},
	} {
		if code, _, errOut := run(bad...); code == 0 {
			t.Errorf("%v succeeded: %s", bad, errOut)
		}
	}
	code, out, _ = run("staff", "list")
	var list struct{ Staff []staffJSON }
	lastJSON(t, out, &list)
	if code != 0 || len(list.Staff) != 2 || list.Staff[0].Username != "ops.budi" {
		t.Fatalf("staff list: exit %d %+v", code, list)
	}
	code, out, _ = run("staff", "reset-password", "--username", "toko.ani")
	added = staffJSON{}
	lastJSON(t, out, &added)
	if code != 0 || len(added.Password) != staff.GeneratedPasswordLen+4 {
		t.Errorf("reset-password: exit %d %+v", code, added)
	}
	if code, _, errOut := run("staff", "reset-totp", "--username", "toko.ani"); code != 0 {
		t.Errorf("reset-totp: %s", errOut)
	}
	code, out, _ = run("staff", "disable", "--username", "toko.ani")
	added = staffJSON{}
	lastJSON(t, out, &added)
	if code != 0 || !added.Disabled {
		t.Errorf("disable: exit %d %+v", code, added)
	}
	code, out, _ = run("staff", "enable", "--username", "toko.ani")
	added = staffJSON{}
	lastJSON(t, out, &added)
	if code != 0 || added.Disabled {
		t.Errorf("enable: exit %d %+v", code, added)
	}
}

// TestSeedDemoStaff signs in as every demo account with its printed
// password and a code from its printed secret; a second seeding finds the
// same accounts.
func TestSeedDemoStaff(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := backlogDataDir(t)
	store, err := sqlite.OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	keys, err := pii.NewKeyFile("demo").Keyring()
	if err != nil {
		t.Fatal(err)
	}
	clock := mock.NewClock(time.Date(2020, 4, 20, 2, 0, 0, 0, time.UTC))
	logins, err := seedDemoStaff(ctx, store, keys, clock)
	if err != nil {
		t.Fatal(err)
	}
	if len(logins) != len(prakerja.Roles())+1 { // one per role and a second support agent
		t.Fatalf("%d demo logins", len(logins))
	}
	svc, err := staff.New(staff.Options{Store: store, Keys: keys, Clock: clock, Params: staffHashParams})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range logins {
		res, err := svc.SignInPassword(ctx, d.Username, d.Password, "192.0.2.1")
		if err != nil || res.NeedEnrol {
			t.Fatalf("%s: %+v, %v", d.Username, res, err)
		}
		code, err := staff.Code(d.TOTPSecret, clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		full, err := svc.SignInCode(ctx, res.Token, code, "192.0.2.1")
		if err != nil || full.Staff.Role != d.Role {
			t.Fatalf("%s: code: %v", d.Username, err)
		}
	}
	again, err := seedDemoStaff(ctx, store, keys, clock)
	if err != nil || len(again) != len(logins) || again[0] != logins[0] {
		t.Fatalf("second seeding: %v %v", again, err)
	}
}
