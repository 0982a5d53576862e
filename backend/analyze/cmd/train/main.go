// Command train builds the provision model from the labelled clauses in
// ../shared/eval-dev (CLAUDETTE sentences and ToS;DR quotes) and measures it
// by cross-validation grouped by service, so no score is ever reported on a
// sentence the model was trained on.
//
//	go run ./backend/analyze/cmd/train              # write backend/analyze/model.bin.gz
//	go run ./backend/analyze/cmd/train -eval        # print per-kind figures, check the floors
package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"

	"fineprint/backend/analyze"
	"fineprint/backend/analyze/internal/features"
	"fineprint/backend/analyze/internal/linear"
)

// errNoShared means the labelled data is not on this machine.
var errNoShared = errors.New("shared data not found")

type options struct {
	c           float64 // SVM cost
	posBoost    float64 // cap on the positive class weight
	quoteNeg    float64 // weight of a ToS;DR quote as a negative for the other kinds
	unmappedNeg float64 // weight of a quote whose case maps to no kind
	claudNeg    float64 // weight of a CLAUDETTE sentence as a negative for kinds CLAUDETTE does not label
	tosdrOnC    float64 // weight of ToS;DR quotes for the kinds CLAUDETTE labels, whose scope differs
	split       bool    // a second column per CLAUDETTE kind, trained on ToS;DR's reading of it
	minDF       int
	epochs      int
	innerFolds  int
	asIs        bool // a column of its own for "as is" disclaimers
	forumSplit  bool // ToS;DR forum quotes that only name the law teach choice of law
	tfidf       bool
	// claudC multiplies the cost for the columns of CLAUDETTE's kinds:
	// their sentences come with many untagged neighbours of the same
	// wording, and a looser fit separates them better (grouped CV: 0.717 at
	// 1, 0.724 at 2, 0.716 at 4, with ToS;DR no worse).
	claudC     float64
	colC       []float64 // cost per column, from c and claudC
	featureSet features.Set
}

type source int

const (
	claudette source = iota
	tosdr
)

// example is one labelled sentence. target holds, per model column, +1, -1
// or 0 (left out), and weight the cost multiplier.
type example struct {
	text   string
	group  string
	src    source
	target []int8
	weight []float64
	hashes []uint64
	// gold are the kinds the labels give the sentence and skip the kinds it
	// must not be scored on (a CLAUDETTE category tagged only as fair);
	// both are fixed by the data, whatever the training options.
	gold, skip map[analyze.Kind]bool
}

