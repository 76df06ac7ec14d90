package verify

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

// facts are what the eligibility step needs from the registry's answer
// to the identity step: the registry, not the registrant, says whether
// someone is a citizen and in formal education (the KTP's Pekerjaan).
type facts struct {
	citizen   bool
	education bool // in formal education
}

// Detail keys of the identity step's StepRecord. Only the two facts are
// kept, not the occupation text: the rules need no more, and the record
// is read by auditors.
const (
	detailCitizen   = "citizen="
	detailEducation = "formal_education="
	detailNameScore = "name_score="
)

// detail renders an identity decision's note for its StepRecord, e.g.
// "name_score=100 citizen=1 formal_education=0". It is how the facts
// survive a restart: the eligibility step falls back to it.
func detail(nameScore int, f *facts) string {
	var b strings.Builder
	b.WriteString(detailNameScore)
	b.WriteString(strconv.Itoa(nameScore))
	if f != nil {
		b.WriteString(" " + detailCitizen + bit(f.citizen))
		b.WriteString(" " + detailEducation + bit(f.education))
	}
	return b.String()
}

func bit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// parseDetail reads the facts back from a detail; ok is false when the
// detail does not hold both (a record written before they were kept).
func parseDetail(s string) (f facts, ok bool) {
	var seen int
	for _, field := range strings.Fields(s) {
		switch {
		case strings.HasPrefix(field, detailCitizen):
			f.citizen, seen = field[len(detailCitizen):] == "1", seen|1
		case strings.HasPrefix(field, detailEducation):
			f.education, seen = field[len(detailEducation):] == "1", seen|2
		}
	}
	return f, seen == 3
}

// factCache hands facts from the identity step to the eligibility step
// in memory, so the common path reads nothing back from the store. It
// is a cache, not the record: a registration missing from it (after a
// restart, a rerun of the eligibility step, or a claim taken by another
// node) is read from its StepRecord instead. An entry carries the time of
// its identity decision and serves only a registration whose status
// changed at that very time: if another node verified it again since (a
// rerun), the entry is old and the record is read. It holds at most
// FactsMax entries; past that, new ones are not kept.
type factCache struct {
	mu sync.Mutex
	m  map[int64]cachedFacts
}

type cachedFacts struct {
	facts
	at int64 // unix µs of the identity decision
}

func newFactCache() *factCache { return &factCache{m: map[int64]cachedFacts{}} }

func (c *factCache) put(id int64, f facts, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) < FactsMax {
		c.m[id] = cachedFacts{facts: f, at: at.UnixMicro()}
	}
}

// take forgets the facts of id and returns them if they are those of the
// identity decision made at decidedAt.
func (c *factCache) take(id int64, decidedAt time.Time) (facts, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.m[id]
	if ok {
		delete(c.m, id)
	}
	return f.facts, ok && f.at == decidedAt.UnixMicro()
}

// reset forgets everything: called when no work is left, so entries for
// registrations another node finished do not pile up.
func (c *factCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 0 {
		c.m = map[int64]cachedFacts{}
	}
}
