package catalog

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestBuiltinSizeAndValidity(t *testing.T) {
	ps := Builtin().Platforms()
	if len(ps) < 60 {
		t.Fatalf("built-in catalog has %d platforms, want at least 60", len(ps))
	}
	for _, p := range ps {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
		if p.Company == "" || p.Homepage == "" {
			t.Errorf("%s: company and homepage are expected on built-in platforms", p.ID)
		}
		if p.Category == CategoryImported {
			t.Errorf("%s: built-in platforms are not in the imported category", p.ID)
		}
	}
}

func TestBuiltinURLsAreHTTPS(t *testing.T) {
	for _, p := range Builtin().Platforms() {
		urls := []string{p.Homepage}
		for _, d := range p.Documents {
			for _, s := range d.Sources {
				urls = append(urls, s.URL)
			}
		}
		for _, raw := range urls {
			u, err := url.Parse(raw)
			if err != nil {
				t.Errorf("%s: %q does not parse: %v", p.ID, raw, err)
				continue
			}
			if u.Scheme != "https" || u.Host == "" {
				t.Errorf("%s: %q is not an https URL with a host", p.ID, raw)
			}
		}
	}
}

func TestBuiltinSelectorsCompile(t *testing.T) {
	n := 0
	for _, p := range Builtin().Platforms() {
		for _, d := range p.Documents {
			for _, s := range d.Sources {
				n++
				if err := s.Rules.Validate(); err != nil {
					t.Errorf("%s %s %s: %v", p.ID, d.Type, s.URL, err)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no sources at all")
	}
}

// Every id, name and alias must point at one platform only; otherwise Get
// would silently return whichever came first.
func TestBuiltinKeysAreUnique(t *testing.T) {
	owner := map[string]string{}
	for _, p := range Builtin().Platforms() {
		keys := map[string]bool{}
		for _, k := range append([]string{p.ID, p.Name}, p.Aliases...) {
			keys[key(k)] = true
		}
		for k := range keys {
			if o, taken := owner[k]; taken {
				t.Errorf("%q is used by both %s and %s", k, o, p.ID)
			}
			owner[k] = p.ID
		}
	}
}

func TestBuiltinCategoriesAreListed(t *testing.T) {
	listed := map[string]bool{}
	for _, c := range Categories() {
		if listed[c.ID] {
			t.Errorf("category %q listed twice", c.ID)
		}
		listed[c.ID] = true
		if c.Label == "" {
			t.Errorf("category %q has no label", c.ID)
		}
	}
	if !listed[CategoryImported] || CategoryLabel(CategoryImported) != "Imported" {
		t.Errorf("the imported category must be listed with label Imported")
	}
	for _, p := range Builtin().Platforms() {
		if !listed[p.Category] {
			t.Errorf("%s: category %q is not listed", p.ID, p.Category)
		}
	}
}

// The document types of the built-in catalog are Open Terms Archive types,
// so that imported histories line up with them.
func TestBuiltinDocumentTypesAreOTATypes(t *testing.T) {
	known := map[string]bool{}
	for _, ty := range TermsTypes() {
		known[ty] = true
	}
	for _, p := range Builtin().Platforms() {
		if len(p.Documents) == 0 {
			t.Errorf("%s: no documents", p.ID)
		}
		for _, d := range p.Documents {
			if !known[d.Type] {
				t.Errorf("%s: %q is not an Open Terms Archive terms type", p.ID, d.Type)
			}
		}
	}
}

func TestMustIncludePlatforms(t *testing.T) {
	cases := []struct {
		name  string
		otaID string // the OTA service id, when a collection tracks it
		types []string
	}{
		{"Claude", "Claude.ai", []string{"Terms of Service", "Privacy Policy", "Acceptable Use Policy"}},
		{"ChatGPT", "ChatGPT", []string{"Terms of Service", "Privacy Policy", "Acceptable Use Policy"}},
		{"Gemini", "Google Generative AI Services", []string{"Terms of Service", "Privacy Policy", "Acceptable Use Policy"}},
		{"Facebook", "Facebook", []string{"Terms of Service", "Privacy Policy"}},
		{"Instagram", "Instagram", []string{"Terms of Service", "Privacy Policy"}},
		{"WhatsApp", "WhatsApp", []string{"Terms of Service", "Privacy Policy"}},
		{"Meta AI", "Meta AI", []string{"Terms of Service"}},
		{"Microsoft Copilot", "Microsoft Copilot", []string{"Terms of Service", "Privacy Policy", "Acceptable Use Policy"}},
		{"Apple", "Apple", []string{"Privacy Policy"}},
		{"Amazon", "Amazon.com", []string{"Terms of Service", "Privacy Policy"}},
		{"TikTok", "TikTok", []string{"Terms of Service", "Privacy Policy"}},
		{"X", "X", []string{"Terms of Service", "Privacy Policy"}},
		{"Reddit", "Reddit", []string{"Terms of Service", "Privacy Policy"}},
		{"Discord", "Discord", []string{"Terms of Service", "Privacy Policy"}},
		{"Zoom", "Zoom", []string{"Terms of Service", "Privacy Policy"}},
		{"LinkedIn", "LinkedIn", []string{"Terms of Service", "Privacy Policy"}},
		{"Spotify", "Spotify", []string{"Terms of Service", "Privacy Policy"}},
		{"PayPal", "PayPal", []string{"Terms of Service", "Privacy Policy"}},
		{"Coinbase", "Coinbase", []string{"Terms of Service", "Privacy Policy"}},
		{"Le Chat", "Le Chat", []string{"Terms of Service", "Privacy Policy", "Acceptable Use Policy"}},
		{"Perplexity", "Perplexity", []string{"Terms of Service", "Privacy Policy", "Acceptable Use Policy"}},
		{"Signal", "Signal", []string{"Terms of Service", "Privacy Policy"}},
		{"Google", "Google", []string{"Terms of Service", "Privacy Policy"}},
		{"Microsoft", "Microsoft", []string{"Terms of Service", "Privacy Policy"}},
		{"Target", "", []string{"Terms of Service", "Privacy Policy"}},
		{"Target RedCard", "", []string{"Terms of Service"}},
		{"Ledger", "", []string{"Terms of Service", "Privacy Policy"}},
		{"MetaMask", "", []string{"Terms of Service", "Privacy Policy"}},
		{"23andMe", "", []string{"Terms of Service", "Privacy Policy", "User Consent Policy"}},
	}
	c := Builtin()
	for _, tc := range cases {
		p, ok := c.Get(tc.name)
		if !ok {
			t.Errorf("%s: not found by name", tc.name)
			continue
		}
		if tc.otaID != "" {
			q, ok := c.Get(tc.otaID)
			if !ok || q.ID != p.ID {
				t.Errorf("%s: not found by its OTA id %q", tc.name, tc.otaID)
			}
		}
		for _, ty := range tc.types {
			if !hasType(p, ty) {
				t.Errorf("%s: no %s", tc.name, ty)
			}
		}
	}
}

func hasType(p Platform, ty string) bool {
	for _, d := range p.Documents {
		if d.Type == ty {
			return true
		}
	}
	return false
}

// The URLs the product promises for platforms no collection tracks.
func TestHandWrittenURLs(t *testing.T) {
	want := map[string]map[string]string{
		"claude": {
			"Terms of Service":      "https://www.anthropic.com/legal/consumer-terms",
			"Privacy Policy":        "https://www.anthropic.com/legal/privacy",
			"Acceptable Use Policy": "https://www.anthropic.com/legal/aup",
		},
		"target": {"Privacy Policy": "https://www.target.com/c/target-privacy-policy/-/N-4sr7p"},
		"ledger": {"Privacy Policy": "https://shop.ledger.com/pages/privacy-policy"},
		"metamask": {
			"Privacy Policy":   "https://consensys.io/privacy-notice",
			"Terms of Service": "https://consensys.io/terms-of-use",
		},
		"23andme": {
			"Privacy Policy":      "https://www.23andme.com/legal/privacy/",
			"Terms of Service":    "https://www.23andme.com/legal/terms-of-service/",
			"User Consent Policy": "https://www.23andme.com/about/consent/",
		},
	}
	for id, docs := range want {
		p, ok := Builtin().Get(id)
		if !ok {
			t.Errorf("%s missing", id)
			continue
		}
		for ty, u := range docs {
			found := false
			for _, d := range p.Documents {
				if d.Type == ty && d.Sources[0].URL == u {
					found = true
				}
			}
			if !found {
				t.Errorf("%s %s: first source is not %s", id, ty, u)
			}
		}
	}
}

func TestSearch(t *testing.T) {
	c := Builtin()
	ids := func(ps []Platform) map[string]bool {
		m := map[string]bool{}
		for _, p := range ps {
			m[p.ID] = true
		}
		return m
	}
	cases := []struct {
		query, category string
		want            []string
		not             []string
	}{
		{"claude", "", []string{"claude"}, nil},                        // name
		{"ANTHROPIC", "", []string{"claude"}, nil},                     // company, any case
		{"Google Generative AI Services", "", []string{"gemini"}, nil}, // OTA alias
		{"twitter", "", []string{"x"}, nil},                            // alias
		{"meta", "", []string{"facebook", "instagram", "whatsapp", "meta-ai", "metamask"}, nil},
		{"meta", "social", []string{"facebook", "instagram"}, []string{"whatsapp", "metamask"}},
		{"", "crypto", []string{"coinbase", "ledger", "metamask"}, []string{"claude"}},
		{"genetics", "", []string{"23andme"}, nil}, // category label
	}
	for _, tc := range cases {
		got := ids(c.Search(tc.query, tc.category))
		for _, w := range tc.want {
			if !got[w] {
				t.Errorf("Search(%q, %q) lacks %s", tc.query, tc.category, w)
			}
		}
		for _, n := range tc.not {
			if got[n] {
				t.Errorf("Search(%q, %q) should not return %s", tc.query, tc.category, n)
			}
		}
	}
	for _, p := range c.Search("", "crypto") {
		if p.Category != "crypto" {
			t.Errorf("category filter let %s (%s) through", p.ID, p.Category)
		}
	}
	if got := c.Search("no such platform anywhere", ""); len(got) != 0 {
		t.Errorf("nonsense query found %d platforms", len(got))
	}
}

func TestGetIgnoresCaseAndSpace(t *testing.T) {
	for _, q := range []string{"claude", "CLAUDE", "  Claude.ai ", "claude.AI"} {
		if p, ok := Builtin().Get(q); !ok || p.ID != "claude" {
			t.Errorf("Get(%q) = %q, %v", q, p.ID, ok)
		}
	}
	if _, ok := Builtin().Get("nope"); ok {
		t.Error("Get found a platform that does not exist")
	}
}

func TestPlatformsSortedByName(t *testing.T) {
	ps := Builtin().Platforms()
	for i := 1; i < len(ps); i++ {
		if strings.ToLower(ps[i-1].Name) > strings.ToLower(ps[i].Name) {
			t.Errorf("%q sorted before %q", ps[i-1].Name, ps[i].Name)
		}
	}
}

func TestNewRefusesDuplicateIDs(t *testing.T) {
	p := Platform{ID: "a", Name: "A", Category: "ai"}
	_, err := New([]Platform{p, p})
	if !errors.Is(err, ErrDuplicate) {
		t.Fatalf("got %v, want ErrDuplicate", err)
	}
	if _, err := New([]Platform{{Name: "no id"}}); !errors.Is(err, ErrMissing) {
		t.Fatalf("got %v, want ErrMissing", err)
	}
}

func TestWithReplacesAndAdds(t *testing.T) {
	base := Builtin()
	imported := Platform{ID: "claude", Name: "Claude", Category: CategoryImported}
	extra := Platform{ID: "newcomer", Name: "Newcomer", Category: CategoryImported, Aliases: []string{"Newcomer Inc"}}
	c := base.With([]Platform{imported, extra})
	if p, _ := c.Get("claude"); p.Category != CategoryImported {
		t.Errorf("With did not replace claude")
	}
	if _, ok := c.Get("newcomer inc"); !ok {
		t.Errorf("With did not add newcomer")
	}
	if p, _ := base.Get("claude"); p.Category == CategoryImported {
		t.Errorf("With changed the original catalog")
	}
	if len(c.Platforms()) != len(base.Platforms())+1 {
		t.Errorf("got %d platforms, want %d", len(c.Platforms()), len(base.Platforms())+1)
	}
}

// A name or alias must never hide another platform's id, or importing a
// service could make a built-in platform unreachable.
func TestIDsWinOverNamesAndAliases(t *testing.T) {
	c, err := New([]Platform{
		{ID: "alpha", Name: "Beta", Category: "ai", Aliases: []string{"gamma"}},
		{ID: "beta", Name: "Gamma", Category: "ai"},
		{ID: "gamma", Name: "Other", Category: "ai"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"alpha", "beta", "gamma"} {
		if p, ok := c.Get(id); !ok || p.ID != id {
			t.Errorf("Get(%q) = %q", id, p.ID)
		}
	}
	w := c.With([]Platform{{ID: "Delta", Name: "alpha", Category: "ai"}, {Name: "no id"}})
	if len(w.Platforms()) != 4 {
		t.Errorf("With kept %d platforms, want 4", len(w.Platforms()))
	}
	if p, _ := w.Get("alpha"); p.ID != "alpha" {
		t.Errorf("a new name shadowed the id alpha")
	}
	// Replacing drops the old entry's aliases from lookups.
	r := c.With([]Platform{{ID: "alpha", Name: "Alpha", Category: "ai"}})
	if p, ok := r.Get("Beta"); !ok || p.ID != "beta" {
		t.Errorf("after replacement Get(Beta) = %q, %v; want the platform with id beta", p.ID, ok)
	}
}
