package catalog

// termsTypes are the 44 document types of Open Terms Archive (terms-types
// v2.2.0), in that project's order. Using the same names lets a history
// recorded by Open Terms Archive be matched to a watched document by type.
var termsTypes = []string{
	"Terms of Service",
	"Privacy Policy",
	"Imprint",
	"Trackers Policy",
	"Developer Terms",
	"Community Guidelines",
	"Deceased Users",
	"Acceptable Use Policy",
	"Restricted Use Policy",
	"Commercial Terms",
	"Copyright Claims Policy",
	"Law Enforcement Guidelines",
	"Human Rights Policy",
	"In-App Purchases Policy",
	"Review Guidelines",
	"Brand Guidelines",
	"Quality Guidelines",
	"Data Controller Agreement",
	"Data Processor Agreement",
	"User Consent Policy",
	"Closed Captioning Policy",
	"Seller Warranty",
	"Single Sign-On Policy",
	"Vulnerability Disclosure Policy",
	"Live Policy",
	"Complaints Policy",
	"Conditions of Carriage",
	"General Conditions of Sale",
	"Marketplace Buyers Conditions",
	"Marketplace Sellers Conditions",
	"Ranking Parameters Description",
	"Premium Partner Conditions",
	"Platform to Business Notice",
	"Business Mediation Policy",
	"Business Privacy Policy",
	"Editorial Policy",
	"Anti-corruption Policy",
	"Accessibility Statement",
	"Hyperlinks Policy",
	"Whistleblower Policy",
	"Affiliate Agreement",
	"Service Level Agreement",
	"Content Monetisation Policy",
	"Advertising Content Policy",
}

// TermsTypes lists the Open Terms Archive document types in that project's
// order, which puts the ones a person is most likely to read first.
func TermsTypes() []string { return append([]string(nil), termsTypes...) }

// IsTermsType reports whether t is one of the Open Terms Archive types.
func IsTermsType(t string) bool {
	for _, x := range termsTypes {
		if x == t {
			return true
		}
	}
	return false
}