func main() {
	var (
		shared     = flag.String("shared", "", "the shared data directory (default $FINEPRINT_SHARED or ../shared next to the repository)")
		out        = flag.String("out", "", "where to write the model (default backend/analyze/model.bin.gz)")
		eval       = flag.Bool("eval", false, "measure by grouped cross-validation instead of writing the model")
		floorsPath = flag.String("floors", "", "floors to check with -eval (default backend/analyze/testdata/floors.json)")
		record     = flag.Bool("record-floors", false, "with -eval, write the figures reached as the new floors")
		folds      = flag.Int("folds", 5, "outer folds for -eval")
		dump       = flag.String("dump", "", "with -eval, write every sentence with its gold and predicted kinds to this TSV file, for error analysis")
	)
	opt := options{}
	flag.Float64Var(&opt.c, "c", 0.5, "SVM cost")
	flag.Float64Var(&opt.posBoost, "pos", 4, "cap on the positive class weight")
	flag.Float64Var(&opt.quoteNeg, "quote-neg", 0.5, "weight of a ToS;DR quote as a negative for other kinds")
	flag.Float64Var(&opt.unmappedNeg, "unmapped-neg", 0.5, "weight of an unmapped ToS;DR quote as a negative")
	flag.Float64Var(&opt.claudNeg, "claudette-neg", 0.5, "weight of a CLAUDETTE sentence as a negative for other kinds")
	flag.Float64Var(&opt.tosdrOnC, "tosdr-on-claudette", 0.2, "weight of ToS;DR quotes for the kinds CLAUDETTE labels")
	flag.BoolVar(&opt.split, "split", false, "give each CLAUDETTE kind a second column trained on ToS;DR quotes")
	flag.IntVar(&opt.minDF, "min-df", 2, "drop features seen in fewer sentences")
	flag.IntVar(&opt.epochs, "epochs", 60, "maximum passes of the solver")
	flag.IntVar(&opt.innerFolds, "inner-folds", 3, "folds for tuning thresholds inside a training set")
	flag.BoolVar(&opt.asIs, "as-is", true, "learn \"as is\" disclaimers in a column of their own")
	flag.BoolVar(&opt.forumSplit, "forum-split", true, "ToS;DR forum quotes that only name the law teach choice of law, not jurisdiction")
	flag.BoolVar(&opt.tfidf, "tfidf", false, "sublinear TF-IDF feature values instead of binary ones")
	flag.Float64Var(&opt.claudC, "claudette-c", 2, "multiplier of the SVM cost for the kinds CLAUDETTE labels")
	fs := flag.Uint("features", 0, "feature set (features.Set flags)")
	flag.Parse()
	opt.featureSet = features.Set(*fs)

	root, err := repoRoot()
	if err != nil {
		fail(err)
	}
	dir := *shared
	if dir == "" {
		dir = os.Getenv("FINEPRINT_SHARED")
	}
	if dir == "" {
		dir = filepath.Join(root, "..", "shared")
	}
	evalDir := filepath.Join(dir, "eval-dev")
	if _, err := os.Stat(filepath.Join(evalDir, "claudette-dev.tsv")); err != nil {
		if *eval {
			fmt.Printf("skip: %v: no %s (set FINEPRINT_SHARED)\n", errNoShared, evalDir)
			return
		}
		fail(fmt.Errorf("%w: no %s (set FINEPRINT_SHARED)", errNoShared, evalDir))
	}
	kinds := modelKinds(opt.split)
	if opt.asIs {
		kinds = append(kinds, asIsColumn)
	}
	for _, k := range kinds {
		c := opt.c
		if _, isC := claudetteCategory(analyze.Kind(k)); isC {
			c *= opt.claudC
		}
		opt.colC = append(opt.colC, c)
	}
	data, err := load(evalDir, kinds, opt)
	if err != nil {
		fail(err)
	}
	if *eval {
		if *floorsPath == "" {
			*floorsPath = filepath.Join(root, "backend", "analyze", "testdata", "floors.json")
		}
		if err := evaluate(data, kinds, opt, *folds, *floorsPath, *record, *dump); err != nil {
			fail(err)
		}
		return
	}
	if *out == "" {
		*out = filepath.Join(root, "backend", "analyze", "model.bin.gz")
	}
	m := fit(data, kinds, opt)
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		fail(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fail(err)
	}
	fmt.Printf("wrote %s: %d kinds, %d features, %d bytes, from %d sentences\n", *out, len(kinds), len(m.Hashes), buf.Len(), len(data))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "train:", err)
	os.Exit(1)
}

func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		if filepath.Dir(dir) == dir {
			return "", errors.New("no go.mod above the working directory")
		}
	}
}

// modelKinds are the kinds the labelled data covers: every kind with a
// CLAUDETTE category or a ToS;DR case.
func modelKinds(split bool) []string {
	var out []string
	for _, k := range analyze.Kinds {
		ok := false
		for _, c := range []string{"arbitration", "choice_of_law", "content_removal", "contract_by_using", "jurisdiction", "limitation_of_liability", "unilateral_change", "unilateral_termination"} {
			if ck, _ := analyze.ClaudetteKind(c); ck == k {
				ok = true
			}
		}
		for id := 100; id < 600 && !ok; id++ {
			if ck, found := analyze.CaseKind(id); found && ck == k {
				ok = true
			}
		}
		if ok {
			out = append(out, string(k))
		}
	}
	if split {
		for _, k := range analyze.Kinds {
			if _, ok := claudetteCategory(k); ok {
				out = append(out, string(k)+tosdrSuffix)
			}
		}
	}
	return out
}

