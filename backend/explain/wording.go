package explain

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Every sentence a person reads comes from this file, under a stable key,
// so that a translation is one more table given to AddTranslation. Keys name
// what a sentence is for; %[1]s is always the platform's name.
//
// Sentences are short and use everyday words on purpose: a test holds the
// headlines and points built from them to US grade 8 (Flesch-Kincaid).
var english = map[string]string{
	// Actions: title and what the person does.
	"action.rate-ai-response.title":        "Rate an AI answer",
	"action.rate-ai-response.desc":         "You click thumbs up or down, or report a chatbot answer.",
	"action.chat-with-ai.title":            "Chat with an AI",
	"action.chat-with-ai.desc":             "You type personal details into an AI chat.",
	"action.upload-content.title":          "Post a photo, video or text",
	"action.upload-content.desc":           "You upload or post your own content.",
	"action.submit-dna-sample.title":       "Send a DNA sample",
	"action.submit-dna-sample.desc":        "You mail a saliva kit for a DNA test.",
	"action.apply-store-card.title":        "Apply for a store card",
	"action.apply-store-card.desc":         "You apply for a store credit card at checkout.",
	"action.connect-wallet.title":          "Connect a crypto wallet",
	"action.connect-wallet.desc":           "You connect a crypto wallet or prove who you are.",
	"action.accept-cookies.title":          "Accept all cookies",
	"action.accept-cookies.desc":           "You click \"Accept all\" on a cookie banner.",
	"action.share-location.title":          "Share your location",
	"action.share-location.desc":           "You let the app see where you are.",
	"action.keep-using-after-change.title": "Keep using it after the terms change",
	"action.keep-using-after-change.desc":  "You keep using the service after \"we updated our terms\".",
	"action.delete-account.title":          "Delete your account",
	"action.delete-account.desc":           "You close your account or ask for your data to be erased.",
	"action.create-account.title":          "Sign up",
	"action.create-account.desc":           "You create an account.",
	"action.make-purchase.title":           "Buy or subscribe",
	"action.make-purchase.desc":            "You pay for something or start a plan.",

	// Headlines when the terms say nothing on any point of an action.
	"silent.rate-ai-response":        "The terms of %[1]s say nothing about what happens when you rate an answer.",
	"silent.chat-with-ai":            "The terms of %[1]s say nothing about what happens to what you type in a chat.",
	"silent.upload-content":          "The terms of %[1]s say nothing about what happens to what you post.",
	"silent.submit-dna-sample":       "The terms of %[1]s say nothing about DNA samples.",
	"silent.apply-store-card":        "The terms of %[1]s say nothing about what happens when you apply for a card.",
	"silent.connect-wallet":          "The terms of %[1]s say nothing about what happens when you connect a wallet.",
	"silent.accept-cookies":          "The terms of %[1]s say nothing about cookies or ads.",
	"silent.share-location":          "The terms of %[1]s say nothing about your location.",
	"silent.keep-using-after-change": "The terms of %[1]s say nothing about how they can change.",
	"silent.delete-account":          "The terms of %[1]s say nothing about what happens when you delete your account.",
	"silent.create-account":          "The terms of %[1]s say nothing about what signing up means.",
	"silent.make-purchase":           "The terms of %[1]s say nothing about paying.",
	// When only some follow-up facts were found.
	"lead.rate-ai-response":        "Here is what %[1]s says about rating answers.",
	"lead.chat-with-ai":            "Here is what %[1]s says about your chats.",
	"lead.upload-content":          "Here is what %[1]s says about what you post.",
	"lead.submit-dna-sample":       "Here is what %[1]s says about DNA samples.",
	"lead.apply-store-card":        "Here is what %[1]s says about store cards.",
	"lead.connect-wallet":          "Here is what %[1]s says about wallets.",
	"lead.accept-cookies":          "Here is what %[1]s says about cookies.",
	"lead.share-location":          "Here is what %[1]s says about your location.",
	"lead.keep-using-after-change": "Here is what %[1]s says about changes to its terms.",
	"lead.delete-account":          "Here is what %[1]s says about deleting your account.",
	"lead.create-account":          "Here is what %[1]s says about signing up.",
	"lead.make-purchase":           "Here is what %[1]s says about paying.",

	// Headline sentences, per action.
	"rate.lead.chat":         "If you rate an answer, %[1]s keeps the whole chat as feedback.",
	"rate.lead.feedback":     "If you rate an answer, %[1]s keeps it as feedback.",
	"rate.lead.training":     "If you rate an answer, %[1]s may use the chat to train its AI.",
	"rate.anything-training": "It can use it for anything, even to train its AI.",
	"rate.anything":          "It can use it for anything it wants.",
	"rate.training":          "It can use it to train its AI.",
	"rate.opted-out":         "This is true even if you opted out of training.",
	"rate.unpaid":            "You get nothing for it.",
	"rate.review":            "People who work for %[1]s may read it.",
	"rate.kept":              "The terms say how long it is kept.",

	"chat.lead.training": "What you type into %[1]s may be used to train its AI.",
	"chat.lead.review":   "People who work for %[1]s may read your chats.",
	"chat.lead.kept":     "%[1]s keeps what you type into the chat.",
	"chat.opted-out":     "Some chats are used even if you opted out.",
	"chat.review":        "People who work for %[1]s may read your chats.",
	"chat.ads":           "It may use what you share to show you ads.",
	"chat.police":        "It may share your data with police or courts.",
	"chat.sensitive":     "It has rules for health and other private data.",
	"chat.vendors":       "Companies that help run it may see your chats.",

	"upload.lead.license-forever": "If you post something, %[1]s gets a license to use it that never ends.",
	"upload.lead.license":         "If you post something, %[1]s gets a license to use it.",
	"upload.lead.own":             "You keep owning what you post on %[1]s.",
	"upload.lead.training":        "What you post on %[1]s may be used to train its AI.",
	"upload.own":                  "You still own it.",
	"upload.free":                 "It does not pay you for it.",
	"upload.others":               "It can let others use it too.",
	"upload.survives":             "Its rights can last after you delete it or leave.",
	"upload.kept":                 "Copies may stay after you delete them.",
	"upload.training":             "It may use it to train its AI.",
	"upload.face":                 "It may scan faces or voices in it.",
	"upload.removal":              "It can take your posts down.",

	"dna.lead.kept":      "If you send a DNA sample, %[1]s may keep the sample and your DNA data.",
	"dna.lead.genetic":   "If you send a DNA sample, %[1]s gets your genetic data.",
	"dna.lead.sensitive": "If you send a DNA sample, %[1]s treats it as private data.",
	"dna.share":          "It may share data with other companies.",
	"dna.sale":           "If %[1]s is sold, your data may go to the buyer.",
	"dna.police":         "It may share data with police or courts.",
	"dna.delete":         "You can ask it to delete your data.",

	"card.lead.share":  "If you apply for a card, %[1]s may share your data with other companies.",
	"card.lead.family": "If you apply for a card, %[1]s may share your data with its sister companies.",
	"card.lead.ads":    "If you apply for a card, %[1]s may use your data for ads.",
	"card.family":      "It may share your data with its sister companies.",
	"card.ads":         "It may use your data for ads.",
	"card.silent":      "It can change the terms without telling you.",
	"card.change":      "It can change the terms later.",

	"wallet.lead.tracking": "If you connect a wallet, %[1]s may track what you do.",
	"wallet.lead.face":     "If you prove who you are, %[1]s may scan your face.",
	"wallet.lead.vendors":  "If you connect a wallet, %[1]s shares data with companies that work for it.",
	"wallet.lead.family":   "If you connect a wallet, %[1]s may share data with its sister companies.",
	"wallet.face":          "It may scan your face when you prove who you are.",
	"wallet.kept":          "The terms say how long it keeps your records.",
	"wallet.police":        "It may share data with police or courts.",
	"wallet.family":        "It may share data with its sister companies.",
	"wallet.delete":        "You can ask it to delete your data.",

	"cookies.lead.sell":  "If you accept all cookies, %[1]s may sell or share your data for ads.",
	"cookies.lead.track": "If you accept all cookies, %[1]s may track what you do.",
	"cookies.lead.ads":   "If you accept all cookies, %[1]s may use your data for ads.",
	"cookies.ads":        "It may use your data for ads.",
	"cookies.partners":   "It may share your data with other companies.",
	"cookies.no-sale":    "It says it does not sell your data.",
	"cookies.choice":     "You can change your choice later.",

	"location.lead":   "If you share your location, %[1]s can see where you are.",
	"location.ads":    "It may use where you are to show you ads.",
	"location.share":  "It may share where you are with other companies.",
	"location.kept":   "The terms say how long it keeps it.",
	"location.police": "It may share your data with police or courts.",

	"change.lead.silent": "%[1]s can change its terms without telling you.",
	"change.lead.using":  "If you keep using %[1]s after a change, you accept the new terms.",
	"change.lead.change": "%[1]s can change its terms.",
	"change.using":       "If you keep using it, you accept the new terms.",
	"change.notice":      "It says it will tell you about changes.",

	"delete.lead.kept":    "If you delete your account, %[1]s may still keep some of your data.",
	"delete.lead.right":   "You can ask %[1]s to delete your data.",
	"delete.lead.keeps":   "If you delete your account, %[1]s keeps some data for a while.",
	"delete.right":        "You can ask it to delete your data.",
	"delete.kept":         "Some data may stay after you delete it.",
	"delete.survives":     "Its rights to your posts can last after you leave.",
	"delete.forever":      "Some data may be kept with no end date.",
	"signup.lead.using":   "By signing up, you accept all the terms of %[1]s.",
	"signup.lead.collect": "When you sign up, %[1]s collects many kinds of data about you.",
	"signup.lead.age":     "%[1]s has age limits for who can sign up.",
	"signup.collect":      "It collects many kinds of data about you.",
	"signup.age":          "It has rules about age and kids.",
	"signup.court":        "It picks which courts hear a dispute.",
	"signup.law":          "It picks which law applies.",

	"buy.lead.renew":     "If you start a plan on %[1]s, it may charge you again until you cancel.",
	"buy.lead.pay":       "When you pay %[1]s, its terms set rules on charges and refunds.",
	"buy.lead.liability": "If something goes wrong after you buy, %[1]s limits what it owes you.",
	"buy.no-refund":      "It may not give refunds.",
	"buy.liability":      "It limits what it owes you if things go wrong.",
	"buy.vendors":        "Payment companies that work for it get your data.",

	// Shared by several actions.
	"common.arbitration": "If you have a dispute, it goes to a private judge, not a court.",
	"common.no-class":    "You cannot join a group lawsuit.",

	// Points: what each kind of clause means. The headline names the
	// platform; points say "it", which keeps them short.
	"point.feedback-license":        "It keeps your ratings and feedback, and may use what you send.",
	"point.ai-training":             "It may use your data to train its AI.",
	"point.ai-training.no":          "It says some of your data is not used to train its AI.",
	"point.training-opt-out":        "The terms say you can opt out of AI training.",
	"point.human-review":            "People who work for it may read what you share.",
	"point.human-review.no":         "It says its staff cannot read some of what you share.",
	"point.content-license":         "It gets a license to use what you post.",
	"point.license-survives":        "Its rights to your content can last after you leave.",
	"point.content-ownership":       "You keep owning what you post.",
	"point.share-affiliates":        "It may share your data with its sister companies.",
	"point.share-service-providers": "It shares data with companies that help run it.",
	"point.share-third-parties":     "It may share your data with other companies.",
	"point.sale-of-data":            "It may sell or share your data for ads.",
	"point.sale-of-data.no":         "It says it does not sell your data.",
	"point.business-transfer":       "If the company is sold, your data may go to the new owner.",
	"point.law-enforcement":         "It may give your data to police or courts.",
	"point.advertising":             "It may use your data for ads.",
	"point.tracking":                "It uses cookies or other tools to track what you do.",
	"point.location":                "It may collect where you are.",
	"point.biometric":               "It may collect data about your face, voice or prints.",
	"point.biometric.no":            "Its rules say not to use it with face or voice data.",
	"point.genetic":                 "It handles DNA and genetic data.",
	"point.genetic.no":              "Its rules say not to use it with genetic data.",
	"point.sensitive-data":          "It may handle private data, like health or faith.",
	"point.sensitive-data.no":       "Its rules say not to use it with private data like health.",
	"point.broad-collection":        "It collects many kinds of data about you.",
	"point.children":                "It has rules about kids and age limits.",
	"point.retention":               "The terms say how long it keeps your data.",
	"point.deleted-content-kept":    "It may keep some data after you delete it.",
	"point.user-rights":             "The terms list rights you have, like getting or deleting your data.",
	"point.international-transfer":  "Your data may be sent to other countries.",
	"point.security":                "The terms say how it keeps your data safe.",
	"point.unilateral-change":       "It can change its terms.",
	"point.contract-by-using":       "Using it means you agree to its terms.",
	"point.arbitration":             "If you have a dispute, it goes to a private judge, not a court.",
	"point.class-action-waiver":     "You cannot join a group lawsuit against it.",
	"point.jurisdiction":            "The terms pick which courts hear a dispute.",
	"point.choice-of-law":           "The terms pick which law applies.",
	"point.limitation-of-liability": "It limits what it owes you if things go wrong.",
	"point.indemnification":         "You may have to pay its legal costs in some cases.",
	"point.claim-time-limit":        "You have less time to bring a claim.",
	"point.unilateral-termination":  "It can close your account.",
	"point.content-removal":         "It can remove what you post.",
	"point.payments":                "The terms set rules for charges, renewals and refunds.",

	// What a modifier adds to a point. point.KIND.MODIFIER overrides mod.MODIFIER.
	"mod.any-purpose":                          "It may use it for any purpose.",
	"mod.without-notice":                       "It does not have to tell you first.",
	"mod.without-compensation":                 "You get nothing for it.",
	"mod.perpetual":                            "This has no end date.",
	"mod.irrevocable":                          "You cannot take this back.",
	"mod.sublicensable":                        "It can pass these rights to others.",
	"mod.despite-opt-out":                      "This applies even if you opted out.",
	"mod.without-consent":                      "It does not need to ask you.",
	"mod.opt-out-available":                    "You can say no to this.",
	"mod.retroactive":                          "A change can apply to data from before it.",
	"point.training-opt-out.despite-opt-out":   "But some data is still used even if you opt out.",
	"point.training-opt-out.opt-out-available": "You can turn it off.",
	"point.unilateral-change.without-notice":   "It may not tell you before a change.",

	// Kinds on which the terms are silent.
	"nothing.feedback-license":        "The terms say nothing about ratings or feedback.",
	"nothing.ai-training":             "The terms say nothing about training AI on your data.",
	"nothing.training-opt-out":        "The terms say nothing about a way to opt out of AI training.",
	"nothing.human-review":            "The terms say nothing about people reading what you share.",
	"nothing.content-license":         "The terms say nothing about a license to what you post.",
	"nothing.license-survives":        "The terms say nothing about rights that last after you leave.",
	"nothing.content-ownership":       "The terms say nothing about who owns what you post.",
	"nothing.share-affiliates":        "The terms say nothing about sharing with sister companies.",
	"nothing.share-service-providers": "The terms say nothing about companies that help run it.",
	"nothing.share-third-parties":     "The terms say nothing about sharing with other companies.",
	"nothing.sale-of-data":            "The terms say nothing about selling your data.",
	"nothing.business-transfer":       "The terms say nothing about what happens to your data if the company is sold.",
	"nothing.law-enforcement":         "The terms say nothing about giving data to police or courts.",
	"nothing.advertising":             "The terms say nothing about ads.",
	"nothing.tracking":                "The terms say nothing about cookies or tracking.",
	"nothing.location":                "The terms say nothing about your location.",
	"nothing.biometric":               "The terms say nothing about face, voice or print data.",
	"nothing.genetic":                 "The terms say nothing about DNA or genetic data.",
	"nothing.sensitive-data":          "The terms say nothing about health or other private data.",
	"nothing.broad-collection":        "The terms say nothing about what data they collect.",
	"nothing.children":                "The terms say nothing about kids or age limits.",
	"nothing.retention":               "The terms say nothing about how long data is kept.",
	"nothing.deleted-content-kept":    "The terms say nothing about data kept after you delete it.",
	"nothing.user-rights":             "The terms say nothing about your rights over your data.",
	"nothing.international-transfer":  "The terms say nothing about sending data to other countries.",
	"nothing.security":                "The terms say nothing about keeping your data safe.",
	"nothing.unilateral-change":       "The terms say nothing about how they can change.",
	"nothing.contract-by-using":       "The terms say nothing about whether using it means you agree.",
	"nothing.arbitration":             "The terms say nothing about private judges.",
	"nothing.class-action-waiver":     "The terms say nothing about group lawsuits.",
	"nothing.jurisdiction":            "The terms say nothing about which courts hear a dispute.",
	"nothing.choice-of-law":           "The terms say nothing about which law applies.",
	"nothing.limitation-of-liability": "The terms say nothing about limits on what it owes you.",
	"nothing.indemnification":         "The terms say nothing about you paying its legal costs.",
	"nothing.claim-time-limit":        "The terms say nothing about a time limit on claims.",
	"nothing.unilateral-termination":  "The terms say nothing about closing your account.",
	"nothing.content-removal":         "The terms say nothing about taking down what you post.",
	"nothing.payments":                "The terms say nothing about charges or refunds.",

	// What the person can do.
	"you-can.delete":      "You can ask to delete your data.",
	"you-can.withdraw":    "You can take back your consent.",
	"you-can.copy":        "You can ask for a copy of your data.",
	"you-can.correct":     "You can ask to fix wrong data.",
	"you-can.object":      "You can object to how your data is used.",
	"you-can.complain":    "You can complain to a data protection office.",
	"you-can.unsubscribe": "You can stop getting marketing emails.",
	"you-can.settings":    "You can change this in your settings.",
	"you-can.training":    "You can opt out of AI training.",
	"you-can.opt-out":     "You can opt out of this.",
	"you-can.right":       "The terms name a right you can use.",

	// Legal angle.
	"legal.disclaimer":        "This is information, not legal advice.",
	"jurisdiction.eu":         "EU and EEA",
	"jurisdiction.us":         "United States",
	"jurisdiction.california": "California",
	"jurisdiction.illinois":   "Illinois",
	"applies.eu":              "Protects people in the EU and EEA.",
	"applies.us":              "Applies across the United States.",
	"applies.california":      "Protects California residents only.",
	"applies.illinois":        "Protects people in Illinois only.",
	"law.purpose":             "Data collected for one purpose may not be reused for an unrelated one, and every use needs a lawful basis.",
	"law.purpose-compatible":  "A new use of data must fit the purpose it was collected for.",
	"law.ccpa-proportionate":  "A business may use personal data only as far as is reasonably necessary and proportionate.",
	"law.ftc-ai-terms":        "The FTC has said that quietly changing terms to allow AI training may be unfair or deceptive.",
	"law.object":              "You can object to some uses of your data, and always to direct marketing.",
	"law.withdraw":            "You can withdraw consent as easily as you gave it.",
	"law.transparency":        "You must be told who gets your data and can ask for a copy.",
	"law.unfair-term":         "A term that tips the balance against the consumer can be unfair and not binding.",
	"law.minimisation":        "A business should collect only the data it needs.",
	"law.ccpa-minimisation":   "Collection must be limited to what is needed for the purpose.",
	"law.retention":           "Data may be kept only as long as needed.",
	"law.ccpa-retention":      "A business must say how long it keeps each kind of data.",
	"law.bipa-retention":      "Face and print data must follow a public schedule and be destroyed within 3 years of your last contact.",
	"law.erasure":             "You can ask for your data to be erased, with some exceptions.",
	"law.ccpa-delete":         "You can ask a business to delete the data it collected from you.",
	"law.transfer":            "Data may leave the EU only with safeguards.",
	"law.children-eu":         "A child under 16 needs a parent to agree; some countries set the age as low as 13.",
	"law.dsa-minors":          "Terms for services used by kids must be explained so kids understand them.",
	"law.coppa":               "Sites for kids under 13 need a parent's consent, also before a big change in how they use data.",
	"law.ccpa-minors":         "Data of users under 16 may not be sold or shared without opt-in.",
	"law.ccpa-opt-out-sale":   "You can tell a business not to sell or share your data.",
	"law.ccpa-link":           "A business must show a \"Do Not Sell or Share My Personal Information\" link.",
	"law.cookies":             "Cookies that are not needed require your consent.",
	"law.dark-patterns":       "A site may not trick you with its design into saying yes.",
	"law.ccpa-dark-patterns":  "A yes given through a trick design is not consent.",
	"law.sensitive":           "Health, religion, sex life and similar data are banned from use unless an exception, like explicit consent, applies.",
	"law.ccpa-sensitive":      "You can limit how a business uses sensitive data, like precise location.",
	"law.genetic":             "Genetic data is a special category with extra protection.",
	"law.gipa":                "DNA test companies need separate consent for each use, for storing the sample and for each transfer.",
	"law.gina":                "Genetic discrimination is banned for health insurers and larger employers only, not for life insurance.",
	"law.ftc-genetic":         "The FTC found that changing a DNA privacy policy after the fact to share more was unfair.",
	"law.biometric":           "Face and print data used to identify you is a special category with extra protection.",
	"law.bipa":                "A company needs your written release before it collects face or print data, and may not sell it.",
	"law.bipa-damages":        "You can claim $1,000 for each careless breach and $5,000 for each willful one.",
	"law.ai-act-biometric":    "People must be told when a system reads emotions or sorts people by their body data.",
	"law.uctd-change":         "A term letting the business change the contract alone, without a valid reason in it, may be unfair.",
	"law.dsa-change":          "Online services must tell users of any big change to their terms.",
	"law.ftc-retroactive":     "Applying a big change to data collected before it may be unfair or deceptive.",
	"law.glba-notice":         "Banks must send a new privacy notice before they share data in new ways.",
	"law.uctd-accept":         "A term may be unfair if you had no real chance to read it before you were bound by it.",
	"law.uctd-court":          "A term that blocks you from going to court, like forced arbitration, may be unfair.",
	"law.rome-law":            "A chosen law cannot take away the rights your home country's law gives you.",
	"law.uctd-liability":      "A term that limits the business's liability for death, injury or not delivering may be unfair.",
	"law.uctd-termination":    "A term letting the business end the contract without fair notice may be unfair.",
	"law.dsa-moderation":      "Rules for removing content must be in the terms and applied fairly, with reasons given.",
	"law.uctd-price":          "A term letting the business raise the price without letting you cancel may be unfair.",
	"law.security":            "Data must be kept safe; breaches must be reported, and you must be told when the risk is high.",
	"law.ccpa-breach":         "You can sue if your data leaks because security was not reasonable.",
	"law.glba":                "Banks and card issuers must let you opt out of sharing with outside companies.",
	"law.ccpa-glba":           "Data covered by bank privacy law is outside the CCPA, except for data breaches.",
	"law.fcra":                "Your credit report may be pulled only for a permitted reason.",
	"law.adverse-action":      "If you are turned down for credit, you must be told why.",
	"law.ai-act-transparency": "From 2 August 2026, people must be told when they talk to an AI.",
	"law.ccpa-notice":         "You must be told what data is collected and why, and can ask what a business has on you.",
	"law.lawful-basis":        "Every use of data needs a lawful basis, such as consent or a contract.",

	// Was I told?
	"notice.promised":    "The old terms promised to tell you about changes.",
	"notice.retroactive": "The new terms say they took effect on %[1]s, before this text was first seen.",
	"notice.both":        "The old terms promised notice, and the new terms say they took effect on %[1]s, before this text was first seen.",

	// Headings of the text output.
	"heading.evidence":     "What the terms say",
	"heading.you-can":      "What you can do",
	"heading.legal":        "The legal angle",
	"heading.says-nothing": "The terms say nothing about",
	"heading.others":       "Your other platforms",
	"heading.compare":      "How your platforms handle it",
	"state.found":          "says so (%[1]s)",
	"state.nothing":        "says nothing",
	"state.no-text":        "no archived text",
	"evidence.from":        "%[1]s, version of %[2]s (#%[3]s)",
}

