// Package watchlist is the person's list of platforms: the catalog they pick
// from (built in, plus what they imported) and what they watch.
package watchlist

import (
	"context"
	"errors"
	"fineprint/backend/fetch"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"fineprint/backend/catalog"
	"fineprint/backend/extract"
	"fineprint/backend/store"
)

// ErrInvalid is returned for input a person must correct; the message says
// what is wrong.
var ErrInvalid = errors.New("invalid input")

// kindError is an error of a kind whose message is a sentence for people.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string        { return e.msg }
func (e *kindError) Is(target error) bool { return target == e.kind }

func invalid(format string, args ...any) error {
	return &kindError{ErrInvalid, fmt.Sprintf(format, args...)}
}

func unknown(format string, args ...any) error {
	return &kindError{ErrUnknown, fmt.Sprintf(format, args...)}
}

// ErrUnknown is returned for a platform that is neither in the catalog nor
// watched.
var ErrUnknown = errors.New("unknown platform")

// DocumentTypes are the document types offered when adding by URL, in the
// Open Terms Archive's words.
var DocumentTypes = []string{
	"Terms of Service",
	"Privacy Policy",
	"Acceptable Use Policy",
	"Community Guidelines",
	"Cookies Policy",
	"Commercial Terms",
	"Data Processing Agreement",
	"Developer Terms",
	"Copyright Claims Policy",
	"Trackers Policy",
	"Law Enforcement Guidelines",
	"Seller Warranty",
	"Other",
}

// Watchlist ties the catalog to the archive.
type Watchlist struct {
	Store *store.Store
}

// Catalog is the built-in catalog plus the platforms the user imported.
func (w Watchlist) Catalog(ctx context.Context) (*catalog.Catalog, error) {
	extra, err := w.Store.CatalogEntries(ctx)
	if err != nil {
		return nil, err
	}
	if len(extra) == 0 {
		return catalog.Builtin(), nil
	}
	return catalog.Builtin().With(extra), nil
}

// Lookup finds a platform by id, name or alias: among the watched ones
// first, then in the catalog.
func (w Watchlist) Lookup(ctx context.Context, name string) (catalog.Platform, bool, error) {
	ps, err := w.Store.Platforms(ctx)
	if err != nil {
		return catalog.Platform{}, false, err
	}
	c, err := w.Catalog(ctx)
	if err != nil {
		return catalog.Platform{}, false, err
	}
	cp, inCatalog := c.Get(name)
	for _, p := range ps {
		if strings.EqualFold(p.ID, name) || strings.EqualFold(p.Name, name) || (inCatalog && cp.ID == p.ID) {
			return catalog.Platform{ID: p.ID, Name: p.Name, Company: p.Company, Category: p.Category, Homepage: p.Homepage}, true, nil
		}
	}
	return cp, inCatalog, nil
}

// Resolve finds the id of a watched platform by id, name or catalog alias.
func (w Watchlist) Resolve(ctx context.Context, name string) (string, error) {
	p, ok, err := w.Lookup(ctx, name)
	if err != nil {
		return "", err
	}
	if ok {
		if watched, err := w.Store.IsWatched(ctx, p.ID); err != nil || watched {
			return p.ID, err
		}
	}
	return "", unknown("%q is not on your watchlist (see 'fineprint watch list')", name)
}

// Watch adds a catalog platform to the watchlist.
func (w Watchlist) Watch(ctx context.Context, idOrName string) (store.Platform, error) {
	c, err := w.Catalog(ctx)
	if err != nil {
		return store.Platform{}, err
	}
	p, ok := c.Get(idOrName)
	if !ok {
		return store.Platform{}, unknown("%q is not in the catalog; try 'fineprint catalog %s', or add it by URL with --name, --type and --url", idOrName, idOrName)
	}
	source := store.SourceCatalog
	if p.Category == catalog.CategoryImported {
		source = store.SourceImport
	}
	return w.Store.AddPlatform(ctx, p, source)
}

// URLRequest adds a platform by the URL of one of its documents.
type URLRequest struct {
	Name   string   `json:"name"`
	Type   string   `json:"type"`
	URL    string   `json:"url"`
	Select []string `json:"select"`
	Remove []string `json:"remove"`
}