// tosdrSuffix names the column that learns a CLAUDETTE kind the way ToS;DR
// files it: the two sets draw the borders of some kinds differently (a
// "governed by the laws of" quote is a jurisdiction case in ToS;DR and
// choice of law in CLAUDETTE), and one column cannot learn both.
const tosdrSuffix = "@tosdr"

// liabilityCases are ToS;DR cases about disclaimers that the taxonomy maps
// nowhere but CLAUDETTE would call limitation of liability: such quotes say
// nothing either way about that kind.
var liabilityCases = map[int]bool{160: true, 278: true, 279: true, 288: true, 289: true, 290: true, 291: true, 292: true}

func groupOf(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func readTSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		row := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func load(dir string, kinds []string, opt options) ([]*example, error) {
	col := map[analyze.Kind]int{}
	for i, k := range kinds {
		col[analyze.Kind(k)] = i
	}
	newEx := func(text, group string, src source) *example {
		e := &example{text: strings.ReplaceAll(text, `\"`, `"`), group: groupOf(group), src: src,
			target: make([]int8, len(kinds)), weight: make([]float64, len(kinds)),
			gold: map[analyze.Kind]bool{}, skip: map[analyze.Kind]bool{}}
		e.hashes = features.Of(opt.featureSet, features.Plain(e.text), nil)
		return e
	}
	var data []*example
	rows, err := readTSV(filepath.Join(dir, "claudette-dev.tsv"))
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		e := newEx(r["sentence_original_case"], r["doc"], claudette)
		for i := range kinds {
			e.target[i], e.weight[i] = -1, opt.claudNeg
		}
		for c := range strings.SplitSeq(r["tag_levels"], ",") {
			cat, _, _ := strings.Cut(c, ":")
			if k, ok := analyze.ClaudetteKind(cat); ok {
				e.target[col[k]], e.weight[col[k]] = 0, 0
				e.skip[k] = true
			}
		}
		for _, c := range []string{"arbitration", "choice_of_law", "content_removal", "contract_by_using", "jurisdiction", "limitation_of_liability", "unilateral_change", "unilateral_termination"} {
			k, _ := analyze.ClaudetteKind(c)
			if e.target[col[k]] == -1 {
				e.weight[col[k]] = 1
			}
		}
		for c := range strings.SplitSeq(r["labels"], ",") {
			if k, ok := analyze.ClaudetteKind(strings.TrimSpace(c)); ok {
				e.target[col[k]], e.weight[col[k]] = 1, 1
				e.gold[k], e.skip[k] = true, false
			}
		}
		if c, ok := col[analyze.Kind(asIsColumn)]; ok {
			e.target[c], e.weight[c] = 0, 0
		}
		for i, kn := range kinds {
			if base, ok := strings.CutSuffix(kn, tosdrSuffix); ok {
				j := col[analyze.Kind(base)]
				e.target[i], e.weight[i] = -1, opt.claudNeg
				if e.target[j] != -1 {
					e.target[i], e.weight[i] = 0, 0
				}
			}
		}
		data = append(data, e)
	}
	rows, err = readTSV(filepath.Join(dir, "tosdr-dev.tsv"))
	if err != nil {
		return nil, err
	}
	// The same quote is often filed under several cases: it is one sentence
	// with several kinds.
	type quote struct {
		service, text string
		kinds         map[int]bool
		liability     bool
		asIs          bool // filed as a warranty disclaimer ("as is")
		lol           bool // filed as a limit or exclusion of liability
		forum         bool // filed under the "court of law governing the terms" cases
	}
	byKey := map[string]*quote{}
	var keys []string
	for _, r := range rows {
		text := strings.TrimSpace(r["quote_text"])
		if text == "" {
			continue
		}
		key := groupOf(r["service"]) + "\x00" + strings.Join(strings.Fields(strings.ToLower(text)), " ")
		q := byKey[key]
		if q == nil {
			q = &quote{service: r["service"], text: text, kinds: map[int]bool{}}
			byKey[key] = q
			keys = append(keys, key)
		}
		id, err := strconv.Atoi(r["case_id"])
		if err != nil {
			continue
		}
		if k, ok := analyze.CaseKind(id); ok {
			q.kinds[col[k]] = true
		}
		if liabilityCases[id] {
			q.liability = true
		}
		switch id {
		case 286, 287:
			q.asIs = true
		case 149, 293:
			q.lol = true
		case 163, 241, 242:
			q.forum = true
		}
	}
	sort.Strings(keys)
	lol := col[analyze.LimitationOfLiability]
	var claudetteCols []int
	for _, kn := range kinds {
		if _, ok := claudetteCategory(analyze.Kind(kn)); ok {
			claudetteCols = append(claudetteCols, col[analyze.Kind(kn)])
		}
	}
	for _, key := range keys {
		q := byKey[key]
		e := newEx(q.text, q.service, tosdr)
		neg := opt.quoteNeg
		if len(q.kinds) == 0 {
			neg = opt.unmappedNeg
		}
		for i, kn := range kinds {
			if q.kinds[i] {
				e.target[i], e.weight[i] = 1, 1
				e.gold[analyze.Kind(kn)] = true
			} else {
				e.target[i], e.weight[i] = -1, neg
			}
		}
		relabel(e, q.asIs, q.lol, q.forum, col, opt)
		if c, ok := col[analyze.Kind(asIsColumn)]; ok && q.liability && !q.asIs {
			e.target[c], e.weight[c] = 0, 0
		}
		for i, kn := range kinds {
			if base, ok := strings.CutSuffix(kn, tosdrSuffix); ok {
				j := col[analyze.Kind(base)]
				e.target[i], e.weight[i] = e.target[j], e.weight[j]
				e.target[j], e.weight[j] = 0, 0
			}
		}
		for _, c := range claudetteCols {
			e.weight[c] *= opt.tosdrOnC
			if e.weight[c] == 0 {
				e.target[c] = 0
			}
		}
		if q.liability && !q.kinds[lol] {
			for i, kn := range kinds {
				if strings.TrimSuffix(kn, tosdrSuffix) == string(analyze.LimitationOfLiability) {
					e.target[i], e.weight[i] = 0, 0
				}
			}
		}
		data = append(data, e)
	}
	return data, nil
}

