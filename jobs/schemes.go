package jobs

import (
	"fmt"
	"sync"

	"github.com/prakerja/prakerja/scheme"
)

// schemesMax bounds the cache; there are a handful of schemes.
const schemesMax = 64

// schemes finds a wave's scheme by name, once per name: the server's own
// scheme (which may come from a file) for its name, a built-in otherwise.
type schemes struct {
	own *scheme.Scheme
	mu  sync.Mutex
	by  map[string]*scheme.Scheme
}

func newSchemes(own *scheme.Scheme) *schemes {
	return &schemes{own: own, by: map[string]*scheme.Scheme{}}
}

// get returns the scheme called name.
func (s *schemes) get(name string) (*scheme.Scheme, error) {
	if s.own != nil && s.own.Name == name {
		return s.own, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sch, ok := s.by[name]; ok {
		return sch, nil
	}
	sch, err := scheme.Builtin(name)
	if err != nil {
		return nil, fmt.Errorf("scheme of the wave: %w", err)
	}
	if len(s.by) < schemesMax {
		s.by[name] = sch
	}
	return sch, nil
}
