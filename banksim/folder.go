package banksim

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/prakerja/prakerja/iso20022"
)

// Suffixes of the answers ProcessFolder writes. The pain.002 is written
// last, so its presence marks a file as answered.
const (
	SuffixPain002 = ".pain002.xml"
	SuffixCamt054 = ".camt054.xml"
)

// ProcessFolder answers every *.xml (pain.001) and *.csv (e-wallet batch)
// file in dir in that has no out/<base>.pain002.xml yet, writing
// out/<base>.camt054.xml and then out/<base>.pain002.xml, each through a
// temporary file and a rename. It is idempotent: answered files are
// skipped, and a crash between the two writes only means the file is
// answered again. A file that cannot be read is answered with a
// file-level RJCT (FF01) and no camt.054, as a bank does, so it is not
// retried forever; processed counts it too. Hidden and temporary files
// (".name", "*.tmp") are ignored, so producers can write atomically.
func ProcessFolder(in, out string, cfg Config, now time.Time) (processed int, err error) {
	names, err := pending(in, out)
	if err != nil {
		return 0, err
	}
	for _, name := range names {
		if err := processFile(filepath.Join(in, name), out, cfg, now); err != nil {
			return processed, fmt.Errorf("bank-sim: %s: %w", name, err)
		}
		processed++
	}
	return processed, nil
}

// pending lists the unanswered input files, sorted by name.
func pending(in, out string) ([]string, error) {
	entries, err := os.ReadDir(in)
	if err != nil {
		return nil, fmt.Errorf("bank-sim: read %s: %w", in, err)
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		ext := strings.ToLower(filepath.Ext(name))
		if !e.Type().IsRegular() || strings.HasPrefix(name, ".") || (ext != ".xml" && ext != ".csv") {
			continue
		}
		_, err := os.Stat(filepath.Join(out, base(name)+SuffixPain002))
		if err == nil {
			continue
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("bank-sim: %w", err)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}

// fileNamePattern is a file base name usable as a message id.
var fileNamePattern = regexp.MustCompile(`^[A-Za-z0-9/-]{1,35}$`)

func base(name string) string { return strings.TrimSuffix(name, filepath.Ext(name)) }

// processFile answers one input file.
func processFile(path, out string, cfg Config, now time.Time) error {
	body, err := readBounded(path)
	if err != nil {
		return err
	}
	isCSV := strings.EqualFold(filepath.Ext(path), ".csv")
	b := base(filepath.Base(path))
	in, readErr := readFile(body, isCSV)
	if readErr != nil {
		orgnl, name := derive("FILE", string(body)), iso20022.MsgNamePain001
		if isCSV {
			name = MsgNameEwalletCSV
		}
		if fileNamePattern.MatchString(b) {
			orgnl = b // the programme names a file by its message id
		}
		rep := Rejected(orgnl, name, now, readErr.Error())
		return writeAtomic(filepath.Join(out, b+SuffixPain002), func(w io.Writer) error { return iso20022.WritePain002(w, rep) })
	}
	if isCSV && fileNamePattern.MatchString(b) {
		in.MsgID = b // a CSV has no MsgId; the programme names the file by it
	}
	p2, c54, err := render(in, cfg, now)
	if err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(out, b+SuffixCamt054), bytesTo(c54.doc)); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(out, b+SuffixPain002), bytesTo(p2))
}

// bytesTo writes doc as writeAtomic's content.
func bytesTo(doc []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(doc))
		return err
	}
}

// readBounded reads a file of at most iso20022.MaxFileBytes; a larger
// one is read only that far, and the reader then refuses it as too large.
func readBounded(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, iso20022.MaxFileBytes+1))
}
