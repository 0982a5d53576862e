package watchlist

import (
	"context"
	"errors"
	"testing"

	"fineprint/backend/store"
)

func TestResolveAndImportDeclarations(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w := Watchlist{Store: s}
	if _, err := w.Resolve(ctx, "claude"); !errors.Is(err, ErrUnknown) {
		t.Fatalf("unwatched: %v", err)
	}
	if _, err := w.Watch(ctx, "Claude.ai"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"claude", "Claude", "Claude.ai", "CLAUDE.AI"} {
		if id, err := w.Resolve(ctx, name); err != nil || id != "claude" {
			t.Errorf("%s: %q %v", name, id, err)
		}
	}
	// A declaration for a platform the catalog has is skipped; a new one is added.
	decl := `[{"name": "Claude.ai", "documents": {"Terms of Service": {"fetch": "https://claude.example/t", "select": "main"}}},
	          {"name": "Tiny Service", "documents": {"Privacy Policy": {"fetch": "https://tiny.example/p"}}}]`
	added, err := w.ImportDeclarations(ctx, []byte(decl))
	if err != nil || len(added) != 1 || added[0].Name != "Tiny Service" {
		t.Fatalf("import: %+v %v", added, err)
	}
	c, _ := w.Catalog(ctx)
	if p, ok := c.Get("Tiny Service"); !ok || p.Documents[0].Sources[0].URL != "https://tiny.example/p" {
		t.Fatalf("imported entry: %+v", p)
	}
	if _, err := w.ImportDeclarations(ctx, []byte(`{"name": ""}`)); !errors.Is(err, ErrInvalid) {
		t.Fatalf("bad declaration: %v", err)
	}
}

func TestValidateURL(t *testing.T) {
	for _, ok := range []string{"https://example.com/terms", "http://127.0.0.1:8080/p", " https://x.example/a?b=c#frag "} {
		if _, err := ValidateURL(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "file:///etc/passwd", "javascript:alert(1)", "data:text/html,x", "ftp://x.example", "//x.example", "https://", "https://u:p@x.example"} {
		if _, err := ValidateURL(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("%q accepted", bad)
		}
	}
}
