package http

import (
	"context"
	"net/http"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nomination"
	"github.com/prakerja/prakerja/partnerauth"
)

// The partner fakes let the handler tests and the OpenAPI tests call the
// signed routes without keys; the real signing is tested in partnerauth
// and, end to end on SQLite, in partner_sqlite_test.go.

func (f *marketFake) PlatformBySlug(context.Context, string) (*prakerja.Platform, error) {
	return &prakerja.Platform{ID: 3, Slug: "skill-academy", Name: "Skill Academy"}, nil
}

func (f *marketFake) ProviderBySlug(context.Context, string) (*prakerja.Provider, error) {
	return &prakerja.Provider{ID: 5, Slug: "lpp-5", Name: "Akademi Cendekia 5"}, nil
}

var _ PartnerVerifier = partnerFake{}

// partnerFake accepts every request as signed by a partner of the kind
// the route's path names, except one whose signature header says "bad".
type partnerFake struct{}

func (partnerFake) Verify(_ context.Context, _, target string, h http.Header, _ []byte) (*prakerja.PartnerKey, error) {
	if h.Get(partnerauth.HeaderSignature) == "bad" {
		return nil, prakerja.Errorf(prakerja.CodeSignatureInvalid, "x")
	}
	k := &prakerja.PartnerKey{KeyID: "pk_fake0000", Kind: prakerja.PartnerBank, Partner: "bank"}
	for _, kind := range []prakerja.PartnerKind{prakerja.PartnerPlatform, prakerja.PartnerProvider, prakerja.PartnerInstitution} {
		if strings.HasPrefix(target, "/api/v1/"+string(kind)+"/") {
			k.Kind, k.Partner = kind, "fake_"+string(kind)
		}
	}
	return k, nil
}

var _ NominationSubmitter = (*nominationsFake)(nil)

// nominationsFake stores every list with no row of category "veteran".
type nominationsFake struct {
	institution, actor string
	list               []byte
}

func (f *nominationsFake) Submit(_ context.Context, institution, actor string, list []byte) (*nomination.Submission, error) {
	f.institution, f.actor, f.list = institution, actor, list
	lines := strings.Split(strings.TrimSpace(string(list)), "\n")[1:]
	sub := &nomination.Submission{Stored: true, Import: &prakerja.NominationImport{ID: 9, Institution: institution,
		Entries: int64(len(lines)), SHA256: strings.Repeat("ab", 32), ImportedAt: testNow, Current: true}}
	for i, l := range lines {
		r := nomination.RowResult{Row: int64(i + 1), Line: int64(i + 2), Status: nomination.RowAccepted}
		if strings.HasSuffix(strings.TrimSpace(l), ",veteran") {
			r.Status, r.Code, sub.Stored, sub.Import = nomination.RowRefused, prakerja.CodeBadValue, false, nil
			sub.Refused++
		}
		sub.Results = append(sub.Results, r)
	}
	return sub, nil
}
