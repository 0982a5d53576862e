package explain

import (
	"context"

	"fineprint/backend/analyze"
)

// LegalFact is one law that bears on a kind of clause, where it applies and
// what it says in a plain sentence. It is information, not legal advice.
type LegalFact struct {
	Jurisdiction string `json:"jurisdiction"`
	Law          string `json:"law"`
	Note         string `json:"note"`
	// Applies says whom the law protects, so nobody reads an EU right as
	// their own when it does not reach them.
	Applies string `json:"applies"`
	Source  string `json:"source"`
}

// Jurisdictions, keyed into the wording table.
const (
	inEU         = "eu"
	inUS         = "us"
	inCalifornia = "california"
	inIllinois   = "illinois"
)

// law is a row of the table: the citation stays as written in every
// language; the note is a wording key.
type law struct {
	where  string
	cite   string
	note   string
	source string
}

// Sources, so that each citation can be checked against the text it quotes.
const (
	srcGDPR    = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
	srcUCTD    = "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:01993L0013-20220528"
	srcDSA     = "https://eur-lex.europa.eu/eli/reg/2022/2065/oj"
	srcAIAct   = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"
	srcEPriv   = "https://eur-lex.europa.eu/eli/dir/2002/58/oj"
	srcRomeI   = "https://eur-lex.europa.eu/eli/reg/2008/593/oj"
	srcCCPA    = "https://leginfo.legislature.ca.gov/faces/codes_displayText.xhtml?division=3.&part=4.&lawCode=CIV&title=1.81.5"
	srcCCR7002 = "https://www.law.cornell.edu/regulations/california/11-CCR-7002"
	srcCCR7027 = "https://www.law.cornell.edu/regulations/california/11-CCR-7027"
	srcFTCAI   = "https://www.ftc.gov/policy/advocacy-research/tech-at-ftc/2024/02/ai-other-companies-quietly-changing-your-terms-service-could-be-unfair-or-deceptive"
	srcFTCAct  = "https://www.law.cornell.edu/uscode/text/15/45"
	srcBIPA    = "https://www.ilga.gov/legislation/ilcs/ilcs3.asp?ActID=3004&ChapterID=57"
	srcGIPA    = "https://law.justia.com/codes/california/code-civ/division-1/part-2-6/chapter-2-5/section-56-181/"
	srcGINA    = "https://medlineplus.gov/genetics/understanding/dtcgenetictesting/dtcinsurancerisk/"
	srcCOPPA   = "https://www.law.cornell.edu/cfr/text/16/312.5"
	srcGLBA    = "https://www.law.cornell.edu/cfr/text/12/part-1016"
	srcFCRA    = "https://www.law.cornell.edu/uscode/text/15/1681b"
	srcRegB    = "https://www.law.cornell.edu/cfr/text/12/1002.9"
)

