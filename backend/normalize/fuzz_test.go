package normalize

import "testing"

func FuzzText(f *testing.F) {
	for _, c := range sameHash {
		f.Add(c.a)
	}
	f.Fuzz(func(t *testing.T, md string) {
		once := Text(md)
		if twice := Text(once); twice != once {
			t.Fatalf("Text is not idempotent:\n%q\n%q", once, twice)
		}
		if Hash(md) != Hash(md) {
			t.Fatal("Hash is not deterministic")
		}
		EffectiveDate(md)
	})
}
