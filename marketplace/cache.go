package marketplace

import (
	"sync"

	"github.com/prakerja/prakerja"
)

// schemeCacheMax bounds the remembered participants' schemes; past it the
// map starts over, which costs only a store read per participant.
const schemeCacheMax = 1 << 16

// readCache remembers rows that never change once written, so the two
// requests of a purchase do not read them again: platforms (inserted, never
// updated or deleted) and the scheme of a participant's wave (fixed when
// the card is issued). A miss always reads the store, so a platform added
// by another node is found at once.
type readCache struct {
	mu        sync.RWMutex
	platforms map[string]*prakerja.Platform // by slug
	schemes   map[int64]string              // by registration id
}

func newReadCache() *readCache {
	return &readCache{platforms: map[string]*prakerja.Platform{}, schemes: map[int64]string{}}
}

// platform returns a copy of the cached platform, so a caller cannot change
// what the next request sees.
func (c *readCache) platform(slug string) (*prakerja.Platform, bool) {
	c.mu.RLock()
	p, ok := c.platforms[slug]
	c.mu.RUnlock()
	if !ok {
		return nil, false
	}
	cp := *p
	return &cp, true
}

// putPlatforms remembers every platform of a full read.
func (c *readCache) putPlatforms(all []*prakerja.Platform) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range all {
		if len(c.platforms) >= schemeCacheMax {
			return
		}
		cp := *p
		c.platforms[p.Slug] = &cp
	}
}

func (c *readCache) scheme(regID int64) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	name, ok := c.schemes[regID]
	return name, ok
}

func (c *readCache) putScheme(regID int64, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.schemes) >= schemeCacheMax {
		clear(c.schemes)
	}
	c.schemes[regID] = name
}
