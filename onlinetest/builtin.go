package onlinetest

import (
	_ "embed"
	"sync"
)

//go:embed builtin/dasar.yaml
var builtinYAML []byte

var builtinBank = sync.OnceValue(func() *Bank {
	b, err := Parse(builtinYAML, "builtin/dasar.yaml")
	if err != nil {
		// The file is compiled in and tested; failing here is a build mistake.
		panic("onlinetest: built-in bank: " + err.Error())
	}
	return b
})

// Builtin returns the built-in bank "dasar": 12 numeracy, 9 reading and 9
// motivation questions in Bahasa Indonesia and English; 20 per attempt, 30
// minutes, pass at 60% of the numeracy and reading points, 3 attempts, 24
// hours between them. Callers must not modify it.
func Builtin() *Bank { return builtinBank() }

// BuiltinYAML returns the built-in bank file, to start a new bank from.
func BuiltinYAML() []byte { return append([]byte(nil), builtinYAML...) }
