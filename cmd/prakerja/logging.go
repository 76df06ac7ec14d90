package main

import (
	"io"
	"log/slog"
	"strings"
)

// newLogger returns the JSON logger every long-running command uses. Log
// lines never carry personal data: handlers and services log ids and codes,
// not values.
func newLogger(w io.Writer, level string) *slog.Logger {
	var lv slog.Level
	switch strings.ToLower(level) {
	case "debug":
		lv = slog.LevelDebug
	case "warn":
		lv = slog.LevelWarn
	case "error":
		lv = slog.LevelError
	default:
		lv = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: lv}))
}
