package analyze

// Severity grades how much a provision can hurt the user.
type Severity string

// The severities.
const (
	Low    Severity = "low"
	Medium Severity = "medium"
	High   Severity = "high"
)

var levels = []Severity{Low, Medium, High}

func levelOf(s Severity) int {
	for i, l := range levels {
		if l == s {
			return i
		}
	}
	return 1
}

// strongModifiers each make a provision one step worse on their own: they
// take away the user's say.
var strongModifiers = map[Modifier]bool{DespiteOptOut: true, WithoutConsent: true, Retroactive: true}

// promises are phrases that turn a provision into a commitment in the
// user's favour ("we do not sell your personal information").
var promises = phrases(" not sell", " never sell", " dont sell", " not rent", " not share your personal", " not shared with",
	" never share", " dont share", " not disclose your personal", " not be sold", " not be shared", " no third party", " not use your content to train",
	" not used to train", " not be used to train", " never used to train", " not use your data to train", " not used for training", " not be used for training",
	" not track", " dont track", " not used for advertising", " not use your personal information for advertising")

// promiseKinds are the kinds where such a promise is the usual good news.
var promiseKinds = map[Kind]bool{SaleOfData: true, ShareThirdParties: true, Tracking: true, Advertising: true, AITraining: true, ShareAffiliates: true}

// rate sets the severity of a finding of kind k with mods, in sentence n
// (normalised), and says why in plain sentences.
func rate(k Kind, mods []Modifier, n string) (Severity, []string) { return scan(n).rate(k, mods) }

// rate sets the severity of a finding of kind k with mods in the sentence,
// and says why in plain sentences.
func (s *sentence) rate(k Kind, mods []Modifier) (Severity, []string) {
	info := kindInfos[k]
	level := levelOf(info.base)
	reasons := []string{info.why}
	if promiseKinds[k] && s.hasAny(promises) {
		return Low, []string{"The terms promise not to do this."}
	}
	has := map[Modifier]bool{}
	weak := 0
	for _, m := range mods {
		has[m] = true
		if m == OptOutAvailable {
			continue
		}
		reasons = append(reasons, modifierWhy(m))
		if strongModifiers[m] {
			level++
		} else {
			weak++
		}
	}
	if weak >= 2 {
		level++
		reasons = append(reasons, "Together these make it broader than usual.")
	}
	if has[OptOutAvailable] && !has[DespiteOptOut] && level > 0 {
		level--
		reasons = append(reasons, "The terms mention a way to opt out, which limits it.")
	}
	level = min(max(level, 0), 2)
	return levels[level], reasons
}

func modifierWhy(m Modifier) string {
	for _, r := range modifierRules {
		if r.mod == m {
			return r.why
		}
	}
	return string(m)
}