var (
	gdprPurpose    = law{inEU, "GDPR Art. 5(1)(b), Art. 6", "law.purpose", srcGDPR}
	gdprCompatible = law{inEU, "GDPR Art. 6(4)", "law.purpose-compatible", srcGDPR}
	gdprObject     = law{inEU, "GDPR Art. 21", "law.object", srcGDPR}
	gdprWithdraw   = law{inEU, "GDPR Art. 7(3)", "law.withdraw", srcGDPR}
	gdprAccess     = law{inEU, "GDPR Arts. 12–15", "law.transparency", srcGDPR}
	gdprMinimise   = law{inEU, "GDPR Art. 5(1)(c)", "law.minimisation", srcGDPR}
	gdprRetention  = law{inEU, "GDPR Art. 5(1)(e)", "law.retention", srcGDPR}
	gdprErasure    = law{inEU, "GDPR Art. 17", "law.erasure", srcGDPR}
	gdprTransfer   = law{inEU, "GDPR Arts. 44–49", "law.transfer", srcGDPR}
	gdprChildren   = law{inEU, "GDPR Art. 8", "law.children-eu", srcGDPR}
	gdprSensitive  = law{inEU, "GDPR Art. 9", "law.sensitive", srcGDPR}
	gdprGenetic    = law{inEU, "GDPR Art. 9, Art. 4(13)", "law.genetic", srcGDPR}
	gdprBiometric  = law{inEU, "GDPR Art. 9, Art. 4(14)", "law.biometric", srcGDPR}
	gdprSecurity   = law{inEU, "GDPR Arts. 32–34", "law.security", srcGDPR}
	gdprBasis      = law{inEU, "GDPR Art. 6(1)", "law.lawful-basis", srcGDPR}
	ePrivacy       = law{inEU, "ePrivacy Directive Art. 5(3)", "law.cookies", srcEPriv}
	dsaChange      = law{inEU, "DSA Art. 14(2)", "law.dsa-change", srcDSA}
	dsaMinors      = law{inEU, "DSA Art. 14(3)", "law.dsa-minors", srcDSA}
	dsaModeration  = law{inEU, "DSA Art. 14(1), 14(4), Art. 17", "law.dsa-moderation", srcDSA}
	dsaDarkPattern = law{inEU, "DSA Art. 25", "law.dark-patterns", srcDSA}
	aiActBiometric = law{inEU, "AI Act Art. 50(3)", "law.ai-act-biometric", srcAIAct}
	aiActChatbot   = law{inEU, "AI Act Art. 50(1)", "law.ai-act-transparency", srcAIAct}
	uctdChange     = law{inEU, "Unfair Contract Terms Directive, Annex 1(j)", "law.uctd-change", srcUCTD}
	uctdAccept     = law{inEU, "Unfair Contract Terms Directive, Annex 1(i)", "law.uctd-accept", srcUCTD}
	uctdCourt      = law{inEU, "Unfair Contract Terms Directive, Annex 1(q)", "law.uctd-court", srcUCTD}
	uctdLiability  = law{inEU, "Unfair Contract Terms Directive, Annex 1(a), 1(b)", "law.uctd-liability", srcUCTD}
	uctdTerminate  = law{inEU, "Unfair Contract Terms Directive, Annex 1(f), 1(g)", "law.uctd-termination", srcUCTD}
	uctdPrice      = law{inEU, "Unfair Contract Terms Directive, Annex 1(l)", "law.uctd-price", srcUCTD}
	uctdGeneral    = law{inEU, "Unfair Contract Terms Directive, Art. 3(1)", "law.unfair-term", srcUCTD}
	romeI          = law{inEU, "Rome I Regulation Art. 6(2)", "law.rome-law", srcRomeI}

	ftcAITerms    = law{inUS, "FTC Act §5 (15 U.S.C. §45)", "law.ftc-ai-terms", srcFTCAI}
	ftcRetro      = law{inUS, "FTC Act §5 (15 U.S.C. §45)", "law.ftc-retroactive", srcFTCAct}
	ftcGenetic    = law{inUS, "FTC Act §5; 1Health.io/Vitagene order (2023)", "law.ftc-genetic", srcFTCAct}
	coppa         = law{inUS, "COPPA, 15 U.S.C. §§6501–6506; 16 CFR §312.5", "law.coppa", srcCOPPA}
	gina          = law{inUS, "GINA (Pub. L. 110-233)", "law.gina", srcGINA}
	glbaOptOut    = law{inUS, "GLBA, 15 U.S.C. §6801 ff.; Reg P, 12 CFR 1016", "law.glba", srcGLBA}
	glbaNotice    = law{inUS, "Reg P, 12 CFR §1016.8", "law.glba-notice", srcGLBA}
	fcra          = law{inUS, "FCRA, 15 U.S.C. §1681b", "law.fcra", srcFCRA}
	adverseAction = law{inUS, "ECOA/Reg B, 12 CFR §1002.9; FCRA §615(a)", "law.adverse-action", srcRegB}

	ccpaPurpose     = law{inCalifornia, "CCPA §1798.100(c); 11 CCR §7002", "law.ccpa-proportionate", srcCCR7002}
	ccpaMinimise    = law{inCalifornia, "11 CCR §7002(d)", "law.ccpa-minimisation", srcCCR7002}
	ccpaRetention   = law{inCalifornia, "CCPA §1798.100", "law.ccpa-retention", srcCCPA}
	ccpaDelete      = law{inCalifornia, "CCPA §1798.105", "law.ccpa-delete", srcCCPA}
	ccpaOptOut      = law{inCalifornia, "CCPA §1798.120", "law.ccpa-opt-out-sale", srcCCPA}
	ccpaLink        = law{inCalifornia, "CCPA §1798.135", "law.ccpa-link", srcCCPA}
	ccpaMinors      = law{inCalifornia, "CCPA §1798.120(c)", "law.ccpa-minors", srcCCPA}
	ccpaSensitive   = law{inCalifornia, "CCPA §1798.121; 11 CCR §7027", "law.ccpa-sensitive", srcCCR7027}
	ccpaDarkPattern = law{inCalifornia, "CCPA §1798.140", "law.ccpa-dark-patterns", srcCCPA}
	ccpaBreach      = law{inCalifornia, "CCPA §1798.150", "law.ccpa-breach", srcCCPA}
	ccpaGLBA        = law{inCalifornia, "CCPA §1798.145(e)", "law.ccpa-glba", srcCCPA}
	ccpaNotice      = law{inCalifornia, "CCPA §§1798.100, 1798.110, 1798.130", "law.ccpa-notice", srcCCPA}
	gipa            = law{inCalifornia, "Genetic Information Privacy Act, Civ. Code §§56.18–56.186", "law.gipa", srcGIPA}

	bipa          = law{inIllinois, "BIPA, 740 ILCS 14/15(b)–(d)", "law.bipa", srcBIPA}
	bipaRetention = law{inIllinois, "BIPA, 740 ILCS 14/15(a)", "law.bipa-retention", srcBIPA}
	bipaDamages   = law{inIllinois, "BIPA, 740 ILCS 14/20", "law.bipa-damages", srcBIPA}
)

