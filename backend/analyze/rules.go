package analyze

import "fineprint/backend/analyze/internal/features"

// Modifier is a qualifier the text attaches to a provision; it decides how
// bad the provision is.
type Modifier string

// The modifiers.
const (
	AnyPurpose          Modifier = "any-purpose"
	WithoutNotice       Modifier = "without-notice"
	WithoutCompensation Modifier = "without-compensation"
	Perpetual           Modifier = "perpetual"
	Irrevocable         Modifier = "irrevocable"
	Sublicensable       Modifier = "sublicensable"
	DespiteOptOut       Modifier = "despite-opt-out"
	WithoutConsent      Modifier = "without-consent"
	OptOutAvailable     Modifier = "opt-out-available"
	Retroactive         Modifier = "retroactive"
)

// Modifiers lists every modifier.
var Modifiers = []Modifier{AnyPurpose, WithoutNotice, WithoutCompensation, Perpetual, Irrevocable, Sublicensable, DespiteOptOut, WithoutConsent, OptOutAvailable, Retroactive}

// modifierRule finds one modifier in normalised text. negatable rules are
// dropped when a negation comes shortly before the phrase: "we will not
// share it without your consent" is a promise, not a threat.
type modifierRule struct {
	mod       Modifier
	phrases   group
	negatable bool
	why       string
}

var modifierRules = []modifierRule{
	{AnyPurpose, phrases(" any purpose", " any purposes", " however we choose", " however we see fit", " however we wish",
		" however it chooses", " as we see fit", " in any way we", " in any manner", " without restriction", " unrestricted",
		" whatever purpose", " any lawful purpose", " any reason whatsoever"), false,
		"It can be used for any purpose the company chooses."},
	{WithoutNotice, phrases(" without notice", " without prior notice", " without any notice", " without advance notice",
		" without further notice", " without notifying you", " without informing you", " with or without notice",
		" without giving you notice", " without any prior notice"), true,
		"It can happen without telling you first."},
	{WithoutCompensation, phrases(" without compensation", " without any compensation", " without payment",
		" without any obligation or other payment", " without any payment", " without obligation", " royalty free",
		" without paying you", " no compensation", " not entitled to any compensation", " not be entitled to any compensation",
		" free of charge to us", " without any obligation", " without any royalty", " without royalty", " fully paid",
		" not entitled to compensation", " without remuneration"), false,
		"You get nothing in return."},
	{Perpetual, phrases(" perpetual", " in perpetuity", " forever"), false,
		"It never ends."},
	{Irrevocable, phrases(" irrevocable", " irrevocably"), false,
		"You cannot take it back."},
	{Sublicensable, phrases(" sublicensable", " sub licensable", " sublicenseable", " right to sublicense", " sublicense",
		" sub license"), false,
		"The company can pass the rights on to others."},
	{DespiteOptOut, phrases(" even if you opt out", " even if you have opted out", " even if youve opted out", " even if you opted out",
		" even if you turn off", " even if you have turned off", " even if you disable", " regardless of your settings",
		" regardless of your opt out", " notwithstanding your opt out", " even where you have opted out", " even after you opt out",
		" even if you choose not", " even if you object"), false,
		"It happens even if you opted out."},
	{WithoutConsent, phrases(" without your consent", " without your permission", " without your prior consent",
		" without your express consent", " without your explicit consent", " without obtaining your consent",
		" without asking you", " without your approval", " without consent", " without seeking your consent"), true,
		"It happens without asking you."},
	{OptOutAvailable, phrases(" opt out", " unsubscribe", " turn off", " switch off", " withdraw your consent",
		" object to", " disable ", " you can choose not", " you may choose not", " opting out", " opted out", " manage your preferences"), false,
		"The terms mention a way to opt out."},
	{Retroactive, phrases(" retroactive", " retroactively", " retrospective", " apply to all content you have previously",
		" including content you have already", " including data you have already", " previously collected",
		" information you have already provided", " content you previously", " before the effective date"), false,
		"It also applies to what you shared before the change."},
}

var negations = []string{" not ", " never ", " dont ", " wont ", " cannot ", " doesnt ", " shall not ", " no "}

// findModifiers returns the modifiers n (from normal) states, in Modifiers
// order.
func findModifiers(n string) []Modifier { return scan(n).modifiers() }

