package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/prakerja/prakerja/staff"
)

// staffCode prints the current TOTP code of a base32 secret, so someone
// trying the demo can sign in without an authenticator app. It reads no
// data: whoever runs it already holds the secret.
func staffCode(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet("staff code", env.Stderr)
	secret := fs.String("secret", "", "base32 TOTP secret (the demo prints one per account)")
	asJSON := fs.Bool("json", false, "end with one JSON object")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	s := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(*secret), " ", ""))
	if s == "" {
		return fmt.Errorf("staff code: --secret is required")
	}
	now := time.Now()
	code, err := staff.Code(s, now)
	if err != nil {
		return fmt.Errorf("staff code: the secret is not valid base32: %w", err)
	}
	left := 30 - now.Unix()%30
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(map[string]any{"code": code, "seconds_left": left})
	}
	fmt.Fprintf(env.Stdout, "%s (valid for %d more seconds)\n", code, left)
	return nil
}
