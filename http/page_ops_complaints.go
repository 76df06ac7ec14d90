package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/complaint"
)

func init() { pageNames = append(pageNames, "ops_complaints", "ops_complaint") }

// opsComplaintRowsMax is one page of the queue.
const opsComplaintRowsMax = 50

// opsComplaintRow is one ticket in the queue. The service-level standing
// is a word ("breached", "due soon"), and breached rows are also marked
// for screen readers, so nothing rests on colour.
type opsComplaintRow struct {
	ID                                            int64
	Reference, Subject, CategoryKey, StateKey     string
	SLAKey, Age, Due, AssignedTo, Opened, Updated string
	Late                                          bool
}

// complaintFilterOption is one choice of a queue filter.
type complaintFilterOption struct {
	Value, LabelKey string
	Selected        bool
}

// opsComplaintsView is /ops/complaints.
type opsComplaintsView struct {
	pageBase
	Rows       []opsComplaintRow
	States     []complaintFilterOption
	Categories []complaintFilterOption
	Next       string
}

func opsComplaintRowOf(loc locale, it complaint.Item) opsComplaintRow {
	c := it.Complaint
	row := opsComplaintRow{ID: c.ID, Reference: c.Reference, Subject: c.Subject,
		CategoryKey: "complaint.category." + string(c.Category), StateKey: "ops.complaints.state." + string(c.State),
		SLAKey: "complaint.sla." + string(it.SLA.Status), Age: formatComplaintAge(loc, it.SLA.Age), AssignedTo: c.AssignedTo,
		Opened: formatWIBDate(c.CreatedAt), Updated: formatWIBDate(c.UpdatedAt),
		Late: it.SLA.Status == prakerja.SLABreached || it.SLA.Status == prakerja.SLAMissed}
	if !c.DueAt.IsZero() {
		row.Due = formatWIBDate(c.DueAt)
	}
	return row
}

// queueFilter reads the queue's filters; unknown values mean "any".
func queueFilter(r *http.Request) prakerja.ComplaintQueueFilter {
	q := r.URL.Query()
	f := prakerja.ComplaintQueueFilter{Limit: opsComplaintRowsMax + 1}
	if st := prakerja.ComplaintState(q.Get("state")); st.Valid() {
		f.State = st
	}
	if cat := prakerja.ComplaintCategory(q.Get("category")); cat.Valid() {
		f.Category = cat
	}
	if due, id, ok := strings.Cut(q.Get("after"), "."); ok {
		d, derr := strconv.ParseInt(due, 10, 64)
		n, ierr := strconv.ParseInt(id, 10, 64)
		if derr == nil && ierr == nil && d >= 0 && n > 0 {
			f.After = &prakerja.Complaint{ID: n}
			if d > 0 {
				f.After.DueAt = time.UnixMicro(d).UTC()
			}
		}
	}
	return f
}

// pageOpsComplaints handles GET /ops/complaints[?state=][&category=][&after=DUE.ID].
func (s *Server) pageOpsComplaints(w http.ResponseWriter, r *http.Request) {
	if s.complaints == nil {
		s.fail(w, r, errComplaintsOff())
		return
	}
	ctx, cancel := opsContext(r)
	defer cancel()
	f := queueFilter(r)
	list, err := s.complaints.Queue(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &opsComplaintsView{pageBase: s.base(r, "ops.complaints.heading", "/ops/complaints")}
	v.Wide = true
	v.States = append(v.States, complaintFilterOption{Value: "", LabelKey: "ops.complaints.all_open", Selected: f.State == ""})
	for _, st := range prakerja.ComplaintStates() {
		v.States = append(v.States, complaintFilterOption{Value: string(st), LabelKey: "ops.complaints.state." + string(st), Selected: st == f.State})
	}
	v.Categories = append(v.Categories, complaintFilterOption{Value: "", LabelKey: "ops.complaints.all", Selected: f.Category == ""})
	for _, c := range prakerja.ComplaintCategories() {
		v.Categories = append(v.Categories, complaintFilterOption{Value: string(c), LabelKey: "complaint.category." + string(c), Selected: c == f.Category})
	}
	if len(list) > opsComplaintRowsMax {
		list = list[:opsComplaintRowsMax]
		last := list[len(list)-1]
		q := url.Values{"state": {string(f.State)}, "category": {string(f.Category)}}
		q.Set("after", strconv.FormatInt(dueParam(last.DueAt), 10)+"."+strconv.FormatInt(last.ID, 10))
		v.Next = "/ops/complaints?" + q.Encode()
	}
	for _, it := range list {
		v.Rows = append(v.Rows, opsComplaintRowOf(v.loc, it))
	}
	s.render(w, r, http.StatusOK, "ops_complaints", v)
}

// dueParam is a deadline in the queue's paging parameter; 0 = paused.
func dueParam(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}
