package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"fineprint/backend/extract"
)

// Limits on an imported declaration file. The largest real collection has a
// few hundred services of at most a dozen documents each; anything far
// beyond that is a mistake or an attack on the picker.
const (
	MaxDeclarationBytes = 32 << 20
	MaxServices         = 5000
)

// ParseDeclarations reads Open Terms Archive declarations and turns each
// service into a Platform in the "imported" category.
//
// It accepts one declaration or an array of them, in either of two shapes:
//
//   - the official file shape, {"name": …, "terms": {"Terms of Service":
//     {"fetch": …, "select": …, "combine": […]}}} ("documents" is read as an
//     older name for "terms"), where combine items inherit the fields they
//     leave out from their parent, as the OTA engine does;
//   - the converted shape, {"service": …, "id": …, "terms": [{"type": …,
//     "url": …, "select": …, "combine": […]}]}.
//
// The platform id is a slug of the OTA service id (the "id" field, or the
// name with ":", "/" and "\" replaced by "-" as OTA names its files), and the
// OTA id itself is kept as an alias so that version histories filed under it
// can be matched. Every problem is reported as a *FieldError naming the
// service and the field.
func ParseDeclarations(data []byte) ([]Platform, error) {
	if len(data) > MaxDeclarationBytes {
		return nil, fieldErr("", "", ErrTooLarge, "%d bytes, at most %d", len(data), MaxDeclarationBytes)
	}
	data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("\uFEFF"))
	if err := checkJSON(data); err != nil {
		return nil, err
	}
	var items []json.RawMessage
	switch data[0] {
	case '[':
		if err := json.Unmarshal(data, &items); err != nil {
			return nil, &FieldError{Kind: ErrMalformed, Err: err}
		}
		if len(items) > MaxServices {
			return nil, fieldErr("", "", ErrTooLarge, "%d services, at most %d", len(items), MaxServices)
		}
	case '{':
		items = []json.RawMessage{data}
	default:
		return nil, fieldErr("", "", ErrWrongType, "expected a declaration object or an array of them")
	}
	out := make([]Platform, 0, len(items))
	seen := map[string]string{}
	for i, raw := range items {
		p, err := parseDeclaration(i, raw)
		if err != nil {
			return nil, err
		}
		if other, ok := seen[p.ID]; ok {
			return nil, fieldErr(p.Name, "id", ErrDuplicate, "id %q is also the id of service %q", p.ID, other)
		}
		seen[p.ID] = p.Name
		// The parser should only build valid platforms; checking again keeps
		// that promise even if the two drift apart.
		if err := p.Validate(); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func checkJSON(data []byte) error {
	if len(data) == 0 {
		return fieldErr("", "", ErrMalformed, "empty input")
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&v); err != nil {
		return &FieldError{Kind: ErrMalformed, Err: err}
	}
	if dec.More() {
		return fieldErr("", "", ErrMalformed, "trailing data after the JSON value")
	}
	return nil
}

// field is one member of a JSON object, kept in file order: the order of a
// declaration's terms is the order the picker shows them in.
type field struct {
	key string
	val json.RawMessage
}

type object []field

func (o object) get(key string) (json.RawMessage, bool) {
	for _, f := range o {
		if f.key == key {
			return f.val, true
		}
	}
	return nil, false
}

// parseObject reads a JSON object, refusing duplicate keys, which
// encoding/json would silently resolve to the last one.
func parseObject(raw json.RawMessage) (object, error) {
	if jsonKind(raw) != '{' {
		return nil, fmt.Errorf("expected an object, got %s", describe(raw))
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	var o object
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		if _, dup := o.get(key); dup {
			return nil, fmt.Errorf("key %q appears twice", key)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		o = append(o, field{key, v})
	}
	return o, nil
}

func jsonKind(raw json.RawMessage) byte {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0
	}
	return raw[0]
}

func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

func describe(raw json.RawMessage) string {
	switch jsonKind(raw) {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case 0:
		return "nothing"
	default:
		return "a number"
	}
}

// decl is what both shapes boil down to.
type decl struct {
	who  string // for error messages until the name is known
	name string
	id   string
	docs []Document
}

func parseDeclaration(i int, raw json.RawMessage) (Platform, error) {
	d := decl{who: fmt.Sprintf("#%d", i+1)}
	obj, err := parseObject(raw)
	if err != nil {
		return Platform{}, &FieldError{Service: d.who, Kind: wrongOrMalformed(raw), Err: err}
	}
	// "service" only exists in the converted shape and "name" only in the
	// official one; with neither, an array of terms gives the shape away.
	terms, hasTerms := obj.get("terms")
	_, hasService := obj.get("service")
	_, hasName := obj.get("name")
	converted := hasService || (!hasName && hasTerms && jsonKind(terms) == '[')
	if converted {
		err = d.parseConverted(obj)
	} else {
		err = d.parseOfficial(obj)
	}
	if err != nil {
		return Platform{}, err
	}
	p := Platform{
		ID:        Slug(d.id),
		Name:      d.name,
		Category:  CategoryImported,
		Aliases:   []string{d.id},
		Documents: d.docs,
	}
	if len(d.docs) > 0 {
		if u, err := url.Parse(d.docs[0].Sources[0].URL); err == nil {
			p.Homepage = u.Scheme + "://" + u.Host
		}
	}
	return p, nil
}

func wrongOrMalformed(raw json.RawMessage) error {
	if jsonKind(raw) != '{' {
		return ErrWrongType
	}
	return ErrMalformed
}

// setIdentity reads the service's name and OTA id. An explicit id must be a
// plain file name; one derived from the name is made into one, as OTA does.
func (d *decl) setIdentity(obj object, nameKey string) error {
	name, err := d.str(obj, nameKey, nameKey, true)
	if err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	if err := checkName(name); err != nil {
		return &FieldError{Service: d.who, Field: nameKey, Kind: kindOf(err), Err: err}
	}
	d.name, d.who = name, name
	id, err := d.str(obj, "id", "id", false)
	if err != nil {
		return err
	}
	if id == "" {
		d.id = strings.NewReplacer(":", "-", "/", "-", "\\", "-").Replace(name)
		return nil
	}
	if err := checkName(id); err != nil {
		return &FieldError{Service: d.who, Field: "id", Kind: kindOf(err), Err: err}
	}
	if strings.ContainsAny(id, "/\\") || strings.Contains(id, "..") {
		return fieldErr(d.who, "id", ErrBadID, "%q holds a path separator or \"..\"", id)
	}
	for _, r := range id {
		if unicode.IsControl(r) {
			return fieldErr(d.who, "id", ErrBadID, "%q holds a control character", id)
		}
	}
	d.id = id
	return nil
}

// str reads an optional or required string member; null counts as absent.
func (d *decl) str(obj object, key, path string, required bool) (string, error) {
	raw, ok := obj.get(key)
	if !ok || isNull(raw) {
		if required {
			return "", fieldErr(d.who, path, ErrMissing, "")
		}
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fieldErr(d.who, path, ErrWrongType, "expected a string, got %s", describe(raw))
	}
	return s, nil
}

func (d *decl) parseConverted(obj object) error {
	if err := d.setIdentity(obj, "service"); err != nil {
		return err
	}
	raw, ok := obj.get("terms")
	if !ok || isNull(raw) {
		return nil
	}
	var terms []json.RawMessage
	if jsonKind(raw) != '[' || json.Unmarshal(raw, &terms) != nil {
		return fieldErr(d.who, "terms", ErrWrongType, "expected an array, got %s", describe(raw))
	}
	if len(terms) > MaxDocuments {
		return fieldErr(d.who, "terms", ErrTooLarge, "%d documents, at most %d", len(terms), MaxDocuments)
	}
	for i, t := range terms {
		path := fmt.Sprintf("terms[%d]", i)
		o, err := parseObject(t)
		if err != nil {
			return &FieldError{Service: d.who, Field: path, Kind: wrongOrMalformed(t), Err: err}
		}
		typ, err := d.str(o, "type", path+".type", true)
		if err != nil {
			return err
		}
		if err := d.addDocument(typ, o, "url", path); err != nil {
			return err
		}
	}
	return nil
}

func (d *decl) parseOfficial(obj object) error {
	if err := d.setIdentity(obj, "name"); err != nil {
		return err
	}
	key := "terms"
	raw, ok := obj.get(key)
	if old, hasOld := obj.get("documents"); hasOld {
		if ok {
			return fieldErr(d.who, "documents", ErrDuplicate, "both terms and documents are given")
		}
		key, raw, ok = "documents", old, true
	}
	if !ok || isNull(raw) {
		return fieldErr(d.who, "terms", ErrMissing, "")
	}
	terms, err := parseObject(raw)
	if err != nil {
		return &FieldError{Service: d.who, Field: key, Kind: wrongOrMalformed(raw), Err: err}
	}
	if len(terms) > MaxDocuments {
		return fieldErr(d.who, key, ErrTooLarge, "%d documents, at most %d", len(terms), MaxDocuments)
	}
	for _, t := range terms {
		path := fmt.Sprintf("%s[%q]", key, t.key)
		o, err := parseObject(t.val)
		if err != nil {
			return &FieldError{Service: d.who, Field: path, Kind: wrongOrMalformed(t.val), Err: err}
		}
		if err := d.addDocument(t.key, o, "fetch", path); err != nil {
			return err
		}
	}
	return nil
}

// partial is a source as written, before combine items inherit from their
// parent: a field left out (or null) is taken from the parent, as the OTA
// engine's `??` does.
type partial struct {
	url                       string
	rules                     extract.Rules
	hasURL, hasSelect, hasRem bool
	hasScripts, hasFilter     bool
}

func (d *decl) addDocument(typ string, o object, urlKey, path string) error {
	typ = strings.TrimSpace(typ)
	if err := checkName(typ); err != nil {
		return &FieldError{Service: d.who, Field: path + ".type", Kind: kindOf(err), Err: err}
	}
	for _, doc := range d.docs {
		if doc.Type == typ {
			return fieldErr(d.who, path+".type", ErrDuplicate, "%q appears twice", typ)
		}
	}
	parent, err := d.parsePartial(o, urlKey, path)
	if err != nil {
		return err
	}
	var sources []Source
	raw, ok := o.get("combine")
	if ok && !isNull(raw) {
		var items []json.RawMessage
		if jsonKind(raw) != '[' || json.Unmarshal(raw, &items) != nil {
			return fieldErr(d.who, path+".combine", ErrWrongType, "expected an array, got %s", describe(raw))
		}
		if len(items) > MaxSources {
			return fieldErr(d.who, path+".combine", ErrTooLarge, "%d sources, at most %d", len(items), MaxSources)
		}
		for i, it := range items {
			ipath := fmt.Sprintf("%s.combine[%d]", path, i)
			io, err := parseObject(it)
			if err != nil {
				return &FieldError{Service: d.who, Field: ipath, Kind: wrongOrMalformed(it), Err: err}
			}
			p, err := d.parsePartial(io, urlKey, ipath)
			if err != nil {
				return err
			}
			s, err := d.finish(p.inherit(parent), ipath+"."+urlKey)
			if err != nil {
				return err
			}
			sources = append(sources, s)
		}
	}
	if len(sources) == 0 {
		s, err := d.finish(parent, path+"."+urlKey)
		if err != nil {
			return err
		}
		sources = []Source{s}
	}
	d.docs = append(d.docs, Document{Type: typ, Sources: sources})
	return nil
}

func (p partial) inherit(parent partial) partial {
	if !p.hasURL {
		p.url, p.hasURL = parent.url, parent.hasURL
	}
	if !p.hasSelect {
		p.rules.Select = parent.rules.Select
	}
	if !p.hasRem {
		p.rules.Remove = parent.rules.Remove
	}
	if !p.hasScripts {
		p.rules.ExecuteClientScripts = parent.rules.ExecuteClientScripts
	}
	if !p.hasFilter {
		p.rules.Filter = parent.rules.Filter
	}
	return p
}

func (d *decl) finish(p partial, urlPath string) (Source, error) {
	if !p.hasURL {
		return Source{}, fieldErr(d.who, urlPath, ErrMissing, "")
	}
	if err := checkURL(p.url); err != nil {
		return Source{}, &FieldError{Service: d.who, Field: urlPath, Kind: ErrBadURL, Err: err}
	}
	return Source{URL: p.url, Rules: p.rules}, nil
}

func (d *decl) parsePartial(o object, urlKey, path string) (partial, error) {
	var p partial
	u, err := d.str(o, urlKey, path+"."+urlKey, false)
	if err != nil {
		return p, err
	}
	p.url, p.hasURL = strings.TrimSpace(u), u != ""
	for _, sel := range []struct {
		key string
		dst *extract.Selectors
		has *bool
	}{{"select", &p.rules.Select, &p.hasSelect}, {"remove", &p.rules.Remove, &p.hasRem}} {
		raw, ok := o.get(sel.key)
		if !ok || isNull(raw) {
			continue
		}
		if err := json.Unmarshal(raw, sel.dst); err != nil {
			return p, &FieldError{Service: d.who, Field: path + "." + sel.key, Kind: ErrWrongType, Err: err}
		}
		for i, s := range *sel.dst {
			if err := s.Validate(); err != nil {
				return p, &FieldError{Service: d.who, Field: fmt.Sprintf("%s.%s[%d]", path, sel.key, i), Kind: ErrBadSelector, Err: err}
			}
		}
		*sel.has = true
	}
	if raw, ok := o.get("executeClientScripts"); ok && !isNull(raw) {
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return p, fieldErr(d.who, path+".executeClientScripts", ErrWrongType, "expected a boolean, got %s", describe(raw))
		}
		p.rules.ExecuteClientScripts, p.hasScripts = &b, true
	}
	if raw, ok := o.get("filter"); ok && !isNull(raw) {
		f, err := checkFilter(raw)
		if err != nil {
			return p, &FieldError{Service: d.who, Field: path + ".filter", Kind: ErrWrongType, Err: err}
		}
		p.rules.Filter, p.hasFilter = f, true
	}
	return p, nil
}

