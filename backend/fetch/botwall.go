package fetch

import (
	"bytes"
	"net/http"
	"strings"
)

// Markers that only appear on challenge or block pages: safe to trust even
// on a 200 answer, because a terms page has no reason to contain them.
var challengeMarkers = [][]byte{
	// Cloudflare's challenge orchestration. Not the bare
	// /cdn-cgi/challenge-platform/ prefix: Cloudflare injects
	// .../scripts/jsd/main.js into ordinary pages it serves.
	[]byte("/cdn-cgi/challenge-platform/h/"),
	[]byte("orchestrate/chl_page"),
	[]byte("cf_chl_opt"),              // Cloudflare challenge options
	[]byte("cf-browser-verification"), // older Cloudflare interstitial
	[]byte("captcha-delivery.com"),    // DataDome challenge iframe
	[]byte("geo.captcha-delivery"),    // DataDome
	[]byte("px-captcha"),              // PerimeterX / HUMAN
	[]byte("_pxcaptcha"),              // PerimeterX / HUMAN
	[]byte("_incapsula_resource"),     // Imperva Incapsula
	[]byte("incapsula incident id"),   // Imperva Incapsula
	[]byte("errors.edgesuite.net"),    // Akamai reference links
	[]byte("checking your browser before accessing"),
	[]byte("please enable js and disable any ad blocker"), // DataDome
	[]byte("sucuri website firewall"),
	[]byte("awswafintegration"), // AWS WAF challenge script
	[]byte("enable javascript and cookies to continue"),
}

// Titles of interstitials. Matched against the <title> only, since the
// words ("access denied") can appear legitimately in a policy's text.
var challengeTitles = []string{
	"just a moment",
	"attention required",
	"access denied",
	"please wait",
	"security check",
	"are you a robot",
	"are you human",
	"verify you are human",
	"pardon our interruption", // Distil / Imperva
	"request rejected",
	"bot verification",
	"ddos protection",
}

// Markers too common on ordinary pages (privacy policies mention reCAPTCHA
// and name DataDome in their cookie lists), trusted only when the status
// already says the request was refused.
var weakMarkers = [][]byte{
	[]byte("g-recaptcha"),
	[]byte("hcaptcha.com"),
	[]byte("h-captcha"),
	[]byte("challenges.cloudflare.com"),
	[]byte("datadome"),
	[]byte("perimeterx"),
	[]byte("access denied"),
	[]byte("you don't have permission to access"),
	[]byte("captcha"),
}

// Challenge pages are small; a 200 answer larger than this is a real page
// even if it happens to mention a marker (for example in an inline script).
const maxChallengeBody = 256 << 10

// LooksLikeBotWall reports whether an answer is an anti-bot interstitial
// (Cloudflare, DataDome, PerimeterX, Akamai, Imperva, captchas) rather than
// the requested document. It is cheap and works on raw bytes so that both
// the HTTP path and the browser path can use it.
func LooksLikeBotWall(status int, header http.Header, body []byte) bool {
	if strings.EqualFold(header.Get("Cf-Mitigated"), "challenge") {
		return true
	}
	refused := status == http.StatusForbidden || status == http.StatusTooManyRequests ||
		status == http.StatusServiceUnavailable || status == http.StatusUnauthorized
	if refused && header.Get("X-Datadome") != "" {
		return true
	}
	if !refused && len(body) > maxChallengeBody {
		return false
	}
	head := body
	if len(head) > maxChallengeBody {
		head = head[:maxChallengeBody]
	}
	lower := bytes.ToLower(head)
	for _, m := range challengeMarkers {
		if bytes.Contains(lower, m) {
			return true
		}
	}
	title := pageTitle(lower)
	for _, t := range challengeTitles {
		if strings.Contains(title, t) {
			return true
		}
	}
	if refused {
		for _, m := range weakMarkers {
			if bytes.Contains(lower, m) {
				return true
			}
		}
	}
	return false
}

// pageTitle returns the text of the first <title> element of lower-cased
// HTML, without parsing the whole document.
func pageTitle(lower []byte) string {
	i := bytes.Index(lower, []byte("<title"))
	if i < 0 {
		return ""
	}
	rest := lower[i+len("<title"):]
	gt := bytes.IndexByte(rest, '>')
	if gt < 0 {
		return ""
	}
	rest = rest[gt+1:]
	end := bytes.Index(rest, []byte("</title"))
	if end < 0 {
		end = min(len(rest), 512)
	}
	return strings.Join(strings.Fields(string(rest[:end])), " ")
}
