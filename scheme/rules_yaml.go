package scheme

import (
	"strconv"
	"strings"
)

// yamlNames writes a list of names as a block list at indent, or [] when it
// is empty.
func yamlNames(names []string, indent string) string {
	if len(names) == 0 {
		return " []"
	}
	var b strings.Builder
	for _, n := range names {
		b.WriteString("\n" + indent + "- " + strconv.Quote(n))
	}
	return b.String()
}

// yamlRules writes rules as a block list at indent, or [] when there are
// none. A rule of one line is quoted; a rule of several lines is written as
// a literal block, so its lines stay as they are. Validate refuses the rules
// this could not write back unchanged (leading or trailing spaces, tabs).
func yamlRules(rules []Rule, indent string) string {
	if len(rules) == 0 {
		return " []"
	}
	var b strings.Builder
	in := indent + "  "
	for _, r := range rules {
		b.WriteString("\n" + indent + "- code: " + strconv.Quote(r.Code))
		b.WriteString("\n" + in + "require:")
		if strings.Contains(r.Require, "\n") {
			b.WriteString(" |-")
			for _, line := range strings.Split(r.Require, "\n") {
				if line == "" {
					b.WriteString("\n")
					continue
				}
				b.WriteString("\n" + in + "  " + line)
			}
		} else {
			b.WriteString(" " + strconv.Quote(r.Require))
		}
		b.WriteString("\n" + in + "message:")
		b.WriteString("\n" + in + "  id: " + strconv.Quote(r.Message.ID))
		b.WriteString("\n" + in + "  en: " + strconv.Quote(r.Message.EN))
	}
	return b.String()
}