// checkFilter accepts the OTA filter shape, a list of filter names or
// {name: params} objects, and returns it compacted. The filters themselves
// are not run here; only their names travel with the source.
func checkFilter(raw json.RawMessage) (json.RawMessage, error) {
	var items []json.RawMessage
	if jsonKind(raw) != '[' || json.Unmarshal(raw, &items) != nil {
		return nil, fmt.Errorf("expected an array of filter names, got %s", describe(raw))
	}
	for i, it := range items {
		switch jsonKind(it) {
		case '"':
			var name string
			if err := json.Unmarshal(it, &name); err != nil || strings.TrimSpace(name) == "" {
				return nil, fmt.Errorf("filter %d has an empty name", i)
			}
		case '{':
			if _, err := parseObject(it); err != nil {
				return nil, fmt.Errorf("filter %d: %w", i, err)
			}
		default:
			return nil, fmt.Errorf("filter %d is %s, not a name or an object", i, describe(it))
		}
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Slug turns a service's name or OTA id into a platform id: accents folded to ASCII,
// lowercase, every other run of characters a single hyphen. An id with no
// Latin letters or digits at all gets a stable hash instead of an empty slug.
func Slug(id string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(id) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		default:
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteRune(r)
	}
	s := b.String()
	if len(s) > MaxIDLen {
		s = strings.TrimRight(s[:MaxIDLen], "-")
	}
	if s == "" {
		h := fnv.New32a()
		h.Write([]byte(id))
		s = fmt.Sprintf("service-%08x", h.Sum32())
	}
	return s
}
