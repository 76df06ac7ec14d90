package notify

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"sync"
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
	buf    *lockedBuffer // nil: Logger writes through
}

// logBufferSize is the LogSender's write buffer: a few hundred lines, so a
// backlog of millions is written in large writes, not one per message.
const logBufferSize = 256 << 10

// NewLogSender returns a LogSender writing JSON lines to w through a
// buffer, which the dispatcher flushes (Flush) before it records the
// messages sent.
func NewLogSender(w io.Writer) *LogSender {
	buf := &lockedBuffer{w: bufio.NewWriterSize(w, logBufferSize)}
	return &LogSender{Logger: slog.New(slog.NewJSONHandler(buf, nil)), buf: buf}
}

// Send logs m.
func (s *LogSender) Send(ctx context.Context, m Rendered) error {
	s.Logger.LogAttrs(ctx, slog.LevelInfo, "message delivered to log", slog.Any("message", m))
	return nil
}

// Flush writes out the buffered lines.
func (s *LogSender) Flush() error {
	if s.buf == nil {
		return nil
	}
	return s.buf.Flush()
}

// lockedBuffer is a bufio.Writer that Send and Flush may use at once.
type lockedBuffer struct {
	mu sync.Mutex
	w  *bufio.Writer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Write(p)
}

func (b *lockedBuffer) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Flush()
}
