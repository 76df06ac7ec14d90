package http

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
)

// errorGoCodes parses ../error.go and returns every constant of type Code,
// so a code added there without a status here fails the build's tests.
func errorGoCodes(tb testing.TB) []prakerja.Code {
	tb.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../error.go", nil, 0)
	if err != nil {
		tb.Fatalf("parse error.go: %v", err)
	}
	var codes []prakerja.Code
	ast.Inspect(f, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		if id, ok := spec.Type.(*ast.Ident); !ok || id.Name != "Code" {
			return true
		}
		for _, v := range spec.Values {
			if lit, ok := v.(*ast.BasicLit); ok {
				s, _ := strconv.Unquote(lit.Value)
				codes = append(codes, prakerja.Code(s))
			}
		}
		return true
	})
	if len(codes) < 30 {
		tb.Fatalf("found only %d codes in error.go; parser out of date?", len(codes))
	}
	return codes
}

func TestCodeStatusCoversErrorGo(t *testing.T) {
	t.Parallel()
	for _, code := range errorGoCodes(t) {
		if _, ok := codeStatus[code]; !ok {
			t.Errorf("code %q has no HTTP status in codeStatus", code)
		}
	}
	if got := len(codeStatus); got != len(errorGoCodes(t)) {
		t.Errorf("codeStatus has %d entries, error.go %d codes: a stale entry?", got, len(errorGoCodes(t)))
	}
}

func TestCodeStatus(t *testing.T) {
	t.Parallel()
	want := map[int][]prakerja.Code{
		http.StatusBadRequest:            {prakerja.CodeMalformed},
		http.StatusUnauthorized:          {prakerja.CodeUnauthorized},
		http.StatusForbidden:             {prakerja.CodeForbidden},
		http.StatusNotFound:              {prakerja.CodeNotFound},
		http.StatusConflict:              {prakerja.CodeNIKTaken, prakerja.CodeEmailTaken, prakerja.CodePhoneTaken, prakerja.CodeConflict, prakerja.CodeIdempotencyPending},
		http.StatusRequestEntityTooLarge: {prakerja.CodeTooLarge},
		http.StatusUnsupportedMediaType:  {prakerja.CodeUnsupportedMedia},
		http.StatusTooManyRequests:       {prakerja.CodeRateLimited},
		http.StatusInternalServerError:   {prakerja.CodeInternal, "no_such_code"},
		http.StatusServiceUnavailable:    {prakerja.CodeUnavailable, prakerja.CodeSchemaOutdated},
		http.StatusUnprocessableEntity: {prakerja.CodeInvalid, prakerja.CodeIdempotencyReused, prakerja.CodeOTPInvalid,
			prakerja.CodeOTPExpired, prakerja.CodeOTPUsed, prakerja.CodeOTPExhausted},
	}
	for status, codes := range want {
		for _, code := range codes {
			if got := statusOf(code); got != status {
				t.Errorf("statusOf(%q) = %d, want %d", code, got, status)
			}
		}
	}
	for _, code := range errorGoCodes(t) {
		if strings.HasPrefix(string(code), "nik_") || strings.HasPrefix(string(code), "kk_") {
			wantSt := http.StatusUnprocessableEntity
			if strings.HasSuffix(string(code), "_taken") {
				wantSt = http.StatusConflict
			}
			if got := statusOf(code); got != wantSt {
				t.Errorf("statusOf(%q) = %d, want %d", code, got, wantSt)
			}
		}
	}
}

// TestEveryCodeAsProblem drives each code through a handler and checks the
// problem document: status, type URI, code, and Retry-After where due.
func TestEveryCodeAsProblem(t *testing.T) {
	t.Parallel()
	for _, code := range errorGoCodes(t) {
		t.Run(string(code), func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, failingService(prakerja.Errorf(code, "Message for %s.", code)))
			rec := env.do(scenario{method: "POST", url: "/api/v1/logins", body: `{"identifier":"x"}`}.request())
			body := rec.Body.String()
			if rec.Code != codeStatus[code] {
				t.Errorf("status %d, want %d", rec.Code, codeStatus[code])
			}
			if ct := rec.Header().Get("Content-Type"); ct != contentTypeProblem {
				t.Errorf("Content-Type %q", ct)
			}
			for _, s := range []string{`"type":"` + problemTypeBase + string(code) + `"`, `"code":"` + string(code) + `"`, `"status":` + strconv.Itoa(rec.Code)} {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %s: %s", s, body)
				}
			}
			if rec.Code == http.StatusTooManyRequests || rec.Code == http.StatusServiceUnavailable {
				if rec.Header().Get("Retry-After") == "" {
					t.Error("no Retry-After")
				}
			}
		})
	}
}

// TestTranslations checks that both languages have the same keys with the
// same format verbs, a text for every code, and every key the templates use.
func TestTranslations(t *testing.T) {
	t.Parallel()
	verbs := regexp.MustCompile(`%[a-z]`)
	for key, id := range messagesID {
		en, ok := messagesEN[key]
		if !ok {
			t.Errorf("key %q missing in English", key)
			continue
		}
		if a, b := verbs.FindAllString(id, -1), verbs.FindAllString(en, -1); strings.Join(a, "") != strings.Join(b, "") {
			t.Errorf("key %q: verbs %v (id) vs %v (en)", key, a, b)
		}
	}
	for key := range messagesEN {
		if _, ok := messagesID[key]; !ok {
			t.Errorf("key %q missing in Indonesian", key)
		}
	}
	for code := range codeStatus {
		for _, l := range []locale{localeID, localeEN} {
			if _, ok := messages[l]["code."+string(code)]; !ok {
				t.Errorf("code %q has no %s translation", code, l)
			}
		}
	}
	for _, key := range templateKeys(t) {
		for _, l := range []locale{localeID, localeEN} {
			if _, ok := messages[l][key]; !ok {
				t.Errorf("template key %q has no %s translation", key, l)
			}
		}
	}
}

// templateKeys lists the literal keys passed to .T in the templates.
func templateKeys(tb testing.TB) []string {
	tb.Helper()
	re := regexp.MustCompile(`\.T "([^"]+)"`)
	entries, err := templatesFS.ReadDir("templates")
	if err != nil {
		tb.Fatal(err)
	}
	var keys []string
	for _, e := range entries {
		b, err := templatesFS.ReadFile("templates/" + e.Name())
		if err != nil {
			tb.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, m[1])
		}
	}
	if len(keys) < 30 {
		tb.Fatalf("found only %d template keys", len(keys))
	}
	return keys
}

func TestAcceptLanguage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, header string
		want         locale
	}{
		{"Empty", "", localeID},
		{"English", "en-US,en;q=0.9", localeEN},
		{"IndonesianFirst", "id-ID,id;q=0.9,en;q=0.8", localeID},
		{"WeightedEnglish", "id;q=0.3,en;q=0.8", localeEN},
		{"OldJavaCode", "in-ID", localeID},
		{"RefusedEnglish", "en;q=0, fr", localeID},
		{"Unsupported", "fr-FR,de", localeID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := acceptLanguage(tt.header); got != tt.want {
				t.Errorf("acceptLanguage(%q) = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}

func TestMask(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, got, want string }{
		{"NIK", maskNIK(testNIK), "3171********0001"},
		{"Phone", maskPhone(testPhone), "+628*******890"},
		{"Email", maskEmail(testEmail), "s***@example.com"},
		{"EmailBroken", maskEmail("nobody"), "***"},
		{"Short", maskNIK("123"), "***"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
