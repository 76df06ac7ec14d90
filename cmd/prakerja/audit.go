package main

import (
	"context"
	"encoding/hex"
	"fmt"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/audit"
)

const auditUsage = `usage: prakerja audit verify [--head SEQ:HASH] [--json]   (exit 1 naming every changed, removed or reordered record)
       prakerja audit head [--json]                      (the chain's head, to publish)
       prakerja audit list [--after SEQ] [--limit N] [--json]
every subcommand takes --data DIR | --db URL`

func init() {
	register(&command{name: "audit", summary: "the tamper-evident audit log: verify the hash chain, print its head, list records", run: runAudit})
}

func runAudit(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "verify":
			return auditVerify(ctx, env, args[1:])
		case "head":
			return auditHead(ctx, env, args[1:])
		case "list":
			return auditList(ctx, env, args[1:])
		}
	}
	fmt.Fprintln(env.Stderr, auditUsage)
	return errUsage
}

// auditVerifyResult is the JSON line of `audit verify` and `audit head`.
type auditVerifyResult struct {
	OK       bool     `json:"ok"`
	Records  int64    `json:"records"`
	Head     string   `json:"head"`
	Breaches []string `json:"breaches"`
}

func auditVerify(ctx context.Context, env *Env, args []string) error {
	lf := newLedgerFlags(env, "audit verify")
	head := lf.fs.String("head", "", "a published head SEQ:HASH that must still be in the chain")
	store, err := lf.open(ctx, args)
	if err != nil {
		return err
	}
	defer store.Close()
	var published *audit.Head
	if *head != "" {
		h, err := audit.ParseHead(*head)
		if err != nil {
			return err
		}
		published = &h
	}
	r, err := audit.Verify(ctx, store, published)
	if err != nil {
		return err
	}
	res := auditVerifyResult{OK: len(r.Breaches) == 0, Records: r.Records, Head: headText(r), Breaches: append([]string{}, r.Breaches...)}
	for _, b := range r.Breaches {
		fmt.Fprintln(env.Stdout, "BREACH", b)
	}
	if res.OK {
		fmt.Fprintf(env.Stdout, "audit chain intact: %d records, head %s\n", res.Records, res.Head)
	}
	if err := reviewEncode(env.Stdout, *lf.asJSON, res); err != nil {
		return err
	}
	if !res.OK {
		return exitCode(1)
	}
	return nil
}

func headText(r *audit.Result) string {
	if r.Records == 0 {
		return ""
	}
	return r.Head.String()
}

func auditHead(ctx context.Context, env *Env, args []string) error {
	lf := newLedgerFlags(env, "audit head")
	store, err := lf.open(ctx, args)
	if err != nil {
		return err
	}
	defer store.Close()
	r, err := audit.Verify(ctx, store, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "head %s (%d records; verified: %v)\n", headText(r), r.Records, len(r.Breaches) == 0)
	return reviewEncode(env.Stdout, *lf.asJSON, auditVerifyResult{OK: len(r.Breaches) == 0, Records: r.Records,
		Head: headText(r), Breaches: append([]string{}, r.Breaches...)})
}

// auditRecordJSON is one listed record.
type auditRecordJSON struct {
	Seq     int64  `json:"seq"`
	At      string `json:"at"`
	Actor   string `json:"actor"`
	Action  string `json:"action"`
	Subject string `json:"subject"`
	Detail  string `json:"detail"`
	Hash    string `json:"hash"`
}

func auditList(ctx context.Context, env *Env, args []string) error {
	lf := newLedgerFlags(env, "audit list")
	after := lf.fs.Int64("after", 0, "list records after this sequence number")
	limit := lf.fs.Int("limit", 50, "records to list, at most 1000")
	store, err := lf.open(ctx, args)
	if err != nil {
		return err
	}
	defer store.Close()
	entries, err := store.AuditEntries(ctx, *after, *limit)
	if err != nil {
		return err
	}
	out := make([]auditRecordJSON, 0, len(entries))
	for _, e := range entries {
		r := auditRecordJSON{Seq: e.Seq, At: e.At.In(prakerja.WIB).Format("2006-01-02 15:04:05 WIB"), Actor: e.Actor,
			Action: e.Action, Subject: e.Subject, Detail: e.Detail, Hash: hex.EncodeToString(e.Hash)}
		fmt.Fprintf(env.Stdout, "%6d  %s  %-16s %-26s %-22s %s\n", r.Seq, r.At, r.Actor, r.Action, r.Subject, r.Detail)
		out = append(out, r)
	}
	return reviewEncode(env.Stdout, *lf.asJSON, map[string]any{"records": out})
}
