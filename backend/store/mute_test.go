package store

import (
	"context"
	"errors"
	"testing"

	"fineprint/backend/catalog"
)

func TestSetMuted(t *testing.T) {
	ctx := context.Background()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, id := range []string{"acme", "globex"} {
		if _, err := s.AddPlatform(ctx, catalog.Platform{ID: id, Name: id, Documents: []catalog.Document{
			{Type: "Terms of Service", Sources: []catalog.Source{{URL: "https://" + id + ".example/terms"}}}}}, SourceCatalog); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetMuted(ctx, "acme", true); err != nil {
		t.Fatal(err)
	}
	p, _ := s.Platform(ctx, "acme")
	muted, err := s.MutedPlatforms(ctx)
	if err != nil || !p.Muted || len(muted) != 1 || !muted["acme"] {
		t.Fatalf("muted: %v %v %v", p.Muted, muted, err)
	}
	if err := s.SetMuted(ctx, "acme", false); err != nil {
		t.Fatal(err)
	}
	if muted, _ = s.MutedPlatforms(ctx); len(muted) != 0 {
		t.Fatalf("unmuted: %v", muted)
	}
	if err := s.SetMuted(ctx, "nobody", true); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown platform: %v", err)
	}
}
