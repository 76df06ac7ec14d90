package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/partnerauth"
	"github.com/prakerja/prakerja/sqldb"
)

func init() {
	register(&command{
		name:    "partner-keys",
		summary: "create, list and revoke the signing keys of partner machines (platforms, providers, institutions, banks)",
		run:     runPartnerKeys,
	})
}

const partnerKeysUsage = `usage: prakerja partner-keys create --kind platform|provider|institution|bank --partner REF [--by NAME] [--json] [--data DIR | --db URL] [--keys FILE]
       prakerja partner-keys list [--kind KIND] [--partner REF] [--all] [--json] [--data DIR | --db URL]
       prakerja partner-keys revoke --key-id ID [--by NAME] [--json] [--data DIR | --db URL]
create prints the key id and its secret once: give both to the partner over
a safe channel; the server keeps the secret sealed with the personal-data
key (--keys, the one serve uses). REF is the platform's or provider's slug,
or the institution's or bank's code. A partner may hold two active keys, so
rotate by creating the new key, switching the partner over, then revoking
the old one. Every creation and revocation is recorded in the audit chain.`

// partnerKeysActorDefault is the audit actor when --by is not given.
const partnerKeysActorDefault = "prakerja partner-keys"

// runPartnerKeys manages partner keys.
func runPartnerKeys(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, partnerKeysUsage)
		return errUsage
	}
	switch args[0] {
	case "create":
		return runPartnerKeysCreate(ctx, env, args[1:])
	case "list":
		return runPartnerKeysList(ctx, env, args[1:])
	case "revoke":
		return runPartnerKeysRevoke(ctx, env, args[1:])
	case "help", "-h", "--help":
		fmt.Fprintln(env.Stdout, partnerKeysUsage)
		return nil
	}
	fmt.Fprintf(env.Stderr, "prakerja partner-keys: unknown subcommand %q\n%s\n", args[0], partnerKeysUsage)
	return errUsage
}

// partnerKeyLine is one key in JSON output; Secret only on creation.
type partnerKeyLine struct {
	KeyID     string `json:"key_id"`
	Kind      string `json:"kind"`
	Partner   string `json:"partner"`
	Secret    string `json:"secret,omitempty"`
	CreatedBy string `json:"created_by"`
	CreatedAt string `json:"created_at"`
	RevokedAt string `json:"revoked_at,omitempty"`
}

func partnerKeyLineOf(k *prakerja.PartnerKey) partnerKeyLine {
	l := partnerKeyLine{KeyID: k.KeyID, Kind: string(k.Kind), Partner: k.Partner, CreatedBy: k.CreatedBy,
		CreatedAt: k.CreatedAt.UTC().Format(time.RFC3339)}
	if !k.Active() {
		l.RevokedAt = k.RevokedAt.UTC().Format(time.RFC3339)
	}
	return l
}

func runPartnerKeysCreate(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("partner-keys create", env.Stderr)
	sf := addStoreFlags(fs, env)
	kind := fs.String("kind", "", "platform, provider, institution or bank")
	partner := fs.String("partner", "", "the platform's or provider's slug, or the institution's or bank's code")
	by := fs.String("by", partnerKeysActorDefault, "who creates the key, for the audit chain")
	keysFile := fs.String("keys", env.Getenv("PRAKERJA_KEY_FILE"), "personal-data key file, the one serve uses (env PRAKERJA_KEY_FILE, or the key itself in PRAKERJA_KEYS)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	if pos, err := parseFlags(fs, args); err != nil || len(pos) != 0 || *partner == "" || *by == "" {
		fmt.Fprintln(env.Stderr, partnerKeysUsage)
		return errUsage
	}
	k := prakerja.PartnerKind(*kind)
	if !k.Valid() {
		fmt.Fprintf(env.Stderr, "prakerja partner-keys create: --kind is platform, provider, institution or bank, not %q\n", *kind)
		return errUsage
	}
	store, err := sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := partnerExists(ctx, store, k, *partner); err != nil {
		return err
	}
	ring, err := loadKeys(appConfig{KeysFile: *keysFile, KeysEnv: env.Getenv("PRAKERJA_KEYS"), DataDir: sf.Data}, newLogger(env.Stderr, "warn"))
	if err != nil {
		return err
	}
	key, secret, err := partnerauth.NewKeys(store, ring, prakerja.SystemClock{}).Create(ctx, k, *partner, prakerja.AuditActor(*by))
	if err != nil {
		return fmt.Errorf("create partner key: %w", err)
	}
	line := partnerKeyLineOf(key)
	line.Secret = secret.String()
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(line)
	}
	fmt.Fprintf(env.Stdout, "key id:  %s\nsecret:  %s\nfor %s %s; the secret is shown this once, keep it safe.\n",
		line.KeyID, line.Secret, k, *partner)
	return nil
}

