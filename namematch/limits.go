package namematch

// Limits. Every input is bounded so that one Compare costs a known amount of
// work and stack whatever a bank or a form sends, and nothing is allocated
// on the heap for the working copies of the two names.
const (
	// NameMax is the longest name accepted, in bytes. A KTP name has at most
	// 60 characters and bank holder fields 40–70; a longer value is not a
	// name (a pasted address, an attack) and never matches.
	NameMax = 200
	// TokensMax is how many tokens a name keeps after titles are dropped;
	// real names ("NI LUH PUTU AYU …", Batak names with marga) have under
	// ten. Tokens beyond it are ignored on both sides alike.
	TokensMax = 12
	// TokenMax is the longest token compared, in bytes; longer runs of
	// letters are not names and are cut, so the edit-distance table stays a
	// fixed array on the stack.
	TokenMax = 32

	// foldedMax bounds the folded text: NFKD of a letter with diacritics
	// and the letter folds (ß→ss) at most triple a name's bytes.
	foldedMax = 3 * NameMax
	// keysMax bounds the canonical keys of one name; a key is never longer
	// than its token plus the growth of an abbreviation to "muhammad".
	keysMax = foldedMax + 8*TokensMax
	// truncatedMin is the shortest folded name that may be a bank's cut of
	// a longer one: core banking systems cut holder names at 20–30
	// characters, and below 16 a "prefix" is just a shorter name.
	truncatedMin = 16
)
