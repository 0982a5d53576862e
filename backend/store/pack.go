package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Texts and raw pages are kept compressed with zstd, and most of them
// against a base: the latest "keyframe" of the same document, used as a raw
// dictionary. Consecutive versions of terms differ by a few clauses and
// consecutive pages of a site share their markup, so a delta costs a few
// kilobytes where an independent copy costs tens (48 MB of corpus history:
// 12 MB compressed one by one, 1.6 MB as deltas). Every version points at
// its keyframe directly, never at a chain, so reading one costs at most
// two decompressions; a new keyframe starts after keyframeEvery deltas, so
// that the base never drifts far from the texts it serves.
const keyframeEvery = 16

// maxUnpacked bounds what one decompression may produce, so that a damaged
// or hostile imported archive cannot exhaust memory. Fetched pages are
// capped at 10 MB, far below it.
const maxUnpacked = 64 << 20

// dictID marks frames written against a base; the id is the same for every
// base, since which base applies is recorded in the row.
const dictID = 1

var (
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
	gzipMagic = []byte{0x1f, 0x8b}

	// One encoder and one decoder without a base serve every caller:
	// EncodeAll and DecodeAll are safe for concurrent use.
	plainCodec = sync.OnceValues(func() (*zstd.Encoder, *zstd.Decoder) {
		enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBetterCompression), zstd.WithEncoderConcurrency(1))
		if err != nil {
			panic(err)
		}
		dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(maxUnpacked))
		if err != nil {
			panic(err)
		}
		return enc, dec
	})
)

// pack compresses plain, against base when there is one.
func pack(plain, base []byte) []byte {
	if len(base) == 0 {
		enc, _ := plainCodec()
		return enc.EncodeAll(plain, nil)
	}
	// An encoder holds its dictionary for life, so one is made per base.
	// Setting a base up costs more than the delta itself at the better
	// levels (a tenth of a check cycle's CPU at SpeedBetterCompression),
	// while against a close base the default level packs nearly as small
	// (corpus histories: 1.6 MB against 1.4 MB).
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1),
		zstd.WithEncoderDictRaw(dictID, base))
	if err != nil {
		panic(err) // only for a base over 2 GiB, which the fetch limits rule out
	}
	defer enc.Close()
	return enc.EncodeAll(plain, nil)
}

// unpack reverses pack. It also reads the gzip that schema 1 and 2 wrote
// for raw pages.
func unpack(z, base []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(z, gzipMagic):
		zr, err := gzip.NewReader(bytes.NewReader(z))
		if err != nil {
			return nil, err
		}
		return io.ReadAll(io.LimitReader(zr, maxUnpacked))
	case !bytes.HasPrefix(z, zstdMagic):
		return nil, errors.New("unknown compression")
	case len(base) == 0:
		_, dec := plainCodec()
		return dec.DecodeAll(z, nil)
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(maxUnpacked),
		zstd.WithDecoderDictRaw(dictID, base))
	if err != nil {
		return nil, err
	}
	defer dec.Close()
	return dec.DecodeAll(z, nil)
}

// querier is what reading and writing packed rows needs: a connection, a
// transaction or the database.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// packedTable describes a table whose rows hold packed content: versions
// (text) or snapshots (raw pages).
type packedTable struct {
	name string // "versions" or "snapshots", with a schema prefix when attached
	// plain is the column holding uncompressed content in rows written
	// before schema 3 (versions.text), or "" when there is none.
	plain string
	// packed is the column holding packed content.
	packed string
	// base is the column naming the keyframe a row was packed against.
	base string
}

var (
	versionsTable  = packedTable{name: "versions", plain: "text", packed: "body", base: "base_id"}
	snapshotsTable = packedTable{name: "snapshots", packed: "raw", base: "base_id"}
)

// plainColumn is what to select for the plain content: NULL for a table
// that never had any.
func (t packedTable) plainColumn() string {
	if t.plain == "" {
		return "NULL"
	}
	return t.plain
}

