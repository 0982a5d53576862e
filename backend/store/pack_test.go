package store

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestPackRoundTrip(t *testing.T) {
	// Words in no pattern, so that only the base explains them.
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for range 3000 {
		fmt.Fprintf(&b, "%x ", rng.Uint32())
	}
	base := []byte(b.String())
	text := append(bytes.Clone(base), "We also sell it."...)
	for _, c := range []struct {
		name string
		base []byte
	}{{"plain", nil}, {"delta", base}} {
		z := pack(text, c.base)
		out, err := unpack(z, c.base)
		if err != nil || !bytes.Equal(out, text) {
			t.Fatalf("%s: round trip lost the text: %v", c.name, err)
		}
	}
	// The point of a base: a near copy costs next to nothing.
	if d, p := len(pack(text, base)), len(pack(text, nil)); d*4 > p {
		t.Errorf("a delta of %d bytes against %d alone", d, p)
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(text)
	w.Close()
	if out, err := unpack(gz.Bytes(), nil); err != nil || !bytes.Equal(out, text) {
		t.Fatalf("the gzip of schema 2 is not read: %v", err)
	}
	if _, err := unpack([]byte("not compressed"), nil); err == nil {
		t.Fatal("unknown bytes read without an error")
	}
	if _, err := unpack(pack(text, base), nil); err == nil {
		t.Fatal("a delta read without its base")
	}
}

// Versions and pages are written against keyframes, a new keyframe after
// keyframeEvery deltas, and every one reads back exactly, also after the
// archive is purged of a platform.
func TestKeyframes(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, id := range []string{"acme", "other"} {
		if _, err := s.AddPlatform(ctx, samplePlatform(id), SourceCatalog); err != nil {
			t.Fatal(err)
		}
	}
	d, _ := s.DocumentByType(ctx, "acme", "Terms of Service")
	o, _ := s.DocumentByType(ctx, "other", "Terms of Service")
	const n = 2*keyframeEvery + 5
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	texts := map[int64]string{}
	var cur, otherCur int64
	for i := range n {
		text := fmt.Sprintf("Section %d. %s", i, strings.Repeat("We may share your data with partners. ", 50+i))
		page := []byte("<html><body><main>" + text + "</main></body></html>")
		// Every other change comes with its record, so that its text and
		// page are packed before the transaction (prepack), the others
		// inside it: both must give the same archive.
		var change *ChangeRecord
		if i%2 == 1 {
			change = &ChangeRecord{Class: ClassMaterial}
		}
		_, v, err := s.RecordObservation(ctx, Observation{DocumentID: d.ID, At: t0.AddDate(0, 0, i), Text: text, Hash: fmt.Sprint(i),
			ExpectCurrent: cur, Change: change, Snapshots: []Snapshot{{URL: "https://acme.example/terms", Raw: page, FetchedAt: t0.AddDate(0, 0, i)}}})
		if err != nil {
			t.Fatal(err)
		}
		cur, texts[v.ID] = v.ID, text
		// Another document in between: bases never cross documents.
		_, ov, err := s.RecordObservation(ctx, Observation{DocumentID: o.ID, At: t0.AddDate(0, 0, i), Text: "Other " + text, Hash: fmt.Sprint(i),
			ExpectCurrent: otherCur})
		if err != nil {
			t.Fatal(err)
		}
		otherCur = ov.ID
	}
	var keyframes, crossing int
	s.DB().QueryRow(`SELECT COUNT(*) FROM versions WHERE document_id = ? AND base_id IS NULL`, d.ID).Scan(&keyframes)
	s.DB().QueryRow(`SELECT COUNT(*) FROM versions v JOIN versions b ON b.id = v.base_id WHERE b.document_id != v.document_id OR b.base_id IS NOT NULL`).Scan(&crossing)
	if want := (n + keyframeEvery) / (keyframeEvery + 1); keyframes != want || crossing != 0 {
		t.Errorf("%d keyframes for %d versions (want %d), %d bad bases", keyframes, n, want, crossing)
	}
	for id, want := range texts {
		v, err := s.Version(ctx, id)
		if err != nil || v.Text != want {
			t.Fatalf("version %d reads back wrong: %v", id, err)
		}
		snaps, err := s.SnapshotsOf(ctx, id)
		if err != nil || len(snaps) != 1 || string(snaps[0].Raw) != "<html><body><main>"+want+"</main></body></html>" {
			t.Fatalf("page of version %d reads back wrong: %v", id, err)
		}
	}
	var packed, plain int64
	s.DB().QueryRow(`SELECT SUM(LENGTH(body)) FROM versions WHERE document_id = ?`, d.ID).Scan(&packed)
	for _, t := range texts {
		plain += int64(len(t))
	}
	if packed*20 > plain {
		t.Errorf("%d versions of %d bytes take %d bytes packed", n, plain, packed)
	}

	// A damaged keyframe is reported as such, not as a wrong text.
	s.DB().Exec(`UPDATE versions SET body = X'28B52FFD00' WHERE document_id = ? AND base_id IS NULL`, d.ID)
	if _, err := s.Version(ctx, cur); !errors.Is(err, ErrDamaged) {
		t.Fatalf("a damaged base gives %v", err)
	}

	s.RemovePlatform(ctx, "acme")
	if _, err := s.PurgeRemoved(ctx, time.Now().Add(time.Minute)); err != nil {
		t.Fatalf("purging packed versions: %v", err)
	}
	var left int
	s.DB().QueryRow(`SELECT COUNT(*) FROM versions_fts WHERE versions_fts MATCH 'section'`).Scan(&left)
	if left != n { // the other platform's versions
		t.Errorf("%d search rows left after the purge", left)
	}
}
