package monitor

import (
	"slices"
	"testing"

	"fineprint/backend/catalog"
	"fineprint/backend/store"
)

func TestHostOrderRoundRobin(t *testing.T) {
	doc := func(u string) store.Document {
		return store.Document{Sources: []catalog.Source{{URL: u}}}
	}
	docs := []store.Document{
		doc("https://a.example/terms"), doc("https://a.example/privacy"), doc("https://A.example/aup"),
		doc("https://b.example/terms"), doc("https://b.example/privacy"),
		doc("https://c.example/terms"),
		{}, // no address: still checked, so that its failure is recorded
	}
	got := hostOrder(docs)
	want := []int{0, 3, 5, 6, 1, 4, 2}
	if !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}
