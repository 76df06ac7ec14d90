// Package population generates a deterministic synthetic population of
// Indonesia for the demo, the benchmarks and the population-registry
// simulator. It is pure: no I/O, no clock, no global random source. The same
// (seed, Options) always gives the same people, on every platform.
//
// # Addressing
//
// People live in families (one Kartu Keluarga each) numbered 0, 1, 2, …
// up to MaxFamilies-1. A family is generated from (seed, family index)
// alone, so any family can be built on its own without generating the ones
// before it. A person is addressed by a PersonID = family*MaxMembers +
// member, where member 0 is the head, 1 the spouse (if any) and the rest
// children, oldest first. IDs are therefore sparse: a family of three uses
// three of its six slots. Generate(seed, n) walks families in order and
// returns the first n people, so its output is always in ascending ID order
// and Generate(seed, n) is a prefix of Generate(seed, n+k).
//
// The numbers are reversible too: ByKK and ByNIK decode a KK or NIK back to
// its family and member in constant time, so a registry simulator can
// answer "does this NIK + KK + name + birth date match" for a population of
// millions without storing it.
//
// # Why NIKs and KKs never collide
//
// A family's index f is sent through a keyed bijection (a Feistel network
// on MaxFamilies slots) to a slot v. The slot space is cut into one
// interval per current district, each as long as that district's share of
// the population, so v names a home district h and a local number ℓ that no
// other family of h has. A member's slot y = member*size(h) + ℓ is then
// unique within h.
//
// A NIK carries the district where it was issued: h itself (native), a
// neighbour of h in the same regency, a district in another province, or,
// for older residents of the new Papuan provinces, the retired 91.xx/92.xx
// code of their district. Each of the two "moved" cases uses a fixed
// permutation of districts, so every NIK district receives movers from
// exactly one home district, and the three cases use disjoint serial
// residues (serial-1 mod 3). Within one (NIK district, case), y is dealt
// round-robin over serial blocks and, inside a block, through a keyed
// permutation of the 365 days of a common year (29 February is never
// used). Equal NIKs would therefore mean equal (district, case, y), hence
// the same home district, local number, family and member: uniqueness holds
// by construction, not by luck, and the tests check it. The birth year is
// left free, so ages follow the family, and serials stay small (a district
// of 15,000 families uses serials up to about 750), like the per-day
// counters real ones are. KK numbers use the same scheme on (h, ℓ) with the
// registration date.
//
// E-mail addresses end in the person's ID and phone numbers are a keyed
// bijection of it, so both are unique too; the contact details of extra
// attempts (see Attempts) use IDs above every person's.
//
// # Civil status
//
// Citizenship (about 0.2% foreign nationals) and the KTP's occupation (a
// pupil or student for about 30% of ages 18–24 and 5% of 25–29, otherwise
// a short list of common Pekerjaan by sex and age) come from a stream of
// their own keyed by (seed, person ID). They draw nothing from the family
// stream, so adding them changed no other field of any person.
package population
