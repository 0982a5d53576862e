package linear

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// Example is one sentence as the trainer sees it: the vocabulary indices of
// its features and their values, scaled to unit length over all of the
// sentence's features, known or not, as Scores does.
type Example struct {
	Feats []int32
	Vals  []float64
}

// Weighting says how a feature's value is computed from its count in the
// sentence. With IDF nil every feature present is worth 1 (binary);
// otherwise a feature is worth (1+ln tf)·idf, the sublinear TF-IDF of the
// published baselines, with Unknown the idf of a feature outside the
// vocabulary (it still counts towards the sentence's length).
type Weighting struct {
	IDF     []float64 // by vocabulary index
	Unknown float64
}

// IDFs are smoothed inverse document frequencies of vocab over the feature
// lists (ln((1+n)/(1+df))+1, as common TF-IDF implementations), and the
// value for a feature seen in fewer than minDF lists.
func IDFs(lists [][]uint64, vocab []uint64, minDF int) (idf []float64, unknown float64) {
	index := make(map[uint64]int, len(vocab))
	for i, h := range vocab {
		index[h] = i
	}
	df := make([]int, len(vocab))
	seen := map[uint64]bool{}
	for _, l := range lists {
		clear(seen)
		for _, h := range l {
			if i, ok := index[h]; ok && !seen[h] {
				seen[h] = true
				df[i]++
			}
		}
	}
	n := float64(len(lists))
	idf = make([]float64, len(vocab))
	for i, d := range df {
		idf[i] = math.Log((1+n)/(1+float64(d))) + 1
	}
	rare := max(1, minDF-1)
	return idf, math.Log((1+n)/(1+float64(rare))) + 1
}

// Vocabulary lists, sorted, the hashes found in at least minDF of the
// feature lists: rarer features are mostly names and typos, and dropping
// them keeps the model small.
func Vocabulary(lists [][]uint64, minDF int) []uint64 {
	df := map[uint64]int{}
	seen := map[uint64]bool{}
	for _, l := range lists {
		clear(seen)
		for _, h := range l {
			if !seen[h] {
				seen[h] = true
				df[h]++
			}
		}
	}
	var vocab []uint64
	for h, n := range df {
		if n >= minDF {
			vocab = append(vocab, h)
		}
	}
	slices.Sort(vocab)
	return vocab
}

// Vectorize maps a feature list onto the vocabulary.
func Vectorize(hashes []uint64, index map[uint64]int32, wt Weighting) Example {
	sorted := slices.Clone(hashes)
	slices.Sort(sorted)
	ex := Example{}
	sq := 0.0
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j] == sorted[i] {
			j++
		}
		idx, known := index[sorted[i]]
		v := 1.0
		if wt.IDF != nil {
			idf := wt.Unknown
			if known {
				idf = wt.IDF[idx]
			}
			v = (1 + math.Log(float64(j-i))) * idf
		}
		sq += v * v
		if known {
			ex.Feats = append(ex.Feats, idx)
			ex.Vals = append(ex.Vals, v)
		}
		i = j
	}
	if sq > 0 {
		inv := 1 / math.Sqrt(sq)
		for i := range ex.Vals {
			ex.Vals[i] *= inv
		}
	}
	return ex
}

