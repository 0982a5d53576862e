package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of the analysed text.
type Span struct{ Start, End int }

// Sentences splits terms text, usually Markdown, into the units a provision
// is judged on. Headings, list items and table rows are units of their own;
// paragraphs and list items are split into sentences at ". ", "! ", "? "
// when the next word starts a sentence, but not after abbreviations that end
// in a period in legal text ("e.g.", "Inc.", "U.S.", "No.") nor after a
// clause number ("1. Definitions"). Spans are trimmed of blanks and of list
// and heading markers; offsets are into text as given.
func Sentences(text string) []Span {
	var out []Span
	blockStart, blockEnd := -1, -1
	flush := func() {
		if blockStart >= 0 {
			out = splitBlock(text, blockStart, blockEnd, out)
		}
		blockStart, blockEnd = -1, -1
	}
	for pos := 0; pos < len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		next := len(text)
		if end < 0 {
			end = len(text)
		} else {
			end += pos
			next = end + 1
		}
		lineStart, lineEnd := pos, end
		pos = next
		body := lineStart + indent(text[lineStart:lineEnd])
		line := text[body:lineEnd]
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
		case isRule(trimmed):
			flush()
		case strings.HasPrefix(trimmed, "|"):
			flush()
			if !isTableSeparator(trimmed) {
				out = addSpan(text, body, lineEnd, out)
			}
		case headingLevel(line) > 0:
			flush()
			n := headingLevel(line)
			out = addSpan(text, body+n, lineEnd, out)
		default:
			for strings.HasPrefix(text[body:lineEnd], ">") {
				body++
				body += indent(text[body:lineEnd])
			}
			if m := listMarker(text[body:lineEnd]); m > 0 {
				flush()
				blockStart, blockEnd = body+m, lineEnd
				continue
			}
			if blockStart < 0 {
				blockStart = body
			}
			blockEnd = lineEnd
		}
	}
	flush()
	return out
}

func indent(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// isRule reports a thematic break ("---", "* * *", "- - -"), which OTA also
// uses to join pages.
func isRule(s string) bool {
	if len(s) < 3 {
		return false
	}
	c := s[0]
	if c != '-' && c != '*' && c != '_' && c != '=' {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

func isTableSeparator(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '|', '-', ':', ' ', '\t':
		default:
			return false
		}
	}
	return true
}

// headingLevel returns the length of an ATX heading marker with its
// following blanks, or 0.
func headingLevel(line string) int {
	i := 0
	for i < len(line) && line[i] == '#' {
		i++
	}
	if i == 0 || i > 6 {
		return 0
	}
	if i == len(line) {
		return i
	}
	if line[i] != ' ' && line[i] != '\t' {
		return 0
	}
	return i + indent(line[i:])
}

// listMarker returns the length of a list item marker with its following
// blanks ("* ", "1. ", "(a) ", "iv) "), or 0.
func listMarker(line string) int {
	if len(line) < 2 {
		return 0
	}
	i := 0
	switch {
	case line[0] == '*' || line[0] == '-' || line[0] == '+':
		i = 1
	case strings.HasPrefix(line, "•"):
		i = len("•")
	default:
		j := 0
		paren := false
		if line[0] == '(' {
			paren, j = true, 1
		}
		k := j
		for k < len(line) && k-j < 4 && (line[k] >= '0' && line[k] <= '9') {
			k++
		}
		if k == j {
			// One letter, or a short roman numeral.
			for k < len(line) && k-j < 5 && isRomanOrLetter(line[k]) {
				k++
			}
			if k-j != 1 && !isRoman(line[j:k]) {
				return 0
			}
		}
		if k == j || k >= len(line) {
			return 0
		}
		switch {
		case line[k] == ')':
			k++
		case line[k] == '.' && !paren:
			k++
			// "1.2" or "e.g." is not a marker.
			if k < len(line) && line[k] != ' ' && line[k] != '\t' {
				return 0
			}
		default:
			return 0
		}
		i = k
	}
	if i >= len(line) || (line[i] != ' ' && line[i] != '\t') {
		return 0
	}
	return i + indent(line[i:])
}

func isRomanOrLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isRoman(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'i', 'v', 'x', 'I', 'V', 'X':
		default:
			return false
		}
	}
	return true
}

