package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"github.com/alexedwards/argon2id"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/staff"
)

const staffUsage = `usage: prakerja staff add --username U --role R [--display-name N] [--partner REF] [--password-stdin]
       prakerja staff list
       prakerja staff disable --username U
       prakerja staff enable --username U   (a new authenticator is enrolled at the next sign-in)
       prakerja staff reset-totp --username U
       prakerja staff reset-password --username U
       prakerja staff code --secret BASE32   (the current TOTP code, for trying the demo)
every subcommand takes --json (one JSON object as the last line), --data DIR | --db URL and --keys FILE;
roles: operator verifier finance_maker finance_checker auditor platform institution support`

// staffHashParams are the argon2id parameters of the passwords the
// commands and the demo hash; nil = staff.Params. The package's tests make
// them cheap: 64 MiB hashes under the race detector starve the tests
// that run beside them.
var staffHashParams *argon2id.Params

// staffStdin is where --password-stdin reads; a variable so tests can
// feed it.
var staffStdin io.Reader = os.Stdin

// staffActor is the audit actor of account changes made from the command
// line: whoever holds the server's shell and database.
const staffActor = "prakerja staff"

func init() {
	register(&command{name: "staff", summary: "operator console accounts: add, list, disable, reset TOTP or password", run: runStaff})
}

func runStaff(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "add":
			return staffAdd(ctx, env, args[1:])
		case "list":
			return staffList(ctx, env, args[1:])
		case "code":
			return staffCode(ctx, env, args[1:])
		case "disable", "enable", "reset-totp", "reset-password":
			return staffChange(ctx, env, args[0], args[1:])
		}
	}
	fmt.Fprintln(env.Stderr, staffUsage)
	return errUsage
}

// staffFlags are the flags every staff subcommand shares.
type staffFlags struct {
	fs     *flag.FlagSet
	sf     *storeFlags
	keys   *string
	asJSON *bool
}

func newStaffFlags(env *Env, name string) *staffFlags {
	fs := newFlagSet("staff "+name, env.Stderr)
	return &staffFlags{fs: fs, sf: addStoreFlags(fs, env),
		keys:   fs.String("keys", env.Getenv("PRAKERJA_KEY_FILE"), "personal-data key file, the one serve uses (env PRAKERJA_KEY_FILE, or PRAKERJA_KEYS)"),
		asJSON: fs.Bool("json", false, "end with one JSON object")}
}

// open parses args and opens the store and the staff service; the caller
// closes the store.
func (f *staffFlags) open(ctx context.Context, env *Env, args []string) (*sqldb.Store, *staff.Service, error) {
	if _, err := parseFlags(f.fs, args); err != nil {
		return nil, nil, err
	}
	log := newLogger(env.Stderr, "warn")
	keys, err := loadKeys(appConfig{KeysFile: *f.keys, KeysEnv: env.Getenv("PRAKERJA_KEYS"), DataDir: f.sf.Data}, log)
	if err != nil {
		return nil, nil, err
	}
	store, err := f.sf.Open(ctx)
	if err != nil {
		return nil, nil, err
	}
	svc, err := staff.New(staff.Options{Store: store, Keys: keys, Clock: prakerja.SystemClock{}, Logger: log, Params: staffHashParams})
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return store, svc, nil
}

// staffJSON is one account as the commands print it; never a hash or a
// secret.
type staffJSON struct {
	ID            int64  `json:"id"`
	Username      string `json:"username"`
	DisplayName   string `json:"display_name,omitempty"`
	Role          string `json:"role"`
	PartnerRef    string `json:"partner_ref,omitempty"`
	TOTPConfirmed bool   `json:"totp_enrolled"`
	Disabled      bool   `json:"disabled"`
	Password      string `json:"password,omitempty"` // a generated one, printed once
}

func staffOut(st *prakerja.Staff) staffJSON {
	return staffJSON{ID: st.ID, Username: st.Username, DisplayName: st.DisplayName, Role: string(st.Role),
		PartnerRef: st.PartnerRef, TOTPConfirmed: st.TOTPConfirmed, Disabled: st.Disabled}
}

