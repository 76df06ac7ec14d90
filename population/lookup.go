package population

// ByNIK finds the person a NIK belongs to by decoding it, without
// generating anyone else: the region and serial give the NIK district and
// origin, the day and serial block give the member slot, and the inverse
// family permutation gives the family. A registry simulator can thus serve
// any population size in constant memory. The registry this models holds
// all MaxFamilies families (about 55 million people), a superset of any
// Generate(n). False if no person has the NIK.
func (p *Population) ByNIK(nik string) (Person, bool) {
	code, dd, mm, serial, ok := splitNumber(nik)
	if !ok {
		return Person{}, false
	}
	eff, ok := p.atlas.current[code]
	if !ok {
		if eff, ok = p.atlas.retired[code]; !ok {
			return Person{}, false
		}
	}
	if dd > 40 {
		dd -= 40
	}
	doy, ok := dayOfYear(mm, dd)
	if !ok {
		return Person{}, false
	}
	o, block := nikOrigin(serial)
	h := eff
	if o != originNative {
		h = p.atlas.districts[eff].moveFrom[o]
	}
	d := &p.atlas.districts[h]
	nb := blocksFor(d.size * MaxMembers)
	if uint64(block) >= nb {
		return Person{}, false
	}
	y := nikSlot(p.seed, eff, o, block, doy, nb)
	if y >= d.size*MaxMembers {
		return Person{}, false
	}
	f := p.perm.invert(d.start + y%d.size)
	person, ok := p.Person(NewPersonID(int(f), int(y/d.size)))
	if !ok || person.NIK != nik {
		return Person{}, false
	}
	return person, true
}

// ByKK finds the family of a KK number by decoding it, like ByNIK. False
// if no family has the number.
func (p *Population) ByKK(kk string) (Family, bool) {
	code, dd, mm, serial, ok := splitNumber(kk)
	if !ok {
		return Family{}, false
	}
	h, ok := p.atlas.current[code]
	if !ok {
		return Family{}, false
	}
	doy, ok := dayOfYear(mm, dd)
	if !ok {
		return Family{}, false
	}
	d := &p.atlas.districts[h]
	nb := blocksFor(d.size)
	if uint64(serial) > nb {
		return Family{}, false
	}
	l := kkSlot(p.seed, h, doy, serial, nb)
	if l >= d.size {
		return Family{}, false
	}
	fam := p.Family(int(p.perm.invert(d.start + l)))
	if fam.KK != kk {
		return Family{}, false
	}
	return fam, true
}

// splitNumber cuts a 16-digit NIK or KK into its dotted district code, day
// and month digits and serial; false unless s is 16 ASCII digits with a
// non-zero serial.
func splitNumber(s string) (code string, dd, mm, serial int, ok bool) {
	if len(s) != 16 {
		return "", 0, 0, 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", 0, 0, 0, false
		}
	}
	num := func(i int) int { return int(s[i]-'0')*10 + int(s[i+1]-'0') }
	serial = num(12)*100 + num(14)
	if serial == 0 {
		return "", 0, 0, 0, false
	}
	return s[0:2] + "." + s[2:4] + "." + s[4:6], num(6), num(8), serial, true
}
