// Package catalog holds the built-in list of platforms people rely on and the
// documents of each that Fineprint can watch, and reads Open Terms Archive
// declarations into the same shape.
package catalog

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"fineprint/backend/extract"
)

// Category groups platforms in the picker.
type Category struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Source is one page of a document: where it is and how to pick the terms
// out of it.
type Source struct {
	URL string `json:"url"`
	extract.Rules
}

// Document is one kind of terms of a platform (its terms of service, its
// privacy policy, ...). Most have one source; multi-page terms have several,
// joined in order.
type Document struct {
	Type    string   `json:"type"`
	Sources []Source `json:"sources"`
}

// Platform is a service a person relies on.
type Platform struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Company   string     `json:"company,omitempty"`
	Category  string     `json:"category"`
	Homepage  string     `json:"homepage,omitempty"`
	Aliases   []string   `json:"aliases,omitempty"`
	Documents []Document `json:"documents"`
}

// Catalog is an immutable set of platforms.
type Catalog struct {
	platforms []Platform
	byID      map[string]int
	// byKey finds a platform by id, name or alias. Ids win over names and
	// names over aliases, so that no entry can shadow another's id.
	byKey map[string]int
	// sorted and haystack are derived once the catalog is built, because the
	// picker searches on every keystroke.
	sorted   []Platform
	haystack [][]string
}

//go:embed platforms.json
var builtinJSON []byte

var (
	builtinOnce sync.Once
	builtin     *Catalog
	builtinErr  error

	// The categories are read apart from the platforms because building a
	// catalog needs their labels, including while the built-in one is built.
	categoriesOnce sync.Once
	categories     []Category
	categoryLabels map[string]string
	categoriesErr  error
)

type file struct {
	Categories []Category `json:"categories"`
	Platforms  []Platform `json:"platforms"`
}

// Builtin returns the catalog shipped with the app. It panics if the embedded
// file is broken, which the package tests rule out.
func Builtin() *Catalog {
	builtinOnce.Do(func() {
		var f file
		if builtinErr = json.Unmarshal(builtinJSON, &f); builtinErr == nil {
			builtin, builtinErr = New(f.Platforms)
		}
	})
	if builtinErr != nil {
		panic(fmt.Sprintf("catalog: embedded platforms.json: %v", builtinErr))
	}
	return builtin
}

func loadCategories() {
	categoriesOnce.Do(func() {
		var f struct {
			Categories []Category `json:"categories"`
		}
		if categoriesErr = json.Unmarshal(builtinJSON, &f); categoriesErr != nil {
			return
		}
		categories = f.Categories
		categoryLabels = make(map[string]string, len(categories))
		for _, c := range categories {
			categoryLabels[c.ID] = c.Label
		}
	})
	if categoriesErr != nil {
		panic(fmt.Sprintf("catalog: embedded platforms.json: %v", categoriesErr))
	}
}

// CategoryImported is the category of platforms read from Open Terms Archive
// declarations.
const CategoryImported = "imported"

// Categories lists the categories in display order.
func Categories() []Category {
	loadCategories()
	return append([]Category(nil), categories...)
}

// CategoryLabel gives a category's display label, or the id itself.
func CategoryLabel(id string) string {
	loadCategories()
	if l, ok := categoryLabels[id]; ok {
		return l
	}
	return id
}

// New builds a catalog, refusing duplicate ids.
func New(ps []Platform) (*Catalog, error) {
	c := &Catalog{byID: map[string]int{}}
	for _, p := range ps {
		if err := c.add(p, false); err != nil {
			return nil, err
		}
	}
	c.index()
	return c, nil
}

func (c *Catalog) index() {
	c.byKey = make(map[string]int, 3*len(c.platforms))
	for i, p := range c.platforms {
		c.byKey[key(p.ID)] = i
	}
	claim := func(k string, i int) {
		if k = key(k); k == "" {
			return
		}
		if _, taken := c.byKey[k]; !taken {
			c.byKey[k] = i
		}
	}
	for i, p := range c.platforms {
		claim(p.Name, i)
	}
	for i, p := range c.platforms {
		for _, a := range p.Aliases {
			claim(a, i)
		}
	}
	c.sorted = append([]Platform(nil), c.platforms...)
	sort.SliceStable(c.sorted, func(i, j int) bool { return key(c.sorted[i].Name) < key(c.sorted[j].Name) })
	c.haystack = make([][]string, len(c.sorted))
	for i, p := range c.sorted {
		hay := []string{key(p.ID), key(p.Name), key(p.Company), key(CategoryLabel(p.Category))}
		for _, a := range p.Aliases {
			hay = append(hay, key(a))
		}
		c.haystack[i] = hay
	}
}

