// Package explain says in plain words what an everyday action means under a
// platform's terms, from the clauses the analyzer found in the archived
// versions in force on a date: a headline, short points, the clauses quoted
// verbatim, what the person can do, the laws that bear on it, the points on
// which the terms are silent, and how the person's other platforms compare.
//
// Nothing is written per platform: every sentence is templated per action
// from the kinds and modifiers found, and every sentence that states a fact
// points at the quotes it rests on.
package explain

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"fineprint/backend/analyze"
	"fineprint/backend/store"
)

// Errors carry their kind; the message is a sentence for people.
var (
	ErrUnknownAction = errors.New("unknown action")
	ErrUnknownKind   = errors.New("unknown kind")
	// ErrNotArchived means no document of the platform had a version on
	// the date asked for.
	ErrNotArchived = errors.New("nothing archived")
)

type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string        { return e.msg }
func (e *kindError) Is(target error) bool { return target == e.kind }

// Evidence is a clause quoted verbatim from an archived version.
type Evidence struct {
	Document    string    `json:"document"`
	DocumentID  int64     `json:"document_id"`
	URL         string    `json:"url,omitempty"`
	VersionDate time.Time `json:"version_date"`
	VersionID   int64     `json:"version_id"`
	Quote       string    `json:"quote"`
	// Start and End locate the quote in the version's text, in bytes.
	Start int `json:"start"`
	End   int `json:"end"`
	// Kinds and Modifiers are what the analyzer found in the clause.
	Kinds     []analyze.Kind     `json:"kinds"`
	Modifiers []analyze.Modifier `json:"modifiers"`
	Severity  analyze.Severity   `json:"severity"`
}

// Fact is one sentence of the headline or the points with the evidence it
// rests on (indexes into Explanation.Evidence). A fact about silence has
// none.
type Fact struct {
	Text       string           `json:"text"`
	Kind       analyze.Kind     `json:"kind,omitempty"`
	Modifier   analyze.Modifier `json:"modifier,omitempty"`
	Evidence   []int            `json:"evidence"`
	InHeadline bool             `json:"in_headline"`
}

// Option is something the terms say the person can do, with the clause.
type Option struct {
	Text     string   `json:"text"`
	Evidence Evidence `json:"evidence"`
}

// KindPosition is where one platform stands on one kind.
type KindPosition struct {
	Kind      analyze.Kind     `json:"kind"`
	Label     string           `json:"label"`
	Found     bool             `json:"found"`
	Severity  analyze.Severity `json:"severity,omitempty"`
	Quote     string           `json:"quote,omitempty"`
	Document  string           `json:"document,omitempty"`
	VersionID int64            `json:"version_id,omitempty"`
}

// OtherPlatform is how another watched platform handles the action's kinds.
type OtherPlatform struct {
	Platform string         `json:"platform"`
	Name     string         `json:"name"`
	Archived bool           `json:"archived"`
	Kinds    []KindPosition `json:"kinds"`
}

// DocumentVersion is a version an explanation read.
type DocumentVersion struct {
	Document    string    `json:"document"`
	VersionID   int64     `json:"version_id"`
	VersionDate time.Time `json:"version_date"`
}

// Explanation is what one action means under one platform's terms.
type Explanation struct {
	Platform     string            `json:"platform"`
	PlatformName string            `json:"platform_name"`
	Action       ActionID          `json:"action"`
	ActionTitle  string            `json:"action_title"`
	At           time.Time         `json:"at"`
	Headline     string            `json:"headline"`
	Points       []string          `json:"points"`
	Facts        []Fact            `json:"facts"`
	Evidence     []Evidence        `json:"evidence"`
	YouCan       []Option          `json:"you_can"`
	Legal        []LegalFact       `json:"legal"`
	Disclaimer   string            `json:"disclaimer"`
	SaysNothing  []analyze.Kind    `json:"says_nothing"`
	Others       []OtherPlatform   `json:"others"`
	Documents    []DocumentVersion `json:"documents"`
}

