package monitor

import (
	"bytes"
	"io"

	"golang.org/x/net/html/charset"

	"fineprint/backend/store"
)

// decodeForReextract decodes an archived page to UTF-8 the way the fetcher
// did (snapshots keep the bytes as received).
func decodeForReextract(sn store.Snapshot) []byte {
	r, err := charset.NewReader(bytes.NewReader(sn.Raw), sn.ContentType)
	if err != nil {
		return sn.Raw
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return sn.Raw
	}
	return b
}
