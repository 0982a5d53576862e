package linear

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// Example is one sentence as the trainer sees it: the vocabulary indices of
// its features, each with the value Norm (binary features scaled to unit
// length over all of the sentence's features, known or not, as Scores does).
type Example struct {
	Feats []int32
	Norm  float64
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
func Vectorize(hashes []uint64, index map[uint64]int32) Example {
	uniq := slices.Clone(hashes)
	slices.Sort(uniq)
	uniq = slices.Compact(uniq)
	ex := Example{}
	if len(uniq) > 0 {
		ex.Norm = 1 / math.Sqrt(float64(len(uniq)))
	}
	for _, h := range uniq {
		if i, ok := index[h]; ok {
			ex.Feats = append(ex.Feats, i)
		}
	}
	slices.Sort(ex.Feats)
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
		qd[i] = xs[i].Norm*xs[i].Norm*float64(len(xs[i].Feats)) + 1 + diag[i]
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(active), func(a, b int) { active[a], active[b] = active[b], active[a] })
		maxPG := 0.0
		for _, i := range active {
			x := xs[i]
			yi := float64(y[i])
			dot := bias
			for _, f := range x.Feats {
				dot += w[f] * x.Norm
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
			for _, f := range x.Feats {
				w[f] += d * x.Norm
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
	for _, f := range x.Feats {
		s += w[f] * x.Norm
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

// Build quantises per-kind float weights into a Model.
func Build(kinds []string, vocab []uint64, ws [][]float64, bias, threshold []float64) *Model {
	nk := len(kinds)
	m := &Model{
		Kinds:     slices.Clone(kinds),
		Threshold: make([]float32, nk),
		Bias:      make([]float32, nk),
		Scale:     make([]float32, nk),
		Hashes:    slices.Clone(vocab),
		W:         make([]int8, len(vocab)*nk),
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
