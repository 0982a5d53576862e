package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/andybalholm/cascadia"
)

// Range picks everything between two elements, as Open Terms Archive range
// selectors do: exactly one start and exactly one end must be given.
type Range struct {
	StartBefore string `json:"startBefore,omitempty"`
	StartAfter  string `json:"startAfter,omitempty"`
	EndBefore   string `json:"endBefore,omitempty"`
	EndAfter    string `json:"endAfter,omitempty"`
}

// Selector is either a CSS selector or a Range.
type Selector struct {
	CSS   string
	Range *Range
}

// Selectors is a list of selectors. In JSON it accepts the shapes Open Terms
// Archive declarations use: null, one string, one range object, or a list of
// strings and range objects.
type Selectors []Selector

// Rules says how to pick the terms out of a page: the OTA source-document
// fields that matter for extraction.
type Rules struct {
	Select               Selectors `json:"select,omitempty"`
	Remove               Selectors `json:"remove,omitempty"`
	ExecuteClientScripts *bool     `json:"executeClientScripts,omitempty"`
	// AllowCrossSiteRedirect lets the page redirect to another site (a
	// platform whose terms live on its parent company's domain). Off by
	// default: a redirect elsewhere is more often a parked or hijacked page.
	AllowCrossSiteRedirect bool `json:"allowCrossSiteRedirect,omitempty"`
	// Filter keeps the names of OTA filters. Only the ones this engine knows
	// are applied; the rest are kept so that an export round-trips.
	Filter json.RawMessage `json:"filter,omitempty"`
}

// NeedsBrowser reports whether the rules ask for a page rendered by a browser.
func (r Rules) NeedsBrowser() bool {
	return r.ExecuteClientScripts != nil && *r.ExecuteClientScripts
}

// Validate checks that every CSS selector compiles and every range is whole.
func (r Rules) Validate() error {
	for _, part := range []struct {
		name string
		sels Selectors
	}{{"select", r.Select}, {"remove", r.Remove}} {
		for _, s := range part.sels {
			if err := s.Validate(); err != nil {
				return fmt.Errorf("%s: %w", part.name, err)
			}
		}
	}
	return nil
}

// Validate checks one selector.
func (s Selector) Validate() error {
	if s.Range == nil {
		if strings.TrimSpace(s.CSS) == "" {
			return fmt.Errorf("empty selector")
		}
		if _, err := cascadia.ParseGroup(s.CSS); err != nil {
			return fmt.Errorf("selector %q does not compile: %v", s.CSS, err)
		}
		return nil
	}
	r := s.Range
	starts, ends := 0, 0
	for _, v := range []string{r.StartBefore, r.StartAfter} {
		if v != "" {
			starts++
			if _, err := cascadia.ParseGroup(v); err != nil {
				return fmt.Errorf("range selector %q does not compile: %v", v, err)
			}
		}
	}
	for _, v := range []string{r.EndBefore, r.EndAfter} {
		if v != "" {
			ends++
			if _, err := cascadia.ParseGroup(v); err != nil {
				return fmt.Errorf("range selector %q does not compile: %v", v, err)
			}
		}
	}
	if starts != 1 || ends != 1 {
		return fmt.Errorf("a range needs exactly one of startBefore/startAfter and one of endBefore/endAfter")
	}
	return nil
}

// UnmarshalJSON accepts a string or a range object.
func (s *Selector) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &s.CSS)
	}
	if len(b) > 0 && b[0] == '{' {
		var r Range
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			return fmt.Errorf("range selector: %w", err)
		}
		s.Range = &r
		return nil
	}
	return fmt.Errorf("a selector is a string or a range object, not %s", truncate(string(b), 40))
}

// MarshalJSON writes a string or a range object.
func (s Selector) MarshalJSON() ([]byte, error) {
	if s.Range != nil {
		return json.Marshal(s.Range)
	}
	return json.Marshal(s.CSS)
}

// UnmarshalJSON accepts null, a string, a range object or a list of them.
func (ss *Selectors) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		*ss = nil
		return nil
	case b[0] == '[':
		var list []Selector
		if err := json.Unmarshal(b, &list); err != nil {
			return err
		}
		*ss = list
		return nil
	default:
		var one Selector
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*ss = Selectors{one}
		return nil
	}
}

// CSS builds plain CSS selectors, for callers that take strings.
func CSS(list ...string) Selectors {
	out := make(Selectors, 0, len(list))
	for _, s := range list {
		out = append(out, Selector{CSS: s})
	}
	return out
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
