package notify

import (
	"context"
	"io"
	"log/slog"
)

// Sender delivers one rendered message. An error means "not delivered, try
// again later"; its text may quote the remote server, so the dispatcher
// scrubs the recipient and secret from it before storing or logging it.
type Sender interface {
	Send(ctx context.Context, m Rendered) error
}

// LogSender writes messages to a structured log instead of delivering them,
// for development and the demo (which reads codes from the outbox itself).
// Lines hold the message id, channel, template and body with the code or
// link masked, never the recipient.
type LogSender struct {
	Logger *slog.Logger
}

// NewLogSender returns a LogSender writing JSON lines to w.
func NewLogSender(w io.Writer) *LogSender {
	return &LogSender{Logger: slog.New(slog.NewJSONHandler(w, nil))}
}

// Send logs m.
func (s *LogSender) Send(ctx context.Context, m Rendered) error {
	s.Logger.LogAttrs(ctx, slog.LevelInfo, "message delivered to log", slog.Any("message", m))
	return nil
}