// partnerExists refuses a key for a platform or provider that is not
// registered, and a reference that cannot be a partner's.
func partnerExists(ctx context.Context, store *sqldb.Store, kind prakerja.PartnerKind, ref string) error {
	if !prakerja.ValidPartnerRef(ref) {
		return fmt.Errorf("--partner %q: a slug or code is lowercase letters, digits, '_' or '-', at most %d", ref, prakerja.PartnerRefMax)
	}
	switch kind {
	case prakerja.PartnerPlatform:
		all, err := store.Platforms(ctx)
		if err != nil || prakerja.PlatformWithSlug(all, ref) != nil {
			return err
		}
	case prakerja.PartnerProvider:
		all, err := store.Providers(ctx)
		if err != nil || slices.ContainsFunc(all, func(p *prakerja.Provider) bool { return p.Slug == ref }) {
			return err
		}
	case prakerja.PartnerInstitution:
		if !institutionCode.MatchString(ref) || len(ref) > prakerja.NominationInstitutionMax {
			return fmt.Errorf("--partner %q: an institution code is snake_case, at most %d bytes (e.g. bpjs_tk)", ref, prakerja.NominationInstitutionMax)
		}
		return nil
	case prakerja.PartnerBank:
		if _, err := prakerja.PayoutProviderByCode(strings.ToUpper(ref)); err != nil {
			return fmt.Errorf("--partner %q: a bank key's partner is a payment partner's code (bni, bri, mandiri, bca, ovo, gopay, linkaja, dana)", ref)
		}
		return nil
	default:
		return nil
	}
	return fmt.Errorf("--partner %q: no %s has this slug", ref, kind)
}

func runPartnerKeysList(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("partner-keys list", env.Stderr)
	sf := addStoreFlags(fs, env)
	kind := fs.String("kind", "", "only this kind of partner")
	partner := fs.String("partner", "", "only this partner")
	all := fs.Bool("all", false, "include revoked keys")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	if pos, err := parseFlags(fs, args); err != nil || len(pos) != 0 {
		fmt.Fprintln(env.Stderr, partnerKeysUsage)
		return errUsage
	}
	store, err := sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	keys, err := store.PartnerKeys(ctx, prakerja.PartnerKeyFilter{Kind: prakerja.PartnerKind(*kind), Partner: *partner, WithRevoked: *all})
	if err != nil {
		return fmt.Errorf("list partner keys: %w", err)
	}
	lines := make([]partnerKeyLine, 0, len(keys))
	for _, k := range keys {
		lines = append(lines, partnerKeyLineOf(k))
	}
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(struct {
			Keys []partnerKeyLine `json:"keys"`
		}{lines})
	}
	if len(lines) == 0 {
		fmt.Fprintln(env.Stdout, "no partner keys")
	}
	for _, l := range lines {
		state := "active"
		if l.RevokedAt != "" {
			state = "revoked " + l.RevokedAt
		}
		fmt.Fprintf(env.Stdout, "%-30s %-11s %-24s %s  %s  (by %s)\n", l.KeyID, l.Kind, l.Partner, l.CreatedAt, state, l.CreatedBy)
	}
	return nil
}

func runPartnerKeysRevoke(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("partner-keys revoke", env.Stderr)
	sf := addStoreFlags(fs, env)
	id := fs.String("key-id", "", "the key to revoke")
	by := fs.String("by", partnerKeysActorDefault, "who revokes the key, for the audit chain")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	if pos, err := parseFlags(fs, args); err != nil || len(pos) != 0 || strings.TrimSpace(*id) == "" || *by == "" {
		fmt.Fprintln(env.Stderr, partnerKeysUsage)
		return errUsage
	}
	store, err := sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	// Revoking needs no secret, so no keyring: nil Sealer is never called.
	k, err := partnerauth.NewKeys(store, nil, prakerja.SystemClock{}).Revoke(ctx, strings.TrimSpace(*id), prakerja.AuditActor(*by))
	if err != nil {
		return fmt.Errorf("revoke partner key: %w", err)
	}
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(partnerKeyLineOf(k))
	}
	fmt.Fprintf(env.Stdout, "revoked %s of %s %s at %s\n", k.KeyID, k.Kind, k.Partner, k.RevokedAt.UTC().Format(time.RFC3339))
	return nil
}
