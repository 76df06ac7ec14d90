package main

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/staff"
)

// demoStaff is one demo console account: what the demo prints so a
// visitor can sign in as that role.
type demoStaff struct {
	Role       prakerja.Role `json:"role"`
	Username   string        `json:"username"`
	Password   string        `json:"password"`
	TOTPSecret string        `json:"totp_secret"` // base32, for an authenticator app or `oathtool --totp -b`
	PartnerRef string        `json:"partner_ref,omitempty"`
}

// demoPartners are the partners the demo's platform and institution
// accounts belong to: a seeded marketplace platform and a nominating
// institution code.
var demoPartners = map[prakerja.Role]string{prakerja.RolePlatform: "tokopedia", prakerja.RoleInstitution: "bpjs_tk"}

// seedDemoStaff creates one console account per role with a known demo
// password and a pre-enrolled TOTP secret (derived from the username, so a
// second demo run on the same data finds the same logins). An account that
// exists already is listed as it is. Demo data only: the passwords are
// printed and the secrets are predictable.
func seedDemoStaff(ctx context.Context, store *sqldb.Store, keys *pii.Keyring, clock prakerja.Clock) ([]demoStaff, error) {
	svc, err := staff.New(staff.Options{Store: store, Keys: keys, Clock: clock, Params: staffHashParams})
	if err != nil {
		return nil, err
	}
	var out []demoStaff
	for i, role := range append(prakerja.Roles(), prakerja.RoleSupport) {
		name := "demo." + strings.ReplaceAll(string(role), "_", "-")
		if i == len(prakerja.Roles()) {
			name += "-2" // a second support agent: the demo's complaints are shared by two
		}
		d := demoStaff{Role: role, Username: name, Password: "prakerja-demo-" + string(role),
			TOTPSecret: demoSecret(name), PartnerRef: demoPartners[role]}
		if _, err := svc.ByUsername(ctx, name); err == nil {
			out = append(out, d)
			continue
		}
		st, _, err := svc.Create(ctx, "prakerja demo", prakerja.NewStaff{Username: name, Role: role,
			DisplayName: "Demo " + string(role), PartnerRef: d.PartnerRef, Password: d.Password})
		if err != nil {
			return nil, fmt.Errorf("demo staff %s: %w", name, err)
		}
		if err := svc.PreEnrol(ctx, "prakerja demo", st.ID, d.TOTPSecret); err != nil {
			return nil, fmt.Errorf("demo staff %s: %w", name, err)
		}
		out = append(out, d)
	}
	return out, nil
}

// demoSecret is the demo TOTP secret of username: 20 bytes of a hash of
// it, base32 without padding.
func demoSecret(username string) string {
	sum := sha256.Sum256([]byte("prakerja-demo-totp\x00" + username))
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:20])
}
