package main

import (
	"fmt"
	"os"

	"github.com/prakerja/prakerja/onlinetest"
	"github.com/prakerja/prakerja/registration"
)

// useTestBank gives the registration service the online test's question
// bank from file; "" keeps the built-in bank. The file is checked whole at
// start, so a broken bank stops serve instead of failing the first
// registrant who starts the test.
func useTestBank(regs *registration.Service, file string) error {
	if file == "" {
		return nil
	}
	info, err := os.Stat(file)
	if err != nil {
		return fmt.Errorf("test bank: %w", err)
	}
	if info.Size() > onlinetest.FileSizeMax {
		return fmt.Errorf("test bank %s: %d bytes, over %d", file, info.Size(), onlinetest.FileSizeMax)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("test bank: %w", err)
	}
	b, err := onlinetest.Parse(data, file)
	if err != nil {
		return err
	}
	regs.UseTestBank(b)
	return nil
}
