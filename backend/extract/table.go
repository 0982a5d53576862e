package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Tables follow the GFM plugin OTA uses: a table becomes a pipe table unless
// it has a single cell or holds another table, in which case its cells are
// written one after the other.

func parentTable(n *html.Node) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if htmlAtom(p) == atom.Table {
			return p
		}
	}
	return nil
}

// tableRows lists the rows the DOM's HTMLTableElement.rows returns: rows of
// thead first, then direct and tbody rows, then tfoot rows.
func tableRows(t *html.Node) []*html.Node {
	var head, body, foot []*html.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		switch htmlAtom(c) {
		case atom.Tr:
			body = append(body, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if htmlAtom(r) != atom.Tr {
					continue
				}
				switch htmlAtom(c) {
				case atom.Thead:
					head = append(head, r)
				case atom.Tfoot:
					foot = append(foot, r)
				default:
					body = append(body, r)
				}
			}
		}
	}
	return append(append(head, body...), foot...)
}

func (c *converter) tableSkipped(t *html.Node) bool {
	if t == nil {
		return true
	}
	if v, ok := c.skipTable[t]; ok {
		return v
	}
	rows := tableRows(t)
	skip := len(rows) == 0 || (len(rows) == 1 && childCount(rows[0]) <= 1)
	if !skip {
		for d := t.FirstChild; d != nil; d = nextInSubtree(d, t) {
			if htmlAtom(d) == atom.Table {
				skip = true
				break
			}
		}
	}
	c.skipTable[t] = skip
	return skip
}

func childCount(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		k++
	}
	return k
}

func colCount(t *html.Node) int {
	m := 0
	for _, r := range tableRows(t) {
		m = max(m, childCount(r))
	}
	return m
}

func isHeadingRow(tr *html.Node) bool {
	p := tr.Parent
	if p == nil {
		return false
	}
	if htmlAtom(p) == atom.Thead {
		return true
	}
	if p.FirstChild != tr || !(htmlAtom(p) == atom.Table || isFirstTbody(p)) {
		return false
	}
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if htmlAtom(c) != atom.Th {
			return false
		}
	}
	return true
}

func isFirstTbody(n *html.Node) bool {
	if htmlAtom(n) != atom.Tbody {
		return false
	}
	prev := n.PrevSibling
	return prev == nil || (htmlAtom(prev) == atom.Thead && trimJS(textContent(prev)) == "")
}

func cell(content string, n *html.Node, index int) string {
	if index < 0 {
		index = 0
		for s := n.Parent.FirstChild; s != nil && s != n; s = s.NextSibling {
			index++
		}
	}
	prefix := " "
	if index == 0 {
		prefix = "| "
	}
	content = strings.ReplaceAll(trimJS(content), "\n\r", "<br>")
	content = strings.ReplaceAll(content, "\n", "<br>")
	for jsLength(content) < 3 {
		content += " "
	}
	if n != nil {
		span := 1
		if v := strings.TrimSpace(attr(n, "colspan")); v != "" {
			span = atoiPrefix(v)
		}
		for i := 1; i < span && i < 1000; i++ {
			content += " |    "
		}
	}
	return prefix + content + " |"
}

// atoiPrefix reads a number the way JavaScript compares "3" < 4: a value
// that is not a number gives no extra columns.
func atoiPrefix(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 1
		}
		n = n*10 + int(r-'0')
		if n > 1000 {
			return 1000
		}
	}
	return n
}

func (c *converter) tableRow(n *html.Node, content string) string {
	t := parentTable(n)
	if c.tableSkipped(t) {
		return content
	}
	border := ""
	if isHeadingRow(n) {
		var b strings.Builder
		for i := range colCount(t) {
			b.WriteString(cell("---", nil, i))
		}
		border = b.String()
	}
	if border != "" {
		return "\n" + content + "\n" + border
	}
	return "\n" + content
}

func (c *converter) table(n *html.Node, content string) string {
	if c.tableSkipped(n) {
		return content
	}
	rows := tableRows(n)
	cols := colCount(n)
	header := ""
	if cols > 0 && !isHeadingRow(rows[0]) {
		header = "|" + strings.Repeat("     |", cols) + "\n" + "|" + strings.Repeat(" --- |", cols)
	}
	for strings.Contains(content, "\n\n") {
		content = strings.ReplaceAll(content, "\n\n", "\n")
	}
	return "\n\n" + header + content + "\n\n"
}