// modifiers returns the modifiers the sentence states, in Modifiers order.
func (s *sentence) modifiers() []Modifier {
	var out []Modifier
	for _, r := range modifierRules {
		i := s.firstIndex(r.phrases)
		if i < 0 {
			continue
		}
		if r.negatable {
			lo := max(0, i-60)
			if hasAny(s.n[lo:i+1], negations...) {
				continue
			}
		}
		out = append(out, r.mod)
	}
	return out
}

// Rules cover the kinds the labelled data barely has (AI training, feedback,
// genetic and sensitive data) and back the model on a few rare, clear-cut
// phrases. Each group is what a sentence must hold for a rule.
var (
	feedbackWords = phrases(" feedback", " suggestion", " ideas ", " rating ", " ratings ", " rate an output", " rate a response", " thumbs up", " thumbs down", " comments and ideas")
	feedbackUse   = phrases(" use the feedback", " use feedback", " use any feedback", " use such feedback", " use your feedback", " use them", " use it ", " use and share",
		" license", " licence", " royalty", " without any obligation", " without compensation", " however we choose", " however we see fit",
		" store the related conversation", " store the entire related conversation", " as part of your feedback", " own all", " ownership",
		" exploit", " incorporate", " train", " any purpose", " without restriction", " assign", " property of", " become the property",
		" free to use", " disclose")
	trainWords  = phrases(" train ", " trains ", " training ", " trained ", " fine tune", " fine tuning", " model improvement", " improve our models", " improve the models", " develop our models", " improve our ai", " improve ai")
	modelWords  = phrases(" model", " ai ", " artificial intelligence", " machine learning", " algorithm", " neural", " llm", " generative", " our systems learn")
	optOutWords = phrases(" opt out", " unless you", " turn off", " switch off", " disable", " choose not", " object to", " in your settings", " account settings", " improve the model for everyone", " control whether")
	// "DNA" alone is also a figure of speech ("built into our core DNA").
	geneticWords = phrases(" your dna", " the dna", " of dna", " dna sample", " dna test", " dna data", " dna information", " dna analys",
		" dna kit", " dna relatives", " dna sequenc", " dna profile", " dna result", " dna report", " dna match",
		" genetic", " genome", " genomic", " genotype", " saliva", " biological sample", " spit sample", " ancestry composition")
	sensitiveWords = phrases(" health data", " health information", " health related", " health condition", " medical", " sex life", " sexual orientation",
		" sexual life", " religious", " religion", " political opinion", " political views", " political affiliation", " racial or ethnic",
		" ethnic origin", " race or ethnicity", " trade union", " special categories", " special category", " sensitive personal",
		" sensitive data", " sensitive information", " philosophical beliefs", " criminal convictions", " mental health", " gender identity",
		" reproductive", " physical or mental health")
	biometricWords = phrases(" biometric", " faceprint", " face geometry", " facial geometry", " voiceprint", " voice print", " facial recognition",
		" face recognition", " iris scan", " retina scan", " fingerprints ", " your fingerprint ", " face scan", " facial scan", " selfie and id")
	licenseWords = phrases(" license", " licence", " rights to your content", " right to use your content")
	surviveWords = phrases(" survive", " after you delete", " after you close", " after termination", " after you stop using",
		" continue after", " continues after", " even after", " after your account is", " termination of your account", " remain in effect")
	affiliateWords = phrases(" affiliates", " affiliated companies", " family of companies", " subsidiaries", " group companies",
		" corporate group", " companies in our group", " group of companies", " related companies", " parent company")
	affiliateUse = phrases(" share", " disclose", " combine", " transfer", " provide", " across our products", " across products")
	classWords   = phrases(" class action", " class wide", " class arbitration", " representative action", " collective action",
		" representative proceeding", " class or representative", " consolidated or class")
	// classWaived turns a class-action clause into a waiver.
	classWaived = phrases(" waive", " not participate", " no class", " only on your own behalf", " individual basis", " individual capacity",
		" not as a plaintiff", " not bring", " will not", " may not", " shall not", " cannot", " not be", " only in", " individually")
	// feedbackMentions is what a sentence about feedback names.
	feedbackMentions = phrases(" feedback", " thumbs up", " rate an output", " rating ")
)

