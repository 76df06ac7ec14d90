// Package notify delivers the outbox: it claims due messages from the store,
// decrypts their recipient and parameters, renders them from embedded
// templates (Bahasa Indonesia by default, English on request) and hands
// them to a Sender per channel: SMTP for e-mail, an HTTP gateway for SMS,
// or a log for development.
//
// Delivery is at least once: a message whose sender crashed after sending
// but before it was marked sent goes out again when its lease ends. The SMS
// gateway receives an idempotency key per message so it can drop repeats.
//
// One-time codes and links are secrets. A Rendered message keeps its
// secret apart from the text so log lines and error reasons can mask it,
// and no log line or stored reason names the recipient.
package notify
