package linear

import (
	"bytes"
	"errors"
	"math"
	"testing"
)

// toy is a small separable problem: feature 1 marks the positives.
func toy() (lists [][]uint64, y []int8) {
	for i := range 40 {
		l := []uint64{100, uint64(200 + i%5)}
		if i%2 == 0 {
			l = append(l, 1, 1)
			y = append(y, 1)
		} else {
			l = append(l, 2)
			y = append(y, -1)
		}
		lists = append(lists, l)
	}
	return lists, y
}

func fitToy(t *testing.T, tfidf bool) (*Model, []Example, []float64, float64) {
	t.Helper()
	lists, y := toy()
	vocab := Vocabulary(lists, 2)
	index := map[uint64]int32{}
	for i, h := range vocab {
		index[h] = int32(i)
	}
	var wt Weighting
	var q []uint8
	if tfidf {
		idf, unknown := IDFs(lists, vocab, 2)
		q = make([]uint8, len(idf))
		wt = Weighting{IDF: make([]float64, len(idf)), Unknown: unknown}
		for i, v := range idf {
			q[i] = QuantIDF(v)
			wt.IDF[i] = DequantIDF(q[i])
		}
	}
	xs := make([]Example, len(lists))
	cost := make([]float64, len(lists))
	for i, l := range lists {
		xs[i] = Vectorize(l, index, wt)
		cost[i] = 1
	}
	w, b := TrainBinary(xs, y, cost, len(vocab), 50, 1)
	m := Build([]string{"k"}, vocab, [][]float64{w}, []float64{b}, []float64{0}, 3, q, wt.Unknown)
	return m, xs, w, b
}

func TestScoresMatchTraining(t *testing.T) {
	for _, tfidf := range []bool{false, true} {
		m, xs, w, b := fitToy(t, tfidf)
		lists, y := toy()
		out := make([]float32, 1)
		for i, l := range lists {
			m.Scores(append([]uint64(nil), l...), out)
			want := Score(xs[i], w, b)
			if math.Abs(float64(out[0])-want) > 0.02*math.Max(1, math.Abs(want)) {
				t.Fatalf("tfidf=%v: app score %v, trainer score %v", tfidf, out[0], want)
			}
			if (out[0] > 0) != (y[i] > 0) {
				t.Fatalf("tfidf=%v: example %d misclassified (%v)", tfidf, i, out[0])
			}
		}
	}
}

func TestEncodeDecodeKeepsEverything(t *testing.T) {
	m, _, _, _ := fitToy(t, true)
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	d, err := Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if d.FeatureSet != 3 || !bytes.Equal(d.IDF, m.IDF) || d.UnknownIDF != m.UnknownIDF || len(d.Hashes) != len(m.Hashes) {
		t.Fatalf("decoded model differs: %+v vs %+v", d, m)
	}
	a, b := make([]float32, 1), make([]float32, 1)
	m.Scores([]uint64{1, 100, 999}, a)
	d.Scores([]uint64{1, 100, 999}, b)
	if a[0] != b[0] {
		t.Fatalf("scores differ after a round trip: %v vs %v", a[0], b[0])
	}
	if _, err := Decode(bytes.NewReader([]byte("not a model"))); !errors.Is(err, ErrFormat) {
		t.Fatalf("garbage: %v, want ErrFormat", err)
	}
}
