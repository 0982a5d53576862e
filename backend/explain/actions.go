package explain

import (
	"context"
	"regexp"

	"fineprint/backend/analyze"
)

// ActionID names something a person does, such as "rate-ai-response".
type ActionID string

// Action is one of the things a person does that the terms decide.
type Action struct {
	ID          ActionID `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	// Icon is a symbol name the window maps to a picture.
	Icon  string         `json:"icon"`
	Kinds []analyze.Kind `json:"kinds"`
}

// Short names for the kinds and modifiers, to keep the tables below legible.
const (
	feedbackLicense       = analyze.FeedbackLicense
	aiTraining            = analyze.AITraining
	trainingOptOut        = analyze.TrainingOptOut
	humanReview           = analyze.HumanReview
	contentLicense        = analyze.ContentLicense
	licenseSurvives       = analyze.LicenseSurvives
	contentOwnership      = analyze.ContentOwnership
	shareAffiliates       = analyze.ShareAffiliates
	shareServiceProviders = analyze.ShareServiceProviders
	shareThirdParties     = analyze.ShareThirdParties
	saleOfData            = analyze.SaleOfData
	businessTransfer      = analyze.BusinessTransfer
	lawEnforcement        = analyze.LawEnforcement
	advertising           = analyze.Advertising
	tracking              = analyze.Tracking
	location              = analyze.Location
	biometric             = analyze.Biometric
	genetic               = analyze.Genetic
	sensitiveData         = analyze.SensitiveData
	broadCollection       = analyze.BroadCollection
	children              = analyze.Children
	retention             = analyze.Retention
	deletedContentKept    = analyze.DeletedContentKept
	userRights            = analyze.UserRights
	internationalTransfer = analyze.InternationalTransfer
	security              = analyze.Security
	unilateralChange      = analyze.UnilateralChange
	contractByUsing       = analyze.ContractByUsing
	arbitration           = analyze.Arbitration
	classActionWaiver     = analyze.ClassActionWaiver
	jurisdiction          = analyze.Jurisdiction
	choiceOfLaw           = analyze.ChoiceOfLaw
	limitationOfLiability = analyze.LimitationOfLiability
	indemnification       = analyze.Indemnification
	claimTimeLimit        = analyze.ClaimTimeLimit
	unilateralTermination = analyze.UnilateralTermination
	contentRemoval        = analyze.ContentRemoval
	payments              = analyze.Payments
)

const (
	anyPurpose          = analyze.AnyPurpose
	withoutNotice       = analyze.WithoutNotice
	withoutCompensation = analyze.WithoutCompensation
	perpetual           = analyze.Perpetual
	irrevocable         = analyze.Irrevocable
	sublicensable       = analyze.Sublicensable
	despiteOptOut       = analyze.DespiteOptOut
	withoutConsent      = analyze.WithoutConsent
	optOutAvailable     = analyze.OptOutAvailable
	retroactive         = analyze.Retroactive
)

// modifierOrder is the order in which modifiers are said in a point.
var modifierOrder = []analyze.Modifier{anyPurpose, despiteOptOut, withoutConsent, withoutNotice, retroactive,
	perpetual, irrevocable, sublicensable, withoutCompensation, optOutAvailable}

// cond is a finding an explanation's sentence rests on: one of kinds,
// carrying mod (and not notMod), whose quote matches about (and not not).
// topical asks that the quote also be about the action itself, so that for
// rating an answer an opt-out carve-out about flagged content does not count.
// A clause that denies its kind ("temporary chats are not used to train
// our models") backs only a cond asking for a denial.
type cond struct {
	kinds   []analyze.Kind
	mod     analyze.Modifier
	notMod  analyze.Modifier
	about   *regexp.Regexp
	not     *regexp.Regexp
	topical bool
	denial  bool
}

func on(kinds ...analyze.Kind) cond               { return cond{kinds: kinds} }
func (c cond) with(m analyze.Modifier) cond       { c.mod = m; return c }
func (c cond) without(m analyze.Modifier) cond    { c.notMod = m; return c }
func (c cond) matching(re *regexp.Regexp) cond    { c.about = re; return c }
func (c cond) notMatching(re *regexp.Regexp) cond { c.not = re; return c }
func (c cond) onTopic() cond                      { c.topical = true; return c }
func (c cond) denied() cond                       { c.denial = true; return c }
func lead(key string, all ...cond) claim          { return claim{key: key, group: "lead", all: all} }
func follow(key, group string, all ...cond) claim { return claim{key: key, group: group, all: all} }

// claim is one sentence of a headline and the findings that must all be
// there for it to be said. Of the claims of one group only the first that
// holds is said.
type claim struct {
	key   string
	group string
	all   []cond
	// covers names the groups of follow-ups a lead already says.
	covers []string
}

func (c claim) covering(groups ...string) claim { c.covers = groups; return c }

// actionSpec is how one action is explained.
type actionSpec struct {
	id    ActionID
	icon  string
	kinds []analyze.Kind
	// topic finds clauses about the action itself.
	topic   *regexp.Regexp
	leads   []claim
	follows []claim
}

var (
	mentionsChat     = regexp.MustCompile(`(?i)\b(conversations?|chats?|threads?)\b`)
	mentionsTraining = regexp.MustCompile(`(?i)\btrain(s|ed|ing)?\b|\bmodel (improvement|development)\b|\bimprove (our|the) (ai )?models?\b`)
	mentionsKeep     = regexp.MustCompile(`(?i)\b(stor(e|ed|es|ing|age)|retain(s|ed|ing)?|retention|keep(s|ing)?|kept)\b`)
	mentionsDelete   = regexp.MustCompile(`(?i)\b(delet(e|es|ed|ing|ion)|eras(e|ed|ure)|remov(e|al))\b`)
	mentionsRenewal  = regexp.MustCompile(`(?i)\b(auto(matic(ally)?)?[- ]?renew(s|al|ed)?|renew(s|al)? automatically|recurring|until (you )?cancel)`)
	mentionsNoRefund = regexp.MustCompile(`(?i)\b(no refunds?|non-?refundable|not (be )?refundable|will not (issue|give|provide) (a )?refunds?)\b`)
	mentionsNotice   = regexp.MustCompile(`(?i)\b(notify|notice|inform|let you know|e-?mail|tell you)\b`)
	mentionsFace     = regexp.MustCompile(`(?i)\b(face|facial|selfie|photo|image|liveness)\b`)
	// "Marketing messages" are mail from the platform, not the person's
	// chats, though "messages" puts the clause on the chat topic.
	marketingMessages = regexp.MustCompile(`(?i)\b(marketing|promotional|advertising|commercial)\s+(messages?|communications?|e-?mails?)\b`)
	// saysNoSale: "we don’t sell", "we do not use such data ... or to sell
	// the information itself".
	saysNoSale = regexp.MustCompile(`(?i)\b(do(es)? not|don['’]t|doesn['’]t|never|will not|won['’]t|not)\b[^.;:]{0,100}?\b(sell|rent|sold)\b`)
	// forbidsUser finds a rule for the user ("Do not use the service to
	// analyze genomic sequences"): it says what the user may not do with
	// such data, not what the service does with the user's.
	forbidsUser = regexp.MustCompile(`(?i)^\W*(do not|don['’]t|never|you (may|must|will|shall|should) not|you agree not to)\b`)
	// denials say, for the kinds whose clauses often deny the thing, that a
	// clause does: a negation shortly before the kind's verb.
	denials = map[analyze.Kind]*regexp.Regexp{
		saleOfData:    saysNoSale,
		genetic:       forbidsUser,
		biometric:     forbidsUser,
		sensitiveData: forbidsUser,
		aiTraining:    regexp.MustCompile(`(?i)\b(not|never|won['’]t|don['’]t|doesn['’]t|aren['’]t|isn['’]t|cannot|can['’]t)\b[^.;:]{0,60}\btrain`),
		humanReview:   regexp.MustCompile(`(?i)\b(not|never|won['’]t|don['’]t|doesn['’]t|cannot|can['’]t|no one|nobody)\b[^.;:]{0,25}\b(read|review|access|see|listen)`),
	}
)

var specs = []actionSpec{
	{
		id: "rate-ai-response", icon: "thumbs-up",
		kinds: []analyze.Kind{feedbackLicense, aiTraining, trainingOptOut, humanReview, retention, userRights},
		topic: regexp.MustCompile(`(?i)\bfeedback\b|thumbs|\brat(e|es|ed|ing|ings)\b|\breport(s|ed|ing)?\b`),
		leads: []claim{
			lead("rate.lead.chat", on(feedbackLicense).matching(mentionsChat)),
			lead("rate.lead.feedback", on(feedbackLicense)),
			lead("rate.lead.training", on(aiTraining, trainingOptOut).onTopic().matching(mentionsTraining)).covering("use"),
		},
		follows: []claim{
			follow("rate.anything-training", "use", on(feedbackLicense).with(anyPurpose),
				on(aiTraining, trainingOptOut, feedbackLicense).onTopic().matching(mentionsTraining)),
			follow("rate.anything", "use", on(feedbackLicense).with(anyPurpose)),
			follow("rate.training", "use", on(aiTraining, trainingOptOut, feedbackLicense).onTopic().matching(mentionsTraining)),
			follow("rate.opted-out", "opt-out", on(aiTraining, trainingOptOut, feedbackLicense).with(despiteOptOut).onTopic()),
			follow("rate.unpaid", "unpaid", on(feedbackLicense).with(withoutCompensation)),
			follow("rate.review", "review", on(humanReview).onTopic()),
			follow("rate.kept", "kept", on(retention).onTopic()),
		},
	},
	{
		id: "chat-with-ai", icon: "message",
		kinds: []analyze.Kind{aiTraining, trainingOptOut, humanReview, retention, sensitiveData, shareServiceProviders, advertising, lawEnforcement},
		topic: regexp.MustCompile(`(?i)\b(inputs?|outputs?|prompts?|conversations?|chats?|messages?)\b`),
		leads: []claim{
			lead("chat.lead.training", on(aiTraining)),
			lead("chat.lead.review", on(humanReview)).covering("review"),
			lead("chat.lead.kept", on(retention).onTopic()),
		},
		follows: []claim{
			follow("chat.opted-out", "opt-out", on(aiTraining, trainingOptOut).with(despiteOptOut)),
			follow("chat.review", "review", on(humanReview)),
			follow("chat.ads", "ads", on(advertising).onTopic().notMatching(marketingMessages)),
			follow("chat.police", "police", on(lawEnforcement)),
			follow("chat.vendors", "vendors", on(shareServiceProviders).onTopic()),
			follow("chat.sensitive", "sensitive", on(sensitiveData)),
		},
	},
	{
		id: "upload-content", icon: "upload",
		kinds: []analyze.Kind{contentLicense, licenseSurvives, contentOwnership, aiTraining, biometric, contentRemoval, deletedContentKept},
		topic: regexp.MustCompile(`(?i)\b(content|upload(s|ed)?|post(s|ed)?|photos?|videos?|images?)\b`),
		leads: []claim{
			lead("upload.lead.license-forever", on(contentLicense).with(perpetual)),
			lead("upload.lead.license", on(contentLicense)),
			lead("upload.lead.own", on(contentOwnership)).covering("own"),
			lead("upload.lead.training", on(aiTraining).onTopic()).covering("training"),
		},
		follows: []claim{
			follow("upload.own", "own", on(contentOwnership)),
			follow("upload.free", "free", on(contentLicense).with(withoutCompensation)),
			follow("upload.others", "others", on(contentLicense).with(sublicensable)),
			follow("upload.survives", "survives", on(licenseSurvives)),
			follow("upload.kept", "kept", on(deletedContentKept)),
			follow("upload.training", "training", on(aiTraining).onTopic()),
			follow("upload.face", "face", on(biometric)),
			follow("upload.removal", "removal", on(contentRemoval)),
		},
	},
	{
		id: "submit-dna-sample", icon: "dna",
		kinds: []analyze.Kind{genetic, sensitiveData, shareThirdParties, businessTransfer, lawEnforcement, retention, userRights},
		topic: regexp.MustCompile(`(?i)\b(genetic|dna|saliva|samples?|genotyp\w*|biological)\b`),
		leads: []claim{
			lead("dna.lead.kept", on(genetic).matching(mentionsKeep)),
			lead("dna.lead.genetic", on(genetic)),
			lead("dna.lead.sensitive", on(sensitiveData).onTopic()),
		},
		follows: []claim{
			follow("dna.share", "share", on(shareThirdParties)),
			follow("dna.sale", "sale", on(businessTransfer)),
			follow("dna.police", "police", on(lawEnforcement)),
			follow("dna.delete", "delete", on(userRights).matching(mentionsDelete)),
		},
	},
	{
		id: "apply-store-card", icon: "credit-card",
		kinds: []analyze.Kind{shareAffiliates, shareThirdParties, advertising, arbitration, classActionWaiver, unilateralChange},
		topic: regexp.MustCompile(`(?i)\b(credit|card|cardholder|financ\w*|bank\w*|loan)\b`),
		leads: []claim{
			lead("card.lead.share", on(shareThirdParties)),
			lead("card.lead.family", on(shareAffiliates)).covering("family"),
			lead("card.lead.ads", on(advertising)).covering("ads"),
		},
		follows: []claim{
			follow("card.family", "family", on(shareAffiliates)),
			follow("card.ads", "ads", on(advertising)),
			follow("common.arbitration", "arbitration", on(arbitration)),
			follow("common.no-class", "no-class", on(classActionWaiver)),
			follow("card.silent", "change", on(unilateralChange).with(withoutNotice)),
			follow("card.change", "change", on(unilateralChange)),
		},
	},
	{
		id: "connect-wallet", icon: "wallet",
		kinds: []analyze.Kind{shareAffiliates, shareServiceProviders, tracking, biometric, retention, userRights, lawEnforcement},
		topic: regexp.MustCompile(`(?i)\b(wallets?|blockchain|crypto\w*|on-chain|kyc|identity|verif\w*)\b`),
		leads: []claim{
			lead("wallet.lead.face", on(biometric).matching(mentionsFace)).covering("face"),
			lead("wallet.lead.tracking", on(tracking)),
			lead("wallet.lead.vendors", on(shareServiceProviders)),
			lead("wallet.lead.family", on(shareAffiliates)).covering("family"),
		},
		follows: []claim{
			follow("wallet.face", "face", on(biometric).matching(mentionsFace)),
			follow("wallet.family", "family", on(shareAffiliates)),
			follow("wallet.police", "police", on(lawEnforcement)),
			follow("wallet.kept", "kept", on(retention).onTopic()),
			follow("wallet.delete", "delete", on(userRights).matching(mentionsDelete)),
		},
	},
	{
		id: "accept-cookies", icon: "cookie",
		kinds: []analyze.Kind{tracking, advertising, saleOfData, shareThirdParties},
		topic: regexp.MustCompile(`(?i)\b(cookies?|pixels?|track\w*|beacons?|advertis\w*|ads)\b`),
		leads: []claim{
			lead("cookies.lead.sell", on(saleOfData)).covering("sale"),
			lead("cookies.lead.track", on(tracking)),
			lead("cookies.lead.ads", on(advertising)).covering("ads"),
		},
		follows: []claim{
			follow("cookies.ads", "ads", on(advertising)),
			follow("cookies.partners", "partners", on(shareThirdParties).onTopic()),
			follow("cookies.no-sale", "sale", on(saleOfData).denied()),
			follow("cookies.choice", "choice", on(tracking, advertising).with(optOutAvailable)),
		},
	},
	{
		id: "share-location", icon: "map-pin",
		kinds: []analyze.Kind{location, shareThirdParties, advertising, retention, lawEnforcement},
		topic: regexp.MustCompile(`(?i)\b(location|geo-?location|gps|where you are|ip address)\b`),
		leads: []claim{
			lead("location.lead", on(location)),
		},
		follows: []claim{
			follow("location.ads", "ads", on(advertising).onTopic()),
			follow("location.share", "share", on(shareThirdParties).onTopic()),
			follow("location.kept", "kept", on(retention).onTopic()),
			follow("location.police", "police", on(lawEnforcement)),
		},
	},
	{
		id: "keep-using-after-change", icon: "refresh",
		kinds: []analyze.Kind{unilateralChange, contractByUsing, arbitration, classActionWaiver},
		topic: regexp.MustCompile(`(?i)\b(chang\w*|updat\w*|modif\w*|revis\w*|amend\w*)\b`),
		leads: []claim{
			lead("change.lead.silent", on(unilateralChange).with(withoutNotice)),
			lead("change.lead.using", on(contractByUsing).onTopic()).covering("using"),
			lead("change.lead.change", on(unilateralChange)),
		},
		follows: []claim{
			follow("change.using", "using", on(contractByUsing).onTopic()),
			follow("change.notice", "notice", on(unilateralChange).without(withoutNotice).matching(mentionsNotice)),
			follow("common.arbitration", "arbitration", on(arbitration)),
			follow("common.no-class", "no-class", on(classActionWaiver)),
		},
	},
	{
		id: "delete-account", icon: "trash",
		kinds: []analyze.Kind{userRights, retention, deletedContentKept, licenseSurvives},
		topic: regexp.MustCompile(`(?i)\b(delet\w*|eras\w*|clos(e|ing) (your|the) account|terminat\w*|deactivat\w*)\b`),
		leads: []claim{
			lead("delete.lead.kept", on(deletedContentKept)).covering("kept"),
			lead("delete.lead.keeps", on(retention).onTopic()),
			lead("delete.lead.right", on(userRights).onTopic()).covering("right"),
		},
		follows: []claim{
			follow("delete.right", "right", on(userRights).onTopic()),
			follow("delete.kept", "kept", on(deletedContentKept)),
			follow("delete.survives", "survives", on(licenseSurvives)),
			follow("delete.forever", "forever", on(retention).with(perpetual)),
		},
	},
	{
		id: "create-account", icon: "user-plus",
		kinds: []analyze.Kind{broadCollection, children, contractByUsing, arbitration, jurisdiction, choiceOfLaw},
		topic: regexp.MustCompile(`(?i)\b(accounts?|sign(ing)? up|regist\w*|create)\b`),
		leads: []claim{
			lead("signup.lead.using", on(contractByUsing)),
			lead("signup.lead.collect", on(broadCollection)).covering("collect"),
			lead("signup.lead.age", on(children)).covering("age"),
		},
		follows: []claim{
			follow("signup.collect", "collect", on(broadCollection)),
			follow("signup.age", "age", on(children)),
			follow("common.arbitration", "arbitration", on(arbitration)),
			follow("signup.court", "court", on(jurisdiction)),
			follow("signup.law", "law", on(choiceOfLaw)),
		},
	},
	{
		id: "make-purchase", icon: "shopping-cart",
		kinds: []analyze.Kind{payments, limitationOfLiability, shareServiceProviders, arbitration},
		topic: regexp.MustCompile(`(?i)\b(pay\w*|purchas\w*|subscri\w*|refund\w*|price\w*|charg\w*|billing)\b`),
		leads: []claim{
			lead("buy.lead.renew", on(payments).matching(mentionsRenewal)),
			lead("buy.lead.pay", on(payments)),
			lead("buy.lead.liability", on(limitationOfLiability)).covering("liability"),
		},
		follows: []claim{
			follow("buy.no-refund", "refund", on(payments).matching(mentionsNoRefund)),
			follow("buy.liability", "liability", on(limitationOfLiability)),
			follow("buy.vendors", "vendors", on(shareServiceProviders).onTopic()),
			follow("common.arbitration", "arbitration", on(arbitration)),
		},
	},
}

// maxFollows bounds a headline to its lead and three more sentences.
const maxFollows = 3

func specOf(id ActionID) (*actionSpec, bool) {
	for i := range specs {
		if specs[i].id == id {
			return &specs[i], true
		}
	}
	return nil, false
}

// Actions lists the actions in the order the window offers them.
func Actions() []Action { return ActionsIn(context.Background()) }

// ActionsIn is Actions in the language of ctx (see WithLanguage).
func ActionsIn(ctx context.Context) []Action {
	w := wordsFor(ctx)
	out := make([]Action, 0, len(specs))
	for _, s := range specs {
		out = append(out, Action{ID: s.id, Title: w.say("action." + string(s.id) + ".title"),
			Description: w.say("action." + string(s.id) + ".desc"), Icon: s.icon,
			Kinds: append([]analyze.Kind(nil), s.kinds...)})
	}
	return out
}

// modifierCues are words that show a modifier, used to pick the quote that
// visibly backs a sentence when several clauses carry the modifier.
var modifierCues = map[analyze.Modifier]*regexp.Regexp{
	anyPurpose:          regexp.MustCompile(`(?i)\b(any purpose|however (we|it|they) (choose|see fit|like)|for any reason|whatever|without restriction)`),
	withoutNotice:       regexp.MustCompile(`(?i)without (prior |any |further |advance )?notice|at any time`),
	withoutCompensation: regexp.MustCompile(`(?i)\b(without (any )?(compensation|payment|obligation)|royalty[- ]free|no (compensation|payment)|free of charge|not (be )?(paid|compensated))`),
	perpetual:           regexp.MustCompile(`(?i)\b(perpetual|forever|indefinitely|no end)\b`),
	irrevocable:         regexp.MustCompile(`(?i)\birrevocabl\w*`),
	sublicensable:       regexp.MustCompile(`(?i)\bsub-?licen[cs]\w*`),
	despiteOptOut:       regexp.MustCompile(`(?i)\b(even if|despite|regardless)\b.{0,40}\bopt(ed|s)?[- ]?out`),
	withoutConsent:      regexp.MustCompile(`(?i)without (your )?(consent|permission|approval)`),
	optOutAvailable:     regexp.MustCompile(`(?i)\bopt(ing)?[- ]?out\b|\bturn (it )?off\b|\bsettings?\b`),
	retroactive:         regexp.MustCompile(`(?i)\b(retroactive\w*|before (the|this) change|previously collected|already collected)`),
}

// baseShows names, for kinds whose plain sentence claims a way out, the
// modifier its quote should carry.
var baseShows = map[analyze.Kind]analyze.Modifier{trainingOptOut: optOutAvailable}

func shows(m analyze.Modifier, quote string) bool {
	re := modifierCues[m]
	return re != nil && re.MatchString(quote)
}

// What a clause lets the person do, told from its words; the first match
// wins, so the narrower patterns come first.
var options = []struct {
	key string
	re  *regexp.Regexp
}{
	{"you-can.unsubscribe", regexp.MustCompile(`(?i)\bunsubscrib\w*`)},
	{"you-can.complain", regexp.MustCompile(`(?i)\b(complain\w*|lodge|supervisory authority|data protection authority)\b`)},
	{"you-can.withdraw", regexp.MustCompile(`(?i)\bwithdraw\w*`)},
	{"you-can.delete", regexp.MustCompile(`(?i)\b(delet(e|ion)|eras(e|ure))\b`)},
	{"you-can.object", regexp.MustCompile(`(?i)\bobject(ion)?\b`)},
	{"you-can.copy", regexp.MustCompile(`(?i)\b(copy|access|portab\w*|export|download)\b`)},
	{"you-can.correct", regexp.MustCompile(`(?i)\b(correct\w*|rectif\w*)\b`)},
	{"you-can.settings", regexp.MustCompile(`(?i)\bsettings?\b`)},
}

func optionKey(h hit) string {
	if h.f.Kind == trainingOptOut || has(h.f.Modifiers, optOutAvailable) && mentionsTraining.MatchString(h.f.Quote) {
		return "you-can.training"
	}
	for _, o := range options {
		if o.re.MatchString(h.f.Quote) {
			return o.key
		}
	}
	if has(h.f.Modifiers, optOutAvailable) {
		return "you-can.opt-out"
	}
	return "you-can.right"
}
