package analyze

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkClassify(b *testing.B) {
	var sentences []string
	for _, k := range Kinds {
		sentences = append(sentences, kindExamples[k])
	}
	sentences = append(sentences, "Welcome to Example.", "Last updated: May 1, 2025")
	Classify("warm up")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Classify(sentences[i%len(sentences)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkAnalyzeLargest analyses the largest document of the corpus.
func BenchmarkAnalyzeLargest(b *testing.B) {
	index := filepath.Join(sharedDir(b), "corpus", "versions")
	var largest string
	var size int64
	filepath.Walk(index, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && filepath.Ext(p) == ".md" && info.Size() > size {
			largest, size = p, info.Size()
		}
		return nil
	})
	if largest == "" {
		b.Skip("no corpus documents")
	}
	text, err := os.ReadFile(largest)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s, %d bytes", largest, len(text))
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Analyze(string(text))
	}
}
