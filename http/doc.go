// Package http serves the registration stage of Kartu Prakerja over HTTP: a
// JSON API under /api/v1 (errors as RFC 9457 problem documents) and
// server-rendered pages that work without JavaScript on a cheap phone.
//
// Every handler calls the root services through their interfaces; this
// package holds no business rules, only the mapping between HTTP and the
// domain: status codes, cookies, idempotent replays, translations and logs
// that never carry personal data.
//
// OpsHandler serves the operator pages (backlog, duplicate flags, NIK
// disputes) and /metrics on a separate handler, so that they can listen on
// a private address apart from the public site.
package http
