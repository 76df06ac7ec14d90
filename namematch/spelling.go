package namematch

// appendKey appends the canonical key of one folded token to dst. Two
// tokens with one key are one name written two ways. The rules, with the
// names each merges:
//
//  1. Muhammad and Ahmad abbreviations and spellings become one word
//     (nameAliases): MUH, MOH, MOCH, MOCHAMAD, MUHAMAD → muhammad.
//  2. Van Ophuijsen (pre-1972) spelling becomes modern: oe→u
//     (Soekarno/Sukarno), dj→j (Djoko/Joko), tj→c (Tjahjo/Cahyo).
//  3. In a word showing one of those marks, and only there, the old j is
//     the modern y (Tjahjo → Cahyo, not Cahjo). The order matters: dj is
//     rewritten to j first and is then no longer an old j. A modern word
//     keeps its j in the key ("Panjaitan"); Jusuf/Yusuf, where nothing
//     shows the j is old, is met by the j/y variant of tokenMatch.
//  4. Latin digraphs of Arabic names: ch→kh (Chairul/Khairul; the ch of
//     Chandra/Candra is met by the kh/c variant), dh→d (Ramadhan/Ramadan),
//     th→t (Fathur/Fatur), sh→sy (Shafira/Syafira), ph→f, q→k
//     (Taufiq/Taufik).
//  5. Doubled letters are written once (Muhammad/Muhamad, Sitti/Siti).
//  6. A final y after a consonant is i (Rizky/Rizki), and a final "ah" is
//     "a" (Fatimah/Fatima, Nurhalizah/Nurhaliza): both are free variation
//     in how families and bank clerks write the same name.
//
// Vowels are deliberately never merged: Putra/Putri, Dewa/Dewi and
// Rizki/Rizka are different people. Non-ASCII letters pass unchanged.
func appendKey(dst, token []byte) []byte {
	if alias, ok := nameAliases[string(token)]; ok {
		return append(dst, alias...)
	}
	start := len(dst)
	dst = appendModern(dst, token)
	dst = squeeze(dst, start)
	dst = finalVariants(dst, start)
	if alias, ok := nameAliases[string(dst[start:])]; ok {
		return append(dst[:start], alias...)
	}
	return dst
}

// appendModern applies rules 2 to 4 left to right, so that a letter is
// rewritten at most once.
func appendModern(dst, w []byte) []byte {
	old := hasOldMark(w)
	for i := 0; i < len(w); i++ {
		c, next := w[i], byte(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case c == 'o' && next == 'e':
			dst, i = append(dst, 'u'), i+1
		case c == 'd' && next == 'j':
			dst, i = append(dst, 'j'), i+1
		case c == 't' && next == 'j':
			dst, i = append(dst, 'c'), i+1
		case c == 'c' && next == 'h':
			dst, i = append(dst, 'k', 'h'), i+1
		case (c == 'd' || c == 't') && next == 'h':
			dst, i = append(dst, c), i+1
		case c == 's' && next == 'h':
			dst, i = append(dst, 's', 'y'), i+1
		case c == 'p' && next == 'h':
			dst, i = append(dst, 'f'), i+1
		case c == 'q':
			dst = append(dst, 'k')
		case c == 'j' && old:
			dst = append(dst, 'y')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// hasOldMark reports whether a word shows a pre-1972 mark: oe, dj or tj.
// Modern spelling never writes dj or tj, and oe only in a few foreign
// names (Noel), which then read alike on both sides.
func hasOldMark(w []byte) bool {
	for i := 0; i+1 < len(w); i++ {
		a, b := w[i], w[i+1]
		if (a == 'o' && b == 'e') || ((a == 'd' || a == 't') && b == 'j') {
			return true
		}
	}
	return false
}

// squeeze writes each run of one ASCII letter in dst[start:] once.
func squeeze(dst []byte, start int) []byte {
	out := start
	for i := start; i < len(dst); i++ {
		if i > start && dst[i] == dst[out-1] && dst[i] < 0x80 {
			continue
		}
		dst[out] = dst[i]
		out++
	}
	return dst[:out]
}

// finalVariants applies rule 6 to the key in dst[start:].
func finalVariants(dst []byte, start int) []byte {
	n := len(dst) - start
	if n >= 2 && dst[len(dst)-1] == 'y' && !isVowel(dst[len(dst)-2]) {
		dst[len(dst)-1] = 'i'
	}
	if n >= 4 && dst[len(dst)-2] == 'a' && dst[len(dst)-1] == 'h' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}
