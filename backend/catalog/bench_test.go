package catalog

import "testing"

func BenchmarkParseDeclarationsContrib(b *testing.B) {
	data := readShared(b, "catalog/ota-declarations.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseDeclarations(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	c := Builtin()
	b.ReportAllocs()
	for b.Loop() {
		c.Search("goo", "")
	}
}

func BenchmarkGet(b *testing.B) {
	c := Builtin()
	for b.Loop() {
		c.Get("Google Generative AI Services")
	}
}
