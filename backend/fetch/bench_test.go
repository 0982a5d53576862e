package fetch

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

var benchPage = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Privacy Policy</title></head><body>" +
	strings.Repeat("<p>We collect information you provide, such as your name, email address and the content of your conversations. ", 1000) +
	"</body></html>"

func BenchmarkFetchLoopback(b *testing.B) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, benchPage)
	}))
	defer s.Close()
	f := New(Options{NoBrowser: true})
	b.SetBytes(int64(len(benchPage)))
	for b.Loop() {
		if _, err := f.Fetch(context.Background(), Request{URL: s.URL}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLooksLikeBotWall(b *testing.B) {
	body := []byte(benchPage)
	h := http.Header{}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if LooksLikeBotWall(200, h, body) {
			b.Fatal("false positive")
		}
	}
}

func BenchmarkDecodeWindows1252(b *testing.B) {
	raw, err := charmap.Windows1252.NewEncoder().String(strings.ReplaceAll(benchPage, "utf-8", "windows-1252") + "é")
	if err != nil {
		b.Fatal(err)
	}
	body := []byte(raw)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, _, err := decodeText(body, "text/html", classHTML); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPDFText(b *testing.B) {
	var content strings.Builder
	content.WriteString("BT\n/F1 10 Tf\n72 760 Td\n")
	for range 60 {
		content.WriteString("(We may share your information with service providers who process it for us.) Tj\n0 -12 Td\n")
	}
	content.WriteString("ET")
	doc := minimalPDF(content.String())
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := pdfText(doc); err != nil {
			b.Fatal(err)
		}
	}
}
