package banksim

import "sync"

// OutboxDefaultMax is how many camt.054 files an Outbox keeps by default.
const OutboxDefaultMax = 1000

// Outbox keeps the latest camt.054 files in memory for GET /camt054,
// dropping the oldest past its bound. A nil Outbox keeps nothing.
type Outbox struct {
	mu    sync.Mutex
	max   int
	docs  map[string][]byte
	order [][2]string // insertion order of (original MsgId, camt MsgId)
}

// NewOutbox returns an outbox of at most max files (≤ 0: OutboxDefaultMax).
func NewOutbox(max int) *Outbox {
	if max <= 0 {
		max = OutboxDefaultMax
	}
	return &Outbox{max: max, docs: map[string][]byte{}}
}

// Put keeps doc under both the original file's MsgId and its own.
func (o *Outbox) Put(orgnlMsgID, msgID string, doc []byte) {
	if o == nil {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, ok := o.docs[orgnlMsgID]; !ok {
		o.order = append(o.order, [2]string{orgnlMsgID, msgID})
	}
	o.docs[orgnlMsgID], o.docs[msgID] = doc, doc
	for len(o.order) > o.max {
		old := o.order[0]
		o.order = o.order[1:]
		delete(o.docs, old[0])
		delete(o.docs, old[1])
	}
}

// Get returns the camt.054 kept under id.
func (o *Outbox) Get(id string) ([]byte, bool) {
	if o == nil {
		return nil, false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	doc, ok := o.docs[id]
	return doc, ok
}
