package banksim

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/iso20022"
)

// problemTypeBase prefixes a problem's type URI, as the programme's API does.
const problemTypeBase = "https://prakerja.example/problems/"

// problem is an RFC 9457 problem document.
type problem struct {
	Type   string        `json:"type"`
	Title  string        `json:"title"`
	Status int           `json:"status"`
	Detail string        `json:"detail"`
	Code   prakerja.Code `json:"code"`
}

func writeProblem(w http.ResponseWriter, status int, code prakerja.Code, title, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(problem{Type: problemTypeBase + string(code), Title: title, Status: status,
		Detail: detail, Code: code}) // the client may have gone; nothing to do
}

// Handler serves the simulated partner:
//
//	POST /pain001        pain.001 XML or e-wallet CSV (text/csv) → 200 pain.002 XML
//	GET  /camt054/{id}   the camt.054 of a file, by the file's MsgId or the camt's
//	POST /inquiry        JSON {provider, account, nik} → JSON account holder
//	GET  /healthz        200 when serving
//
// Bad input gets application/problem+json. The log holds counts and
// message IDs only, never NIKs, names or account numbers. store may be
// nil: then camt.054 files are not kept.
func Handler(cfg Config, store *Outbox) http.Handler {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /pain001", func(w http.ResponseWriter, r *http.Request) { servePain001(w, r, cfg, store, now(), log) })
	mux.HandleFunc("GET /camt054/{msgid}", func(w http.ResponseWriter, r *http.Request) {
		doc, ok := store.Get(r.PathValue("msgid"))
		if !ok {
			writeProblem(w, http.StatusNotFound, prakerja.CodeNotFound, "Not found", "No camt.054 for this message id.")
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		_, _ = w.Write(doc)
	})
	mux.HandleFunc("POST /inquiry", func(w http.ResponseWriter, r *http.Request) { serveInquiry(w, r, cfg, log) })
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	return mux
}

// servePain001 answers one file, a pain.001 or an e-wallet CSV (see
// sniffCSV).
func servePain001(w http.ResponseWriter, r *http.Request, cfg Config, store *Outbox, now time.Time, log *slog.Logger) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, iso20022.MaxFileBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeProblem(w, http.StatusRequestEntityTooLarge, prakerja.CodeTooLarge, "File too large", "A file is at most 64 MiB.")
		return
	} else if err != nil {
		writeProblem(w, http.StatusBadRequest, prakerja.CodeMalformed, "Unreadable body", "The request body could not be read.")
		return
	}
	isCSV := sniffCSV(r.Header.Get("Content-Type"), body)
	in, err := readFile(body, isCSV)
	if err != nil {
		log.Info("pain001 refused", "bytes", len(body), "csv", isCSV)
		writeProblem(w, http.StatusUnprocessableEntity, prakerja.CodeInvalid, "Invalid payment file", err.Error())
		return
	}
	p2, c54, err := render(in, cfg, now)
	if err != nil {
		log.Error("pain001 answer", "msg_id", in.MsgID, "err", err)
		writeProblem(w, http.StatusInternalServerError, prakerja.CodeInternal, "Internal error", "The answer could not be written.")
		return
	}
	store.Put(c54.orgnl, c54.id, c54.doc)
	log.Info("pain001", "msg_id", c54.orgnl, "items", len(in.Payments), "answered", c54.answered, "booked", c54.booked)
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Camt054-Location", "/camt054/"+c54.orgnl)
	_, _ = w.Write(p2)
}

// sniffCSV tells an e-wallet CSV from a pain.001: text/csv, or a body
// that starts with the CSV header under a type that is not XML.
func sniffCSV(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "text/csv" {
		return true
	}
	if mt == "application/xml" || mt == "text/xml" {
		return false
	}
	return bytes.HasPrefix(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), []byte("reference,"))
}

// readFile parses a pain.001 or an e-wallet CSV.
func readFile(body []byte, isCSV bool) (*iso20022.Initiation, error) {
	if isCSV {
		return iso20022.ReadEwalletCSV(bytes.NewReader(body))
	}
	return iso20022.ReadPain001(bytes.NewReader(body))
}

// rendered is a camt.054 document and what the log says about it.
type rendered struct {
	orgnl, id        string
	doc              []byte
	answered, booked int
}

// render answers in and writes both documents.
func render(in *iso20022.Initiation, cfg Config, now time.Time) ([]byte, rendered, error) {
	rep, ntf := Answer(in, cfg, now)
	var p2, c54 bytes.Buffer
	if err := iso20022.WritePain002(&p2, rep); err != nil {
		return nil, rendered{}, err
	}
	if err := iso20022.WriteCamt054(&c54, ntf); err != nil {
		return nil, rendered{}, err
	}
	return p2.Bytes(), rendered{orgnl: rep.OrgnlMsgID, id: ntf.MsgID, doc: c54.Bytes(),
		answered: len(rep.Items), booked: len(ntf.Entries)}, nil
}

func serveInquiry(w http.ResponseWriter, r *http.Request, cfg Config, log *slog.Logger) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		writeProblem(w, http.StatusUnsupportedMediaType, prakerja.CodeUnsupportedMedia, "Unsupported media type", "Send application/json.")
		return
	}
	var q inquiryRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, InquiryBodyMax))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&q); err != nil {
		writeProblem(w, http.StatusBadRequest, prakerja.CodeMalformed, "Malformed request", "The body must be one JSON object {provider, account, nik}.")
		return
	}
	h, err := cfg.Directory.Inquire(r.Context(), prakerja.AccountInquiry{Provider: q.Provider, Account: q.Account, NIK: q.NIK})
	if err != nil {
		writeProblem(w, http.StatusUnprocessableEntity, prakerja.ErrorCode(err), "Invalid inquiry", prakerja.ErrorMessage(err))
		return
	}
	log.Debug("inquiry", "provider", q.Provider, "found", h.Found, "closed", h.Closed, "kyc", h.KYC, "nik_matches", h.NIKMatches)
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(inquiryAnswer{Found: h.Found, Closed: h.Closed, KYC: h.KYC, NIKMatches: h.NIKMatches,
		HolderName: h.HolderName})
}
