package normalize

import (
	"encoding/hex"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
)

// TrackingParams lists query parameters that carry tracking, campaign or
// session state rather than meaning: a link that differs only in these points
// to the same page. Keys are compared case-insensitively. An entry ending in
// "*" matches every key with that prefix.
var TrackingParams = []string{
	"utm_*", "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid",
	"_ga", "_gl", "_gac", "amp_device_id", "sid", "session", "sessionid", "session_id", "jsessionid",
	"phpsessid", "aspsessionid", "cfid", "cftoken", "label", "ref_src", "ref_url", "igshid", "igsh",
	"si", "spm", "scm", "yclid", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking",
	"oly_enc_id", "oly_anon_id", "vero_id", "vero_conv", "wickedid", "rb_clickid", "s_cid", "cmpid",
	"trk", "trkcampaign", "ncid", "__s", "mkt_tok", "csrf", "csrf_token", "_token", "token",
	"xsrf", "nonce", "twclid", "ttclid", "li_fat_id", "epik", "pk_campaign", "pk_kwd", "piwik_*",
	"matomo_*", "mtm_*", "_branch_match_id", "_kx", "ck_subscriber_id", "srsltid", "sjid",
	"visit_id", "optimizely_user_id", "preview_nonce", "openaicom-did", "openaicom_referred",
	"_openstat", "zanpid", "irclickid", "obOrigUrl", "cvid", "ocid", "ved", "usg", "ei",
}

// trackingIndex is TrackingParams split for lookup. It is rebuilt when the
// package variable is replaced by another slice (mutating the elements of
// the current slice in place is not noticed).
type trackingIndex struct {
	src    []string
	exact  map[string]bool
	prefix []string
}

var trackingCache atomic.Pointer[trackingIndex]

func trackingSets() (map[string]bool, []string) {
	src := TrackingParams
	if c := trackingCache.Load(); c != nil && sameSlice(c.src, src) {
		return c.exact, c.prefix
	}
	idx := &trackingIndex{src: src, exact: make(map[string]bool, len(src))}
	for _, p := range src {
		p = strings.ToLower(p)
		if strings.HasSuffix(p, "*") {
			idx.prefix = append(idx.prefix, strings.TrimSuffix(p, "*"))
			continue
		}
		idx.exact[p] = true
	}
	trackingCache.Store(idx)
	return idx.exact, idx.prefix
}

func sameSlice(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// IsTrackingParam reports whether a query key is in TrackingParams.
func IsTrackingParam(key string) bool {
	exact, prefix := trackingSets()
	k := strings.ToLower(key)
	if exact[k] {
		return true
	}
	for _, p := range prefix {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// emailLinkRe matches a Markdown link to a Cloudflare e-mail protection page,
// whose text is usually the placeholder "[email protected]".
var emailLinkRe = regexp.MustCompile(`\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(((?:https?://[^\s/)]+)?/cdn-cgi/l/email-protection#([0-9a-fA-F]+))\)`)

// CleanURLs strips tracking parameters from every link target in s and
// decodes Cloudflare-obfuscated e-mail links. Cloudflare picks a new XOR key
// on every request, so the encoded form differs between identical fetches.
func CleanURLs(s string) string {
	if strings.Contains(s, "email-protection#") {
		s = emailLinkRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := emailLinkRe.FindStringSubmatch(m)
			addr, ok := DecodeCloudflareEmail(sub[3])
			if !ok {
				return m
			}
			text := sub[1]
			if strings.Contains(text, "protected") || text == "" {
				text = addr
			}
			return "[" + text + "](mailto:" + addr + ")"
		})
	}
	if !strings.Contains(s, "?") {
		return s
	}
	var b []byte
	last := 0
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "http")
		if j < 0 {
			break
		}
		start := i + j
		rest := s[start:]
		if !strings.HasPrefix(rest, "https://") && !strings.HasPrefix(rest, "http://") {
			i = start + 4
			continue
		}
		end := start + urlLen(rest)
		if u := s[start:end]; strings.IndexByte(u, '?') >= 0 {
			if clean := CleanURL(u); clean != u {
				b = append(b, s[last:start]...)
				b = append(b, clean...)
				last = end
			}
		}
		i = end
	}
	if last == 0 {
		return s
	}
	return string(append(b, s[last:]...))
}

// urlLen returns the length of the URL at the start of s. A Markdown link
// destination ends at ")" unless the parenthesis opened inside the URL.
func urlLen(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '<', '>', '"', '[', ']':
			return i
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return len(s)
}

// CleanURL removes tracking parameters and per-request identifiers from one
// URL. Anything it cannot parse is returned unchanged.
func CleanURL(raw string) string {
	q := strings.IndexByte(raw, '?')
	if q < 0 {
		return raw
	}
	// Trailing sentence punctuation is not part of the URL.
	trail := ""
	for len(raw) > q+1 && strings.ContainsRune(".,;:!'", rune(raw[len(raw)-1])) {
		trail = raw[len(raw)-1:] + trail
		raw = raw[:len(raw)-1]
	}
	base, query := raw[:q], raw[q+1:]
	frag := ""
	if h := strings.IndexByte(query, '#'); h >= 0 {
		query, frag = query[:h], query[h:]
	}
	parts := strings.FieldsFunc(query, func(r rune) bool { return r == '&' || r == ';' })
	kept := parts[:0]
	for _, p := range parts {
		key, val, _ := strings.Cut(p, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		if IsTrackingParam(key) || isOpaqueID(val) {
			continue
		}
		kept = append(kept, p)
	}
	if len(kept) == 0 {
		return base + frag + trail
	}
	return base + "?" + strings.Join(kept, "&") + frag + trail
}

// isOpaqueID reports values that look like per-request random identifiers
// (UUIDs, long hex tokens). Such values change on every fetch, and a stable
// permalink id rarely looks like this, so dropping them costs little.
func isOpaqueID(v string) bool {
	if len(v) == 36 && v[8] == '-' && v[13] == '-' && v[18] == '-' && v[23] == '-' {
		return isHex(strings.ReplaceAll(v, "-", ""))
	}
	return len(v) >= 32 && isHex(v)
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return s != ""
}

// DecodeCloudflareEmail decodes the hex fragment of a Cloudflare
// "/cdn-cgi/l/email-protection#..." link: the first byte is a key XORed
// into every following byte.
func DecodeCloudflareEmail(encoded string) (string, bool) {
	raw, err := hex.DecodeString(encoded)
	if err != nil || len(raw) < 2 {
		return "", false
	}
	key := raw[0]
	out := make([]byte, len(raw)-1)
	for i, c := range raw[1:] {
		out[i] = c ^ key
	}
	addr, err := url.PathUnescape(string(out))
	if err != nil || !strings.Contains(addr, "@") {
		return "", false
	}
	return addr, true
}
