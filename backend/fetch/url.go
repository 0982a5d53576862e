package fetch

import (
	"net"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// ValidateURL parses an address typed by a person or found in a catalog and
// accepts only absolute http(s) URLs with a host. Everything else (file:,
// javascript:, data:, ftp:, relative paths, embedded credentials) is refused
// with a KindBadURL error whose message can be shown as is.
func ValidateURL(raw string) (*url.URL, error) {
	trimmed := strings.TrimSpace(raw)
	if trimmed == "" {
		return nil, newError(KindBadURL, 0, nil, "The address is empty.")
	}
	u, err := url.Parse(trimmed)
	if err != nil {
		return nil, newError(KindBadURL, 0, err, "The address %q is not a valid web address.", trimmed)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return nil, newError(KindBadURL, 0, nil, "The address %q has no scheme; it should start with https://.", trimmed)
	default:
		return nil, newError(KindBadURL, 0, nil, "The address %q uses %s:, but only http and https pages can be watched.", trimmed, u.Scheme)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Opaque != "" || u.Hostname() == "" {
		return nil, newError(KindBadURL, 0, nil, "The address %q has no host name.", trimmed)
	}
	if u.User != nil {
		// Credentials in a watched URL would be stored and shown in the
		// archive; refusing them is safer than silently stripping them.
		return nil, newError(KindBadURL, 0, nil, "The address %q contains a user name or password; remove it.", trimmed)
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
			return nil, newError(KindBadURL, 0, err, "The address %q has an invalid port.", trimmed)
		}
	}
	return u, nil
}

// RegistrableDomain returns the part of host that one owner controls
// ("example.co.uk" for "www.example.co.uk"). Hosts without a public suffix
// (IP addresses, "localhost", intranet names) are returned literally, so
// 127.0.0.1 and localhost count as different sites.
func RegistrableDomain(host string) string {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "" {
		return ""
	}
	if net.ParseIP(strings.Trim(h, "[]")) != nil || !strings.Contains(h, ".") {
		return h
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(h)
	if err != nil {
		return h
	}
	return d
}

// sameSite reports whether a redirect from one host to another stays with
// the same owner, or the target is on the allow-list.
func sameSite(from, to string, allowed []string) bool {
	fd, td := RegistrableDomain(from), RegistrableDomain(to)
	if fd == td {
		return true
	}
	th := strings.TrimSuffix(strings.ToLower(to), ".")
	for _, a := range allowed {
		a = strings.TrimPrefix(strings.TrimSuffix(strings.ToLower(strings.TrimSpace(a)), "."), ".")
		if a == "" {
			continue
		}
		if th == a || strings.HasSuffix(th, "."+a) || td == a {
			return true
		}
	}
	return false
}
