// Package diff compares two versions of a terms document section by section,
// with a word-level diff inside each section, and classifies the change as
// material, minor or noise so that only material changes reach the user.
package diff

import (
	"strings"

	"fineprint/backend/normalize"
)

// BoldLevel is the level given to a stand-alone bold line such as
// "**1. Definitions**": below every real heading, so it nests under the
// heading it appears in.
const BoldLevel = 7

// maxBoldWords is the longest bold-only line taken as a heading.
const maxBoldWords = 12

// Section is one heading of a document with the text up to the next
// heading. Subsections are separate sections, so Body never contains a
// heading.
type Section struct {
	// Path is the chain of headings from the top of the document down to
	// this one; it is empty for the preamble before the first heading.
	Path []string
	// Heading is the plain text of the heading, without Markdown.
	Heading string
	// Level is 1-6 for ATX and setext headings, BoldLevel for bold-only
	// lines and 0 for the preamble.
	Level int
	// Body is the text after the heading line(s).
	Body string
	// Start and End are byte offsets in the document: Start is where the
	// heading line begins and End where the next section begins.
	Start, End int
}

type line struct {
	start, end int // end excludes the newline
	text       string
}

func splitLines(md string) []line {
	lines := make([]line, 0, strings.Count(md, "\n")+1)
	for start := 0; start < len(md); {
		end := strings.IndexByte(md[start:], '\n')
		next := 0
		if end < 0 {
			end = len(md)
			next = len(md)
		} else {
			end += start
			next = end + 1
		}
		text := md[start:end]
		text = strings.TrimSuffix(text, "\r")
		lines = append(lines, line{start: start, end: end, text: text})
		start = next
	}
	return lines
}

type headingAt struct {
	start     int // offset of the heading line
	bodyStart int // offset after the heading (and its underline)
	level     int
	text      string
}

// findHeadings returns the headings of md in order.
func findHeadings(md string) []headingAt {
	lines := splitLines(md)
	var out []headingAt
	fence := ""
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l.text)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if t == "" || indent(l.text) > 3 {
			continue
		}
		bodyStart := func(j int) int {
			if j+1 < len(lines) {
				return lines[j+1].start
			}
			return len(md)
		}
		if t[0] == '#' {
			if text, level, ok := normalize.ATXHeading(t); ok && plain(text) != "" {
				out = append(out, headingAt{l.start, bodyStart(i), level, plain(text)})
				continue
			}
		}
		if i+1 < len(lines) && isParagraphLine(t) {
			if level := underline(lines[i+1].text); level > 0 && plain(t) != "" {
				out = append(out, headingAt{l.start, bodyStart(i + 1), level, plain(t)})
				i++
				continue
			}
		}
		if text, ok := boldOnly(t); ok && blankAround(lines, i) {
			out = append(out, headingAt{l.start, bodyStart(i), BoldLevel, text})
		}
	}
	return out
}

func indent(s string) int {
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	if n < len(s) && s[n] == '\t' {
		return 4
	}
	return n
}

// isParagraphLine reports whether a trimmed line could be the text of a
// setext heading: not a list item, table row, quote or rule.
func isParagraphLine(t string) bool {
	switch t[0] {
	case '|', '>', '#':
		return false
	case '*', '-', '+':
		return len(t) > 1 && t[1] != ' '
	case '=':
		return false
	}
	return true
}

func underline(s string) int {
	t := strings.TrimSpace(s)
	if t == "" || indent(s) > 3 {
		return 0
	}
	c := t[0]
	if c != '=' && c != '-' {
		return 0
	}
	for i := 1; i < len(t); i++ {
		if t[i] != c {
			return 0
		}
	}
	if c == '=' {
		return 1
	}
	return 2
}

// boldOnly recognises a line that is entirely bold, such as
// "**1. Definitions**" or "__Scope:__", and returns its plain text.
func boldOnly(t string) (string, bool) {
	if len(t) < 5 || len(t) > 200 {
		return "", false
	}
	var mark string
	switch {
	case strings.HasPrefix(t, "**"):
		mark = "**"
	case strings.HasPrefix(t, "__"):
		mark = "__"
	default:
		return "", false
	}
	inner := strings.TrimSuffix(t, ":")
	if !strings.HasSuffix(inner, mark) || len(inner) < 2*len(mark)+1 {
		return "", false
	}
	inner = inner[len(mark) : len(inner)-len(mark)]
	if strings.Contains(inner, mark) || strings.TrimSpace(inner) != inner {
		return "", false
	}
	text := strings.TrimSpace(strings.TrimSuffix(plain(inner), ":"))
	// A long bold sentence is emphasis, not a title.
	if !hasLetter(text) || len(strings.Fields(text)) > maxBoldWords {
		return "", false
	}
	return text, true
}

func blankAround(lines []line, i int) bool {
	before := i == 0 || strings.TrimSpace(lines[i-1].text) == ""
	after := i+1 >= len(lines) || strings.TrimSpace(lines[i+1].text) == ""
	return before && after
}

// plain strips inline Markdown from heading text: emphasis, links (keeping
// their text), escapes and extra spaces.
func plain(s string) string {
	if strings.ContainsAny(s, "[*_`\\") {
		s = stripLinks(s)
		s = strings.NewReplacer("**", "", "__", "", "`", "").Replace(s)
		s = strings.Trim(s, "*_ ")
		s = normalize.Unescape(s)
	}
	return normalize.CollapseSpaces(normalize.Chars(s))
}

// stripLinks replaces [text](url) with text.
func stripLinks(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "](")
		if i < 0 {
			break
		}
		open := strings.LastIndexByte(s[:i], '[')
		close := strings.IndexByte(s[i+2:], ')')
		if open < 0 || close < 0 {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:open])
		b.WriteString(s[open+1 : i])
		s = s[i+2+close+1:]
	}
	b.WriteString(s)
	return b.String()
}

func hasLetter(s string) bool {
	for _, r := range s {
		if isLetter(r) {
			return true
		}
	}
	return false
}

// Sections splits md into its heading tree, flattened in document order.
// Text before the first heading becomes a preamble section with an empty
// path when it is not blank.
func Sections(md string) []Section {
	heads := findHeadings(md)
	out := make([]Section, 0, len(heads)+1)
	firstStart := len(md)
	if len(heads) > 0 {
		firstStart = heads[0].start
	}
	if strings.TrimSpace(md[:firstStart]) != "" {
		out = append(out, Section{Path: []string{}, Body: md[:firstStart], Start: 0, End: firstStart})
	}
	type open struct {
		level int
		text  string
	}
	var stack []open
	for i, h := range heads {
		end := len(md)
		if i+1 < len(heads) {
			end = heads[i+1].start
		}
		for len(stack) > 0 && stack[len(stack)-1].level >= h.level {
			stack = stack[:len(stack)-1]
		}
		stack = append(stack, open{h.level, h.text})
		path := make([]string, len(stack))
		for j, o := range stack {
			path[j] = o.text
		}
		bodyStart := min(h.bodyStart, end)
		out = append(out, Section{
			Path:    path,
			Heading: h.text,
			Level:   h.level,
			Body:    md[bodyStart:end],
			Start:   h.start,
			End:     end,
		})
	}
	return out
}
