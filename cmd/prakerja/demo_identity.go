package main

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode/utf8"

	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registry"
	"github.com/prakerja/prakerja/verify"
)

// Identity faults: data that passes every syntax check at registration but
// that the population registry does not confirm, as happened to about 2
// million of 2020's registrants. Shares are per mille of valid attempts.
const (
	demoNIKUnknownPerMille   = 15 // NIK with a mistyped serial: not found
	demoKKOldPerMille        = 10 // KK number of an old family card: KK mismatch
	demoNameVariantPerMille  = 15 // name spelt differently from the KTP: name mismatch
	demoIdentityFaultDomains = 1000
)

// identityFault names what the demo changed in an attempt, for the report.
type identityFault string

const (
	faultNone        identityFault = ""
	faultNIKUnknown  identityFault = "nik_unknown"
	faultKKOld       identityFault = "kk_old"
	faultNameVariant identityFault = "name_variant"
)

// addIdentityFaults changes a deterministic share of the valid attempts so
// that the registry will not confirm them, and returns what it changed per
// attempt. Attempts that a duplicate copies keep their data, so every
// registration outcome the population expects stays true.
func addIdentityFaults(attempts []population.Attempt, seed uint64) []identityFault {
	copied := make([]bool, len(attempts))
	for _, a := range attempts {
		if a.Original >= 0 {
			copied[a.Original] = true
		}
	}
	faults := make([]identityFault, len(attempts))
	for i := range attempts {
		a := &attempts[i]
		if a.Kind != population.KindValid || copied[i] {
			continue
		}
		faults[i] = applyFault(a, faultDraw(seed, a.Input.NIK))
	}
	return faults
}

// faultDraw is a number in [0, 1000) fixed by the seed and the NIK.
func faultDraw(seed uint64, nik string) int {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d:%s", seed, nik)
	return int(h.Sum64() % demoIdentityFaultDomains)
}

// applyFault changes a for draw and says what it changed.
func applyFault(a *population.Attempt, draw int) identityFault {
	switch {
	case draw < demoNIKUnknownPerMille:
		// Serials of the synthetic population stay far below 9000, so a
		// 9xxx serial names nobody and collides with no other registrant.
		a.Input.NIK = a.Input.NIK[:12] + "9" + a.Input.NIK[13:]
		return faultNIKUnknown
	case draw < demoNIKUnknownPerMille+demoKKOldPerMille:
		a.Input.KK = a.Input.KK[:12] + oldSerial(a.Input.KK[12:])
		return faultKKOld
	case draw < demoNIKUnknownPerMille+demoKKOldPerMille+demoNameVariantPerMille:
		a.Input.FullName = nameVariant(a.Input.FullName)
		return faultNameVariant
	}
	return faultNone
}

// oldSerial returns another non-zero 4-digit serial, as a family card
// issued before a move or a split would carry.
func oldSerial(serial string) string {
	b := []byte(serial)
	b[3] = '0' + (b[3]-'0'+5)%10
	if string(b) == "0000" { // the serial was 0005
		b[3] = '1'
	}
	return string(b)
}

// nameVariant spells a name the way registrants often typed theirs: one
// letter of a doubled pair dropped ("Muhammad" → "Muhamad"), or else the
// first word's last letter doubled ("Budi" → "Budii").
func nameVariant(name string) string {
	prev := rune(0)
	for i, r := range name {
		if r == prev && r != ' ' && r != '\'' {
			return name[:i] + name[i+utf8.RuneLen(r):]
		}
		prev = r
	}
	end := strings.IndexByte(name, ' ')
	if end < 0 {
		end = len(name)
	}
	last, size := utf8.DecodeLastRuneInString(name[:end])
	return name[:end-size] + string(last) + name[end-size:]
}

// noteFault remembers the identity fault of a created registration.
func (d *demo) noteFault(id int64, f identityFault) {
	if f == faultNone {
		return
	}
	if d.faults == nil {
		d.faults = map[int64]identityFault{}
		d.res.IdentityFaults = map[string]int{}
	}
	d.faults[id] = f
	d.res.IdentityFaults[string(f)]++
}

// demoVerifyFlags runs the pipeline against the demo's registry simulator
// with serve's defaults.
func demoVerifyFlags(registryURL string) *verifyFlags {
	return &verifyFlags{
		registryURL: registryURL, registryConcurrency: registry.DefaultConcurrency,
		workers: verify.DefaultConcurrency, batch: verify.DefaultBatch, lease: verify.DefaultLease,
	}
}
