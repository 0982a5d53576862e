package cli

import (
	"bytes"
	"io"

	"golang.org/x/net/html/charset"
)

// decodeFile decodes a saved page to UTF-8 from its <meta charset>, as a
// browser would.
func decodeFile(b []byte) []byte {
	r, err := charset.NewReader(bytes.NewReader(b), "text/html")
	if err != nil {
		return b
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return b
	}
	return out
}
