package pii

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/sha256"
	"fmt"
	"sort"
	"sync"
)

// Keyring holds the keys of one deployment. It is safe for concurrent use;
// build one at start-up and share it.
type Keyring struct {
	active    string
	aeads     map[string]cipher.AEAD
	indexRoot []byte
	derived   sync.Map // HKDF info string -> []byte sub-key
}

func newKeyring(kf *KeyFile) (*Keyring, error) {
	if len(kf.EncryptionKeys) == 0 {
		return nil, errNoKeys
	}
	if len(kf.EncryptionKeys) > KeysMax {
		return nil, fmt.Errorf("key file has %d encryption keys, at most %d", len(kf.EncryptionKeys), KeysMax)
	}
	indexRoot, err := decodeKey("index_key", kf.IndexKey)
	if err != nil {
		return nil, err
	}
	k := &Keyring{active: kf.Active, aeads: map[string]cipher.AEAD{}, indexRoot: indexRoot}
	for _, id := range sortedIDs(kf.EncryptionKeys) {
		if !validKeyID(id) {
			return nil, fmt.Errorf("encryption key id %q: want 1-%d of [A-Za-z0-9._-]", id, KeyIDMax)
		}
		raw, err := decodeKey("encryption key "+id, kf.EncryptionKeys[id])
		if err != nil {
			return nil, err
		}
		// Reusing one secret for both roles would void the separation the
		// package documentation promises.
		if bytes.Equal(raw, indexRoot) {
			return nil, fmt.Errorf("encryption key %s equals the index key", id)
		}
		if k.aeads[id], err = newAEAD(raw); err != nil {
			return nil, fmt.Errorf("encryption key %s: %w", id, err)
		}
	}
	if _, ok := k.aeads[kf.Active]; !ok {
		return nil, fmt.Errorf("active key %q is not among the encryption keys", kf.Active)
	}
	return k, nil
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("new cipher: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("new gcm: %w", err)
	}
	return aead, nil
}

func sortedIDs(m map[string]string) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// ActiveKeyID returns the id of the key new values are sealed with.
func (k *Keyring) ActiveKeyID() string { return k.active }

// subKey returns the HKDF-SHA256 sub-key of the index root for info, cached:
// derivation costs two HMACs, a lookup costs a map read.
func (k *Keyring) subKey(info string) []byte {
	if v, ok := k.derived.Load(info); ok {
		return v.([]byte)
	}
	key, err := hkdf.Key(sha256.New, k.indexRoot, nil, info, keySize)
	if err != nil {
		// Only possible for a key length over 255*32 bytes.
		panic(fmt.Sprintf("pii: hkdf: %v", err))
	}
	v, _ := k.derived.LoadOrStore(info, key)
	return v.([]byte)
}
