package scheme_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/prakerja/prakerja/scheme"
)

// TestSocialAssistanceCategories checks the built-in bansos lists and that
// a misspelt or repeated category is refused with its line.
func TestSocialAssistanceCategories(t *testing.T) {
	t.Parallel()
	for _, name := range scheme.BuiltinNames() {
		got := mustBuiltin(t, name).Targeting.SocialAssistanceCategories
		if want := []string{"dtks", "pkh", "bpnt", "bsu", "bpum"}; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: social_assistance_categories = %v, want %v", name, got, want)
		}
	}
	for _, tc := range []struct{ name, line, want string }{
		{"ErrUnknown", "  social_assistance_categories: [pkhh]", `did you mean pkh?`},
		{"ErrRepeated", "  social_assistance_categories: [pkh, pkh]", "name each category once"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scheme.Parse([]byte(edited(38, tc.line)), "bad.yaml")
			if err == nil || !strings.Contains(err.Error(), "bad.yaml:38: targeting.social_assistance_categories") ||
				!strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Parse = %v, want line 38 and %q", err, tc.want)
			}
		})
	}
}
