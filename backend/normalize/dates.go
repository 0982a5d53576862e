package normalize

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// monthNames maps lower-case month names and abbreviations in the languages
// of the catalog to month numbers. Pages rendered client-side switch between
// "8 July 2026" and "July 8, 2026" with the browser locale, and some
// providers publish their English terms with a localised date.
var monthNames = map[string]int{}

func init() {
	lists := [][]string{
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
		{"", "", "", "", "", "", "", "", "sept", "", "", ""},
		{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		{"", "fevrier", "", "", "", "", "", "aout", "", "", "", "decembre"},
		{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
		{"", "", "maerz", "", "", "", "", "", "", "", "", ""},
		{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		{"", "", "", "", "", "", "", "", "setiembre", "", "", ""},
		{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	}
	for _, l := range lists {
		for i, name := range l {
			if name != "" {
				monthNames[name] = i + 1
			}
		}
	}
	names := make([]string, 0, len(monthNames))
	for n := range monthNames {
		names = append(names, regexp.QuoteMeta(n))
	}
	// Longest first so that "septembre" is not cut to "sept".
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	month := `(` + strings.Join(names, "|") + `)\.?`
	day := `(\d{1,2})(?:st|nd|rd|th|er|º|\.)?`
	// Every non-ISO form ends with the year, so the scanner finds a year
	// first and matches what precedes it: a regexp over the whole document
	// with this many alternatives runs at about 1 MB/s.
	beforeYearRe = regexp.MustCompile(`(?i)\b(?:` +
		// 1: "July 8, " / "Jul. 8th "
		month + `\s+` + day + `,?\s+` +
		// 3: "8 July " / "8th of July, " / "8. Juli " / "8 de julio de "
		`|` + day + `\s+(?:of\s+|de\s+)?` + month + `,?\s+(?:de\s+)?` +
		// 5: "July " (month precision)
		`|` + month + `,?\s+(?:de\s+)?` +
		`)$`)
}

// beforeYearRe matches the part of a written-out date that precedes its year.
var beforeYearRe *regexp.Regexp

// labelBeforeRe finds an "updated" or "effective" label directly before a
// date. Emphasis markers and colons between the label and the date are
// dropped because their placement varies between renderings.
var labelBeforeRe = regexp.MustCompile(`(?i)\b(?:(?:last\s+)?(?:updated|modified|revised|reviewed|amended)(?:\s+on)?|(?:date\s+effective|effective\s+date|effective|in\s+effect)(?:\s+(?:as\s+of|from|on))?)[\s:*_]*$`)

// window bounds how far back from a year the scanner looks for the rest of
// a date or its label.
const window = 48

// dateMatch is one date found by scanDates: s[start:end] is the date and
// its label, if any.
type dateMatch struct {
	start, end int
	iso        string
	kind       DateKind // empty when the date has no label
}

// scanDates finds the dates of s in order, without overlaps.
func scanDates(s string, fn func(dateMatch)) {
	last := 0
	for p := 0; p+4 <= len(s); {
		q := p
		for q < len(s) && isDigit(s[q]) {
			q++
		}
		if q == p {
			p++
			continue
		}
		if q-p != 4 || (p > 0 && isWordByte(s[p-1]) && !isDigit(s[p-1])) {
			p = q
			continue
		}
		m, ok := dateAt(s, p, last)
		if !ok {
			p = q
			continue
		}
		if ws := max(last, m.start-window); ws < m.start {
			if loc := labelBeforeRe.FindStringIndex(s[ws:m.start]); loc != nil {
				m.kind = DateKind(labelKind(s[ws+loc[0] : m.start]))
				m.start = ws + loc[0]
			}
		}
		fn(m)
		last = m.end
		p = m.end
	}
}

// dateAt recognises a date whose four-digit year starts at p.
func dateAt(s string, p, last int) (dateMatch, bool) {
	y := atoi(s[p : p+4])
	// ISO-like: 2025-03-05 or 2025/03/05.
	if p+5 < len(s) && (s[p+4] == '-' || s[p+4] == '/') {
		sep := s[p+4]
		i := p + 5
		m, i := digits(s, i, 2)
		if sep == '-' && m > 0 && i == p+7 && (i == len(s) || (s[i] != sep && !isWordByte(s[i]))) && m <= 12 && y >= 1900 && y <= 2199 {
			// 2025-07: month precision, as CanonicalDates writes it.
			return dateMatch{start: p, end: i, iso: s[p:i]}, true
		}
		if m > 0 && i < len(s) && s[i] == sep {
			d, j := digits(s, i+1, 2)
			if d > 0 && (j == len(s) || !isWordByte(s[j])) {
				if iso, ok := isoDay(y, m, d); ok {
					return dateMatch{start: p, end: j, iso: iso}, true
				}
				return dateMatch{}, false
			}
		}
	}
	end := p + 4
	if end < len(s) && isWordByte(s[end]) {
		return dateMatch{}, false
	}
	// Every form beforeYearRe knows ends in white space before the year;
	// without it the regexp, the slow part of normalising, cannot match.
	if p == 0 || !isRESpace(s[p-1]) {
		return dateMatch{}, false
	}
	ws := max(last, p-window)
	// Widen to a word boundary so that a month name is never cut in half.
	for ws > last && ws > p-window-16 && isWordByte(s[ws-1]) {
		ws--
	}
	sub := beforeYearRe.FindStringSubmatchIndex(s[ws:p])
	if sub == nil {
		return dateMatch{}, false
	}
	group := func(k int) string {
		if sub[2*k] < 0 {
			return ""
		}
		return s[ws+sub[2*k] : ws+sub[2*k+1]]
	}
	var iso string
	var ok bool
	switch {
	case group(1) != "":
		iso, ok = isoDay(y, monthNames[strings.ToLower(group(1))], atoi(group(2)))
	case group(3) != "":
		iso, ok = isoDay(y, monthNames[strings.ToLower(group(4))], atoi(group(3)))
	case group(5) != "":
		if m := monthNames[strings.ToLower(group(5))]; m > 0 && y >= 1900 && y <= 2199 {
			iso, ok = fmt.Sprintf("%04d-%02d", y, m), true
		}
	}
	if !ok {
		return dateMatch{}, false
	}
	return dateMatch{start: ws + sub[0], end: end, iso: iso}, true
}

func digits(s string, i, maxN int) (int, int) {
	n, start := 0, i
	for i < len(s) && i-start < maxN && isDigit(s[i]) {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == start || (i < len(s) && isDigit(s[i])) {
		return 0, start
	}
	return n, i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isRESpace is \s of the regexp package.
func isRESpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// isWordByte treats every non-ASCII byte as a letter, which is right for the
// accented month names and harmless elsewhere.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_' || c >= 0x80
}

// CanonicalDates rewrites every date it recognises to ISO form (YYYY-MM-DD,
// or YYYY-MM for a month and year) and the label before a stated date to
// "updated:" or "effective:". Dates that differ stay different.
func CanonicalDates(s string) string {
	var b []byte
	last := 0
	scanDates(s, func(m dateMatch) {
		if b == nil {
			b = make([]byte, 0, len(s))
		}
		b = append(b, s[last:m.start]...)
		if m.kind != "" {
			b = append(b, m.kind...)
			b = append(b, ": "...)
		}
		b = append(b, m.iso...)
		last = m.end
	})
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

func labelKind(m string) string {
	l := strings.ToLower(m)
	if strings.Contains(l, "effect") {
		return "effective"
	}
	return "updated"
}

// isoDay formats a day, rejecting impossible dates.
func isoDay(y, m, d int) (string, bool) {
	if m < 1 || m > 12 || d < 1 || y < 1900 || y > 2199 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// DateKind says what a stated date is about.
type DateKind string

const (
	// Effective is the date from which the terms apply.
	Effective DateKind = "effective"
	// Updated is the date the provider last revised the text.
	Updated DateKind = "updated"
)

// StatedDate is a date the document itself announces, such as
// "Last updated: March 5, 2025".
type StatedDate struct {
	Kind DateKind
	Date time.Time
	// MonthOnly is set when the document gives only a month and year;
	// Date is then the first of that month.
	MonthOnly bool
}

// StatedDates returns the "effective" and "last updated" dates md states,
// in document order.
func StatedDates(md string) []StatedDate {
	var out []StatedDate
	scanDates(Unescape(Chars(md)), func(m dateMatch) {
		if m.kind == "" {
			return
		}
		layout, monthOnly := "2006-01-02", false
		if len(m.iso) == 7 {
			layout, monthOnly = "2006-01", true
		}
		if t, err := time.Parse(layout, m.iso); err == nil {
			out = append(out, StatedDate{Kind: m.kind, Date: t, MonthOnly: monthOnly})
		}
	})
	return out
}

// EffectiveDate returns the first effective date md states, or failing that
// its first "last updated" date.
func EffectiveDate(md string) (time.Time, bool) {
	dates := StatedDates(md)
	for _, d := range dates {
		if d.Kind == Effective {
			return d.Date, true
		}
	}
	if len(dates) > 0 {
		return dates[0].Date, true
	}
	return time.Time{}, false
}

// relativeRe finds times stated relative to the moment of rendering ("21
// days ago", "Updated: yesterday"). They change with every fetch of an
// unchanged page. Bare "today" or "yesterday" only count after a label;
// elsewhere they are ordinary words.
var relativeRe = regexp.MustCompile(`(?i)(\b(?:(?:last\s+)?(?:updated|modified|revised|reviewed|amended)|effective)[\s:*_]*)?\b((?:\d+|an?|one|a\s+few)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago|yesterday|today|just\s+now)\b`)

// RelativeTimes replaces times relative to the rendering moment by
// "recently", and their label by "updated:" or "effective:".
func RelativeTimes(s string) string {
	if !hasRelativeKeyword(s) {
		return s
	}
	var b []byte
	last := 0
	// The regexp is slow on a whole document, so it only runs on the
	// lines that contain one of its keywords; those lines are found by
	// looking for the keywords, since testing every line for them cost
	// more than the rest of RelativeTimes.
	for _, start := range keywordLines(s) {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		line := s[start:end]
		if repl := relativeRe.ReplaceAllStringFunc(line, relativeReplace); repl != line {
			b = append(b, s[last:start]...)
			b = append(b, repl...)
			last = end
		}
	}
	if last == 0 {
		return s
	}
	return string(append(b, s[last:]...))
}

// relativeKeywords are what hasRelativeKeyword looks for; none holds a line
// break, so each occurrence lies within one line.
var relativeKeywords = []string{" ago", "esterday", "oday", "ust now"}

// keywordLines returns, in order, the offsets of the lines of s that hold a
// relative keyword: the lines for which hasRelativeKeyword is true.
func keywordLines(s string) []int {
	var starts []int
	for _, kw := range relativeKeywords {
		for i := 0; ; {
			j := strings.Index(s[i:], kw)
			if j < 0 {
				break
			}
			j += i
			starts = append(starts, strings.LastIndexByte(s[:j], '\n')+1)
			e := strings.IndexByte(s[j:], '\n')
			if e < 0 {
				break
			}
			i = j + e + 1
		}
	}
	slices.Sort(starts)
	return slices.Compact(starts)
}

func relativeReplace(m string) string {
	sub := relativeRe.FindStringSubmatch(m)
	if sub[1] == "" {
		if strings.HasSuffix(strings.ToLower(sub[2]), "ago") {
			return "recently"
		}
		return m
	}
	return labelKind(sub[1]) + ": recently"
}

// hasRelativeKeyword is a fast filter for relativeRe. It misses words in
// capitals only ("YESTERDAY"), which the pages seen so far do not use.
func hasRelativeKeyword(s string) bool {
	for _, kw := range relativeKeywords {
		if strings.Contains(s, kw) {
			return true
		}
	}
	return false
}