// asIsColumn learns the warranty disclaimers ("provided as is") that the
// taxonomy files under limitation of liability, as ToS;DR does, but that
// CLAUDETTE leaves out of its category: one column cannot learn both.
const asIsColumn = string(analyze.LimitationOfLiability) + "@as-is"

// forumCues and lawCues are the words of a forum clause and of a choice of
// law, for telling apart the ToS;DR quotes filed under "the court of law
// governing the terms", which holds both.
var (
	forumCues = []string{"court", "venue", "forum", "tribunal", "jurisdiction", "judicial", "judge", "rechtbank"}
	lawCues   = []string{" law", "laws", "legislation", "recht"}
)

func mentions(text string, words []string) bool {
	l := strings.ToLower(text)
	for _, w := range words {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// relabel reconciles a ToS;DR quote's labels with the taxonomy's borders
// where ToS;DR draws them elsewhere. The gold labels stay as ToS;DR gave
// them; only the training targets change.
func relabel(e *example, asIs, lol, forum bool, col map[analyze.Kind]int, opt options) {
	if c, ok := col[analyze.Kind(asIsColumn)]; ok {
		e.target[c], e.weight[c] = -1, opt.quoteNeg
		if asIs {
			e.target[c], e.weight[c] = 1, 1
			if !lol {
				l := col[analyze.LimitationOfLiability]
				e.target[l], e.weight[l] = 0, 0
			}
		}
	}
	if forum && opt.forumSplit {
		j, c := col[analyze.Jurisdiction], col[analyze.ChoiceOfLaw]
		if !mentions(e.text, forumCues) {
			e.target[j], e.weight[j] = 0, 0
		}
		if mentions(e.text, lawCues) {
			e.target[c], e.weight[c] = 1, 1
		}
	}
}

// foldsOf assigns whole groups to k folds, largest group first into the
// smallest fold, ties broken by name: balanced and reproducible.
func foldsOf(data []*example, k int) []int {
	size := map[string]int{}
	for _, e := range data {
		size[e.group]++
	}
	groups := make([]string, 0, len(size))
	for g := range size {
		groups = append(groups, g)
	}
	sort.Slice(groups, func(a, b int) bool {
		if size[groups[a]] != size[groups[b]] {
			return size[groups[a]] > size[groups[b]]
		}
		return groups[a] < groups[b]
	})
	load := make([]int, k)
	fold := map[string]int{}
	for _, g := range groups {
		best := 0
		for f := 1; f < k; f++ {
			if load[f] < load[best] {
				best = f
			}
		}
		fold[g] = best
		load[best] += size[g]
	}
	out := make([]int, len(data))
	for i, e := range data {
		out[i] = fold[e.group]
	}
	return out
}

type trained struct {
	vocab   []uint64
	index   map[uint64]int32
	idf     []uint8
	unknown float64
	wt      linear.Weighting
	w       [][]float64
	bias    []float64
}

// train fits every kind on data.
func train(data []*example, nk int, opt options) *trained {
	lists := make([][]uint64, len(data))
	for i, e := range data {
		lists[i] = e.hashes
	}
	t := &trained{vocab: linear.Vocabulary(lists, opt.minDF), w: make([][]float64, nk), bias: make([]float64, nk)}
	t.index = make(map[uint64]int32, len(t.vocab))
	for i, h := range t.vocab {
		t.index[h] = int32(i)
	}
	if opt.tfidf {
		idf, unknown := linear.IDFs(lists, t.vocab, opt.minDF)
		// Train on the idf values the model file will hold.
		t.idf = make([]uint8, len(idf))
		t.wt = linear.Weighting{IDF: make([]float64, len(idf))}
		for i, v := range idf {
			t.idf[i] = linear.QuantIDF(v)
			t.wt.IDF[i] = linear.DequantIDF(t.idf[i])
		}
		t.unknown = float64(float32(unknown))
		t.wt.Unknown = t.unknown
	}
	xs := make([]linear.Example, len(data))
	for i, e := range data {
		xs[i] = linear.Vectorize(e.hashes, t.index, t.wt)
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for k := 0; k < nk; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			y := make([]int8, len(data))
			cost := make([]float64, len(data))
			pos, neg := 0.0, 0.0
			for i, e := range data {
				y[i] = e.target[k]
				switch y[i] {
				case 1:
					pos += e.weight[k]
				case -1:
					neg += e.weight[k]
				}
			}
			boost := 1.0
			if pos > 0 {
				boost = math.Min(opt.posBoost, math.Sqrt(neg/pos))
			}
			for i, e := range data {
				cost[i] = opt.colC[k] * e.weight[k]
				if y[i] == 1 {
					cost[i] *= boost
				}
			}
			t.w[k], t.bias[k] = linear.TrainBinary(xs, y, cost, len(t.vocab), opt.epochs, uint64(k)+1)
		}()
	}
	wg.Wait()
	return t
}

func (t *trained) scores(e *example) []float64 {
	x := linear.Vectorize(e.hashes, t.index, t.wt)
	out := make([]float64, len(t.w))
	for k := range t.w {
		out[k] = linear.Score(x, t.w[k], t.bias[k])
	}
	return out
}

// fit trains on data with thresholds tuned by an inner grouped
// cross-validation on the same data: the thresholds never see a sentence
// whose score came from a model trained on it.
func fit(data []*example, kinds []string, opt options) *linear.Model {
	nk := len(kinds)
	folds := foldsOf(data, opt.innerFolds)
	oof := make([][]float64, len(data))
	for f := 0; f < opt.innerFolds; f++ {
		var tr []*example
		for i, e := range data {
			if folds[i] != f {
				tr = append(tr, e)
			}
		}
		t := train(tr, nk, opt)
		for i, e := range data {
			if folds[i] == f {
				oof[i] = t.scores(e)
			}
		}
	}
	thr := make([]float64, nk)
	for k := 0; k < nk; k++ {
		s := make([]float64, len(data))
		y := make([]int8, len(data))
		base, _, _ := strings.Cut(kinds[k], "@")
		for i, e := range data {
			s[i], y[i] = oof[i][k], e.target[k]
			if analyze.LacksCue(analyze.Kind(base), e.text) {
				s[i] = math.Inf(-1)
			}
		}
		thr[k] = linear.BestThreshold(s, y)
	}
	t := train(data, nk, opt)
	return linear.Build(kinds, t.vocab, t.w, t.bias, thr, uint32(opt.featureSet), t.idf, t.unknown)
}

type counts struct{ tp, fp, fn int }

func (c counts) prf() (p, r, f float64) {
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// Floors are the figures make eval must not fall below.
type Floors struct {
	ClaudetteMacroF1    float64 `json:"claudette_macro_f1"`
	TosdrMicroPrecision float64 `json:"tosdr_micro_precision"`
	TosdrMicroRecall    float64 `json:"tosdr_micro_recall"`
}

func evaluate(data []*example, kinds []string, opt options, k int, floorsPath string, record bool, dump string) error {
	folds := foldsOf(data, k)
	preds := make([]map[analyze.Kind]bool, len(data))
	for f := 0; f < k; f++ {
		var tr []*example
		for i, e := range data {
			if folds[i] != f {
				tr = append(tr, e)
			}
		}
		lin := fit(tr, kinds, opt)
		var buf bytes.Buffer
		if err := lin.Encode(&buf); err != nil {
			return err
		}
		// Measure the model exactly as the app runs it: encoded, quantised,
		// with the rules.
		m, err := analyze.LoadModel(&buf)
		if err != nil {
			return err
		}
		for i, e := range data {
			if folds[i] == f {
				preds[i] = map[analyze.Kind]bool{}
				for _, kd := range m.Classify(e.text) {
					preds[i][kd] = true
				}
			}
		}
		fmt.Fprintf(os.Stderr, "fold %d/%d done\n", f+1, k)
	}
	claud := map[analyze.Kind]*counts{}
	tos := map[analyze.Kind]*counts{}
	for _, kd := range analyze.Kinds {
		claud[kd], tos[kd] = &counts{}, &counts{}
	}
	var micro, strict counts
	var dumped strings.Builder
	for i, e := range data {
		gold, pred := e.gold, preds[i]
		if dump != "" {
			dumped.WriteString(dumpLine(e, gold, pred))
		}
		switch e.src {
		case claudette:
			for _, kd := range analyze.Kinds {
				if _, isC := claudetteCategory(kd); isC && !e.skip[kd] {
					tally(claud[kd], gold[kd], pred[kd], nil)
				}
			}
		case tosdr:
			if len(gold) == 0 {
				continue
			}
			for _, kd := range analyze.Kinds {
				tally(&counts{}, gold[kd], pred[kd], &strict)
			}
			// ToS;DR files governing law and the courts under one case
			// ("the court of law governing the terms"), and has no case for
			// the kinds only rules find: those kinds are scored as ToS;DR
			// can tell.
			merged := maps.Clone(pred)
			if merged[analyze.ChoiceOfLaw] {
				merged[analyze.Jurisdiction] = true
			}
			for _, kd := range analyze.Kinds {
				if tosdrScored(kd) {
					tally(tos[kd], gold[kd], merged[kd], &micro)
				}
			}
		}
	}
	if dump != "" {
		if err := os.WriteFile(dump, []byte(dumped.String()), 0o644); err != nil {
			return err
		}
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 2, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\tCLAUDETTE P\tR\tF1\tpos\tToS;DR P\tR\tF1\tpos\t")
	macro, nMacro := 0.0, 0
	for _, kd := range analyze.Kinds {
		c, t := claud[kd], tos[kd]
		line := string(kd) + "\t"
		if _, isC := claudetteCategory(kd); isC {
			p, r, f := c.prf()
			macro += f
			nMacro++
			line += fmt.Sprintf("%.3f\t%.3f\t%.3f\t%d\t", p, r, f, c.tp+c.fn)
		} else {
			line += "\t\t\t\t"
		}
		if t.tp+t.fn+t.fp > 0 {
			p, r, f := t.prf()
			line += fmt.Sprintf("%.3f\t%.3f\t%.3f\t%d\t", p, r, f, t.tp+t.fn)
		} else {
			line += "\t\t\t\t"
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
	macro /= float64(nMacro)
	mp, mr, mf := micro.prf()
	got := Floors{ClaudetteMacroF1: macro, TosdrMicroPrecision: mp, TosdrMicroRecall: mr}
	fmt.Printf("\nCLAUDETTE macro-F1 %.3f (8 categories, %d-fold CV grouped by document)\n", macro, k)
	fmt.Printf("ToS;DR micro P %.3f R %.3f F1 %.3f (quotes whose case maps to a kind, grouped by service; kinds with a ToS;DR case)\n", mp, mr, mf)
	sp, sr, sf := strict.prf()
	fmt.Printf("ToS;DR strict micro P %.3f R %.3f F1 %.3f (every kind counted, choice of law apart from jurisdiction)\n", sp, sr, sf)
	if record {
		floor := func(v float64) float64 { return math.Floor(v*1000) / 1000 }
		b, _ := json.MarshalIndent(Floors{floor(macro), floor(mp), floor(mr)}, "", "  ")
		if err := os.WriteFile(floorsPath, append(b, '\n'), 0o644); err != nil {
			return err
		}
		fmt.Printf("recorded floors in %s\n", floorsPath)
		return nil
	}
	b, err := os.ReadFile(floorsPath)
	if err != nil {
		return fmt.Errorf("floors: %w", err)
	}
	var want Floors
	if err := json.Unmarshal(b, &want); err != nil {
		return fmt.Errorf("floors %s: %w", floorsPath, err)
	}
	var below []string
	check := func(name string, got, floor float64) {
		if got < floor {
			below = append(below, fmt.Sprintf("%s %.3f < floor %.3f", name, got, floor))
		}
	}
	check("CLAUDETTE macro-F1", got.ClaudetteMacroF1, want.ClaudetteMacroF1)
	check("ToS;DR micro precision", got.TosdrMicroPrecision, want.TosdrMicroPrecision)
	check("ToS;DR micro recall", got.TosdrMicroRecall, want.TosdrMicroRecall)
	if len(below) > 0 {
		return fmt.Errorf("below the floors in %s: %s", floorsPath, strings.Join(below, "; "))
	}
	fmt.Println("all figures at or above the floors in", floorsPath)
	return nil
}

// tosdrScored says whether ToS;DR labels can tell a prediction of k right
// or wrong: k has a case, or is choice of law, merged with jurisdiction.
func tosdrScored(k analyze.Kind) bool {
	if k == analyze.ChoiceOfLaw {
		return false
	}
	for id := 100; id < 600; id++ {
		if ck, ok := analyze.CaseKind(id); ok && ck == k {
			return true
		}
	}
	return false
}

func claudetteCategory(k analyze.Kind) (string, bool) {
	for _, c := range []string{"arbitration", "choice_of_law", "content_removal", "contract_by_using", "jurisdiction", "limitation_of_liability", "unilateral_change", "unilateral_termination"} {
		if ck, _ := analyze.ClaudetteKind(c); ck == k {
			return c, true
		}
	}
	return "", false
}

func tally(c *counts, gold, pred bool, micro *counts) {
	var d counts
	switch {
	case gold && pred:
		d.tp = 1
	case pred:
		d.fp = 1
	case gold:
		d.fn = 1
	}
	c.tp, c.fp, c.fn = c.tp+d.tp, c.fp+d.fp, c.fn+d.fn
	if micro != nil {
		micro.tp, micro.fp, micro.fn = micro.tp+d.tp, micro.fp+d.fp, micro.fn+d.fn
	}
}

// dumpLine is one sentence for error analysis: source, group, gold kinds,
// predicted kinds, text.
func dumpLine(e *example, gold, pred map[analyze.Kind]bool) string {
	list := func(m map[analyze.Kind]bool) string {
		var out []string
		for _, k := range analyze.Kinds {
			if m[k] {
				out = append(out, string(k))
			}
		}
		return strings.Join(out, ",")
	}
	src := "claudette"
	if e.src == tosdr {
		src = "tosdr"
	}
	return fmt.Sprintf("%s\t%s\t%s\t%s\t%s\n", src, e.group, list(gold), list(pred), strings.ReplaceAll(e.text, "\t", " "))
}
