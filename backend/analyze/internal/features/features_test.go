package features

import (
	"slices"
	"testing"
)

func TestOfWordsOnlyIsHashes(t *testing.T) {
	s := "We may terminate your account at any time."
	if !slices.Equal(Of(0, s, nil), Hashes(s, nil)) {
		t.Fatal("the empty feature set must be the word features")
	}
}

func TestCharGramsIgnoreCaseAndShareStems(t *testing.T) {
	grams := func(s string) map[uint64]bool {
		m := map[uint64]bool{}
		for _, h := range charGrams(s, nil) {
			m[h] = true
		}
		return m
	}
	a, b := grams("TERMINATE"), grams("termination")
	if !maps(a, grams("terminate")) {
		t.Fatal("pieces differ by case")
	}
	shared := 0
	for h := range a {
		if b[h] {
			shared++
		}
	}
	// " te", " ter", " term", "ter", "term", "termi", "erm", ... up to "inat".
	if shared < 12 {
		t.Fatalf("terminate and termination share %d pieces, want at least 12", shared)
	}
	if len(charGrams("a b", nil)) != 2 {
		t.Fatalf("one-letter words give one 3-piece each: %d", len(charGrams("a b", nil)))
	}
}

func TestCharGramsApostropheAndDigits(t *testing.T) {
	if !slices.Equal(charGrams("don't", nil), charGrams("dont", nil)) {
		t.Fatal("an apostrophe inside a word must not split it")
	}
	if !slices.Equal(charGrams("30 days", nil), charGrams("99 days", nil)) {
		t.Fatal("digits must stand for any digit")
	}
}

func maps(a, b map[uint64]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}