// legalTable maps each kind to the laws that bear on it. The rows follow
// shared/notes/regulations-and-actions.md, which gives a source for each.
var legalTable = map[analyze.Kind][]law{
	feedbackLicense:       {gdprPurpose, ccpaPurpose, ftcAITerms},
	aiTraining:            {gdprPurpose, gdprCompatible, ccpaPurpose, ftcAITerms, aiActChatbot},
	trainingOptOut:        {gdprObject, gdprWithdraw, ccpaDarkPattern},
	humanReview:           {gdprAccess, gdprPurpose, ccpaNotice},
	contentLicense:        {uctdGeneral, dsaModeration},
	licenseSurvives:       {uctdGeneral, gdprErasure},
	contentOwnership:      {uctdGeneral},
	shareAffiliates:       {gdprBasis, gdprAccess, ccpaOptOut, glbaOptOut},
	shareServiceProviders: {gdprAccess, ccpaNotice},
	shareThirdParties:     {gdprBasis, gdprObject, ccpaOptOut, glbaOptOut},
	saleOfData:            {gdprObject, ccpaOptOut, ccpaLink},
	businessTransfer:      {gdprAccess, gipa},
	lawEnforcement:        {gdprAccess},
	advertising:           {gdprObject, ePrivacy, ccpaOptOut, ccpaLink},
	tracking:              {ePrivacy, gdprWithdraw, dsaDarkPattern, ccpaDarkPattern},
	location:              {gdprMinimise, ccpaSensitive},
	biometric:             {gdprBiometric, aiActBiometric, bipa, bipaRetention, bipaDamages},
	genetic:               {gdprGenetic, gipa, gina, ftcGenetic},
	sensitiveData:         {gdprSensitive, ccpaSensitive},
	broadCollection:       {gdprMinimise, ccpaMinimise},
	children:              {gdprChildren, dsaMinors, coppa, ccpaMinors},
	retention:             {gdprRetention, ccpaRetention, bipaRetention},
	deletedContentKept:    {gdprErasure, ccpaDelete},
	userRights:            {gdprAccess, gdprErasure, ccpaDelete, ccpaNotice},
	internationalTransfer: {gdprTransfer},
	security:              {gdprSecurity, ccpaBreach},
	unilateralChange:      {uctdChange, dsaChange, ftcRetro, coppa, glbaNotice},
	contractByUsing:       {uctdAccept, dsaChange},
	arbitration:           {uctdCourt},
	classActionWaiver:     {uctdCourt},
	jurisdiction:          {uctdCourt},
	choiceOfLaw:           {romeI},
	limitationOfLiability: {uctdLiability},
	indemnification:       {uctdGeneral},
	claimTimeLimit:        {uctdCourt},
	unilateralTermination: {uctdTerminate, dsaModeration},
	contentRemoval:        {dsaModeration, uctdTerminate},
	payments:              {uctdPrice},
}

// actionLaw adds the laws that bear on an action as a whole rather than on
// one kind of clause: credit law for a card application, the AI Act's duty
// to say a chatbot is a bot.
var actionLaw = map[ActionID][]law{
	"apply-store-card":  {glbaOptOut, ccpaGLBA, fcra, adverseAction},
	"chat-with-ai":      {aiActChatbot},
	"submit-dna-sample": {gipa, gina},
}

// Legal lists the laws that bear on the given kinds, each once, in the
// order of the kinds.
func Legal(ctx context.Context, kinds ...analyze.Kind) []LegalFact {
	var laws []law
	for _, k := range kinds {
		laws = append(laws, legalTable[k]...)
	}
	return legalFacts(ctx, laws)
}

func legalFacts(ctx context.Context, laws []law) []LegalFact {
	w := wordsFor(ctx)
	seen := map[law]bool{}
	out := []LegalFact{}
	{
		for _, l := range laws {
			if seen[l] {
				continue
			}
			seen[l] = true
			out = append(out, LegalFact{Jurisdiction: w.say("jurisdiction." + l.where), Law: l.cite,
				Note: w.say(l.note), Applies: w.say("applies." + l.where), Source: l.source})
		}
	}
	return out
}

// Disclaimer is said with every legal angle.
func Disclaimer(ctx context.Context) string { return wordsFor(ctx).say("legal.disclaimer") }