// TrainBinary fits an L2-regularised squared-hinge linear SVM by dual
// coordinate descent (the method of LIBLINEAR's default solver). y holds +1,
// -1 or 0 (left out); cost is each example's C. The visiting order comes from
// seed, so a run is reproducible.
func TrainBinary(xs []Example, y []int8, cost []float64, dim, epochs int, seed uint64) (w []float64, bias float64) {
	w = make([]float64, dim)
	var active []int
	for i := range xs {
		if y[i] != 0 && cost[i] > 0 {
			active = append(active, i)
		}
	}
	alpha := make([]float64, len(xs))
	qd := make([]float64, len(xs))
	diag := make([]float64, len(xs))
	for _, i := range active {
		diag[i] = 0.5 / cost[i]
		qd[i] = 1 + diag[i]
		for _, v := range xs[i].Vals {
			qd[i] += v * v
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(active), func(a, b int) { active[a], active[b] = active[b], active[a] })
		maxPG := 0.0
		for _, i := range active {
			x := xs[i]
			yi := float64(y[i])
			dot := bias
			for j, f := range x.Feats {
				dot += w[f] * x.Vals[j]
			}
			g := yi*dot - 1 + diag[i]*alpha[i]
			pg := g
			if alpha[i] == 0 && g > 0 {
				pg = 0
			}
			if math.Abs(pg) > maxPG {
				maxPG = math.Abs(pg)
			}
			if pg == 0 {
				continue
			}
			old := alpha[i]
			alpha[i] = math.Max(old-g/qd[i], 0)
			d := (alpha[i] - old) * yi
			if d == 0 {
				continue
			}
			for j, f := range x.Feats {
				w[f] += d * x.Vals[j]
			}
			bias += d
		}
		if maxPG < 1e-3 {
			break
		}
	}
	return w, bias
}

// Score is the float score of one example.
func Score(x Example, w []float64, bias float64) float64 {
	s := bias
	for j, f := range x.Feats {
		s += w[f] * x.Vals[j]
	}
	return s
}

// BestThreshold picks the score threshold with the best F1 on labelled
// scores (y +1 / -1; 0 is ignored). With no positive it returns +Inf: a kind
// never seen should never fire.
func BestThreshold(scores []float64, y []int8) float64 {
	type pt struct {
		s   float64
		pos bool
	}
	var pts []pt
	total := 0
	for i, s := range scores {
		if y[i] == 0 {
			continue
		}
		pts = append(pts, pt{s, y[i] > 0})
		if y[i] > 0 {
			total++
		}
	}
	if total == 0 {
		return math.Inf(1)
	}
	sort.SliceStable(pts, func(a, b int) bool { return pts[a].s > pts[b].s })
	best, bestF := math.Inf(1), -1.0
	tp, fp := 0, 0
	for i, p := range pts {
		if p.pos {
			tp++
		} else {
			fp++
		}
		if i+1 < len(pts) && pts[i+1].s == p.s {
			continue
		}
		f := 2 * float64(tp) / float64(2*tp+fp+(total-tp))
		if f > bestF {
			bestF = f
			if i+1 < len(pts) {
				best = (p.s + pts[i+1].s) / 2
			} else {
				best = p.s - 1e-6
			}
		}
	}
	return best
}

// Build quantises per-kind float weights into a Model. idf nil means binary
// features.
func Build(kinds []string, vocab []uint64, ws [][]float64, bias, threshold []float64, featureSet uint32, idf []uint8, unknownIDF float64) *Model {
	nk := len(kinds)
	m := &Model{
		Kinds:      slices.Clone(kinds),
		Threshold:  make([]float32, nk),
		Bias:       make([]float32, nk),
		Scale:      make([]float32, nk),
		Hashes:     slices.Clone(vocab),
		W:          make([]int8, len(vocab)*nk),
		FeatureSet: featureSet,
		IDF:        slices.Clone(idf),
		UnknownIDF: float32(unknownIDF),
	}
	for k := range kinds {
		m.Bias[k] = float32(bias[k])
		t := threshold[k]
		if math.IsInf(t, 1) || t > 1e6 {
			t = 1e6
		}
		m.Threshold[k] = float32(t)
		maxAbs := 0.0
		for _, v := range ws[k] {
			maxAbs = math.Max(maxAbs, math.Abs(v))
		}
		if maxAbs == 0 {
			continue
		}
		scale := maxAbs / 127
		m.Scale[k] = float32(scale)
		for i, v := range ws[k] {
			m.W[i*nk+k] = int8(math.Round(v / scale))
		}
	}
	m.Index()
	return m
}
