package http

import (
	"context"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/audit"
)

// The audit page registers itself; its name starts with "ops" so it gets
// the operator navigation.
func init() { pageNames = append(pageNames, "ops_audit") }

// Audit page bounds: one screen of records, and how long "verify now" may
// walk the chain (a million records take seconds; the command line has no
// such bound).
const (
	opsAuditRowsMax       = 50
	opsAuditVerifyTimeout = 2 * time.Minute
	opsAuditHeadInputMax  = 96
)

// opsAuditView is /ops/audit: the chain's head to publish, the latest
// records newest first, paged back, and the result of a verification.
type opsAuditView struct {
	pageBase
	Head     string // SEQ:HASH, "" while empty
	HeadAt   string
	Rows     []opsAuditRow
	Older    string // link to the page before; "" on the first record
	Verified *opsAuditResult
	RowsMax  int
}

// opsAuditRow is one record, hashes shortened for the table.
type opsAuditRow struct {
	Seq     int64
	At      string
	Actor   string
	Action  string
	Subject string
	Link    string // the registrant page of a "registration:ID" subject
	Detail  string
	Hash    string
}

// opsAuditResult is what "verify now" found.
type opsAuditResult struct {
	OK       bool
	Records  int64
	Head     string
	Breaches []string
}

// pageOpsAudit handles GET /ops/audit[?before=SEQ].
func (s *Server) pageOpsAudit(w http.ResponseWriter, r *http.Request) {
	v, err := s.opsAuditView(r, pageOffset(r, "before"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "ops_audit", v)
}

// pageOpsAuditVerify handles POST /ops/audit/verify: walk the whole chain
// now (optionally against a published head) and show what was found.
func (s *Server) pageOpsAuditVerify(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	var published *audit.Head
	if in := strings.TrimSpace(r.PostForm.Get("head")); in != "" {
		h, err := audit.ParseHead(in)
		if err != nil || len(in) > opsAuditHeadInputMax {
			v, lerr := s.opsAuditView(r, 0)
			if lerr != nil {
				s.fail(w, r, lerr)
				return
			}
			v.Summary = []summaryItem{{ID: "head", Text: v.T("ops.audit.bad_head")}}
			s.render(w, r, http.StatusUnprocessableEntity, "ops_audit", v)
			return
		}
		published = &h
	}
	ctx, cancel := context.WithTimeout(r.Context(), opsAuditVerifyTimeout)
	defer cancel()
	res, err := audit.Verify(ctx, s.store, published)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.opsAuditView(r, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Verified = &opsAuditResult{OK: len(res.Breaches) == 0, Records: res.Records, Breaches: res.Breaches}
	if res.Records > 0 {
		v.Verified.Head = res.Head.String()
	}
	s.render(w, r, http.StatusOK, "ops_audit", v)
}

// opsAuditView loads the head and the page of records before before (0 =
// the newest).
func (s *Server) opsAuditView(r *http.Request, before int64) (*opsAuditView, error) {
	ctx, cancel := opsContext(r)
	defer cancel()
	v := &opsAuditView{pageBase: s.base(r, "ops.audit.heading", "/ops/audit"), RowsMax: opsAuditRowsMax}
	v.Wide = true
	head, err := s.store.AuditHead(ctx)
	if prakerja.ErrorCode(err) == prakerja.CodeNotFound {
		return v, nil
	}
	if err != nil {
		return nil, err
	}
	v.Head = audit.Head{Seq: head.Seq, Hash: head.Hash}.String()
	v.HeadAt = opsPayoutTime(head.At)
	if before <= 1 || before > head.Seq+1 {
		before = head.Seq + 1
	}
	after := max(0, before-1-opsAuditRowsMax)
	entries, err := s.store.AuditEntries(ctx, after, int(before-1-after))
	if err != nil {
		return nil, err
	}
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		row := opsAuditRow{Seq: e.Seq, At: opsPayoutTime(e.At), Actor: e.Actor, Action: e.Action,
			Subject: e.Subject, Detail: e.Detail, Hash: hex.EncodeToString(e.Hash)[:16]}
		if id, ok := strings.CutPrefix(e.Subject, "registration:"); ok {
			if _, err := strconv.ParseInt(id, 10, 64); err == nil {
				row.Link = "/ops/registrants/" + id
			}
		}
		v.Rows = append(v.Rows, row)
	}
	if after > 0 {
		v.Older = "/ops/audit?before=" + strconv.FormatInt(after+1, 10)
	}
	return v, nil
}
