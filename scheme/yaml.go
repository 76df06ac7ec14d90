package scheme

import (
	"bytes"
	"fmt"
	"strconv"
)

// YAML writes s as a scheme file that Parse reads back into an equal Scheme,
// every field preceded by a comment saying what it means. Amounts are
// followed by their value in rupiah notation. The output of a Scheme that does
// not pass Validate is written all the same, and Parse will refuse it.
func (s *Scheme) YAML() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Kartu Prakerja programme scheme %q.\n", s.Name)
	b.WriteString("# Every field is required. Amounts are whole rupiah in digits (1000000 or\n")
	b.WriteString("# 1_000_000), never with dots, commas or decimals. Check a file with\n")
	b.WriteString("#   prakerja scheme check FILE\n")
	section := ""
	for i := range fields {
		f := &fields[i]
		sec, key := splitPath(f.path)
		indent := ""
		if sec != "" {
			indent = "  "
		}
		if sec != section {
			section = sec
			if sec != "" {
				fmt.Fprintf(&b, "\n# %s\n%s:\n", sectionDocs[sec], sec)
			}
		}
		if sec == "" {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s# %s\n%s%s:%s\n", indent, f.doc, indent, key, f.yamlValue(s, indent))
	}
	return b.Bytes()
}

// yamlValue writes the value of f in s as YAML, after the key's colon: a
// space and a scalar, or a block list on the following lines, indented below
// the key's indent.
func (f *field) yamlValue(s *Scheme, indent string) string {
	switch v := f.ref(s).(type) {
	case *[]string:
		return yamlNames(*v, indent+"  ")
	case *[]Rule:
		return yamlRules(*v, indent+"  ")
	}
	return " " + f.yamlScalar(s)
}

// yamlScalar writes the scalar value of f in s.
func (f *field) yamlScalar(s *Scheme) string {
	switch v := f.ref(s).(type) {
	case *string:
		// Go's quoting is valid YAML double-quoting for the printable text
		// Validate allows; quoting keeps "2020" a string.
		return strconv.Quote(*v)
	case *int64:
		return fmt.Sprintf("%d # %s", *v, FormatRupiah(*v))
	case *int:
		return strconv.Itoa(*v)
	case *Date:
		return v.String()
	case *TimeOfDay:
		return strconv.Quote(v.String())
	case *Duration:
		return v.String()
	}
	panic(fmt.Sprintf("scheme: field %s has a reference of type %T", f.path, f.ref(s)))
}
