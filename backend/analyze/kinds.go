// Package analyze finds provisions in terms text: which kinds of clause a
// document contains, where (byte offsets of the evidence sentence), with
// which modifiers, and how severe they are and why. It is pure: text in,
// findings out, no network and no external model runtime.
package analyze

// Kind is a provision kind id of the project's taxonomy.
type Kind string

// The kinds, in the taxonomy's order.
const (
	FeedbackLicense       Kind = "feedback-license"
	AITraining            Kind = "ai-training"
	TrainingOptOut        Kind = "training-opt-out"
	HumanReview           Kind = "human-review"
	ContentLicense        Kind = "content-license"
	LicenseSurvives       Kind = "license-survives"
	ContentOwnership      Kind = "content-ownership"
	ShareAffiliates       Kind = "share-affiliates"
	ShareServiceProviders Kind = "share-service-providers"
	ShareThirdParties     Kind = "share-third-parties"
	SaleOfData            Kind = "sale-of-data"
	BusinessTransfer      Kind = "business-transfer"
	LawEnforcement        Kind = "law-enforcement"
	Advertising           Kind = "advertising"
	Tracking              Kind = "tracking"
	Location              Kind = "location"
	Biometric             Kind = "biometric"
	Genetic               Kind = "genetic"
	SensitiveData         Kind = "sensitive-data"
	BroadCollection       Kind = "broad-collection"
	Children              Kind = "children"
	Retention             Kind = "retention"
	DeletedContentKept    Kind = "deleted-content-kept"
	UserRights            Kind = "user-rights"
	InternationalTransfer Kind = "international-transfer"
	Security              Kind = "security"
	UnilateralChange      Kind = "unilateral-change"
	ContractByUsing       Kind = "contract-by-using"
	Arbitration           Kind = "arbitration"
	ClassActionWaiver     Kind = "class-action-waiver"
	Jurisdiction          Kind = "jurisdiction"
	ChoiceOfLaw           Kind = "choice-of-law"
	LimitationOfLiability Kind = "limitation-of-liability"
	Indemnification       Kind = "indemnification"
	ClaimTimeLimit        Kind = "claim-time-limit"
	UnilateralTermination Kind = "unilateral-termination"
	ContentRemoval        Kind = "content-removal"
	Payments              Kind = "payments"
)

// Kinds lists every kind in the taxonomy's order.
var Kinds = []Kind{
	FeedbackLicense, AITraining, TrainingOptOut, HumanReview, ContentLicense, LicenseSurvives, ContentOwnership,
	ShareAffiliates, ShareServiceProviders, ShareThirdParties, SaleOfData, BusinessTransfer, LawEnforcement, Advertising, Tracking,
	Location, Biometric, Genetic, SensitiveData, BroadCollection, Children,
	Retention, DeletedContentKept, UserRights, InternationalTransfer, Security,
	UnilateralChange, ContractByUsing, Arbitration, ClassActionWaiver, Jurisdiction, ChoiceOfLaw, LimitationOfLiability,
	Indemnification, ClaimTimeLimit, UnilateralTermination, ContentRemoval, Payments,
}

type kindInfo struct {
	label string
	group string
	base  Severity
	// why explains the base severity in one plain sentence.
	why string
}

