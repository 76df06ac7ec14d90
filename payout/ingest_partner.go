package payout

import (
	"context"
	"strings"

	"github.com/prakerja/prakerja"
)

// IngestFrom is Ingest for an answer file a payment partner sends itself,
// signed with its key: every payment the file answers must have been sent
// to that partner (provider is the key's partner code, e.g. "bni"), or the
// whole file is refused before anything is recorded. One partner can thus
// never post or void another's payments.
func (s *Service) IngestFrom(ctx context.Context, provider string, data []byte) (*prakerja.IngestOutcome, error) {
	prov, err := prakerja.PayoutProviderByCode(strings.ToUpper(provider))
	if err != nil {
		return nil, prakerja.Errorf(prakerja.CodeForbidden, "The key's partner %q is not a payment partner of the programme.", provider)
	}
	kind, answers, msgID, err := parseAnswers(data)
	if err != nil {
		return nil, err
	}
	for start := 0; start < len(answers); start += prakerja.PaymentResultsBatchMax {
		part := answers[start:min(start+prakerja.PaymentResultsBatchMax, len(answers))]
		ids := make([]string, len(part))
		for i, a := range part {
			ids[i] = a.instr
		}
		payments, err := s.store.PaymentsByInstr(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if p := payments[id]; p != nil && p.Provider != prov.Code {
				return nil, prakerja.Errorf(prakerja.CodeForbidden, "The file answers payment %s, which was sent to another partner; nothing was recorded.", id)
			}
		}
	}
	return s.ingestParsed(ctx, data, kind, answers, msgID)
}