func staffAdd(ctx context.Context, env *Env, args []string) error {
	f := newStaffFlags(env, "add")
	username := f.fs.String("username", "", "the new account's username")
	role := f.fs.String("role", "", "its role")
	display := f.fs.String("display-name", "", "its display name")
	partner := f.fs.String("partner", "", "platform slug or institution code (platform and institution roles)")
	fromStdin := f.fs.Bool("password-stdin", false, "read the password from the first line of standard input instead of generating one")
	store, svc, err := f.open(ctx, env, args)
	if err != nil {
		return err
	}
	defer store.Close()
	n := prakerja.NewStaff{Username: *username, DisplayName: *display, Role: prakerja.Role(*role), PartnerRef: *partner}
	if *fromStdin {
		line, err := bufio.NewReader(io.LimitReader(staffStdin, prakerja.StaffPasswordMax+2)).ReadString('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("read password: %w", err)
		}
		if n.Password = strings.TrimRight(line, "\r\n"); n.Password == "" {
			return fmt.Errorf("--password-stdin: no password on standard input")
		}
	}
	st, generated, err := svc.Create(ctx, staffActor, n)
	if err != nil {
		return staffError(err)
	}
	fmt.Fprintf(env.Stdout, "created %s (%s)\n", st.Username, st.Role)
	if generated != "" {
		fmt.Fprintf(env.Stdout, "password (shown once; hand it over in person): %s\n", generated)
	}
	fmt.Fprintln(env.Stdout, "the authenticator app (TOTP) is set up at the first sign-in on the operator console")
	out := staffOut(st)
	out.Password = generated
	return reviewEncode(env.Stdout, *f.asJSON, out)
}

// staffError spells out the fields of an invalid account.
func staffError(err error) error {
	var fields []string
	for _, fe := range prakerja.ErrorFields(err) {
		fields = append(fields, fe.Field+": "+fe.Message)
	}
	if len(fields) > 0 {
		return fmt.Errorf("%w (%s)", err, strings.Join(fields, "; "))
	}
	return err
}

func staffList(ctx context.Context, env *Env, args []string) error {
	f := newStaffFlags(env, "list")
	store, svc, err := f.open(ctx, env, args)
	if err != nil {
		return err
	}
	defer store.Close()
	list, err := svc.List(ctx)
	if err != nil {
		return err
	}
	out := struct {
		Staff []staffJSON `json:"staff"`
	}{Staff: []staffJSON{}}
	for _, st := range list {
		state := "active"
		switch {
		case st.Disabled:
			state = "disabled"
		case !st.TOTPConfirmed:
			state = "totp not enrolled"
		}
		fmt.Fprintf(env.Stdout, "%-4d %-24s %-16s %-12s %s\n", st.ID, st.Username, st.Role, st.PartnerRef, state)
		out.Staff = append(out.Staff, staffOut(st))
	}
	return reviewEncode(env.Stdout, *f.asJSON, out)
}

// staffChange runs disable, reset-totp or reset-password on one account.
func staffChange(ctx context.Context, env *Env, action string, args []string) error {
	f := newStaffFlags(env, action)
	username := f.fs.String("username", "", "the account")
	store, svc, err := f.open(ctx, env, args)
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := svc.ByUsername(ctx, *username)
	if err != nil {
		return fmt.Errorf("staff %q: %w", *username, err)
	}
	var password string
	switch action {
	case "disable":
		err = svc.Disable(ctx, staffActor, st.ID)
	case "enable":
		err = svc.Enable(ctx, staffActor, st.ID)
	case "reset-totp":
		err = svc.ResetTOTP(ctx, staffActor, st.ID)
	case "reset-password":
		password, err = svc.ResetPassword(ctx, staffActor, st.ID)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: %s done; the account's sessions are ended\n", st.Username, action)
	if password != "" {
		fmt.Fprintf(env.Stdout, "new password (shown once): %s\n", password)
	}
	st, err = svc.ByUsername(ctx, st.Username)
	if err != nil {
		return err
	}
	out := staffOut(st)
	out.Password = password
	return reviewEncode(env.Stdout, *f.asJSON, out)
}

// mustStaffService builds the console's staff service for serve. Its only
// failures are wiring bugs (no store or keys), which must stop the start.
func mustStaffService(store *sqldb.Store, keys *pii.Keyring, clock prakerja.Clock, log *slog.Logger) *staff.Service {
	svc, err := staff.New(staff.Options{Store: store, Keys: keys, Clock: clock, Logger: log, Params: staffHashParams})
	if err != nil {
		panic(fmt.Errorf("staff service: %w", err))
	}
	return svc
}
