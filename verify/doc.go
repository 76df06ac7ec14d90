// Package verify is the verification pipeline (issue 3, item 5): it moves
// registrations from phone_verified through the identity step (the
// population registry checks NIK, KK, name and birth date) and the
// eligibility step (exclusion lists and the scheme's rules), to
// identity_failed, eligible or ineligible, each failure with its reason
// codes.
//
// # The status is the queue
//
// There is no job table and no job library. A registration waiting in a
// step's From status is the job; Store.ClaimWork leases a batch of them
// (oldest first) with a fresh token, and Store.CompleteWork records the
// results in one transaction, applying a result only while its token
// still holds the claim. So:
//
//   - a step's effect is applied once: a worker whose lease ran out (it
//     stalled, or its process was killed) finds its results stale, and
//     the worker that took the claim over records its own;
//   - nothing is lost: a claim that is never completed runs out after
//     Config.Lease and the registrations are claimable again; a graceful
//     stop does nothing more than a crash, it only records the batches
//     whose answers are already in;
//   - the status change, its StepRecord and the duplicate flags it
//     raises are one write, on SQLite and PostgreSQL alike, with
//     thousands of registrations per transaction. A job per registration
//     would double the writes and could not share that transaction.
//
// Rerunning a step (a registry or a list changed) is Store.Rerun: it moves
// the chosen registrations back to the step's From status and the
// pipeline takes them like any other.
//
// # Registry facts between the steps
//
// The identity step decides eligibility at once for the registrations
// the registry matched and hands both decisions to the store as one
// chained result (StepResult.Next): one claim and one write per
// registrant instead of two. The eligibility step still exists and takes
// whatever waits in identity_verified: after a rerun of eligibility, a
// restart between the steps, or on a node that works only that step.
//
// Citizenship and formal education come from the registry's answer to
// the identity step, and the eligibility step needs them. The identity
// step keeps them in its StepRecord's Detail ("name_score=100 citizen=1
// formal_education=0"; the two facts, not the occupation text) and, for
// speed, in memory keyed by registration id. The eligibility step takes
// them from memory and falls back to reading the registration's
// StepRecords when they are not there (after a restart, a rerun of the
// eligibility step alone, or work another node verified). A record
// without the facts makes the registration ineligible with
// ReasonFactsMissing, for the operator to rerun the identity step; a
// guess would be worse.
//
// # Failures
//
// An item the registry could not answer (unavailable, timed out, circuit
// open) is given a retry time that grows with its attempts
// (Config.BackoffBase, doubling to BackoffMax, or the registry's
// Retry-After when longer). A malformed item fails with
// identity_invalid. A store error fails the batch, whose claims then run
// out. Personal data is opened only to build the registry request and is
// never logged: logs carry registration ids, steps, counts and codes.
//
// # Concurrency
//
// Each step runs Config.Concurrency workers, each claiming, working and
// recording one batch at a time, so that one batch waits for the registry
// while another is written. The registry client bounds the requests in
// flight; with a slow registry, throughput is that bound times the batch
// size over the latency. Store writes (claims and records) wait for one of
// Config.Writes slots in the pipeline rather than in the store, whose
// query timeout would otherwise count the queue on SQLite's one writer.
// On SQLite the writer is the bottleneck: a claim and a record cost about
// 40 µs per registration and step on a 2 vCPU machine. Duplicate detection (package dedup) keeps one
// in-memory index per pipeline, seeded from Store.DedupPeople.
package verify
