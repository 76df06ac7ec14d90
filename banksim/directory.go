package banksim

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DirectoryMaxAccounts bounds a directory file: about one account per
// registrant of the largest wave, with room to spare.
const DirectoryMaxAccounts = 20_000_000

// directoryHeader is the directory file's header.
var directoryHeader = []string{"provider", "account", "nik_sha256", "holder_name", "kyc", "closed"}

var (
	providerPattern = regexp.MustCompile(`^[A-Z0-9_]{1,35}$`)
	accountPattern  = regexp.MustCompile(`^[A-Za-z0-9+./-]{1,34}$`)
	hashPattern     = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// DirectoryAccount is one account a simulated partner holds. The NIK is
// kept only as its SHA-256, because the directory file is test data that
// travels and a NIK is personal data.
type DirectoryAccount struct {
	Provider   string // partner code: BNI, OVO, …
	Account    string // account number or e-wallet phone
	NIKSHA256  string // hex SHA-256 of the holder's NIK; "" = unknown
	HolderName string
	KYC        bool // e-wallet: the holder completed full KYC (premium)
	Closed     bool
}

// Directory is the accounts of the simulated banks and e-wallets. It is
// not safe for concurrent Add; lookups may run concurrently once loaded.
type Directory struct {
	accounts map[string]DirectoryAccount
}

// DirectoryNIKHash is the hex SHA-256 of a NIK as the directory keeps it.
func DirectoryNIKHash(nik string) string {
	h := sha256.Sum256([]byte(nik))
	return hex.EncodeToString(h[:])
}

// NewDirectory returns an empty directory.
func NewDirectory() *Directory { return &Directory{accounts: map[string]DirectoryAccount{}} }

func directoryKey(provider, account string) string { return provider + "\x00" + account }

// Add adds or replaces an account after checking it.
func (d *Directory) Add(a DirectoryAccount) error {
	if err := checkAccount(&a); err != nil {
		return err
	}
	d.accounts[directoryKey(a.Provider, a.Account)] = a
	return nil
}

// Lookup finds an account.
func (d *Directory) Lookup(provider, account string) (DirectoryAccount, bool) {
	a, ok := d.accounts[directoryKey(provider, account)]
	return a, ok
}

// Len is the number of accounts.
func (d *Directory) Len() int { return len(d.accounts) }

// nikMatches compares in constant time, as a bank's inquiry would.
func (a *DirectoryAccount) nikMatches(nik string) bool {
	return nik != "" && a.NIKSHA256 != "" &&
		subtle.ConstantTimeCompare([]byte(DirectoryNIKHash(nik)), []byte(a.NIKSHA256)) == 1
}

// checkAccount validates an account; errors never quote its fields.
func checkAccount(a *DirectoryAccount) error {
	switch {
	case !providerPattern.MatchString(a.Provider):
		return errors.New("provider must be an upper-case partner code")
	case !accountPattern.MatchString(a.Account):
		return errors.New("account must be 1-34 characters of A-Z, a-z, 0-9, '+', '.', '/', '-'")
	case a.NIKSHA256 != "" && !hashPattern.MatchString(a.NIKSHA256):
		return errors.New("nik_sha256 must be 64 lower-case hex digits")
	case !utf8.ValidString(a.HolderName) || utf8.RuneCountInString(a.HolderName) > 140 ||
		strings.IndexFunc(a.HolderName, unicode.IsControl) >= 0:
		return errors.New("holder_name must be at most 140 characters without control characters")
	}
	return nil
}

// LoadDirectory reads a directory CSV file (see directoryHeader).
func LoadDirectory(path string) (*Directory, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("directory: %w", err)
	}
	defer f.Close()
	d, err := readDirectory(f)
	if err != nil {
		return nil, fmt.Errorf("directory %s: %w", filepath.Base(path), err)
	}
	return d, nil
}

func readDirectory(r io.Reader) (*Directory, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(directoryHeader)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil || strings.Join(head, ",") != strings.Join(directoryHeader, ",") {
		return nil, fmt.Errorf("header must be %s", strings.Join(directoryHeader, ","))
	}
	d := NewDirectory()
	for line := 2; ; line++ {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return d, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("line %d: %w", pe.Line, pe.Err)
		} else if err != nil {
			return nil, err
		}
		if d.Len() == DirectoryMaxAccounts {
			return nil, fmt.Errorf("more than %d accounts", DirectoryMaxAccounts)
		}
		a := DirectoryAccount{Provider: row[0], Account: row[1], NIKSHA256: row[2], HolderName: row[3]}
		if a.KYC, err = strconv.ParseBool(row[4]); err != nil {
			return nil, fmt.Errorf("line %d: kyc must be true or false", line)
		}
		if a.Closed, err = strconv.ParseBool(row[5]); err != nil {
			return nil, fmt.Errorf("line %d: closed must be true or false", line)
		}
		if _, dup := d.Lookup(a.Provider, a.Account); dup {
			return nil, fmt.Errorf("line %d: the account repeats an earlier line", line)
		}
		if err := d.Add(a); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
	}
}

// Save writes the directory sorted by provider and account, atomically:
// a temporary file in the same folder renamed over path, so a reader
// never sees half a directory.
func (d *Directory) Save(path string) error {
	keys := make([]string, 0, len(d.accounts))
	for k := range d.accounts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return writeAtomic(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		if err := cw.Write(directoryHeader); err != nil {
			return err
		}
		for _, k := range keys {
			a := d.accounts[k]
			if err := cw.Write([]string{a.Provider, a.Account, a.NIKSHA256, a.HolderName,
				strconv.FormatBool(a.KYC), strconv.FormatBool(a.Closed)}); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
}

// writeAtomic writes path through a temporary file and a rename.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", filepath.Base(path), err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", filepath.Base(path), err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("rename %s: %w", filepath.Base(path), err)
	}
	return nil
}
