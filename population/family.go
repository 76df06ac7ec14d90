package population

import "slices"

// memberPlan is a member before names and numbers are attached.
type memberPlan struct {
	role Role
	male bool
	age  int
}

// planFamily draws a family around one "anchor" adult whose age follows
// the young-skewed registrant distribution. Young anchors often still live
// on their parents' card, which is also what makes many registrants share a
// KK. The result has 1–MaxMembers members: head, optional spouse, then
// children eldest first.
func planFamily(r *stream) []memberPlan {
	anchor := registrantAge(r)
	var ms []memberPlan
	switch {
	case anchor <= 25 && r.perMille(550):
		ms = withParents(r, anchor)
	case anchor <= 32 && r.perMille(350):
		ms = []memberPlan{{RoleHead, r.perMille(520), anchor}}
	default:
		ms = ownHousehold(r, anchor)
	}
	kids := ms[adults(ms):]
	slices.SortStableFunc(kids, func(a, b memberPlan) int { return b.age - a.age })
	return ms
}

// withParents: the anchor is an adult child; parents are 22–34 years older.
func withParents(r *stream, anchor int) []memberPlan {
	father := min(anchor+r.between(22, 34), maxAge)
	mother := max(father-r.between(0, 6), anchor+18)
	var ms []memberPlan
	switch hasFather := r.perMille(900); {
	case hasFather && r.perMille(920):
		ms = append(ms, memberPlan{RoleHead, true, father}, memberPlan{RoleSpouse, false, mother})
	case hasFather:
		ms = append(ms, memberPlan{RoleHead, true, father})
	default:
		ms = append(ms, memberPlan{RoleHead, false, mother})
	}
	youngest := mother
	if len(ms) == 1 && ms[0].male {
		youngest = father
	}
	ms = append(ms, memberPlan{RoleChild, r.perMille(510), anchor})
	for n := r.intn(3); n > 0 && len(ms) < MaxMembers; n-- {
		age := min(max(anchor+r.between(-8, 8), 0), youngest-18)
		ms = addChild(ms, memberPlan{RoleChild, r.perMille(510), age})
	}
	return ms
}

// addChild appends c unless a child of the same age is already listed:
// twins are rare enough to leave out, and siblings born months apart
// would look wrong.
func addChild(ms []memberPlan, c memberPlan) []memberPlan {
	for _, m := range ms {
		if m.role == RoleChild && m.age == c.age {
			return ms
		}
	}
	return append(ms, c)
}

// childCountWeights: 0–4 children in an anchor's own household.
var childCountWeights = []int{15, 25, 32, 18, 10}

// ownHousehold: the anchor heads a household or is the spouse in one.
func ownHousehold(r *stream, anchor int) []memberPlan {
	anchorMale := r.perMille(500)
	var ms []memberPlan
	younger := anchor
	switch {
	case r.perMille(880) && anchorMale:
		wife := max(anchor-r.between(0, 6), 18)
		ms = append(ms, memberPlan{RoleHead, true, anchor}, memberPlan{RoleSpouse, false, wife})
		younger = wife
	case r.perMille(880) && !anchorMale:
		husband := min(anchor+r.between(0, 6), maxAge)
		ms = append(ms, memberPlan{RoleHead, true, husband}, memberPlan{RoleSpouse, false, anchor})
	default:
		ms = append(ms, memberPlan{RoleHead, anchorMale, anchor})
	}
	// The first child comes when the younger parent is 19–32, the next
	// ones 1–6 years apart; a household stops at today.
	age := younger - r.between(19, 32)
	for n := weighted(r, childCountWeights); n > 0 && len(ms) < MaxMembers && age >= 0; n-- {
		ms = append(ms, memberPlan{RoleChild, r.perMille(510), age})
		age -= r.between(1, 6)
	}
	return ms
}

func adults(ms []memberPlan) int {
	n := 0
	for n < len(ms) && ms[n].role != RoleChild {
		n++
	}
	return n
}