func (s *sentence) ruleKinds(dst []Kind) []Kind {
	isTraining := s.hasAny(trainWords) && s.hasAny(modelWords)
	if s.hasAny(feedbackWords) && s.hasAny(feedbackUse) {
		dst = append(dst, FeedbackLicense)
	}
	if isTraining {
		dst = append(dst, AITraining)
		if s.hasAny(optOutWords) {
			dst = append(dst, TrainingOptOut)
		}
	}
	if s.hasAny(geneticWords) {
		dst = append(dst, Genetic)
	}
	if s.hasAny(sensitiveWords) {
		dst = append(dst, SensitiveData)
	}
	if s.hasAny(biometricWords) {
		dst = append(dst, Biometric)
	}
	if s.hasAny(classWords) && s.hasAny(classWaived) {
		dst = append(dst, ClassActionWaiver)
	}
	// A licence said to survive is this kind whatever else the sentence
	// is: the pairing is rare outside it.
	if s.hasAny(licenseWords) && s.hasAny(surviveWords) {
		dst = append(dst, LicenseSurvives)
	}
	return dst
}

// fallbackKinds are rules for kinds the model learnt poorly from few
// examples, whose words also appear in clauses of other kinds ("affiliates"
// turns up in most sharing clauses): they speak only when neither the model
// nor the other rules found anything in the sentence.
func (s *sentence) fallbackKinds(dst []Kind) []Kind {
	if s.hasAny(affiliateWords) && s.hasAny(affiliateUse) {
		dst = append(dst, ShareAffiliates)
	}
	return dst
}

// ruleOnly are the kinds no labelled data covers: only rules find them.
var ruleOnly = map[Kind]bool{AITraining: true, TrainingOptOut: true, Genetic: true, SensitiveData: true}

// mentionsFeedback says whether a sentence is about feedback, for carrying
// an opt-out carve-out over to the feedback licence found elsewhere.
func (s *sentence) mentionsFeedback() bool { return s.hasAny(feedbackMentions) }

// modelCues are words without which a sentence cannot be of the kind however
// the model scores it: a forum clause names a court or a venue, a choice of
// law names the law, arbitration says arbitration. The model alone confuses
// neighbours ("governed by the laws of California" sits next to "the courts
// of California" in most terms).
var modelCues = map[Kind]group{
	Jurisdiction: phrases(" court", " venue", " forum", " tribunal", " jurisdiction", " judicial", " judge", " rechtbank", " gericht", " tribunaux"),
	ChoiceOfLaw:  phrases(" law ", " laws ", " law,", " legislation", " recht ", " droit "),
	Arbitration:  phrases(" arbitra", " mediat"),
	// Something is removed, refused or edited; without such a word the
	// model mistakes the termination clause next to it for this kind.
	ContentRemoval: phrases(" remov", " delet", " content", " post", " block", " disabl", " refus", " edit", " take down",
		" moderat", " submission", " material", " reject", " screen", " eliminat", " filter", " hide", " erase", " purge", " destroy"),
	// A person reads, reviews, monitors or scans: without such a word the
	// model's verdict rests on "content" and "messages" alone.
	HumanReview: phrases(" review", " read", " monitor", " scan", " inspect", " examin", " listen",
		" employee", " staff", " personnel", " human", " moderat", " contractor", " reviewer", " look at"),
	// The corporate family, or profiles combined across its products.
	ShareAffiliates: phrases(" affiliat", " subsidiar", " group", " family of", " parent compan", " related compan", " companies",
		" combin", " merge", " connect", " across", " associat", " other services", " our products"),
	// The licence lasts (perpetual, irrevocable) or outlives the account.
	LicenseSurvives: phrases(" surviv", " perpetu", " irrevocab", " forever", " delet", " terminat", " clos", " cancel", " retain",
		" continu", " remain", " after"),
	DeletedContentKept: phrases(" delet", " remov", " clos", " terminat", " cancel", " deactivat", " erase", " after"),
}

// LacksCue says whether a sentence lacks every word a model verdict of kind
// k needs, so that the app drops that verdict whatever the score: training
// tunes its thresholds on what the app keeps.
func LacksCue(k Kind, sentence string) bool {
	if _, ok := modelCues[k]; !ok {
		return false
	}
	return scan(normal(features.Plain(sentence))).lacksCue(k)
}

// lacksCue says whether the model's verdict for k must be dropped for the
// sentence.
func (s *sentence) lacksCue(k Kind) bool {
	cues, ok := modelCues[k]
	return ok && !s.hasAny(cues)
}