// row reads one row's content, through its base when it has one.
func (t packedTable) row(ctx context.Context, q querier, id int64) ([]byte, error) {
	var plain sql.NullString
	var z []byte
	var base sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT `+t.plainColumn()+`, `+t.packed+`, `+t.base+` FROM `+t.name+` WHERE id = ?`, id).Scan(&plain, &z, &base)
	if err != nil {
		return nil, err
	}
	return t.content(ctx, q, id, plain, z, base)
}

// content is a row's content from its columns, reading the base if needed.
func (t packedTable) content(ctx context.Context, q querier, id int64, plain sql.NullString, z []byte, base sql.NullInt64) ([]byte, error) {
	if z == nil {
		return []byte(plain.String), nil
	}
	var b []byte
	if base.Valid {
		var err error
		if b, err = t.keyframe(ctx, q, base.Int64); err != nil {
			return nil, fmt.Errorf("%w: the base of %s %d: %v", ErrDamaged, t.name, id, err)
		}
	}
	out, err := unpack(z, b)
	if err != nil {
		return nil, fmt.Errorf("%w: %s %d cannot be read: %v", ErrDamaged, t.name, id, err)
	}
	return out, nil
}

// keyframe reads a base row, which is never itself a delta.
func (t packedTable) keyframe(ctx context.Context, q querier, id int64) ([]byte, error) {
	var plain sql.NullString
	var z []byte
	if err := q.QueryRowContext(ctx, `SELECT `+t.plainColumn()+`, `+t.packed+` FROM `+t.name+` WHERE id = ? AND `+t.base+` IS NULL`, id).Scan(&plain, &z); err != nil {
		return nil, err
	}
	if z == nil {
		return []byte(plain.String), nil
	}
	return unpack(z, nil)
}

// baseFor is the keyframe a new row of the document is packed against: the
// document's latest keyframe while it serves fewer than keyframeEvery rows;
// else 0, and the new row becomes a keyframe.
func (t packedTable) baseFor(ctx context.Context, q querier, documentID int64) (int64, error) {
	var base int64
	err := q.QueryRowContext(ctx, `SELECT id FROM `+t.name+` WHERE document_id = ? AND `+t.base+` IS NULL ORDER BY id DESC LIMIT 1`, documentID).Scan(&base)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var served int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+t.name+` WHERE `+t.base+` = ?`, base).Scan(&served); err != nil {
		return 0, err
	}
	if served >= keyframeEvery {
		return 0, nil
	}
	return base, nil
}

// packWith packs content against the keyframe base (0 for none). It
// returns the base actually used: 0 when the keyframe is empty.
func (t packedTable) packWith(ctx context.Context, q querier, base int64, content []byte) ([]byte, int64, error) {
	if base == 0 {
		return pack(content, nil), 0, nil
	}
	b, err := t.keyframe(ctx, q, base)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: the base of a new row of %s: %v", ErrDamaged, t.name, err)
	}
	if len(b) == 0 {
		return pack(content, nil), 0, nil
	}
	return pack(content, b), base, nil
}

// prepacked is content packed before its write transaction, against the
// base the document had then; packing is most of a write's CPU, and done
// inside the transaction it would hold every other writer back.
type prepacked struct {
	z      []byte
	chosen int64 // the base baseFor gave
	base   int64 // the base used
	ok     bool
}

// prepack packs content for a new row of the document, outside any
// transaction; packFor uses it if the base is still the same by then.
func (t packedTable) prepack(ctx context.Context, q querier, documentID int64, content []byte) prepacked {
	chosen, err := t.baseFor(ctx, q, documentID)
	if err != nil {
		return prepacked{}
	}
	z, base, err := t.packWith(ctx, q, chosen, content)
	if err != nil {
		return prepacked{}
	}
	return prepacked{z: z, chosen: chosen, base: base, ok: true}
}

// packFor packs new content of a document inside the write transaction,
// taking pre when it was packed against the base that still applies
// (keyframes never change, so the same base gives the same bytes). It
// returns the packed bytes and the base id (0 for none).
func (t packedTable) packFor(ctx context.Context, q querier, documentID int64, content []byte, pre prepacked) ([]byte, int64, error) {
	chosen, err := t.baseFor(ctx, q, documentID)
	if err != nil {
		return nil, 0, err
	}
	if pre.ok && pre.chosen == chosen {
		return pre.z, pre.base, nil
	}
	return t.packWith(ctx, q, chosen, content)
}