// WatchURL adds one document by URL: to the platform of that name if it is
// watched, else to a new custom platform.
func (w Watchlist) WatchURL(ctx context.Context, r URLRequest) (store.Platform, error) {
	doc, err := r.document()
	if err != nil {
		return store.Platform{}, err
	}
	name := strings.TrimSpace(r.Name)
	ps, err := w.Store.Platforms(ctx)
	if err != nil {
		return store.Platform{}, err
	}
	for _, p := range ps {
		if strings.EqualFold(p.Name, name) || p.ID == name {
			for _, d := range p.Documents {
				if strings.EqualFold(d.Type, doc.Type) {
					return store.Platform{}, invalid("%s already has a %s (%s); remove it first to change its address", p.Name, d.Type, d.URL())
				}
			}
			if _, err := w.Store.AddDocument(ctx, p.ID, doc); err != nil {
				return store.Platform{}, err
			}
			return w.Store.Platform(ctx, p.ID)
		}
	}
	id := catalog.Slug(name)
	taken := map[string]bool{}
	c, err := w.Catalog(ctx)
	if err != nil {
		return store.Platform{}, err
	}
	for _, p := range c.Platforms() {
		taken[p.ID] = true
	}
	for _, p := range ps {
		taken[p.ID] = true
	}
	base := id
	for i := 2; taken[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	u, _ := url.Parse(doc.Sources[0].URL)
	return w.Store.AddPlatform(ctx, catalog.Platform{
		ID: id, Name: name, Category: "custom", Homepage: u.Scheme + "://" + u.Host, Documents: []catalog.Document{doc},
	}, store.SourceCustom)
}

func (r URLRequest) document() (catalog.Document, error) {
	name := strings.TrimSpace(r.Name)
	switch {
	case name == "":
		return catalog.Document{}, invalid("give the platform a name")
	case utf8.RuneCountInString(name) > 80:
		return catalog.Document{}, invalid("the name is longer than 80 characters")
	}
	typ := strings.TrimSpace(r.Type)
	if typ == "" {
		return catalog.Document{}, invalid("say what kind of document it is (for example %q)", DocumentTypes[0])
	}
	if utf8.RuneCountInString(typ) > 60 || strings.ContainsAny(typ, "/\\\n") {
		return catalog.Document{}, invalid("%q is not a document type", typ)
	}
	u, err := ValidateURL(r.URL)
	if err != nil {
		return catalog.Document{}, err
	}
	rules, err := r.Rules()
	if err != nil {
		return catalog.Document{}, err
	}
	return catalog.Document{Type: typ, Sources: []catalog.Source{{URL: u.String(), Rules: rules}}}, nil
}

// Rules are the extraction rules the request's selectors make (one per
// entry or per line, blanks dropped), checked to compile.
func (r URLRequest) Rules() (extract.Rules, error) {
	rules := extract.Rules{Select: extract.CSS(clean(r.Select)...), Remove: extract.CSS(clean(r.Remove)...)}
	if err := rules.Validate(); err != nil {
		return extract.Rules{}, invalid("%v", err)
	}
	return rules, nil
}

// ValidateURL accepts only absolute http and https addresses: a file:,
// javascript: or data: URL from a person's input never reaches the fetcher.
// The fetcher's own check decides; this adds the limits of stored input.
func ValidateURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, invalid("give the address of the page (https://…)")
	}
	if len(raw) > 2048 {
		return nil, invalid("the address is longer than 2048 characters")
	}
	u, err := fetch.ValidateURL(raw)
	if err != nil {
		return nil, invalid("%s", fetchMessage(err))
	}
	u.Fragment = ""
	return u, nil
}

// fetchMessage is the sentence of a fetch error, without its kind.
func fetchMessage(err error) string {
	var fe *fetch.Error
	if errors.As(err, &fe) && fe.Message != "" {
		return fe.Message
	}
	return err.Error()
}

func clean(list []string) []string {
	var out []string
	for _, s := range list {
		for _, part := range strings.Split(s, "\n") {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// Unwatch removes a platform from the watchlist; Restore undoes it.
func (w Watchlist) Unwatch(ctx context.Context, name string) (string, error) {
	id, err := w.Resolve(ctx, name)
	if err != nil {
		return "", err
	}
	return id, w.Store.RemovePlatform(ctx, id)
}

// ImportDeclarations adds Open Terms Archive declarations to the catalog.
func (w Watchlist) ImportDeclarations(ctx context.Context, data []byte) ([]catalog.Platform, error) {
	ps, err := catalog.ParseDeclarations(data)
	if err != nil {
		return nil, invalid("%v", err)
	}
	builtin := catalog.Builtin()
	var fresh []catalog.Platform
	for _, p := range ps {
		// A declaration for a platform the catalog already has would shadow
		// our curated entry; keep ours.
		if _, ok := builtin.Get(p.ID); ok {
			continue
		}
		if _, ok := builtin.Get(p.Name); ok {
			continue
		}
		fresh = append(fresh, p)
	}
	return fresh, w.Store.SaveCatalogEntries(ctx, fresh)
}