// addSpan appends [start, end) trimmed, if it holds a letter or digit.
func addSpan(text string, start, end int, out []Span) []Span {
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return append(out, Span{start, end})
		}
		i += size
	}
	return out
}

// closers may follow a sentence's final stop and still belong to it.
const closers = "\"'”’)]*_"

func splitBlock(text string, start, end int, out []Span) []Span {
	sentStart := start
	for i := start; i < end; i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < end {
			if strings.IndexByte(closers, text[j]) >= 0 {
				j++
				continue
			}
			if r, size := utf8.DecodeRuneInString(text[j:end]); r == '”' || r == '’' {
				j += size
				continue
			}
			break
		}
		if j < end && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' && text[j] != '\r' {
			continue
		}
		k := j
		for k < end && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r') {
			k++
		}
		if k >= end {
			break
		}
		if !startsSentence(text[k:end]) {
			continue
		}
		if c == '.' && !endsSentence(text[sentStart:i], text[k:end]) {
			continue
		}
		out = addSpan(text, sentStart, j, out)
		sentStart = k
		i = k - 1
	}
	return addSpan(text, sentStart, end, out)
}

func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case unicode.IsUpper(r), unicode.IsDigit(r):
		return true
	case strings.ContainsRune("\"'“‘([*_", r):
		return true
	}
	return false
}

// abbreviations never end a sentence in terms text; the lower-cased word
// before the period is looked up.
var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "eg": true, "ie": true, "cf": true, "viz": true, "vs": true, "v": true,
	"no": true, "nos": true, "art": true, "arts": true, "sec": true, "secs": true, "para": true, "paras": true,
	"ch": true, "cl": true, "pp": true, "p": true, "fig": true, "approx": true, "incl": true, "esp": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true, "sr": true,
	"u.s": true, "u.k": true, "e.u": true, "u.s.a": true, "a.m": true, "p.m": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// companySuffixes end a sentence only when a typical sentence opener
// follows: "Example, Inc. (\"we\")" goes on, "... by Example Inc. We ..." ends.
var companySuffixes = map[string]bool{
	"inc": true, "ltd": true, "llc": true, "co": true, "corp": true, "plc": true, "l.p": true, "lp": true,
	"s.a": true, "b.v": true, "n.v": true, "s.l": true, "s.r.l": true, "s.a.r.l": true, "pty": true, "gmbh": true, "ag": true,
}

var openers = map[string]bool{
	"we": true, "you": true, "the": true, "this": true, "these": true, "our": true, "your": true, "if": true,
	"in": true, "by": true, "to": true, "any": true, "all": true, "for": true, "when": true, "it": true, "they": true,
	"please": true, "each": true, "no": true, "unless": true, "except": true, "where": true, "as": true, "such": true,
}

// endsSentence decides whether the period after before ends a sentence,
// given the text after it.
func endsSentence(before, after string) bool {
	w := lastWord(before)
	if w == "" {
		return true
	}
	lw := strings.ToLower(w)
	if abbreviations[lw] {
		return false
	}
	if companySuffixes[lw] {
		r, _ := utf8.DecodeRuneInString(after)
		return unicode.IsLetter(r) && openers[strings.ToLower(firstWord(after))]
	}
	// An initial ("J. Smith") or a dotted abbreviation ("U.S.C").
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper(rune(w[0])) {
		return false
	}
	if strings.Contains(w, ".") {
		return false
	}
	// A clause number opening the sentence: "1. Definitions", "12. Feedback".
	if isDigits(w) && strings.TrimSpace(before) == w {
		return false
	}
	return true
}

func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.') {
			break
		}
		i -= size
	}
	return strings.TrimLeft(s[i:], ".")
}

func firstWord(s string) string {
	s = strings.TrimLeft(s, "\"'“‘([*_")
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			break
		}
		i += size
	}
	return s[:i]
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
