// Package linear holds the one-vs-rest linear model that scores sentences
// for each provision kind: its compact file format, the scorer the app runs,
// and the trainer that builds it.
package linear

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// ErrFormat means a model file is not one this code wrote.
var ErrFormat = errors.New("linear: not a model file")

const magic = "FPLM1\n"

// Model scores hashed features for every kind at once. Weights are kept as
// one int8 row per feature with a scale per kind: four times smaller than
// float32 and the decisions barely move.
type Model struct {
	Kinds     []string
	Threshold []float32 // decision threshold on the raw score, per kind
	Bias      []float32
	Scale     []float32
	Hashes    []uint64 // sorted feature hashes
	W         []int8   // len(Hashes)*len(Kinds), row-major by feature
	index     map[uint64]int32
}

// Index builds the lookup table; Decode calls it, builders must too.
func (m *Model) Index() {
	m.index = make(map[uint64]int32, len(m.Hashes))
	for i, h := range m.Hashes {
		m.index[h] = int32(i)
	}
}

// Scores writes the raw score of every kind into out (len(Kinds)). hashes is
// reordered in place.
func (m *Model) Scores(hashes []uint64, out []float32) {
	nk := len(m.Kinds)
	slices.Sort(hashes)
	var acc [64]int32
	sums := acc[:0]
	if nk <= len(acc) {
		sums = acc[:nk]
	} else {
		sums = make([]int32, nk)
	}
	unique := 0
	for i, h := range hashes {
		if i > 0 && h == hashes[i-1] {
			continue
		}
		unique++
		row, ok := m.index[h]
		if !ok {
			continue
		}
		w := m.W[int(row)*nk : int(row)*nk+nk]
		for k, v := range w {
			sums[k] += int32(v)
		}
	}
	norm := float32(0)
	if unique > 0 {
		norm = float32(1 / math.Sqrt(float64(unique)))
	}
	for k := range out[:nk] {
		out[k] = float32(sums[k])*m.Scale[k]*norm + m.Bias[k]
	}
}

// Encode writes the model gzip-compressed.
func (m *Model) Encode(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	le := binary.LittleEndian
	bw.WriteString(magic)
	put := func(v any) { binary.Write(bw, le, v) }
	put(uint32(len(m.Kinds)))
	for _, k := range m.Kinds {
		put(uint16(len(k)))
		bw.WriteString(k)
	}
	put(m.Threshold)
	put(m.Bias)
	put(m.Scale)
	put(uint32(len(m.Hashes)))
	// Delta-coded hashes compress no better than raw ones, but the weights
	// are written column by column: a kind's weights are mostly zero, which
	// gzip packs well.
	put(m.Hashes)
	nk := len(m.Kinds)
	col := make([]int8, len(m.Hashes))
	for k := 0; k < nk; k++ {
		for i := range m.Hashes {
			col[i] = m.W[i*nk+k]
		}
		put(col)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Decode reads a model written by Encode.
func Decode(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, ErrFormat
	}
	le := binary.LittleEndian
	var n uint32
	if err := binary.Read(br, le, &n); err != nil || n == 0 || n > 1024 {
		return nil, ErrFormat
	}
	m := &Model{}
	for range n {
		var l uint16
		if err := binary.Read(br, le, &l); err != nil {
			return nil, ErrFormat
		}
		b := make([]byte, l)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, ErrFormat
		}
		m.Kinds = append(m.Kinds, string(b))
	}
	m.Threshold = make([]float32, n)
	m.Bias = make([]float32, n)
	m.Scale = make([]float32, n)
	for _, v := range []any{m.Threshold, m.Bias, m.Scale} {
		if err := binary.Read(br, le, v); err != nil {
			return nil, ErrFormat
		}
	}
	var nf uint32
	if err := binary.Read(br, le, &nf); err != nil || nf > 1<<24 {
		return nil, ErrFormat
	}
	m.Hashes = make([]uint64, nf)
	if err := binary.Read(br, le, m.Hashes); err != nil {
		return nil, ErrFormat
	}
	nk := int(n)
	m.W = make([]int8, int(nf)*nk)
	col := make([]int8, nf)
	for k := 0; k < nk; k++ {
		if err := binary.Read(br, le, col); err != nil {
			return nil, ErrFormat
		}
		for i, v := range col {
			m.W[i*nk+k] = v
		}
	}
	m.Index()
	return m, nil
}