var (
	wordingMu sync.RWMutex
	messages  = catalog.NewBuilder(catalog.Fallback(language.English))
	languages = []language.Tag{language.English}
	// translated records the keys each added language has, so a missing
	// one falls back to English rather than to its key.
	translated = map[language.Tag]map[string]bool{}
	englishP   *message.Printer
)

func init() {
	for k, v := range english {
		if err := messages.SetString(language.English, k, v); err != nil {
			panic(fmt.Sprintf("wording %q: %v", k, err))
		}
	}
	englishP = message.NewPrinter(language.English, message.Catalog(messages))
}

// Wording returns the English sentences by key: the table a translation
// starts from.
func Wording() map[string]string {
	out := make(map[string]string, len(english))
	for k, v := range english {
		out[k] = v
	}
	return out
}

// WordingKeys lists the keys in order, for translation tools.
func WordingKeys() []string {
	keys := make([]string, 0, len(english))
	for k := range english {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ErrUnknownWording is returned by AddTranslation for a key the English
// table does not have, which is nearly always a typo.
var ErrUnknownWording = errors.New("no such wording key")

// AddTranslation registers the sentences of one language. Keys left out
// fall back to English.
func AddTranslation(tag language.Tag, msgs map[string]string) error {
	wordingMu.Lock()
	defer wordingMu.Unlock()
	for k := range msgs {
		if _, ok := english[k]; !ok {
			return fmt.Errorf("%w: %q", ErrUnknownWording, k)
		}
	}
	if translated[tag] == nil {
		translated[tag] = map[string]bool{}
		languages = append(languages, tag)
	}
	for k, v := range msgs {
		if err := messages.SetString(tag, k, v); err != nil {
			return fmt.Errorf("wording %q: %w", k, err)
		}
		translated[tag][k] = true
	}
	return nil
}

type languageKey struct{}

// WithLanguage asks for explanations in a language added with
// AddTranslation; the default is English.
func WithLanguage(ctx context.Context, tag language.Tag) context.Context {
	return context.WithValue(ctx, languageKey{}, tag)
}

// words prints the sentences of one language.
type words struct {
	tag language.Tag
	p   *message.Printer
}

func wordsFor(ctx context.Context) words {
	tag := language.English
	if ctx != nil {
		if t, ok := ctx.Value(languageKey{}).(language.Tag); ok {
			tag = t
		}
	}
	wordingMu.RLock()
	defer wordingMu.RUnlock()
	_, i, _ := language.NewMatcher(languages).Match(tag)
	if i == 0 {
		return words{language.English, englishP}
	}
	return words{languages[i], message.NewPrinter(languages[i], message.Catalog(messages))}
}

// say prints the sentence under key. A key missing from the table comes out
// as itself, which the wording test catches.
func (w words) say(key string, args ...any) string {
	if _, ok := english[key]; !ok {
		return key
	}
	if w.tag != language.English {
		wordingMu.RLock()
		ok := translated[w.tag][key]
		wordingMu.RUnlock()
		if ok {
			return w.p.Sprintf(key, args...)
		}
	}
	return englishP.Sprintf(key, args...)
}

// has reports whether key is in the table, for optional overrides.
func (w words) has(key string) bool {
	_, ok := english[key]
	return ok
}

// Text is the sentence under a wording key in the language of ctx, for the
// other faces of the app (headings of the command-line output).
func Text(ctx context.Context, key string, args ...any) string {
	return wordsFor(ctx).say(key, args...)
}