var kindInfos = map[Kind]kindInfo{
	FeedbackLicense:       {"Feedback licence", "AI and content", Medium, "Ratings, feedback and suggestions you give can be kept and reused by the service."},
	AITraining:            {"Used for AI training", "AI and content", Medium, "What you write or upload can be used to train or improve AI models."},
	TrainingOptOut:        {"AI training opt-out", "AI and content", Low, "The terms describe a way to keep your content out of AI training."},
	HumanReview:           {"Human review", "AI and content", Medium, "People working for the service may read your content or conversations."},
	ContentLicense:        {"Licence to your content", "AI and content", Medium, "You give the service a broad licence to use what you post."},
	LicenseSurvives:       {"Licence outlives your account", "AI and content", Medium, "The service keeps rights to your content after you leave."},
	ContentOwnership:      {"You keep ownership", "AI and content", Low, "You keep ownership of what you create or post."},
	ShareAffiliates:       {"Shared with affiliates", "Sharing", Medium, "Your data is shared within the company's group of businesses."},
	ShareServiceProviders: {"Shared with service providers", "Sharing", Low, "Vendors that run the service get access to your data."},
	ShareThirdParties:     {"Shared with third parties", "Sharing", Medium, "Your data can go to partners that are not needed to run the service."},
	SaleOfData:            {"Sale of data", "Sharing", High, "Your data can be sold or shared for advertising across other businesses."},
	BusinessTransfer:      {"Passed on in a sale of the business", "Sharing", Medium, "If the company is sold or goes bankrupt, your data goes to the buyer."},
	LawEnforcement:        {"Disclosure to authorities", "Sharing", Medium, "Your data can be handed to police or government bodies."},
	Advertising:           {"Used for advertising", "Sharing", Medium, "Your data is used to market to you or target ads."},
	Tracking:              {"Tracking", "Sharing", Medium, "Cookies, pixels or similar tools follow what you do."},
	Location:              {"Location", "Collection", Medium, "The service collects where you are."},
	Biometric:             {"Biometric data", "Collection", High, "Face, voice or fingerprint data is collected; you cannot change these if they leak."},
	Genetic:               {"Genetic data", "Collection", High, "DNA or genetic data is collected; it reveals things about you and your relatives."},
	SensitiveData:         {"Sensitive data", "Collection", Medium, "Health, sex life, religion, politics or other sensitive data is involved."},
	BroadCollection:       {"Broad data collection", "Collection", Medium, "Many kinds of data are collected, including from other sources."},
	Children:              {"Children", "Collection", Low, "There are age limits or rules about children's data."},
	Retention:             {"Data retention", "Keeping and leaving", Low, "The terms say how long your data is kept."},
	DeletedContentKept:    {"Deleted content kept", "Keeping and leaving", Medium, "Content or data can be kept after you delete it."},
	UserRights:            {"Your rights", "Keeping and leaving", Low, "You can access, correct, delete or export your data, or complain."},
	InternationalTransfer: {"International transfer", "Keeping and leaving", Low, "Your data can be processed or stored in other countries."},
	Security:              {"Security", "Keeping and leaving", Low, "The terms describe security practices or who is liable for breaches."},
	UnilateralChange:      {"Terms can change", "Terms", Medium, "The service can change the terms on its own."},
	ContractByUsing:       {"Agreement by use", "Terms", Low, "Simply using the service counts as accepting the terms."},
	Arbitration:           {"Forced arbitration", "Terms", High, "Disputes go to private arbitration instead of a court."},
	ClassActionWaiver:     {"No class actions", "Terms", High, "You give up the right to sue together with others."},
	Jurisdiction:          {"Courts for disputes", "Terms", Medium, "Disputes must be brought in courts the service chose."},
	ChoiceOfLaw:           {"Governing law", "Terms", Low, "The law of a country or state chosen by the service applies."},
	LimitationOfLiability: {"Limited liability", "Terms", Medium, "The service excludes or caps what it owes you if things go wrong."},
	Indemnification:       {"You indemnify the service", "Terms", Medium, "You may have to pay the service's costs if someone sues it because of you."},
	ClaimTimeLimit:        {"Short time to sue", "Terms", Medium, "You have less time than the law normally gives to bring a claim."},
	UnilateralTermination: {"Account can be ended", "Terms", Medium, "The service can close your account or stop the service on its own."},
	ContentRemoval:        {"Content can be removed", "Terms", Low, "The service can remove what you post."},
	Payments:              {"Payments and renewals", "Terms", Medium, "Charges can recur or renew automatically; refunds are limited."},
}

// Label is a short human label for a kind.
func Label(k Kind) string {
	if ki, ok := kindInfos[k]; ok {
		return ki.label
	}
	return string(k)
}

// Group is the taxonomy group of a kind ("Sharing", "Terms", ...).
func Group(k Kind) string { return kindInfos[k].group }

// claudetteKinds maps the CLAUDETTE categories onto kinds.
var claudetteKinds = map[string]Kind{
	"arbitration":             Arbitration,
	"choice_of_law":           ChoiceOfLaw,
	"content_removal":         ContentRemoval,
	"contract_by_using":       ContractByUsing,
	"jurisdiction":            Jurisdiction,
	"limitation_of_liability": LimitationOfLiability,
	"unilateral_change":       UnilateralChange,
	"unilateral_termination":  UnilateralTermination,
}

// ClaudetteKind maps a CLAUDETTE category (e.g. "choice_of_law") to its kind.
func ClaudetteKind(category string) (Kind, bool) {
	k, ok := claudetteKinds[category]
	return k, ok
}

var caseKinds = func() map[int]Kind {
	m := map[int]Kind{}
	add := func(k Kind, ids ...int) {
		for _, id := range ids {
			m[id] = k
		}
	}
	add(FeedbackLicense, 182, 390)
	add(HumanReview, 189, 239)
	add(ContentLicense, 118, 134, 135, 136, 139, 180, 402)
	add(LicenseSurvives, 130, 173)
	add(ContentOwnership, 131, 183)
	add(ShareAffiliates, 326)
	add(ShareServiceProviders, 188, 207, 208, 210)
	add(ShareThirdParties, 166, 191, 296, 311)
	add(SaleOfData, 193)
	add(BusinessTransfer, 243, 321)
	add(LawEnforcement, 164, 165, 167, 169, 305, 393)
	add(Advertising, 211, 216, 219, 220, 327, 336, 487)
	add(Tracking, 126, 127, 128, 129, 217, 218, 233, 307, 323, 325, 375, 387)
	add(Location, 373, 399)
	add(Biometric, 397)
	add(BroadCollection, 234, 322, 376, 382, 395)
	add(Children, 152)
	add(Retention, 177, 178, 303, 304, 333)
	add(DeletedContentKept, 174, 240)
	add(UserRights, 140, 170, 175, 195, 223, 300, 337)
	add(InternationalTransfer, 187)
	add(Security, 148, 186, 226, 391)
	add(UnilateralChange, 121, 122, 123, 124, 329)
	add(ContractByUsing, 403)
	add(Arbitration, 339)
	add(ClassActionWaiver, 117)
	add(Jurisdiction, 163, 241, 242)
	add(LimitationOfLiability, 149, 286, 287, 293)
	add(Indemnification, 145, 146, 147)
	add(ClaimTimeLimit, 151)
	add(UnilateralTermination, 201, 203, 205, 206, 313)
	add(ContentRemoval, 202, 310, 377)
	add(Payments, 161, 162, 384)
	return m
}()

// CaseKind maps a ToS;DR case id to its kind.
func CaseKind(caseID int) (Kind, bool) {
	k, ok := caseKinds[caseID]
	return k, ok
}
