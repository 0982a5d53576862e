package normalize

import (
	"strings"
)

// markdownLines rewrites block-level Markdown into one flavour: ATX headings,
// "- " bullets, "---" rules and bare table delimiter rows, one block line per
// line with inner whitespace collapsed and blank lines dropped. Converters
// (turndown, html-to-markdown, hand-written pages) differ on exactly these
// points while the text stays the same.
func markdownLines(s string) string {
	b := make([]byte, 0, len(s))
	// lastStart is where the previous emitted line begins in b, so that a
	// setext underline can turn it into a heading after the fact.
	lastStart, lastKind := -1, lineBlank
	prevBlank := true
	rest := s
	for len(rest) > 0 {
		var raw string
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			raw, rest = rest[:i], rest[i+1:]
		} else {
			raw, rest = rest, ""
		}
		line := CollapseSpaces(raw)
		if line == "" {
			prevBlank = true
			continue
		}
		if level := setextLevel(line); level > 0 && !prevBlank && lastKind == lineText {
			heading := string(b[lastStart : len(b)-1])
			b = b[:lastStart]
			b = append(b, "##"[:level]...)
			b = append(b, ' ')
			b = append(b, heading...)
			b = append(b, '\n')
			lastKind = lineHeading
			prevBlank = false
			continue
		}
		if setextLevel(line) > 0 && len(line) < 3 || setextLevel(line) == 1 {
			// A row of "=" (or a lone "-" or "--") that underlines nothing
			// is decoration or an empty list item; kept, it would become an
			// underline once blank lines are dropped.
			continue
		}
		canon, kind := canonicalLine(line)
		lastStart = len(b)
		lastKind = kind
		prevBlank = false
		b = append(b, canon...)
		b = append(b, '\n')
	}
	if len(b) > 0 {
		b = b[:len(b)-1]
	}
	return string(b)
}

type lineKind int

const (
	lineBlank lineKind = iota
	lineText
	lineHeading
	lineOther
)

// CollapseSpaces trims s and replaces each run of spaces and tabs by one space.
func CollapseSpaces(s string) string {
	start, end := 0, len(s)
	for start < end && isSpace(s[start]) {
		start++
	}
	for end > start && isSpace(s[end-1]) {
		end--
	}
	s = s[start:end]
	needs := false
	for i := 0; i+1 < len(s); i++ {
		if isSpace(s[i]) && (isSpace(s[i+1]) || s[i] != ' ') {
			needs = true
			break
		}
	}
	if !needs {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// setextLevel reports 1 or 2 when line is a setext underline.
func setextLevel(line string) int {
	c := line[0]
	if c != '=' && c != '-' {
		return 0
	}
	for i := 1; i < len(line); i++ {
		if line[i] != c {
			return 0
		}
	}
	if c == '=' {
		return 1
	}
	return 2
}

// canonicalLine rewrites one trimmed, space-collapsed, non-blank line.
func canonicalLine(line string) (string, lineKind) {
	if isThematicBreak(line) {
		// "***" rather than "---": with blank lines gone, "---" after a
		// paragraph would read as a setext underline on a second pass.
		return "***", lineOther
	}
	switch line[0] {
	case '#':
		if text, level, ok := ATXHeading(line); ok {
			if text == "" {
				return strings.Repeat("#", level), lineHeading
			}
			return strings.Repeat("#", level) + " " + text, lineHeading
		}
	case '*', '+', '-':
		if len(line) > 1 && line[1] == ' ' {
			return "- " + line[2:], lineOther
		}
	case '|':
		if isTableDelimiter(line) {
			return canonicalDelimiter(line), lineOther
		}
		return line, lineOther
	case '>':
		return line, lineOther
	}
	if n := orderedMarker(line); n > 0 && line[n-1] == ')' {
		return line[:n-1] + "." + line[n:], lineOther
	} else if n > 0 {
		return line, lineOther
	}
	if strings.IndexByte(line, '|') >= 0 && isTableDelimiter(line) {
		return canonicalDelimiter(line), lineOther
	}
	return line, lineText
}

// ATXHeading parses a trimmed "## Heading ##" line.
func ATXHeading(line string) (text string, level int, ok bool) {
	for level < len(line) && level < 7 && line[level] == '#' {
		level++
	}
	if level == 0 || level > 6 {
		return "", 0, false
	}
	rest := line[level:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", 0, false
	}
	rest = strings.TrimSpace(rest)
	// A closing sequence of #s is decoration when preceded by a space. It is
	// stripped until none is left so that the result reads the same again.
	for {
		j := strings.TrimRight(rest, "#")
		if j == rest || (j != "" && j[len(j)-1] != ' ') {
			break
		}
		rest = strings.TrimSpace(j)
	}
	return rest, level, true
}

// orderedMarker returns the length of "12. " or "12) " at the start of line.
func orderedMarker(line string) int {
	i := 0
	for i < len(line) && i < 9 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i == 0 || i+1 >= len(line) || (line[i] != '.' && line[i] != ')') || line[i+1] != ' ' {
		return 0
	}
	return i + 1
}

func isThematicBreak(line string) bool {
	c := line[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case c:
			n++
		case ' ':
		default:
			return false
		}
	}
	// "---" alone can also be a setext underline; that case is handled by
	// the caller before this check.
	return n >= 3
}

// isTableDelimiter recognises a GFM delimiter row such as "| --- | :-: |".
func isTableDelimiter(line string) bool {
	dash, pipe := false, false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '-':
			dash = true
		case '|':
			pipe = true
		case ':', ' ':
		default:
			return false
		}
	}
	return dash && pipe
}

// canonicalDelimiter keeps only the column count, dropping widths and
// alignment, which converters pad differently.
func canonicalDelimiter(line string) string {
	cells := strings.Split(strings.Trim(line, "| "), "|")
	var b strings.Builder
	b.WriteByte('|')
	for range cells {
		b.WriteString("---|")
	}
	return b.String()
}
