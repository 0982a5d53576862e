package fetch

import (
	"bytes"
	"mime"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
)

// contentClass is what the fetcher can do with a body.
type contentClass int

const (
	classUnsupported contentClass = iota
	classHTML
	classText
	classPDF
)

var pdfMagic = []byte("%PDF-")

// classify decides how to read a body from its declared type, trusting the
// bytes over the header where servers are known to mislabel: PDFs served as
// application/octet-stream, and pages served with no type at all.
func classify(contentType string, body []byte) (contentClass, string) {
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mediaType = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	if bytes.HasPrefix(bytes.TrimLeft(body[:min(len(body), 1024)], " \t\r\n\x00"), pdfMagic) {
		return classPDF, "application/pdf"
	}
	switch mediaType {
	case "application/pdf", "application/x-pdf":
		// Declared PDF without the magic: let the PDF reader judge it.
		return classPDF, mediaType
	case "text/html", "application/xhtml+xml":
		return classHTML, mediaType
	case "text/plain":
		return classText, mediaType
	case "", "application/octet-stream", "binary/octet-stream":
		sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(body))
		switch sniffed {
		case "text/html":
			return classHTML, sniffed
		case "text/plain", "text/xml":
			if looksLikeMarkup(body) {
				return classHTML, "text/html"
			}
			return classText, "text/plain"
		}
		return classUnsupported, sniffed
	}
	return classUnsupported, mediaType
}

func looksLikeMarkup(body []byte) bool {
	head := bytes.ToLower(body[:min(len(body), 2048)])
	return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<body")) ||
		bytes.Contains(head, []byte("<!doctype html"))
}

// decodeText converts body to UTF-8. The encoding comes from, in order, a
// byte-order mark, the Content-Type charset, a <meta> declaration in the
// first 1024 bytes (HTML only), then a guess; as the HTML standard says,
// ISO-8859-1 labels are read as Windows-1252. Invalid bytes become U+FFFD
// instead of failing; a result that is mostly U+FFFD fails as bad-encoding.
func decodeText(body []byte, contentType string, class contentClass) (string, string, error) {
	ct := contentType
	if class == classText && !strings.Contains(strings.ToLower(ct), "charset=") {
		// The <meta> prescan is meaningless for plain text, and the default
		// guess for an undeclared text/plain body should be UTF-8 if valid.
		if utf8.Valid(body) {
			return string(body), "utf-8", nil
		}
	}
	enc, name, certain := charset.DetermineEncoding(body, ct)
	if !certain && name != "utf-8" && utf8.Valid(body) && hasNonASCII(body) {
		// DetermineEncoding only looks at the first 1024 bytes and falls
		// back to Windows-1252 when they are plain ASCII. A whole body that
		// is valid UTF-8 with non-ASCII bytes is UTF-8 in practice: legacy
		// single-byte text almost never forms valid multi-byte sequences.
		return string(body), "utf-8", nil
	}
	text, _, err := transform.Bytes(enc.NewDecoder(), body)
	if err != nil {
		return "", name, newError(KindBadEncoding, 0, err, "The page could not be decoded as %s: %v.", name, err)
	}
	s := string(text)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if mostlyReplacement(s) {
		return "", name, newError(KindBadEncoding, 0, nil,
			"The page's text is unreadable: most of its characters could not be decoded as %s.", name)
	}
	return s, name, nil
}

// mostlyReplacement reports whether the text is garbage: more than 30% of
// its visible characters are U+FFFD. Markup dilutes the ratio in HTML, so
// the threshold is low enough to still catch a page in a wrong encoding.
func mostlyReplacement(s string) bool {
	var visible, bad int
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		visible++
		if r == utf8.RuneError {
			bad++
		}
	}
	return visible > 0 && bad*10 > visible*3
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// Decode reads a page's bytes as UTF-8 exactly as Fetch does (byte-order
// mark, Content-Type charset, <meta>, a whole-body UTF-8 check, then a
// guess), for pages that come from elsewhere: archived snapshots being
// re-extracted and saved files. An empty contentType means HTML.
func Decode(body []byte, contentType string) (string, error) {
	if contentType == "" {
		contentType = "text/html"
	}
	s, _, err := decodeText(body, contentType, classHTML)
	return s, err
}