// hit is a finding in the version it was found in.
type hit struct {
	f   analyze.Finding
	doc store.Document
	v   *store.Version
}

// archive is what one platform's terms said on a date.
type archive struct {
	platform store.Platform
	hits     []hit
	read     []DocumentVersion
}

// ruleBooks are the documents that say what users may not do. Their lists
// ("do not build facial recognition databases") name data the service
// forbids, not data it takes; what they say of enforcement (review,
// removal, termination) still counts.
var ruleBooks = map[string]bool{"Acceptable Use Policy": true, "Community Guidelines": true, "Restricted Use Policy": true}

func readArchive(ctx context.Context, s *store.Store, p store.Platform, at time.Time) (archive, error) {
	a := archive{platform: p}
	docs, err := s.Documents(ctx, p.ID)
	if err != nil {
		return a, err
	}
	for _, d := range docs {
		v, err := s.VersionAt(ctx, d.ID, at)
		if err != nil {
			return a, err
		}
		if v == nil {
			continue
		}
		a.read = append(a.read, DocumentVersion{Document: d.Type, VersionID: v.ID, VersionDate: v.FirstSeen})
		for _, f := range findings(v.Text) {
			if ruleBooks[d.Type] && analyze.Group(f.Kind) != "Terms" && f.Kind != analyze.HumanReview {
				continue
			}
			a.hits = append(a.hits, hit{f: f, doc: d, v: v})
		}
	}
	return a, nil
}

// The analyzer is pure and archived texts never change, so findings are
// kept by the text's digest: one explanation reads every watched platform
// for its comparison, and the next one reads them again.
var (
	cacheMu    sync.Mutex
	cache      = map[[32]byte][]analyze.Finding{}
	cacheOrder [][32]byte
)

const cacheSize = 256

func findings(text string) []analyze.Finding {
	key := sha256.Sum256([]byte(text))
	cacheMu.Lock()
	fs, ok := cache[key]
	cacheMu.Unlock()
	if ok {
		return fs
	}
	fs = analyze.Analyze(text)
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if _, ok := cache[key]; !ok {
		if len(cacheOrder) >= cacheSize {
			delete(cache, cacheOrder[0])
			cacheOrder = cacheOrder[1:]
		}
		cache[key] = fs
		cacheOrder = append(cacheOrder, key)
	}
	return fs
}

func severityRank(s analyze.Severity) int {
	switch s {
	case "high":
		return 3
	case "medium":
		return 2
	case "low":
		return 1
	}
	return 0
}

func has(ms []analyze.Modifier, m analyze.Modifier) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

