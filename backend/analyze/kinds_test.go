package analyze

import (
	"slices"
	"testing"
)

// One plain sentence per kind, written for these tests, typical of how terms
// put it.
var kindExamples = map[Kind]string{
	FeedbackLicense:       "If you submit feedback or suggestions, we may use them for any purpose without compensation to you.",
	AITraining:            "We may use your conversations to train and improve our AI models.",
	TrainingOptOut:        "You can opt out of having your chats used to train our models in your account settings.",
	HumanReview:           "Our employees and contractors may review your conversations to improve the service.",
	ContentLicense:        "You grant us a worldwide, non-exclusive, royalty-free, sublicensable license to use, copy, modify and distribute your content.",
	LicenseSurvives:       "The license you grant us survives termination of your account, and we may keep using your content after you close it.",
	ContentOwnership:      "You retain ownership of all content you submit to the service.",
	ShareAffiliates:       "We combine the information we hold about you across the products of our group of companies and share it with our affiliates.",
	ShareServiceProviders: "We share your personal information with service providers who process it on our behalf to operate the service.",
	ShareThirdParties:     "We may share your personal information with third party partners for their own purposes.",
	SaleOfData:            "We do not sell your personal information.",
	BusinessTransfer:      "If we are involved in a merger, acquisition, or sale of assets, your personal information may be transferred to the buyer.",
	LawEnforcement:        "We may disclose your information to law enforcement or government authorities in response to a subpoena or court order.",
	Advertising:           "We use your personal data to show you targeted advertising and for marketing purposes.",
	Tracking:              "We use cookies, web beacons and tracking pixels to track your activity across websites.",
	Location:              "We collect your precise location from your device's GPS.",
	Biometric:             "We collect biometric data such as a scan of your face geometry.",
	Genetic:               "We analyze the DNA in your saliva sample to produce your genetic report.",
	SensitiveData:         "We may process health information and data about your religion or sexual orientation.",
	BroadCollection:       "We collect information about you from third parties such as data brokers and social networks.",
	Children:              "You must be at least 13 years old to use the service.",
	Retention:             "We retain your personal information for as long as necessary to provide the service.",
	DeletedContentKept:    "Content you delete may persist in backup copies for a reasonable period of time.",
	UserRights:            "You have the right to access, correct or delete your personal data.",
	InternationalTransfer: "Your information may be transferred to and processed in countries other than your own, including the United States.",
	Security:              "We use industry standard encryption and security measures to protect your data.",
	UnilateralChange:      "We may modify these terms at any time at our sole discretion without notice to you.",
	ContractByUsing:       "By using the service, you agree to be bound by these terms.",
	Arbitration:           "Any dispute arising out of these terms will be resolved by binding arbitration.",
	ClassActionWaiver:     "You waive your right to participate in a class action lawsuit.",
	Jurisdiction:          "You agree that any claim shall be brought exclusively in the courts located in Santa Clara County, California.",
	ChoiceOfLaw:           "These terms are governed by the laws of the State of California, without regard to its conflict of laws rules.",
	LimitationOfLiability: "In no event shall we be liable for any indirect, incidental, special or consequential damages.",
	Indemnification:       "You agree to indemnify and hold us harmless from any claims arising out of your use of the service.",
	ClaimTimeLimit:        "Any claim must be filed within one year after the cause of action arose, or it is permanently barred.",
	UnilateralTermination: "We may suspend or terminate your account at any time for any reason.",
	ContentRemoval:        "We may remove any content you post at any time without notice.",
	Payments:              "Your subscription will automatically renew and we will charge your credit card unless you cancel.",
}

func TestEveryKindHasALabelAndAnExample(t *testing.T) {
	if len(Kinds) != 38 {
		t.Fatalf("%d kinds", len(Kinds))
	}
	for _, k := range Kinds {
		if Label(k) == string(k) || Group(k) == "" {
			t.Errorf("%s: no label or group", k)
		}
		if _, ok := kindExamples[k]; !ok {
			t.Errorf("%s: no example", k)
		}
	}
}

