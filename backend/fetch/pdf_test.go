package fetch

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// minimalPDF writes a one-page PDF whose content stream is given, with
// Helvetica as /F1 and a correct cross-reference table.
func minimalPDF(content string) []byte {
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

const pdfContent = `BT
/F1 12 Tf
72 720 Td
(Terms of Service) Tj
0 -14 Td
(continue on this line.) Tj
0 -40 Td
(We may change these terms at any time.) Tj
ET`

func TestFetchPDF(t *testing.T) {
	doc := minimalPDF(pdfContent)
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/terms.pdf":
			w.Header().Set("Content-Type", "application/pdf")
		case "/octet":
			// Servers often mislabel PDFs; the magic bytes decide.
			w.Header().Set("Content-Type", "application/octet-stream")
		}
		w.Write(doc)
	})
	for _, p := range []string{"/terms.pdf", "/octet"} {
		res, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: s.URL + p})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if !res.IsPDF || !bytes.Equal(res.Body, doc) || res.ContentType == "" {
			t.Errorf("%s: result %+v", p, res)
		}
		paras := strings.Split(res.Text, "\n\n")
		if len(paras) != 2 {
			t.Fatalf("%s: want 2 paragraphs, got %q", p, res.Text)
		}
		if paras[0] != "Terms of Service continue on this line." {
			t.Errorf("%s: first paragraph %q", p, paras[0])
		}
		if paras[1] != "We may change these terms at any time." {
			t.Errorf("%s: second paragraph %q", p, paras[1])
		}
	}
}

func TestFetchBrokenPDF(t *testing.T) {
	doc := minimalPDF(pdfContent)
	cases := map[string][]byte{
		"truncated":      doc[:len(doc)/2],
		"garbage":        append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0x00, 0xff, '(', '<'}, 300)...),
		"bad xref":       bytes.Replace(doc, []byte("xref"), []byte("xrfe"), 1),
		"no text":        minimalPDF("0 0 m 100 100 l S"),
		"broken content": minimalPDF("BT /F1 Tf (x) Tj ET ] >> TJ"),
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			s := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/pdf")
				w.Write(body)
			})
			_, err := newFetcher(Options{}).Fetch(context.Background(), Request{URL: s.URL})
			wantKind(t, err, KindUnsupported)
		})
	}
}