func hasKind(ks []analyze.Kind, k analyze.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// better orders hits for being quoted: about the action first, then the
// more severe, then the analyzer's confidence, then document order.
func (sp *actionSpec) better(a, b hit) bool {
	// A heading ("2. Feedback") names a topic but says nothing about it.
	if sa, sb := substantial(a.f.Quote), substantial(b.f.Quote); sa != sb {
		return sa
	}
	// A question ("Can we train models that ...?", an FAQ link) asks what
	// the terms might answer; a statement answers.
	if qa, qb := asks(a.f.Quote), asks(b.f.Quote); qa != qb {
		return qb
	}
	// A table row lists data and purposes; a sentence says what happens.
	if ra, rb := strings.HasPrefix(a.f.Quote, "|"), strings.HasPrefix(b.f.Quote, "|"); ra != rb {
		return rb
	}
	// A clause saying what happens backs a point better than one saying
	// what does not.
	if da, db := denies(a), denies(b); da != db {
		return db
	}
	if ta, tb := sp.onTopic(a), sp.onTopic(b); ta != tb {
		return ta
	}
	if ra, rb := severityRank(a.f.Severity), severityRank(b.f.Severity); ra != rb {
		return ra > rb
	}
	if a.f.Score != b.f.Score {
		return a.f.Score > b.f.Score
	}
	if len(a.f.Modifiers) != len(b.f.Modifiers) {
		return len(a.f.Modifiers) > len(b.f.Modifiers)
	}
	if a.doc.ID != b.doc.ID {
		return a.doc.ID < b.doc.ID
	}
	return a.f.Start < b.f.Start
}

// question finds a question mark that ends a sentence, a link text or
// emphasis, not one that starts a web address's query.
var question = regexp.MustCompile(`\?(\s|$|[\]\)*_])`)

// asks reports whether a quote is a question.
func asks(q string) bool { return question.MatchString(q) }

// substantial reports whether a quote is long enough to say something.
func substantial(q string) bool { return len(strings.Fields(q)) >= 6 }

// onTopic says whether a clause speaks of the action. A heading or a
// question names the topic without saying anything, and a table row that
// lists "Feedback" among the data some purpose uses is no clause about
// rating answers.
func (sp *actionSpec) onTopic(h hit) bool {
	return sp != nil && sp.topic != nil && substantial(h.f.Quote) && !strings.HasPrefix(h.f.Quote, "|") && !asks(h.f.Quote) &&
		sp.topic.MatchString(h.f.Quote)
}

// denies says whether a clause denies its kind rather than states it. "If
// you do not opt out, we train on your chats" negates the condition, not
// the practice.
func denies(h hit) bool {
	re, ok := denials[h.f.Kind]
	return ok && re.MatchString(h.f.Quote) && !negatesCondition.MatchString(h.f.Quote)
}

var negatesCondition = regexp.MustCompile(`(?i)\b(if|unless|when|where) (you|users?) (do not|don['’]t|does not|doesn['’]t)\b|\b(do not|don['’]t) want\b`)

func (c cond) holds(sp *actionSpec, h hit) bool {
	// A question asserts nothing, and a heading ("When you share your
	// information") only names a topic.
	if !hasKind(c.kinds, h.f.Kind) || denies(h) != c.denial || asks(h.f.Quote) || !substantial(h.f.Quote) {
		return false
	}
	if c.mod != "" && !has(h.f.Modifiers, c.mod) {
		return false
	}
	if c.notMod != "" && has(h.f.Modifiers, c.notMod) {
		return false
	}
	if c.about != nil && !c.about.MatchString(h.f.Quote) {
		return false
	}
	if c.not != nil && c.not.MatchString(h.f.Quote) {
		return false
	}
	return !c.topical || sp.onTopic(h)
}

func (sp *actionSpec) best(hits []hit, ok func(hit) bool) (hit, bool) {
	var out hit
	found := false
	for _, h := range hits {
		if ok(h) && (!found || sp.better(h, out)) {
			out, found = h, true
		}
	}
	return out, found
}

// withModifier picks the clause that best shows a modifier: one whose words
// show it, when there is one, so the quote visibly backs the sentence. An
// opt-out mentioned only to say it does not apply is no way out.
func (sp *actionSpec) withModifier(hits []hit, m analyze.Modifier) (hit, bool) {
	var out hit
	found, shown := false, false
	for _, h := range hits {
		if !has(h.f.Modifiers, m) || m == optOutAvailable && has(h.f.Modifiers, despiteOptOut) {
			continue
		}
		s := shows(m, h.f.Quote)
		if !found || s && !shown || s == shown && sp.better(h, out) {
			out, found, shown = h, true, s
		}
	}
	return out, found
}

// builder collects the evidence of one explanation, each clause once.
type builder struct {
	w        words
	sp       *actionSpec
	name     string
	evidence []Evidence
	index    map[string]int
}

const maxQuote = 1200

func (b *builder) cite(h hit) int {
	quote := clip(h.f.Quote, maxQuote)
	key := quote
	if i, ok := b.index[key]; ok {
		e := &b.evidence[i]
		if !hasKind(e.Kinds, h.f.Kind) {
			e.Kinds = append(e.Kinds, h.f.Kind)
		}
		for _, m := range h.f.Modifiers {
			if !has(e.Modifiers, m) {
				e.Modifiers = append(e.Modifiers, m)
			}
		}
		if severityRank(h.f.Severity) > severityRank(e.Severity) {
			e.Severity = h.f.Severity
		}
		return i
	}
	e := Evidence{Document: h.doc.Type, DocumentID: h.doc.ID, URL: h.doc.URL(), VersionDate: h.v.FirstSeen,
		VersionID: h.v.ID, Quote: quote, Start: h.f.Start, End: h.f.Start + len(quote), Kinds: []analyze.Kind{h.f.Kind},
		Modifiers: append([]analyze.Modifier{}, h.f.Modifiers...), Severity: h.f.Severity}
	b.evidence = append(b.evidence, e)
	b.index[key] = len(b.evidence) - 1
	return len(b.evidence) - 1
}

// clip shortens a quote to at most n bytes at a word boundary; the result
// is still a verbatim part of the text.
func clip(q string, n int) string {
	if len(q) <= n {
		return q
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(q[cut]) {
		cut--
	}
	if sp := strings.LastIndexAny(q[:cut], " \n"); sp > n/2 {
		cut = sp
	}
	return strings.TrimRight(q[:cut], " \n")
}

// kindPoint says what the clauses of one kind mean, one fact per sentence:
// the kind, then each modifier the best clauses carry.
func (b *builder) kindPoint(hits []hit, k analyze.Kind) (string, []Fact) {
	var ofKind, topical []hit
	for _, h := range hits {
		if h.f.Kind == k {
			ofKind = append(ofKind, h)
			if b.sp.onTopic(h) && !denies(h) {
				topical = append(topical, h)
			}
		}
	}
	if len(ofKind) == 0 {
		return "", nil
	}
	cands := ofKind
	if len(topical) > 0 {
		cands = topical
	}
	sort.SliceStable(cands, func(i, j int) bool { return b.sp.better(cands[i], cands[j]) })
	if len(cands) > 5 {
		cands = cands[:5]
	}
	base := cands[0]
	if m, ok := baseShows[k]; ok {
		if h, ok := b.sp.withModifier(ofKind, m); ok && !has(h.f.Modifiers, despiteOptOut) && !denies(h) {
			base = h
		}
	}
	key := "point." + string(k)
	// When the best clause denies the thing, none says it happens.
	denied := denies(base)
	if denied {
		key += ".no"
	}
	first := Fact{Text: b.w.say(key, b.name), Kind: k, Evidence: []int{b.cite(base)}}
	facts := []Fact{first}
	sentences := []string{first.Text}
	if denied {
		return first.Text, facts
	}
	for _, m := range modifierOrder {
		h, ok := b.sp.withModifier(cands, m)
		if ok {
			mk := "point." + string(k) + "." + string(m)
			if !b.w.has(mk) {
				mk = "mod." + string(m)
			}
			f := Fact{Text: b.w.say(mk, b.name), Kind: k, Modifier: m, Evidence: []int{b.cite(h)}}
			facts = append(facts, f)
			sentences = append(sentences, f.Text)
		}
	}
	return strings.Join(sentences, " "), facts
}

// headline says the lead fact of the action and up to three more.
func (b *builder) headline(hits []hit, anyFound bool) (string, []Fact) {
	used := map[string]bool{}
	var facts []Fact
	try := func(c claim) bool {
		if used[c.group] {
			return false
		}
		var ev []int
		var kind analyze.Kind
		var mod analyze.Modifier
		for i, cd := range c.all {
			var ok2 []hit
			for _, h := range hits {
				if cd.holds(b.sp, h) {
					ok2 = append(ok2, h)
				}
			}
			h, ok := b.sp.best(ok2, func(hit) bool { return true })
			if cd.mod != "" {
				h, ok = b.sp.withModifier(ok2, cd.mod)
			}
			if !ok {
				return false
			}
			if i == 0 {
				kind, mod = h.f.Kind, cd.mod
			}
			ev = append(ev, b.cite(h))
		}
		used[c.group] = true
		facts = append(facts, Fact{Text: b.w.say(c.key, b.name), Kind: kind, Modifier: mod, Evidence: ev, InHeadline: true})
		return true
	}
	for _, c := range b.sp.leads {
		if try(c) {
			// A lead that says what a follow-up would say covers it.
			for _, g := range c.covers {
				used[g] = true
			}
			for _, f := range b.sp.follows {
				if sameFact(c, f) {
					used[f.group] = true
				}
			}
			break
		}
	}
	n := 0
	for _, c := range b.sp.follows {
		if n == maxFollows {
			break
		}
		if try(c) {
			n++
		}
	}
	switch {
	case len(facts) == 0 && !anyFound:
		facts = []Fact{{Text: b.w.say("silent."+string(b.sp.id), b.name), Evidence: []int{}, InHeadline: true}}
	case len(facts) == 0 || !used["lead"]:
		facts = append([]Fact{{Text: b.w.say("lead."+string(b.sp.id), b.name), Evidence: []int{}, InHeadline: true}}, facts...)
	}
	texts := make([]string, len(facts))
	for i, f := range facts {
		texts[i] = f.Text
	}
	return strings.Join(texts, " "), facts
}

// sameFact reports whether a lead and a follow-up rest on the same kind and
// modifier, so that saying both would repeat one fact.
func sameFact(lead, follow claim) bool {
	if len(lead.all) != 1 || len(follow.all) != 1 {
		return false
	}
	a, f := lead.all[0], follow.all[0]
	return len(a.kinds) == 1 && len(f.kinds) == 1 && a.kinds[0] == f.kinds[0] && a.mod == f.mod
}

// youCan lists what the terms say the person can do about the action.
func (b *builder) youCan(hits []hit) []Option {
	var cands []hit
	for _, h := range hits {
		useful := h.f.Kind == userRights || h.f.Kind == trainingOptOut || has(h.f.Modifiers, optOutAvailable)
		if useful && (hasKind(b.sp.kinds, h.f.Kind) || b.sp.onTopic(h)) {
			cands = append(cands, h)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, c := cands[i], cands[j]
		// A clause that says an opt-out does not apply is a poor quote for
		// what the person can do.
		if da, dc := has(a.f.Modifiers, despiteOptOut), has(c.f.Modifiers, despiteOptOut); da != dc {
			return dc
		}
		if ta, tc := b.sp.onTopic(a), b.sp.onTopic(c); ta != tc {
			return ta
		}
		if oa, oc := has(a.f.Modifiers, optOutAvailable), has(c.f.Modifiers, optOutAvailable); oa != oc {
			return oa
		}
		return b.sp.better(a, c)
	})
	out := []Option{}
	said := map[string]bool{}
	for _, h := range cands {
		if len(out) == 3 {
			break
		}
		text := b.w.say(optionKey(h))
		if said[text] {
			continue
		}
		said[text] = true
		out = append(out, Option{Text: text, Evidence: b.evidence[b.cite(h)]})
	}
	return out
}

// Explain says what action means under the platform's terms in force at at
// (now when at is zero).
func Explain(ctx context.Context, s *store.Store, platformID string, action ActionID, at time.Time) (Explanation, error) {
	sp, ok := specOf(action)
	if !ok {
		return Explanation{}, &kindError{ErrUnknownAction, fmt.Sprintf("%q is not an action; try one of: %s", action, actionList())}
	}
	if at.IsZero() {
		at = time.Now()
	}
	p, err := s.Platform(ctx, platformID)
	if err != nil {
		return Explanation{}, err
	}
	a, err := readArchive(ctx, s, p, at)
	if err != nil {
		return Explanation{}, err
	}
	if len(a.read) == 0 {
		return Explanation{}, &kindError{ErrNotArchived, fmt.Sprintf("no terms of %s were archived by %s; run 'fineprint check %s' first",
			p.Name, at.Format("2006-01-02"), p.ID)}
	}
	e := compose(ctx, sp, p, a, at)
	if e.Others, err = others(ctx, s, p.ID, sp, at); err != nil {
		return Explanation{}, err
	}
	return e, nil
}

// compose builds the explanation of one action from one platform's findings.
func compose(ctx context.Context, sp *actionSpec, p store.Platform, a archive, at time.Time) Explanation {
	w := wordsFor(ctx)
	b := &builder{w: w, sp: sp, name: p.Name, index: map[string]int{}}
	var relevant []hit
	found := map[analyze.Kind]bool{}
	for _, h := range a.hits {
		if hasKind(sp.kinds, h.f.Kind) {
			relevant = append(relevant, h)
			found[h.f.Kind] = true
		}
	}
	e := Explanation{Platform: p.ID, PlatformName: p.Name, Action: sp.id, ActionTitle: w.say("action." + string(sp.id) + ".title"),
		At: at, Points: []string{}, SaysNothing: []analyze.Kind{}, Documents: a.read, Disclaimer: w.say("legal.disclaimer")}
	var headFacts []Fact
	e.Headline, headFacts = b.headline(relevant, len(found) > 0)
	e.Facts = append(e.Facts, headFacts...)
	var lawKinds []analyze.Kind
	for _, k := range sp.kinds {
		if !found[k] {
			continue
		}
		lawKinds = append(lawKinds, k)
		text, facts := b.kindPoint(relevant, k)
		e.Points = append(e.Points, text)
		e.Facts = append(e.Facts, facts...)
	}
	for _, k := range sp.kinds {
		if found[k] {
			continue
		}
		lawKinds = append(lawKinds, k)
		e.SaysNothing = append(e.SaysNothing, k)
		text := w.say("nothing." + string(k))
		e.Points = append(e.Points, text)
		e.Facts = append(e.Facts, Fact{Text: text, Kind: k, Evidence: []int{}})
	}
	e.YouCan = b.youCan(a.hits)
	laws := append([]law(nil), actionLaw[sp.id]...)
	for _, k := range lawKinds {
		laws = append(laws, legalTable[k]...)
	}
	e.Legal = legalFacts(ctx, laws)
	e.Evidence = b.evidence
	if e.Evidence == nil {
		e.Evidence = []Evidence{}
	}
	return e
}

func actionList() string {
	ids := make([]string, len(specs))
	for i, s := range specs {
		ids[i] = string(s.id)
	}
	return strings.Join(ids, ", ")
}

// others tells how every other watched platform handles the action's kinds.
func others(ctx context.Context, s *store.Store, except string, sp *actionSpec, at time.Time) ([]OtherPlatform, error) {
	ps, err := s.Platforms(ctx)
	if err != nil {
		return nil, err
	}
	out := []OtherPlatform{}
	for _, p := range ps {
		if p.ID == except {
			continue
		}
		a, err := readArchive(ctx, s, p, at)
		if err != nil {
			return nil, err
		}
		o := OtherPlatform{Platform: p.ID, Name: p.Name, Archived: len(a.read) > 0, Kinds: []KindPosition{}}
		for _, k := range sp.kinds {
			kp := KindPosition{Kind: k, Label: analyze.Label(k)}
			top := analyze.Severity("")
			if h, ok := sp.best(a.hits, func(h hit) bool { return h.f.Kind == k }); ok {
				for _, x := range a.hits {
					if x.f.Kind == k && severityRank(x.f.Severity) > severityRank(top) {
						top = x.f.Severity
					}
				}
				kp.Found, kp.Severity, kp.Quote, kp.Document, kp.VersionID = true, top, clip(h.f.Quote, 240), h.doc.Type, h.v.ID
			}
			o.Kinds = append(o.Kinds, kp)
		}
		out = append(out, o)
	}
	return out, nil
}

// Position is where one platform stands on one kind.
type Position struct {
	Platform  string             `json:"platform"`
	Name      string             `json:"name"`
	Archived  bool               `json:"archived"`
	Found     bool               `json:"found"`
	Severity  analyze.Severity   `json:"severity,omitempty"`
	Modifiers []analyze.Modifier `json:"modifiers"`
	// Point says what the platform's clauses of the kind mean.
	Point    string     `json:"point"`
	Evidence []Evidence `json:"evidence"`
}

// Comparison is one kind across the watched platforms.
type Comparison struct {
	Kind        analyze.Kind `json:"kind"`
	Label       string       `json:"label"`
	At          time.Time    `json:"at"`
	Platforms   []Position   `json:"platforms"`
	SaysNothing []string     `json:"says_nothing"`
	Legal       []LegalFact  `json:"legal"`
	Disclaimer  string       `json:"disclaimer"`
}

// maxCompareQuotes bounds the quotes shown per platform in a comparison.
const maxCompareQuotes = 3

// Compare shows how every watched platform's terms in force at at handle
// one kind: the worst first, then those that say nothing.
func Compare(ctx context.Context, s *store.Store, kind analyze.Kind, at time.Time) (Comparison, error) {
	if !isKind(kind) {
		return Comparison{}, &kindError{ErrUnknownKind, fmt.Sprintf("%q is not a kind of clause; try one of: %s", kind, kindList())}
	}
	if at.IsZero() {
		at = time.Now()
	}
	w := wordsFor(ctx)
	ps, err := s.Platforms(ctx)
	if err != nil {
		return Comparison{}, err
	}
	c := Comparison{Kind: kind, Label: analyze.Label(kind), At: at, Platforms: []Position{}, SaysNothing: []string{},
		Legal: Legal(ctx, kind), Disclaimer: w.say("legal.disclaimer")}
	sp := &actionSpec{kinds: []analyze.Kind{kind}}
	for _, p := range ps {
		a, err := readArchive(ctx, s, p, at)
		if err != nil {
			return Comparison{}, err
		}
		pos := Position{Platform: p.ID, Name: p.Name, Archived: len(a.read) > 0, Modifiers: []analyze.Modifier{}, Evidence: []Evidence{}}
		b := &builder{w: w, sp: sp, name: p.Name, index: map[string]int{}}
		var ofKind []hit
		for _, h := range a.hits {
			if h.f.Kind == kind {
				ofKind = append(ofKind, h)
			}
		}
		if len(ofKind) > 0 {
			pos.Found = true
			point, facts := b.kindPoint(ofKind, kind)
			pos.Point = point
			for _, f := range facts {
				if f.Modifier != "" {
					pos.Modifiers = append(pos.Modifiers, f.Modifier)
				}
			}
			sort.SliceStable(ofKind, func(i, j int) bool { return sp.better(ofKind[i], ofKind[j]) })
			pos.Severity = ofKind[0].f.Severity
			for _, h := range ofKind {
				if len(b.evidence) >= maxCompareQuotes {
					break
				}
				if substantial(h.f.Quote) || len(b.evidence) == 0 {
					b.cite(h)
				}
			}
			pos.Evidence = b.evidence
		} else if pos.Archived {
			pos.Point = w.say("nothing." + string(kind))
			c.SaysNothing = append(c.SaysNothing, p.ID)
		} else {
			pos.Point = w.say("state.no-text")
		}
		c.Platforms = append(c.Platforms, pos)
	}
	sort.SliceStable(c.Platforms, func(i, j int) bool { return positionRank(c.Platforms[i]) > positionRank(c.Platforms[j]) })
	return c, nil
}

func positionRank(p Position) int {
	switch {
	case p.Found:
		return 2 + severityRank(p.Severity)
	case p.Archived:
		return 1
	}
	return 0
}

func isKind(k analyze.Kind) bool {
	for _, x := range analyze.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Source says where a piece of evidence comes from, for text output.
func Source(ctx context.Context, e Evidence) string {
	return wordsFor(ctx).say("evidence.from", e.Document, e.VersionDate.Format("2006-01-02"), strconv.FormatInt(e.VersionID, 10))
}

func kindList() string {
	ids := make([]string, len(analyze.Kinds))
	for i, k := range analyze.Kinds {
		ids[i] = string(k)
	}
	return strings.Join(ids, ", ")
}