func TestClassifyFindsEveryKind(t *testing.T) {
	if _, err := Default(); err != nil {
		t.Fatalf("built-in model: %v", err)
	}
	for _, k := range Kinds {
		got := Classify(kindExamples[k])
		if !slices.Contains(got, k) {
			t.Errorf("%s: got %v for %q", k, got, kindExamples[k])
		}
	}
}

func TestClassifyIgnoresPlainText(t *testing.T) {
	for _, s := range []string{"", "Welcome to Example.", "Last updated: May 1, 2025", "Contact us at the address below."} {
		if got := Classify(s); len(got) != 0 {
			t.Errorf("%q: %v", s, got)
		}
	}
}

func TestMappings(t *testing.T) {
	if k, ok := ClaudetteKind("choice_of_law"); !ok || k != ChoiceOfLaw {
		t.Fatal(k)
	}
	if k, ok := CaseKind(390); !ok || k != FeedbackLicense {
		t.Fatal(k)
	}
	if _, ok := CaseKind(331); ok {
		t.Fatal("case 331 maps to nothing")
	}
}

// A governing-law clause is not a forum clause: the model confuses the two
// neighbours, the cue words keep them apart.
func TestGoverningLawIsNotJurisdiction(t *testing.T) {
	law := Classify("These Terms shall be governed by and construed in accordance with the laws of the State of California, without regard to its conflict of laws provisions.")
	if slices.Contains(law, Jurisdiction) || !slices.Contains(law, ChoiceOfLaw) {
		t.Errorf("governing law: %v, want choice-of-law and not jurisdiction", law)
	}
	forum := Classify("You agree to submit to the exclusive jurisdiction of the state and federal courts located in Santa Clara County, California.")
	if !slices.Contains(forum, Jurisdiction) {
		t.Errorf("forum clause: %v, want jurisdiction", forum)
	}
	if !LacksCue(Jurisdiction, "These terms are governed by Irish law.") || LacksCue(Jurisdiction, "The courts of Ireland decide.") {
		t.Error("jurisdiction cue words")
	}
}

// TestCueWords checks the words without which a model verdict is dropped,
// one sentence that has them and one that has not for each gated kind.
func TestCueWords(t *testing.T) {
	cases := []struct {
		kind      Kind
		with, not string
	}{
		{ContentRemoval, "We may remove any content you post at any time.", "We may terminate your account at any time for any reason."},
		{HumanReview, "Our staff may read your messages to enforce these terms.", "Our vendors only process data on our instructions."},
		{ShareAffiliates, "We share your data with our affiliates.", "We share your data with advertisers."},
		{LicenseSurvives, "This license is perpetual and irrevocable.", "You grant us a worldwide license to host your content."},
		{DeletedContentKept, "Copies may remain in backups after you delete them.", "We keep logs for thirty days."},
		{Arbitration, "Disputes go to binding arbitration.", "Disputes go to the courts of Dublin."},
	}
	for _, c := range cases {
		if LacksCue(c.kind, c.with) {
			t.Errorf("%s: %q lacks the cue words", c.kind, c.with)
		}
		if !LacksCue(c.kind, c.not) {
			t.Errorf("%s: %q has cue words", c.kind, c.not)
		}
	}
	if LacksCue(Tracking, "anything at all") {
		t.Error("tracking has no cue words, so nothing lacks them")
	}
}

func TestDNAFigureOfSpeech(t *testing.T) {
	if k := Classify("Privacy is built into our core DNA, from anonymity to transparency."); slices.Contains(k, Genetic) {
		t.Errorf("a figure of speech is genetic data: %v", k)
	}
	for _, s := range []string{"We store your DNA sample for up to ten years.", "Your DNA data may be shared with research partners."} {
		if k := Classify(s); !slices.Contains(k, Genetic) {
			t.Errorf("%q: %v, want genetic", s, k)
		}
	}
}

func TestPromiseNotToTrain(t *testing.T) {
	for _, f := range Analyze("Your private personal data is not used to train our foundational AI models.") {
		if f.Kind == AITraining && f.Severity != Low {
			t.Errorf("a promise not to train rates %s", f.Severity)
		}
	}
}
