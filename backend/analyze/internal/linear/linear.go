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

// Version 1 files have binary features; version 2 adds TF-IDF weighting and
// the feature set the model was trained on.
const (
	magicV1 = "FPLM1\n"
	magicV2 = "FPLM2\n"
)

// IDFStep is the resolution of stored idf values: one byte each, 1 + q·step.
const IDFStep = 1.0 / 24

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
	// FeatureSet names the features the model was trained on (the
	// features package's flags); the scorer must hash sentences the same way.
	FeatureSet uint32
	// IDF is nil for binary features; else one byte per hash, see IDFStep.
	IDF        []uint8
	UnknownIDF float32
	index      map[uint64]int32
	idf        []float32
}

// QuantIDF stores an idf value in one byte.
func QuantIDF(v float64) uint8 {
	return uint8(min(255, max(0, math.Round((v-1)/IDFStep))))
}

// DequantIDF is the value a stored byte stands for.
func DequantIDF(q uint8) float64 { return 1 + float64(q)*IDFStep }

// Weighting is how the trainer must value features to match this model.
func (m *Model) Weighting() Weighting {
	if m.IDF == nil {
		return Weighting{}
	}
	w := Weighting{IDF: make([]float64, len(m.IDF)), Unknown: float64(m.UnknownIDF)}
	for i, q := range m.IDF {
		w.IDF[i] = DequantIDF(q)
	}
	return w
}

// Index builds the lookup table; Decode calls it, builders must too.
func (m *Model) Index() {
	m.index = make(map[uint64]int32, len(m.Hashes))
	for i, h := range m.Hashes {
		m.index[h] = int32(i)
	}
	m.idf = nil
	if m.IDF != nil {
		m.idf = make([]float32, len(m.IDF))
		for i, q := range m.IDF {
			m.idf[i] = float32(DequantIDF(q))
		}
	}
}

// Scores writes the raw score of every kind into out (len(Kinds)). hashes is
// reordered in place.
func (m *Model) Scores(hashes []uint64, out []float32) {
	nk := len(m.Kinds)
	slices.Sort(hashes)
	var acc [64]float32
	sums := acc[:0]
	if nk <= len(acc) {
		sums = acc[:nk]
	} else {
		sums = make([]float32, nk)
	}
	sq := float32(0)
	for i := 0; i < len(hashes); {
		j := i + 1
		for j < len(hashes) && hashes[j] == hashes[i] {
			j++
		}
		row, ok := m.index[hashes[i]]
		v := float32(1)
		if m.idf != nil {
			v = m.UnknownIDF
			if ok {
				v = m.idf[row]
			}
			if j-i > 1 {
				v *= float32(1 + math.Log(float64(j-i)))
			}
		}
		i = j
		sq += v * v
		if !ok {
			continue
		}
		w := m.W[int(row)*nk : int(row)*nk+nk]
		for k, x := range w {
			sums[k] += float32(x) * v
		}
	}
	norm := float32(0)
	if sq > 0 {
		norm = float32(1 / math.Sqrt(float64(sq)))
	}
	for k := range out[:nk] {
		out[k] = sums[k]*m.Scale[k]*norm + m.Bias[k]
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
	bw.WriteString(magicV2)
	put := func(v any) { binary.Write(bw, le, v) }
	put(m.FeatureSet)
	hasIDF := uint8(0)
	if m.IDF != nil {
		hasIDF = 1
	}
	put(hasIDF)
	put(m.UnknownIDF)
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
	if m.IDF != nil {
		put(m.IDF)
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
	head := make([]byte, len(magicV2))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magicV1 && string(head) != magicV2 {
		return nil, ErrFormat
	}
	le := binary.LittleEndian
	m := &Model{}
	hasIDF := uint8(0)
	if string(head) == magicV2 {
		if binary.Read(br, le, &m.FeatureSet) != nil || binary.Read(br, le, &hasIDF) != nil || binary.Read(br, le, &m.UnknownIDF) != nil || hasIDF > 1 {
			return nil, ErrFormat
		}
	}
	var n uint32
	if err := binary.Read(br, le, &n); err != nil || n == 0 || n > 1024 {
		return nil, ErrFormat
	}
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
	if hasIDF == 1 {
		m.IDF = make([]uint8, nf)
		if err := binary.Read(br, le, m.IDF); err != nil {
			return nil, ErrFormat
		}
	}
	m.Index()
	return m, nil
}