func key(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func (c *Catalog) add(p Platform, replace bool) error {
	if p.ID == "" {
		return fieldErr(p.Name, "id", ErrMissing, "")
	}
	if i, ok := c.byID[key(p.ID)]; ok {
		if !replace {
			return fieldErr(p.Name, "id", ErrDuplicate, "platform id %q is taken", p.ID)
		}
		c.platforms[i] = p
		return nil
	}
	c.platforms = append(c.platforms, p)
	c.byID[key(p.ID)] = len(c.platforms) - 1
	return nil
}

// With returns a new catalog with extra platforms added; one whose id is
// already taken (ignoring case) replaces the earlier entry in place. Entries
// without an id are skipped.
func (c *Catalog) With(extra []Platform) *Catalog {
	n := &Catalog{byID: map[string]int{}}
	for _, p := range c.platforms {
		_ = n.add(p, true)
	}
	for _, p := range extra {
		_ = n.add(p, true)
	}
	n.index()
	return n
}

// Platforms lists every platform, sorted by name.
func (c *Catalog) Platforms() []Platform {
	return append([]Platform(nil), c.sorted...)
}

// Get finds a platform by id, name or alias, ignoring case.
func (c *Catalog) Get(idOrName string) (Platform, bool) {
	i, ok := c.byKey[key(idOrName)]
	if !ok {
		return Platform{}, false
	}
	return c.platforms[i], true
}

// Search lists the platforms whose name, company, id or alias contains the
// query (ignoring case), limited to a category when one is given.
func (c *Catalog) Search(query, category string) []Platform {
	q := key(query)
	var out []Platform
	for i, p := range c.sorted {
		if category != "" && p.Category != category {
			continue
		}
		if q == "" || matches(c.haystack[i], q) {
			out = append(out, p)
		}
	}
	return out
}

func matches(hay []string, q string) bool {
	for _, s := range hay {
		if strings.Contains(s, q) {
			return true
		}
	}
	return false
}

// Limits on a platform's fields. They keep an imported file from filling the
// picker with absurd entries and keep ids safe to use in file names.
const (
	MaxNameLen   = 200
	MaxIDLen     = 80
	MaxURLLen    = 2048
	MaxDocuments = 100
	MaxSources   = 100
)

// Validate checks that a platform can be watched: a slug id, a name, a
// category, and documents whose sources are http(s) URLs with selectors that
// compile. Document types must be distinct, as in an Open Terms Archive
// declaration, because a watch is keyed by platform and type.
func (p Platform) Validate() error {
	who := p.Name
	if who == "" {
		who = p.ID
	}
	if err := checkSlug(p.ID); err != nil {
		return &FieldError{Service: who, Field: "id", Kind: ErrBadID, Err: err}
	}
	if err := checkName(p.Name); err != nil {
		return &FieldError{Service: who, Field: "name", Kind: kindOf(err), Err: err}
	}
	if strings.TrimSpace(p.Category) == "" {
		return fieldErr(who, "category", ErrMissing, "")
	}
	if p.Homepage != "" {
		if err := checkURL(p.Homepage); err != nil {
			return &FieldError{Service: who, Field: "homepage", Kind: ErrBadURL, Err: err}
		}
	}
	for i, a := range p.Aliases {
		if err := checkName(a); err != nil {
			return &FieldError{Service: who, Field: fmt.Sprintf("aliases[%d]", i), Kind: kindOf(err), Err: err}
		}
	}
	if len(p.Documents) > MaxDocuments {
		return fieldErr(who, "documents", ErrTooLarge, "%d documents, at most %d", len(p.Documents), MaxDocuments)
	}
	types := map[string]bool{}
	for i, d := range p.Documents {
		field := fmt.Sprintf("documents[%d]", i)
		if err := checkName(d.Type); err != nil {
			return &FieldError{Service: who, Field: field + ".type", Kind: kindOf(err), Err: err}
		}
		if types[d.Type] {
			return fieldErr(who, field+".type", ErrDuplicate, "%q appears twice", d.Type)
		}
		types[d.Type] = true
		if len(d.Sources) == 0 {
			return fieldErr(who, field+".sources", ErrMissing, "a document needs at least one source")
		}
		if len(d.Sources) > MaxSources {
			return fieldErr(who, field+".sources", ErrTooLarge, "%d sources, at most %d", len(d.Sources), MaxSources)
		}
		for j, s := range d.Sources {
			sf := fmt.Sprintf("%s.sources[%d]", field, j)
			if err := checkURL(s.URL); err != nil {
				return &FieldError{Service: who, Field: sf + ".url", Kind: ErrBadURL, Err: err}
			}
			if err := s.Rules.Validate(); err != nil {
				return &FieldError{Service: who, Field: sf, Kind: ErrBadSelector, Err: err}
			}
		}
	}
	return nil
}

// errEmpty and errTooLong let checkName report its kind without a second
// return value.
var (
	errEmpty   = errors.New("is empty")
	errTooLong = fmt.Errorf("is longer than %d characters", MaxNameLen)
)

func kindOf(err error) error {
	if errors.Is(err, errTooLong) {
		return ErrTooLarge
	}
	return ErrMissing
}

func checkName(s string) error {
	if strings.TrimSpace(s) == "" {
		return errEmpty
	}
	if utf8.RuneCountInString(s) > MaxNameLen {
		return errTooLong
	}
	return nil
}

// checkSlug accepts what slug produces: lowercase ASCII letters, digits and
// inner hyphens, so an id is safe as a file or directory name.
func checkSlug(id string) error {
	if id == "" {
		return fmt.Errorf("is empty")
	}
	if len(id) > MaxIDLen {
		return fmt.Errorf("is longer than %d characters", MaxIDLen)
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return fmt.Errorf("%q has %q; an id is lowercase letters, digits and hyphens", id, r)
		}
	}
	if id[0] == '-' || id[len(id)-1] == '-' {
		return fmt.Errorf("%q starts or ends with a hyphen", id)
	}
	return nil
}

// checkURL accepts absolute http and https URLs with a host; anything else
// (file:, javascript:, relative paths) cannot be fetched safely.
func checkURL(raw string) error {
	if raw == "" {
		return fmt.Errorf("is empty")
	}
	if len(raw) > MaxURLLen {
		return fmt.Errorf("is longer than %d bytes", MaxURLLen)
	}
	for _, r := range raw {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Errorf("%q holds a space or control character", raw)
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q is not http or https", raw)
	}
	if u.Hostname() == "" {
		return fmt.Errorf("%q has no host", raw)
	}
	return nil
}
