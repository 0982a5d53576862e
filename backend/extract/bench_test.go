package extract

import (
	"testing"
)

func BenchmarkExtract(b *testing.B) {
	b.Run("fixture", func(b *testing.B) {
		page := fixture(b, "terms.html")
		r := Rules{Select: CSS("main"), Remove: CSS("#cookie-banner")}
		b.SetBytes(int64(len(page)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Extract(page, "https://example.com/legal/terms", r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("largest-pair", func(b *testing.B) {
		dir, pairs := loadPairs(b)
		var best Page
		for _, p := range pairs {
			for _, pg := range p.pages(b, dir) {
				if len(pg.HTML) > len(best.HTML) {
					best = pg
				}
			}
		}
		b.Logf("%s, %d bytes", best.URL, len(best.HTML))
		b.SetBytes(int64(len(best.HTML)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Convert(best.HTML, best.URL, best.Rules); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("all-pairs", func(b *testing.B) {
		dir, pairs := loadPairs(b)
		var pages []Page
		size := 0
		for _, p := range pairs {
			for _, pg := range p.pages(b, dir) {
				pages = append(pages, pg)
				size += len(pg.HTML)
			}
		}
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, pg := range pages {
				Convert(pg.HTML, pg.URL, pg.Rules)
			}
		}
	})
}
