package http

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strings"

	"github.com/prakerja/prakerja"
)

const contentTypeJSON = "application/json"

// writeJSON answers v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	writeJSONAs(w, status, contentTypeJSON, v)
}

// writeJSONAs encodes v before writing any header, so an encoding failure
// (a bug) still yields a clean 500 instead of half a body.
func writeJSONAs(w http.ResponseWriter, status int, contentType string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"code":"internal"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// isJSONMediaType accepts application/json with an optional utf-8 charset;
// requiring it also forces a CORS preflight on cross-site browser requests,
// which is the API's protection against forged POSTs.
func isJSONMediaType(header string) bool {
	mt, params, err := mime.ParseMediaType(header)
	if err != nil || mt != contentTypeJSON {
		return false
	}
	cs, ok := params["charset"]
	return !ok || strings.EqualFold(cs, "utf-8")
}

// readBody reads at most limit bytes of the body. A body with content needs
// a JSON Content-Type (415); a longer one is 413.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	ct := r.Header.Get("Content-Type")
	if ct != "" && !isJSONMediaType(ct) {
		return nil, prakerja.Errorf(prakerja.CodeUnsupportedMedia, "Content-Type must be application/json.")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return nil, prakerja.Errorf(prakerja.CodeTooLarge, "The request body is larger than %d bytes.", limit)
	case err != nil:
		return nil, prakerja.Errorf(prakerja.CodeMalformed, "The request body could not be read.")
	}
	if len(body) > 0 && ct == "" {
		return nil, prakerja.Errorf(prakerja.CodeUnsupportedMedia, "Content-Type must be application/json.")
	}
	return body, nil
}

// decodeJSON decodes one JSON object into v, strictly: unknown fields,
// trailing data and wrong types are errors that name the place, so a client
// developer can fix the request from the message alone.
func decodeJSON(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return prakerja.Errorf(prakerja.CodeMalformed, "The request body is empty; send a JSON object.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(body, dec, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		line, col := lineCol(body, dec.InputOffset())
		return prakerja.Errorf(prakerja.CodeMalformed,
			"Unexpected data after the JSON object at line %d, column %d.", line, col)
	}
	return nil
}

// decodeOptionalJSON is decodeJSON for endpoints whose body may be empty.
func decodeOptionalJSON(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	return decodeJSON(body, v)
}

// decodeError turns a decoder error into a coded error with its position.
func decodeError(body []byte, dec *json.Decoder, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(body, syn.Offset)
		return prakerja.Errorf(prakerja.CodeMalformed, "Invalid JSON at line %d, column %d: %s.", line, col, syn.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		return prakerja.Errorf(prakerja.CodeMalformed, "The JSON body ends early (after %d bytes).", len(body))
	case errors.As(err, &typ) && typ.Field == "":
		return prakerja.Errorf(prakerja.CodeMalformed, "The request body must be a JSON object, not %s.", jsonValueKind(typ.Value))
	case errors.As(err, &typ):
		return &prakerja.Error{
			Code:    prakerja.CodeInvalid,
			Message: fmt.Sprintf("Field %q has the wrong type.", typ.Field),
			Fields: []prakerja.FieldError{{
				Field:   typ.Field,
				Code:    prakerja.CodeBadFormat,
				Message: fmt.Sprintf("Must be a %s, not a %s.", jsonKind(typ.Type.Kind().String()), jsonValueKind(typ.Value)),
			}},
		}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.TrimPrefix(err.Error(), "json: unknown field ")
		if !echoableField.MatchString(field) || digitRun.MatchString(field) {
			return prakerja.Errorf(prakerja.CodeMalformed, "The body has a field this request does not take.")
		}
		return prakerja.Errorf(prakerja.CodeMalformed, "Unknown field %s.", field)
	default:
		line, col := lineCol(body, dec.InputOffset())
		return prakerja.Errorf(prakerja.CodeMalformed, "Invalid JSON near line %d, column %d.", line, col)
	}
}

// echoableField and digitRun decide whether an unknown field's name may be
// quoted back: a short identifier, never a long key or one with a run of
// digits, which could be a NIK or a phone number a client sent as a key.
var (
	echoableField = regexp.MustCompile(`^"[A-Za-z_][A-Za-z0-9_.-]{0,39}"$`)
	digitRun      = regexp.MustCompile(`[0-9]{5}`)
)

// jsonValueKind keeps the kind of a decoder's value description ("number
// 3171…" becomes "number"): the value itself may be personal data.
func jsonValueKind(v string) string {
	kind, _, _ := strings.Cut(v, " ")
	return kind
}

// jsonKind names a Go kind the way a JSON client thinks of it.
func jsonKind(kind string) string {
	switch {
	case kind == "string":
		return "string"
	case kind == "bool":
		return "boolean"
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"), strings.HasPrefix(kind, "float"):
		return "number"
	default:
		return kind
	}
}

// lineCol converts the decoder's "bytes read so far" offset into the 1-based
// line and column of the last byte read, where the error was noticed.
func lineCol(body []byte, offset int64) (line, col int) {
	if len(body) == 0 {
		return 1, 1
	}
	offset = min(max(offset, 1), int64(len(body)))
	prefix := body[:offset-1]
	line = bytes.Count(prefix, []byte("\n")) + 1
	col = len(prefix) - bytes.LastIndexByte(prefix, '\n')
	return line, col
}
