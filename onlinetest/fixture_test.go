package onlinetest

import (
	"testing"
	"time"
)

// smallBank is a valid bank small enough to count lines in: the parse tests
// name lines of this text.
const smallBank = `name: "kecil"
version: 1
title: {id: "Tes kecil", en: "Small test"}
rules:
  questions_per_attempt: 3
  time_limit: 10m
  pass_percent: 50
  attempts_max: 2
  retake_wait: 1h
sections:
  - id: hitung
    title: {id: "Hitung", en: "Counting"}
    draw: 2
    scored: true
  - id: motif
    title: {id: "Motivasi", en: "Motivation"}
    draw: 1
    scored: false
questions:
  - id: h1
    section: hitung
    kind: choice
    text: {id: "1 + 1 = ?", en: "1 + 1 = ?"}
    options:
      - text: {id: "2", en: "2"}
        correct: true
      - text: {id: "3", en: "3"}
  - id: h2
    section: hitung
    kind: choice
    text: {id: "2 × 3 = ?", en: "2 × 3 = ?"}
    options:
      - text: {id: "5", en: "5"}
      - text: {id: "6", en: "6"}
        correct: true
      - text: {id: "8", en: "8"}
  - id: h3
    section: hitung
    kind: choice
    text: {id: "10 - 4 = ?", en: "10 - 4 = ?"}
    options:
      - text: {id: "6", en: "6"}
        correct: true
      - text: {id: "4", en: "4"}
  - id: m1
    section: motif
    kind: likert
    text: {id: "Saya suka belajar.", en: "I like learning."}
    options:
      - text: {id: "Tidak", en: "No"}
        points: 0
      - text: {id: "Ya", en: "Yes"}
        points: 2
`

// t0 is a fixed start time for attempts in tests.
var t0 = time.Date(2020, 4, 11, 9, 0, 0, 0, time.UTC)

// MustParse parses data or fails the test.
func MustParse(tb testing.TB, data string) *Bank {
	tb.Helper()
	b, err := Parse([]byte(data), "test.yaml")
	if err != nil {
		tb.Fatalf("Parse: %v", err)
	}
	return b
}

// testSeed returns a fixed seed that differs by n.
func testSeed(n byte) Seed {
	var s Seed
	for i := range s {
		s[i] = n + byte(i)
	}
	return s
}
