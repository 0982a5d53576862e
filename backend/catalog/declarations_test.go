package catalog

import (
	"errors"
	"fineprint/internal/shared"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir finds the project's shared data: $FINEPRINT_SHARED, or ../shared
// next to the directory holding go.mod.
func sharedDir(t testing.TB) string {
	return shared.Dir(t)
}

func readShared(t testing.TB, rel string) []byte {
	t.Helper()
	dir := sharedDir(t)
	if dir == "" {
		t.Skip("shared data not found: set FINEPRINT_SHARED or put it at ../shared next to the repository")
	}
	data, err := os.ReadFile(filepath.Join(dir, rel))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("shared data %s is absent: set FINEPRINT_SHARED to where it lives", rel)
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseDeclarationsSharedCollections(t *testing.T) {
	for _, tc := range []struct {
		file        string
		minServices int
		mustHave    map[string]string // OTA id -> platform id
	}{
		{"ota-declarations.json", 350, map[string]string{"Amazon.com": "amazon-com", "Honkai- Star Rail": "honkai-star-rail", "Signal": "signal"}},
		{"ota-declarations-genai-eu.json", 10, map[string]string{"Claude.ai": "claude-ai", "Google Generative AI Services": "google-generative-ai-services", "Le Chat": "le-chat"}},
		{"ota-declarations-pga.json", 20, map[string]string{"X": "x", "TruthSocial": "truthsocial"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			ps, err := ParseDeclarations(readShared(t, filepath.Join("catalog", tc.file)))
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) < tc.minServices {
				t.Fatalf("%d services, want at least %d", len(ps), tc.minServices)
			}
			c, err := New(ps)
			if err != nil {
				t.Fatal(err)
			}
			docs, sources := 0, 0
			for _, p := range ps {
				if p.Category != CategoryImported {
					t.Errorf("%s: category %q", p.ID, p.Category)
				}
				docs += len(p.Documents)
				for _, d := range p.Documents {
					sources += len(d.Sources)
				}
			}
			for ota, id := range tc.mustHave {
				p, ok := c.Get(ota)
				if !ok || p.ID != id {
					t.Errorf("OTA id %q: got platform %q (found %v), want %q", ota, p.ID, ok, id)
				}
			}
			t.Logf("%d services, %d documents, %d sources", len(ps), docs, sources)
		})
	}
}

// The converted files hold multi-page terms whose combine items must come out
// as several sources, in order.
func TestParseDeclarationsSharedCombine(t *testing.T) {
	ps, err := ParseDeclarations(readShared(t, "catalog/ota-declarations-genai-eu.json"))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := New(ps)
	p, ok := c.Get("Claude.ai")
	if !ok {
		t.Fatal("Claude.ai missing")
	}
	for _, d := range p.Documents {
		if d.Type == "Privacy Policy" {
			if len(d.Sources) != 2 || d.Sources[1].URL != "https://www.anthropic.com/legal/non-user-privacy-policy" {
				t.Fatalf("privacy policy sources: %+v", d.Sources)
			}
			if !d.Sources[0].NeedsBrowser() {
				t.Error("executeClientScripts lost")
			}
			return
		}
	}
	t.Fatal("no privacy policy")
}

const officialClaude = `{
  "name": "Claude.ai",
  "terms": {
    "Terms of Service": { "fetch": "https://www.anthropic.com/legal/consumer-terms", "select": ["main"] },
    "Privacy Policy": {
      "executeClientScripts": true,
      "combine": [
        { "fetch": "https://www.anthropic.com/legal/privacy", "filter": ["removeRedirectFromLinks"] },
        { "fetch": "https://www.anthropic.com/legal/non-user-privacy-policy", "select": "article" }
      ],
      "select": ["main"],
      "remove": {"startBefore": "#a", "endBefore": "#b"}
    }
  }
}`

func TestParseDeclarationsOfficialShape(t *testing.T) {
	ps, err := ParseDeclarations([]byte(officialClaude))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 {
		t.Fatalf("%d platforms", len(ps))
	}
	p := ps[0]
	if p.ID != "claude-ai" || p.Name != "Claude.ai" || p.Category != CategoryImported || len(p.Aliases) != 1 || p.Aliases[0] != "Claude.ai" {
		t.Fatalf("identity: %+v", p)
	}
	if p.Homepage != "https://www.anthropic.com" {
		t.Errorf("homepage %q", p.Homepage)
	}
	if len(p.Documents) != 2 || p.Documents[0].Type != "Terms of Service" || p.Documents[1].Type != "Privacy Policy" {
		t.Fatalf("documents out of file order: %+v", p.Documents)
	}
	pp := p.Documents[1].Sources
	if len(pp) != 2 {
		t.Fatalf("combine gave %d sources", len(pp))
	}
	// The first item inherits select, remove and executeClientScripts; the
	// second overrides select and has no filter of its own.
	if pp[0].Select[0].CSS != "main" || pp[1].Select[0].CSS != "article" {
		t.Errorf("select inheritance: %+v / %+v", pp[0].Select, pp[1].Select)
	}
	if pp[1].Remove[0].Range == nil || pp[1].Remove[0].Range.StartBefore != "#a" {
		t.Errorf("remove range not inherited: %+v", pp[1].Remove)
	}
	if !pp[0].NeedsBrowser() || !pp[1].NeedsBrowser() {
		t.Error("executeClientScripts not inherited")
	}
	if string(pp[0].Filter) != `["removeRedirectFromLinks"]` || pp[1].Filter != nil {
		t.Errorf("filters: %s / %s", pp[0].Filter, pp[1].Filter)
	}
}

func TestParseDeclarationsArrayAndOlderKey(t *testing.T) {
	in := `[
	  {"name": "Honkai: Star Rail", "documents": {"Terms of Service": {"fetch": "https://example.com/tos"}}},
	  {"service": "Crème Brûlée", "id": "Creme Brulee", "terms": [{"type": "Privacy Policy", "url": "http://example.org/p", "select": null, "remove": null, "executeClientScripts": null}]},
	  {"service": "微信", "terms": []}
	]`
	ps, err := ParseDeclarations([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ id, alias string }{{"honkai-star-rail", "Honkai- Star Rail"}, {"creme-brulee", "Creme Brulee"}, {"", "微信"}}
	for i, w := range want {
		if w.id != "" && ps[i].ID != w.id {
			t.Errorf("%d: id %q, want %q", i, ps[i].ID, w.id)
		}
		if ps[i].Aliases[0] != w.alias {
			t.Errorf("%d: alias %q, want %q", i, ps[i].Aliases[0], w.alias)
		}
	}
	if !strings.HasPrefix(ps[2].ID, "service-") {
		t.Errorf("a name with no Latin letters got id %q", ps[2].ID)
	}
	if len(ps[2].Documents) != 0 {
		t.Errorf("a service with no terms got documents")
	}
}

func TestParseDeclarationsRejects(t *testing.T) {
	long := strings.Repeat("n", MaxNameLen+1)
	many := func(n int, item string) string {
		return "[" + strings.TrimSuffix(strings.Repeat(item+",", n), ",") + "]"
	}
	manyDocs := `{"service":"S","terms":` + func() string {
		var b strings.Builder
		b.WriteString("[")
		for i := 0; i <= MaxDocuments; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`{"type":"T` + strings.Repeat("x", i) + `","url":"https://a.example"}`)
		}
		b.WriteString("]")
		return b.String()
	}() + `}`
	cases := []struct {
		name    string
		in      string
		kind    error
		service string // expected in the message
		field   string // expected in the message
	}{
		{"empty", ``, ErrMalformed, "", ""},
		{"not json", `{"service": `, ErrMalformed, "", ""},
		{"trailing data", `{"name":"A","terms":{}} {}`, ErrMalformed, "", ""},
		{"scalar", `42`, ErrWrongType, "", ""},
		{"array of scalars", `["a"]`, ErrWrongType, "#1", ""},
		{"no name", `{"terms": {}}`, ErrMissing, "#1", "name"},
		{"no service", `{"id": "A", "terms": []}`, ErrMissing, "#1", "service"},
		{"name is a number", `{"name": 5, "terms": {}}`, ErrWrongType, "#1", "name"},
		{"blank name", `{"service": "  ", "terms": []}`, ErrMissing, "#1", "service"},
		{"name too long", `{"service": "` + long + `", "terms": []}`, ErrTooLarge, "#1", "service"},
		{"terms not an array", `{"service": "A", "terms": "x"}`, ErrWrongType, "A", "terms"},
		{"official terms missing", `{"name": "A"}`, ErrMissing, "A", "terms"},
		{"official terms an array", `{"name": "A", "terms": [1]}`, ErrWrongType, "A", "terms"},
		{"both terms and documents", `{"name": "A", "terms": {}, "documents": {}}`, ErrDuplicate, "A", "documents"},
		{"term not an object", `{"service": "A", "terms": [7]}`, ErrWrongType, "A", "terms[0]"},
		{"type missing", `{"service": "A", "terms": [{"url": "https://a.example"}]}`, ErrMissing, "A", "terms[0].type"},
		{"type wrong", `{"service": "A", "terms": [{"type": [], "url": "https://a.example"}]}`, ErrWrongType, "A", "terms[0].type"},
		{"duplicate type", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example"}, {"type": "T", "url": "https://b.example"}]}`, ErrDuplicate, "A", "terms[1].type"},
		{"url missing", `{"service": "A", "terms": [{"type": "T"}]}`, ErrMissing, "A", "terms[0].url"},
		{"fetch missing", `{"name": "A", "terms": {"T": {"select": "main"}}}`, ErrMissing, "A", `terms["T"].fetch`},
		{"url a number", `{"service": "A", "terms": [{"type": "T", "url": 3}]}`, ErrWrongType, "A", "terms[0].url"},
		{"file url", `{"service": "A", "terms": [{"type": "T", "url": "file:///etc/passwd"}]}`, ErrBadURL, "A", "terms[0].url"},
		{"javascript url", `{"name": "A", "terms": {"T": {"fetch": "javascript:alert(1)"}}}`, ErrBadURL, "A", `terms["T"].fetch`},
		{"relative url", `{"service": "A", "terms": [{"type": "T", "url": "/legal"}]}`, ErrBadURL, "A", "terms[0].url"},
		{"url with space", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example/a b"}]}`, ErrBadURL, "A", "terms[0].url"},
		{"url too long", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example/` + strings.Repeat("a", MaxURLLen) + `"}]}`, ErrBadURL, "A", "terms[0].url"},
		{"bad combine url", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example", "combine": [{"url": "ftp://a.example"}]}]}`, ErrBadURL, "A", "terms[0].combine[0].url"},
		{"combine not array", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example", "combine": {}}]}`, ErrWrongType, "A", "terms[0].combine"},
		{"selector does not compile", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example", "select": "div[["}]}`, ErrBadSelector, "A", "terms[0].select[0]"},
		{"remove does not compile", `{"name": "A", "terms": {"T": {"fetch": "https://a.example", "remove": ["ok", "::nope("]}}}`, ErrBadSelector, "A", `terms["T"].remove[1]`},
		{"empty selector", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example", "select": ""}]}`, ErrBadSelector, "A", "terms[0].select[0]"},
		{"half a range", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example", "select": {"startBefore": "h1"}}]}`, ErrBadSelector, "A", "terms[0].select[0]"},
		{"selector a number", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example", "select": 1}]}`, ErrWrongType, "A", "terms[0].select"},
		{"range with unknown key", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example", "select": {"startBefore": "h1", "endBefore": "h2", "x": "y"}}]}`, ErrWrongType, "A", "terms[0].select"},
		{"scripts not a bool", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example", "executeClientScripts": "yes"}]}`, ErrWrongType, "A", "terms[0].executeClientScripts"},
		{"filter not a list", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example", "filter": "x"}]}`, ErrWrongType, "A", "terms[0].filter"},
		{"filter item a number", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example", "filter": [1]}]}`, ErrWrongType, "A", "terms[0].filter"},
		{"id with slash", `{"service": "A", "id": "../etc", "terms": []}`, ErrBadID, "A", "id"},
		{"id with backslash", `{"service": "A", "id": "a\\b", "terms": []}`, ErrBadID, "A", "id"},
		{"id with dot dot", `{"name": "A", "id": "a..b", "terms": {}}`, ErrBadID, "A", "id"},
		{"id a number", `{"service": "A", "id": 1, "terms": []}`, ErrWrongType, "A", "id"},
		{"duplicate key", `{"service": "A", "service": "B", "terms": []}`, ErrMalformed, "#1", ""},
		{"duplicate ids", `[{"service": "A b", "terms": []}, {"service": "a-B", "terms": []}]`, ErrDuplicate, "a-B", "id"},
		{"too many services", many(MaxServices+1, `{"service":"A","terms":[]}`), ErrTooLarge, "", ""},
		{"too many documents", manyDocs, ErrTooLarge, "S", "terms"},
		{"too many combine items", `{"service": "A", "terms": [{"type": "T", "url": "https://a.example", "combine": ` + many(MaxSources+1, `{"url":"https://a.example"}`) + `}]}`, ErrTooLarge, "A", "terms[0].combine"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := ParseDeclarations([]byte(tc.in))
			if err == nil {
				t.Fatalf("accepted: %+v", ps)
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("error %q is not %v", err, tc.kind)
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T is not a *FieldError", err)
			}
			if fe.Service != tc.service {
				t.Errorf("service %q, want %q (%v)", fe.Service, tc.service, err)
			}
			if fe.Field != tc.field {
				t.Errorf("field %q, want %q (%v)", fe.Field, tc.field, err)
			}
			if tc.service != "" && !strings.Contains(err.Error(), tc.service) {
				t.Errorf("message %q does not name the service", err)
			}
		})
	}
}

func TestParseDeclarationsTooManyBytes(t *testing.T) {
	big := make([]byte, MaxDeclarationBytes+1)
	if _, err := ParseDeclarations(big); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v", err)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Claude.ai":                     "claude-ai",
		"Google Generative AI Services": "google-generative-ai-services",
		"CommentÇaMarche":               "commentcamarche",
		"O'Reilly":                      "o-reilly",
		"  --X--  ":                     "x",
		"123Greetings":                  "123greetings",
		strings.Repeat("ab ", 100):      strings.TrimSuffix(strings.Repeat("ab-", 27), "-"),
	} {
		if got := Slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
		if err := checkSlug(Slug(in)); err != nil {
			t.Errorf("slug(%q) fails checkSlug: %v", in, err)
		}
	}
	if Slug("微信") == Slug("微博") {
		t.Error("two non-Latin names share a slug")
	}
}

func FuzzParseDeclarations(f *testing.F) {
	f.Add([]byte(officialClaude))
	f.Add([]byte(`[{"service":"A","id":"A","terms":[{"type":"T","url":"https://a.example","select":[{"startAfter":"h1","endBefore":"footer"}],"combine":[{"url":"https://b.example"}]}]}]`))
	f.Add([]byte(`{"name":"x","documents":{"T":{"fetch":"https://x.example","filter":[{"removeQueryParams":["utm"]}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := ParseDeclarations(data)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T is not a *FieldError: %v", err, err)
			}
			return
		}
		seen := map[string]bool{}
		for _, p := range ps {
			if err := p.Validate(); err != nil {
				t.Fatalf("accepted an invalid platform: %v", err)
			}
			if seen[p.ID] {
				t.Fatalf("duplicate id %q accepted", p.ID)
			}
			seen[p.ID] = true
		}
		if _, err := New(ps); err != nil {
			t.Fatalf("parsed platforms do not make a catalog: %v", err)
		}
	})
}
